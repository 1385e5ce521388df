"""The cost of sending an audit record to OpenTelemetry, against the raw SDK calls, in one run.

Claims (issue 13, replacing issue 5's 1.3x): emitting through
OTelAuditProcessor costs at most 1.25x a raw ``Logger.emit`` with the same
attributes, and its span event at most 1.25x a raw ``span.add_event``. Both
sides use the same SDK LoggerProvider (no
exporter, so the SDK's own record building is what is measured) and the same
recording span, which the raw side finds as any caller would
(``trace.get_current_span()``); the audit side starts from the event dict
AuditEventProcessor produced, the raw side from the finished attributes.
"""

from __future__ import annotations

import sys
import timeit
from functools import partial
from time import time_ns
from typing import Any

from _harness import best_times, report, sample_audit_event
from opentelemetry import trace
from opentelemetry._logs import SeverityNumber
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk.trace import SpanLimits, TracerProvider
from opentelemetry.trace import use_span

from audit_logging import OTelAuditProcessor
from audit_logging.otel import otel_attributes

NUMBER = 20_000
ROUNDS = 9
TARGET = 1.25


def _raw_emit(logger: Any, attributes: dict[str, Any]) -> None:  # noqa: ANN401 -- the SDK's Logger
    logger.emit(
        timestamp=time_ns(),
        observed_timestamp=time_ns(),
        severity_number=SeverityNumber.INFO,
        severity_text="INFO",
        body="user signed in",
        attributes=attributes,
        event_name="Interaction.SignIn.Submit",
    )


def _audit(processor: OTelAuditProcessor, event: dict[str, Any]) -> None:
    processor(None, "info", event)


def _raw_span_event(attributes: dict[str, Any]) -> None:
    # What any caller writes to put an event on the active span.
    trace.get_current_span().add_event("Interaction.SignIn.Submit", attributes)


def main() -> int:
    """Run the benchmark, print the ratios; exit status 1 when a target is missed."""
    event = sample_audit_event()
    attributes = otel_attributes(event)
    provider = LoggerProvider()
    logs = best_times(
        {
            "Logger.emit, raw (baseline)": timeit.Timer(partial(_raw_emit, provider.get_logger("bench"), attributes)),
            "OTelAuditProcessor, log record": timeit.Timer(
                partial(_audit, OTelAuditProcessor(provider, span_events=False), event)
            ),
        },
        number=NUMBER,
        rounds=ROUNDS,
    )
    ok = report("log record", "Logger.emit, raw (baseline)", logs, {"OTelAuditProcessor, log record": TARGET})
    # A span that keeps no events: what is measured is adding one, not a growing list.
    tracer = TracerProvider(span_limits=SpanLimits(max_events=0)).get_tracer("bench")
    span = tracer.start_span("sign-in")
    with use_span(span, end_on_exit=True):
        spans = best_times(
            {
                "span.add_event, raw (baseline)": timeit.Timer(partial(_raw_span_event, attributes)),
                "OTelAuditProcessor, span event": timeit.Timer(
                    partial(_audit, OTelAuditProcessor(provider, log_records=False), event)
                ),
            },
            number=NUMBER,
            rounds=ROUNDS,
        )
    ok = (
        report("span event", "span.add_event, raw (baseline)", spans, {"OTelAuditProcessor, span event": TARGET}) and ok
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
