"""A process killed with SIGKILL while exporting loses nothing: the spool is replayed into the collector."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest

from audit_logging.spool import Spool

if TYPE_CHECKING:
    from pathlib import Path

    from collector import Collector

# Three full batches of 100, which the batch processor exports as each fills, and 50 more that wait for the
# schedule (30 s): so the kill always finds records only in memory, however fast the exports of the rest went.
RECORDS = 350
CHILD = """
import sys, time
import structlog
from audit_logging import AuditEventProcessor, OTelAuditProcessor, configure_opentelemetry
from audit_logging.spool import Spool

spool_dir, endpoint, service = sys.argv[1:4]
handle = configure_opentelemetry(
    service_name=service, endpoint=endpoint, set_global=False,
    schedule_delay_millis=30000, max_export_batch_size=100, spool=Spool(spool_dir, fsync="always"),
)
log = structlog.wrap_logger(
    structlog.ReturnLogger(),
    processors=[AuditEventProcessor(), OTelAuditProcessor(handle.logger_provider, span_events=False), lambda *a: ""],
)
for number in range({records}):
    log.info("signed in", audit_event="Interaction.SignIn.Submit", number=number)
print("emitted", flush=True)
time.sleep(120)  # killed long before this ends
"""


def _received_ids(collector: Collector, service: str) -> list[str]:
    return [
        str(line["attributes"]["audit.record.id"])
        for line in collector.received()
        if line["kind"] == "log" and line["resource"].get("service.name") == service
    ]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
def test_sigkill_then_replay_delivers_every_record(collector: Collector, tmp_path: Path) -> None:
    """Every emitted record reaches the collector at least once; duplicates share an id and are identical."""
    service = f"spool-{uuid.uuid4().hex[:8]}"
    spool_dir = tmp_path / "spool"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    with subprocess.Popen(
        [sys.executable, "-c", CHILD.format(records=RECORDS), str(spool_dir), collector.http_endpoint, service],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "emitted"
        child.send_signal(signal.SIGKILL)  # in the middle of exporting: the last batch is still queued
        child.wait()
    spooled = [record.record_id for path in Spool(spool_dir).files() for record in Spool(spool_dir).records(path)]
    assert len(spooled) == RECORDS
    before = _received_ids(collector, service)

    replay = subprocess.run(
        [sys.executable, "-m", "audit_logging", "replay", str(spool_dir), "--endpoint", collector.http_endpoint],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=120,
    )
    after = _received_ids(collector, service)
    counts = Counter(after)
    print(  # noqa: T201 -- the figures of the run
        f"\nspool test: {RECORDS} emitted, {len(set(before))} received before the kill, "
        f"{replay.stdout.strip()}; {len(set(after))} distinct after, {sum(c - 1 for c in counts.values())} duplicates"
    )
    assert len(set(before)) < RECORDS  # the kill did lose records from memory
    assert set(after) == set(spooled)  # every record at least once
    duplicated = {record_id for record_id, count in counts.items() if count > 1}
    lines = [
        line
        for line in collector.received()
        if line["kind"] == "log" and line["attributes"].get("audit.record.id") in duplicated
    ]
    by_id: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        by_id.setdefault(line["attributes"]["audit.record.id"], []).append(line["attributes"])
    for copies in by_id.values():
        assert all(json.dumps(c, sort_keys=True) == json.dumps(copies[0], sort_keys=True) for c in copies)
    assert Spool(spool_dir).unacknowledged() == []
