"""The cost of the durable spool per fsync policy, against the same emission without it, in one run.

Claim (issue 8): the cost is measured and printed per policy; there is no
target. Each case sends the same audit record through OTelAuditProcessor to
an SDK LoggerProvider without an exporter; the spooled cases write it to a
spool in a temporary directory first.
"""

from __future__ import annotations

import sys
import tempfile
import timeit
from functools import partial
from pathlib import Path
from typing import Any

from _harness import best_times, report, sample_audit_event
from opentelemetry.sdk._logs import LoggerProvider

from audit_logging import OTelAuditProcessor
from audit_logging import spool as spooling

NUMBER = 2_000
ROUNDS = 5


def _send(processor: OTelAuditProcessor, spool: spooling.Spool | None, event: dict[str, Any]) -> None:
    spooling.activate(spool)
    processor(None, "info", event)


def main() -> int:
    """Run the benchmark and print the ratios."""
    event = sample_audit_event()
    processor = OTelAuditProcessor(LoggerProvider(), span_events=False)
    with tempfile.TemporaryDirectory() as directory:
        spools = {
            policy: spooling.Spool(Path(directory) / policy, fsync=policy) for policy in ("never", "interval", "always")
        }
        baseline = "no spool (baseline)"
        cases = {baseline: timeit.Timer(partial(_send, processor, None, event))}
        cases.update(
            {
                f"spool, fsync={policy}": timeit.Timer(partial(_send, processor, spool, event))
                for policy, spool in spools.items()
            }
        )
        times = best_times(cases, number=NUMBER, rounds=ROUNDS)
        spooling.activate(None)
        for spool in spools.values():
            spool.close()
    report("the durable spool, per audit record sent to OpenTelemetry", baseline, times, {})
    return 0


if __name__ == "__main__":
    sys.exit(main())
