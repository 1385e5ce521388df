"""Pulling Logto's logs: throughput from a test Logto server to JSON lines, and the cost of one log's record.

Issue 16 names no target; both figures are printed, measured in one run:

* pull throughput: 20,000 logs from the tests' Logto server (on 127.0.0.1,
  its pages of 100 served by Python's http.server) through
  ``pull(..., JsonLinesOutput(devnull))``, in logs per second end to end;
* the cost of turning one Logto log into its JSON line (``JsonLinesOutput``:
  the event made from the log, the record, the line) against building the
  same record from a log call (a structlog pipeline with
  ``AuditEventProcessor`` and ``JSONRenderer``, the same fields), as a ratio.
"""

from __future__ import annotations

import io
import os
import random
import sys
import time
import timeit
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the test Logto server

import structlog
from _harness import best_times, report, structlog_writer

from audit_logging import AuditEventProcessor
from audit_logging.logto import JsonLinesOutput, LogtoClient, LogtoLog, pull
from logto_server import APP_ID, APP_SECRET, LogtoServer, log

COUNT = 20_000
BASE = 1_780_000_000_000
PAYLOAD = {"userId": "u-1234", "ip": "203.0.113.9", "sessionId": "s-5678", "applicationId": "app-1"}


def _throughput() -> None:
    chosen = random.Random(1)  # noqa: S311 -- test data
    logs = [
        log(f"log-{n}", "Interaction.SignIn.Submit", BASE + chosen.randrange(86_400_000), **PAYLOAD)
        for n in range(COUNT)
    ]
    server = LogtoServer(logs).start()
    try:
        client = LogtoClient(server.endpoint, APP_ID, APP_SECRET)
        with open(os.devnull, "w") as sink:  # noqa: PTH123 -- a text stream
            began = time.perf_counter()
            summary = pull(client, JsonLinesOutput(sink), since_ms=BASE, until_ms=BASE + 86_400_000)
            seconds = time.perf_counter() - began
    finally:
        server.stop()
    print("a pull from the tests' Logto server to JSON lines")
    print(
        f"  {summary.logs} logs in {seconds:.2f} s: {summary.logs / seconds:,.0f} logs/s ({summary.requests} requests)"
    )


def main() -> int:
    """Run both measurements and print them."""
    _throughput()
    entry = LogtoLog.from_json(log("log-1", "Interaction.SignIn.Submit", BASE, **PAYLOAD))
    output = JsonLinesOutput(io.StringIO())
    with open(os.devnull, "w") as sink:  # noqa: PTH123 -- a text file for WriteLogger
        logger = structlog_writer(sink, [AuditEventProcessor(), structlog.processors.JSONRenderer()])

        def from_a_call() -> None:
            logger.info(
                "Submit sign-in interaction",
                audit_event="Interaction.SignIn.Submit",
                timestamp="2026-05-28T20:26:40.000Z",
                level="info",
                **PAYLOAD,
            )

        baseline = "the same record from a log call (baseline)"
        candidate = "one Logto log to its JSON line"
        times = best_times(
            {baseline: timeit.Timer(from_a_call), candidate: timeit.Timer(partial(output, [entry]))},
            number=5_000,
            rounds=9,
        )
    report("one Logto log's record against a log call's", baseline, times, {})
    return 0


if __name__ == "__main__":
    sys.exit(main())
