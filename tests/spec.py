"""Readers for the vendored spec data in tests/data/, shared by the catalog and CLI tests."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
PAGE = DATA / "logto-event-types.txt"
SOURCE_KEYS = DATA / "logto-source-keys.tsv"

# A page row is "Key | Name |"; the header row is "Key | Name |" too.
_ROW = re.compile(r"^(?P<key>[A-Za-z.]+) \| (?P<name>.+) \|$")


@dataclass(frozen=True)
class PageRow:
    key: str
    name: str
    category: str


def page_rows() -> list[PageRow]:
    """The documented events in the page's order, each under the section title above its table."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    rows: list[PageRow] = []
    for index, line in enumerate(lines):
        match = _ROW.match(line)
        if not match or match["key"] == "Key":
            continue
        rows.append(PageRow(match["key"], match["name"], _section_of(lines, index)))
    return rows


def _section_of(lines: list[str], index: int) -> str:
    # A table is: title line, "Key | Name |", "---|---|", rows. Walk up to the header.
    while lines[index] != "Key | Name |":
        index -= 1
    return lines[index - 1]


@dataclass(frozen=True)
class SourceKey:
    key: str
    family: str
    status: str  # current / deprecated-legacy / webhook
    emitted: bool  # a call site creates it, as opposed to a type-only member of the union


def source_keys() -> dict[str, SourceKey]:
    """Every key of Logto's TypeScript LogKey union, from the reference TSV."""
    with SOURCE_KEYS.open(encoding="utf-8", newline="") as handle:
        return {
            row["key"]: SourceKey(row["key"], row["family"], row["union_status"], row["emitted_by_call_site"] == "yes")
            for row in csv.DictReader(handle, delimiter="\t")
        }
