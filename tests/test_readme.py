"""Every Python snippet in the README runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"
SNIPPETS = re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)


def test_the_readme_has_snippets() -> None:
    """The parametrised test below is not vacuous."""
    assert len(SNIPPETS) >= 2


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[f"snippet{i}" for i in range(len(SNIPPETS))])
def test_snippet_runs(snippet: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A snippet runs in a fresh namespace without an exception, printing what its comments promise."""
    exec(compile(snippet, str(README), "exec"), {"__name__": "__readme__"})  # noqa: S102 -- our own README
    printed = capsys.readouterr().out
    for expected in re.findall(r"print\(.*\)\s+# (.+)$", snippet, flags=re.MULTILINE):
        assert expected in printed
