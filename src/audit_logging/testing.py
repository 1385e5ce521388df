"""Helpers for your own tests: see what audit records your code produced."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from audit_logging._capture import lock, sinks

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["capture_audit_events"]


@contextmanager
def capture_audit_events() -> Iterator[list[dict[str, object]]]:
    """Collect every audit record built while the block runs, from any thread, as plain dicts.

    Each record is a dict of its output fields by canonical name
    (``audit.event.key``, ``audit.event.outcome``, ``user.id``, ...), redacted,
    whichever integration built it::

        with capture_audit_events() as records:
            log.info("signed in", audit_event="Interaction.SignIn.Submit")
        assert records[0]["audit.event.outcome"] == "success"

    Captures nest; each sees every record built while it is active.
    """
    captured: list[dict[str, object]] = []
    with lock:
        sinks.append(captured)
    try:
        yield captured
    finally:
        with lock:
            # By identity: two captures' lists may be equal, and remove() would take the wrong one.
            del sinks[next(index for index, sink in enumerate(sinks) if sink is captured)]
