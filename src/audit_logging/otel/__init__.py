"""OpenTelemetry: audit records as log records with an event name and as span events, and the providers' setup.

* :mod:`audit_logging.otel.emit`: the integrations, :class:`OTelAuditProcessor`
  (structlog) and :class:`AuditOTelHandler` (standard-library logging), which
  send each audit record as a log record (``event_name`` = the key) and as an
  event on the active span, with attributes made valid for the SDK
  (:func:`otel_attributes`).
* :mod:`audit_logging.otel.setup`: :func:`configure_opentelemetry`, the
  helper an application calls to make providers that export over OTLP, the
  :class:`OTelHandle` it returns, and :func:`replay` of a spool.
"""

from audit_logging.otel.emit import AuditOTelHandler, OTelAuditProcessor, otel_attributes
from audit_logging.otel.setup import OTelHandle, Protocol, configure_opentelemetry, replay, resolve_protocol

__all__ = [
    "AuditOTelHandler",
    "OTelAuditProcessor",
    "OTelHandle",
    "Protocol",
    "configure_opentelemetry",
    "otel_attributes",
    "replay",
    "resolve_protocol",
]
