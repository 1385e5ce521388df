"""Issue 15, item 2: a service under ``opentelemetry-instrument`` exports its audit records to the real collector.

OpenTelemetry's zero-code setup (opentelemetry-distro) puts a logging handler
on the root logger; the service only configures the standard library, with
``AuditLogFilter`` on its logger. What arrives carries the audit key as the
log record's ``event_name`` and the audit fields, redacted, as attributes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collector import Collector

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "otel_instrumented.py"
KEYS = ["Interaction.SignIn.Verification.Password.Submit", "Interaction.SignIn.Submit", "ExchangeTokenBy.RefreshToken"]


def _run(collector: Collector, **environment: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run the example under opentelemetry-instrument; what it printed, and the log records the collector got."""
    service = f"instrumented-{uuid.uuid4().hex[:8]}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("OTEL_")},
        "OTEL_SERVICE_NAME": service,
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.http_endpoint,
        "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
        "OTEL_TRACES_EXPORTER": "otlp",
        "OTEL_LOGS_EXPORTER": "otlp",
        "OTEL_METRICS_EXPORTER": "none",
        **environment,
    }
    instrument = Path(sys.executable).parent / "opentelemetry-instrument"
    result = subprocess.run(
        [str(instrument), sys.executable, str(EXAMPLE)], capture_output=True, text=True, check=True, timeout=60, env=env
    )
    printed = [json.loads(line) for line in result.stdout.splitlines()]

    def audit(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            x
            for x in lines
            if x["kind"] == "log"
            and x["resource"].get("service.name") == service
            and "audit.event.key" in x["attributes"]
        ]

    return printed, audit(collector.wait_for(lambda lines: len(audit(lines)) >= len(KEYS)))


def test_the_audit_key_is_the_exported_event_name(collector: Collector) -> None:
    """With the instrumentation's handler (the variable unset, as the SDK asks): event_name is the key."""
    printed, received = _run(collector)
    assert [line["audit.event.key"] for line in printed] == KEYS
    assert sorted(x["event_name"] for x in received) == sorted(KEYS)
    refresh = next(x for x in received if x["event_name"] == "ExchangeTokenBy.RefreshToken")
    assert refresh["attributes"]["refresh_token"] == "******"
    assert refresh["attributes"]["audit.event.category"] == "Exchange token"
    assert "otel.event.name" not in refresh["attributes"]  # promoted, not left as an attribute
    sign_in = next(x for x in received if x["event_name"] == "Interaction.SignIn.Submit")
    assert sign_in["attributes"]["user.id"] == "u-42"
    assert sign_in["trace_id"]  # the decorator's span, from the tracer provider the distro set up


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_with_the_sdks_deprecated_handler_the_key_arrives_as_an_attribute(collector: Collector) -> None:
    """OTEL_PYTHON_LOGGING_AUTO_INSTRUMENTATION_ENABLED=true selects the SDK's own, deprecated handler.

    That handler (opentelemetry-sdk 1.45) never promotes ``otel.event.name``:
    the key arrives as that attribute, the event name is empty. The README says
    so, and to leave the variable unset (or use AuditOTelHandler).
    """
    _, received = _run(collector, OTEL_PYTHON_LOGGING_AUTO_INSTRUMENTATION_ENABLED="true")
    assert sorted(x["attributes"]["otel.event.name"] for x in received) == sorted(KEYS)
    assert {x["event_name"] for x in received} == {""}
