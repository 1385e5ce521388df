"""Delivery counters: the exporter wrapper, settling at shutdown, and the metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import LogRecordExportResult, SimpleLogRecordProcessor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from audit_logging import DeliveryStats, OTelAuditProcessor, delivery_stats
from audit_logging import delivery as delivery_module
from audit_logging.delivery import CountingLogExporter, register_delivery_metrics

if TYPE_CHECKING:
    from collections.abc import Sequence

EVENT = {"event": "x", "audit.event.key": "Interaction.SignIn.Submit", "audit.event.outcome": "success"}


@pytest.fixture(autouse=True)
def _fresh_counters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery_module, "counters", delivery_module._Counters())


class Exporter:
    """An exporter that answers as told."""

    def __init__(self, result: LogRecordExportResult | Exception) -> None:
        self.result = result
        self.flushed = self.stopped = False

    def export(self, batch: Sequence[Any]) -> LogRecordExportResult:
        assert len(batch) == 1  # a SimpleLogRecordProcessor sends one record at a time
        if isinstance(self.result, Exception):
            raise self.result
        return self.result

    def shutdown(self) -> None:
        self.stopped = True

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        self.flushed = timeout_millis > 0
        return True


def _send(result: LogRecordExportResult | Exception, count: int) -> Exporter:
    inner = Exporter(result)
    provider = LoggerProvider()
    provider.add_log_record_processor(SimpleLogRecordProcessor(CountingLogExporter(inner)))  # type: ignore[arg-type]
    processor = OTelAuditProcessor(provider, span_events=False)
    for _ in range(count):
        processor(None, "info", dict(EVENT))
    provider.get_logger("someone.else").emit(body="not an audit record")
    provider.shutdown()
    return inner


def test_exported_records_are_counted() -> None:
    """A successful export counts the audit records in it, and only those."""
    inner = _send(LogRecordExportResult.SUCCESS, 3)
    assert delivery_stats() == DeliveryStats(emitted=3, exported=3, dropped=0)
    assert delivery_stats().pending == 0
    assert inner.stopped


def test_failed_exports_are_dropped() -> None:
    """A failed export, or one that raises, counts its audit records as dropped."""
    _send(LogRecordExportResult.FAILURE, 2)
    _send(RuntimeError("network"), 1)
    assert delivery_stats() == DeliveryStats(emitted=3, exported=0, dropped=3)


def test_settle_counts_what_never_arrived_as_dropped() -> None:
    """After a shutdown, records neither exported nor dropped were lost: they count as dropped."""
    delivery_module.counters.add(emitted=5, exported=2)
    assert delivery_stats().pending == 3
    delivery_module.counters.settle()
    assert delivery_stats() == DeliveryStats(emitted=5, exported=2, dropped=3)


def test_force_flush_is_passed_on() -> None:
    """The wrapper flushes the exporter it wraps."""
    inner = Exporter(LogRecordExportResult.SUCCESS)
    assert CountingLogExporter(inner).force_flush(10) is True
    assert inner.flushed


def test_metrics() -> None:
    """The counters are published as observable counters, once per meter provider."""
    reader = InMemoryMetricReader()
    provider = MeterProvider(metric_readers=[reader])
    register_delivery_metrics(provider)
    register_delivery_metrics(provider)
    delivery_module.counters.add(emitted=4, exported=3, dropped=1)
    data = reader.get_metrics_data()
    assert data is not None
    values = {
        metric.name: [point.value for point in metric.data.data_points]  # type: ignore[union-attr]
        for resource in data.resource_metrics
        for scope in resource.scope_metrics
        for metric in scope.metrics
    }
    assert values == {
        "audit_logging.records.emitted": [4],
        "audit_logging.records.exported": [3],
        "audit_logging.records.dropped": [1],
    }
    provider.shutdown()


def test_emitted_counts_are_exact_across_threads_and_reads() -> None:
    """Counted without a lock: every emit from every thread counts once, and reading takes nothing off."""
    import threading  # noqa: PLC0415

    counters = delivery_module._Counters()
    counters.add(emitted=3)

    def emit() -> None:
        for _ in range(20_000):
            counters.emitted_one()

    threads = [threading.Thread(target=emit) for _ in range(4)]
    for thread in threads:
        thread.start()
    reads = [counters.snapshot().emitted for _ in range(50)]
    for thread in threads:
        thread.join()
    assert reads == sorted(reads)
    assert counters.snapshot().emitted == counters.snapshot().emitted == 80_003
    counters.settle()
    assert counters.snapshot().dropped == 80_003
