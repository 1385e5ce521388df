"""The cost of the ecs and ocsf profiles per audit line, against the default profile, in one run.

Claim (issue 9): the cost is measured and printed; there is no target. Each
pipeline writes one JSON line per audit event to os.devnull through structlog
with the same processors but AuditEventProcessor's profile: ``otel`` (the
baseline: the canonical record), ``ecs`` and ``ocsf`` (the schema's nested
document, with its classification, renames and the line's own parts).
"""

from __future__ import annotations

import os
import sys
import timeit
from functools import partial
from typing import TYPE_CHECKING

import structlog
from _harness import best_times, report, structlog_writer

from audit_logging import AuditEventProcessor

if TYPE_CHECKING:
    from typing import TextIO

    from structlog.typing import FilteringBoundLogger

NUMBER = 10_000
ROUNDS = 9


def _logger(profile: str, sink: TextIO) -> FilteringBoundLogger:
    return structlog_writer(
        sink,
        [
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            AuditEventProcessor(profile=profile),
            structlog.processors.JSONRenderer(),
        ],
    )


def _call(log: FilteringBoundLogger) -> None:
    log.info(
        "user signed in",
        audit_event="Interaction.SignIn.Submit",
        user_id="u-1234",
        session_id="s-5678",
        client_address="203.0.113.9",
    )


def main() -> int:
    """Run the benchmark and print the ratios."""
    with open(os.devnull, "w") as sink:  # noqa: PTH123 -- a text file for WriteLogger
        baseline = "profile otel (baseline)"
        times = best_times(
            {
                baseline: timeit.Timer(partial(_call, _logger("otel", sink))),
                "profile ecs": timeit.Timer(partial(_call, _logger("ecs", sink))),
                "profile ocsf": timeit.Timer(partial(_call, _logger("ocsf", sink))),
            },
            number=NUMBER,
            rounds=ROUNDS,
        )
    report("output profiles, per audit line through structlog", baseline, times, {})
    return 0


if __name__ == "__main__":
    sys.exit(main())
