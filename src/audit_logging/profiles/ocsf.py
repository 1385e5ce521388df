"""The ``ocsf`` profile: an OCSF 1.7.0 event. Every OCSF rule of this library is in this module.

* The class and activity from the catalog's mapping (Authentication 3002,
  Account Change 3001): ``class_uid``, ``activity_id``, ``type_uid``,
  ``category_uid`` and their captions, ``auth_protocol`` where the event
  implies one; ``metadata`` (``version``, ``product``, ``event_code`` = the
  key); ``service.name`` for Authentication (OpenTelemetry's rule:
  ``OTEL_SERVICE_NAME``, else ``service.name`` in ``OTEL_RESOURCE_ATTRIBUTES``):
  fixed per key, computed once when the renderer is made.
* ``status_id`` / ``status`` and ``severity_id`` / ``severity`` by outcome:
  Informational on success, the event's own severity on failure;
  ``status_code`` (the error type) and ``status_detail`` (its message).
* ``metadata.uid`` (the record id), ``metadata.sequence``,
  ``metadata.correlation_uid`` (the interaction), ``user.uid`` (an Unknown user
  before one is identified: OCSF requires one), ``actor.session.uid``,
  ``actor.app_uid``, ``src_endpoint.ip`` (a real address only),
  ``http_request.user_agent``; everything OCSF has no attribute for goes into
  ``unmapped``, the stack trace as ``unmapped.exception.stacktrace``.
* A key the catalog does not know, and a line that is no audit record, is a
  Base Event (class 0), with no user, actor or endpoint; a plain line's
  severity is its level's.
* A JSON line has ``time`` (Unix milliseconds), ``message``,
  ``metadata.log_level`` and ``metadata.log_name`` (the logger), nested.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from typing import TYPE_CHECKING, Final

from audit_logging import _names as n
from audit_logging._identity import OCSF_RECORD_ID, RECORD_ID, RECORD_SEQUENCE
from audit_logging._mappings import (
    BASE_EVENT,
    FAILURE,
    INFORMATIONAL,
    MAPPINGS,
    OCSF_CLASSES,
    OCSF_SEVERITIES,
    OCSF_STATUSES,
    OTHER,
    SUCCESS,
    OcsfMapping,
)
from audit_logging.profiles._base import Compiled, Entry, Line, Renderer, compile_line, is_ip, nest, text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from audit_logging.catalog import AuditEvent

__all__ = ["OCSF_VERSION", "PRODUCT_NAME", "OcsfRenderer"]

OCSF_VERSION: Final = "1.7.0"
"""The OCSF version the ``ocsf`` profile writes (``metadata.version``), whose schema the tests validate it with."""
PRODUCT_NAME: Final = "logto-audit-logging"
"""``metadata.product.name`` of an OCSF event: the product that reported it."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 -- only for the ocsf profile

    try:
        return version("logto-audit-logging")
    except PackageNotFoundError:  # pragma: no cover -- run from a source tree that was never installed
        return "0+unknown"


def _service_name() -> str:
    """OpenTelemetry's rule: ``OTEL_SERVICE_NAME``, else ``service.name`` in ``OTEL_RESOURCE_ATTRIBUTES``."""
    name = os.environ.get("OTEL_SERVICE_NAME")
    if name:
        return name
    for pair in os.environ.get("OTEL_RESOURCE_ATTRIBUTES", "").split(","):
        key, _, value = pair.partition("=")
        if key.strip() == "service.name" and value.strip():
            return value.strip()
    return "unknown_service"


def millis(timestamp: object) -> int:
    """``time``: milliseconds since the epoch, from epoch seconds or ISO text (now, when neither)."""
    if isinstance(timestamp, int | float) and not isinstance(timestamp, bool):
        return int(timestamp * 1000)
    if isinstance(timestamp, str):
        try:
            parsed = datetime.fromisoformat(timestamp)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:  # structlog's TimeStamper(utc=False) writes local time without an offset
                parsed = parsed.astimezone()
            return int(parsed.timestamp() * 1000)
    return time.time_ns() // 1_000_000


# Canonical name -> OCSF attribute, for the IAM classes.
_NAMES: Final = {
    RECORD_ID: OCSF_RECORD_ID,
    RECORD_SEQUENCE: "metadata.sequence",
    "audit.interaction.id": "metadata.correlation_uid",
    "user.id": "user.uid",
    "session.id": "actor.session.uid",
    "audit.application.id": "actor.app_uid",  # the client application that started the interaction
    "user_agent.original": "http_request.user_agent",
    n.ERROR_TYPE: "status_code",
    n.EXCEPTION_MESSAGE: "status_detail",
}
# Base Event (an unknown key) has no user, actor or endpoint: only these.
_BASE_NAMES: Final = {name: to for name, to in _NAMES.items() if to.startswith(("metadata.", "status"))}
# Carried elsewhere: the key is metadata.event_code, the outcome status_id, the exception's type status_code.
_DROPPED: Final = frozenset({n.EVENT_KEY, n.EVENT_OUTCOME, n.EXCEPTION_TYPE})
_SKIPPED: Final = n.PASSTHROUGH
_NOT_FIELDS: Final = _DROPPED | _SKIPPED
_AUTHENTICATION: Final = 3002
_STACK_TRACE: Final = "unmapped.exception.stacktrace"
_UNKNOWN_USER: Final = {"user.name": "unknown", "user.type_id": 0, "user.type": "Unknown"}
# The severity of a log line that is not an audit record, by its level.
_LEVEL_SEVERITIES: Final = {"warning": 2, "warn": 2, "error": 3, "exception": 3, "critical": 5, "fatal": 5}


def _status_severity(status_id: int | None, severity_id: int) -> dict[str, object]:
    out: dict[str, object] = {}
    if status_id is not None:
        out["status_id"], out["status"] = status_id, OCSF_STATUSES[status_id]
    out["severity_id"], out["severity"] = severity_id, OCSF_SEVERITIES[severity_id]
    return out


# Per spelling of a key: the fixed attributes, and those of a success and of a failure.
_Fixed = tuple[dict[str, object], tuple[dict[str, object], dict[str, object]]]


class OcsfRenderer(Renderer):
    """Records and lines as OCSF 1.7.0 events (see the module's docstring for every rule)."""

    __slots__ = ("_base", "_fixed")

    documents = True

    def __init__(self, spellings: Mapping[str, AuditEvent]) -> None:
        super().__init__("ocsf")
        product: dict[str, object] = {
            "metadata.version": OCSF_VERSION,
            "metadata.product.name": PRODUCT_NAME,
            "metadata.product.version": _version(),
        }
        service = _service_name()
        success = _status_severity(SUCCESS, INFORMATIONAL)
        self._fixed: dict[str, _Fixed] = {}
        for spelled, event in spellings.items():
            ocsf = MAPPINGS[event.key][1]
            static = {**ocsf.classification(event.name), **product, "metadata.event_code": spelled}
            if ocsf.class_uid == _AUTHENTICATION:  # Authentication names the service authenticated to
                static["service.name"] = service
            self._fixed[spelled] = (static, (success, _status_severity(FAILURE, ocsf.failure_severity_id)))
        base = OcsfMapping(BASE_EVENT, OTHER)
        self._base: _Fixed = (
            {**base.classification(OCSF_CLASSES[BASE_EVENT][1][OTHER]), **product},
            (success, _status_severity(FAILURE, base.failure_severity_id)),
        )

    def _flat(self, record: Mapping[str, object], out: dict[str, object] | None = None) -> dict[str, object]:
        """The record's OCSF attributes, flat, added to ``out`` (the line's own parts, for a document)."""
        key = record.get(n.EVENT_KEY)
        known = self._fixed.get(key) if key.__class__ is str else None
        static, statuses = known or self._base
        if out is None:
            out = dict(static)
        else:
            out.update(static)
        if known is None:
            out["metadata.event_code"] = str(key)
        out.update(statuses[record.get(n.EVENT_OUTCOME) == "failure"])
        names = _NAMES if known is not None else _BASE_NAMES
        for name, value in record.items():
            if name in _NOT_FIELDS:
                continue
            if name == "exception":
                out[_STACK_TRACE if value.__class__ is str else "unmapped.exception"] = value
            elif name == "client.address" and known is not None and is_ip(value):
                out["src_endpoint.ip"] = value
            else:
                to = names.get(name)
                if to is None:
                    out[f"unmapped.{name}"] = value
                elif value is not None:  # a schema attribute left empty is absent, not null
                    out[to] = text(value) if to != "metadata.sequence" else value
        if known is not None and "user.uid" not in out:
            out.update(_UNKNOWN_USER)  # OCSF requires the user of these classes; before one is identified, unknown
        return out

    def attributes(self, record: Mapping[str, object], line: Line | None = None) -> dict[str, object]:
        """The record's OCSF attributes, flat; the line's level, logger and stack trace when it has them."""
        out = self._flat(record)
        if line is not None:
            out["metadata.log_level"] = line.level.lower()
            if line.logger is not None:
                out["metadata.log_name"] = line.logger
            if line.stack_trace and _STACK_TRACE not in out:
                out[_STACK_TRACE] = line.stack_trace
        return out

    def record_attributes(self, record: Mapping[str, object], *, exc_info: bool) -> dict[str, object]:
        """The record's OCSF attributes, flat."""
        del exc_info
        return self._flat(record)

    def document(
        self, record: Mapping[str, object], line: Line, into: dict[str, object] | None = None
    ) -> dict[str, object]:
        """The OCSF event of an audit record: compiled for its key and set of names (see _compile), else flat."""
        key = record.get(n.EVENT_KEY)
        known = self._fixed.get(key) if key.__class__ is str else None
        if known is not None:
            shape = (tuple(record), key)
            render = _RENDERERS.get(shape, _MISSING)
            if render is _MISSING:
                render = _compile(shape[0], known[0])
                if len(_RENDERERS) < _RENDERERS_LIMIT:  # names come from outside, hence the bound
                    _RENDERERS[shape] = render
            if render is not None:
                statuses = known[1][record.get(n.EVENT_OUTCOME) == "failure"]
                done = render({} if into is None else into, tuple(record.values()), known[0], statuses, line)  # type: ignore[operator]
                if done is not None:
                    return done  # type: ignore[no-any-return]
        return _document(self._flat(record, _line_parts(line)), line, into)

    def plain(
        self, fields: Mapping[str, object], line: Line, into: dict[str, object] | None = None
    ) -> dict[str, object]:
        """Every line an OCSF event: one that is no audit record is a Base Event, its fields unmapped."""
        out = _line_parts(line)
        out.update(self._base[0])
        for name, value in fields.items():
            if name not in _SKIPPED:
                out[f"unmapped.{name}"] = value
        return _document(out, line, into)


def _line_parts(line: Line) -> dict[str, object]:
    """The line's own parts, first in an OCSF line: its time, message, level and logger."""
    flat: dict[str, object] = {"time": millis(line.timestamp)}
    if line.message is not None:
        flat["message"] = line.message
    flat["metadata.log_level"] = line.level.lower()
    if line.logger is not None:
        flat["metadata.log_name"] = line.logger
    return flat


def _document(flat: dict[str, object], line: Line, into: dict[str, object] | None) -> dict[str, object]:
    """The line's parts and fields, already flat under OCSF's names (each a top attribute, or unmapped), nested."""
    if line.stack_trace and _STACK_TRACE not in flat:
        flat[_STACK_TRACE] = line.stack_trace
    if "severity_id" not in flat:  # a line that is no audit record: its severity is its level's
        flat.update(_status_severity(None, _LEVEL_SEVERITIES.get(line.level.lower(), INFORMATIONAL)))
    return nest(flat, into)


# An audit line's names repeat from line to line, and so does what this profile does with them: for each
# catalog key and set of a record's names, the rules of _flat and _document are precomputed once into
# compile_line's entries and guards (an address that is no IP, a value that is not text where OCSF wants
# text, a field left empty: the compiled code declines, and the line is made by _flat and _document).
_RENDERERS: dict[tuple[tuple[str, ...], object], Compiled | None] = {}
_RENDERERS_LIMIT: Final = 1024
_MISSING: Final = object()
_MOST_NAMES: Final = 128
_STATUSES: Final = ("status_id", "status", "severity_id", "severity")
_HELPERS: Final = {"is_ip": is_ip, "millis": millis}


def _compile(names: tuple[str, ...], static: Mapping[str, object]) -> Compiled | None:
    """The compiled OCSF event of a record with these names and a catalog key's fixed attributes, if it can be."""
    if len(names) > _MOST_NAMES:
        return None
    entries = [
        Entry("time", "millis(line.timestamp)"),
        Entry("message", "line.message", "line.message is not None"),
        Entry("metadata.log_level", "line.level.lower()"),
        Entry("metadata.log_name", "line.logger", "line.logger is not None"),
    ]
    entries += [Entry(name, f"s[{name!r}]") for name in static]
    entries += [Entry(name, f"t[{name!r}]") for name in _STATUSES]
    guards: list[str] = []
    for index, name in enumerate(names):
        if name in _NOT_FIELDS:
            continue
        if name == "exception":
            return None
        if name == "client.address":
            guards.append(f"not is_ip(v[{index}])")
            entries.append(Entry("src_endpoint.ip", f"v[{index}]"))
            continue
        to = _NAMES.get(name)
        if to is None:
            entries.append(Entry(f"unmapped.{name}", f"v[{index}]"))
            continue
        # Left out when None, written as text otherwise (the sequence excepted): the compiled code takes text as it is.
        guards.append(f"v[{index}] is None" if to == "metadata.sequence" else f"v[{index}].__class__ is not str")
        entries.append(Entry(to, f"v[{index}]"))
    if all(entry.name != "user.uid" for entry in entries):
        entries += [Entry(name, repr(value)) for name, value in _UNKNOWN_USER.items()]
    if all(entry.name != _STACK_TRACE for entry in entries):
        entries.append(Entry(_STACK_TRACE, "line.stack_trace", "line.stack_trace"))
    return compile_line(entries, guards, frozenset(), _HELPERS)
