"""Where the core hands each record to :func:`audit_logging.testing.capture_audit_events`.

Kept apart from testing.py so the core's only cost when nothing captures is a
truth test of an empty list.
"""

from __future__ import annotations

import threading
from typing import Final

sinks: Final[list[list[dict[str, object]]]] = []
"""The lists of the captures now active; the core appends to each."""

lock: Final = threading.Lock()


def publish(fields: dict[str, object]) -> None:
    """Give every active capture its own copy of a record's fields (records come from any thread)."""
    with lock:
        for sink in sinks:
            sink.append(dict(fields))
