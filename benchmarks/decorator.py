"""A decorated no-op handler against a hand-written one that makes the same logging calls, in one run.

Claim (issue 6): at most 1.1x. The hand-written handler does by hand what the
decorator does, as someone would write it: time the call, bind the
interaction context, make the one audit log call with the duration. Both log
through the same structlog pipeline (AuditEventProcessor, JSONRenderer) to
os.devnull.
"""

from __future__ import annotations

import os
import sys
import time
import timeit
from functools import partial
from typing import TYPE_CHECKING

import structlog
from _harness import best_times, report, structlog_writer

from audit_logging import AuditEventProcessor, audit_context, audit_interaction

if TYPE_CHECKING:
    from structlog.typing import FilteringBoundLogger

NUMBER = 20_000
ROUNDS = 15
TARGET = 1.1
KEY = "Interaction.SignIn.Submit"
NAME = "Submit sign-in interaction"


def _noop() -> None:
    return None


def _hand_written(log: FilteringBoundLogger) -> None:
    start = time.perf_counter()
    with audit_context(interaction_event="SignIn"):
        _noop()
        duration = round((time.perf_counter() - start) * 1000, 3)
        log.info(NAME, audit_event=KEY, **{"audit.duration_ms": duration})


def main() -> int:
    """Run the benchmark, print the ratio; exit status 1 when the target is missed."""
    with open(os.devnull, "w") as sink:  # noqa: PTH123 -- a text file for WriteLogger
        log = structlog_writer(
            sink,
            [
                structlog.contextvars.merge_contextvars,
                structlog.processors.add_log_level,
                AuditEventProcessor(),
                structlog.processors.JSONRenderer(),
            ],
        )
        decorated = audit_interaction(KEY, logger=log)(_noop)
        baseline = "hand-written handler (baseline)"
        candidate = "@audit_interaction handler"
        times = best_times(
            {baseline: timeit.Timer(partial(_hand_written, log)), candidate: timeit.Timer(decorated)},
            number=NUMBER,
            rounds=ROUNDS,
        )
    ok = report("a no-op interaction handler, audited", baseline, times, {candidate: TARGET})
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
