"""Tamper evidence: the HMAC chain, and `audit-logging verify` finding each kind of tampering."""

from __future__ import annotations

import json
import logging
import logging.handlers
from typing import TYPE_CHECKING

import pytest
import structlog

from audit_logging import AuditEventProcessor, AuditJsonFormatter, AuditLogFilter, AuditLoggingWarning
from audit_logging.chain import SEQ, ChainedJSONRenderer, HmacChain, verify
from audit_logging.cli import main
from loggers import logger_to

if TYPE_CHECKING:
    from pathlib import Path

KEY = b"a key kept out of the log"


def write_chained(path: Path, count: int, chain: HmacChain | None = None) -> list[str]:
    """Log ``count`` audit events through structlog into a chained JSONL file; return its lines."""
    with path.open("a", encoding="utf-8") as sink:
        log = structlog.wrap_logger(
            structlog.WriteLogger(sink),
            processors=[AuditEventProcessor(), ChainedJSONRenderer(chain or HmacChain(KEY))],
        )
        for number in range(count):
            log.info("signed in", audit_event="Interaction.SignIn.Submit", user_id=f"u-{number}")
    return path.read_text(encoding="utf-8").splitlines()


def rewrite(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


class TestChain:
    def test_an_untouched_log_verifies(self, tmp_path: Path) -> None:
        """Every line carries seq, prev and mac; the whole log verifies."""
        lines = write_chained(tmp_path / "audit.jsonl", 5)
        records = [json.loads(line) for line in lines]
        assert [r["audit.chain.seq"] for r in records] == [0, 1, 2, 3, 4]
        assert records[0]["audit.chain.prev"] == "0" * 64
        assert records[1]["audit.chain.prev"] == records[0]["audit.chain.mac"]
        assert verify([tmp_path / "audit.jsonl"], KEY) == (5, None)

    def test_a_modified_record(self, tmp_path: Path) -> None:
        """Changing one value is found at that line."""
        path = tmp_path / "audit.jsonl"
        lines = write_chained(path, 5)
        lines[2] = lines[2].replace("u-2", "u-9")
        rewrite(path, lines)
        checked, problem = verify([path], KEY)
        assert problem is not None
        assert (checked, problem.line, problem.kind) == (2, 3, "modified")

    def test_a_deleted_record(self, tmp_path: Path) -> None:
        """Removing a line is found where the gap is."""
        path = tmp_path / "audit.jsonl"
        lines = write_chained(path, 5)
        del lines[1]
        rewrite(path, lines)
        _, problem = verify([path], KEY)
        assert problem is not None
        assert (problem.line, problem.kind) == (2, "deleted")
        assert "1 record(s) missing" in problem.detail

    def test_an_inserted_record(self, tmp_path: Path) -> None:
        """A replayed copy of a real line is found as an insertion; a forged line as a bad MAC."""
        path = tmp_path / "audit.jsonl"
        lines = write_chained(path, 5)
        rewrite(path, [*lines[:3], lines[1], *lines[3:]])
        _, problem = verify([path], KEY)
        assert problem is not None
        assert (problem.line, problem.kind) == (4, "inserted")
        forged = json.loads(lines[2])
        forged["user.id"] = "intruder"
        rewrite(path, [*lines[:3], json.dumps(forged), *lines[3:]])
        _, problem = verify([path], KEY)
        assert problem is not None
        assert (problem.line, problem.kind) == (4, "modified")

    def test_reordered_records(self, tmp_path: Path) -> None:
        """Two swapped lines are found as a reordering, not a loss."""
        path = tmp_path / "audit.jsonl"
        lines = write_chained(path, 5)
        lines[1], lines[2] = lines[2], lines[1]
        rewrite(path, lines)
        _, problem = verify([path], KEY)
        assert problem is not None
        assert (problem.line, problem.kind) == (2, "reordered")

    def test_the_wrong_key_fails_everything(self, tmp_path: Path) -> None:
        """Without the key nothing verifies (and so nothing can be forged)."""
        path = tmp_path / "audit.jsonl"
        write_chained(path, 2)
        _, problem = verify([path], b"another key")
        assert problem is not None
        assert problem.kind == "modified"

    def test_resume_continues_the_chain_after_a_restart(self, tmp_path: Path) -> None:
        """A new process resuming from the file keeps one unbroken chain."""
        path = tmp_path / "audit.jsonl"
        write_chained(path, 3)
        write_chained(path, 2, HmacChain(KEY, resume=path))
        assert verify([path], KEY) == (5, None)

    def test_garbage_line(self, tmp_path: Path) -> None:
        """A line that is not a sealed record is reported as unreadable."""
        path = tmp_path / "audit.jsonl"
        lines = write_chained(path, 2)
        rewrite(path, [lines[0], "not json", lines[1]])
        _, problem = verify([path], KEY)
        assert problem is not None
        assert (problem.line, problem.kind) == (2, "unreadable")

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            ({}, ValueError, "`key` is required"),
            ({"key": b"k", "key_env": "X"}, ValueError, "give `key` or `key_env`, not both"),
            ({"key_env": "AUDIT_LOGGING_SURELY_UNSET"}, ValueError, "AUDIT_LOGGING_SURELY_UNSET is not set"),
            ({"key": 5}, TypeError, "`key` must be bytes, str or None"),
        ],
    )
    def test_key_options(self, kwargs: dict[str, object], error: type[Exception], message: str) -> None:
        """The key comes from configuration or an environment variable, and must be there."""
        with pytest.raises(error, match=message):
            HmacChain(**kwargs)  # type: ignore[arg-type]

    def test_key_from_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """key_env names the variable holding the key."""
        monkeypatch.setenv("AUDIT_CHAIN_KEY", KEY.decode())
        chain = HmacChain(key_env="AUDIT_CHAIN_KEY")
        assert chain.seal({"a": 1})["audit.chain.seq"] == 0
        assert repr(chain) == "HmacChain(next=1)"
        with pytest.raises(TypeError, match="`chain` must be an HmacChain"):
            ChainedJSONRenderer(object())  # type: ignore[arg-type]


class TestRotatedStdlib:
    def _log_rotating(self, directory: Path, count: int) -> list[Path]:
        path = directory / "audit.log"
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1500, backupCount=20, encoding="utf-8")
        handler.addFilter(AuditLogFilter())
        handler.setFormatter(AuditJsonFormatter(chain=HmacChain(KEY)))
        logger = logger_to(f"chain.{directory.name}", handler)
        for number in range(count):
            logger.info(
                "token issued", extra={"audit_event": "ExchangeTokenBy.RefreshToken", "grant_id": f"g-{number}"}
            )
        handler.close()
        return sorted(directory.glob("audit.log*"))

    def test_a_rotated_file_set_verifies_in_any_order(self, tmp_path: Path) -> None:
        """The chain runs across rotated files; verify puts them in chain order itself."""
        files = self._log_rotating(tmp_path, 30)
        assert len(files) > 3
        assert verify(files, KEY) == (30, None)
        assert verify(list(reversed(files)), KEY) == (30, None)

    def test_a_missing_middle_file_is_a_deletion(self, tmp_path: Path) -> None:
        """Dropping one rotated file from the set is found as deleted records."""
        files = self._log_rotating(tmp_path, 30)
        by_start = sorted(files, key=lambda f: json.loads(f.read_text().splitlines()[0])["audit.chain.seq"])
        _, problem = verify([f for f in by_start if f != by_start[1]], KEY)
        assert problem is not None
        assert problem.kind == "deleted"


class TestVerifyCommand:
    def test_ok_and_tampered(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`audit-logging verify FILE --key-env VAR` says OK (exit 0) or where it broke (exit 1)."""
        monkeypatch.setenv("AUDIT_CHAIN_KEY", KEY.decode())
        path = tmp_path / "audit.jsonl"
        lines = write_chained(path, 3)
        assert main(["verify", str(path), "--key-env", "AUDIT_CHAIN_KEY"]) == 0
        assert capsys.readouterr().out == "OK: 3 records in 1 file(s), the chain is intact\n"
        rewrite(path, [lines[0], lines[2]])
        assert main(["verify", str(path), "--key-env", "AUDIT_CHAIN_KEY"]) == 1
        assert capsys.readouterr().out.startswith(f"TAMPERED: {path}:2: deleted: expected record 1 here, found 2")

    def test_usage_errors(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A missing key variable or file exits 2 with a message."""
        monkeypatch.delenv("AUDIT_CHAIN_KEY", raising=False)
        assert main(["verify", str(tmp_path / "x"), "--key-env", "AUDIT_CHAIN_KEY"]) == 2
        assert "AUDIT_CHAIN_KEY is not set" in capsys.readouterr().err
        monkeypatch.setenv("AUDIT_CHAIN_KEY", "k")
        assert main(["verify", str(tmp_path / "x"), "--key-env", "AUDIT_CHAIN_KEY"]) == 2
        assert "no such file" in capsys.readouterr().err


class TestVerifyEdges:
    def test_blank_lines_and_an_empty_file_are_fine(self, tmp_path: Path) -> None:
        """Blank lines are skipped; an empty file in a set is ordered last and adds nothing."""
        path = tmp_path / "audit.jsonl"
        lines = write_chained(path, 2)
        rewrite(path, [lines[0], "", lines[1]])
        (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
        assert verify([tmp_path / "empty.jsonl", path], KEY) == (2, None)

    def test_a_valid_record_that_does_not_link(self, tmp_path: Path) -> None:
        """Two chains under one key spliced together: the seams show as a broken link."""
        first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
        write_chained(first, 2)
        other = write_chained(second, 3)  # another chain, same key: seq 0, 1, 2
        lines = first.read_text(encoding="utf-8").splitlines()
        rewrite(first, [*lines, other[2]])
        _, problem = verify([first], KEY)
        assert problem is not None
        assert (problem.line, problem.kind) == (3, "modified")
        assert "does not link" in problem.detail

    def test_a_record_from_the_future_put_earlier_is_reordered(self, tmp_path: Path) -> None:
        """A later record moved back before its place, with nothing missing, is a reordering."""
        path = tmp_path / "audit.jsonl"
        lines = write_chained(path, 4)
        rewrite(path, [lines[0], lines[2], lines[3], lines[1]])
        _, problem = verify([path], KEY)
        assert problem is not None
        assert problem.kind == "reordered"


# Every character str.splitlines() breaks at but "\n" and "\r", which JSON escapes: raw inside a JSON string.
LINE_BREAKERS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


class TestWhatALineIs:
    """Readers split where the writers end a line ("\\n"), never where str.splitlines() would (issue 14, 1)."""

    @pytest.mark.parametrize("breaker", LINE_BREAKERS)
    def test_a_value_with_any_line_breaking_character_verifies(self, tmp_path: Path, breaker: str) -> None:
        path = tmp_path / "audit.jsonl"
        with path.open("a", encoding="utf-8") as sink:
            log = structlog.wrap_logger(
                structlog.WriteLogger(sink), processors=[AuditEventProcessor(), ChainedJSONRenderer(HmacChain(KEY))]
            )
            log.info("first", audit_event="Interaction.SignIn.Submit")
            log.info("second", audit_event="Interaction.SignIn.Submit", user_agent=f"Mozilla{breaker}/5.0")
        assert verify([path], KEY) == (2, None)
        assert HmacChain(KEY, resume=path).seal({})[SEQ] == 2

    def test_the_command_line_verifies_it_too(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "audit.jsonl"
        write_chained(path, 1)
        with path.open("a", encoding="utf-8") as sink:
            structlog.wrap_logger(
                structlog.WriteLogger(sink),
                processors=[AuditEventProcessor(), ChainedJSONRenderer(HmacChain(KEY, resume=path))],
            ).info("second", audit_event="Interaction.SignIn.Submit", user_agent="Mozilla\u2028/5.0")
        monkeypatch.setenv("AUDIT_KEY", KEY.decode())
        assert main(["verify", str(path), "--key-env", "AUDIT_KEY"]) == 0
        assert "OK: 2 records" in capsys.readouterr().out


class TestTornTail:
    """After a crash the normal state of a file is a torn last line: not tampering, and no failed restart."""

    def _torn(self, path: Path, count: int) -> str:
        lines = write_chained(path, count)
        with path.open("a", encoding="utf-8") as sink:
            sink.write(lines[-1][:25])  # a record cut off mid-write
        return lines[-1][:25]

    def test_verify_tells_a_torn_tail_from_tampering(self, tmp_path: Path) -> None:
        path = tmp_path / "audit.jsonl"
        self._torn(path, 3)
        checked, problem = verify([path], KEY)
        assert checked == 3
        assert problem is not None
        assert (problem.kind, problem.line) == ("torn", 4)

    def test_the_command_line_says_intact_and_notes_the_tail(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "audit.jsonl"
        self._torn(path, 2)
        monkeypatch.setenv("AUDIT_KEY", KEY.decode())
        assert main(["verify", str(path), "--key-env", "AUDIT_KEY"]) == 0
        out = capsys.readouterr().out
        assert "OK: 2 records" in out
        assert "audit.jsonl:3: the last line is unfinished" in out

    def test_a_torn_line_before_other_records_is_unreadable(self, tmp_path: Path) -> None:
        """Only the chain's very last line may be torn: one in the middle is a line that is not a record."""
        first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
        chain = HmacChain(KEY)
        write_chained(first, 2, chain)
        with first.open("a", encoding="utf-8") as sink:
            sink.write('{"torn')
        write_chained(second, 2, chain)
        _, problem = verify([first, second], KEY)
        assert problem is not None
        assert problem.kind == "unreadable"

    def test_resume_cuts_the_torn_tail_and_the_chain_goes_on(self, tmp_path: Path) -> None:
        path = tmp_path / "audit.jsonl"
        torn = self._torn(path, 3)
        with pytest.warns(AuditLoggingWarning, match="cut off a torn last line"):
            chain = HmacChain(KEY, resume=str(path))  # a str path is taken as well as a Path
        text = path.read_text(encoding="utf-8")
        assert text.endswith("}\n")
        assert len(text.split("\n")) == 4  # three whole records, and nothing after the last newline
        assert not text.split("\n")[-2].endswith(torn)
        write_chained(path, 2, chain)
        assert verify([path], KEY) == (5, None)

    @pytest.mark.parametrize("last", ['{"event": "not sealed"}', "not json at all", '{"seq": "x", "mac": 1}'])
    def test_resume_from_a_file_that_is_no_chain_names_the_parameter(self, tmp_path: Path, last: str) -> None:
        path = tmp_path / "plain.jsonl"
        path.write_text(last + "\n", encoding="utf-8")
        with pytest.raises(ValueError, match="`resume` must be a chained log"):
            HmacChain(KEY, resume=path)

    def test_resume_takes_a_path_or_none(self) -> None:
        with pytest.raises(TypeError, match="`resume` must be a path or None, not int"):
            HmacChain(KEY, resume=3)  # type: ignore[arg-type]


class Unprintable(Exception):  # noqa: N818 -- named for what it is in these tests
    """An exception whose __str__ raises: what a renderer's default=str meets as exc_info."""

    def __str__(self) -> str:
        raise RuntimeError("str")


class TestNothingRaisesFromTheChain:
    """Issue 14, item 2: ChainedJSONRenderer seals whatever it is given, and the file still verifies."""

    def test_hostile_values_in_audit_and_other_events(self, tmp_path: Path) -> None:
        path = tmp_path / "audit.jsonl"
        with path.open("a", encoding="utf-8") as sink:
            log = structlog.wrap_logger(
                structlog.WriteLogger(sink), processors=[AuditEventProcessor(), ChainedJSONRenderer(HmacChain(KEY))]
            )
            log.info("surrogate", audit_event="Interaction.SignIn.Submit", user_agent="\udcff")
            log.info("huge", audit_event="Interaction.SignIn.Submit", n=10**5000)
            log.info("plain huge", n=10**5000)  # the processor makes other events safe too (item 3)
            log.info("plain surrogate", ua="\udcff")
            log.info("plain unprintable", value=Unprintable())
            log.info("plain exc_info", exc_info=Unprintable())
        lines = path.read_text(encoding="utf-8").split("\n")[:-1]
        assert len(lines) == 6
        assert verify([path], KEY) == (6, None)
        records = [json.loads(line) for line in lines]
        assert records[0]["user_agent.original"] == "\\udcff"
        assert records[2]["n"] == "<int of 16610 bits>"
        assert records[4]["value"] == "<unprintable Unprintable>"

    def test_the_renderer_alone_makes_a_line_of_what_no_processor_made_safe(self, tmp_path: Path) -> None:
        path = tmp_path / "audit.jsonl"
        with path.open("a", encoding="utf-8") as sink:
            log = structlog.wrap_logger(structlog.WriteLogger(sink), processors=[ChainedJSONRenderer(HmacChain(KEY))])
            with pytest.warns(AuditLoggingWarning, match="ChainedJSONRenderer made a line"):
                log.info("plain huge", n=10**5000, password="hunter2")
        [line] = path.read_text(encoding="utf-8").split("\n")[:-1]
        assert json.loads(line)["n"] == "<int of 16610 bits>"
        assert json.loads(line)["password"] == "******"
        assert verify([path], KEY) == (1, None)
