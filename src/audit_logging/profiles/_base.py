"""What every profile shares: the renderer's interface, a log line's own parts, the carrier, and nesting.

A profile renders a canonical record (flat, canonical names, redacted,
bounded: what :class:`~audit_logging.record.AuditCore` builds) into each output
shape: the JSON object of a log line (:meth:`Renderer.document`) and a flat
set of fields for an OpenTelemetry log record or a stdlib ``LogRecord``
(:meth:`Renderer.attributes`). The adapters carry the record with the line
(:class:`AuditDocument`, or an attribute of the ``LogRecord``), so no output
ever has to find out from field names which profile made what it is given.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar, Final, Literal, NamedTuple, TypeAlias

from audit_logging import _names as n

if TYPE_CHECKING:
    from collections.abc import Mapping

Profile: TypeAlias = Literal["otel", "ecs", "ocsf"]
PROFILES: Final = ("otel", "ecs", "ocsf")

# A structlog event's own parts (its message, level, time and logger), which a document puts in its schema's
# places and an OpenTelemetry log record carries as its own parts, not as attributes.
LINE_PARTS: Final = ("event", "level", "timestamp", "logger", "logger_name")
# Not fields of a record in any profile: the line's parts, a written-out or structured traceback, and the
# values renderers downstream need as they are (exc_info, structlog's ProcessorFormatter bookkeeping).
NOT_ATTRIBUTES: Final = frozenset({*LINE_PARTS, "exception", *n.PASSTHROUGH})


class Line(NamedTuple):
    """A log line's own parts, which a document puts in its schema's places."""

    message: object
    level: str
    timestamp: object  # epoch seconds, ISO text, or None for now
    logger: object
    stack_trace: str | None = None
    """The attached exception written out, by the adapter's own means (structlog's or logging's formatter)."""


class Renderer(ABC):
    """A profile: every rule of one schema, rendering canonical records into each output shape.

    ``documents``: whether a JSON line of this profile is the schema's own
    object (ECS, OCSF) rather than the record's fields as they are (otel).
    ``event_name_attribute``: the stdlib record attribute the key is copied to
    for OpenTelemetry's own logging handler, which makes it the exported
    record's ``event_name`` (``otel.event.name``); ``None`` where an attribute
    outside the schema would be a foreign field (ECS, OCSF).
    """

    __slots__ = ("name",)

    documents: ClassVar[bool]
    event_name_attribute: ClassVar[str | None] = None

    def __init__(self, name: Profile) -> None:
        self.name: Profile = name

    def __repr__(self) -> str:
        return f"<{self.name} profile>"

    @abstractmethod
    def document(
        self, record: Mapping[str, object], line: Line, into: dict[str, object] | None = None
    ) -> dict[str, object]:
        """The JSON object of one audit line: the record in this profile, with the line's own parts.

        ``into``: an empty dict to write it into (an adapter's own dict subclass, such as
        :class:`AuditDocument`), returned; a new dict when ``None``.
        """

    @abstractmethod
    def plain(
        self, fields: Mapping[str, object], line: Line, into: dict[str, object] | None = None
    ) -> dict[str, object]:
        """The JSON object of a line that is not an audit record (its fields as the caller gave them)."""

    @abstractmethod
    def attributes(self, record: Mapping[str, object], line: Line | None = None) -> dict[str, object]:
        """The record as flat fields of this profile: an OpenTelemetry attribute set before its values are checked.

        ``line``: the line's parts a profile carries as attributes (ECS's
        ``log.logger``), when the output has them.
        """

    @abstractmethod
    def record_attributes(self, record: Mapping[str, object], *, exc_info: bool) -> Mapping[str, object]:
        """The fields a stdlib ``LogRecord`` carries for other handlers; ``exc_info``: the record has an exception."""


make_line: Final = tuple.__new__
"""``make_line(Line, (message, level, timestamp, logger, stack_trace))``: a :class:`Line` at a third of its
constructor's cost, for the adapters' hot paths."""


class AuditDocument(dict[str, object]):
    """A JSON line's object that carries the canonical record it was rendered from, and its renderer.

    structlog's event dict after :class:`~audit_logging.AuditEventProcessor`
    when the line is a document (ECS, OCSF, nested): renderers write it as
    any dict, and :class:`~audit_logging.OTelAuditProcessor` sends the
    record it carries instead of reading the document back, as structlog's
    ``ProcessorFormatter`` carries the ``LogRecord`` in ``_record``.
    """

    __slots__ = ("line", "record", "renderer")

    record: Mapping[str, object]
    renderer: Renderer
    line: Line


def carried(document: dict[str, object], record: Mapping[str, object], renderer: Renderer, line: Line) -> AuditDocument:
    """``document`` as an :class:`AuditDocument` carrying ``record``, ``renderer`` and ``line``."""
    out = AuditDocument(document)
    out.record, out.renderer, out.line = record, renderer, line
    return out


def text(value: object) -> object:
    """A value given for a field a schema types as a string, as text: a number, a bool, a list or an object as JSON.

    The core has already made every value JSON-safe (bounded, redacted, no NaN), so this never fails.
    """
    if value is None or value.__class__ is str:
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


_LONGEST_ADDRESS: Final = 64


def is_ip(value: object) -> bool:
    """Whether a value is an IP address: what ECS's ``client.ip`` and OCSF's ``src_endpoint.ip`` may hold."""
    # No address is longer than an IPv6 one with a zone; a longer text is not parsed, nor cached.
    return value.__class__ is str and len(value) <= _LONGEST_ADDRESS and _parses_as_ip(value)


@lru_cache(maxsize=4096)  # the same clients come back; parsing an address is the slow part of a line
def _parses_as_ip(value: str) -> bool:
    import ipaddress  # noqa: PLC0415 -- only where an ECS or OCSF line has an address, not at import

    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


_MISSING: Final = object()
# A name's path, by name: names repeat from line to line. Names come from outside, hence the bound.
_PATHS: dict[str, tuple[tuple[str, ...], str]] = {}
_PATHS_LIMIT: Final = 4096


def _path(key: str) -> tuple[tuple[str, ...], str]:
    path = _PATHS.get(key)
    if path is None:
        *parts, leaf = key.split(".")
        path = (tuple(parts), leaf)
        if len(_PATHS) < _PATHS_LIMIT and len(key) <= 256:  # noqa: PLR2004 -- a long name is split each time
            _PATHS[key] = path
    return path


Dotted = list[tuple[str, tuple[str, ...], str, object]]
"""Fields to nest: each its dotted name, that name's path and leaf, and its value."""


def nest(fields: Mapping[str, object], into: dict[str, object] | None = None) -> dict[str, object]:
    """Dotted keys as nested objects (added to ``into``, when given); nothing is lost where names collide.

    Plain keys are placed first; a dotted key whose path runs into a plain
    value (``user`` is a string, ``user.id`` wants it to be an object) stays
    dotted at the top. A caller's mapping is copied before it is added to.
    """
    out: dict[str, object] = {} if into is None else into
    names, taken = tuple(fields), tuple(out)
    place = _NESTERS.get((names, taken), _MISSING)
    if place is _MISSING:
        entries = [Entry(name, f"v[{index}]") for index, name in enumerate(names)]
        place = compile_line(entries, [], frozenset(taken), {}) if len(names) <= _MOST_NAMES else None
        if len(_NESTERS) < _NESTERS_LIMIT:  # names come from outside, hence the bound
            _NESTERS[names, taken] = place
    if place is not None:
        place(out, tuple(fields.values()), None, None, None)  # type: ignore[operator]
        return out
    dotted: Dotted = []
    for key, value in fields.items():
        if "." in key:
            path, leaf = _path(key)
            dotted.append((key, path, leaf, value))
        else:
            out[key] = value
    return nest_dotted(out, dotted, {})


# A line's names repeat from line to line, so nesting them is compiled once per set of names (and of the
# names already in the object they go into) by compile_line; sets whose names could collide are not compiled,
# and take nest_dotted, which decides collisions one field at a time.
_NESTERS: dict[tuple[tuple[str, ...], tuple[str, ...]], Compiled | None] = {}
_NESTERS_LIMIT: Final = 1024
_MOST_NAMES: Final = 256


def nest_dotted(
    out: dict[str, object], dotted: Dotted, nodes: dict[tuple[str, ...], dict[str, object]]
) -> dict[str, object]:
    """Place ``dotted`` fields into ``out``, after its plain ones: :func:`nest`'s rule, one field at a time.

    ``nodes``: the objects made for ``out`` so far, by path (a renderer's own
    fixed objects, such as ECS's ``event``): the fields of one object find it
    in one lookup.
    """
    for key, path, leaf, value in dotted:
        node = nodes.get(path)
        if node is None:
            # An object at the top that is not there yet, inline: most objects are (user, client, error).
            if len(path) == 1 and path[0] not in out:
                node = nodes[path] = out[path[0]] = {}
            else:
                node = _walk(out, path, nodes)
                if node is None:
                    out[key] = value
                    continue
        if leaf in node and (*path, leaf) in nodes:
            # An object made here is replaced by a plain value: what would have gone into it now stays dotted.
            below = (*path, leaf)
            for made in [made for made in nodes if made[: len(below)] == below]:
                del nodes[made]
        node[leaf] = value
    return out


def _walk(
    out: dict[str, object], path: tuple[str, ...], nodes: dict[tuple[str, ...], dict[str, object]]
) -> dict[str, object] | None:
    """The object at ``path``, made (or a caller's copied) where missing; ``None`` when a plain value is in the way."""
    node = out
    for depth, part in enumerate(path, 1):
        prefix = path[:depth]
        made = nodes.get(prefix)
        if made is not None:
            node = made
            continue
        child = node.get(part, _MISSING)
        if child is _MISSING:
            child = node[part] = {}
        elif isinstance(child, dict):
            child = node[part] = dict(child)  # a caller's: copied before it is added to
        else:
            return None
        nodes[prefix] = child
        node = child
    return node


class Entry(NamedTuple):
    """One field of a line to compile: its dotted name, the expression of its value, and when it is there.

    The expressions are code the renderer wrote (``v[3]``, ``s['event.kind']``,
    ``line.logger``), never a caller's text: names reach the code only as
    ``repr()`` literals.
    """

    name: str
    value: str
    present: str | None = None  # an expression: the field is in the line only when it is true


Compiled = Callable[..., "dict[str, object] | None"]
"""``render(doc, v, s, t, line)``: the line written into ``doc``, or ``None`` when a guard declines the values."""


def compile_line(  # noqa: C901 -- one pass over the names, declining where they may collide
    entries: list[Entry], guards: list[str], taken: frozenset[str], helpers: Mapping[str, object]
) -> Compiled | None:
    """A compiled :func:`nest` of ``entries`` (in their order) into a ``doc`` that already has ``taken``.

    A renderer whose lines have the same names line after line (an audit
    record's) precomputes its rules into ``entries`` once per set of names;
    the result builds each object with one dict display, a fraction of
    placing fields one by one. ``guards``: expressions any of which, when
    true, make the compiled code decline (return ``None``) before it writes
    anything, for values the precomputed rules do not fit (the renderer then
    makes the line field by field). ``None`` when the names could collide
    (a leaf and an object of one name, a plain name where an object goes, an
    object whose first field may be absent), which only :func:`nest_dotted`
    decides right. ``helpers``: the functions the expressions call.
    """
    if any(entry.name.__class__ is not str for entry in entries):
        return None  # a str subclass's repr() is its own code, not a literal: never written into the source
    plain: list[Entry] = []
    root: dict[str, object] = {}
    for entry in entries:
        if "." not in entry.name:
            plain.append(entry)
            continue
        path, leaf = _path(entry.name)
        node = root
        for part in path:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                return None  # a leaf and an object of one name
            node = child
        if leaf in node:
            return None
        node[leaf] = entry
    names = [entry.name for entry in plain]
    if len(set(names)) != len(names) or set(names) & (set(root) | taken) or set(root) & taken:
        return None
    try:
        objects = [(top, _compiled_object(node)) for top, node in root.items()]  # type: ignore[arg-type]
    except _Declined:
        return None
    lines = ["def render(doc, v, s, t, line):"]
    if guards:
        lines += [f"    if {' or '.join(guards)}:", "        return None"]
    for entry in plain:
        assignment = f"doc[{entry.name!r}] = {entry.value}"
        lines += [f"    if {entry.present}:", f"        {assignment}"] if entry.present else [f"    {assignment}"]
    for top, (display, present) in objects:
        assignment = f"doc[{top!r}] = {display}"
        lines += [f"    if {present}:", f"        {assignment}"] if present else [f"    {assignment}"]
    lines.append("    return doc")
    namespace: dict[str, object] = dict(helpers)
    exec(compile("\n".join(lines) + "\n", "<audit_logging line>", "exec"), namespace)  # noqa: S102
    return namespace["render"]  # type: ignore[return-value]


class _Declined(Exception):  # noqa: N818 -- a signal inside compile_line, never raised out of it
    pass


def _compiled_object(node: dict[str, object]) -> tuple[str, str | None]:
    """An object's dict display, and when it is there (``None``: always).

    An object is made, where nest makes it, at its first field: so its first
    field must always be there, unless it is the object's only field (then the
    whole object is there when that field is).
    """
    items: list[str] = []
    first_present: str | None = None
    for position, (leaf, child) in enumerate(node.items()):
        if isinstance(child, dict):
            display, present = _compiled_object(child)
        else:
            assert isinstance(child, Entry)  # noqa: S101 -- what compile_line put there
            display, present = child.value, child.present
        if position == 0:
            first_present = present
        items.append(f"**({{{leaf!r}: {display}}} if {present} else {{}})" if present else f"{leaf!r}: {display}")
    if first_present is not None and len(items) > 1:
        raise _Declined
    if first_present is not None:  # the only field, maybe absent: the object is there when it is
        only = next(iter(node))
        child = node[only]
        display = _compiled_object(child)[0] if isinstance(child, dict) else child.value  # type: ignore[attr-defined]
        return "{" + f"{only!r}: {display}" + "}", first_present
    return "{" + ", ".join(items) + "}", None
