"""The cost of the durable spool per fsync policy, against the same emission without it, in one run.

Claim (issue 8): the cost is measured and printed per policy; there is no
target. Each case sends the same audit record through OTelAuditProcessor to
an SDK LoggerProvider whose DeliveryProcessor exports to an exporter that
takes every batch at once; the spooled cases write it to a spool in a
temporary directory first (and acknowledge it there once exported).
"""

from __future__ import annotations

import sys
import tempfile
import timeit
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the tests' exporter that answers as told

from _harness import best_times, report, sample_audit_event
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import LogRecordExportResult

from audit_logging import OTelAuditProcessor
from audit_logging.delivery import DeliveryProcessor
from audit_logging.spool import Spool
from pipeline import AnsweringExporter

NUMBER = 2_000
ROUNDS = 5


def _processor(spool: Spool | None) -> tuple[OTelAuditProcessor, LoggerProvider]:
    provider = LoggerProvider()
    processor = DeliveryProcessor(AnsweringExporter(LogRecordExportResult.SUCCESS), spool=spool, max_queue_size=1 << 20)
    provider.add_log_record_processor(processor)  # type: ignore[arg-type]
    return OTelAuditProcessor(provider, span_events=False), provider


def _send(processor: OTelAuditProcessor, event: dict[str, Any]) -> None:
    processor(None, "info", dict(event))


def main() -> int:
    """Run the benchmark and print the ratios."""
    event = sample_audit_event()
    with tempfile.TemporaryDirectory() as directory:
        senders = {"no spool (baseline)": _processor(None)}
        senders.update(
            {
                f"spool, fsync={policy}": _processor(Spool(Path(directory) / policy, fsync=policy))
                for policy in ("never", "interval", "always")
            }
        )
        cases = {label: timeit.Timer(partial(_send, processor, event)) for label, (processor, _) in senders.items()}
        times = best_times(cases, number=NUMBER, rounds=ROUNDS)
        for _, provider in senders.values():
            provider.shutdown()  # closes each spool
    report("the durable spool, per audit record sent to OpenTelemetry", "no spool (baseline)", times, {})
    return 0


if __name__ == "__main__":
    sys.exit(main())
