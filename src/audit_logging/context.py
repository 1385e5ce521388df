"""Request context merged into every audit record, on :mod:`contextvars`.

Each thread and each asyncio task sees its own values: a task starts with a
copy of its creator's context, and a new thread with an empty one, so one
request's user never appears on another's records. Names are mapped to output
fields when bound (``user_id`` -> ``user.id``, ``session_id`` -> ``session.id``,
``client_address`` -> ``client.address``, ``user_agent`` ->
``user_agent.original``, ``application_id`` -> ``audit.application.id``,
``interaction_id`` -> ``audit.interaction.id``, ``interaction_event`` ->
``audit.interaction.event``, Logto's camelCase spellings likewise, and any
other name ``x`` -> ``audit.x``), so a log call only merges a ready mapping.

Values bound with :mod:`structlog.contextvars` are merged too: by structlog's
own ``merge_contextvars`` in a structlog chain, and by the standard-library
integration itself.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from audit_logging._names import context_name

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "audit_context",
    "bind_audit_context",
    "clear_audit_context",
    "get_audit_context",
    "unbind_audit_context",
]

_EMPTY: Final[Mapping[str, object]] = MappingProxyType({})

# The value is never changed in place: binding replaces it with a new dict, so
# a copied context (a new task) never sees a later binding of its parent. Plain
# dicts, not read-only proxies: merging a dict into a record is CPython's
# fastest path, and no caller ever holds one of these (get_audit_context copies).
AUDIT_CONTEXT: Final[ContextVar[Mapping[str, object]]] = ContextVar("audit_logging_context", default=_EMPTY)
"""The bound context, by output name: for the core, which reads it, and the decorator, which binds it."""


def mapped(fields: Mapping[str, object]) -> dict[str, object]:
    """Fields by the names they are bound with, by output name: what a binding stores."""
    return {context_name(name): value for name, value in fields.items()}


def current_context() -> Mapping[str, object]:
    """The bound context, by output name; the mapping must not be changed (the core only reads it)."""
    return AUDIT_CONTEXT.get()


def get_audit_context() -> dict[str, object]:
    """A copy of the audit context bound in the current thread or task, by output name."""
    return dict(AUDIT_CONTEXT.get())


def bind_audit_context(**fields: object) -> None:
    """Bind fields to every audit record of the current thread or task, until unbound or cleared."""
    AUDIT_CONTEXT.set({**AUDIT_CONTEXT.get(), **mapped(fields)})


def unbind_audit_context(*names: str) -> None:
    """Remove fields by the names they were bound with (``user_id``) or their output names (``user.id``)."""
    gone = {context_name(name) for name in names}
    AUDIT_CONTEXT.set({k: v for k, v in AUDIT_CONTEXT.get().items() if k not in gone})


def clear_audit_context() -> None:
    """Remove every bound field in the current thread or task."""
    AUDIT_CONTEXT.set(_EMPTY)


@contextmanager
def audit_context(**fields: object) -> Iterator[None]:
    """Bind fields for the duration of a ``with`` block; what was bound before is restored after.

    Restored by name, as structlog's ``bound_contextvars`` does, in whatever
    context the block ends: a block in an async generator whose steps run in
    other tasks, or one closed from another context, takes its own fields
    out of the context it ends in (giving back what they were when it began)
    and leaves every other binding there as it is.
    """
    mine = mapped(fields)
    saved = enter_scope(mine)
    try:
        yield
    finally:
        leave_scope(mine, saved)


def enter_scope(mine: Mapping[str, object]) -> dict[str, object]:
    """Bind ``mine`` (by output name) for a scope; what the names had before, for :func:`leave_scope`."""
    before = AUDIT_CONTEXT.get()
    AUDIT_CONTEXT.set({**before, **mine})
    return {name: before[name] for name in mine if name in before}


def leave_scope(mine: Mapping[str, object], saved: Mapping[str, object]) -> None:
    """End a scope in whatever context it ends in: its names out, what they had before back, the rest as it is."""
    restored = {name: value for name, value in AUDIT_CONTEXT.get().items() if name not in mine}
    restored.update(saved)
    AUDIT_CONTEXT.set(restored)
