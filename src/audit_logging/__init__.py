"""Logto's audit event catalog for application logs, exported to OpenTelemetry.

The public API is what ``__all__`` lists; everything else is private.
"""

import typing as _typing

from audit_logging._options import AuditOptions
from audit_logging.catalog import (
    EVENTS,
    Action,
    AuditEvent,
    Category,
    EventKey,
    Flow,
    Spelling,
    UnknownEventError,
    find_event,
    get_event,
    iter_events,
)
from audit_logging.context import (
    audit_context,
    bind_audit_context,
    clear_audit_context,
    get_audit_context,
    unbind_audit_context,
)
from audit_logging.decorators import audit_interaction
from audit_logging.delivery import DeliveryStats, delivery_stats
from audit_logging.record import AuditLoggingWarning, Outcome, UnknownEventWarning
from audit_logging.redaction import Redactor
from audit_logging.stdlib import AuditJsonFormatter, AuditLogFilter
from audit_logging.structlog import AuditEventProcessor, add_trace_context

__all__ = [
    "EVENTS",
    "Action",
    "AuditEvent",
    "AuditEventProcessor",
    "AuditJsonFormatter",
    "AuditLogFilter",
    "AuditLoggingWarning",
    "AuditOTelHandler",
    "AuditOptions",
    "Category",
    "DeliveryStats",
    "EventKey",
    "Flow",
    "OTelAuditProcessor",
    "Outcome",
    "Redactor",
    "Spelling",
    "UnknownEventError",
    "UnknownEventWarning",
    "add_trace_context",
    "audit_context",
    "audit_interaction",
    "bind_audit_context",
    "clear_audit_context",
    "configure_opentelemetry",
    "delivery_stats",
    "find_event",
    "get_audit_context",
    "get_event",
    "iter_events",
    "unbind_audit_context",
]


# Loaded on first use: they import OpenTelemetry's API (tens of milliseconds),
# which an application that does not export to OpenTelemetry should not pay.
_FROM_OTEL = frozenset({"AuditOTelHandler", "OTelAuditProcessor", "configure_opentelemetry"})

if _typing.TYPE_CHECKING:
    from audit_logging.otel import AuditOTelHandler, OTelAuditProcessor, configure_opentelemetry


def __getattr__(name: str) -> object:
    if name in _FROM_OTEL:
        from audit_logging import otel  # noqa: PLC0415

        return getattr(otel, name)
    # Read from the installed metadata on demand, as structlog does: never
    # hard-coded, and importlib.metadata stays out of the import time.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("logto-audit-logging")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
