"""Pulling Logto's own audit logs into the trail: every log once, in order, resumable after a kill.

A pull walks time windows oldest first. Each window is read whole, every
page of it, newest first as Logto serves them (``order by created_at desc``),
until a page comes back short; a window whose count changes while it is read
(a log written into it, by a server whose clock is behind) is read again,
shorter, so that no log is skipped, and one met twice is kept once, by its
id. The last window ends a few seconds before now, clear of logs still being
written. A window whose count Logto caps (more than 10,000 logs) is halved
until it is not. The window's logs are then put out
oldest first and made durable (stdout flushed, or acknowledged by the
exporter), and only then is the checkpoint (the next window's start, in the
state file) replaced, atomically. A run killed at any moment and started
again with the same state file puts out every log once, but for those of the
window in flight at the kill, which come again with the same record id.

Each log becomes one audit record through the same core as an application's
records (:func:`log_event` makes the event it is built from): its key found
in the catalog (Logto's server spelling finds the documented event; a key the
catalog lacks is kept, unknown), ``result`` the outcome, ``error`` the error
fields, the payload's fields under the record's names, redacted as any
record's; its time the log's ``createdAt``, its id derived from Logto's log
id (the same every time that log is pulled), and Logto's id as
``audit.logto.log_id``.
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from audit_logging.catalog import find_event
from audit_logging.logto._client import PAGE_SIZE_MAX, LogtoClient, LogtoError, LogtoLog, Page

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Checkpoint", "PullSummary", "log_event", "pull", "record_id_of_log"]

LOG_ID: Final = "audit.logto.log_id"
_NAMESPACE: Final = uuid.UUID("0f6b6c1e-6f2a-5c3e-9a49-6c6f67746f00")  # this library's, for ids of Logto's logs
_FIRST_SPAN_MS: Final = 3_600_000
_MOST_SPAN_MS: Final = 30 * 86_400_000
_GROW_BELOW: Final = 2_000  # a window with fewer logs than this lets the next one be twice as long
_NOT_IN_PAYLOAD: Final = frozenset({"key", "result", "error"})


def record_id_of_log(log_id: str) -> str:
    """The record id of the record a Logto log becomes: a UUID (version 5) of its id, the same on every pull."""
    return str(uuid.uuid5(_NAMESPACE, f"logto-log:{log_id}"))


def iso_millis(millis: int) -> str:
    """Unix milliseconds as RFC 3339 in UTC, to the millisecond (``2026-05-28T20:26:40.000Z``)."""
    return datetime.fromtimestamp(millis / 1000, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def log_event(log: LogtoLog) -> tuple[dict[str, Any], str]:
    """The event a log's record is built from (what a structlog call would carry), and its level's name.

    ``error`` becomes the record's ``error.type`` (its ``code``, or
    ``LogtoError``) and ``exception.message``; the error object itself stays,
    redacted, as ``audit.error``.
    """
    payload = log.payload
    key = log.key or str(payload.get("key") or "")
    event = find_event(key)
    fields = {name: value for name, value in payload.items() if name not in _NOT_IN_PAYLOAD}
    failed = str(payload.get("result", "Success")).lower() == "error"
    out: dict[str, Any] = {
        "event": event.name if event is not None else key,
        "timestamp": iso_millis(log.created_at),
        **fields,
        "audit_event": key,
        "outcome": "failure" if failed else "success",
        "record_id": record_id_of_log(log.id),
        LOG_ID: log.id,
    }
    error = payload.get("error")
    if failed or error is not None:
        code = error.get("code") if isinstance(error, dict) else None
        message = error.get("message") if isinstance(error, dict) else error
        out["error.type"] = str(code) if code else "LogtoError"
        if message is not None:
            out["exception.message"] = str(message)
        if error is not None:
            out["error"] = error
    return out, "error" if failed else "info"


class Checkpoint:
    """The state file: where the next pull starts (Unix ms), replaced atomically once a window is out."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def load(self) -> int | None:
        """The next window's start, or ``None`` before the first window is out."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            msg = f"{self.path} is not a pull's state file ({type(error).__name__})"
            raise LogtoError(msg) from None
        cursor = data.get("next_start_ms") if isinstance(data, dict) else None
        if not isinstance(cursor, int) or isinstance(cursor, bool):
            msg = f"{self.path} is not a pull's state file (no next_start_ms)"
            raise LogtoError(msg)
        return cursor

    def save(self, next_start_ms: int) -> None:
        """Write the checkpoint where a kill at any moment leaves either the old one or the new one, whole."""
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump({"next_start_ms": next_start_ms, "next_start": iso_millis(next_start_ms)}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(self.path)


@dataclass
class PullSummary:
    """What a pull did: logs put out, windows read, requests made, and where it got to."""

    logs: int = 0
    windows: int = 0
    requests: int = 0
    reached_ms: int | None = None
    seconds: float = 0.0

    def line(self, endpoint: str) -> str:
        """The summary line the command prints at the end."""
        reached = iso_millis(self.reached_ms) if self.reached_ms is not None else "nothing yet"
        rate = self.logs / self.seconds if self.seconds > 0 else 0.0
        return (
            f"pulled {self.logs} log(s) from {endpoint} in {self.windows} window(s), {self.requests} request(s), "
            f"{self.seconds:.1f} s ({rate:.0f} logs/s); next pull starts at {reached}"
        )


def pull(  # noqa: PLR0913 -- keyword-only options, each documented
    client: LogtoClient,
    out: Callable[[list[LogtoLog]], None],
    *,
    since_ms: int = 0,
    until_ms: int | None = None,
    checkpoint: Checkpoint | None = None,
    page_size: int = PAGE_SIZE_MAX,
    lag_ms: int = 5_000,
    progress: Callable[[PullSummary], None] | None = None,
    summary: PullSummary | None = None,
) -> PullSummary:
    """Pull the logs created from ``since_ms`` to ``until_ms`` (inclusive; now less ``lag_ms`` when ``None``).

    ``out`` gets each window's logs, oldest first, and must have made them
    durable when it returns; then ``checkpoint``, when given, is moved past
    the window (and a checkpoint already there is where the pull starts).
    ``lag_ms`` keeps the last window clear of logs still being written, on a
    server whose clock runs a little behind. ``progress`` is told after each
    window. ``summary``: the totals to count into (a follow's rounds share one), counted as each window is
    out; a new one when ``None``.
    """
    started = time.monotonic()
    summary = summary if summary is not None else PullSummary()
    earlier = summary.seconds
    saved = checkpoint.load() if checkpoint is not None else None
    low = max(since_ms, saved) if saved is not None else since_ms
    # Never past now less the lag, whatever `until_ms` says: a checkpoint past logs not written yet would skip them.
    settled = int(time.time() * 1000) - lag_ms
    end = settled if until_ms is None else min(until_ms, settled)
    span = _FIRST_SPAN_MS
    while low <= end:
        high = min(low + span - 1, end)
        first = client.page(low, high, 1, page_size)
        summary.requests += 1
        if first.capped and high > low:  # more than Logto counts: a shorter window
            span = max(1, (high - low + 1) // 2)
            continue
        logs = _window(client, low, high, first, page_size, summary)
        if logs is None:  # written to while it was read: read again, shorter
            span = max(1, (high - low + 1) // 2)
            continue
        out(sorted(logs.values(), key=lambda log: (log.created_at, log.id)))
        summary.logs += len(logs)  # counted as soon as it is out: a run stopped now still says so
        summary.windows += 1
        summary.seconds = earlier + time.monotonic() - started
        if checkpoint is not None:
            checkpoint.save(high + 1)
        summary.reached_ms = high + 1
        if progress is not None:
            progress(summary)
        low = high + 1
        if first.total < _GROW_BELOW:
            span = min(span * 2, _MOST_SPAN_MS)
    summary.seconds = earlier + time.monotonic() - started
    return summary


def _window(  # noqa: PLR0913, PLR0917 -- the window, its first page, and the counts
    client: LogtoClient, low: int, high: int, first: Page, page_size: int, summary: PullSummary
) -> dict[str, LogtoLog] | None:
    """Every log of one window, by id: its pages read until a short one; ``None`` when its count moved meanwhile.

    A log written into the window while it is paged (a server whose clock is
    behind) moves the others down a place: a log is met twice, kept once by
    its id; but one written into pages already read would be missed, so a
    window whose count changed while it was read is given up, to be read again
    shorter (a window of one page is read in one request).
    """
    logs = {log.id: log for log in first.logs}
    page, number = first, 1
    while len(page.logs) >= page_size:  # until a short page: logs written meanwhile may add one
        number += 1
        page = client.page(low, high, number, page_size)
        summary.requests += 1
        if page.total != first.total:
            return None
        logs.update((log.id, log) for log in page.logs)
    return logs


def terminal_progress(summary: PullSummary) -> None:
    """A progress line on stderr, rewritten in place, while a long backfill runs on a terminal."""
    if not sys.stderr.isatty():
        return
    reached = iso_millis(summary.reached_ms) if summary.reached_ms is not None else "-"
    rate = summary.logs / summary.seconds if summary.seconds > 0 else 0.0
    sys.stderr.write(f"\r{summary.logs} log(s) pulled, up to {reached}, {rate:.0f} logs/s ")
    sys.stderr.flush()
