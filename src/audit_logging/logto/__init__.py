"""Logto as a source: its own audit logs (the Management API) and its webhooks, as this library's audit records.

Install with the ``logto`` extra (``pip install 'logto-audit-logging[logto]'``)::

    from audit_logging.logto import Checkpoint, JsonLinesOutput, LogtoClient, pull

    client = LogtoClient("https://auth.example.com", "m2m-app-id", os.environ["LOGTO_APP_SECRET"])
    pull(client, JsonLinesOutput(sys.stdout), checkpoint=Checkpoint("logto-pull.json"))

The command line does the same: ``audit-logging logto pull --endpoint URL
--app-id ID --state FILE`` (``audit-logging logto pull --help``). Webhooks:
:mod:`audit_logging.logto.webhooks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

import structlog

from audit_logging.logto._client import LogtoClient, LogtoError, LogtoLog, Page, default_resource
from audit_logging.logto.pull import Checkpoint, PullSummary, log_event, pull, record_id_of_log
from audit_logging.otel.emit import OTelAuditProcessor
from audit_logging.structlog import AuditEventProcessor

if TYPE_CHECKING:
    from typing import Unpack

    from audit_logging._options import AuditOptions
    from audit_logging.otel.setup import OTelHandle

__all__ = [
    "Checkpoint",
    "JsonLinesOutput",
    "LogtoClient",
    "LogtoError",
    "LogtoLog",
    "OtlpOutput",
    "Page",
    "PullSummary",
    "default_resource",
    "log_event",
    "pull",
    "record_id_of_log",
]


class _Records:
    """Logs made audit records by the same processor an application's structlog pipeline has."""

    def __init__(self, **options: Unpack[AuditOptions]) -> None:
        self._processor = AuditEventProcessor(**options)

    def record(self, log: LogtoLog) -> tuple[Any, str]:
        """One log's record (a document, in the ECS and OCSF profiles), and its level's name."""
        event, level = log_event(log)
        event["level"] = level
        return self._processor(None, level, event), level


class JsonLinesOutput(_Records):
    """A pull's output as JSON lines on ``stream``, one per log, oldest first; flushed after each window.

    The options are those of every integration (``profile``, ``spelling``,
    ``redactor``, ...): the lines are what an application's structlog
    pipeline with ``AuditEventProcessor`` and ``JSONRenderer`` writes.
    """

    def __init__(self, stream: TextIO, **options: Unpack[AuditOptions]) -> None:
        super().__init__(**options)
        self._stream = stream
        self._render = structlog.processors.JSONRenderer()  # renders str (json.dumps), never bytes

    def __call__(self, logs: list[LogtoLog]) -> None:
        """Write one window's logs and flush them (a pull checkpoints after this returns)."""
        write = self._stream.write
        for log in logs:
            record, level = self.record(log)
            write(str(self._render(None, level, record)) + "\n")
        self._stream.flush()


class OtlpOutput(_Records):
    """A pull's output to OpenTelemetry: a log record per log, its ``timestamp`` the log's ``createdAt``.

    ``handle``: what :func:`~audit_logging.configure_opentelemetry` returned
    (the ``OTEL_*`` variables apply). Each window is flushed, and a window the
    exporter did not take whole raises :class:`LogtoError`, so the pull stops
    before its checkpoint and the next run sends it again.
    """

    def __init__(self, handle: OTelHandle, **options: Unpack[AuditOptions]) -> None:
        super().__init__(**options)
        self._handle = handle
        self._send = OTelAuditProcessor(handle.logger_provider, span_events=False).send

    def __call__(self, logs: list[LogtoLog]) -> None:
        """Send one window's logs and wait until the exporter has taken them."""
        before = self._handle.delivery_stats()
        for log in logs:
            record, level = self.record(log)
            self._send(record, level, log.created_at * 1_000_000)
        self._handle.force_flush()
        after = self._handle.delivery_stats()
        if after.pending or after.dropped > before.dropped:
            msg = (
                f"the collector did not take {after.pending + after.dropped - before.dropped} of the "
                f"{len(logs)} record(s) of this window; run again with the same state file"
            )
            raise LogtoError(msg)
