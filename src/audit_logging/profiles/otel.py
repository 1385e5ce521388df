"""The ``otel`` profile (the default): the canonical record itself.

OpenTelemetry semantic-convention names (``user.id``, ``client.address``,
``error.type``) and the ``audit.`` namespace for the rest, as the core names
them. Flat dotted keys by default; ``nested=True`` turns
``{"audit.event.key": k}`` into ``{"audit": {"event": {"key": k}}}`` in every
output but OpenTelemetry's, whose attributes are flat by definition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from audit_logging import _names as n
from audit_logging.profiles._base import Line, Renderer, nest

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["OtelRenderer"]

# What of a structlog event is the log record's own (message, level, time) or bookkeeping, not an attribute.
# The logger's name stays an attribute, as it always was in this profile.
OTEL_LINE: Final = frozenset({"event", "level", "timestamp", "exception", *n.PASSTHROUGH})


class OtelRenderer(Renderer):
    """The canonical record as it is, flat or nested."""

    __slots__ = ("nested",)

    documents = False
    event_name_attribute = n.OTEL_EVENT_NAME

    def __init__(self, *, nested: bool = False) -> None:
        super().__init__("otel")
        self.nested = nested

    def __repr__(self) -> str:
        return f"<otel profile, nested={self.nested}>"

    def document(
        self, record: Mapping[str, object], line: Line, into: dict[str, object] | None = None
    ) -> dict[str, object]:
        """The record's fields (nested, when asked) under the line's own, which the adapter left in place."""
        del line  # the otel line keeps the adapter's own message, level and time fields where they were
        out = {} if into is None else into
        if self.nested:
            return nest(record, out)
        out.update(record)
        return out

    def plain(
        self, fields: Mapping[str, object], line: Line, into: dict[str, object] | None = None
    ) -> dict[str, object]:
        """A line that is no audit record is left as it is."""
        del line
        out = {} if into is None else into
        out.update(fields)
        return out

    def attributes(self, record: Mapping[str, object], line: Line | None = None) -> dict[str, object]:
        """The record's own fields: its line parts and the renderers' bookkeeping left out."""
        del line
        return {name: value for name, value in record.items() if name not in OTEL_LINE}

    def record_attributes(self, record: Mapping[str, object], *, exc_info: bool) -> Mapping[str, object]:
        """The record as it is (nested, when asked): the stdlib record's attributes are the JSON line's fields."""
        del exc_info
        return nest(record) if self.nested else record


OTEL: Final = OtelRenderer()
"""The default profile, flat: one instance serves every integration that uses it."""
