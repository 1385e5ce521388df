"""Output profiles: how a record's fields are named and shaped in an output.

* ``otel`` (the default) is the canonical naming itself: OpenTelemetry
  semantic-convention names (``user.id``, ``client.address``, ``error.type``)
  and the ``audit.`` namespace for the rest. Flat dotted keys by default;
  ``nested=True`` turns ``{"audit.event.key": k}`` into
  ``{"audit": {"event": {"key": k}}}``.
* ``ecs`` is Elastic Common Schema: ``event.kind``, ``event.category``,
  ``event.type`` (from the catalog's mapping), ``event.action`` (the key),
  ``event.outcome``, ``event.id`` and ``event.sequence`` (the record's
  identity), ``user.id``, ``client.address`` and ``client.ip``,
  ``user_agent.original``, ``error.*``, ``trace.id`` / ``span.id``, and
  ``event.module: logto`` / ``event.dataset: logto.audit`` to find them by.
  Fields ECS has no name for keep theirs (``audit.application.id``; Logto's
  session id as ``audit.session.id``, since ECS has no ``session`` field set).
  A JSON line is nested as ecs-logging writes it: ``@timestamp``,
  ``log.level``, ``message`` and ``ecs.version`` first, the rest as objects.
* ``ocsf`` is an OCSF 1.7.0 event of the catalog's class (Authentication,
  Account Change): ``class_uid``, ``activity_id``, ``type_uid``,
  ``status_id``, ``severity_id`` and their captions, ``time``, ``metadata``
  (``event_code`` is the key, ``uid`` the record id, ``correlation_uid`` the
  interaction), ``user``, ``actor`` (the session and the application),
  ``src_endpoint``, ``http_request``, and everything OCSF has no attribute
  for in ``unmapped``.

A profile works in two steps. ``Renderer.fields`` renames an audit record's
fields (the core does this for every integration, so a stdlib record and an
OpenTelemetry log record carry the profile's names too), and, for ``ecs``
and ``ocsf``, :meth:`DocumentRenderer.document` adds the log line's own parts
(time, level, message, logger) and shapes the JSON object a formatter writes.
Their renderers live in ``audit_logging._documents``, loaded only when an
integration is made with one of them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Final, Literal, NamedTuple, TypeAlias

from audit_logging import _names as n
from audit_logging._validate import require_choice

if TYPE_CHECKING:
    from audit_logging.catalog import AuditEvent

__all__ = [
    "ECS_DATASET",
    "ECS_VERSION",
    "OCSF_VERSION",
    "PRODUCT_NAME",
    "Line",
    "Profile",
    "Renderer",
    "nest",
    "view_of",
]

Profile: TypeAlias = Literal["otel", "ecs", "ocsf"]
PROFILES: Final = ("otel", "ecs", "ocsf")

ECS_VERSION: Final = "9.4.0"
"""The ECS version the ``ecs`` profile writes (``ecs.version``), whose definitions the tests check it against."""
ECS_MODULE: Final = "logto"
ECS_DATASET: Final = "logto.audit"
OCSF_VERSION: Final = "1.7.0"
"""The OCSF version the ``ocsf`` profile writes (``metadata.version``), whose schema the tests validate it with."""
PRODUCT_NAME: Final = "logto-audit-logging"
"""``metadata.product.name`` of an OCSF event: the product that reported it."""

_MISSING: Final = object()


def _path(key: str) -> tuple[tuple[str, ...], str]:
    return _cached_path(key) if len(key) <= _CACHED_KEY else _split(key)


@lru_cache(maxsize=4096)  # a record's names repeat from line to line; they come from outside, hence the bounds
def _cached_path(key: str) -> tuple[tuple[str, ...], str]:
    return _split(key)


def _split(key: str) -> tuple[tuple[str, ...], str]:
    *path, leaf = key.split(".")
    return tuple(path), leaf


_CACHED_KEY: Final = 256


def nest(fields: Mapping[str, object]) -> dict[str, object]:
    """Dotted keys as nested objects; nothing is lost where names collide.

    Plain keys are placed first; a dotted key whose path runs into a plain
    value (``user`` is a string, ``user.id`` wants it to be an object) stays
    dotted at the top.
    """
    out = {key: value for key, value in fields.items() if "." not in key}
    ours: set[int] = set()  # the objects made here; any other dict is copied before it is added to
    for key, value in fields.items():
        if "." not in key:
            continue
        path, leaf = _path(key)
        node: dict[str, object] = out
        for part in path:
            child = node.get(part, _MISSING)
            if child is _MISSING:
                child = node[part] = {}
                ours.add(id(child))
            elif not isinstance(child, dict):
                node, leaf = out, key
                break
            elif id(child) not in ours:
                child = node[part] = dict(child)
                ours.add(id(child))
            node = child
        node[leaf] = value
    return out


class View(NamedTuple):
    """Where a profile's record keeps what OpenTelemetry needs: the key, the outcome, the error, the line's parts."""

    key: str
    outcome: str
    failure: object
    error: str
    message: str
    level: str | None
    envelope: frozenset[str]
    error_message: str
    stack_trace: str
    document: Mapping[str, str] = {}
    """Attributes of the whole document rather than of a record (ECS's ``ecs.version``), added to each log record."""


# The parts of a log line that are not record fields: a structlog event's
# message, level, time and logger, and what the renderers downstream need.
ENVELOPE: Final = frozenset({"event", "level", "timestamp", "logger", "logger_name", "exception", *n.PASSTHROUGH})
# Those of them an OpenTelemetry log record carries as its own parts (or drops), not as attributes, per profile.
OTEL_LINE: Final = frozenset({"event", "level", "timestamp", "exception", *n.PASSTHROUGH})

OTEL_VIEW: Final = View(
    n.EVENT_KEY, n.EVENT_OUTCOME, "failure", n.ERROR_TYPE, "event", "level", OTEL_LINE,
    n.EXCEPTION_MESSAGE, n.EXCEPTION_STACKTRACE,
)  # fmt: skip
ECS_VIEW: Final = View(
    "event.action", "event.outcome", "failure", "error.type", "message", "log.level",
    frozenset({"@timestamp", "message", "log.level", "exception", *n.PASSTHROUGH}),
    "error.message", "error.stack_trace", {"ecs.version": ECS_VERSION},
)  # fmt: skip
OCSF_VIEW: Final = View(
    "metadata.event_code", "status_id", 2, "status_code", "message", "metadata.log_level",  # 2: OCSF's Failure
    frozenset({"time", "message", "exception", *n.PASSTHROUGH}),
    "status_detail", "unmapped.exception.stacktrace",
)  # fmt: skip


def view_of(fields: Mapping[str, object]) -> View | None:
    """The view of an audit record in any profile, flat or nested; ``None`` for anything else."""
    if n.EVENT_KEY in fields:
        return OTEL_VIEW
    if fields.get("event.dataset") == ECS_DATASET:
        return ECS_VIEW
    if fields.get("metadata.product.name") == PRODUCT_NAME:
        return OCSF_VIEW
    return _nested_view(fields)


def _nested_view(fields: Mapping[str, object]) -> View | None:
    """The view of a record written with nested objects (``nested=True``, or an ECS or OCSF document)."""
    audit, event, metadata = fields.get("audit"), fields.get("event"), fields.get("metadata")
    if isinstance(audit, Mapping) and isinstance(audit.get("event"), Mapping) and "key" in audit["event"]:
        return OTEL_VIEW
    if isinstance(event, Mapping) and event.get("dataset") == ECS_DATASET:
        return ECS_VIEW
    if isinstance(metadata, Mapping):
        product = metadata.get("product")
        if isinstance(product, Mapping) and product.get("name") == PRODUCT_NAME:
            return OCSF_VIEW
    return None


Fields: TypeAlias = Callable[[dict[str, object]], dict[str, object]]


class Line(NamedTuple):
    """A log line's own parts, which a document puts in its schema's places."""

    message: object
    level: str
    timestamp: object  # epoch seconds, ISO text, or None for now
    logger: object


class Renderer:
    """A profile: ``fields`` renames a record's fields (``None``: the record is the output as it is)."""

    __slots__ = ("fields", "name", "view")

    def __init__(self, name: Profile, view: View, fields: Fields | None) -> None:
        self.name: Profile = name
        self.view = view
        self.fields = fields


class DocumentRenderer(Renderer, ABC):
    """A profile whose log lines are a schema's own JSON object (ECS, OCSF), not the record's fields as they are."""

    __slots__ = ()

    @abstractmethod
    def plain(self, fields: dict[str, object]) -> dict[str, object]:
        """The fields of a log line that is not an audit record, in this profile (before :meth:`document`)."""

    @abstractmethod
    def document(self, fields: Mapping[str, object], line: Line) -> dict[str, object]:
        """The JSON object of one log line: the record's fields (in this profile) with the line's own parts."""


class _Otel(Renderer):
    __slots__ = ()

    def __init__(self, *, nested: bool) -> None:
        super().__init__("otel", OTEL_VIEW, nest if nested else None)


def make_renderer(profile: object, *, nested: bool, spellings: Mapping[str, AuditEvent]) -> Renderer:
    """Validate a ``profile`` option and make its renderer; ``spellings`` maps each spelling of a key to its event."""
    require_choice(profile, PROFILES, "profile")
    if profile == "otel":
        return _Otel(nested=nested)
    from audit_logging._documents import EcsRenderer, OcsfRenderer  # noqa: PLC0415 -- only the profiles that need them

    return EcsRenderer(spellings) if profile == "ecs" else OcsfRenderer(spellings)
