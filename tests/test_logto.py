"""Issue 16: Logto's own logs as audit records: the record of one log, and pulls against a test Logto server."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from audit_logging import UnknownEventWarning
from audit_logging.logto import Checkpoint, JsonLinesOutput, LogtoClient, LogtoError, LogtoLog, pull, record_id_of_log
from audit_logging.logto.pull import log_event
from logto_server import APP_ID, APP_SECRET, COUNT_CAP, LogtoServer, log, pull_arguments
from pipeline import AnsweringExporter

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

DAY = 86_400_000
BASE = 1_780_000_000_000  # 2026-05-28, Unix ms
SINCE, UNTIL = "2026-05-28T00:00:00Z", "2026-06-30T00:00:00Z"  # the range of the command-line runs
KEYS = (
    "Interaction.SignIn.Submit",
    "Interaction.SignIn.Verification.PhoneVerificationCode.Submit",  # Logto's own spelling of the SMS step
    "ExchangeTokenBy.RefreshToken",
    "Interaction.Register.Submit",
    "Hook.Test.Unknown",  # a key the catalog lacks
)


_FAILED: dict[str, Any] = {"result": "Error", "error": {"code": "session.not_found", "message": "no session"}}


def _dataset(count: int, dense: int) -> list[dict[str, Any]]:
    """``count`` logs over ten days, ``dense`` of them in one hour (past Logto's count cap when above 10,000)."""
    chosen = random.Random(16)  # noqa: S311 -- test data, not secrets
    logs = []
    for number in range(count):
        at = BASE + DAY + chosen.randrange(3_600_000) if number < dense else BASE + chosen.randrange(10 * DAY)
        logs.append(
            log(
                f"log-{number:06d}",
                KEYS[number % len(KEYS)],
                at,
                userId=f"u-{number % 97}",
                ip="203.0.113.9",
                params={"password": f"pw-{number}", "grant_type": "refresh_token"},
                **(
                    {"result": "Error", "error": {"code": "session.not_found", "message": "no session"}}
                    if number % 11 == 0
                    else {}
                ),
            )
        )
    return logs


@pytest.fixture
def server() -> Iterator[LogtoServer]:
    running = LogtoServer().start()
    yield running
    running.stop()


def _client(server: LogtoServer, **options: Any) -> LogtoClient:  # noqa: ANN401
    return LogtoClient(server.endpoint, APP_ID, APP_SECRET, backoff_max=0.5, **options)


class TestOneLog:
    def test_a_log_becomes_the_record_an_application_would_write(self) -> None:
        entry = LogtoLog.from_json(
            log(
                "log-1",
                "Interaction.SignIn.Verification.PhoneVerificationCode.Submit",
                BASE,
                result="Error",
                error={"code": "verification_code.mismatch", "message": "code mismatch", "data": {"code": "123456"}},
                userId="u-1",
                applicationId="app-1",
                sessionId="s-1",
                ip="203.0.113.9",
                userAgent="Mozilla/5.0",
                params={"verificationCode": "123456", "phone": "+15550100"},
            )
        )
        stream = io.StringIO()
        JsonLinesOutput(stream)([entry])
        (line,) = (json.loads(text) for text in stream.getvalue().splitlines())
        assert line["audit.event.key"] == "Interaction.SignIn.Verification.SmsVerificationCode.Submit"  # documented
        assert line["audit.event.name"] == "Verify sign-in SMS verification code"
        assert line["audit.event.outcome"] == "failure"
        assert (line["error.type"], line["exception.message"]) == ("verification_code.mismatch", "code mismatch")
        assert line["audit.error"]["data"]["code"] == "******"  # nested deeper than the error's own code
        assert (line["user.id"], line["session.id"], line["client.address"]) == ("u-1", "s-1", "203.0.113.9")
        assert (line["audit.application.id"], line["user_agent.original"]) == ("app-1", "Mozilla/5.0")
        assert line["audit.params"]["verificationCode"] == "******"
        assert line["timestamp"] == "2026-05-28T20:26:40.000Z"
        assert line["audit.logto.log_id"] == "log-1"
        assert line["audit.record.id"] == record_id_of_log("log-1") == record_id_of_log("log-1")
        assert line["level"] == "error"

    def test_logtos_spelling_and_an_unknown_key(self) -> None:
        stream = io.StringIO()
        logs = [LogtoLog.from_json(log("a", KEYS[1], BASE)), LogtoLog.from_json(log("b", "Hook.Test.Unknown", BASE))]
        with pytest.warns(UnknownEventWarning, match="Hook.Test.Unknown"):
            JsonLinesOutput(stream, spelling="logto")(logs)
        known, unknown = (json.loads(text) for text in stream.getvalue().splitlines())
        assert known["audit.event.key"] == KEYS[1]
        assert (unknown["audit.event.key"], unknown["audit.event.known"]) == ("Hook.Test.Unknown", False)

    @pytest.mark.parametrize("profile", ["ecs", "ocsf"])
    def test_every_profile(self, profile: str) -> None:
        stream = io.StringIO()
        entry = LogtoLog.from_json(log("log-9", KEYS[0], BASE, userId="u-9"))
        JsonLinesOutput(stream, profile=profile)([entry])
        line = json.loads(stream.getvalue())
        if profile == "ecs":
            assert (line["event"]["action"], line["event"]["id"], line["@timestamp"]) == (
                KEYS[0],
                record_id_of_log("log-9"),
                "2026-05-28T20:26:40.000Z",
            )
        else:
            assert (line["metadata"]["uid"], line["time"], line["user"]["uid"]) == (
                record_id_of_log("log-9"),
                BASE,
                "u-9",
            )

    def test_not_a_log(self) -> None:
        with pytest.raises(LogtoError, match="without a string id"):
            LogtoLog.from_json({"id": 1, "createdAt": "x"})
        assert log_event(LogtoLog("x", "", {}, BASE))[0]["audit_event"] == ""


@pytest.mark.filterwarnings("ignore::audit_logging.UnknownEventWarning")
class TestPull:
    def test_25000_logs_past_the_count_cap_with_writes_and_faults_come_out_once_each(
        self, server: LogtoServer, tmp_path: Path
    ) -> None:
        """The issue's bar: a range with more than 10,000 logs in one hour, written to and failing while pulled."""
        server.add(*_dataset(25_000, 12_000))
        chosen = random.Random(7)  # noqa: S311 -- test data, not secrets
        written: list[dict[str, Any]] = []

        def while_paged(query: dict[str, int]) -> None:
            # A server whose clock is behind writes into the window being read; and new logs arrive at "now".
            if query["page"] == 2 and chosen.random() < 0.5:
                at = chosen.randint(query["start"], query["end"])
                entry = log(f"late-{len(written):04d}", KEYS[0], at)
                written.append(entry)
                server.add(entry, log(f"new-{len(written):04d}", KEYS[0], BASE + 20 * DAY))

        server.on_page = while_paged
        server.fail("/api/logs", 429, 503, 502)
        server.fail("/oidc/token", 503)
        stream = io.StringIO()
        state = Checkpoint(tmp_path / "state.json")
        client = _client(server, timeout=0.5)
        server.slow("/api/logs", 1.0)  # past the client's timeout: retried
        until = BASE + 10 * DAY + 3_600_000
        summary = pull(client, JsonLinesOutput(stream), since_ms=BASE, until_ms=until, checkpoint=state)
        lines = [json.loads(text) for text in stream.getvalue().splitlines()]
        expected = {entry["id"]: entry for entry in server.logs if BASE <= entry["createdAt"] <= until}
        ids = [line["audit.logto.log_id"] for line in lines]
        assert len(ids) == len(set(ids)) == len(expected) == 25_000 + len(written)  # each once, none lost
        assert set(ids) == set(expected)
        assert [line["timestamp"] for line in lines] == sorted(line["timestamp"] for line in lines)  # oldest first
        assert written, "logs were written into windows while they were read"
        assert summary.logs == len(expected)
        by_id = {line["audit.logto.log_id"]: line for line in lines}
        for entry in expected.values():  # record by record
            line = by_id[entry["id"]]
            assert line["audit.record.id"] == record_id_of_log(entry["id"])
            assert line.get("user.id") == entry["payload"].get("userId")
            assert line["audit.event.outcome"] == ("failure" if entry["payload"]["result"] == "Error" else "success")
            if "params" in entry["payload"]:
                assert line["audit.params"]["password"] == "******"
        assert "pw-1" not in stream.getvalue()
        assert max(len([1 for x in ids if x == y]) for y in ids[:10]) == 1
        assert state.load() == until + 1
        dense = [entry for entry in expected.values() if BASE + DAY <= entry["createdAt"] < BASE + DAY + 3_600_000]
        assert len(dense) > COUNT_CAP  # the range holds a window Logto's count is capped in

    def test_an_expired_token_is_renewed_once(self, server: LogtoServer) -> None:
        server.add(*_dataset(300, 0))
        client = _client(server)
        client.token()
        server.expire_tokens()
        stream = io.StringIO()
        pull(client, JsonLinesOutput(stream), since_ms=BASE, until_ms=BASE + 10 * DAY)
        assert len(stream.getvalue().splitlines()) == 300
        assert server.requests.count("/oidc/token") == 2

    def test_a_second_pull_with_the_state_file_starts_where_the_first_stopped(
        self, server: LogtoServer, tmp_path: Path
    ) -> None:
        server.add(*_dataset(500, 0))
        state = Checkpoint(tmp_path / "state.json")
        first, second = io.StringIO(), io.StringIO()
        pull(_client(server), JsonLinesOutput(first), since_ms=BASE, until_ms=BASE + 5 * DAY, checkpoint=state)
        pull(_client(server), JsonLinesOutput(second), since_ms=BASE, until_ms=BASE + 10 * DAY, checkpoint=state)
        ids = [json.loads(text)["audit.logto.log_id"] for text in (first.getvalue() + second.getvalue()).splitlines()]
        assert sorted(ids) == sorted(entry["id"] for entry in server.logs)

    def test_a_state_file_that_is_none(self, tmp_path: Path) -> None:
        (tmp_path / "state.json").write_text("[]", encoding="utf-8")
        with pytest.raises(LogtoError, match="not a pull's state file"):
            Checkpoint(tmp_path / "state.json").load()


@pytest.mark.filterwarnings("ignore::audit_logging.UnknownEventWarning")
class TestCommandLine:
    @staticmethod
    def _run(*args: str, secret: str | None = APP_SECRET) -> subprocess.CompletedProcess[str]:
        env = {"PATH": "/usr/bin:/bin", **({"LOGTO_APP_SECRET": secret} if secret is not None else {})}
        return subprocess.run(
            [sys.executable, "-m", "audit_logging", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            check=False,
        )

    def test_a_pull_on_stdout_and_the_summary_on_stderr(self, server: LogtoServer, tmp_path: Path) -> None:
        server.add(*_dataset(200, 0))
        result = self._run(*pull_arguments(server.endpoint, tmp_path / "s.json", "--since", SINCE, "--until", UNTIL))
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) == 200
        assert result.stderr.startswith(f"pulled 200 log(s) from {server.endpoint}")
        assert APP_SECRET not in result.stdout + result.stderr

    @pytest.mark.parametrize(
        ("case", "message"),
        [
            ("bad secret", "Logto refused a token"),
            ("no secret", "LOGTO_APP_SECRET is not set"),
            ("wrong endpoint", "check --endpoint"),
            ("unreachable", "cannot reach Logto"),
            ("bad time", "not an RFC 3339 time"),
        ],
    )
    def test_failures_are_one_line_and_exit_2(
        self, server: LogtoServer, tmp_path: Path, case: str, message: str
    ) -> None:
        endpoint = {"wrong endpoint": f"{server.endpoint}/nowhere", "unreachable": "http://127.0.0.1:9"}.get(
            case, server.endpoint
        )
        secret = {"bad secret": "wrong-secret-value", "no secret": None}.get(case, APP_SECRET)
        since = "yesterday" if case == "bad time" else "2026-05-28T00:00:00Z"
        result = self._run(*pull_arguments(endpoint, tmp_path / "s.json", "--since", since), secret=secret)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert message in lines[-1]
        assert "Traceback" not in result.stderr
        if case != "bad time":  # argparse's own usage lines come before its error
            assert len(lines) == 1
        for hidden in (APP_SECRET, "wrong-secret-value"):
            assert hidden not in result.stdout + result.stderr


@pytest.mark.filterwarnings("ignore::audit_logging.UnknownEventWarning")
def test_follow_keeps_pulling_and_stops_cleanly_on_interrupt(server: LogtoServer, tmp_path: Path) -> None:
    """--follow: logs written later come out in a later round; Ctrl-C ends it with the summary, exit 0."""
    import os  # noqa: PLC0415
    import signal  # noqa: PLC0415
    import time  # noqa: PLC0415

    now = int(time.time() * 1000)
    server.add(*(log(f"early-{n}", KEYS[0], now - 60_000 + n) for n in range(50)))
    arguments = pull_arguments(
        server.endpoint, tmp_path / "s.json", "--since", "2026-01-01T00:00:00Z", "--follow", "--interval", "0.2"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "audit_logging", *arguments],
        env={**os.environ, "LOGTO_APP_SECRET": APP_SECRET},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        first = _read_lines(process.stdout, 50, timeout=30)
        # Written now, by the server's clock: out once they are older than the pull's lag (5 s), in a later round.
        server.add(*(log(f"later-{n}", KEYS[0], int(time.time() * 1000) + n) for n in range(20)))
        later = _read_lines(process.stdout, 20, timeout=30)
        time.sleep(0.5)  # between rounds, as a person's Ctrl-C would be
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=30)
    stderr = errors.decode()
    assert [json.loads(line)["audit.logto.log_id"] for line in first] == [f"early-{n}" for n in range(50)]
    assert [json.loads(line)["audit.logto.log_id"] for line in later] == [f"later-{n}" for n in range(20)]
    assert process.returncode == 0
    assert stderr.startswith("pulled 70 log(s)")


def _read_lines(stream: Any, count: int, *, timeout: float) -> list[str]:  # noqa: ANN401 -- a pipe
    """``count`` lines from a pipe, failing (instead of waiting for ever) when they are not there in time.

    Read from the file descriptor itself: a buffered reader would hold lines the descriptor no longer signals.
    """
    import os  # noqa: PLC0415
    import selectors  # noqa: PLC0415
    import time  # noqa: PLC0415

    held = _HELD.setdefault(stream.fileno(), bytearray())
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(stream.fileno(), selectors.EVENT_READ)
        while held.count(b"\n") < count:
            left = deadline - time.monotonic()
            assert left > 0, f"fewer than {count} lines within {timeout} s: {bytes(held)!r}"
            if selector.select(left):
                chunk = os.read(stream.fileno(), 65536)
                assert chunk, "the pipe closed"
                held.extend(chunk)
    *lines, rest = bytes(held).split(b"\n", count)
    held[:] = rest
    return [line.decode() for line in lines]


_HELD: dict[int, bytearray] = {}


@pytest.mark.filterwarnings("ignore::audit_logging.UnknownEventWarning")
def test_faults_during_a_run_leave_only_the_summary_on_stderr(server: LogtoServer, tmp_path: Path) -> None:
    """429s and 5xx are retried quietly (urllib3 would warn of each): stderr holds the one summary line."""
    server.add(*_dataset(300, 0))
    server.fail("/api/logs", 429, 503, 500, 502)
    result = TestCommandLine._run(
        *pull_arguments(server.endpoint, tmp_path / "s.json", "--since", SINCE, "--until", UNTIL)
    )
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 300
    (line,) = result.stderr.splitlines()
    assert line.startswith("pulled 300 log(s)")


def test_the_progress_line_is_for_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from audit_logging.logto.pull import PullSummary, terminal_progress  # noqa: PLC0415

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, shown in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr(sys, "stderr", stream)
        terminal_progress(PullSummary(logs=1200, windows=3, requests=14, reached_ms=BASE, seconds=2.0))
        assert (stream.getvalue() == "\r1200 log(s) pulled, up to 2026-05-28T20:26:40.000Z, 600 logs/s ") is shown


class TestClientFailures:
    """Each way Logto can answer wrong is one LogtoError line, never a traceback or the secret."""

    def test_the_resource_follows_the_endpoint(self) -> None:
        from audit_logging.logto import default_resource  # noqa: PLC0415

        assert default_resource("https://abc123.logto.app") == "https://abc123.logto.app/api"
        assert default_resource("https://auth.example.com") == "https://default.logto.app/api"
        assert repr(LogtoClient("https://abc123.logto.app", "a", "s")) == (
            "LogtoClient('https://abc123.logto.app', resource='https://abc123.logto.app/api')"
        )

    @pytest.mark.parametrize(
        ("arguments", "error"),
        [
            (("not a url", "a", "s"), ValueError),
            (("http://127.0.0.1:1", "", "s"), ValueError),
            (("http://x", "a", 1), TypeError),
        ],
    )
    def test_options_are_checked(self, arguments: tuple[Any, ...], error: type[Exception]) -> None:
        with pytest.raises(error):
            LogtoClient(*arguments)

    @pytest.mark.parametrize(
        ("path", "body", "message"),
        [
            ("/oidc/token", b"not json", "is not JSON"),
            ("/oidc/token", b'{"token_type": "Bearer"}', "without an access_token"),
            ("/api/logs", b'{"not": "a list"}', "something other than a list"),
            ("/api/logs", b"[1]", "not an object"),
        ],
    )
    def test_answers_that_are_not_logtos(self, server: LogtoServer, path: str, body: bytes, message: str) -> None:
        server.raw[path].append(body)
        with pytest.raises(LogtoError, match=message):
            _client(server).page(BASE, BASE + DAY, 1)

    def test_a_failure_that_lasts_past_the_retries(self, server: LogtoServer) -> None:
        server.fail("/api/logs", *[500] * 10)
        with pytest.raises(LogtoError, match="answered GET /api/logs with HTTP 500"):
            _client(server, retries=2).page(BASE, BASE + DAY, 1)

    def test_otlp_output_that_the_exporter_refuses_stops_before_the_checkpoint(self) -> None:
        from opentelemetry.sdk._logs import LoggerProvider  # noqa: PLC0415
        from opentelemetry.sdk._logs.export import LogRecordExportResult  # noqa: PLC0415
        from opentelemetry.sdk.trace import TracerProvider  # noqa: PLC0415

        from audit_logging.delivery import DeliveryProcessor  # noqa: PLC0415
        from audit_logging.logto import OtlpOutput  # noqa: PLC0415
        from audit_logging.otel import OTelHandle  # noqa: PLC0415

        processor = DeliveryProcessor(AnsweringExporter(LogRecordExportResult.FAILURE))
        provider = LoggerProvider()
        provider.add_log_record_processor(processor)  # type: ignore[arg-type]
        handle = OTelHandle(provider, TracerProvider(), processor)
        with pytest.raises(LogtoError, match="the collector did not take 1 of the 1 record"):
            OtlpOutput(handle)([LogtoLog.from_json(log("log-1", KEYS[0], BASE))])
        handle.shutdown()


@pytest.mark.filterwarnings("ignore::audit_logging.UnknownEventWarning")
class TestCommandInProcess:
    """The command's own checks, run in this process (the subprocess runs above are not measured for coverage)."""

    def test_a_pull_and_its_summary(
        self, server: LogtoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from audit_logging.cli import main  # noqa: PLC0415

        server.add(*_dataset(120, 0))
        monkeypatch.setenv("LOGTO_APP_SECRET", APP_SECRET)
        status = main(
            pull_arguments(
                server.endpoint, tmp_path / "s.json", "--since", SINCE, "--until", "2026-06-30T00:00:00+00:00",
                "--profile", "ecs",
            )
        )  # fmt: skip
        out, err = capsys.readouterr()
        assert status == 0
        assert len(out.splitlines()) == 120
        assert "ecs.version" in json.loads(out.splitlines()[0])
        assert err.startswith("pulled 120 log(s)")

    @pytest.mark.parametrize(
        ("extra", "secret", "message"),
        [
            (["--interval", "0"], APP_SECRET, "--interval must be more than 0"),
            ([], None, "LOGTO_APP_SECRET is not set"),
            (["--since", "2026-05-28T00:00:00"], APP_SECRET, "needs its offset"),
        ],
    )
    def test_usage_errors(  # noqa: PLR0913, PLR0917 -- the case and the fixtures
        self,
        server: LogtoServer,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        extra: list[str],
        secret: str | None,
        message: str,
    ) -> None:
        from audit_logging.cli import main  # noqa: PLC0415

        if secret is None:
            monkeypatch.delenv("LOGTO_APP_SECRET", raising=False)
        else:
            monkeypatch.setenv("LOGTO_APP_SECRET", secret)
        try:
            status = main(pull_arguments(server.endpoint, tmp_path / "s", *extra))
        except SystemExit as exit_:  # argparse's own exit for a bad argument
            status = int(exit_.code or 0)
        assert status == 2
        assert message in capsys.readouterr().err

    def test_a_refused_token_in_process(
        self, server: LogtoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from audit_logging.cli import main  # noqa: PLC0415

        monkeypatch.setenv("LOGTO_APP_SECRET", "wrong-secret-value")
        status = main(pull_arguments(server.endpoint, tmp_path / "s"))
        err = capsys.readouterr().err
        assert status == 2
        refused = f"Logto refused a token at {server.endpoint}/oidc/token: HTTP 401 (check --app-id and the secret)"
        assert err == f"audit-logging: {refused}\n"
