"""Every example runs as a real program and prints what its docstring promises."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from identity import without_identity

if TYPE_CHECKING:
    from collector import Collector

EXAMPLES = Path(__file__).parent.parent / "examples"


def run(name: str) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stderr == ""
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_stdlib_dictconfig() -> None:
    """The YAML dictConfig example writes two audit lines (one failure, code masked) and an ordinary one."""
    signed_in, totp, health = run("stdlib_dictconfig.py")
    assert (signed_in["audit.event.key"], signed_in["audit.event.outcome"], signed_in["user.id"]) == (
        "Interaction.SignIn.Submit",
        "success",
        "u-42",
    )
    assert (totp["audit.event.outcome"], totp["error.type"], totp["totp_code"]) == (
        "failure",
        "PermissionError",
        "******",
    )
    assert totp["exception.stacktrace"].endswith("PermissionError: TOTP code does not match (6 digits given)")
    assert signed_in["service.name"] == "auth-service"
    assert "audit.event.key" not in health


def test_structlog_with_stdlib() -> None:
    """The structlog line and the stdlib line carry identical audit fields."""
    from_structlog, from_stdlib = run("structlog_with_stdlib.py")
    assert from_structlog["logger"] == "auth"
    assert from_stdlib["logger"] == "legacy.auth"

    def audit(line: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in without_identity(line).items() if k not in {"logger", "timestamp"}}

    assert audit(from_structlog) == audit(from_stdlib)
    assert from_stdlib["audit.event.name"] == "Exchange token by Refresh Token"


def test_otel_export_reaches_the_collector(collector: Collector) -> None:
    """The OpenTelemetry example, pointed at the real collector, delivers its audit event there."""
    service = f"example-{uuid.uuid4().hex[:8]}"
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("OTEL_")},
        "OTEL_SERVICE_NAME": service,
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.http_endpoint,
    }
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "otel_export.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=environment,
    )
    (line,) = [json.loads(text) for text in result.stdout.splitlines()]
    assert line["audit.event.key"] == "Interaction.SignIn.Submit"
    received = collector.wait_for(
        lambda lines: any(x["kind"] == "log" and x["resource"].get("service.name") == service for x in lines)
    )
    (record,) = [x for x in received if x["kind"] == "log" and x["resource"].get("service.name") == service]
    assert record["event_name"] == "Interaction.SignIn.Submit"
    assert record["trace_id"] == line["trace_id"]
    assert record["attributes"]["password"] == "******"
