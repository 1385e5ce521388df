"""A decorated no-op handler against a hand-written one that makes the same logging calls, in one run.

Claim (issue 6, and issue 15 for the standard library): at most 1.1x, in each
setup. The hand-written handler does by hand what the decorator does, as
someone would write it: time the call, bind the interaction context, make the
one audit log call with the duration. In the structlog setup both log through
the same pipeline (AuditEventProcessor, JSONRenderer); in the stdlib setup
through the same handler with AuditLogFilter and AuditJsonFormatter, as a
dictConfig sets it up. Both write to os.devnull.
"""

from __future__ import annotations

import os
import sys
import time
import timeit
from functools import partial
from typing import TYPE_CHECKING

import structlog
from _harness import best_times, report, stdlib_writer, stream_handler, structlog_writer

from audit_logging import AuditEventProcessor, AuditJsonFormatter, AuditLogFilter, audit_context, audit_interaction

if TYPE_CHECKING:
    import logging

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


def _hand_written_stdlib(log: logging.Logger) -> None:
    start = time.perf_counter()
    with audit_context(interaction_event="SignIn"):
        _noop()
        duration = round((time.perf_counter() - start) * 1000, 3)
        log.info(NAME, extra={"audit_event": KEY, "audit.duration_ms": duration})


def main() -> int:
    """Run the benchmark, print the ratios; exit status 1 when a target is missed."""
    ok = True
    with open(os.devnull, "w") as sink:  # noqa: PTH123 -- a text file for WriteLogger and StreamHandler
        log = structlog_writer(
            sink,
            [
                structlog.contextvars.merge_contextvars,
                structlog.processors.add_log_level,
                AuditEventProcessor(),
                structlog.processors.JSONRenderer(),
            ],
        )
        logger = stdlib_writer("bench.decorator", stream_handler(sink, AuditJsonFormatter(), AuditLogFilter()))
        setups = {
            "structlog": (partial(_hand_written, log), audit_interaction(KEY, logger=log)(_noop)),
            "stdlib": (partial(_hand_written_stdlib, logger), audit_interaction(KEY, logger=logger)(_noop)),
        }
        for setup, (hand_written, decorated) in setups.items():
            baseline = f"{setup}: hand-written handler (baseline)"
            candidate = f"{setup}: @audit_interaction handler"
            times = best_times(
                {baseline: timeit.Timer(hand_written), candidate: timeit.Timer(decorated)},
                number=NUMBER,
                rounds=ROUNDS,
            )
            ok = report(f"a no-op interaction handler, audited ({setup})", baseline, times, {candidate: TARGET}) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
