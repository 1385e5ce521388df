"""OpenTelemetry: audit records as log records with an event name, and as span events.

OpenTelemetry is moving audit-style events from span events to log records
that carry an ``event_name`` (OTEP 4430), so each audit record becomes

* a log record: ``event_name`` = the audit key, severity from the level, body
  = the message, attributes = the record's fields (the same names as the JSON
  output), in the trace context of the active span; and
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
import. :func:`configure_opentelemetry` is the helper applications call to set
up providers with OTLP exporters.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from time import time_ns
from typing import TYPE_CHECKING, Any, Final, Literal

from opentelemetry import trace
from opentelemetry._logs import SeverityNumber, get_logger
from opentelemetry.trace import Status, StatusCode

from audit_logging import delivery
from audit_logging import spool as spooling
from audit_logging._identity import RECORD_ID, next_identity
from audit_logging._names import EVENT_KEY, SCOPE
from audit_logging._validate import require_choice, require_type
from audit_logging.profiles import ECS_VIEW, OTEL_LINE, OTEL_VIEW, View, view_of
from audit_logging.record import _exception_from, warn_once
from audit_logging.redaction import safe_str
from audit_logging.stdlib import _STANDARD, AuditLogFilter, add_ecs_errors, enriched_record

if TYPE_CHECKING:
    from opentelemetry._logs import LoggerProvider
    from opentelemetry.sdk._logs import LoggerProvider as SDKLoggerProvider
    from opentelemetry.sdk.trace import TracerProvider as SDKTracerProvider
    from opentelemetry.util.types import AttributeValue
    from structlog.typing import EventDict, WrappedLogger

    from audit_logging.profiles import Profile

__all__ = [
    "AuditOTelHandler",
    "OTelAuditProcessor",
    "OTelHandle",
    "configure_opentelemetry",
    "otel_attributes",
    "replay",
]

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


def _severity(level: object) -> SeverityNumber:
    """The severity of a level name: structlog's and logging's own spellings in one lookup, any other after."""
    severity = _SEVERITY.get(level) if level.__class__ is str else None
    return severity if severity is not None else _SEVERITY.get(safe_str(level).lower(), SeverityNumber.INFO)


def _body(body: object, limit: int) -> str | None:
    """The log record's body: the message as it is when it is short text, else made text and bounded."""
    if body.__class__ is str and len(body) <= limit:
        return body
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
        # Short strings and numbers, nearly every audit field, inline: a call costs more than the check.
        kind = value.__class__
        if (kind is str and len(value) <= max_value_length) or kind is int or kind is bool or kind is float:  # type: ignore[arg-type]
            if key not in exclude:
                out[key] = value  # type: ignore[assignment]
        elif value is not None and key not in exclude:
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


class _Emitter:
    """Sends one audit record to OpenTelemetry: the log record and the span event. Shared by both integrations."""

    __slots__ = ("_log_records", "_logger", "_max_value_length", "_span_events")

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
        require_type(max_value_length, int, "max_value_length", "an int")
        if max_value_length < 1:
            msg = f"`max_value_length` must be at least 1, not {max_value_length}"
            raise ValueError(msg)
        if logger_provider is not None and not hasattr(logger_provider, "get_logger"):
            kind = type(logger_provider).__name__
            msg = f"`logger_provider` must be an OpenTelemetry LoggerProvider or None, not {kind}"
            raise TypeError(msg)
        # Without a provider this is the global one's logger: a proxy until the
        # application sets the provider, so configuring OpenTelemetry later works.
        self._logger = get_logger(SCOPE, logger_provider=logger_provider)
        self._span_events = span_events
        self._log_records = log_records
        self._max_value_length = max_value_length

    def emit(
        self, fields: Mapping[str, object], view: View, method_name: str, record: logging.LogRecord | None = None
    ) -> None:
        """Send one audit record: a structlog event (``record`` None) or a stdlib record and its fields.

        ``view`` says where the record's profile keeps the key, the outcome
        and the line's parts. The message, level, time and exception are read
        only where they are used, so a span-event-only setup pays for none of them.
        """
        key_field, _, _, _, message_field, level_field, envelope, _, _, document = view  # one unpacking, hot path
        attributes = otel_attributes(fields, max_value_length=self._max_value_length, exclude=envelope)
        if document:
            attributes.update(document)
        key = attributes.get(key_field)
        name = key if isinstance(key, str) else "audit"
        if self._log_records:
            if record is None:
                level = fields.get(level_field, method_name) if level_field else method_name
                body, timestamp = fields.get(message_field), None
            else:
                level, body, timestamp = record.levelname, record.getMessage(), int(record.created * 1e9)
            # structlog's and logging's own level names first, as they are: one lookup on the common path.
            severity = _severity(level)
            now = time_ns()
            text = _body(body, self._max_value_length)
            spool = spooling.active()
            if spool is not None:  # on disk before the SDK holds it in memory
                record_id = attributes.get(RECORD_ID)
                if not isinstance(record_id, str):
                    record_id = attributes[RECORD_ID] = next_identity()[0]
                spool.append(
                    spooling.SpooledRecord(
                        record_id, name, text, severity.value, _SEVERITY_TEXT[severity], timestamp or now, attributes
                    )
                )
            self._logger.emit(
                timestamp=timestamp or now,
                observed_timestamp=now,
                severity_number=severity,
                severity_text=_SEVERITY_TEXT[severity],
                body=text,
                attributes=attributes,
                event_name=name,
            )
            delivery.counters.add(emitted=1)
        if self._span_events:
            span = trace.get_current_span()
            if span.is_recording():
                span.add_event(name, attributes)
                if attributes.get(view.outcome) == view.failure:
                    _mark_failed(span, attributes, view, fields.get("exc_info") if record is None else record.exc_info)


def _mark_failed(span: trace.Span, attributes: Mapping[str, AttributeValue], view: View, exc_info: object) -> None:
    """A failure's span: status ERROR with the error type, and the exception recorded once."""
    description = attributes.get(view.error)
    span.set_status(Status(StatusCode.ERROR, str(description) if description else None))
    error = _exception_from(exc_info)
    if error is not None:
        span.record_exception(error)
    elif description and view is not OTEL_VIEW:
        # An ECS or OCSF line carries its exception written out, not the object: the same event from it.
        span.add_event("exception", _exception_event(attributes, view))


def _exception_event(attributes: Mapping[str, AttributeValue], view: View) -> dict[str, AttributeValue]:
    """What ``Span.record_exception`` would add, from the written-out error of an ECS or OCSF line."""
    written = (
        ("exception.type", view.error),
        ("exception.message", view.error_message),
        ("exception.stacktrace", view.stack_trace),
    )
    return {name: attributes[field] for name, field in written if field in attributes}


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
        self._emitter = _Emitter(
            logger_provider=logger_provider,
            span_events=span_events,
            log_records=log_records,
            max_value_length=max_value_length,
        )

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:  # noqa: ARG002 -- structlog's processor signature
        """Emit the audit record, if this event is one; return the event dict as it came."""
        view = OTEL_VIEW if EVENT_KEY in event_dict else view_of(event_dict)  # the default profile, inline
        if view is not None:
            try:
                self._emitter.emit(event_dict, view, method_name)
            except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
                warn_once(f"otel:{type(error).__name__}", f"audit_logging could not send to OpenTelemetry ({error!r})")
        return event_dict


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
        self._emitter = _Emitter(
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

    def emit(self, record: logging.LogRecord) -> None:
        """Send one audit record; ignore other records."""
        try:
            audit_record = enriched_record(record, self._audit_filter)
            if audit_record is None:
                return
            fields = {k: v for k, v in audit_record.__dict__.items() if k not in _STANDARD}
            view = view_of(fields)
            if view is None:
                return
            if view is ECS_VIEW:
                add_ecs_errors(fields, audit_record, self._audit_filter.max_value_length)
            self._emitter.emit(fields, view, audit_record.levelname, audit_record)
        except Exception:  # noqa: BLE001 -- logging's own containment: handleError reports and goes on
            self.handleError(record)


class OTelHandle:
    """What :func:`configure_opentelemetry` set up: its providers, and a way to flush and stop them."""

    def __init__(self, logger_provider: SDKLoggerProvider, tracer_provider: SDKTracerProvider) -> None:
        self.logger_provider = logger_provider
        self.tracer_provider = tracer_provider

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        """Export what is queued; True when both providers report success (read the receiver to be sure)."""
        logs = self.logger_provider.force_flush(timeout_millis)
        spans = self.tracer_provider.force_flush(timeout_millis)
        return bool(logs and spans)

    def shutdown(self) -> None:
        """Flush and stop both providers' processors and exporters; then settle the delivery counters.

        Whatever was emitted and is neither exported nor dropped by then was
        lost (a full queue, or an exporter that gave up), and counts as dropped.
        """
        self.logger_provider.shutdown()
        self.tracer_provider.shutdown()
        delivery.counters.settle()
        spool = spooling.active()
        if spool is not None:
            spool.close()
            spooling.activate(None)


Protocol = Literal["grpc", "http/protobuf"]
_PROTOCOLS: Final = ("grpc", "http/protobuf")


def resolve_protocol(protocol: str | None) -> Protocol:
    """The OTLP protocol to use: the one given, else ``OTEL_EXPORTER_OTLP_PROTOCOL``, else ``http/protobuf``."""
    chosen = protocol or os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL") or "http/protobuf"
    require_choice(chosen, _PROTOCOLS, "protocol")
    return chosen  # type: ignore[return-value]


def _exporters(endpoint: str | None, protocol: str) -> tuple[Any, Any]:
    if endpoint is None:
        from opentelemetry.sdk._logs.export import ConsoleLogRecordExporter  # noqa: PLC0415
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter  # noqa: PLC0415

        return ConsoleLogRecordExporter(), ConsoleSpanExporter()
    try:
        if protocol == "grpc":
            from opentelemetry.exporter.otlp.proto.grpc._log_exporter import OTLPLogExporter  # noqa: PLC0415
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter  # noqa: PLC0415

            insecure = endpoint.startswith("http://")
            return OTLPLogExporter(endpoint=endpoint, insecure=insecure), OTLPSpanExporter(
                endpoint=endpoint, insecure=insecure
            )
        from opentelemetry.exporter.otlp.proto.http._log_exporter import (  # noqa: PLC0415
            OTLPLogExporter as HTTPLogExporter,
        )
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
            OTLPSpanExporter as HTTPSpanExporter,
        )
    except ImportError as error:
        msg = f"exporting over OTLP needs the exporters: pip install 'logto-audit-logging[otlp]' ({error})"
        raise ImportError(msg) from error
    base = endpoint.rstrip("/")
    return HTTPLogExporter(endpoint=f"{base}/v1/logs"), HTTPSpanExporter(endpoint=f"{base}/v1/traces")


def configure_opentelemetry(  # noqa: PLR0913 -- every option is keyword-only and documented
    service_name: str | None = None,
    endpoint: str | None = None,
    protocol: Protocol | None = None,
    *,
    resource_attributes: Mapping[str, str] | None = None,
    max_queue_size: int | None = None,
    schedule_delay_millis: float | None = None,
    max_export_batch_size: int | None = None,
    set_global: bool = True,
    spool: spooling.Spool | None = None,
) -> OTelHandle:
    """Set up a LoggerProvider and a TracerProvider that export over OTLP, for an application to call.

    An explicit argument wins over the environment: ``service_name`` over
    ``OTEL_SERVICE_NAME``; ``endpoint`` (a base URL such as
    ``http://127.0.0.1:4318``; ``/v1/logs`` and ``/v1/traces`` are appended
    for http/protobuf) over ``OTEL_EXPORTER_OTLP_ENDPOINT``; ``protocol``
    (``"grpc"`` or ``"http/protobuf"``) over ``OTEL_EXPORTER_OTLP_PROTOCOL``,
    default ``"http/protobuf"``. ``OTEL_RESOURCE_ATTRIBUTES`` and the batch
    processors' ``OTEL_BLRP_*`` / ``OTEL_BSP_*`` settings apply where the
    arguments are ``None``. With no endpoint anywhere the records go to a
    console exporter. ``set_global`` makes these the global providers (what
    the integrations use when given none) and publishes the delivery counters
    as metrics on the global meter provider. The log exporter is wrapped to
    count deliveries for :func:`~audit_logging.delivery_stats`. ``spool``: a
    :class:`~audit_logging.spool.Spool` every audit record is written to
    before it is exported, and whose acknowledgements the exporter writes.
    """
    from opentelemetry._logs import set_logger_provider  # noqa: PLC0415
    from opentelemetry.sdk._logs import LoggerProvider as SDKLoggerProvider  # noqa: PLC0415
    from opentelemetry.sdk._logs.export import BatchLogRecordProcessor  # noqa: PLC0415
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415
    from opentelemetry.sdk.trace import TracerProvider as SDKTracerProvider  # noqa: PLC0415
    from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: PLC0415

    chosen = resolve_protocol(protocol)
    target = endpoint or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or None
    if target is not None and not target.startswith(("http://", "https://")):
        msg = f"`endpoint` must be a URL such as 'http://127.0.0.1:4318', not {target!r}"
        raise ValueError(msg)
    attributes: dict[str, str] = dict(resource_attributes or {})
    name = service_name or os.environ.get("OTEL_SERVICE_NAME")
    if name:
        attributes["service.name"] = name
    resource = Resource.create(attributes)
    require_type(spool, (spooling.Spool, type(None)), "spool", "a Spool or None")
    if spool is not None:
        spool.write_resource(resource.attributes)
        spooling.activate(spool)
    log_exporter, span_exporter = _exporters(target, chosen)
    batch: dict[str, Any] = {
        "max_queue_size": max_queue_size,
        "schedule_delay_millis": schedule_delay_millis,
        "max_export_batch_size": max_export_batch_size,
    }
    logger_provider = SDKLoggerProvider(resource=resource)
    counted = delivery.CountingLogExporter(log_exporter)
    logger_provider.add_log_record_processor(BatchLogRecordProcessor(counted, **batch))  # type: ignore[arg-type]
    tracer_provider = SDKTracerProvider(resource=resource)
    tracer_provider.add_span_processor(BatchSpanProcessor(span_exporter, **batch))
    if set_global:
        set_logger_provider(logger_provider)
        trace.set_tracer_provider(tracer_provider)
        delivery.register_delivery_metrics()
    return OTelHandle(logger_provider, tracer_provider)


def replay(spool: spooling.Spool, endpoint: str, protocol: Protocol | None = None) -> int:
    """Send every spooled record not yet acknowledged; the number sent.

    Acknowledgements are written as the collector gives them, so a replay
    cut short can be run again and sends only what is still missing.
    """
    from opentelemetry.sdk._logs import LoggerProvider as SDKLoggerProvider  # noqa: PLC0415
    from opentelemetry.sdk._logs.export import BatchLogRecordProcessor  # noqa: PLC0415
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415

    chosen = resolve_protocol(protocol)
    log_exporter, _ = _exporters(endpoint, chosen)
    provider = SDKLoggerProvider(resource=Resource(spool.resource()))
    provider.add_log_record_processor(BatchLogRecordProcessor(delivery.CountingLogExporter(log_exporter)))  # type: ignore[arg-type]
    logger = provider.get_logger(SCOPE)
    pending = spool.unacknowledged()
    previous = spooling.active()
    spooling.activate(spool)  # the exporter acknowledges into it
    try:
        for record in pending:
            logger.emit(
                timestamp=record.time_unix_nano,
                observed_timestamp=time_ns(),
                severity_number=SeverityNumber(record.severity_number),
                severity_text=record.severity_text,
                body=record.body,
                attributes=record.attributes,
                event_name=record.event_name,
            )
        provider.shutdown()
    finally:
        spooling.activate(previous)
    return len(pending)
