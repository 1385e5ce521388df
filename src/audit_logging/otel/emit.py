"""OpenTelemetry emission: audit records as log records with an event name, and as span events.

OpenTelemetry is moving audit-style events from span events to log records
that carry an ``event_name`` (OTEP 4430), so each audit record becomes

* a log record: ``event_name`` = the audit key, severity from the level, body
  = the message, attributes = the record's fields in its profile's names
  (the same names as the JSON output, flat: the profile renders them from the
  canonical record the line carries), in the trace context of the active
  span; and
* a span event on the active span, if one is recording: name = the audit key,
  the same attributes; a failure sets the span's status to ERROR and records
  the exception.

Attributes are made valid here, whatever the record holds, so that the SDK
never has to warn: ``None`` is dropped; bools, ints, floats and bytes pass;
strings longer than ``max_value_length`` are cut and marked
(``…[truncated N chars]``); a mapping is flattened into dotted keys
(``audit.params.grant_type``); a list or tuple of one primitive type stays a
sequence, any other sequence is encoded as a JSON string; anything else
becomes its ``str()``. Past ``max_attributes`` (128, OpenTelemetry's default
limit) the audit event's own attributes are kept first and
``audit.attributes.dropped`` counts the rest, where the SDK would drop the
oldest and warn once for each.

Providers are injected or taken from OpenTelemetry's globals when used (the
global proxies make late configuration work); nothing is configured at
import. :func:`~audit_logging.otel.setup.configure_opentelemetry` is the
helper applications call to set up providers with OTLP exporters.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from time import time_ns
from typing import TYPE_CHECKING, Final

from opentelemetry import trace
from opentelemetry._logs import SeverityNumber, get_logger
from opentelemetry.trace import Status, StatusCode

from audit_logging import _names as n
from audit_logging._logrecord import carried_by
from audit_logging._validate import require_int, require_type
from audit_logging.profiles import AuditDocument
from audit_logging.profiles.otel import OTEL_LINE
from audit_logging.record import DEFAULT_REDACTOR, exception_attributes, exception_from, warn_once
from audit_logging.redaction import safe_str
from audit_logging.stdlib import AuditLogFilter, enriched_record

if TYPE_CHECKING:
    from opentelemetry._logs import LoggerProvider
    from opentelemetry.util.types import AttributeValue
    from structlog.typing import EventDict, WrappedLogger

    from audit_logging.profiles import Profile

__all__ = ["AuditOTelHandler", "OTelAuditProcessor", "otel_attributes"]

DEFAULT_MAX_VALUE_LENGTH: Final = 8192
DEFAULT_MAX_ATTRIBUTES: Final = 128
"""OpenTelemetry's default attribute count limit (OTEL_ATTRIBUTE_COUNT_LIMIT)."""
DROPPED_ATTRIBUTES: Final = "audit.attributes.dropped"

_SEVERITY: Final = {
    "DEBUG": SeverityNumber.DEBUG,
    "INFO": SeverityNumber.INFO,
    "WARNING": SeverityNumber.WARN,
    "ERROR": SeverityNumber.ERROR,
    "CRITICAL": SeverityNumber.FATAL,
    "debug": SeverityNumber.DEBUG,
    "info": SeverityNumber.INFO,
    "msg": SeverityNumber.INFO,
    "warn": SeverityNumber.WARN,
    "warning": SeverityNumber.WARN,
    "error": SeverityNumber.ERROR,
    "exception": SeverityNumber.ERROR,
    "critical": SeverityNumber.FATAL,
    "fatal": SeverityNumber.FATAL,
}
_SEVERITY_TEXT: Final = {
    SeverityNumber.DEBUG: "DEBUG",
    SeverityNumber.INFO: "INFO",
    SeverityNumber.WARN: "WARN",
    SeverityNumber.ERROR: "ERROR",
    SeverityNumber.FATAL: "FATAL",
}
_PRIMITIVES: Final = (bool, int, float, str)
_NUMBERS: Final = frozenset({bool, int, float})


def _severity(level: object) -> SeverityNumber:
    """The severity of a level name: structlog's and logging's own spellings in one lookup, any other after."""
    severity = _SEVERITY.get(level) if level.__class__ is str else None
    return severity if severity is not None else _SEVERITY.get(safe_str(level).lower(), SeverityNumber.INFO)


def _body(body: object, limit: int) -> str | None:
    """The log record's body when it is not short text (the emitter keeps that as it is): made text and bounded."""
    return _truncated(safe_str(body), limit) if body is not None else None


def _truncated(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…[truncated {len(text) - limit} chars]"


def _flatten(prefix: str, value: object, out: dict[str, AttributeValue], limit: int, depth: int) -> None:
    if value is None:
        return
    if isinstance(value, str):
        out[prefix] = _truncated(value, limit)
    elif isinstance(value, bool | int | float | bytes):
        out[prefix] = value
    elif isinstance(value, Mapping):
        if depth >= 16:  # noqa: PLR2004 -- deeper than any audit payload; the rest is encoded whole
            out[prefix] = _truncated(json.dumps(value, default=safe_str), limit)
            return
        for key, item in value.items():
            _flatten(f"{prefix}.{safe_str(key)}" if prefix else safe_str(key), item, out, limit, depth + 1)
    elif isinstance(value, list | tuple):
        kinds = {type(item) for item in value}
        if len(kinds) == 1 and kinds <= set(_PRIMITIVES):
            out[prefix] = tuple(_truncated(item, limit) if isinstance(item, str) else item for item in value)
        else:
            out[prefix] = _truncated(json.dumps(value, default=safe_str), limit)
    else:
        out[prefix] = _truncated(safe_str(value), limit)


def otel_attributes(
    fields: Mapping[str, object],
    *,
    max_value_length: int = DEFAULT_MAX_VALUE_LENGTH,
    max_attributes: int = DEFAULT_MAX_ATTRIBUTES,
    exclude: frozenset[str] = OTEL_LINE,
) -> dict[str, AttributeValue]:
    """A record's fields as valid OpenTelemetry attributes, by the rules in the module's docstring.

    ``exclude``: the names that are the log record's own parts (message,
    level, time) or structlog's bookkeeping, not attributes.
    """
    out: dict[str, AttributeValue] = {}
    for key, value in fields.items():
        if key in exclude:
            continue
        # Short strings and numbers, nearly every audit field, inline: a call costs more than the check.
        kind = value.__class__
        if kind is str:
            if len(value) <= max_value_length:  # type: ignore[arg-type]
                out[key] = value  # type: ignore[assignment]
                continue
        elif kind in _NUMBERS:
            out[key] = value  # type: ignore[assignment]
            continue
        if value is not None:
            _flatten(key, value, out, max_value_length, 0)
    if len(out) > max_attributes:
        return _bounded(out, max_attributes)
    return out


# The audit event's own attributes, in every profile: kept first when there are too many.
_FIRST: Final = (
    *("audit.event.", "audit.record.", "error.", "exception.", "user.", "session.", "client."),
    *("event.", "ecs.", "metadata.", "class_", "category_", "activity_", "type_", "status", "severity"),
)


def _bounded(attributes: dict[str, AttributeValue], limit: int) -> dict[str, AttributeValue]:
    """At most ``limit`` attributes, the audit event's own first, and a count of the rest.

    Past the SDK's limit it would drop the oldest attributes (the event's key
    among them) and warn once per attribute.
    """
    first = [key for key in attributes if key.startswith(_FIRST)]
    rest = [key for key in attributes if not key.startswith(_FIRST)]
    kept = (first + rest)[: limit - 1]
    bounded = {key: attributes[key] for key in kept}
    bounded[DROPPED_ATTRIBUTES] = len(attributes) - len(kept)
    return bounded


_NOTHING: Final = frozenset[str]()


class Emitter:
    """Sends one audit record to OpenTelemetry: the log record and the span event. Shared by both integrations."""

    __slots__ = ("_log_records", "_logger", "_span_events", "max_value_length")

    def __init__(
        self,
        *,
        logger_provider: LoggerProvider | None,
        span_events: bool,
        log_records: bool,
        max_value_length: int,
    ) -> None:
        require_type(span_events, bool, "span_events", "a bool")
        require_type(log_records, bool, "log_records", "a bool")
        if not (span_events or log_records):
            msg = "`span_events` and `log_records` are both False: nothing would be sent; give one of them True"
            raise ValueError(msg)
        require_int(max_value_length, "max_value_length", 1)
        if logger_provider is not None and not hasattr(logger_provider, "get_logger"):
            kind = type(logger_provider).__name__
            msg = f"`logger_provider` must be an OpenTelemetry LoggerProvider or None, not {kind}"
            raise TypeError(msg)
        # Without a provider this is the global one's logger: a proxy until the
        # application sets the provider, so configuring OpenTelemetry later works.
        self._logger = get_logger(n.SCOPE, logger_provider=logger_provider)
        self._span_events = span_events
        self._log_records = log_records
        self.max_value_length = max_value_length

    def attributes(self, fields: Mapping[str, object], exclude: frozenset[str]) -> dict[str, AttributeValue]:
        """``fields`` as valid attributes within this emitter's bound."""
        return otel_attributes(fields, max_value_length=self.max_value_length, exclude=exclude)

    def emit(  # noqa: PLR0913, PLR0917 -- the record, its attributes, and the log record's own parts: a hot path
        self,
        record: Mapping[str, object],
        attributes: dict[str, AttributeValue],
        level: object,
        body: object,
        timestamp: int | None,
        exc_info: object,
    ) -> None:
        """Send one canonical ``record``, as ``attributes`` (its profile's): a log record and a span event.

        The key, the outcome and the error are read from the canonical record,
        whichever profile named the attributes.
        """
        key = record.get(n.EVENT_KEY)
        name = key if key.__class__ is str else "audit"
        if self._log_records:
            # structlog's and logging's own level names first, as they are: one lookup on the common path.
            severity = _SEVERITY.get(level) if level.__class__ is str else None
            if severity is None:
                severity = _severity(level)
            now = time_ns()
            limit = self.max_value_length
            text = body if body.__class__ is str and len(body) <= limit else _body(body, limit)
            self._logger.emit(
                timestamp=timestamp or now,
                observed_timestamp=now,
                severity_number=severity,
                severity_text=_SEVERITY_TEXT[severity],
                body=text,
                attributes=attributes,
                event_name=name,
            )
        if self._span_events:
            # No is_recording() first: a span that records nothing ignores the event, its status and the exception.
            span = trace.get_current_span()
            span.add_event(name, attributes)
            if record.get(n.EVENT_OUTCOME) == "failure":
                _mark_failed(span, record, exc_info, self.max_value_length)


def _mark_failed(span: trace.Span, record: Mapping[str, object], exc_info: object, limit: int) -> None:
    """A failure's span: status ERROR with the error type, and the exception recorded once, redacted.

    Not ``Span.record_exception``, which writes the exception's own text: the
    event is made from the record's redacted traceback, or from the exception
    through the default redaction rules.
    """
    description = record.get(n.ERROR_TYPE)
    span.set_status(Status(StatusCode.ERROR, str(description) if description else None))
    event: Mapping[str, object] = _exception_event(record)
    error = exception_from(exc_info)
    if error is not None and n.EXCEPTION_STACKTRACE not in event:
        event = exception_attributes(error, DEFAULT_REDACTOR)
    if event:
        span.add_event("exception", otel_attributes(event, max_value_length=limit))


def _exception_event(record: Mapping[str, object]) -> dict[str, object]:
    """What ``Span.record_exception`` would add, from a record whose exception is written out."""
    written = (
        (n.EXCEPTION_TYPE, n.EXCEPTION_TYPE),
        (n.EXCEPTION_MESSAGE, n.EXCEPTION_MESSAGE),
        (n.EXCEPTION_STACKTRACE, "exception"),
    )
    return {name: record[field] for name, field in written if isinstance(record.get(field), str)}


class OTelAuditProcessor:
    """structlog processor: send each audit record to OpenTelemetry, and pass the event dict on unchanged.

    Place it after :class:`~audit_logging.AuditEventProcessor` and before the
    renderer. ``logger_provider``: where log records go (the global provider
    when ``None``). ``span_events``: add a span event to the active recording
    span. ``log_records``: emit a log record with ``event_name``.
    ``max_value_length``: the longest string attribute value. Span events need
    no provider: they go on the current span, whichever provider made it.
    """

    __slots__ = ("_emitter",)

    def __init__(
        self,
        logger_provider: LoggerProvider | None = None,
        *,
        span_events: bool = True,
        log_records: bool = True,
        max_value_length: int = DEFAULT_MAX_VALUE_LENGTH,
    ) -> None:
        self._emitter = Emitter(
            logger_provider=logger_provider,
            span_events=span_events,
            log_records=log_records,
            max_value_length=max_value_length,
        )

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:  # noqa: ARG002 -- structlog's processor signature
        """Emit the audit record, if this event is one; return the event dict as it came.

        An audit event is one AuditEventProcessor made: the canonical record
        itself (the default profile's line), or a document carrying its record
        (:class:`~audit_logging.profiles.AuditDocument`). Anything else passes.
        """
        try:
            self.send(event_dict, method_name)
        except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
            warn_once(f"otel:{type(error).__name__}", f"audit_logging could not send to OpenTelemetry ({error!r})")
        return event_dict

    def send(self, event_dict: EventDict, method_name: str, timestamp: int | None = None) -> None:
        """Send one event, if it is an audit record; ``timestamp`` (Unix ns): when it happened, if not now.

        What the processor does for each event; for a record made from an event
        stored elsewhere (a Logto log), whose time is its own. Raises what the
        SDK raises: the processor contains it.
        """
        emitter = self._emitter
        if event_dict.__class__ is AuditDocument:
            record, line = event_dict.record, event_dict.line
            attributes = emitter.attributes(event_dict.renderer.attributes(record, line), _NOTHING)
            emitter.emit(record, attributes, line.level, line.message, timestamp, record.get("exc_info"))
        elif n.EVENT_KEY in event_dict:  # the default profile, inline
            emitter.emit(
                event_dict,
                otel_attributes(event_dict, max_value_length=emitter.max_value_length),
                event_dict.get("level", method_name),
                event_dict.get("event"),
                timestamp,
                event_dict.get("exc_info"),
            )


class AuditOTelHandler(logging.Handler):
    """stdlib handler: send audit records to OpenTelemetry as log records with ``event_name``, and span events.

    Only audit records are sent (other records are left to whatever else
    handles them); one that no :class:`~audit_logging.AuditLogFilter` has
    enriched is enriched on a copy first, so nothing unredacted leaves.

    OpenTelemetry's own ``LoggingHandler`` (opentelemetry-instrumentation-
    logging) was the first choice, and cannot do this job: it passes a
    record's attributes through as they are (nested mappings, ``None``,
    unbounded strings), so the stdlib path would put other attributes on the
    wire than the structlog path; it replaces ``exception.type`` with the
    unqualified class name; it adds no span events; and importing its module
    attaches a handler to its internal logger. This handler shares one emitter
    with :class:`OTelAuditProcessor`, so both paths send the same attributes.
    """

    def __init__(  # noqa: PLR0913 -- logging.Handler's level, then the emitter's options
        self,
        level: int | str = logging.NOTSET,
        *,
        logger_provider: LoggerProvider | None = None,
        span_events: bool = True,
        log_records: bool = True,
        max_value_length: int = DEFAULT_MAX_VALUE_LENGTH,
        audit_filter: AuditLogFilter | None = None,
        profile: Profile | str | None = None,
    ) -> None:
        super().__init__(level)
        self._emitter = Emitter(
            logger_provider=logger_provider,
            span_events=span_events,
            log_records=log_records,
            max_value_length=max_value_length,
        )
        require_type(audit_filter, (AuditLogFilter, type(None)), "audit_filter", "an AuditLogFilter or None")
        if audit_filter is not None and profile is not None:
            msg = "give `profile` or `audit_filter`, not both: the filter has its own profile"
            raise ValueError(msg)
        self._audit_filter = audit_filter or AuditLogFilter(profile=profile or "otel")

    @property
    def audit_filter(self) -> AuditLogFilter:
        """The filter this handler enriches records with that no filter has seen."""
        return self._audit_filter

    def emit(self, record: logging.LogRecord) -> None:
        """Send one audit record; ignore other records."""
        try:
            audit_record = enriched_record(record, self._audit_filter)
            carried = carried_by(audit_record) if audit_record is not None else None
            if audit_record is None or carried is None:
                return
            fields = self._audit_filter.renderer.attributes(carried.record)
            self._emitter.emit(
                carried.record,
                self._emitter.attributes(fields, _NOTHING),
                audit_record.levelname,
                audit_record.getMessage(),
                int(audit_record.created * 1e9),
                audit_record.exc_info,
            )
        except Exception:  # noqa: BLE001 -- logging's own containment: handleError reports and goes on
            self.handleError(record)
