"""Tamper evidence: an HMAC-SHA256 chain over the JSON lines of an audit log (opt-in).

Each line gets ``audit.chain.seq`` (its position in the chain, from 0),
``audit.chain.prev`` (the previous line's MAC; 64 zeros for the first) and
``audit.chain.mac``: HMAC-SHA256, under a key that never appears in the log,
of the line's canonical JSON (keys sorted, no spaces, UTF-8) without the MAC.
Changing, deleting, inserting or reordering a line breaks the chain at that
point, and :func:`verify` (``audit-logging verify FILE... --key-env VAR``)
says where and how.

What a chain cannot prove on its own: that the last lines were not cut off
(a truncated log is a valid shorter chain), or that someone holding the key
did not rewrite the whole log. Anchor it: ship the lines off the machine as
they are written (the OpenTelemetry export), or record the latest MAC
somewhere the writer cannot change.

Written here because no library we know of chains log lines: the logging
libraries this package builds on leave integrity to storage.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from audit_logging._lines import read_lines
from audit_logging._validate import require_type
from audit_logging.record import warn_once
from audit_logging.redaction import Redactor, safe_str

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from structlog.typing import EventDict, WrappedLogger

__all__ = ["ChainedJSONRenderer", "HmacChain", "Problem", "verify"]

SEQ: Final = "audit.chain.seq"
PREV: Final = "audit.chain.prev"
MAC: Final = "audit.chain.mac"
GENESIS: Final = "0" * 64


def canonical(record: Mapping[str, Any]) -> bytes:
    """The bytes a MAC is computed over: sorted keys, no spaces, UTF-8; non-JSON values as text."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def _mac(key: bytes, record: Mapping[str, Any]) -> str:
    return hmac.new(key, canonical(record), hashlib.sha256).hexdigest()


def _key(key: bytes | str | None, key_env: str | None) -> bytes:
    if key is not None and key_env is not None:
        msg = "give `key` or `key_env`, not both"
        raise ValueError(msg)
    if key_env is not None:
        value = os.environ.get(key_env)
        if not value:
            msg = f"`key_env`: the environment variable {key_env} is not set or empty"
            raise ValueError(msg)
        return value.encode()
    require_type(key, (bytes, str, type(None)), "key", "bytes, str or None")
    if not key:
        msg = "`key` is required (bytes or str, kept out of the log), or name an environment variable with `key_env`"
        raise ValueError(msg)
    return key.encode() if isinstance(key, str) else key


class HmacChain:
    """Seals records into one chain, in the order they are sealed (thread-safe).

    ``key`` or ``key_env`` (the name of an environment variable holding it).
    ``resume``: a chained log file to continue, after a restart, from its
    last line (a new chain starts at 0 otherwise). A torn last line (a write
    a crash cut off: text after the last newline) is cut off the file, with a
    warning, so the next record starts a line of its own; a last line that is
    not a sealed record raises ``ValueError`` naming ``resume``.
    """

    __slots__ = ("_key", "_lock", "_next", "_prev")

    def __init__(
        self,
        key: bytes | str | None = None,
        *,
        key_env: str | None = None,
        resume: str | os.PathLike[str] | None = None,
    ) -> None:
        self._key = _key(key, key_env)
        self._lock = threading.Lock()
        self._next, self._prev = 0, GENESIS
        require_type(resume, (str, os.PathLike, type(None)), "resume", "a path or None")
        if resume is not None and Path(resume).exists():
            self._next, self._prev = _resume(Path(resume))

    def __repr__(self) -> str:
        return f"HmacChain(next={self._next})"

    def seal(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """The record with its place in the chain and its MAC, as the line :meth:`line` writes."""
        sealed: dict[str, Any] = json.loads(self.line(record))
        return sealed

    def line(self, record: Mapping[str, Any]) -> str:
        """The sealed record as one JSON line: what :func:`verify` recomputes from, exactly.

        The MAC covers the canonical JSON of the record with its ``seq`` and
        ``prev``; that text is the line, with the MAC added as its last member
        (canonical JSON parsed and re-encoded gives back the same text, so the
        MAC's place in the line does not matter).
        """
        with self._lock:
            text = canonical({**record, SEQ: self._next, PREV: self._prev}).decode()
            mac = hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()
            self._next += 1
            self._prev = mac
        return f'{text[:-1]},"{MAC}":"{mac}"}}'


def _resume(path: Path) -> tuple[int, str]:
    """The next sequence number and the previous MAC of a chained log; its torn tail cut off first."""
    lines, tail = read_lines(path)
    if tail:
        with path.open("r+b") as handle:
            handle.truncate(path.stat().st_size - len(tail.encode("utf-8")))
        warn_once(
            f"torn:{path}",
            f"HmacChain(resume={str(path)!r}) cut off a torn last line ({len(tail)} characters a crash left "
            "unfinished), so the chain goes on from the last whole record",
        )
    last = next((line for line in reversed(lines) if line.strip()), None)
    if last is None:
        return 0, GENESIS
    try:
        record = json.loads(last)
        return int(record[SEQ]) + 1, str(record[MAC])
    except (ValueError, TypeError, KeyError) as error:
        msg = f"`resume` must be a chained log: the last line of {str(path)!r} is not a sealed record ({error!r})"
        raise ValueError(msg) from error


# What makes a line no JSON encoder takes safe: the default rules, every value bounded and made text-safe.
_SAFE: Final = Redactor()


class ChainedJSONRenderer:
    """structlog renderer: each event as one canonical JSON line, sealed into ``chain``.

    Use it in place of ``JSONRenderer`` for the output that must show tampering.
    """

    __slots__ = ("_chain",)

    def __init__(self, chain: HmacChain) -> None:
        require_type(chain, HmacChain, "chain", "an HmacChain")
        self._chain = chain

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> str:  # noqa: ARG002 -- structlog's processor signature
        """Render the event as its sealed line; never an exception into the log call.

        An event no JSON encoder takes (a line that is no audit record, whose
        values no AuditEventProcessor has made safe: an int past Python's digit
        limit, an object whose ``__str__`` raises, a lone surrogate) is sealed
        as the default Redactor makes it, with a warning once.
        """
        try:
            return self._chain.line(event_dict)
        except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
            warn_once(
                f"chain:{type(error).__name__}",
                f"ChainedJSONRenderer made a line JSON could not encode safe first ({type(error).__name__}: "
                f"{safe_str(error)})",
            )
            return self._chain.line(_SAFE.redact_fields(event_dict))


@dataclass(frozen=True, slots=True)
class Problem:
    """Where a chain breaks: the file and line, what went wrong there, and how."""

    path: str
    line: int
    kind: str  # "modified", "deleted", "inserted", "reordered", "unreadable", or "torn" (not tampering)
    detail: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.detail}"


@dataclass(frozen=True, slots=True)
class _Entry:
    path: str
    line: int
    record: dict[str, Any] | None
    torn: bool = False  # the text after a file's last newline: a write a crash cut off


def _entries(paths: Sequence[Path]) -> list[list[_Entry]]:
    files = []
    for path in paths:
        entries = []
        lines, tail = read_lines(path)
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except ValueError:
                record = None
            entries.append(_Entry(str(path), number, record if isinstance(record, dict) else None))
        if tail.strip():
            entries.append(_Entry(str(path), len(lines) + 1, None, torn=True))
        files.append(entries)
    return files


def _first_seq(entries: list[_Entry]) -> float:
    for entry in entries:
        if entry.record is not None and isinstance(entry.record.get(SEQ), int):
            return float(entry.record[SEQ])
    return float("inf")


def verify(paths: Iterable[Path], key: bytes) -> tuple[int, Problem | None]:  # noqa: PLR0911 -- one return per finding
    """Check a chained log: ``(records checked, the first problem or None)``.

    Several files (a rotated set) are put in chain order by their first
    record, whatever order they are given in. A torn last line (text after
    the last newline of the chain's last file: a write a crash cut off) is
    reported as a problem of kind ``"torn"``, after every whole record
    checked: not tampering. Anywhere else it is ``"unreadable"``.
    """
    files = sorted(_entries(list(paths)), key=_first_seq)
    entries = [entry for entries in files for entry in entries]
    seen: set[int] = set()
    expected: int | None = None
    previous = GENESIS
    for index, entry in enumerate(entries):
        record = entry.record
        if entry.torn and index == len(entries) - 1:
            # The chain's last line, cut off by a crash mid-write: not a record, and no sign of tampering.
            return index, Problem(entry.path, entry.line, "torn", "the last line is unfinished (a write cut off)")
        if record is None or not {SEQ, PREV, MAC} <= record.keys() or not isinstance(record[SEQ], int):
            return index, Problem(entry.path, entry.line, "unreadable", "not a sealed JSON record")
        mac = record[MAC]
        body = {name: value for name, value in record.items() if name != MAC}
        if not isinstance(mac, str) or not hmac.compare_digest(mac, _mac(key, body)):
            return index, Problem(entry.path, entry.line, "modified", "its MAC does not match: changed, or forged")
        seq = record[SEQ]
        if expected is None:
            expected = seq  # a log may start mid-chain (older files archived); what follows must link
            previous = record[PREV]
        if seq > expected:
            later = any(other.record is not None and other.record.get(SEQ) == expected for other in entries[index:])
            kind = "reordered" if later else "deleted"
            detail = f"expected record {expected} here, found {seq}"
            if kind == "deleted":
                detail += f": {seq - expected} record(s) missing before this line"
            return index, Problem(entry.path, entry.line, kind, detail)
        if seq < expected:
            kind = "inserted" if seq in seen else "reordered"
            return index, Problem(entry.path, entry.line, kind, f"record {seq} appears where {expected} belongs")
        if record[PREV] != previous:
            return index, Problem(entry.path, entry.line, "modified", "it does not link to the line before it")
        seen.add(seq)
        previous, expected = mac, seq + 1
    return len(entries), None
