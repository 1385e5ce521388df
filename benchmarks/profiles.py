"""The ecs and ocsf profiles against Elastic's own ECS formatters, on the same pipeline and record, in one run.

Claims (issue 13), for structlog and for standard-library logging alike:

* an ECS audit line costs no more than ecs-logging's formatter writing the
  same call (ratio ours / ecs-logging at most 1.0): for structlog,
  ``ecs_logging.StructlogFormatter()`` in place of ``AuditEventProcessor(profile="ecs"),
  JSONRenderer()`` after the same ``[merge_contextvars, add_log_level,
  TimeStamper(fmt="iso")]``; for stdlib, ``ecs_logging.StdlibFormatter()`` in
  place of ``AuditLogFilter(profile="ecs")`` and ``AuditJsonFormatter(profile="ecs")``;
* an OCSF line costs at most 1.3x our ECS line.

Each writes one JSON line per call to os.devnull, with a user and a session
bound (structlog's contextvars, this library's audit context for stdlib), as
a web request would.
"""

from __future__ import annotations

import os
import sys
import timeit
from functools import partial
from typing import TYPE_CHECKING, cast

import ecs_logging
import structlog
from _harness import best_times, report, stdlib_writer, stream_handler, structlog_writer
from structlog.contextvars import bind_contextvars, merge_contextvars

from audit_logging import AuditEventProcessor, AuditJsonFormatter, AuditLogFilter

if TYPE_CHECKING:
    import logging
    from typing import TextIO

    from structlog.typing import FilteringBoundLogger, Processor

NUMBER = 10_000
ROUNDS = 11
ECS_TARGET = 1.0
OCSF_TARGET = 1.3


def _structlog(last: list[Processor], sink: TextIO) -> FilteringBoundLogger:
    shared: list[Processor] = [
        merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
    ]
    return structlog_writer(sink, [*shared, *last])


def _structlog_call(log: FilteringBoundLogger) -> None:
    log.info("user signed in", audit_event="Interaction.SignIn.Submit", client_address="203.0.113.9")


def _stdlib(
    name: str, formatter: logging.Formatter, sink: TextIO, audit_filter: AuditLogFilter | None
) -> logging.Logger:
    return stdlib_writer(name, stream_handler(sink, formatter, audit_filter))


EXTRA: dict[str, object] = {"audit_event": "Interaction.SignIn.Submit", "client_address": "203.0.113.9"}


def _stdlib_call(log: logging.Logger) -> None:
    log.info("user signed in", extra=EXTRA)


def _ratios(title: str, cases: dict[str, timeit.Timer]) -> bool:
    """Time the three cases of one integration; print ours / ecs-logging and OCSF / our ECS."""
    times = best_times(cases, number=NUMBER, rounds=ROUNDS)
    theirs, ecs, ocsf = times
    ok = report(
        f"{title}: ECS against ecs-logging's own formatter",
        theirs,
        {theirs: times[theirs], ecs: times[ecs]},
        {ecs: ECS_TARGET},
    )
    return (
        report(f"{title}: OCSF against our ECS", ecs, {ecs: times[ecs], ocsf: times[ocsf]}, {ocsf: OCSF_TARGET}) and ok
    )


def main() -> int:
    """Run the benchmark, print the ratios; exit status 1 when a target is missed."""
    bind_contextvars(user_id="u-1234", session_id="s-5678")
    with open(os.devnull, "w") as sink:  # noqa: PTH123 -- a text file for WriteLogger and StreamHandler
        theirs = _structlog([cast("Processor", ecs_logging.StructlogFormatter())], sink)
        ecs = _structlog([AuditEventProcessor(profile="ecs"), structlog.processors.JSONRenderer()], sink)
        ocsf = _structlog([AuditEventProcessor(profile="ocsf"), structlog.processors.JSONRenderer()], sink)
        ok = _ratios(
            "structlog",
            {
                "ecs-logging StructlogFormatter (baseline)": timeit.Timer(partial(_structlog_call, theirs)),
                "AuditEventProcessor(profile='ecs')": timeit.Timer(partial(_structlog_call, ecs)),
                "AuditEventProcessor(profile='ocsf')": timeit.Timer(partial(_structlog_call, ocsf)),
            },
        )
        stdlib_theirs = _stdlib("bench.ecs_logging", ecs_logging.StdlibFormatter(), sink, None)
        stdlib_ecs = _stdlib("bench.ecs", AuditJsonFormatter(profile="ecs"), sink, AuditLogFilter(profile="ecs"))
        stdlib_ocsf = _stdlib("bench.ocsf", AuditJsonFormatter(profile="ocsf"), sink, AuditLogFilter(profile="ocsf"))
        ok = (
            _ratios(
                "stdlib",
                {
                    "ecs-logging StdlibFormatter (baseline)": timeit.Timer(partial(_stdlib_call, stdlib_theirs)),
                    "AuditLogFilter + AuditJsonFormatter, ecs": timeit.Timer(partial(_stdlib_call, stdlib_ecs)),
                    "AuditLogFilter + AuditJsonFormatter, ocsf": timeit.Timer(partial(_stdlib_call, stdlib_ocsf)),
                },
            )
            and ok
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
