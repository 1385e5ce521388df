"""Delivery counters: the processor that counts, settling at shutdown, one provider's count kept apart, the metrics."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, TextIO

import pytest
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, LogRecordExportResult
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from audit_logging import AuditLoggingWarning, DeliveryStats, OTelAuditProcessor, delivery_stats
from audit_logging import delivery as delivery_module
from audit_logging.delivery import DeliveryProcessor, register_delivery_metrics
from audit_logging.spool import Spool
from pipeline import AnsweringExporter

EVENT = {
    "event": "x",
    "audit.event.key": "Interaction.SignIn.Submit",
    "audit.event.outcome": "success",
    "audit.record.id": "id-0",
}


@pytest.fixture(autouse=True)
def _fresh_counters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery_module, "_every", [])


class FullDiskSpool(Spool):
    """A spool whose record files are on a full disk: each is /dev/full, where every write fails with ENOSPC."""

    def _open(self) -> TextIO:
        if self._file is None:
            self._file = Path("/dev/full").open("a", encoding="utf-8")  # noqa: SIM115 -- the spool closes it
        return self._file


def _provider(exporter: Any, spool: Spool | None = None) -> tuple[LoggerProvider, DeliveryProcessor]:  # noqa: ANN401 -- any exporter
    provider = LoggerProvider()
    processor = DeliveryProcessor(exporter, spool=spool)
    provider.add_log_record_processor(processor)  # type: ignore[arg-type]
    return provider, processor


def _log(provider: LoggerProvider, count: int) -> None:
    processor = OTelAuditProcessor(provider, span_events=False)
    for number in range(count):
        processor(None, "info", {**EVENT, "audit.record.id": f"id-{number}"})


def _send(result: LogRecordExportResult | Exception, count: int) -> AnsweringExporter:
    inner = AnsweringExporter(result)
    provider, _ = _provider(inner)
    _log(provider, count)
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
    counters = delivery_module._Counters()
    counters.add(emitted=5, exported=2)
    assert counters.snapshot().pending == 3
    counters.settle()
    assert counters.snapshot() == DeliveryStats(emitted=5, exported=2, dropped=3)


def test_force_flush_is_passed_on() -> None:
    """The processor flushes its batch, which flushes nothing more than it holds; the exporter is asked at shutdown."""
    inner = AnsweringExporter(LogRecordExportResult.SUCCESS)
    provider, processor = _provider(inner)
    assert processor.force_flush(10) is True
    assert processor.enabled() is True
    provider.shutdown()
    assert inner.stopped


class TestItem5:
    """Issue 14, item 5: records lost without a count or a warning."""

    def test_records_after_shutdown_are_counted_dropped_with_a_warning(self) -> None:
        provider, processor = _provider(InMemoryLogRecordExporter())  # type: ignore[no-untyped-call]
        _log(provider, 2)
        provider.shutdown()
        with pytest.warns(AuditLoggingWarning, match="after its OpenTelemetry provider was shut down"):
            _log(provider, 3)
        stats = processor.delivery_stats()
        assert stats == DeliveryStats(emitted=5, exported=2, dropped=3)
        assert stats.pending == 0  # after a shutdown, exported + dropped == emitted, whatever comes later

    def test_one_providers_shutdown_leaves_anothers_count_alone(self) -> None:
        """Each processor counts its own records: shutting one down settles only its own."""
        first, first_processor = _provider(InMemoryLogRecordExporter())  # type: ignore[no-untyped-call]
        second, second_processor = _provider(InMemoryLogRecordExporter())  # type: ignore[no-untyped-call]
        _log(second, 4)
        first.shutdown()  # nothing sent through it: the second's records are not its to drop
        assert first_processor.delivery_stats() == DeliveryStats(0, 0, 0)
        second.force_flush()
        assert second_processor.delivery_stats() == DeliveryStats(emitted=4, exported=4, dropped=0)
        second.shutdown()
        assert delivery_stats() == DeliveryStats(emitted=4, exported=4, dropped=0)

    def test_a_spool_is_its_providers_own(self, tmp_path: Path) -> None:
        """Records through an unrelated provider never land in a spool; its shutdown closes no other's spool."""
        spool = Spool(tmp_path / "spool")
        spooled, _ = _provider(InMemoryLogRecordExporter(), spool)  # type: ignore[no-untyped-call]
        other, _ = _provider(InMemoryLogRecordExporter())  # type: ignore[no-untyped-call]
        _log(other, 3)
        other.shutdown()
        _log(spooled, 1)  # the spool still takes records: the other's shutdown did not close it
        spooled.shutdown()
        assert [record.record_id for record in spool.unacknowledged()] == []
        assert sorted(spool.acknowledged()) == ["id-0"]

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
    def test_a_full_disk_degrades_to_export_without_the_spool(self, tmp_path: Path) -> None:
        """The spool's files on a device that is always full: every record is exported and counted unspooled."""
        directory = tmp_path / "spool"
        directory.mkdir()
        (directory / "acknowledged.txt").symlink_to("/dev/full")
        exporter = InMemoryLogRecordExporter()  # type: ignore[no-untyped-call]
        provider, processor = _provider(exporter, FullDiskSpool(directory, fsync="always"))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _log(provider, 3)
            provider.shutdown()  # the spool cannot be closed cleanly either: never an exception
        assert len(exporter.get_finished_logs()) == 3
        assert processor.delivery_stats() == DeliveryStats(emitted=3, exported=3, dropped=0, unspooled=3)
        messages = [str(warning.message) for warning in caught]
        assert any("the spool could not keep an audit record" in message for message in messages)
        assert any("No space left on device" in message for message in messages)


def test_metrics() -> None:
    """The counters are published as observable counters, once per meter provider."""
    reader = InMemoryMetricReader()
    provider = MeterProvider(metric_readers=[reader])
    register_delivery_metrics(provider)
    register_delivery_metrics(provider)
    counters = delivery_module._Counters()
    delivery_module._every.append(counters)
    counters.add(emitted=4, exported=3, dropped=1)
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


def test_handles_made_by_configure_opentelemetry_keep_their_spools_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's reproducer: a spool with set_global=False, an unrelated provider, and a second handle."""
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)  # the console exporter: nothing leaves
    from audit_logging import configure_opentelemetry  # noqa: PLC0415

    spool = Spool(tmp_path / "spool")
    first = configure_opentelemetry(service_name="first", spool=spool, set_global=False)
    second = configure_opentelemetry(service_name="second", set_global=False)
    unrelated = LoggerProvider()
    unrelated.add_log_record_processor(DeliveryProcessor(InMemoryLogRecordExporter()))  # type: ignore[arg-type,no-untyped-call]
    _log(unrelated, 3)
    _log(second.logger_provider, 2)
    second.shutdown()
    _log(first.logger_provider, 1)  # the first handle's spool is still open
    first.shutdown()
    unrelated.shutdown()
    capsys.readouterr()
    spooled = [record.record_id for path in spool.files() for record in spool.records(path)]
    assert spooled == ["id-0"]
    assert first.delivery_stats() == DeliveryStats(emitted=1, exported=1, dropped=0)
    assert second.delivery_stats() == DeliveryStats(emitted=2, exported=2, dropped=0)
    assert delivery_stats() == DeliveryStats(emitted=6, exported=6, dropped=0)
