"""What every benchmark here shares: same-run ratios against a baseline, never a wall time.

These machines are noisy, so each case is timed in interleaved rounds and the
best round of each is kept: the best is the run least disturbed by others, and
interleaving exposes baseline and candidate to the same disturbances.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, TextIO

import structlog

from audit_logging import AuditEventProcessor

if TYPE_CHECKING:
    import timeit
    from collections.abc import Mapping, Sequence

    from structlog.typing import FilteringBoundLogger, Processor


def best_times(cases: Mapping[str, timeit.Timer], *, number: int, rounds: int = 7) -> dict[str, float]:
    """Seconds per call for each case: the best of ``rounds`` interleaved rounds of ``number`` calls."""
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(rounds):
        for name, timer in cases.items():
            best[name] = min(best[name], timer.timeit(number) / number)
    return best


def report(title: str, baseline: str, times: Mapping[str, float], targets: Mapping[str, float]) -> bool:
    """Print each case's time and its ratio to the baseline; True when every ratio meets its target."""
    print(title)
    ok = True
    for name, seconds in times.items():
        ratio = seconds / times[baseline]
        line = f"  {name:<44} {seconds * 1e9:9.1f} ns  {ratio:5.2f}x"
        if name in targets:
            met = ratio <= targets[name]
            ok = ok and met
            line += f"  (target <= {targets[name]:.2f}x: {'met' if met else 'MISSED'})"
        print(line)
    return ok


def structlog_writer(sink: TextIO, processors: Sequence[Processor]) -> FilteringBoundLogger:
    """A structlog logger that writes each line its processors render to ``sink``, with nothing filtered out."""
    log: FilteringBoundLogger = structlog.wrap_logger(
        structlog.WriteLogger(sink),
        processors=list(processors),
        wrapper_class=structlog.make_filtering_bound_logger(logging.NOTSET),
    ).bind()
    return log


def stdlib_writer(
    name: str, handler: logging.Handler, *, logger_filter: logging.Filter | None = None
) -> logging.Logger:
    """The stdlib logger ``name`` with ``handler`` its only handler (and ``logger_filter`` its only filter), at INFO."""
    log = logging.getLogger(name)
    log.handlers[:] = [handler]
    log.filters[:] = [] if logger_filter is None else [logger_filter]
    log.propagate = False
    log.setLevel(logging.INFO)
    return log


def stream_handler(sink: TextIO, formatter: logging.Formatter, audit_filter: logging.Filter | None) -> logging.Handler:
    """A StreamHandler writing to ``sink`` with ``formatter``, and ``audit_filter`` on it when given."""
    handler = logging.StreamHandler(sink)
    handler.setFormatter(formatter)
    if audit_filter is not None:
        handler.addFilter(audit_filter)
    return handler


REQUIRED_AUDIT_FIELDS: dict[str, object] = {
    "audit.event.key": "Interaction.SignIn.Submit",
    "audit.event.name": "Submit sign-in interaction",
    "audit.event.category": "Sign in",
    "audit.event.outcome": "success",
    "audit.record.id": "019ab4f2-6c1d-7000-8566-c21700000000",
    "audit.record.sequence": 0,
}
"""What every sign-in audit record carries, finished: the floors of the pipeline benchmarks."""


def sample_audit_event() -> dict[str, Any]:
    """A sign-in audit event as AuditEventProcessor leaves it: what the OpenTelemetry benchmarks send."""
    return dict(
        AuditEventProcessor()(
            None,
            "info",
            {
                "event": "user signed in",
                "level": "info",
                "audit_event": "Interaction.SignIn.Submit",
                "user_id": "u-1234",
                "session_id": "s-5678",
                "client_address": "203.0.113.9",
            },
        )
    )
