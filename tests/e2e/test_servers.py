"""Issue 15, item 4: the examples served by real servers, real HTTP on 127.0.0.1, exported to the real collector.

uvicorn serves the FastAPI example; gunicorn serves the Flask example with two
pre-fork workers (the app, and OpenTelemetry with it, configured in the master
with ``--preload``, then forked). Every request's audit record must arrive at
the collector exactly once; with gunicorn, from both workers, each with its
own process's record ids and its own sequence from 0.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collector import accepting, free_port

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from collector import Collector

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
BIN = Path(sys.executable).parent


class Server:
    """A server process of this test's own, stopped by its pid."""

    def __init__(self, command: list[str], port: int, collector: Collector) -> None:
        self.port = port
        self.service = f"served-{uuid.uuid4().hex[:8]}"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("OTEL_")},
            "OTEL_SERVICE_NAME": self.service,
            "OTEL_EXPORTER_OTLP_ENDPOINT": collector.http_endpoint,
            "OTEL_BLRP_SCHEDULE_DELAY": "100",
            "OTEL_BSP_SCHEDULE_DELAY": "100",
        }
        self.process = subprocess.Popen(
            command, cwd=EXAMPLES, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 30
        while not accepting(port):
            assert self.process.poll() is None, self.process.stderr.read().decode() if self.process.stderr else ""
            assert time.monotonic() < deadline, "the server did not start listening"
            time.sleep(0.1)

    def post(self, path: str, body: bytes, content_type: str, request_id: str) -> int:
        request = urllib.request.Request(  # http on 127.0.0.1 only
            f"http://127.0.0.1:{self.port}{path}",
            data=body,
            headers={"Content-Type": content_type, "X-Request-ID": request_id, "User-Agent": "e2e"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()


@contextlib.contextmanager
def _serve(command: list[str], port: int, collector: Collector) -> Iterator[Server]:
    server = Server(command, port, collector)
    try:
        yield server
    finally:
        server.stop()


def _records(collector: Collector, service: str, count: int) -> list[dict[str, Any]]:
    """The audit log records of ``service`` at the collector, once ``count`` have arrived (and a moment more)."""

    def audit(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [x for x in lines if x["kind"] == "log" and x["resource"].get("service.name") == service]

    collector.wait_for(lambda lines: len(audit(lines)) >= count, timeout=30)
    time.sleep(1.0)  # a duplicate, if there were one, would arrive in the same export or the next
    return audit(collector.received())


def _send(server: Server, requests: list[tuple[str, bytes, str, str]]) -> list[int]:
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda each: server.post(*each), requests))


def _by_request(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        out[record["attributes"]["audit.request_id"]].append(record)
    return out


def _process_of(record_id: str) -> str:
    """The process an id was made in: its random per-process bits (see audit_logging._identity)."""
    return record_id[19:32]


def _sign_ins(count: int, body: Callable[[str], tuple[bytes, str]]) -> list[tuple[str, bytes, str, str]]:
    requests = []
    for number in range(count):
        password = "correct horse" if number % 3 else "wrong"
        data, content_type = body(password)
        requests.append(("/sign-in", data, content_type, f"req-{number}"))
    return requests


def _json_body(password: str) -> tuple[bytes, str]:
    return json.dumps({"username": "alice", "password": password}).encode(), "application/json"


def _form(password: str) -> tuple[bytes, str]:
    return urllib.parse.urlencode(
        {"username": "alice", "password": password}
    ).encode(), "application/x-www-form-urlencoded"


def test_uvicorn_serves_fastapi_and_every_record_arrives_once(collector: Collector) -> None:
    port = free_port()
    command = [
        str(BIN / "uvicorn"),
        "fastapi_app:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    requests = _sign_ins(30, _json_body)
    with _serve(command, port, collector) as server:
        statuses = _send(server, requests)
        records = _records(collector, server.service, len(requests))
    assert statuses == [401 if number % 3 == 0 else 200 for number in range(30)]
    by_request = _by_request(records)
    assert sorted(by_request) == sorted(f"req-{n}" for n in range(30))
    assert all(len(each) == 1 for each in by_request.values())  # once each
    assert {record["event_name"] for record in records} == {"Interaction.SignIn.Submit"}
    outcomes = {key: each[0]["attributes"]["audit.event.outcome"] for key, each in by_request.items()}
    assert outcomes == {f"req-{n}": "failure" if n % 3 == 0 else "success" for n in range(30)}
    assert len({record["attributes"]["audit.record.id"] for record in records}) == 30
    assert all(record["attributes"]["client.address"] == "127.0.0.1" for record in records)
    assert "wrong" not in json.dumps(records)


def test_gunicorn_forks_two_workers_and_each_records_its_own(collector: Collector) -> None:
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "--preload",  # the app and OpenTelemetry configured once, in the master, then forked
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "flask_app:app",
    ]
    sent: list[tuple[str, bytes, str, str]] = []
    with _serve(command, port, collector) as server:
        # Concurrent requests, batch after batch, until both workers have answered some (each sync worker takes
        # one at a time); at most ten batches.
        for batch in range(10):
            requests = [(path, data, kind, f"b{batch}-{rid}") for path, data, kind, rid in _sign_ins(20, _form)]
            statuses = _send(server, requests)
            assert statuses == [401 if number % 3 == 0 else 200 for number in range(20)]
            sent += requests
            records = _records(collector, server.service, len(sent))
            if len({_process_of(record["attributes"]["audit.record.id"]) for record in records}) == 2:
                break
    by_request = _by_request(records)
    assert sorted(by_request) == sorted(request_id for *_, request_id in sent)
    assert all(len(each) == 1 for each in by_request.values())  # once each
    assert len({record["attributes"]["audit.record.id"] for record in records}) == len(sent)
    workers: dict[str, list[int]] = defaultdict(list)
    for record in records:
        workers[_process_of(record["attributes"]["audit.record.id"])].append(
            record["attributes"]["audit.record.sequence"]
        )
    assert len(workers) == 2, "both workers answered"
    for sequences in workers.values():  # each worker's own sequence, from 0, nothing skipped or repeated
        assert sorted(sequences) == list(range(len(sequences)))
