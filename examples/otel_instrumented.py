r"""A service run under ``opentelemetry-instrument``: OpenTelemetry's own logging handler exports its audit records.

Run it as OpenTelemetry's zero-code setup runs any service (``pip install
opentelemetry-distro opentelemetry-instrumentation-logging``)::

    OTEL_SERVICE_NAME=auth-service OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 \\
    OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_TRACES_EXPORTER=otlp OTEL_LOGS_EXPORTER=otlp \\
    OTEL_METRICS_EXPORTER=none opentelemetry-instrument python examples/otel_instrumented.py

The service configures only the standard library: ``AuditLogFilter`` on its
own logger makes each audit record (redacted, with ``otel.event.name``), and
the handler the instrumentation put on the root logger exports it, with the
audit key as the log record's ``event_name``. It prints each record's key as
its JSON formatter writes it, and exits after the providers have flushed.
"""

from __future__ import annotations

import logging.config
import sys

from opentelemetry import _logs, trace

from audit_logging import AuditJsonFormatter, AuditLogFilter, audit_interaction

logging.config.dictConfig(
    {
        "version": 1,
        "disable_existing_loggers": False,  # the instrumentation's handler on the root logger stays
        "filters": {"audit": {"()": AuditLogFilter}},
        "formatters": {"json": {"()": AuditJsonFormatter}},
        "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": sys.stdout, "formatter": "json"}},
        "loggers": {"auth": {"level": "INFO", "filters": ["audit"], "handlers": ["stdout"]}},
    }
)
logger = logging.getLogger("auth")


@audit_interaction("Interaction.SignIn.Submit", logger=logger, context=lambda user: {"user_id": user})
def sign_in(user: str) -> None:
    """The interaction: its password step is an audit record of its own."""
    logger.info("password accepted", extra={"audit_event": "Interaction.SignIn.Verification.Password.Submit"})
    del user


sign_in("u-42")
logger.info("token refresh", extra={"audit_event": "ExchangeTokenBy.RefreshToken", "refresh_token": "r-secret"})
for provider in (_logs.get_logger_provider(), trace.get_tracer_provider()):
    force_flush = getattr(provider, "force_flush", None)
    if force_flush is not None:
        force_flush()
