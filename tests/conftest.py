"""Shared fixtures; tests/ is on sys.path so helpers like spec.py import by name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import structlog

from audit_logging import clear_audit_context
from audit_logging.record import _warned
from collector import Collector
from pipeline import Pipeline

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


@pytest.fixture(scope="session")
def collector(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collector]:
    """One real collector (rotel) on 127.0.0.1 for the session; tests tell their records apart by service.name."""
    running = Collector(Path(tmp_path_factory.mktemp("rotel")))
    running.start()
    yield running
    running.stop()


@pytest.fixture
def otel() -> Iterator[Pipeline]:
    """OpenTelemetry providers exporting to memory, shut down after the test."""
    pipeline = Pipeline.start()
    yield pipeline
    pipeline.shutdown()
