"""AuditOTelHandler against the OpenTelemetry SDK's own LoggingHandler, on the same record and provider, in one run.

Claim (issue 13): AuditOTelHandler costs at most 1.1x the SDK's
``LoggingHandler``. Both loggers carry the same AuditLogFilter, so each
handler is given the same enriched audit record (what a service that sends
its audit records through the SDK's handler would log), and both emit into
the same SDK LoggerProvider with no exporter: what is measured is the handler
and the SDK's record building, not the wire. Span events are off for
AuditOTelHandler, since the SDK's handler makes none.
"""

from __future__ import annotations

import sys
import timeit
import warnings
from functools import partial
from typing import TYPE_CHECKING

from _harness import best_times, report, stdlib_writer
from opentelemetry.sdk._logs import LoggerProvider

from audit_logging import AuditLogFilter, AuditOTelHandler

if TYPE_CHECKING:
    import logging

NUMBER = 10_000
ROUNDS = 11
TARGET = 1.1
EXTRA: dict[str, object] = {
    "audit_event": "Interaction.SignIn.Submit",
    "user_id": "u-1234",
    "client_address": "203.0.113.9",
}


def _logger(name: str, handler: logging.Handler) -> logging.Logger:
    return stdlib_writer(name, handler, logger_filter=AuditLogFilter())


def _call(log: logging.Logger) -> None:
    log.info("user signed in", extra=EXTRA)


def main() -> int:
    """Run the benchmark, print the ratio; exit status 1 when the target is missed."""
    provider = LoggerProvider()
    with warnings.catch_warnings():
        # The SDK marks its LoggingHandler deprecated in favour of the instrumentation package's; it is the
        # SDK's own, and what most services still install.
        warnings.simplefilter("ignore", DeprecationWarning)
        from opentelemetry.sdk._logs import LoggingHandler  # noqa: PLC0415

        theirs = LoggingHandler(logger_provider=provider)
    baseline = "SDK LoggingHandler (baseline)"
    candidate = "AuditOTelHandler"
    times = best_times(
        {
            baseline: timeit.Timer(partial(_call, _logger("bench.sdk", theirs))),
            candidate: timeit.Timer(
                partial(_call, _logger("bench.audit", AuditOTelHandler(logger_provider=provider, span_events=False)))
            ),
        },
        number=NUMBER,
        rounds=ROUNDS,
    )
    ok = report("a stdlib audit record to OpenTelemetry", baseline, times, {candidate: TARGET})
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
