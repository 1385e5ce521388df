"""The audit-logging command, run in-process through main() and as real processes."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from audit_logging import iter_events
from audit_logging.cli import WIDTH, main
from spec import page_rows

PHONE_KEY = "Interaction.SignIn.Verification.PhoneVerificationCode.Submit"
SMS_KEY = "Interaction.SignIn.Verification.SmsVerificationCode.Submit"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


class TestEvents:
    def test_json_is_the_80_documented_events_exactly(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json prints the page's events with exact keys, names and categories."""
        status, out, _ = run(capsys, "events", "--format", "json")
        assert status == 0
        events = json.loads(out)
        assert [(e["key"], e["name"], e["category"]) for e in events] == [
            (row.key, row.name, row.category) for row in page_rows()
        ]
        assert set(events[0]) >= {"key", "name", "category", "logto_key", "documented", "deprecated"}
        assert all(e["documented"] is True for e in events)

    def test_all_adds_the_undocumented_events_flagged(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--all appends Logto's undocumented keys with documented: false."""
        _, out, _ = run(capsys, "events", "--all", "--format", "json")
        events = json.loads(out)
        assert len(events) == len(list(iter_events(include_undocumented=True)))
        undocumented = [e for e in events if not e["documented"]]
        assert len(undocumented) == 59
        assert {"RevokeToken", "ExchangeTokenBy.DeviceCode", "TrustedDevice.Used"} <= {e["key"] for e in undocumented}

    def test_category_filter_accepts_title_or_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--category takes 'Sign in', 'sign in' or SIGN_IN."""
        outputs = {
            run(capsys, "events", "--category", text, "--format", "json")[1]
            for text in ("Sign in", "sign in", "SIGN_IN")
        }
        assert len(outputs) == 1
        assert {e["category"] for e in json.loads(outputs.pop())} == {"Sign in"}

    def test_unknown_category_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A bad --category exits 2 and lists the categories."""
        with pytest.raises(SystemExit) as exit_info:
            main(["events", "--category", "Signin"])
        assert exit_info.value.code == 2
        assert "unknown category 'Signin'; choose from 'Exchange token'" in capsys.readouterr().err

    @pytest.mark.parametrize("flags", [(), ("--all",)])
    def test_table_fits_80_columns_and_lists_every_key(
        self, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...]
    ) -> None:
        """The default table never exceeds 80 columns, and every key and name is in it whole."""
        _, out, _ = run(capsys, "events", *flags)
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= WIDTH
        stripped = {line.strip() for line in lines}
        for event in iter_events(include_undocumented=bool(flags)):
            assert event.key in stripped
            assert any(line.startswith(event.name) for line in stripped)

    def test_table_shows_logtos_spelling_and_flags(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Where Logto spells a key otherwise the table says so; undocumented and deprecated are flagged."""
        _, out, _ = run(capsys, "events", "--all")
        assert f"    logto: {PHONE_KEY}\n" in out
        assert "    Revoke token [undocumented]\n" in out
        assert "    Create and send sign-in verification code [deprecated]\n" in out
        assert out.count("\nSign in (") == 1
        assert "Sign in (25)\n" in run(capsys, "events")[1]

    def test_csv_has_a_header_and_a_row_per_event(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format csv parses back to the catalog."""
        _, out, _ = run(capsys, "events", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [row["key"] for row in rows] == [row.key for row in page_rows()]
        assert rows[0]["documented"] == "true"
        assert rows[0]["deprecated"] == "false"

    def test_markdown_is_a_table_with_a_row_per_event(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format markdown prints a header, a separator and one row per event."""
        _, out, _ = run(capsys, "events", "--format", "markdown")
        lines = out.splitlines()
        assert lines[0].startswith("| Key | Name | Category |")
        assert lines[1] == "|---|---|---|---|---|---|"
        assert len(lines) == 2 + 80
        assert (
            lines[2]
            == "| `ExchangeTokenBy.AuthorizationCode` | Exchange token by Code | Exchange token |  | yes | no |"
        )


class TestShow:
    def test_logto_spelling_resolves_to_the_documented_event_showing_both(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """show with Logto's spelling prints the documented event and both spellings."""
        status, out, _ = run(capsys, "show", PHONE_KEY)
        assert status == 0
        assert out.splitlines()[0] == SMS_KEY
        assert f"documented key:   {SMS_KEY}" in out
        assert f"Logto's spelling: {PHONE_KEY}" in out
        assert "name:             Verify sign-in SMS verification code" in out
        assert "category:         Sign in" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show --format json prints one object with both spellings and the key's parts."""
        _, out, _ = run(capsys, "show", PHONE_KEY, "--format", "json")
        data = json.loads(out)
        assert data["key"] == SMS_KEY
        assert data["logto_key"] == PHONE_KEY
        assert (data["flow"], data["step"], data["method"], data["action"]) == (
            "SignIn",
            "Verification",
            "SmsVerificationCode",
            "Submit",
        )

    def test_undocumented_event(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An undocumented event says so and labels its key plainly."""
        _, out, _ = run(capsys, "show", "RevokeToken")
        assert "documented:       no" in out
        assert "  key:              RevokeToken" in out

    def test_unknown_key_exits_2_with_suggestions(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A typo exits 2, prints nothing on stdout and suggests the right key on stderr."""
        status, out, err = run(capsys, "show", "Interaction.SignIn.Sbmit")
        assert status == 2
        assert out == ""
        assert "did you mean 'Interaction.SignIn.Submit'" in err


def _console_script() -> str:
    found = shutil.which("audit-logging", path=str(Path(sys.executable).parent))
    assert found, "the audit-logging console script is installed next to the interpreter"
    return found


class TestAsProcesses:
    def test_python_dash_m_events_json(self) -> None:
        """`python -m audit_logging events --format json` works as a real process."""
        result = subprocess.run(
            [sys.executable, "-m", "audit_logging", "events", "--format", "json"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert len(json.loads(result.stdout)) == 80

    def test_console_script_show_and_typo(self) -> None:
        """The audit-logging script resolves Logto's spelling and exits 2 on a typo."""
        script = _console_script()
        shown = subprocess.run([script, "show", PHONE_KEY], capture_output=True, text=True, check=True)
        assert shown.stdout.startswith(SMS_KEY + "\n")
        typo = subprocess.run([script, "show", "Interaction.SignIn.Sbmit"], capture_output=True, text=True, check=False)
        assert typo.returncode == 2
        assert "Interaction.SignIn.Submit" in typo.stderr

    def test_version(self) -> None:
        """--version prints the installed distribution's version."""
        result = subprocess.run([_console_script(), "--version"], capture_output=True, text=True, check=True)
        assert result.stdout.startswith("audit-logging 0.")

    def test_closed_pipe_is_quiet(self) -> None:
        """A reader that has gone away (| head) gets exit status 2 (output unwritten; 1 is a finding), no traceback."""
        status, err = into_a_closed_pipe("events", "--all", "--format", "json")
        assert b"Traceback" not in err
        assert err == b""
        assert status == 2


def into_a_closed_pipe(*arguments: str) -> tuple[int, bytes]:
    """Run the command line with its stdout a pipe nobody reads: its exit status and what it wrote to stderr."""
    with subprocess.Popen(
        [sys.executable, "-m", "audit_logging", *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        # Closed before the interpreter has even started, so its first write fails.
        process.stdout.close()
        err = process.stderr.read()
        return process.wait(), err


class TestExitStatus:
    """Issue 14, item 8: 0 success, 1 a finding, 2 usage, unreadable input or unwritable output; no traceback."""

    @pytest.mark.parametrize("command", [["events"], ["demo"]])
    def test_a_full_disk(self, command: list[str]) -> None:
        with open("/dev/full", "w") as full:  # noqa: PTH123 -- a device, for its ENOSPC on every write
            result = subprocess.run(
                [sys.executable, "-m", "audit_logging", *command], stdout=full, stderr=subprocess.PIPE, check=False
            )
        assert result.returncode == 2
        assert b"Traceback" not in result.stderr
        assert b"No space left on device" in result.stderr

    def test_the_demo_into_a_closed_pipe(self) -> None:
        status, err = into_a_closed_pipe("demo")
        assert status == 2
        assert b"Traceback" not in err

    @pytest.mark.parametrize("content", [b"\xff\xfe\x00binary", "caf\xe9\n".encode("latin-1")])
    def test_verify_on_a_file_that_is_not_utf8(
        self, tmp_path: Path, content: bytes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "audit.jsonl"
        path.write_bytes(content)
        monkeypatch.setenv("AUDIT_KEY", "k")
        assert main(["verify", str(path), "--key-env", "AUDIT_KEY"]) == 2
        assert "cannot read the log as UTF-8 text" in capsys.readouterr().err

    def test_verify_on_a_directory(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("AUDIT_KEY", "k")
        assert main(["verify", str(tmp_path), "--key-env", "AUDIT_KEY"]) == 2
        assert "a directory, not a log file" in capsys.readouterr().err

    def test_replay_on_a_directory_that_is_no_spool(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["replay", str(tmp_path), "--endpoint", "http://127.0.0.1:9"]) == 2
        assert "is not a spool" in capsys.readouterr().err

    @pytest.mark.parametrize(
        ("name", "text"),
        [("spool-00000001.jsonl", '{"id": "r1", "event_name": "x"}\n'), ("resource.json", "[1, 2]")],
    )
    def test_replay_on_a_corrupt_spool(
        self, tmp_path: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["replay", str(tmp_path), "--endpoint", "http://127.0.0.1:9"]) == 2
        assert "is unreadable" in capsys.readouterr().err

    def test_the_help_says_what_each_status_means(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit):
            main(["--help"])
        out = " ".join(capsys.readouterr().out.split())
        assert "exit status: 0 success; 1 a finding" in out
        assert "2 a usage error, unreadable input, or output that cannot be written" in out
