"""Every output of this library, driven the same way: one log call in, the text each output wrote out.

For the tests that hold a promise over all of them (no secret written, nothing
raised, one strict JSON object per line): a :class:`Call` is made through each
entry point (structlog with every renderer, the stdlib filter with every
formatter, OpenTelemetry's log records and span events from both paths, the
interaction decorator) and :func:`written` returns what reached the output,
as text: the lines of a stream, or for OpenTelemetry a JSON text of each
exported log record (body, event name, attributes) and span event.
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import structlog

from audit_logging import (
    AuditEventProcessor,
    AuditJsonFormatter,
    AuditLogFilter,
    AuditOTelHandler,
    OTelAuditProcessor,
    audit_interaction,
)
from audit_logging.chain import ChainedJSONRenderer, HmacChain
from audit_logging.orjson import AuditOrjsonFormatter
from loggers import logger_to
from pipeline import Pipeline

if TYPE_CHECKING:
    from collections.abc import Callable

    from structlog.typing import Processor

SIGN_IN = "Interaction.SignIn.Submit"
CHAIN_KEY = b"k" * 32


@dataclass(frozen=True)
class Call:
    """One log call: its message, its fields, whether it is an audit event, and an attached exception."""

    message: object
    fields: dict[str, object] = field(default_factory=dict)
    audit: bool = True
    error: BaseException | None = None


@dataclass(frozen=True)
class Written:
    """What one call wrote: the lines of its stream, and each log record and span event OpenTelemetry exported."""

    lines: list[str]
    exported: list[str]

    @property
    def text(self) -> str:
        """Everything written, as one text, for a search."""
        return "\n".join([*self.lines, *self.exported])


def _structlog(renderer: Processor, profile: str = "otel", *, otel: bool = False) -> Callable[[Call], Written]:
    def run(call: Call) -> Written:
        stream = io.StringIO()
        processors: list[Processor] = [
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            AuditEventProcessor(profile=profile),
        ]
        if otel:
            processors.append(OTelAuditProcessor(PIPELINE.logger_provider))
        processors.append(renderer)
        log = structlog.wrap_logger(structlog.WriteLogger(stream), processors=processors)
        extra = {"audit_event": SIGN_IN} if call.audit else {}
        with _span():
            log.info(call.message, **call.fields, **extra, **({"exc_info": call.error} if call.error else {}))
        return Written(_lines(stream), _exported() if otel else [])

    return run


def _stdlib(formatter: logging.Formatter, profile: str = "otel") -> Callable[[Call], Written]:
    def run(call: Call) -> Written:
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(AuditLogFilter(profile=profile))
        handler.setFormatter(formatter)
        _stdlib_call(logger_to("outputs.stdlib", handler), call)
        return Written(_lines(stream), [])

    return run


def _stdlib_call(logger: logging.Logger, call: Call) -> None:
    extra = {**call.fields, **({"audit_event": SIGN_IN} if call.audit else {})}
    with _span():
        logger.info(call.message, extra=extra, exc_info=call.error)


def _otel_handler(call: Call) -> Written:
    _stdlib_call(logger_to("outputs.otel", AuditOTelHandler(logger_provider=PIPELINE.logger_provider)), call)
    return Written([], _exported())


def _decorator(call: Call) -> Written:
    """The interaction decorator around a handler raising the call's error, logging through structlog's JSON."""
    stream = io.StringIO()
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            AuditEventProcessor(),
            OTelAuditProcessor(PIPELINE.logger_provider),
            structlog.processors.JSONRenderer(),
        ],
        logger_factory=structlog.WriteLoggerFactory(stream),
    )
    fields = call.fields

    @audit_interaction(
        SIGN_IN,
        message=call.message if isinstance(call.message, str) else None,
        context=lambda: fields,
        tracer_provider=PIPELINE.tracer_provider,
    )
    def handler() -> None:
        if call.error is not None:
            raise call.error

    try:
        handler()
    except Exception as error:
        if error is not call.error:
            raise
    finally:
        structlog.reset_defaults()
    return Written(_lines(stream), _exported())


def _span() -> Any:  # noqa: ANN401 -- OpenTelemetry's context manager
    return PIPELINE.tracer_provider.get_tracer("outputs").start_as_current_span("request")


def _lines(stream: io.StringIO) -> list[str]:
    """The stream's lines: records end with a line feed; a line is one record in a line-oriented output."""
    text = stream.getvalue()
    assert text.endswith("\n"), f"no record, or one not ended by a line feed: {text!r}"
    return text[:-1].split("\n")


def _exported() -> list[str]:
    """Each log record and span event exported since the last call, as JSON text; then the exporters are emptied."""
    out = [
        json.dumps(
            {"body": record.body, "event_name": record.event_name, "attributes": dict(record.attributes or {})},
            default=repr,
        )
        for record in PIPELINE.log_records()
    ]
    for span in PIPELINE.finished_spans():
        out.append(json.dumps({"span": span.name, "status": span.status.description}, default=repr))
        out.extend(
            json.dumps({"event": event.name, "attributes": dict(event.attributes or {})}, default=repr)
            for event in span.events
        )
    PIPELINE.logs.clear()
    PIPELINE.spans.clear()
    return out


PIPELINE = Pipeline.start()  # providers of the tests' own: OpenTelemetry's global ones are left alone

OUTPUTS: dict[str, Callable[[Call], Written]] = {
    "structlog JSONRenderer": _structlog(structlog.processors.JSONRenderer()),
    "structlog JSONRenderer, ecs": _structlog(structlog.processors.JSONRenderer(), "ecs"),
    "structlog JSONRenderer, ocsf": _structlog(structlog.processors.JSONRenderer(), "ocsf"),
    "structlog KeyValueRenderer": _structlog(structlog.processors.KeyValueRenderer()),
    "structlog ConsoleRenderer": _structlog(structlog.dev.ConsoleRenderer(colors=False)),
    "structlog ChainedJSONRenderer": _structlog(ChainedJSONRenderer(HmacChain(CHAIN_KEY))),
    "structlog OTelAuditProcessor": _structlog(structlog.processors.JSONRenderer(), otel=True),
    "structlog OTelAuditProcessor, ecs": _structlog(structlog.processors.JSONRenderer(), "ecs", otel=True),
    "stdlib AuditJsonFormatter": _stdlib(AuditJsonFormatter()),
    "stdlib AuditJsonFormatter, ecs": _stdlib(AuditJsonFormatter(profile="ecs"), "ecs"),
    "stdlib AuditJsonFormatter, ocsf": _stdlib(AuditJsonFormatter(profile="ocsf"), "ocsf"),
    "stdlib AuditOrjsonFormatter": _stdlib(AuditOrjsonFormatter()),
    "stdlib logging.Formatter": _stdlib(logging.Formatter("%(levelname)s %(message)s")),
    "stdlib AuditOTelHandler": _otel_handler,
    "audit_interaction": _decorator,
}

# Outputs whose every line is one JSON object.
TEXT_OUTPUTS = frozenset({"structlog KeyValueRenderer", "structlog ConsoleRenderer", "stdlib logging.Formatter"})
JSON_OUTPUTS = frozenset(OUTPUTS) - TEXT_OUTPUTS
# Outputs that write an exception's traceback over several lines, by design (a console, logging's own format).
MULTILINE_OUTPUTS = frozenset({"structlog ConsoleRenderer", "stdlib logging.Formatter"})


def written(output: str, call: Call) -> Written:
    """What ``output`` wrote for ``call``."""
    return OUTPUTS[output](call)


def strict_json(line: str) -> dict[str, Any]:
    """One JSON object, refusing NaN and infinities (which Python's json reads, and JSON does not have)."""

    def refuse(constant: str) -> None:
        msg = f"not JSON: {constant}"
        raise ValueError(msg)

    value = json.loads(line, parse_constant=refuse)
    assert isinstance(value, dict)
    return value
