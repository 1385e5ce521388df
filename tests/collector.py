"""A real OpenTelemetry collector (rotel, from PyPI) on 127.0.0.1, for the end-to-end tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit_logging import configure_opentelemetry

if TYPE_CHECKING:
    from collections.abc import Callable

    from audit_logging.otel import OTelHandle

SINK_SCRIPT = Path(__file__).parent / "e2e" / "rotel_sink.py"


def rotel_agent() -> Path:
    """The rotel-agent binary inside the installed rotel wheel."""
    spec = find_spec("rotel")
    assert spec is not None, "rotel is installed by the test extra"
    assert spec.origin is not None
    return Path(spec.origin).parent / "rotel-agent"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def accepting(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@dataclass
class Collector:
    """One rotel process we started; stopped by its pid, and only that one."""

    workdir: Path
    count_only: bool = False  # the sink writes a count per batch instead of every record
    grpc_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def sink(self) -> Path:
        return self.workdir / "received.jsonl"

    @property
    def log(self) -> Path:
        return self.workdir / "rotel.log"

    @property
    def grpc_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.grpc_port}"

    @property
    def http_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def endpoint(self, protocol: str) -> str:
        return self.grpc_endpoint if protocol == "grpc" else self.http_endpoint

    def export_to(self, service: str, protocol: str) -> OTelHandle:
        """Providers of our own (not the global ones) that export to this collector as ``service``, every 100 ms."""
        return configure_opentelemetry(
            service_name=service,
            endpoint=self.endpoint(protocol),
            protocol=protocol,  # type: ignore[arg-type]
            set_global=False,
            schedule_delay_millis=100,
        )

    def start(self, timeout: float = 20.0) -> None:
        """Start rotel on our two ports and wait until both accept connections."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.sink.touch()
        command = [
            str(rotel_agent()),
            "start",
            "--otlp-grpc-endpoint",
            f"127.0.0.1:{self.grpc_port}",
            "--otlp-http-endpoint",
            f"127.0.0.1:{self.http_port}",
            "--exporter",
            "blackhole",
            "--otlp-with-logs-processor",
            str(SINK_SCRIPT),
            "--otlp-with-trace-processor",
            str(SINK_SCRIPT),
            "--pid-file",
            str(self.workdir / "rotel.pid"),
        ]
        environment = {**os.environ, "AUDIT_LOGGING_SINK": str(self.sink)}
        if self.count_only:
            environment["AUDIT_LOGGING_SINK_MODE"] = "count"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
        deadline = time.monotonic() + timeout
        while not (accepting(self.grpc_port) and accepting(self.http_port)):
            if self.process.poll() is not None:
                msg = f"rotel exited with {self.process.returncode}: {self.log.read_text(errors='replace')}"
                raise RuntimeError(msg)
            if time.monotonic() > deadline:
                self.stop()
                msg = f"rotel did not listen within {timeout}s: {self.log.read_text(errors='replace')}"
                raise RuntimeError(msg)
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the rotel we started (by its pid), letting it flush, killing it if it will not go."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def received(self) -> list[dict[str, Any]]:
        """Everything rotel has handed to the sink so far; a processor error fails the test."""
        lines = [json.loads(line) for line in self.sink.read_text(encoding="utf-8").splitlines() if line]
        errors = [line["error"] for line in lines if "error" in line]
        assert not errors, f"the rotel processor failed: {errors}"
        return lines

    def received_count(self) -> int:
        """With ``count_only``: how many log records have arrived."""
        return sum(int(line["count"]) for line in self.received() if "count" in line)

    def wait_for(
        self, predicate: Callable[[list[dict[str, Any]]], bool], timeout: float = 15.0
    ) -> list[dict[str, Any]]:
        """What was received, once ``predicate`` holds for it; fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.received()
            if predicate(lines):
                return lines
            if time.monotonic() > deadline:
                msg = f"the collector did not receive what was expected within {timeout}s; it has: {lines}"
                raise AssertionError(msg)
            time.sleep(0.1)
