"""Standard-library logging: a filter that makes audit records, and a JSON formatter.

``AuditLogFilter`` enriches records that carry an audit event through the same
core as the structlog processor, on the record itself, so that no handler
downstream (OpenTelemetry's ``LoggingHandler`` included) sees an unredacted
value. ``AuditJsonFormatter`` is python-json-logger's ``JsonFormatter`` with
this library's defaults: one JSON object per line with ``timestamp``
(RFC 3339, UTC), ``level``, ``logger``, ``message``, the audit fields, the
exception as ``exception.stacktrace``, and ``trace_id`` / ``span_id`` when a
span is active. Both work from ``logging.config.dictConfig`` with ``"()"``.
"""

from __future__ import annotations

import json
import logging
import sys
from itertools import islice
from typing import TYPE_CHECKING, Any, Final

import structlog.contextvars
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from audit_logging import _names as n
from audit_logging._logrecord import CARRIED, FIRST_EXTRA, STANDARD, Carried, carried_by
from audit_logging._options import OPTION_NAMES, configure, describe
from audit_logging._trace import current_trace_ids
from audit_logging._validate import require_type
from audit_logging.catalog import UnknownEventError
from audit_logging.chain import HmacChain
from audit_logging.profiles import Line
from audit_logging.record import contained, safe_text, warn_once
from audit_logging.redaction import safe_str

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Unpack

    from audit_logging._options import AuditOptions
    from audit_logging.profiles import Renderer

__all__ = ["AuditJsonFormatter", "AuditLogFilter"]


class AuditLogFilter(logging.Filter):
    """Turn records that carry an audit event into audit records, in place; pass every other record.

    A record carries an audit event when it has an ``audit_event`` attribute
    (``extra={"audit_event": "Interaction.SignIn.Submit"}``) or when its
    message is itself a catalog key. Its ``extra`` fields go through the same
    core as structlog's: mapped names (``user_id`` -> ``user.id``), outcome
    (``extra={"outcome": ...}``, else failure when ``exc_info`` is set),
    redaction, bound context (this library's and structlog's contextvars).
    The record's extra attributes are replaced by the output fields in the
    filter's profile; the caller's ``extra`` and anything nested in it are
    never changed. A record already enriched (the filter on both a logger and
    its handler) is left as it is.

    ``name`` is ``logging.Filter``'s; the options are those of every
    integration (:class:`~audit_logging.AuditOptions`). With
    ``on_unknown="drop"`` the record is dropped (the filter returns False).
    """

    def __init__(self, name: str = "", **options: Unpack[AuditOptions]) -> None:
        super().__init__(name)
        self._core, self._renderer = configure("AuditLogFilter", options)
        self._keys = self._core.keys
        self._limit = self._core.redactor.max_value_length

    def __repr__(self) -> str:
        return f"AuditLogFilter({describe(self._core, self._renderer)})"

    @property
    def renderer(self) -> Renderer:
        """The profile this filter names fields by."""
        return self._renderer

    def traceback(self, exc_info: object) -> str | None:
        """The traceback of ``exc_info`` as logging writes it, redacted by this filter's rules; ``None`` for none."""
        return self._core.traceback(exc_info)

    @property
    def max_value_length(self) -> int:
        """The longest value this filter writes (its redactor's bound)."""
        return self._limit

    def audit_key(self, record: logging.LogRecord) -> object:
        """The audit event key a record carries and no AuditLogFilter has handled yet, else ``None``."""
        attrs = record.__dict__
        key = attrs.get("audit_event")
        if key is not None:
            return key
        try:
            is_key = record.msg in self._keys
        except Exception:  # noqa: BLE001 -- a message that cannot be a key (unhashable, or its __hash__/__eq__ raise)
            return None
        return record.msg if is_key and not record.args and CARRIED not in attrs else None

    def filter(self, record: logging.LogRecord) -> bool:  # noqa: C901 -- the hot path, inline
        """Enrich an audit record in place; False for records outside ``name`` (as ``logging.Filter``) or dropped."""
        if self.name and not super().filter(record):
            return False
        attrs = record.__dict__
        key = attrs.get("audit_event")  # the common case inline; audit_key for the message that is a key
        if key is None:
            key = self.audit_key(record)
            if key is None:
                self._made_safe_in_place(record)
                return True
        fields: dict[str, object] = {
            name: attrs[name] for name in islice(attrs, FIRST_EXTRA, None) if name not in STANDARD
        }
        extra = tuple(fields)
        fields.pop("audit_event", None)
        bound = structlog.contextvars.get_contextvars()
        if bound:
            # Under the record's own extras; never a name that would overwrite a LogRecord attribute.
            fields = {**{k: v for k, v in bound.items() if k not in STANDARD}, **fields}
        if record.exc_info:
            fields["exc_info"] = record.exc_info
        try:
            out = self._core.enrich(key, fields)
        except UnknownEventError:
            raise  # only with on_unknown="raise", which asks for exactly this
        except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
            out = contained({}, key, error)
        if out is None:
            return False
        for name in extra:
            del attrs[name]
        trace = out.get("exception") if record.exc_info else None
        if trace.__class__ is str:
            # The traceback the core wrote, redacted, is what any formatter writes (logging's reuse exc_text);
            # the record keeps it for this library's outputs, the LogRecord carries no second copy.
            record.exc_text = trace
            written = self._renderer.record_attributes(
                {name: value for name, value in out.items() if name != "exception"}, exc_info=True
            )
        else:
            written = self._renderer.record_attributes(out, exc_info=bool(record.exc_info))
        self._write(attrs, out, written)
        # The message is bounded and made safe like any value (the arguments are merged into it).
        message = record.msg
        if record.args or message.__class__ is not str or not safe_text(message, self._limit):
            record.msg = self._core.redactor.redact_text(_message(record))
            record.args = ()
        return True

    def _write(self, attrs: dict[str, Any], out: dict[str, object], written: Mapping[str, object]) -> None:
        """The record's attributes: the output fields, the key for OpenTelemetry's handler, the carried record."""
        # The output's only LogRecord attribute is exc_info, the record's own value.
        attrs.update(written)
        event_name = self._renderer.event_name_attribute
        if event_name is not None:  # for OpenTelemetry's own LoggingHandler: the exported record's event_name
            attrs[event_name] = out.get(n.EVENT_KEY)
        carried = Carried()
        carried.record, carried.attributes = out, written
        attrs[CARRIED] = carried

    def _made_safe_in_place(self, record: logging.LogRecord) -> None:
        if CARRIED in record.__dict__:  # an audit record a filter enriched already (on a logger and its handler)
            return
        try:
            self.made_safe(record, in_place=True)
        except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
            _withheld(record, error)

    def made_safe(self, record: logging.LogRecord, *, in_place: bool) -> logging.LogRecord:
        """A record that is no audit record, made as safe as one: its extras, message and traceback.

        The same redaction and bounds as an audit record's (``AuditCore.plain``).
        The message keeps its arguments apart (``msg`` and ``args``, which
        tools such as Sentry group by) unless the merged text needs a change;
        a dict message (which python-json-logger writes as fields) is redacted
        as fields. Returns ``record`` itself when nothing needed a change, else
        the changed record: ``record`` when ``in_place``, else a copy, so that
        other handlers still get the record as it came. Nothing is added to
        it (OpenTelemetry's own handler exports every attribute a record
        has), so a formatter after the filter checks it again: the check
        finds nothing left to change.
        """
        attrs = record.__dict__
        changes: dict[str, object] = {}
        removed = self._safe_extras(attrs, changes) if len(attrs) > FIRST_EXTRA else ()
        self._safe_message(record, changes)
        if record.exc_info:
            # Always written again: another handler's formatter may have cached the raw traceback in exc_text.
            changes["exc_text"] = self._core.traceback(record.exc_info)
        if changes or removed:
            if not in_place:
                record = logging.makeLogRecord(attrs)
                attrs = record.__dict__
            for name in removed:
                del attrs[name]
            attrs.update(changes)
        return record

    def _safe_extras(self, attrs: dict[str, Any], changes: dict[str, object]) -> tuple[str, ...]:
        """The extra attributes to remove, when any needs a change; their safe form added to ``changes``."""
        fields = {name: attrs[name] for name in islice(attrs, FIRST_EXTRA, None) if name not in STANDARD}
        fields.pop(CARRIED, None)
        if not fields:
            return ()
        safe = self._core.plain(fields)
        if safe is fields:
            return ()
        changes.update({name: value for name, value in safe.items() if name not in STANDARD})
        return tuple(fields)

    def _safe_message(self, record: logging.LogRecord, changes: dict[str, object]) -> None:
        """The message's safe form (``msg``, and ``args`` when merged) added to ``changes``, when it needs one."""
        message, redactor = record.msg, self._core.redactor
        if message.__class__ is dict and not record.args:
            copy = dict(message)
            safe_message = self._core.plain(copy)
            if safe_message is not copy:  # compared by identity: a value's own __eq__ may raise
                changes["msg"] = safe_message
        elif message.__class__ is not str or record.args:
            try:
                text = record.getMessage()
            except Exception:  # noqa: BLE001 -- a message logging could not write: written as this library can
                text = None
            if text is None or message.__class__ is not str or not safe_text(text, self._limit):
                # Merged (and made text) now, when logging's own merge would fail or write what it must not.
                changes["msg"], changes["args"] = redactor.redact_text(_message(record)), ()
        elif not safe_text(message, self._limit):
            changes["msg"] = redactor.redact_text(message)


def _withheld(record: logging.LogRecord, error: Exception) -> None:
    """A record that could not be made safe: its extras, message and exception withheld, the failure reported once."""
    kind = type(error).__name__
    warn_once(f"withheld:{kind}", f"audit_logging could not make a log line safe ({kind}: {safe_str(error)}); withheld")
    attrs = record.__dict__
    for name in [name for name in islice(attrs, FIRST_EXTRA, None) if name not in STANDARD]:
        del attrs[name]
    record.msg, record.args = f"[audit_logging withheld this line: {type(error).__name__}]", ()
    record.exc_info = record.exc_text = None


def enriched_record(record: logging.LogRecord, audit_filter: AuditLogFilter) -> logging.LogRecord | None:
    """The record ready to write: as it is, or an enriched copy when it carries an audit event no filter has seen.

    ``None`` when the filter drops it. For outputs (formatters, handlers) that
    must never write an unredacted audit record and must not change the
    record other handlers still get.
    """
    if CARRIED in record.__dict__:  # a filter has made it an audit record, or made it safe
        return record
    if audit_filter.audit_key(record) is None:
        try:
            return audit_filter.made_safe(record, in_place=False)
        except Exception as error:  # noqa: BLE001 -- the application never sees an exception from logging
            copy = logging.makeLogRecord(record.__dict__)
            _withheld(copy, error)
            return copy
    copy = logging.makeLogRecord(record.__dict__)
    return copy if audit_filter.filter(copy) else None


def _message(record: logging.LogRecord) -> str:
    """The record's message, never an exception: a bad format string or a message whose ``__str__`` raises."""
    try:
        return record.getMessage()
    except Exception:  # noqa: BLE001 -- the caller's bug, not a reason to lose the record or raise into the caller
        return f"{safe_str(record.msg)} {safe_str(record.args)}" if record.args else safe_str(record.msg)


_CHAINED: Final = "_audit_logging_chained_line"
# python-json-logger's names for a record's own parts, which a document puts in its schema's places.
_LINE_ATTRIBUTES: Final = ("levelname", "name", "message", "asctime", "created")


class AuditFields:
    """What AuditJsonFormatter adds to a python-json-logger formatter (any of its JSON backends)."""

    DEFAULT_FORMAT: Final = "%(levelname)s %(name)s %(message)s"
    DEFAULT_RENAMES: Final = {"levelname": "level", "name": "logger", "exc_info": n.EXCEPTION_STACKTRACE}

    _audit_filter: AuditLogFilter
    _chain: HmacChain | None
    _line_names: tuple[str, ...]
    _stack_trace_name: str
    _timestamp_name: str | None
    _documents: Renderer | None

    def __init__(  # noqa: PLR0913 -- logging.Formatter's positional parameters, then ours
        self,
        fmt: str | Sequence[str] | None = DEFAULT_FORMAT,
        datefmt: str | None = None,
        style: str = "%",
        validate: bool = True,  # noqa: FBT001, FBT002 -- logging.Formatter's signature
        *,
        rename_fields: Mapping[str, str] | None = None,
        timestamp: bool | str = True,
        chain: HmacChain | None = None,
        **kwargs: Any,  # noqa: ANN401 -- the audit options (AuditOptions), and python-json-logger's own
    ) -> None:
        options = {name: kwargs.pop(name) for name in OPTION_NAMES.intersection(kwargs)}
        # The key is the line's audit.event.key already: its copy for OpenTelemetry's handler is not written twice.
        kwargs["reserved_attrs"] = [*kwargs.get("reserved_attrs", RESERVED_ATTRS), n.OTEL_EVENT_NAME]
        super().__init__(  # type: ignore[call-arg]
            fmt,
            datefmt,
            style,
            validate,
            rename_fields={**self.DEFAULT_RENAMES, **(rename_fields or {})},
            timestamp=timestamp,
            **kwargs,
        )
        self._audit_filter = AuditLogFilter(**options)
        # The profile, when its lines are documents (ECS, OCSF) the formatter renders; None for otel's.
        self._documents = self._audit_filter.renderer if self._audit_filter.renderer.documents else None
        require_type(chain, (HmacChain, type(None)), "chain", "an HmacChain or None")
        self._chain = chain
        if chain is not None:
            self.serialize_log_record = self._sealed_line
        names = [self._get_rename(name) for name in _LINE_ATTRIBUTES]  # type: ignore[attr-defined]
        self._timestamp_name = self._timestamp_key() if self.timestamp else None  # type: ignore[attr-defined]
        if self._timestamp_name is not None:
            names.append(self._timestamp_name)
        self._line_names = tuple(names)
        self._stack_trace_name = self._get_rename("exc_info")  # type: ignore[attr-defined]
        # python-json-logger's own methods, bound once: the per-record path makes no super() object.
        self._json_format: Callable[[logging.LogRecord], str] = super().format  # type: ignore[misc]
        self._json_add_fields: Callable[..., None] = super().add_fields  # type: ignore[misc]

    @property
    def audit_filter(self) -> AuditLogFilter:
        """The filter this formatter enriches records with that no filter has seen."""
        return self._audit_filter

    def _sealed_line(self, log_data: dict[str, Any]) -> str:
        """python-json-logger's JSON line sealed into the chain (keys then sorted): serialize_log_record, chained.

        Installed on the instance only when there is a chain, so a formatter without one serializes as
        python-json-logger does, with no call of ours in between.
        """
        assert self._chain is not None  # noqa: S101 -- installed only with a chain
        encoded = self.jsonify_log_record(log_data)  # type: ignore[attr-defined]
        return self.prefix + self._chain.line(json.loads(encoded))  # type: ignore[attr-defined,no-any-return]

    def formatException(self, ei: Any) -> str | list[str]:  # noqa: ANN401, N802 -- logging's signature
        """The traceback, redacted: python-json-logger formats ``exc_info`` itself rather than reuse ``exc_text``."""
        text = self._audit_filter.traceback(ei)
        if text is None:
            return super().formatException(ei)  # type: ignore[misc,no-any-return]
        return text.split("\n") if getattr(self, "exc_info_as_array", False) else text

    def format(self, record: logging.LogRecord) -> str:
        """Format one record; an audit record no AuditLogFilter has seen is enriched on a copy first.

        So a handler configured with this formatter alone never writes an
        unredacted audit record, and other handlers still get the original.
        """
        if self._chain is not None:
            # A handler may format a record twice (RotatingFileHandler does, to measure it): a
            # chained line is sealed once, or the chain would count a line never written.
            cached = record.__dict__.get(_CHAINED)
            if cached is not None and cached[0] is self:
                return str(cached[1])
        # A record a filter has handled, the common case, as it is; any other through the formatter's own filter.
        ready = record if CARRIED in record.__dict__ else enriched_record(record, self._audit_filter)
        if ready is None:
            return ""
        line: str = self._json_format(ready)
        if self._chain is not None:
            record.__dict__[_CHAINED] = (self, line)  # private: python-json-logger skips "_" names
        return line

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        """python-json-logger's fields, with the timestamp first and the active span's ids last.

        With the ``ecs`` or ``ocsf`` profile, the line is that schema's object
        instead, rendered from the canonical record the filter carried on the
        record (whichever profile that filter wrote the record's attributes in),
        with python-json-logger's other fields (``static_fields``, extras
        added after the filter, the span's ids) placed as any field of a line.
        """
        if self._timestamp_name is not None:
            # Reserve the first place: python-json-logger sets the value at the end, and a dict keeps the place.
            log_data[self._timestamp_name] = None
        self._json_add_fields(log_data, record, message_dict)
        # No span can be active in a process that never imported OpenTelemetry's tracing: nothing to look up.
        ids = current_trace_ids() if "opentelemetry.trace" in sys.modules else None
        if ids is not None:
            log_data[n.TRACE_ID], log_data[n.SPAN_ID] = ids
        renderer = self._documents
        if renderer is not None:
            document = self._document(renderer, log_data, record)
            log_data.clear()
            log_data.update(document)

    def _timestamp_key(self) -> str:
        """The name python-json-logger writes the timestamp under: ``timestamp``, or the one given, renamed."""
        name = self.timestamp if isinstance(self.timestamp, str) else "timestamp"  # type: ignore[attr-defined]
        return self._get_rename(name)  # type: ignore[attr-defined,no-any-return]

    def _document(self, renderer: Renderer, log_data: dict[str, Any], record: logging.LogRecord) -> dict[str, object]:
        """The line as the profile's JSON object: the record's time, level, logger and message in their places."""
        for name in self._line_names:
            log_data.pop(name, None)
        trace = log_data.pop(self._stack_trace_name, None)
        line = Line(
            record.__dict__.get("message"),
            record.levelname,
            record.created,
            record.name,
            trace if isinstance(trace, str) else None,
        )
        carried = carried_by(record)
        if carried is None:
            return renderer.plain(log_data, line)
        fields = dict(carried.record)
        written = carried.attributes
        for name, value in log_data.items():
            if name not in written:
                fields.setdefault(name, value)
        return renderer.document(fields, line)


class AuditJsonFormatter(AuditFields, JsonFormatter):  # type: ignore[misc]  # formatException returns a list with exc_info_as_array
    """python-json-logger's ``JsonFormatter`` with this library's defaults, for audit records.

    Takes ``logging.Formatter``'s positional parameters and every keyword of
    python-json-logger's (``static_fields``, ``json_indent``, ...);
    ``rename_fields`` is merged over the defaults (``levelname`` -> ``level``,
    ``name`` -> ``logger``, ``exc_info`` -> ``exception.stacktrace``), and
    ``timestamp`` is on. The audit options are those of every integration
    (:class:`~audit_logging.AuditOptions`). ``chain``: an
    :class:`~audit_logging.chain.HmacChain` to seal every line into, for a
    tamper-evident log file.
    """
