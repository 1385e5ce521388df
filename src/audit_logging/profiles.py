"""Output profiles: how a record's canonical fields are named and shaped in an output.

``otel`` (the default) is the canonical naming itself: OpenTelemetry
semantic-convention names (``user.id``, ``client.address``, ``error.type``)
and the ``audit.`` namespace for the rest. Flat dotted keys by default;
``nested=True`` turns ``{"audit.event.key": k}`` into
``{"audit": {"event": {"key": k}}}``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Literal, TypeAlias

from audit_logging._validate import require_choice

__all__ = ["Profile", "nest"]

Profile: TypeAlias = Literal["otel"]
PROFILES: Final = ("otel",)

_MISSING: Final = object()

Renderer: TypeAlias = Callable[[dict[str, object]], dict[str, object]]


def nest(fields: dict[str, object]) -> dict[str, object]:
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
        *path, leaf = key.split(".")
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


def profile_renderer(profile: object, *, nested: bool) -> tuple[Profile, Renderer | None]:
    """Validate a ``profile`` option and give the function that renders it; ``None`` when the record is the output."""
    require_choice(profile, PROFILES, "profile")
    return "otel", nest if nested else None
