"""structlog and the standard library together: one JSON format, the same audit fields either way.

structlog's ProcessorFormatter renders both structlog's events and records from
stdlib loggers (your own and third-party libraries'); the foreign_pre_chain
gives stdlib records the extra fields and the audit processing that structlog
events get in their own chain.

Run: python examples/structlog_with_stdlib.py
"""

from __future__ import annotations

import logging
import sys

import structlog

from audit_logging import AuditEventProcessor, add_trace_context, bind_audit_context


def configure() -> None:
    """Route structlog through the standard library, with one formatter for both."""
    shared: list[structlog.typing.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        add_trace_context,
    ]
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[*shared, structlog.stdlib.ExtraAdder(), AuditEventProcessor()],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    structlog.configure(
        processors=[*shared, AuditEventProcessor(), structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def main() -> None:
    """Log the same audit event from structlog and from a stdlib logger."""
    configure()
    bind_audit_context(user_id="u-42", application_id="web-app")
    structlog.get_logger("auth").info("token issued", audit_event="ExchangeTokenBy.RefreshToken", grant_id="g-1")
    logging.getLogger("legacy.auth").info(
        "token issued", extra={"audit_event": "ExchangeTokenBy.RefreshToken", "grant_id": "g-1"}
    )


if __name__ == "__main__":
    main()
