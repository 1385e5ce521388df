"""The demo: the README's main-job command, offline and exporting to a real collector."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from typing import TYPE_CHECKING

import pytest

from audit_logging._demo import demo
from audit_logging.cli import main

if TYPE_CHECKING:
    from collector import Collector

EXPECTED_KEYS = [
    "Interaction.Register.Submit",
    "Interaction.SignIn.Verification.Password.Submit",
    "Interaction.SignIn.Verification.Totp.Submit",
    "Interaction.SignIn.Verification.Totp.Submit",
    "Interaction.SignIn.Submit",
    "ExchangeTokenBy.AuthorizationCode",
    "ExchangeTokenBy.RefreshToken",
]


def test_demo_prints_the_flows_as_json_lines() -> None:
    """Each flow is one audit line, in order; the wrong TOTP code is the one failure, with its traceback."""
    out = io.StringIO()
    assert demo(out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["audit.event.key"] for line in lines] == EXPECTED_KEYS
    outcomes = [line["audit.event.outcome"] for line in lines]
    assert outcomes == ["success", "success", "failure", "success", "success", "success", "success"]
    failure = lines[2]
    assert failure["error.type"] == "audit_logging._demo.InvalidCodeError"
    assert failure["exception"].endswith("InvalidCodeError: the TOTP code does not match")
    assert all(line["client.address"] == "203.0.113.9" for line in lines)
    assert lines[0]["audit.interaction.event"] == "Register"
    assert "user.id" in lines[-1]
    assert "correct horse" not in out.getvalue()


def test_demo_command(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`audit-logging demo` with no endpoint anywhere prints the lines and sends nothing."""
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)
    assert main(["demo"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == len(EXPECTED_KEYS)
    assert captured.err == ""


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_demo_exports_to_a_collector(collector: Collector, how: str) -> None:
    """--otlp-endpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) exports every audit event, with a span each."""
    service = f"demo-{uuid.uuid4().hex[:8]}"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    environment["OTEL_SERVICE_NAME"] = service
    command = [sys.executable, "-m", "audit_logging", "demo"]
    if how == "flag":
        command += ["--otlp-endpoint", collector.grpc_endpoint, "--otlp-protocol", "grpc"]
    else:
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.http_endpoint
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60, env=environment)
    assert len(result.stdout.splitlines()) == len(EXPECTED_KEYS)
    assert "exported to" in result.stderr

    def mine(lines: list[dict[str, object]], kind: str) -> list[dict[str, object]]:
        return [x for x in lines if x["kind"] == kind and x["resource"].get("service.name") == service]  # type: ignore[attr-defined]

    received = collector.wait_for(lambda lines: len(mine(lines, "log")) >= 7 and len(mine(lines, "span")) >= 7)
    assert sorted(str(x["event_name"]) for x in mine(received, "log")) == sorted(EXPECTED_KEYS)
    spans = {str(x["name"]): x for x in mine(received, "span")}
    assert set(spans) == set(EXPECTED_KEYS)
