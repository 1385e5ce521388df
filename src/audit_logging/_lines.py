r"""What a line is, for every line-oriented file this library writes and reads: the text up to a ``"\n"``.

The writers (``json.dumps``, python-json-logger, orjson, the spool, the
chain) end each record with ``"\n"`` and escape ``"\n"`` and ``"\r"`` inside
it, but leave U+2028, U+2029, U+0085 and the other characters
``str.splitlines()`` also breaks at as they are, inside strings where JSON
allows them. A reader that splits on any of those cuts a record in two: so
readers split here, on ``"\n"`` alone. What follows the last ``"\n"`` is a
torn tail: a write a crash cut off, never a whole record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["read_lines", "split_lines"]


def split_lines(text: str) -> tuple[list[str], str]:
    r"""The complete lines of a file's text (without their ``"\n"``), and its torn tail (``""`` when none)."""
    *lines, tail = text.split("\n")
    return lines, tail


def read_lines(path: Path) -> tuple[list[str], str]:
    """:func:`split_lines` of a UTF-8 file."""
    return split_lines(path.read_text(encoding="utf-8"))
