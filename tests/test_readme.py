"""Every Python snippet in the README runs as written."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

README = Path(__file__).parent.parent / "README.md"
SNIPPETS = re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)


def test_the_readme_has_snippets() -> None:
    """The parametrised test below is not vacuous."""
    assert len(SNIPPETS) >= 2


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Snippets configure logging as an application would; undo it for the tests after them."""
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in list(logging.Logger.manager.loggerDict))]
    saved = {logger: (logger.handlers[:], logger.filters[:], logger.level) for logger in loggers}
    yield
    for logger in [logging.getLogger(), *(logging.getLogger(name) for name in list(logging.Logger.manager.loggerDict))]:
        handlers, filters, level = saved.get(logger, ([], [], logging.NOTSET))
        logger.handlers[:] = handlers
        logger.filters[:] = filters
        logger.setLevel(level)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[f"snippet{i}" for i in range(len(SNIPPETS))])
def test_snippet_runs(snippet: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A snippet runs in a fresh namespace without an exception, printing what its comments promise."""
    exec(compile(snippet, str(README), "exec"), {"__name__": "__readme__"})  # noqa: S102 -- our own README
    printed = capsys.readouterr().out
    for expected in re.findall(r"print\(.*\)\s+# (.+)$", snippet, flags=re.MULTILINE):
        assert expected in printed
