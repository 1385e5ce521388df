"""AuditLogFilter + AuditJsonFormatter against python-json-logger's JsonFormatter alone, in one run.

Claim (issue 13, replacing issue 4's 1.15x): a stdlib logger with
AuditLogFilter and AuditJsonFormatter costs at most 1.5x python-json-logger's
JsonFormatter alone for the same audit record. The baseline JsonFormatter is configured to write the same
standard fields (timestamp, level, logger, message), as a user of it would;
both write to os.devnull through a StreamHandler.

A third logger shows the floor: JsonFormatter alone, given the finished audit
fields as its extra (the same JSON line the audit pipeline writes), so what
it costs over the baseline is the longer line, which no implementation avoids.
"""

from __future__ import annotations

import os
import sys
import timeit
from functools import partial
from typing import TYPE_CHECKING, TextIO

from _harness import REQUIRED_AUDIT_FIELDS, best_times, report, stdlib_writer, stream_handler
from pythonjsonlogger.json import JsonFormatter

from audit_logging import AuditJsonFormatter, AuditLogFilter, bind_audit_context

if TYPE_CHECKING:
    import logging

NUMBER = 10_000
ROUNDS = 15
TARGET = 1.5
EXTRA: dict[str, object] = {
    "audit_event": "Interaction.SignIn.Submit",
    "user_id": "u-1234",
    "client_address": "203.0.113.9",
}
FINISHED: dict[str, object] = {
    "client.address": "203.0.113.9",
    "user.id": "u-1234",
    "session.id": "s-5678",
    **REQUIRED_AUDIT_FIELDS,
}


def _logger(name: str, formatter: logging.Formatter, sink: TextIO, *, audit_filter: bool) -> logging.Logger:
    return stdlib_writer(name, stream_handler(sink, formatter, AuditLogFilter() if audit_filter else None))


def _call(log: logging.Logger, extra: dict[str, object]) -> None:
    log.info("user signed in", extra=extra)


def main() -> int:
    """Run the benchmark, print the ratio; exit status 1 when the target is missed."""
    bind_audit_context(session_id="s-5678")
    with open(os.devnull, "w") as sink:  # noqa: PTH123 -- a text stream for StreamHandler
        baseline_formatter = JsonFormatter(
            "%(levelname)s %(name)s %(message)s", rename_fields={"levelname": "level", "name": "logger"}, timestamp=True
        )
        plain = _logger("bench.plain", baseline_formatter, sink, audit_filter=False)
        audited = _logger("bench.audit", AuditJsonFormatter(), sink, audit_filter=True)
        baseline = "JsonFormatter alone (baseline)"
        candidate = "AuditLogFilter + AuditJsonFormatter"
        floor = "floor: JsonFormatter alone, finished fields"
        times = best_times(
            {
                baseline: timeit.Timer(partial(_call, plain, EXTRA)),
                candidate: timeit.Timer(partial(_call, audited, EXTRA)),
                floor: timeit.Timer(partial(_call, plain, FINISHED)),
            },
            number=NUMBER,
            rounds=ROUNDS,
        )
    ok = report("stdlib logging, the same audit record", baseline, times, {candidate: TARGET})
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
