"""The package as a whole: its public surface, its metadata and what importing it costs."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest

import audit_logging


class TestPublicSurface:
    def test_all_is_sorted(self) -> None:
        """__all__ is kept sorted (isort-style: constants, classes, functions), so a diff shows what a change adds."""

        def kind_then_name(name: str) -> tuple[int, str]:
            return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

        assert audit_logging.__all__ == sorted(audit_logging.__all__, key=kind_then_name)

    def test_all_is_complete(self) -> None:
        """Every public name the package defines is in __all__, and every name in __all__ exists."""
        public = {
            name
            for name, value in vars(audit_logging).items()
            if not name.startswith("_") and not isinstance(value, ModuleType)
        }
        lazy = set(audit_logging._FROM_OTEL)
        assert public | lazy == set(audit_logging.__all__)
        for name in audit_logging.__all__:
            assert getattr(audit_logging, name) is not None

    def test_version_comes_from_the_metadata(self) -> None:
        """__version__ is the installed distribution's, never hard-coded."""
        assert audit_logging.__version__ == metadata.version("logto-audit-logging")

    def test_unknown_attribute(self) -> None:
        """Other missing attributes are still AttributeError."""
        with pytest.raises(AttributeError, match="has no attribute 'nope'"):
            _ = audit_logging.nope

    def test_ships_py_typed(self) -> None:
        """Type checkers see the package's annotations."""
        assert (Path(audit_logging.__file__).parent / "py.typed").is_file()


def test_import_loads_no_sdk_and_no_exporter() -> None:
    """`import audit_logging` leaves the OpenTelemetry SDK and every exporter unloaded."""
    code = "import sys, audit_logging; print(__import__('json').dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(result.stdout)
    offending = [
        name
        for name in loaded
        if name.startswith(("opentelemetry.sdk", "opentelemetry.exporter", "grpc", "google.protobuf"))
    ]
    assert offending == []
    assert "audit_logging.catalog" in loaded
