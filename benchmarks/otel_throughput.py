"""Audit events pushed for 10 s through the batch processor into a real collector: events/s and dropped.

Claim (issue 5): at least 20,000 events/s with 0 dropped. The collector is
rotel (from PyPI) on 127.0.0.1, started and stopped here; its processor
counts what arrives, and dropped = emitted - received, read on the collector
side after the final flush (a True from force_flush is not trusted).

The SDK's default batch settings (a 2,048-record queue, flushed every
second in batches of 512) drop records at this rate; BATCH_SETTINGS below
achieve it: a queue deep enough to hold a 10 s burst, flushed every 200 ms in
batches of 8,192. The exporter itself sustains less than the push rate (the
run prints the end-to-end rate too): the queue is what absorbs a burst.
Run: python benchmarks/otel_throughput.py [grpc|http/protobuf]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The collector helper lives with the tests, which start the same rotel.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _harness import sample_audit_event

from audit_logging import OTelAuditProcessor, configure_opentelemetry
from collector import Collector

if TYPE_CHECKING:
    from audit_logging.otel import Protocol

SECONDS = 10.0
TARGET_RATE = 20_000
PROTOCOL: Protocol = "http/protobuf" if sys.argv[1:] == ["http/protobuf"] else "grpc"
BATCH_SETTINGS: dict[str, Any] = {
    "max_queue_size": 262_144,
    "schedule_delay_millis": 200,
    "max_export_batch_size": 8_192,
}


def main() -> int:
    """Run the throughput test; exit status 1 when the target is missed."""
    with tempfile.TemporaryDirectory() as workdir:
        collector = Collector(Path(workdir), count_only=True)
        collector.start()
        try:
            handle = configure_opentelemetry(
                service_name="throughput",
                endpoint=collector.endpoint(PROTOCOL),
                protocol=PROTOCOL,
                set_global=False,
                **BATCH_SETTINGS,
            )
            processor = OTelAuditProcessor(handle.logger_provider, span_events=False)
            event = sample_audit_event()
            emitted = 0
            start = time.perf_counter()
            while time.perf_counter() - start < SECONDS:
                for _ in range(500):
                    processor(None, "info", event)
                emitted += 500
            pushed_for = time.perf_counter() - start
            handle.shutdown()
            delivered_after = time.perf_counter() - start
            received, deadline = collector.received_count(), time.monotonic() + 30
            while received < emitted and time.monotonic() < deadline:
                time.sleep(0.2)
                received = collector.received_count()
        finally:
            collector.stop()
    rate = emitted / pushed_for
    dropped = emitted - received
    print(f"audit events pushed for {pushed_for:.1f} s through BatchLogRecordProcessor over OTLP {PROTOCOL}")
    print(f"  batch settings {BATCH_SETTINGS}")
    print(f"  emitted   {emitted:>9,}  ({rate:,.0f} events/s pushed)")
    end_to_end = received / delivered_after
    print(f"  received  {received:>9,}  (all in {delivered_after:.1f} s: {end_to_end:,.0f} events/s end to end)")
    print(f"  dropped   {dropped:>9,}")
    met = rate >= TARGET_RATE and dropped == 0
    print(f"  target: >= {TARGET_RATE:,} events/s with 0 dropped: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
