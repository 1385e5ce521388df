"""The cost of AuditEventProcessor in a typical structlog pipeline, as ratios measured in one run.

Claim (issue 13, replacing issue 3's 1.10x): the pipeline ``[merge_contextvars,
add_log_level, TimeStamper(fmt="iso"), AuditEventProcessor(), JSONRenderer()]``
costs at most 1.30x the same pipeline without the audit processor for audit
events, and at most 1.03x for events that are not audit events. Both pipelines write to
os.devnull through structlog's WriteLogger, with the same bound context (a
user and a session bound with structlog.contextvars, as a web request would).

Two floors are printed beside them: the fixed audit fields added and nothing
else (the longer line alone), and that plus the two things every record must
have made for it, a fresh record id and a check that no value carries a
control character or a credential's shape in its text: what no implementation of this processor avoids.

Since issue 14 a line that is no audit record is redacted and bounded as a
record is, so the non-audit case prints its floor too: the set of names
looked up once and the values checked once (the processor's own check, the
cheapest we have found), and nothing else.
"""

from __future__ import annotations

import os
import sys
import timeit
from functools import partial
from typing import TYPE_CHECKING, TextIO

import structlog
from _harness import REQUIRED_AUDIT_FIELDS, best_times, report, structlog_writer
from structlog.contextvars import bind_contextvars, merge_contextvars

from audit_logging import AuditEventProcessor
from audit_logging._identity import RECORD_ID, RECORD_SEQUENCE, next_identity
from audit_logging.record import _safe_values
from audit_logging.redaction import UNSAFE, has_free_text_hint

if TYPE_CHECKING:
    from structlog.typing import EventDict, FilteringBoundLogger, Processor, WrappedLogger

NUMBER = 20_000
ROUNDS = 15
TARGETS = {"audit event": 1.30, "non-audit event": 1.03}


def _floor(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    if event_dict.pop("audit_event", None) is not None:
        event_dict.update(REQUIRED_AUDIT_FIELDS)
    return event_dict


def _floor_with_identity(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    """The floor, and the two things every record must have made for it: its id and a check of its values.

    The check is the rule's: no control character, no text of a credential's shape (issue 14).
    """
    if event_dict.pop("audit_event", None) is not None:
        # The call's values are all text here: one join and one scan of each kind, as the processor checks them.
        joined = "".join(event_dict.values())
        if (not joined.isprintable() and UNSAFE.search(joined) is not None) or has_free_text_hint(joined):
            raise AssertionError
        event_dict.update(REQUIRED_AUDIT_FIELDS)
        event_dict[RECORD_ID], event_dict[RECORD_SEQUENCE] = next_identity()
    return event_dict


_SEEN_NAMES: dict[tuple[str, ...], bool] = {}


def _floor_checked(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    """What any line must have done now (issue 14): its names looked up once per set, its values checked once."""
    names = tuple(event_dict)
    if _SEEN_NAMES.get(names) is None:
        _SEEN_NAMES[names] = True
    if not _safe_values(event_dict.values(), 8192):
        raise AssertionError
    return event_dict


def _logger(audit: Processor | None, sink: TextIO) -> FilteringBoundLogger:
    processors: list[Processor] = [
        merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
    ]
    if audit is not None:
        processors.append(audit)
    processors.append(structlog.processors.JSONRenderer())
    return structlog_writer(sink, processors)


def _audit_call(log: FilteringBoundLogger) -> None:
    log.info("user signed in", audit_event="Interaction.SignIn.Submit", client_address="203.0.113.9")


def _plain_call(log: FilteringBoundLogger) -> None:
    log.info("request handled", path="/api/health", status=200)


def main() -> int:
    """Run the benchmark, print the ratios; exit status 1 when a target is missed."""
    bind_contextvars(user_id="u-1234", session_id="s-5678")
    ok = True
    with open(os.devnull, "w") as sink:  # noqa: PTH123 -- a text file for WriteLogger
        plain, floor = _logger(None, sink), _logger(_floor, sink)
        floor_identity = _logger(_floor_with_identity, sink)
        floor_checked = _logger(_floor_checked, sink)
        audited = _logger(AuditEventProcessor(), sink)
        calls = {"audit event": _audit_call, "non-audit event": _plain_call}
        for label, call in calls.items():
            baseline = f"{label}: without AuditEventProcessor"
            candidate = f"{label}: with AuditEventProcessor"
            cases = {
                baseline: timeit.Timer(partial(call, plain)),
                candidate: timeit.Timer(partial(call, audited)),
            }
            if label == "audit event":
                cases[f"{label}: floor (fixed fields only)"] = timeit.Timer(partial(call, floor))
                cases[f"{label}: floor + record id + value check"] = timeit.Timer(partial(call, floor_identity))
            else:
                cases[f"{label}: floor (names looked up, values checked)"] = timeit.Timer(partial(call, floor_checked))
            times = best_times(cases, number=NUMBER, rounds=ROUNDS)
            ok = report(f"structlog pipeline, {label}", baseline, times, {candidate: TARGETS[label]}) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
