"""The cost of the HMAC chain per record, against the same pipeline without it, in one run.

Claim (issue 8): the cost is measured and printed; there is no target. Both
pipelines write one JSON line per audit event to os.devnull through
structlog: JSONRenderer without the chain, ChainedJSONRenderer with it.
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
from audit_logging.chain import ChainedJSONRenderer, HmacChain

if TYPE_CHECKING:
    from typing import TextIO

    from structlog.typing import FilteringBoundLogger, Processor

NUMBER = 10_000
ROUNDS = 9


def _logger(renderer: Processor, sink: TextIO) -> FilteringBoundLogger:
    return structlog_writer(sink, [structlog.processors.add_log_level, AuditEventProcessor(), renderer])


def _call(log: FilteringBoundLogger) -> None:
    log.info("user signed in", audit_event="Interaction.SignIn.Submit", user_id="u-1234")


def main() -> int:
    """Run the benchmark and print the ratio."""
    with open(os.devnull, "w") as sink:  # noqa: PTH123 -- a text file for WriteLogger
        plain = _logger(structlog.processors.JSONRenderer(), sink)
        chained = _logger(ChainedJSONRenderer(HmacChain(b"benchmark key")), sink)
        baseline = "JSONRenderer (baseline)"
        times = best_times(
            {
                baseline: timeit.Timer(partial(_call, plain)),
                "ChainedJSONRenderer": timeit.Timer(partial(_call, chained)),
            },
            number=NUMBER,
            rounds=ROUNDS,
        )
    report("the HMAC chain, per audit record", baseline, times, {})
    return 0


if __name__ == "__main__":
    sys.exit(main())
