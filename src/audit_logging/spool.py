"""A durable spool (opt-in): every audit record on local disk before it is exported, replayable after a crash.

OpenTelemetry's batch processor keeps records in memory until it exports
them: a crash, a SIGKILL or a full queue loses what is there. With a spool,
each audit log record is appended to a JSONL file in the spool directory
before it is handed to the SDK, and the exporter appends the ids of the
records the collector acknowledged to ``acknowledged.txt``. ``audit-logging
replay SPOOL`` re-sends every spooled record not acknowledged: nothing is lost
across a crash, and a record sent twice (exported, but killed before the
acknowledgement was written) carries the same ``audit.record.id``, so
duplicates are recognisable downstream.

``fsync``: ``"always"`` (each record reaches the disk before the log call
returns; survives a power cut), ``"interval"`` (at most every
``fsync_interval_ms``; the default), ``"never"`` (the operating system
decides; survives a process crash, not a power cut). Every record is
written to the operating system before the log call returns, whatever the
policy. Spool files rotate at ``max_bytes``; a rotated file whose records
are all acknowledged is deleted.

``chain``: an :class:`~audit_logging.chain.HmacChain` to seal the spool's
lines into, so that ``audit-logging verify`` can show whether the spool was
tampered with before a replay (files deleted once acknowledged make the
chain start later, which verify accepts).

Written here because OpenTelemetry's Python SDK has no persistent queue, and
the collector-side ones (file_storage) protect only what reached the collector.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TextIO, get_args

from audit_logging._lines import read_lines
from audit_logging._validate import require_choice, require_int, require_type
from audit_logging.chain import HmacChain

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = ["FsyncPolicy", "Spool", "SpooledRecord"]

FsyncPolicy = Literal["always", "interval", "never"]
ACKNOWLEDGED: Final = "acknowledged.txt"
RESOURCE: Final = "resource.json"
PREFIX: Final = "spool-"


@dataclass(frozen=True, slots=True)
class SpooledRecord:
    """One audit log record as the spool keeps it: enough to emit it again."""

    record_id: str
    event_name: str
    body: str | None
    severity_number: int
    severity_text: str
    time_unix_nano: int
    attributes: dict[str, Any]


class Spool:
    """The spool directory: records appended before export, acknowledgements after."""

    def __init__(
        self,
        directory: Path | str,
        *,
        fsync: FsyncPolicy = "interval",
        fsync_interval_ms: int = 100,
        max_bytes: int = 64 * 1024 * 1024,
        chain: HmacChain | None = None,
    ) -> None:
        require_choice(fsync, get_args(FsyncPolicy), "fsync")
        require_int(fsync_interval_ms, "fsync_interval_ms", 0)
        require_int(max_bytes, "max_bytes", 1024)  # below a kilobyte every record would rotate
        require_type(chain, (HmacChain, type(None)), "chain", "an HmacChain or None")
        self._chain = chain
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.fsync: FsyncPolicy = fsync
        self._interval = fsync_interval_ms / 1000
        self._max_bytes = max_bytes
        self._lock = threading.Lock()
        self._last_sync = time.monotonic()
        self._file: TextIO | None = None
        self._acks: TextIO | None = None

    def __repr__(self) -> str:
        return f"Spool({str(self.directory)!r}, fsync={self.fsync!r})"

    def files(self) -> list[Path]:
        """The spool files, oldest first."""
        return sorted(self.directory.glob(f"{PREFIX}*.jsonl"))

    def _open(self) -> TextIO:
        if self._file is None or self._file.tell() >= self._max_bytes:
            if self._file is not None:
                self._file.close()
                self._forget_acknowledged_files()
            existing = self.files()
            number = int(existing[-1].stem.removeprefix(PREFIX)) + 1 if existing else 1
            self._file = (self.directory / f"{PREFIX}{number:08d}.jsonl").open("a", encoding="utf-8")
        return self._file

    def _sync(self, handle: TextIO) -> None:
        handle.flush()  # to the operating system, always: a killed process loses nothing written
        if self.fsync == "always" or (
            self.fsync == "interval" and time.monotonic() - self._last_sync >= self._interval
        ):
            os.fsync(handle.fileno())
            self._last_sync = time.monotonic()

    def write_resource(self, attributes: Mapping[str, Any]) -> None:
        """Keep the resource (service.name, ...) the records belong to, for a replay."""
        (self.directory / RESOURCE).write_text(json.dumps(dict(attributes), default=str), encoding="utf-8")

    def resource(self) -> dict[str, Any]:
        """The resource written by :meth:`write_resource`, or nothing."""
        path = self.directory / RESOURCE
        resource = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not isinstance(resource, dict):
            msg = f"{path} is not a spool's resource: a JSON object was expected, not {type(resource).__name__}"
            raise ValueError(msg)  # noqa: TRY004 -- a corrupt file is a bad value, as json.loads's own errors are
        return resource

    def append(self, record: SpooledRecord) -> None:
        """Write one record before it is exported."""
        data = {
            "id": record.record_id,
            "event_name": record.event_name,
            "body": record.body,
            "severity_number": record.severity_number,
            "severity_text": record.severity_text,
            "time_unix_nano": record.time_unix_nano,
            "attributes": record.attributes,
        }
        with self._lock:
            # Sealed under the lock, so the chain's order is the file's order.
            line = self._chain.line(data) if self._chain is not None else json.dumps(data, default=str)
            handle = self._open()
            try:
                handle.write(line + "\n")
                self._sync(handle)
            except OSError:
                # A full disk: the file may end in part of this line. It is left as it is (a torn last line,
                # which reading skips) and the next record starts a new file, so no line is ever spliced.
                self._abandon(handle)
                raise

    def acknowledge(self, record_ids: Iterable[str]) -> None:
        """Record that the collector acknowledged these records."""
        text = "".join(f"{record_id}\n" for record_id in record_ids)
        if not text:
            return
        with self._lock:
            if self._acks is None:
                self._acks = (self.directory / ACKNOWLEDGED).open("a", encoding="utf-8")
            handle = self._acks
            try:
                handle.write(text)
                self._sync(handle)
            except OSError:
                self._abandon(handle)  # a torn id acknowledges nothing: its record is sent again by a replay
                raise

    def acknowledged(self) -> set[str]:
        """The ids acknowledged so far."""
        path = self.directory / ACKNOWLEDGED
        if not path.exists():
            return set()
        lines, _torn = read_lines(path)  # a torn id is no acknowledgement: that record is sent again
        return {line for line in lines if line}

    def records(self, path: Path) -> Iterator[SpooledRecord]:
        """The records of one spool file; a torn last line (a crash mid-write) is skipped.

        A whole line that is not a spooled record raises ``ValueError`` naming
        the file and the line: a corrupt spool is said, never replayed in part.
        """
        lines, _torn = read_lines(path)
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
                yield SpooledRecord(
                    data["id"],
                    data["event_name"],
                    data["body"],
                    data["severity_number"],
                    data["severity_text"],
                    data["time_unix_nano"],
                    data["attributes"],
                )
            except (ValueError, KeyError, TypeError) as error:
                msg = f"{path}:{number}: not a spooled record ({type(error).__name__}: {error})"
                raise ValueError(msg) from error

    def unacknowledged(self) -> list[SpooledRecord]:
        """Every spooled record the collector has not acknowledged, oldest first."""
        done = self.acknowledged()
        return [record for path in self.files() for record in self.records(path) if record.record_id not in done]

    def _forget_acknowledged_files(self) -> None:
        """Delete the closed spool files whose records were all acknowledged (called between files)."""
        done = self.acknowledged()
        for path in self.files():
            try:
                forget = all(record.record_id in done for record in self.records(path))
            except ValueError:  # on the logging path: a file that cannot be read is kept, for a person to look at
                forget = False
            if forget:
                path.unlink()

    def _abandon(self, handle: TextIO) -> None:
        """Close a file that failed to take a write, dropping what its buffer still holds."""
        with contextlib.suppress(OSError):  # the buffer could not be flushed: closed all the same, its tail lost
            handle.close()
        if self._file is handle:
            self._file = None
        if self._acks is handle:
            self._acks = None

    def close(self) -> None:
        """Flush and close the spool's files; each is closed even when another fails, then the first error raised."""
        failure: OSError | None = None
        with self._lock:
            for handle in (self._file, self._acks):
                if handle is None:
                    continue
                try:
                    handle.flush()
                    os.fsync(handle.fileno())
                except OSError as error:
                    failure = failure or error
                self._abandon(handle)
        if failure is not None:
            raise failure
