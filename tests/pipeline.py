"""OpenTelemetry providers that export to the SDK's in-memory exporters, for tests that read what was sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, LogRecordExportResult, SimpleLogRecordProcessor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

if TYPE_CHECKING:
    from collections.abc import Sequence


class AnsweringExporter:
    """A log exporter that answers every batch as told: a result, or an exception it raises."""

    def __init__(self, result: LogRecordExportResult | Exception) -> None:
        self.result = result
        self.flushed = self.stopped = False

    def export(self, batch: Sequence[Any]) -> LogRecordExportResult:
        del batch
        if isinstance(self.result, Exception):
            raise self.result
        return self.result

    def shutdown(self) -> None:
        self.stopped = True

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        self.flushed = timeout_millis > 0
        return True


@dataclass
class Pipeline:
    logs: InMemoryLogRecordExporter
    spans: InMemorySpanExporter
    logger_provider: LoggerProvider
    tracer_provider: TracerProvider

    def log_records(self) -> list[Any]:
        return [readable.log_record for readable in self.logs.get_finished_logs()]

    def finished_spans(self) -> list[ReadableSpan]:
        return list(self.spans.get_finished_spans())

    @classmethod
    def start(cls) -> Pipeline:
        """Providers that export each record and span as it ends."""
        logs, spans = InMemoryLogRecordExporter(), InMemorySpanExporter()  # type: ignore[no-untyped-call]
        logger_provider, tracer_provider = LoggerProvider(), TracerProvider()
        logger_provider.add_log_record_processor(SimpleLogRecordProcessor(logs))
        tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
        return cls(logs, spans, logger_provider, tracer_provider)

    def shutdown(self) -> None:
        """Stop both providers."""
        self.logger_provider.shutdown()
        self.tracer_provider.shutdown()
