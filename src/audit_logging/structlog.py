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

from typing import TYPE_CHECKING, Final

from structlog import DropEvent
from structlog.processors import format_exc_info

from audit_logging._names import PASSTHROUGH
from audit_logging._trace import current_trace_ids
from audit_logging.catalog import Spelling, UnknownEventError
from audit_logging.profiles import DocumentRenderer, Line
from audit_logging.record import AuditCore, OnUnknown, contained, warn_once
from audit_logging.redaction import clean_text

if TYPE_CHECKING:
    from structlog.typing import EventDict, WrappedLogger

    from audit_logging.profiles import Profile
    from audit_logging.redaction import Redactor

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

    Options, shared by every integration of this library: ``on_unknown``
    (``"keep"``, ``"raise"``, ``"drop"``), ``spelling`` (``"documented"``,
    ``"logto"``), ``profile`` (``"otel"``, ``"ecs"``, ``"ocsf"``: see
    :mod:`audit_logging.profiles`; with ``ecs`` or ``ocsf`` the event dict
    becomes the schema's JSON object, structlog's ``event`` its ``message``,
    so only OTelAuditProcessor and the renderer come after it), ``redactor``
    (:class:`~audit_logging.Redactor`, default rules when ``None``) and
    ``nested`` (nested objects instead of dotted keys). They are validated
    here: a wrong one raises at construction, never on a log call.
    """

    __slots__ = ("_core", "_document", "_keys", "_limit")

    def __init__(
        self,
        *,
        on_unknown: OnUnknown = "keep",
        spelling: Spelling | str = Spelling.DOCUMENTED,
        profile: Profile | str = "otel",
        redactor: Redactor | None = None,
        nested: bool = False,
    ) -> None:
        self._core = AuditCore(
            on_unknown=on_unknown, spelling=spelling, profile=profile, redactor=redactor, nested=nested
        )
        self._keys = self._core.keys
        renderer = self._core.renderer
        self._document = renderer if isinstance(renderer, DocumentRenderer) else None
        self._limit = self._core.redactor.max_value_length

    def __repr__(self) -> str:
        return f"AuditEventProcessor({self._core!r})"

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:  # noqa: ARG002 -- structlog's processor signature
        """Process one event: audit events get their fields, other events pass through as they are."""
        if "audit_event" in event_dict:
            key = event_dict.pop("audit_event")
        else:
            # The message itself may be a catalog key (an EventKey member is
            # found too: it hashes and compares as its value).
            key = event_dict.get("event")
            try:
                if key not in self._keys:
                    key = None
            except TypeError:  # a message that cannot be a key
                key = None
        if key is None:
            document = self._document
            return event_dict if document is None else _plain_line(document, event_dict, method_name, self._limit)
        try:
            # structlog's event dict is a fresh dict per call that the chain owns.
            fields = self._core.enrich(key, event_dict)  # type: ignore[arg-type]
        except UnknownEventError:
            raise  # only with on_unknown="raise", which asks for exactly this
        except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
            return contained(event_dict, key, error)
        if fields is None:
            raise DropEvent
        if self._document is None:
            return fields
        try:
            return _as_document(self._document, fields, method_name, self._limit)
        except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
            return contained(event_dict, key, error)


def _plain_line(renderer: DocumentRenderer, event_dict: EventDict, method_name: str, limit: int) -> EventDict:
    """An event that is not an audit event, as a line of the ECS or OCSF profile (as it came, if that fails)."""
    try:
        return _as_document(renderer, renderer.plain(dict(event_dict)), method_name, limit)
    except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
        warn_once(
            f"document:{type(error).__name__}", f"audit_logging could not write a {renderer.name} line ({error!r})"
        )
        return event_dict


# A structlog event's own parts: its message, level, time and logger, and what renderers downstream need.
_LINE: Final = ("event", "level", "timestamp", "logger", "logger_name", *PASSTHROUGH)


def _as_document(renderer: DocumentRenderer, fields: EventDict, method_name: str, limit: int) -> EventDict:
    """An ECS or OCSF record as the schema's JSON object: structlog's message, level, time and logger moved in.

    ``event`` (structlog's message) becomes ``message``, so it no longer
    clashes with ECS's ``event.*`` object. An exception (``exc_info``) is
    written out into the schema's stack trace field, so the line needs no
    ``format_exc_info`` after it; structlog's other bookkeeping stays at the
    top. If the renderer fails, the line's own parts go back into ``fields``,
    for the contained record.
    """
    line = {name: fields.pop(name) for name in _LINE if name in fields}
    level = line.get("level")
    exc_info = line.pop("exc_info", None)
    stack_trace = renderer.view.stack_trace
    if exc_info and stack_trace not in fields:
        # Written out with structlog's own format_exc_info, so the line needs no renderer downstream for it.
        trace = format_exc_info(None, method_name, {"exc_info": exc_info}).get("exception")
        if trace:
            fields[stack_trace] = clean_text(trace, limit, keep_newlines=True)
    try:
        level_name = str(level) if level is not None else method_name
        logger = line.get("logger", line.get("logger_name"))
        document = renderer.document(fields, Line(line.get("event"), level_name, line.get("timestamp"), logger))
    except Exception:
        fields.update(line)  # the message, level, time and logger, for the contained record
        raise
    document.update({name: line[name] for name in PASSTHROUGH if name in line})
    return document


def add_trace_context(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:  # noqa: ARG001 -- structlog's processor signature
    """Add ``trace_id`` and ``span_id`` (OpenTelemetry hex) of the active span, when one is active.

    The same fields AuditJsonFormatter writes for standard-library records,
    so lines from either correlate with traces alike.
    """
    ids = current_trace_ids()
    if ids is not None:
        event_dict["trace_id"], event_dict["span_id"] = ids
    return event_dict
