"""Every audit record carries a unique id and a sequence number; most tests compare the rest."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

IDENTITY: Final = ("audit.record.id", "audit.record.sequence")
UUID7: Final = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def without_identity(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without its id and sequence number, which are checked for their form first."""
    assert UUID7.match(str(record["audit.record.id"])), record["audit.record.id"]
    assert isinstance(record["audit.record.sequence"], int)
    return {key: value for key, value in record.items() if key not in IDENTITY}
