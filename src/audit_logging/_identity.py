"""Record identity: a sortable unique id and a per-process sequence number for every audit record.

The id has UUIDv7's layout (48 bits of Unix milliseconds, version 7, the
RFC 4122 variant), so ids sort by time; its remaining bits are a random
per-process prefix and the process's sequence number, so two records of one
process never share an id and two processes collide only if they drew the
same 30 random bits in the same millisecond and reached the same sequence
number. A forked child draws a new prefix and starts its sequence at 0: it
is a new process, and a pre-fork server's workers must not repeat each
other's ids. Written here because the standard library's uuid gains uuid7
only in Python 3.14, and uuid4 does not sort.
"""

from __future__ import annotations

import itertools
import os
import time
from typing import Final

RECORD_ID: Final = "audit.record.id"
RECORD_SEQUENCE: Final = "audit.record.sequence"


class _Identity:
    __slots__ = ("prefix", "sequence")

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.prefix = int.from_bytes(os.urandom(4), "big") & 0x3FFFFFFF
        # itertools.count's next() is atomic under the GIL: no lock on the hot path.
        self.sequence = itertools.count()


_identity: Final = _Identity()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_identity.reset)


def next_identity() -> tuple[str, int]:
    """A new record's ``(id, sequence)``."""
    sequence = next(_identity.sequence)
    value = (
        (time.time_ns() // 1_000_000) << 80
        | 0x7 << 76
        | ((sequence >> 32) & 0xFFF) << 64
        | 0b10 << 62
        | _identity.prefix << 32
        | (sequence & 0xFFFFFFFF)
    )
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}", sequence
