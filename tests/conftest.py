"""Shared fixtures; tests/ is on sys.path so helpers like spec.py import by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import structlog

from audit_logging import clear_audit_context
from audit_logging.record import _warned

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    """Every test starts with structlog unconfigured, no bound context and no warning yet given."""
    structlog.reset_defaults()
    structlog.contextvars.clear_contextvars()
    clear_audit_context()
    _warned.clear()
    yield
    structlog.reset_defaults()
    structlog.contextvars.clear_contextvars()
    clear_audit_context()
