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
from time import time_ns
from typing import Final

RECORD_ID: Final = "audit.record.id"
RECORD_SEQUENCE: Final = "audit.record.sequence"
ECS_RECORD_ID: Final = "event.id"
OCSF_RECORD_ID: Final = "metadata.uid"
RECORD_ID_NAMES: Final = (RECORD_ID, ECS_RECORD_ID, OCSF_RECORD_ID)
"""The record id's name in each profile's attributes (otel, ecs, ocsf): where the spool finds a record's id."""


class _Identity:
    __slots__ = ("group4", "group5", "head", "prefix", "sequence")

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.prefix = int.from_bytes(os.urandom(4), "big") & 0x3FFFFFFF
        # The id's fixed parts as text once per process: the variant and the prefix's top 14
        # bits are its fourth group, the prefix's low 16 bits open its fifth.
        self.group4 = f"{(0b10 << 14) | (self.prefix >> 16):04x}"
        self.group5 = f"{self.prefix & 0xFFFF:04x}"
        # itertools.count's next() is atomic under the GIL: no lock on the hot path.
        self.sequence = itertools.count()
        # The id up to its last 8 hex digits, for the millisecond and the sequence's high bits it was made for:
        # records come many to a millisecond, so the per-record work is one format of the sequence's low bits.
        # One tuple, read and replaced whole, so a thread never pairs one key with another's text.
        self.head: tuple[int, int, str] = (-1, -1, "")


_identity: Final = _Identity()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_identity.reset)


def next_identity() -> tuple[str, int]:
    """A new record's ``(id, sequence)``."""
    identity = _identity
    sequence = next(identity.sequence)
    ms = time_ns() // 1_000_000
    head = identity.head
    if head[0] != ms or head[1] != sequence >> 32:
        high = sequence >> 32
        head = (ms, high, f"{ms >> 16:08x}-{ms & 0xFFFF:04x}-7{high & 0xFFF:03x}-{identity.group4}-{identity.group5}")
        identity.head = head
    # The low 32 bits as 8 hex digits: hex() of the value with bit 32 set, less "0x1", is a quarter of an f-string.
    return head[2] + hex((sequence & 0xFFFFFFFF) | 0x100000000)[3:], sequence
