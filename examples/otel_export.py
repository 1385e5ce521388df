"""structlog to OpenTelemetry: audit events as log records with an event name, and as span events.

Run with a collector listening (see docs/opentelemetry.md):

    OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 python examples/otel_export.py

OTEL_EXPORTER_OTLP_PROTOCOL=grpc (and port 4317) sends over gRPC instead.
Without an endpoint the records go to the console exporter. Either way the
JSON lines are printed too.
"""

from __future__ import annotations

import os

import structlog
from opentelemetry import trace

from audit_logging import (
    AuditEventProcessor,
    EventKey,
    OTelAuditProcessor,
    add_trace_context,
    audit_context,
    configure_opentelemetry,
)


def main() -> None:
    """Sign a user in inside a span; the audit event goes to the collector and to stdout."""
    handle = configure_opentelemetry(service_name=os.environ.get("OTEL_SERVICE_NAME", "auth-example"))
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            AuditEventProcessor(),
            OTelAuditProcessor(),  # the global providers configure_opentelemetry set
            add_trace_context,
            structlog.processors.JSONRenderer(),
        ]
    )
    log = structlog.get_logger()
    tracer = trace.get_tracer("auth-example")
    try:
        with (
            tracer.start_as_current_span("POST /api/experience/submit"),
            audit_context(user_id="u-42", session_id="s-7", client_address="203.0.113.9"),
        ):
            # A secret given by mistake: redacted before it reaches any output.
            log.info("user signed in", audit_event=EventKey.INTERACTION_SIGN_IN_SUBMIT, password="hunter2")  # noqa: S106
    finally:
        handle.shutdown()  # flushes what is queued before the process ends


if __name__ == "__main__":
    main()
