"""Issue 16, end to end: ``audit-logging logto pull`` killed and resumed, and pulled into the real collector."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from typing import TYPE_CHECKING, Any

import pytest

from audit_logging.logto import record_id_of_log
from logto_server import APP_SECRET, LogtoServer, log, pull_arguments

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from collector import Collector

BASE = 1_780_000_000_000
DAY = 86_400_000
SINCE, UNTIL = "2026-05-28T00:00:00Z", "2026-06-30T00:00:00Z"
KEYS = ("Interaction.SignIn.Submit", "Interaction.SignIn.Verification.PhoneVerificationCode.Submit")


@pytest.fixture
def server() -> Iterator[LogtoServer]:
    chosen = random.Random(21)  # noqa: S311 -- test data, not secrets
    logs = [
        log(f"log-{n:05d}", KEYS[n % 2], BASE + chosen.randrange(20 * DAY), userId=f"u-{n % 50}") for n in range(6000)
    ]
    running = LogtoServer(logs).start()
    yield running
    running.stop()


def _pull(server: LogtoServer, state: Path, *extra: str, **env: str) -> subprocess.Popen[bytes]:
    arguments = pull_arguments(server.endpoint, state, "--since", SINCE, "--until", UNTIL, *extra)
    command = [sys.executable, "-m", "audit_logging", *arguments]
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}, "LOGTO_APP_SECRET": APP_SECRET}
    return subprocess.Popen(command, env={**environment, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _lines(output: bytes) -> list[dict[str, Any]]:
    """The whole lines of a run's output: a run killed mid-line leaves part of one at the end."""
    text = output.decode()
    whole = text if text.endswith("\n") else text.rsplit("\n", 1)[0]
    return [json.loads(line) for line in whole.splitlines()]


@pytest.mark.filterwarnings("ignore::audit_logging.UnknownEventWarning")
def test_twenty_kills_and_resumes_lose_nothing(server: LogtoServer, tmp_path: Path) -> None:
    """SIGKILL at random moments, 20 rounds, then a run to the end: every log out, repeats only with the same id."""
    state = tmp_path / "state.json"
    chosen = random.Random(5)  # noqa: S311 -- when to kill, not a secret
    out: list[dict[str, Any]] = []
    kills = cut_short = 0
    while kills < 20:
        process = _pull(server, state)
        time.sleep(chosen.uniform(0.3, 1.5))
        killed = process.poll() is None
        if killed:
            process.send_signal(signal.SIGKILL)
            kills += 1
        stdout, _ = process.communicate(timeout=60)
        out += _lines(stdout)
        cut_short += killed and bool(stdout)
        if process.returncode == 0:  # it finished before the kill: start over, the state file says where
            state.unlink()
    final = _pull(server, state)
    stdout, stderr = final.communicate(timeout=120)
    assert final.returncode == 0, stderr.decode()
    out += _lines(stdout)
    ids = [line["audit.logto.log_id"] for line in out]
    assert set(ids) == {entry["id"] for entry in server.logs}  # none lost
    for line in out:  # a log out twice (in flight at a kill) is the same record
        assert line["audit.record.id"] == record_id_of_log(line["audit.logto.log_id"])
    assert len(ids) < 2 * len(server.logs)  # repeats are the windows in flight, not whole runs
    assert cut_short >= 5, "killed in the middle of a pull, not only before it began"


@pytest.mark.filterwarnings("ignore::audit_logging.UnknownEventWarning")
def test_otlp_output_reaches_the_collector_with_the_logs_own_time(
    server: LogtoServer, tmp_path: Path, collector: Collector
) -> None:
    service = f"logto-pull-{uuid.uuid4().hex[:8]}"
    process = _pull(
        server,
        tmp_path / "state.json",
        "--output",
        "otlp",
        OTEL_SERVICE_NAME=service,
        OTEL_EXPORTER_OTLP_ENDPOINT=collector.http_endpoint,
    )
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    assert stderr.decode().startswith("pulled 6000 log(s)")

    def audit(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [x for x in lines if x["kind"] == "log" and x["resource"].get("service.name") == service]

    received = audit(collector.wait_for(lambda lines: len(audit(lines)) >= len(server.logs), timeout=60))
    by_id = {entry["id"]: entry for entry in server.logs}
    assert len(received) == len(server.logs)
    documented = "Interaction.SignIn.Verification.SmsVerificationCode.Submit"
    for record in received:
        entry = by_id[record["attributes"]["audit.logto.log_id"]]
        assert record["time_unix_nano"] == entry["createdAt"] * 1_000_000  # the log's own time
        assert record["event_name"] == (KEYS[0] if entry["key"] == KEYS[0] else documented)  # the canonical key
        assert record["attributes"]["user.id"] == entry["payload"]["userId"]
        assert record["attributes"]["audit.record.id"] == record_id_of_log(entry["id"])
