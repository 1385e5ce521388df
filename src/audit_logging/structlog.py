"""structlog integration: the processor that turns a log call into an audit record.

Place :class:`AuditEventProcessor` after ``merge_contextvars`` (so values bound
with structlog's contextvars reach the record) and before the renderer::

    structlog.configure(processors=[
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        AuditEventProcessor(),
        structlog.processors.JSONRenderer(),
    ])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from structlog import DropEvent

from audit_logging._names import PASSTHROUGH
from audit_logging._options import configure, describe
from audit_logging._trace import current_trace_ids
from audit_logging.catalog import UnknownEventError
from audit_logging.profiles import AuditDocument, Line, carried, make_line
from audit_logging.profiles.otel import OTEL
from audit_logging.record import contained, warn_once

if TYPE_CHECKING:
    from typing import Unpack

    from structlog.typing import EventDict, WrappedLogger

    from audit_logging._options import AuditOptions
    from audit_logging.profiles import Renderer

__all__ = ["AuditEventProcessor", "add_trace_context"]


class AuditEventProcessor:
    """Attach Logto's canonical audit fields to events that carry an audit event key.

    An event is an audit event when it has an ``audit_event=`` keyword (a str,
    an :class:`~audit_logging.EventKey` or an
    :class:`~audit_logging.AuditEvent`) or when its message is itself a
    catalog key (``log.info(EventKey.INTERACTION_SIGN_IN_SUBMIT)``). Other
    events pass through untouched (with the ``ecs`` or ``ocsf`` profile they
    are made lines of that schema too: an OCSF Base Event, for one).

    The outcome is the ``outcome=`` keyword when given (``"success"`` or
    ``"failure"``), else ``"failure"`` when an exception is attached
    (``exc_info``, or ``exception`` from a structlog processor that ran
    earlier), else ``"success"``: Logto's own rule.

    Options (:class:`~audit_logging.AuditOptions`, shared by every integration
    of this library): ``on_unknown`` (``"keep"``, ``"raise"``, ``"drop"``),
    ``spelling`` (``"documented"``, ``"logto"``), ``profile`` (``"otel"``,
    ``"ecs"``, ``"ocsf"``: see :mod:`audit_logging.profiles`; with ``ecs`` or
    ``ocsf`` the event dict becomes the schema's JSON object, structlog's
    ``event`` its ``message``, so only OTelAuditProcessor and the renderer
    come after it), ``redactor`` (:class:`~audit_logging.Redactor`, default
    rules when ``None``) and ``nested`` (nested objects instead of dotted
    keys). They are validated here: a wrong one raises at construction, never
    on a log call. A line that is a document (ECS, OCSF, nested) carries the
    canonical record it was rendered from
    (:class:`~audit_logging.profiles.AuditDocument`), which
    OTelAuditProcessor sends.
    """

    __slots__ = ("_core", "_documents", "_keys", "_plain", "_renderer")

    def __init__(self, **options: Unpack[AuditOptions]) -> None:
        self._core, self._renderer = configure("AuditEventProcessor", options)
        self._keys = self._core.keys
        # The flat otel line is the record itself; any other profile renders a document from it.
        self._documents = self._renderer is not OTEL
        # The profile that makes other lines its schema's too (ECS, OCSF), or None: they pass as they are.
        self._plain = self._renderer if self._renderer.documents else None

    def __repr__(self) -> str:
        return f"AuditEventProcessor({describe(self._core, self._renderer)})"

    def _message_key(self, message: object) -> object:
        """The message, when it is itself a catalog key (an EventKey member is found too: it hashes as its value)."""
        try:
            return message if message in self._keys else None
        except Exception:  # noqa: BLE001 -- a message that cannot be a key (unhashable, or its __hash__/__eq__ raise)
            return None

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:  # noqa: ARG002 -- structlog's processor signature
        """Process one event: audit events get their fields, other events pass through as they are."""
        key = event_dict.pop("audit_event", None)
        if key is None:
            key = self._message_key(event_dict.get("event"))
        if key is None:
            # Not an audit event: made as safe as one (redacted, bounded, its exception written out redacted).
            try:
                event_dict = self._core.plain(event_dict)  # type: ignore[arg-type]
            except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
                return contained(event_dict, None, error)
            plain = self._plain
            return event_dict if plain is None else _plain_line(plain, event_dict, method_name)
        try:
            # structlog's event dict is a fresh dict per call that the chain owns.
            record = self._core.enrich(key, event_dict)  # type: ignore[arg-type]
        except UnknownEventError:
            raise  # only with on_unknown="raise", which asks for exactly this
        except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
            return contained(event_dict, key, error)
        if record is None:
            raise DropEvent
        if not self._documents:
            return record
        try:
            return _as_document(self._renderer, record, method_name)
        except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
            return contained(record, key, error)


def _plain_line(renderer: Renderer, event_dict: EventDict, method_name: str) -> EventDict:
    """An event that is not an audit event, as a line of the ECS or OCSF profile (as it came, if that fails)."""
    try:
        fields = dict(event_dict)
        line = _line(fields, method_name)
        return _with_passthrough(renderer.plain(fields, line), fields)
    except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
        warn_once(
            f"document:{type(error).__name__}", f"audit_logging could not write a {renderer.name} line ({error!r})"
        )
        return event_dict


def _line(fields: EventDict, method_name: str) -> Line:
    """The line's own parts, taken out of ``fields``.

    The traceback, if any, is a field already (``exception``): the core wrote
    it from ``exc_info``, redacted, so the line needs no ``format_exc_info``
    after it.
    """
    pop = fields.pop
    message, level, timestamp, logger = (
        pop("event", None),
        pop("level", None),
        pop("timestamp", None),
        pop("logger", None),
    )
    if "logger_name" in fields:
        logger_name = pop("logger_name")
        logger = logger or logger_name
    if level.__class__ is not str:
        level = method_name if level is None else str(level)
    return make_line(Line, (message, level, timestamp, logger, None))


def _with_passthrough(document: dict[str, object], fields: EventDict) -> dict[str, object]:
    """The document with what renderers downstream need as it is, at its top; never exc_info, written out already."""
    if not PASSTHROUGH.isdisjoint(fields):
        for name in PASSTHROUGH.intersection(fields):
            if name != "exc_info":
                document[name] = fields[name]
    return document


def _as_document(renderer: Renderer, record: EventDict, method_name: str) -> EventDict:
    """An audit record as the profile's JSON object, carrying the record; structlog's line parts moved in.

    If the renderer fails, the line's own parts go back into the record, for the contained record.
    """
    if renderer.documents:
        line = _line(record, method_name)
    else:  # nested otel: the line's parts stay where they are, in the record
        level = record.get("level")
        line = Line(record.get("event"), str(level) if level is not None else method_name, None, None)
    document = AuditDocument()
    try:
        renderer.document(record, line, document)
    except Exception:
        if renderer.documents:
            parts = zip(("event", "level", "timestamp", "logger"), line[:4], strict=True)
            record.update({name: value for name, value in parts if value is not None})
        raise
    if renderer.documents:
        _with_passthrough(document, record)
    return carried(document, record, renderer, line)


def add_trace_context(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:  # noqa: ARG001 -- structlog's processor signature
    """Add ``trace_id`` and ``span_id`` (OpenTelemetry hex) of the active span, when one is active.

    The same fields AuditJsonFormatter writes for standard-library records,
    so lines from either correlate with traces alike.
    """
    ids = current_trace_ids()
    if ids is not None:
        event_dict["trace_id"], event_dict["span_id"] = ids
    return event_dict
