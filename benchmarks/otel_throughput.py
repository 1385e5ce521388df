"""Audit events pushed for 10 s into a real collector, against the raw SDK doing the same, in one run.

Claim (issue 13): audit events sent through ``configure_opentelemetry``'s
pipeline (OTelAuditProcessor, the counting exporter, the batch processor)
reach at least 0.9x the events/s of the raw SDK emitting the same attributes
through the same batch settings and exporter, both with 0 dropped. The
collector is rotel (from PyPI) on 127.0.0.1, started and stopped here; its
processor counts what arrives, and dropped = emitted - received, read on the
collector side after the final flush (a True from force_flush is not trusted).

Events/s is end to end: every event emitted, then received, divided by the
time from the first emit to the last arrival, which is what a service can
sustain. The rate the loop pushed at is printed beside it: the queue absorbs
a burst faster than the exporter drains it. The SDK's default batch settings
(a 2,048-record queue) drop records at this rate, so both sides use
BATCH_SETTINGS: a queue deep enough to hold a 10 s burst, flushed every
200 ms in batches of 8,192.
Run: python benchmarks/otel_throughput.py [grpc|http/protobuf]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from time import time_ns
from typing import TYPE_CHECKING, Any

# The collector helper lives with the tests, which start the same rotel.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _harness import sample_audit_event
from opentelemetry._logs import SeverityNumber
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor

from audit_logging import OTelAuditProcessor, configure_opentelemetry
from audit_logging.otel import otel_attributes
from audit_logging.otel.setup import exporters
from collector import Collector

if TYPE_CHECKING:
    from collections.abc import Callable

    from audit_logging.otel import Protocol

SECONDS = 10.0
TARGET = 0.9
PROTOCOL: Protocol = "http/protobuf" if sys.argv[1:] == ["http/protobuf"] else "grpc"
BATCH_SETTINGS: dict[str, Any] = {
    "max_queue_size": 262_144,
    "schedule_delay_millis": 200,
    "max_export_batch_size": 8_192,
}


def _push(emit: Callable[[], object]) -> tuple[int, float]:
    """Call ``emit`` for SECONDS; the number of calls and the seconds they took."""
    emitted = 0
    start = time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        for _ in range(500):
            emit()
        emitted += 500
    return emitted, time.perf_counter() - start


def _delivered(collector: Collector, before: int, emitted: int, start: float) -> tuple[int, float]:
    """What the collector received of ``emitted``, and the seconds from ``start`` to the last arrival."""
    received, deadline = collector.received_count() - before, time.monotonic() + 60
    while received < emitted and time.monotonic() < deadline:
        time.sleep(0.05)
        received = collector.received_count() - before
    return received, time.perf_counter() - start


def _raw(collector: Collector) -> tuple[int, float, int, float]:
    """The raw SDK: a provider with the same exporter and batch settings, Logger.emit with finished attributes."""
    log_exporter, _ = exporters(collector.endpoint(PROTOCOL), PROTOCOL)
    provider = LoggerProvider()
    provider.add_log_record_processor(BatchLogRecordProcessor(log_exporter, **BATCH_SETTINGS))
    logger = provider.get_logger("bench")
    attributes = otel_attributes(sample_audit_event())

    def emit() -> None:
        now = time_ns()
        logger.emit(
            timestamp=now,
            observed_timestamp=now,
            severity_number=SeverityNumber.INFO,
            severity_text="INFO",
            body="user signed in",
            attributes=attributes,
            event_name="Interaction.SignIn.Submit",
        )

    before, start = collector.received_count(), time.perf_counter()
    emitted, pushed_for = _push(emit)
    provider.shutdown()
    received, took = _delivered(collector, before, emitted, start)
    return emitted, pushed_for, received, took


def _audit(collector: Collector) -> tuple[int, float, int, float]:
    """This library: configure_opentelemetry's pipeline and OTelAuditProcessor, from AuditEventProcessor's event."""
    handle = configure_opentelemetry(
        service_name="throughput",
        endpoint=collector.endpoint(PROTOCOL),
        protocol=PROTOCOL,
        set_global=False,
        **BATCH_SETTINGS,
    )
    processor = OTelAuditProcessor(handle.logger_provider, span_events=False)
    event = sample_audit_event()
    before, start = collector.received_count(), time.perf_counter()
    emitted, pushed_for = _push(lambda: processor(None, "info", event))
    handle.shutdown()
    received, took = _delivered(collector, before, emitted, start)
    return emitted, pushed_for, received, took


def main() -> int:
    """Run both, raw first; print both figures and the ratio; exit status 1 when the target is missed."""
    with tempfile.TemporaryDirectory() as workdir:
        collector = Collector(Path(workdir), count_only=True)
        collector.start()
        try:
            results = {
                "raw SDK Logger.emit (baseline)": _raw(collector),
                "configure_opentelemetry + OTelAuditProcessor": _audit(collector),
            }
        finally:
            collector.stop()
    print(f"events pushed for {SECONDS:.0f} s through BatchLogRecordProcessor over OTLP {PROTOCOL} into rotel")
    print(f"  batch settings {BATCH_SETTINGS}")
    rates: list[float] = []
    clean = True
    for label, (emitted, pushed_for, received, took) in results.items():
        rate = received / took
        rates.append(rate)
        dropped = emitted - received
        clean = clean and dropped == 0
        print(
            f"  {label:<46} {rate:>8,.0f} events/s end to end  "
            f"(emitted {emitted:,} at {emitted / pushed_for:,.0f}/s, received {received:,}, dropped {dropped:,})"
        )
    ratio = rates[1] / rates[0]
    met = ratio >= TARGET and clean
    print(f"  ratio {ratio:.2f}x  (target >= {TARGET:.2f}x with 0 dropped on both: {'met' if met else 'MISSED'})")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
