"""Pre-fork servers: configured in the parent, forked, and the child's audit events still arrive."""

from __future__ import annotations

import os
import uuid
from typing import TYPE_CHECKING, Any

import pytest
import structlog

from audit_logging import AuditEventProcessor, OTelAuditProcessor, configure_opentelemetry

if TYPE_CHECKING:
    from collector import Collector


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is a POSIX feature")
# Python 3.12+ warns on fork() with threads running; a pre-fork server does exactly that, as this test does.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_child_events_arrive_after_fork(collector: Collector) -> None:
    """Configure, fork (as gunicorn does), log in the child: the collector gets the child's events."""
    service = f"fork-{uuid.uuid4().hex[:8]}"
    handle = configure_opentelemetry(
        service_name=service, endpoint=collector.http_endpoint, set_global=False, schedule_delay_millis=100
    )
    log = structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[
            AuditEventProcessor(),
            OTelAuditProcessor(handle.logger_provider),
            structlog.processors.JSONRenderer(),
        ],
    )
    log.info("parent", audit_event="Interaction.Create", process="parent")
    pid = os.fork()
    if pid == 0:  # the child: a worker serving requests
        status = 1
        try:
            for number in range(3):
                log.info("child", audit_event="Interaction.SignIn.Submit", process="child", number=number)
            status = 0 if handle.force_flush(10_000) else 2
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    handle.shutdown()

    def mine(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [x for x in lines if x["kind"] == "log" and x["resource"].get("service.name") == service]

    received = mine(collector.wait_for(lambda lines: len(mine(lines)) >= 4))
    by_process = sorted((str(x["attributes"]["process"]), x["attributes"].get("number")) for x in received)
    assert by_process == [("child", 0), ("child", 1), ("child", 2), ("parent", None)]
