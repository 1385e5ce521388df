"""What the stdlib filter, the JSON formatters and the OpenTelemetry handler share about a ``LogRecord``.

A record the filter enriched carries its canonical record in an attribute
(:data:`CARRIED`) holding a :class:`Carried`: an empty ``dict`` by its
contents, so outputs that walk a record's extra attributes find nothing there
(python-json-logger skips names with a leading underscore; Elastic's
ecs-logging flattens every extra, and an empty mapping flattens to nothing),
while this library's outputs read the record and the attributes written from
it off its slots.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CARRIED", "FIRST_EXTRA", "STANDARD", "Carried", "carried_by"]

# The attributes every LogRecord has, as structlog's ExtraAdder computes them;
# anything else on a record came from `extra` (or a record factory).
_OWN: Final = tuple(logging.LogRecord("", 0, "", 0, "", (), None).__dict__)
STANDARD: Final = frozenset({*_OWN, "message", "asctime", "taskName"})
# LogRecord.__init__ sets its own attributes first, and Logger.makeRecord adds
# `extra` after them, so the extras are in the tail of record.__dict__: looking
# only there saves hashing two dozen names per record.
FIRST_EXTRA: Final = len(_OWN)

CARRIED: Final = "_audit_logging_record"


class Carried(dict[str, object]):
    """The canonical record a LogRecord was enriched with, and the attributes written onto it from that record."""

    __slots__ = ("attributes", "record")

    record: Mapping[str, object]
    attributes: Mapping[str, object]


def carried_by(record: logging.LogRecord) -> Carried | None:
    """What a filter left on ``record``, or ``None`` when no filter has enriched it."""
    value = record.__dict__.get(CARRIED)
    return value if value.__class__ is Carried else None
