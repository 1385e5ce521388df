"""Every Python snippet in the README runs as written."""

from __future__ import annotations

import itertools
import json
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


def _blocks(text: str) -> list[tuple[str, str, int]]:
    """Each fenced block: its language, its text, and the number of prose lines since the block before it."""
    blocks: list[tuple[str, str, int]] = []
    language: str | None = None
    body: list[str] = []
    prose = 0
    for line in text.splitlines():
        if language is None and line.startswith("```"):
            language, body = line[3:].strip(), []
        elif language is not None and line == "```":
            blocks.append((language, "".join(f"{each}\n" for each in body), prose))
            language, prose = None, 0
        elif language is not None:
            body.append(line)
        elif line.strip():
            prose += 1
    return blocks


# A Python snippet and the output shown right after it (at most a few lines of prose between them).
_BLOCKS = _blocks(README.read_text(encoding="utf-8"))
PAIRS = [
    (snippet, shown)
    for (language, snippet, _), (next_language, shown, prose) in itertools.pairwise(_BLOCKS)
    if language == "python" and next_language == "json" and prose <= 4
]
# What differs from run to run: the times, the record ids and sequence numbers, the package's own version.
TRACEBACKS = frozenset({"exception", "exception.stacktrace", "error.stack_trace", "unmapped.exception.stacktrace"})
VOLATILE = frozenset(
    {
        *("timestamp", "@timestamp", "time", "audit.record.id", "audit.record.sequence"),
        *("event.id", "event.sequence", "metadata.uid", "metadata.sequence", "metadata.product.version"),
    }
)


def _shown(block: str) -> list[dict[str, object]]:
    """The JSON objects of an output block, one after another (wrapped over lines as the README shows them)."""
    decoder, objects, at = json.JSONDecoder(), [], 0
    while at < len(block):
        if block[at].isspace():
            at += 1
            continue
        found, at = decoder.raw_decode(block, at)
        objects.append(found)
    return objects


def _steady(value: object, path: str = "") -> object:
    """``value`` with what differs between runs replaced by its kind, at any depth (ECS's ``event.id``)."""
    if isinstance(value, dict):
        return {key: _steady(item, f"{path}.{key}" if path else key) for key, item in value.items()}
    if path in VOLATILE:
        return f"<{type(value).__name__}>"
    if path in TRACEBACKS and isinstance(value, str):  # its frames name the file it ran from: first and last line
        lines = value.split("\n")
        return f"{lines[0]}\n  ...\n{lines[-1]}"
    return value


def test_the_readme_shows_outputs() -> None:
    """The test below is not vacuous."""
    assert len(PAIRS) >= 2


@pytest.mark.parametrize(("snippet", "shown"), PAIRS, ids=[f"output{i}" for i in range(len(PAIRS))])
def test_each_output_shown_is_what_its_snippet_prints(
    snippet: str, shown: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Field for field and in order, but for the times, ids and sequence numbers of the run (issue 14, item 9)."""
    for name in ("OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES"):
        monkeypatch.delenv(name, raising=False)  # the snippet as a reader runs it
    exec(compile(snippet, str(README), "exec"), {"__name__": "__readme__"})  # noqa: S102 -- our own README
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    expected = [_steady(each) for each in _shown(shown)]
    assert [json.dumps(_steady(each)) for each in printed] == [json.dumps(each) for each in expected]
