"""The ecs and ocsf profiles' renderers: loaded when an integration is made with one of them, not at import.

See :mod:`audit_logging.profiles` for what each profile writes.
"""

from __future__ import annotations

import ipaddress
import json
import os
import time
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from audit_logging import _names as n
from audit_logging._identity import RECORD_ID, RECORD_SEQUENCE
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
from audit_logging.profiles import (
    ECS_DATASET,
    ECS_MODULE,
    ECS_VERSION,
    ECS_VIEW,
    ENVELOPE,
    OCSF_VERSION,
    OCSF_VIEW,
    PRODUCT_NAME,
    DocumentRenderer,
    Line,
    nest,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from audit_logging.catalog import AuditEvent


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


def _is_ip(value: object) -> bool:
    # No address is longer than an IPv6 one with a zone; a longer text is not parsed, nor cached.
    return isinstance(value, str) and len(value) <= _LONGEST_ADDRESS and _parses_as_ip(value)


_LONGEST_ADDRESS: Final = 64
_CACHED_NAME: Final = 256


@lru_cache(maxsize=4096)  # the same clients come back; parsing an address is the slow part of a line
def _parses_as_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _text(value: object) -> object:
    """A value given for a field the schema types as a string, as text: a number, a bool, a list or an object as JSON.

    The core has already made every value JSON-safe (bounded, redacted, no NaN), so this never fails.
    """
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _iso(timestamp: object) -> str:
    """An RFC 3339 UTC time for ECS's ``@timestamp``: a TimeStamper's ISO text as it is, epoch seconds converted."""
    if isinstance(timestamp, str) and timestamp:
        return timestamp
    seconds = timestamp if isinstance(timestamp, int | float) and not isinstance(timestamp, bool) else time.time()
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _millis(timestamp: object) -> int:
    """OCSF's ``time``: milliseconds since the epoch, from epoch seconds or ISO text (now, when neither)."""
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


_ECS_NAMES: Final = {
    n.EVENT_OUTCOME: "event.outcome",
    RECORD_ID: "event.id",
    RECORD_SEQUENCE: "event.sequence",
    n.EXCEPTION_MESSAGE: "error.message",
    n.EXCEPTION_STACKTRACE: "error.stack_trace",
    "exception": "error.stack_trace",  # structlog's format_exc_info
    "session.id": "audit.session.id",  # ECS has no session field set
    n.TRACE_ID: "trace.id",
    n.SPAN_ID: "span.id",
}
# ECS keyword fields this profile fills from a caller's values: a number given for one is written as text.
_ECS_TEXT: Final = frozenset(
    {
        "event.id",
        "user.id",
        "client.address",
        "user_agent.original",
        "error.type",
        "error.message",
        "trace.id",
        "span.id",
    }
)
# Fields that another one carries in ECS: the key is event.action, the exception's type error.type.
_ECS_DROPPED: Final = frozenset({n.EVENT_KEY, n.EXCEPTION_TYPE})
# The line's own parts, first in an ECS line as ecs-logging writes them; a caller's field of one of these
# names is kept as audit.<name> rather than lost or let overwrite the line's own.
_ECS_HEAD: Final = frozenset({"@timestamp", "log.level", "message", "ecs.version"})


class EcsRenderer(DocumentRenderer):
    __slots__ = ("_statics",)

    def __init__(self, spellings: Mapping[str, AuditEvent]) -> None:
        super().__init__("ecs", ECS_VIEW, self._fields)
        self._statics: dict[str, dict[str, object]] = {}
        for spelled, event in spellings.items():
            ecs = MAPPINGS[event.key][0]
            self._statics[spelled] = self._static(spelled, list(ecs.category), list(ecs.type), ecs.kind)

    @staticmethod
    def _static(action: str, category: list[str] | None, types: list[str] | None, kind: str) -> dict[str, object]:
        # ecs.version is the document's (document() writes it), not a record field: ecs-logging writes its own.
        static: dict[str, object] = {"event.kind": kind}
        if category is not None:
            static["event.category"], static["event.type"] = category, types
        static.update({"event.action": action, "event.module": ECS_MODULE, "event.dataset": ECS_DATASET})
        return static

    def _fields(self, record: dict[str, object]) -> dict[str, object]:
        key = record.get(n.EVENT_KEY)
        static = self._statics.get(key) if isinstance(key, str) else None
        if static is None:  # a key the catalog does not know: no category or type to claim
            static = self._static(str(key), None, None, "event")
        out = dict(static)
        self._rename(record, out, skip=_ECS_DROPPED)
        return out

    @staticmethod
    def _rename(fields: Mapping[str, object], out: dict[str, object], skip: frozenset[str] = frozenset()) -> None:
        for name, value in fields.items():
            if name in skip:
                continue
            if name == "exception" and not isinstance(value, str):
                out[name] = value  # dict_tracebacks' list has no ECS field; it stays as it is
                continue
            to = _ECS_NAMES.get(name, name)
            if to in _ECS_TEXT or to != name:
                if value is not None:  # a schema field left empty is absent, not null
                    out[to] = _text(value) if to in _ECS_TEXT else value
            else:
                out[name] = value
            if name == "client.address" and _is_ip(value):
                out["client.ip"] = value  # an ip field: only a real address, or Elasticsearch rejects the document

    def plain(self, fields: dict[str, object]) -> dict[str, object]:
        return fields  # ECS is a schema for any log line: the line's parts are added by document()

    def document(self, fields: Mapping[str, object], line: Line) -> dict[str, object]:
        rest: dict[str, object] = {}
        if line.logger is not None:
            rest["log.logger"] = line.logger
        self._rename(fields, rest)
        for name in _ECS_HEAD.intersection(rest):
            rest[f"audit.{name}"] = rest.pop(name)
        head: dict[str, object] = {"@timestamp": _iso(line.timestamp), "log.level": line.level.lower()}
        if line.message is not None:
            head["message"] = line.message
        head["ecs.version"] = ECS_VERSION
        return {**head, **nest(rest)}


# The OCSF attributes this profile writes at the top of an event; anything else goes into `unmapped`.
_OCSF_TOP: Final = frozenset(
    {
        *("activity_id", "activity_name", "category_uid", "category_name", "class_uid", "class_name"),
        *("type_uid", "type_name", "severity_id", "severity", "status_id", "status", "status_code"),
        *("status_detail", "time", "message", "metadata", "unmapped", "auth_protocol_id", "auth_protocol"),
        *("user", "actor", "src_endpoint", "http_request", "service"),
    }
)
# Canonical name -> OCSF attribute, for the IAM classes.
_OCSF_NAMES: Final = {
    RECORD_ID: "metadata.uid",
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
_OCSF_BASE_NAMES: Final = {name: to for name, to in _OCSF_NAMES.items() if to.startswith(("metadata.", "status"))}
# Carried elsewhere: the key is metadata.event_code, the outcome status_id, the exception's type status_code.
_OCSF_DROPPED: Final = frozenset({n.EVENT_KEY, n.EVENT_OUTCOME, n.EXCEPTION_TYPE})
_AUTHENTICATION: Final = 3002


def _unmapped(name: str) -> str:
    return _placed(name) if len(name) <= _CACHED_NAME else _place(name)


@lru_cache(maxsize=4096)  # names repeat from line to line; they come from outside, hence the bounds
def _placed(name: str) -> str:
    return _place(name)


def _place(name: str) -> str:
    return name if name.partition(".")[0] in _OCSF_TOP else f"unmapped.{name}"


class OcsfRenderer(DocumentRenderer):
    __slots__ = ("_base", "_statics")

    def __init__(self, spellings: Mapping[str, AuditEvent]) -> None:
        super().__init__("ocsf", OCSF_VIEW, self._fields)
        product: dict[str, object] = {
            "metadata.version": OCSF_VERSION,
            "metadata.product.name": PRODUCT_NAME,
            "metadata.product.version": _version(),
        }
        service = _service_name()
        # A static part and the (status, severity) pairs for success and failure, per spelling of a key.
        self._statics: dict[str, tuple[dict[str, object], tuple[dict[str, object], dict[str, object]]]] = {}
        for spelled, event in spellings.items():
            ocsf = MAPPINGS[event.key][1]
            static = {**ocsf.classification(event.name), **product, "metadata.event_code": spelled}
            if ocsf.class_uid == _AUTHENTICATION:  # Authentication names the service authenticated to
                static["service.name"] = service
            failure = _status_severity(FAILURE, ocsf.failure_severity_id)
            self._statics[spelled] = (static, (_status_severity(SUCCESS, INFORMATIONAL), failure))
        base = OcsfMapping(BASE_EVENT, OTHER)
        self._base = (
            {**base.classification(OCSF_CLASSES[BASE_EVENT][1][OTHER]), **product},
            (_status_severity(SUCCESS, INFORMATIONAL), _status_severity(FAILURE, base.failure_severity_id)),
        )

    def _fields(self, record: dict[str, object]) -> dict[str, object]:
        key = record.get(n.EVENT_KEY)
        known = self._statics.get(key) if isinstance(key, str) else None
        static, statuses = known or self._base
        out = dict(static)
        if known is None:
            out["metadata.event_code"] = str(key)
        out.update(statuses[record.get(n.EVENT_OUTCOME) == "failure"])
        names = _OCSF_NAMES if known is not None else _OCSF_BASE_NAMES
        for name, value in record.items():
            if name in _OCSF_DROPPED:
                continue
            if name == "exception" and isinstance(value, str):  # format_exc_info's traceback
                out["unmapped.exception.stacktrace"] = value
            elif name in ENVELOPE:
                out[name] = value
            elif name == "client.address" and known is not None and _is_ip(value):
                out["src_endpoint.ip"] = value
            else:
                to = names.get(name)
                if to is None:
                    out[f"unmapped.{name}"] = value
                elif value is not None:  # a schema attribute left empty is absent, not null
                    out[to] = _text(value) if to != "metadata.sequence" else value
        if known is not None and "user.uid" not in out:
            # OCSF requires the user of these classes; before one is identified, it is unknown.
            out["user.name"], out["user.type_id"], out["user.type"] = "unknown", 0, "Unknown"
        return out

    def plain(self, fields: dict[str, object]) -> dict[str, object]:
        # Every line an OCSF event: one that is not an audit record is a Base Event, its fields unmapped.
        unmapped = {name if name in ENVELOPE else f"unmapped.{name}": value for name, value in fields.items()}
        return {**self._base[0], **unmapped}

    def document(self, fields: Mapping[str, object], line: Line) -> dict[str, object]:
        flat: dict[str, object] = {"time": _millis(line.timestamp)}
        if line.message is not None:
            flat["message"] = line.message
        flat["metadata.log_level"] = line.level.lower()
        if line.logger is not None:
            flat["metadata.log_name"] = line.logger
        for name, value in fields.items():
            flat[_unmapped(name)] = value
        if "severity_id" not in flat:  # a line that is no audit record: its severity is its level's
            flat.update(_status_severity(None, _LEVEL_SEVERITIES.get(line.level.lower(), INFORMATIONAL)))
        return nest(flat)


# The severity of a log line that is not an audit record, by its level.
_LEVEL_SEVERITIES: Final = {"warning": 2, "warn": 2, "error": 3, "exception": 3, "critical": 5, "fatal": 5}


def _status_severity(status_id: int | None, severity_id: int) -> dict[str, object]:
    out: dict[str, object] = {}
    if status_id is not None:
        out["status_id"], out["status"] = status_id, OCSF_STATUSES[status_id]
    out["severity_id"], out["severity"] = severity_id, OCSF_SEVERITIES[severity_id]
    return out
