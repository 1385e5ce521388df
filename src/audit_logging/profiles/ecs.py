"""The ``ecs`` profile: Elastic Common Schema 9.4.0. Every ECS rule of this library is in this module.

* ``event.kind``, ``event.category``, ``event.type`` from the catalog's
  mapping, ``event.action`` (the key in the configured spelling),
  ``event.module: logto`` / ``event.dataset: logto.audit`` to find the records
  by: fixed per key, computed once when the renderer is made.
* ``event.outcome``, ``event.id`` and ``event.sequence`` (the record's
  identity), ``user.id``, ``client.address`` (and ``client.ip`` when it is a
  real address: an ``ip`` field Elasticsearch would reject otherwise),
  ``user_agent.original``, ``trace.id`` / ``span.id``; keyword fields given a
  number are written as text, and left empty when ``None``.
* Errors: ``error.type`` (the exception's qualified name), ``error.message``,
  ``error.stack_trace`` (the traceback, or structlog's ``format_exc_info``
  text). A stdlib record with an exception leaves all three to the formatter,
  which writes them from ``exc_info`` (Elastic's ``StdlibFormatter`` refuses a
  record that carries them too).
* Fields ECS has no name for keep theirs (``audit.application.id``; Logto's
  session id as ``audit.session.id``, since ECS has no ``session`` field set);
  the key's own ``audit.event.key`` and ``exception.type`` are dropped (they
  are ``event.action`` and ``error.type``).
* A JSON line is nested as ecs-logging writes it: ``@timestamp``,
  ``log.level`` (lower case), ``message`` (structlog's ``event``: it would clash
  with ECS's ``event.*``) and ``ecs.version`` first, ``log.logger``, then the
  rest as objects. A caller's field named like one of the first four is kept as
  ``audit.<name>``. ``ecs.version`` is the document's, not a record field:
  OpenTelemetry attributes carry it, a stdlib record's attributes do not.
* A line that is no audit record is an ECS line too, with the same renames.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

from audit_logging import _names as n
from audit_logging._identity import ECS_RECORD_ID, RECORD_ID, RECORD_SEQUENCE
from audit_logging._mappings import MAPPINGS
from audit_logging.profiles._base import Compiled, Entry, Line, Renderer, compile_line, is_ip, nest, text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from audit_logging.catalog import AuditEvent

__all__ = ["ECS_DATASET", "ECS_MODULE", "ECS_VERSION", "EcsRenderer"]

ECS_VERSION: Final = "9.4.0"
"""The ECS version the ``ecs`` profile writes (``ecs.version``), whose definitions the tests check it against."""
ECS_MODULE: Final = "logto"
ECS_DATASET: Final = "logto.audit"

# Canonical name -> ECS field.
_NAMES: Final = {
    n.EVENT_OUTCOME: "event.outcome",
    RECORD_ID: ECS_RECORD_ID,
    RECORD_SEQUENCE: "event.sequence",
    n.EXCEPTION_MESSAGE: "error.message",
    n.EXCEPTION_STACKTRACE: "error.stack_trace",
    "session.id": "audit.session.id",  # ECS has no session field set
    n.TRACE_ID: "trace.id",
    n.SPAN_ID: "span.id",
}
# ECS keyword fields this profile fills from a caller's values: a number given for one is written as text.
_TEXT: Final = frozenset(
    {
        *(ECS_RECORD_ID, "user.id", "client.address", "user_agent.original"),
        *("error.type", "error.message", "trace.id", "span.id"),
    }
)
# Fields that another one carries in ECS: the key is event.action, the exception's type error.type.
_DROPPED: Final = frozenset({n.EVENT_KEY, n.EXCEPTION_TYPE})
# Not fields of the record: its bookkeeping for renderers downstream, which the adapters keep in place.
_SKIPPED: Final = n.PASSTHROUGH
# The line's own parts, first in an ECS line as ecs-logging writes them.
_HEAD: Final = frozenset({"@timestamp", "log.level", "message", "ecs.version"})
# Left to a stdlib formatter that writes them from the record's exception, as ecs-logging's does.
_ERRORS: Final = ("error.type", "error.message", "error.stack_trace")
_STACK_TRACE: Final = "error.stack_trace"

# Where a field goes, by its canonical name: its ECS name, whether its value is
# written as text, whether it is left out when None (a renamed or a text field left empty is absent, not
# null), and what else to do with it (_KIND). A caller's field named like one of the line's own first four
# is kept as audit.<name>.
_Slot = tuple[str, bool, bool, int]
_PLAIN, _PASSED, _DROPPED_IN_RECORD, _EXCEPTION, _ADDRESS = range(5)
_KIND: Final = {
    **dict.fromkeys(n.PASSTHROUGH, _PASSED),  # the renderers' bookkeeping, kept at the top by the adapter
    **dict.fromkeys(_DROPPED, _DROPPED_IN_RECORD),
    "exception": _EXCEPTION,  # format_exc_info's traceback is the stack trace; dict_tracebacks' list stays
    "client.address": _ADDRESS,  # client.ip too, when it is an address
}
_SLOTS: dict[str, _Slot] = {}
_SLOTS_LIMIT: Final = 4096


def _slot(name: str) -> _Slot:
    slot = _SLOTS.get(name)
    if slot is None:
        to = _NAMES.get(name, name)
        as_text = to in _TEXT
        drop_none = as_text or to != name
        if to in _HEAD:
            to = f"audit.{to}"
        slot = (to, as_text, drop_none, _KIND.get(name, _PLAIN))
        if len(_SLOTS) < _SLOTS_LIMIT and len(name) <= 256:  # noqa: PLR2004 -- names come from outside, hence the bound
            _SLOTS[name] = slot
    return slot


def iso_time(timestamp: object) -> str:
    """``@timestamp``: a TimeStamper's ISO text as it is, epoch seconds converted to RFC 3339 UTC, else now."""
    if isinstance(timestamp, str) and timestamp:
        return timestamp
    seconds = timestamp if isinstance(timestamp, int | float) and not isinstance(timestamp, bool) else time.time()
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _fixed(action: str, event: AuditEvent | None) -> dict[str, object]:
    """The fields fixed for one spelling of a key: its classification and where to find it."""
    static: dict[str, object] = {"event.kind": "event"}
    if event is not None:
        ecs = MAPPINGS[event.key][0]
        static["event.kind"] = ecs.kind
        static["event.category"], static["event.type"] = list(ecs.category), list(ecs.type)
    static.update({"event.action": action, "event.module": ECS_MODULE, "event.dataset": ECS_DATASET})
    return static


class EcsRenderer(Renderer):
    """Records and lines as ECS 9.4.0 (see the module's docstring for every rule)."""

    __slots__ = ("_fixed",)

    documents = True

    def __init__(self, spellings: Mapping[str, AuditEvent]) -> None:
        super().__init__("ecs")
        self._fixed = {spelled: _fixed(spelled, event) for spelled, event in spellings.items()}

    def _static(self, record: Mapping[str, object]) -> dict[str, object]:
        key = record.get(n.EVENT_KEY)
        static = self._fixed.get(key) if key.__class__ is str else None
        return static if static is not None else _fixed(str(key), None)  # a key the catalog does not know

    def _flat(self, record: Mapping[str, object]) -> dict[str, object]:
        out = dict(self._static(record))
        stack_trace = _place(record, out, record=True)
        if stack_trace and _STACK_TRACE not in out:
            out[_STACK_TRACE] = stack_trace
        return out

    def attributes(self, record: Mapping[str, object], line: Line | None = None) -> dict[str, object]:
        """The record's ECS fields, flat, with ``ecs.version``; the line's logger and stack trace when it has them."""
        out = self._flat(record)
        if line is not None:
            if line.logger is not None:
                out["log.logger"] = line.logger
            if line.stack_trace and _STACK_TRACE not in out:
                out[_STACK_TRACE] = line.stack_trace
        out["ecs.version"] = ECS_VERSION
        return out

    def record_attributes(self, record: Mapping[str, object], *, exc_info: bool) -> dict[str, object]:
        """The record's ECS fields, flat; with an exception, error.* are left to the formatter."""
        out = self._flat(record)
        if exc_info:
            for name in _ERRORS:
                out.pop(name, None)
        return out

    def document(
        self, record: Mapping[str, object], line: Line, into: dict[str, object] | None = None
    ) -> dict[str, object]:
        """The ECS line of an audit record: compiled for its set of names (see _compile), else field by field."""
        head = _head(line, {} if into is None else into)
        key = record.get(n.EVENT_KEY)
        static = self._fixed.get(key) if key.__class__ is str else None
        if static is None:  # a key the catalog does not know
            return _document(_fixed(str(key), None), record, line, head)
        names = tuple(record)
        render = _RENDERERS.get(names, _MISSING)
        if render is _MISSING:
            render = _compile(names, static)
            if len(_RENDERERS) < _RENDERERS_LIMIT:  # names come from outside, hence the bound
                _RENDERERS[names] = render
        if render is not None:
            done = render(head, tuple(record.values()), static, None, line)  # type: ignore[operator]
            if done is not None:
                return done  # type: ignore[no-any-return]
        return _document(static, record, line, head)

    def plain(
        self, fields: Mapping[str, object], line: Line, into: dict[str, object] | None = None
    ) -> dict[str, object]:
        """The ECS line of any other log line: its fields renamed as a record's are."""
        return _document(None, fields, line, {} if into is None else into)


def _place(fields: Mapping[str, object], out: dict[str, object], *, record: bool) -> str | None:
    """``fields`` into ``out`` by their ECS names; the traceback structlog's format_exc_info wrote, if any."""
    stack_trace = None
    for name, value in fields.items():
        to, as_text, drop_none, kind = _SLOTS.get(name) or _slot(name)
        if kind:
            if kind == _PASSED or (record and kind == _DROPPED_IN_RECORD):
                continue
            if kind == _EXCEPTION:
                if value.__class__ is str:
                    stack_trace = value
                else:  # dict_tracebacks' list has no ECS field
                    out[name] = value
                continue
        if value is None and drop_none:
            continue
        out[to] = text(value) if as_text else value
        if kind == _ADDRESS and is_ip(value):
            out["client.ip"] = value  # an ip field: only a real address, or Elasticsearch rejects the document
    return stack_trace


def _document(
    static: Mapping[str, object] | None, fields: Mapping[str, object], line: Line, head: dict[str, object]
) -> dict[str, object]:  # the rules, field by field: what _compile precomputes for a set of names
    """One ECS line: the line's parts first, then ``static`` (a record's fixed ``event.*``) and the fields, nested."""
    flat: dict[str, object] = {}
    if line.logger is not None:
        flat["log.logger"] = line.logger
    if static is not None:
        flat.update(static)
    stack_trace = _place(fields, flat, record=static is not None) or line.stack_trace
    if stack_trace and _STACK_TRACE not in flat:
        flat[_STACK_TRACE] = stack_trace
    return nest(flat, _head(line, head))


def _head(line: Line, head: dict[str, object]) -> dict[str, object]:
    """The line's own parts, first in an ECS line as ecs-logging writes them, into ``head``."""
    head["@timestamp"], head["log.level"] = iso_time(line.timestamp), line.level.lower()
    if line.message is not None:
        head["message"] = line.message
    head["ecs.version"] = ECS_VERSION
    return head


# An audit line's names repeat from line to line, and so does what this profile does with them: for each
# set of a record's names, the rules of _document (renames, text fields, fields left out when None, the
# address, the logger, the stack trace) are precomputed once into compile_line's entries and guards. The
# compiled code declines (returns None) when a value breaks what it assumes; a set of names that could
# collide is not compiled. Either way the line is then made field by field by _document.
_RENDERERS: dict[tuple[str, ...], Compiled | None] = {}
_RENDERERS_LIMIT: Final = 1024
_MISSING: Final = object()
_MOST_NAMES: Final = 128
_TAKEN: Final = frozenset({"@timestamp", "log.level", "message", "ecs.version"})
_HELPERS: Final = {"is_ip": is_ip}


def _compile(names: tuple[str, ...], static: Mapping[str, object]) -> Compiled | None:
    """The compiled ECS line of a record with these names and a catalog key's fixed fields, if it can be."""
    if len(names) > _MOST_NAMES:
        return None
    entries = [Entry("log.logger", "line.logger", "line.logger is not None")]
    entries += [Entry(name, f"s[{name!r}]") for name in static]
    guards: list[str] = []
    for index, name in enumerate(names):
        to, as_text, drop_none, kind = _SLOTS.get(name) or _slot(name)
        if kind in (_PASSED, _DROPPED_IN_RECORD):
            continue
        if kind == _EXCEPTION:
            return None
        if as_text:
            guards.append(f"v[{index}].__class__ is not str")
        elif drop_none:
            guards.append(f"v[{index}] is None")
        entries.append(Entry(to, f"v[{index}]"))
        if kind == _ADDRESS:
            entries.append(Entry("client.ip", f"v[{index}]", f"is_ip(v[{index}])"))
    if all(entry.name != _STACK_TRACE for entry in entries):
        entries.append(Entry(_STACK_TRACE, "line.stack_trace", "line.stack_trace"))
    return compile_line(entries, guards, _TAKEN, _HELPERS)
