"""OpenTelemetry setup: providers that export over OTLP, the handle to flush and stop them, and the spool's replay.

:func:`configure_opentelemetry` is the helper applications call; nothing here
runs at import, and the SDK and the exporters are imported only when it is
called.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from time import time_ns
from typing import TYPE_CHECKING, Any, Final, Literal, cast

from opentelemetry import trace
from opentelemetry._logs import SeverityNumber

from audit_logging import delivery
from audit_logging import spool as spooling
from audit_logging._names import SCOPE
from audit_logging._validate import require_choice, require_int, require_number, require_type, require_url
from audit_logging.record import warn_once
from audit_logging.redaction import safe_str

if TYPE_CHECKING:
    from opentelemetry.sdk._logs import LoggerProvider as SDKLoggerProvider
    from opentelemetry.sdk.trace import TracerProvider as SDKTracerProvider

__all__ = ["OTelHandle", "Protocol", "configure_opentelemetry", "exporters", "replay", "resolve_protocol"]


class OTelHandle:
    """What :func:`configure_opentelemetry` set up: its providers, and a way to flush and stop them."""

    def __init__(
        self,
        logger_provider: SDKLoggerProvider,
        tracer_provider: SDKTracerProvider,
        processor: delivery.DeliveryProcessor | None = None,
    ) -> None:
        self.logger_provider = logger_provider
        self.tracer_provider = tracer_provider
        self._processor = processor

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        """Export what is queued; True when both providers report success (read the receiver to be sure)."""
        logs = self.logger_provider.force_flush(timeout_millis)
        spans = self.tracer_provider.force_flush(timeout_millis)
        return bool(logs and spans)

    def delivery_stats(self) -> delivery.DeliveryStats:
        """What became of the audit records sent through these providers (not those of any other)."""
        if self._processor is None:
            return delivery.DeliveryStats(0, 0, 0)
        return self._processor.delivery_stats()

    def shutdown(self) -> None:
        """Flush and stop both providers, settle their delivery counters and close the spool: never an exception.

        Whatever was emitted and is neither exported nor dropped by then was
        lost (a full queue, or an exporter that gave up), and counts as
        dropped; so does anything logged through these providers afterwards.
        """
        for provider in (self.logger_provider, self.tracer_provider):
            try:
                provider.shutdown()
            except Exception as error:  # noqa: BLE001 -- shutting down must not raise into the application
                warn_once(
                    f"shutdown:{type(error).__name__}",
                    f"an OpenTelemetry provider failed to shut down ({safe_str(error)})",
                )


Protocol = Literal["grpc", "http/protobuf"]
_PROTOCOLS: Final = ("grpc", "http/protobuf")


def resolve_protocol(protocol: str | None) -> Protocol:
    """The OTLP protocol to use: the one given, else ``OTEL_EXPORTER_OTLP_PROTOCOL``, else ``http/protobuf``."""
    chosen = protocol or os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL") or "http/protobuf"
    require_choice(chosen, _PROTOCOLS, "protocol")
    return chosen  # type: ignore[return-value]


def exporters(endpoint: str | None, protocol: str) -> tuple[Any, Any]:
    """The log and span exporters for an endpoint and protocol (the console's when ``endpoint`` is None)."""
    if endpoint is None:
        from opentelemetry.sdk._logs.export import ConsoleLogRecordExporter  # noqa: PLC0415
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter  # noqa: PLC0415

        return ConsoleLogRecordExporter(), ConsoleSpanExporter()
    try:
        if protocol == "grpc":
            from opentelemetry.exporter.otlp.proto.grpc._log_exporter import OTLPLogExporter  # noqa: PLC0415
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter  # noqa: PLC0415

            insecure = endpoint.startswith("http://")
            return OTLPLogExporter(endpoint=endpoint, insecure=insecure), OTLPSpanExporter(
                endpoint=endpoint, insecure=insecure
            )
        from opentelemetry.exporter.otlp.proto.http._log_exporter import (  # noqa: PLC0415
            OTLPLogExporter as HTTPLogExporter,
        )
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
            OTLPSpanExporter as HTTPSpanExporter,
        )
    except ImportError as error:
        msg = f"exporting over OTLP needs the exporters: pip install 'logto-audit-logging[otlp]' ({error})"
        raise ImportError(msg) from error
    base = endpoint.rstrip("/")
    return HTTPLogExporter(endpoint=f"{base}/v1/logs"), HTTPSpanExporter(endpoint=f"{base}/v1/traces")


def configure_opentelemetry(  # noqa: PLR0913 -- every option is keyword-only and documented
    service_name: str | None = None,
    endpoint: str | None = None,
    protocol: Protocol | None = None,
    *,
    resource_attributes: Mapping[str, str] | None = None,
    max_queue_size: int | None = None,
    schedule_delay_millis: float | None = None,
    max_export_batch_size: int | None = None,
    set_global: bool = True,
    spool: spooling.Spool | None = None,
) -> OTelHandle:
    """Set up a LoggerProvider and a TracerProvider that export over OTLP, for an application to call.

    An explicit argument wins over the environment: ``service_name`` over
    ``OTEL_SERVICE_NAME``; ``endpoint`` (a base URL such as
    ``http://127.0.0.1:4318``; ``/v1/logs`` and ``/v1/traces`` are appended
    for http/protobuf) over ``OTEL_EXPORTER_OTLP_ENDPOINT``; ``protocol``
    (``"grpc"`` or ``"http/protobuf"``) over ``OTEL_EXPORTER_OTLP_PROTOCOL``,
    default ``"http/protobuf"``. ``OTEL_RESOURCE_ATTRIBUTES`` and the batch
    processors' ``OTEL_BLRP_*`` / ``OTEL_BSP_*`` settings apply where the
    arguments are ``None``. With no endpoint anywhere the records go to a
    console exporter. ``set_global`` makes these the global providers (what
    the integrations use when given none) and publishes the delivery counters
    as metrics on the global meter provider. The log exporter is wrapped to
    count deliveries for :func:`~audit_logging.delivery_stats`. ``spool``: a
    :class:`~audit_logging.spool.Spool` every audit record sent through these
    providers is written to before it is exported, and whose
    acknowledgements the exporter writes (see
    :class:`~audit_logging.delivery.DeliveryProcessor`).
    """
    from opentelemetry._logs import set_logger_provider  # noqa: PLC0415
    from opentelemetry.sdk._logs import LoggerProvider as SDKLoggerProvider  # noqa: PLC0415
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415
    from opentelemetry.sdk.trace import TracerProvider as SDKTracerProvider  # noqa: PLC0415
    from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: PLC0415

    chosen = resolve_protocol(protocol)
    require_type(set_global, bool, "set_global", "a bool")
    for parameter, value, minimum in (
        ("max_queue_size", max_queue_size, 1),
        ("max_export_batch_size", max_export_batch_size, 1),
    ):
        if value is not None:
            require_int(value, parameter, minimum)
    if schedule_delay_millis is not None:
        require_number(schedule_delay_millis, "schedule_delay_millis", 0)
    target = endpoint or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or None
    if target is not None:
        require_url(target, "endpoint")
    require_type(resource_attributes, (Mapping, type(None)), "resource_attributes", "a mapping or None")
    given = cast("dict[object, Any]", dict(resource_attributes or {}))  # checked here, for callers without types
    wrong = [key for key in given if not isinstance(key, str)]
    if wrong:
        msg = f"`resource_attributes` must have str keys, not {wrong[0]!r}"
        raise TypeError(msg)
    attributes: dict[str, Any] = {str(key): value for key, value in given.items()}
    name = service_name or os.environ.get("OTEL_SERVICE_NAME")
    if name:
        attributes["service.name"] = name
    resource = Resource.create(attributes)
    require_type(spool, (spooling.Spool, type(None)), "spool", "a Spool or None")
    if spool is not None:
        spool.write_resource(resource.attributes)
    log_exporter, span_exporter = exporters(target, chosen)
    batch: dict[str, Any] = {
        "max_queue_size": max_queue_size,
        "schedule_delay_millis": schedule_delay_millis,
        "max_export_batch_size": max_export_batch_size,
    }
    logger_provider = SDKLoggerProvider(resource=resource)
    # The spool is these providers' own: records sent through any other provider never reach it.
    processor = delivery.DeliveryProcessor(log_exporter, spool=spool, **batch)
    logger_provider.add_log_record_processor(processor)  # type: ignore[arg-type]
    tracer_provider = SDKTracerProvider(resource=resource)
    tracer_provider.add_span_processor(BatchSpanProcessor(span_exporter, **batch))
    if set_global:
        set_logger_provider(logger_provider)
        trace.set_tracer_provider(tracer_provider)
        delivery.register_delivery_metrics()
    return OTelHandle(logger_provider, tracer_provider, processor)


def replay(spool: spooling.Spool, endpoint: str, protocol: Protocol | None = None) -> int:
    """Send every spooled record not yet acknowledged; the number sent.

    Acknowledgements are written as the collector gives them, so a replay
    cut short can be run again and sends only what is still missing.
    """
    from opentelemetry.sdk._logs import LoggerProvider as SDKLoggerProvider  # noqa: PLC0415
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415

    chosen = resolve_protocol(protocol)
    require_url(endpoint, "endpoint")
    log_exporter, _ = exporters(endpoint, chosen)
    provider = SDKLoggerProvider(resource=Resource(spool.resource()))
    # The exporter acknowledges into the spool; the records are not spooled again.
    provider.add_log_record_processor(delivery.DeliveryProcessor(log_exporter, spool=spool, replay=True))  # type: ignore[arg-type]
    logger = provider.get_logger(SCOPE)
    pending = spool.unacknowledged()
    for record in pending:
        logger.emit(
            timestamp=record.time_unix_nano,
            observed_timestamp=time_ns(),
            severity_number=SeverityNumber(record.severity_number),
            severity_text=record.severity_text,
            body=record.body,
            attributes=record.attributes,
            event_name=record.event_name,
        )
    provider.shutdown()
    return len(pending)
