"""The spool: what it writes, how it rotates and forgets, and its options."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from audit_logging.cli import main
from audit_logging.spool import ACKNOWLEDGED, Spool, SpooledRecord

if TYPE_CHECKING:
    from pathlib import Path


def record(number: int) -> SpooledRecord:
    return SpooledRecord(f"id-{number}", "Interaction.SignIn.Submit", "signed in", 9, "INFO", number, {"n": number})


@pytest.mark.parametrize("fsync", ["always", "interval", "never"])
def test_records_round_trip_under_every_policy(tmp_path: Path, fsync: str) -> None:
    """What is appended is read back, under each fsync policy; acknowledged ones are not pending."""
    spool = Spool(tmp_path, fsync=fsync, fsync_interval_ms=0)  # type: ignore[arg-type]
    for number in range(3):
        spool.append(record(number))
    spool.acknowledge(["id-1"])
    spool.acknowledge([])
    assert [r.record_id for r in spool.unacknowledged()] == ["id-0", "id-2"]
    assert spool.unacknowledged()[0] == record(0)
    spool.close()
    assert repr(spool).endswith(f"fsync={fsync!r})")


def test_rotation_forgets_fully_acknowledged_files(tmp_path: Path) -> None:
    """Files rotate at max_bytes; a rotated file whose records were all acknowledged is deleted."""
    spool = Spool(tmp_path, max_bytes=1024)
    for number in range(30):
        spool.append(record(number))
        spool.acknowledge([f"id-{number}"])
    spool.close()
    assert len(spool.files()) == 1
    assert spool.unacknowledged() == []


def test_unacknowledged_rotated_files_are_kept(tmp_path: Path) -> None:
    """Without acknowledgements every file stays, for a replay."""
    spool = Spool(tmp_path, max_bytes=1024)
    for number in range(30):
        spool.append(record(number))
    spool.close()
    assert len(spool.files()) > 1
    assert len(spool.unacknowledged()) == 30


def test_a_torn_last_line_is_skipped(tmp_path: Path) -> None:
    """A crash in the middle of a write leaves half a line: it is skipped, the rest is read."""
    spool = Spool(tmp_path)
    spool.append(record(0))
    spool.close()
    with spool.files()[0].open("a", encoding="utf-8") as handle:
        handle.write('{"id": "id-1", "event_na')
    assert [r.record_id for r in spool.unacknowledged()] == ["id-0"]


def test_resource(tmp_path: Path) -> None:
    """The resource is kept for a replay; none before it is written."""
    spool = Spool(tmp_path)
    assert spool.resource() == {}
    spool.write_resource({"service.name": "auth"})
    assert spool.resource() == {"service.name": "auth"}


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"fsync": "sometimes"}, ValueError, "`fsync` must be one of 'always', 'interval', 'never'"),
        ({"max_bytes": 10}, ValueError, "`max_bytes` must be at least 1024"),
        ({"fsync_interval_ms": "100"}, TypeError, "`fsync_interval_ms` must be an int"),
    ],
)
def test_options(tmp_path: Path, kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    """Options are checked when the spool is made."""
    with pytest.raises(error, match=message):
        Spool(tmp_path, **kwargs)  # type: ignore[arg-type]


def test_replay_command_usage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """replay needs an endpoint and an existing spool directory."""
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)
    assert main(["replay", str(tmp_path)]) == 2
    assert "needs --endpoint" in capsys.readouterr().err
    assert main(["replay", str(tmp_path / "none"), "--endpoint", "http://127.0.0.1:9"]) == 2
    assert "no spool directory" in capsys.readouterr().err


def test_a_record_without_an_id_gets_one_when_spooled(tmp_path: Path) -> None:
    """Fields from outside the core (no audit.record.id) are spooled with a new id, the same one exported."""
    from opentelemetry.sdk._logs import LoggerProvider  # noqa: PLC0415
    from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter  # noqa: PLC0415

    from audit_logging import OTelAuditProcessor  # noqa: PLC0415
    from audit_logging.delivery import DeliveryProcessor  # noqa: PLC0415

    spool = Spool(tmp_path)
    exporter = InMemoryLogRecordExporter()  # type: ignore[no-untyped-call]
    provider = LoggerProvider()
    provider.add_log_record_processor(DeliveryProcessor(exporter, spool=spool))  # type: ignore[arg-type]
    OTelAuditProcessor(provider, span_events=False)(
        None, "info", {"event": "x", "audit.event.key": "Interaction.SignIn.Submit"}
    )
    provider.force_flush()
    (spooled,) = spool.unacknowledged() or [*spool.records(spool.files()[0])]
    (exported,) = exporter.get_finished_logs()
    assert spooled.attributes["audit.record.id"] == spooled.record_id
    assert exported.log_record.attributes["audit.record.id"] == spooled.record_id  # type: ignore[index]
    assert spool.acknowledged() == {spooled.record_id}
    provider.shutdown()


def test_a_spool_acknowledges_records_of_every_profile(tmp_path: Path) -> None:
    """ECS and OCSF name the record id otherwise (event.id, metadata.uid): their records are acknowledged too."""
    import structlog  # noqa: PLC0415
    from opentelemetry.sdk._logs import LoggerProvider  # noqa: PLC0415
    from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter  # noqa: PLC0415

    from audit_logging import AuditEventProcessor, OTelAuditProcessor  # noqa: PLC0415
    from audit_logging.delivery import DeliveryProcessor  # noqa: PLC0415

    spool = Spool(tmp_path)
    provider = LoggerProvider()
    provider.add_log_record_processor(DeliveryProcessor(InMemoryLogRecordExporter(), spool=spool))  # type: ignore[arg-type,no-untyped-call]
    for profile in ("otel", "ecs", "ocsf"):
        log = structlog.wrap_logger(
            structlog.ReturnLogger(),
            processors=[AuditEventProcessor(profile=profile), OTelAuditProcessor(provider, span_events=False)],
        )
        log.info("signed in", audit_event="Interaction.SignIn.Submit")
    provider.shutdown()
    spooled = [record for path in spool.files() for record in spool.records(path)]
    assert len(spooled) == 3
    assert spool.unacknowledged() == []


def test_a_chained_spool_verifies_and_shows_tampering(tmp_path: Path) -> None:
    """With a chain, the spool's lines are sealed: verify passes, then finds an edited record."""
    from audit_logging.chain import HmacChain, verify  # noqa: PLC0415

    spool = Spool(tmp_path, chain=HmacChain(b"spool key"), max_bytes=1024)
    for number in range(20):
        spool.append(record(number))
    spool.close()
    files = spool.files()
    assert len(files) > 1
    assert verify(files, b"spool key") == (20, None)
    assert [r.record_id for r in spool.unacknowledged()] == [f"id-{n}" for n in range(20)]
    first = files[0].read_text(encoding="utf-8").replace('"n":1', '"n":7', 1)
    files[0].write_text(first, encoding="utf-8")
    _, problem = verify(files, b"spool key")
    assert problem is not None
    assert problem.kind == "modified"


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\x85", "\x1e", "\v"])
@pytest.mark.parametrize("chained", [True, False])
def test_a_record_with_a_line_breaking_character_is_replayed(tmp_path: Path, breaker: str, *, chained: bool) -> None:
    """Read where the spool ends a line ("\\n"), so no record is lost from a replay (issue 14, 1)."""
    from audit_logging.chain import HmacChain  # noqa: PLC0415

    spool = Spool(tmp_path, chain=HmacChain(b"spool key") if chained else None)
    odd = SpooledRecord("id-odd", "Interaction.SignIn.Submit", f"signed{breaker}in", 9, "INFO", 1, {"ua": breaker})
    for each in (record(0), odd, record(2)):
        spool.append(each)
    spool.close()
    assert [r.record_id for r in spool.unacknowledged()] == ["id-0", "id-odd", "id-2"]
    assert spool.unacknowledged()[1] == odd


def test_a_torn_acknowledgement_sends_its_record_again(tmp_path: Path) -> None:
    """An id cut off mid-write acknowledges nothing: that record stays pending (at least once, never lost)."""
    spool = Spool(tmp_path)
    spool.append(record(0))
    spool.acknowledge(["id-0"])
    spool.close()
    (tmp_path / ACKNOWLEDGED).write_text("id-0", encoding="utf-8")  # no newline: the write was cut off
    assert [r.record_id for r in spool.unacknowledged()] == ["id-0"]


def test_a_corrupt_record_is_said_where_it_is(tmp_path: Path) -> None:
    """A whole line that is no spooled record raises, naming the file and line: a spool is never replayed in part."""
    spool = Spool(tmp_path)
    spool.append(record(0))
    spool.close()
    (path,) = spool.files()
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "id-1"}\n')
    with pytest.raises(ValueError, match=r"spool-00000001\.jsonl:2: not a spooled record \(KeyError"):
        spool.unacknowledged()
    (tmp_path / "resource.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="is not a spool's resource"):
        spool.resource()


def test_rotation_keeps_a_file_it_cannot_read(tmp_path: Path) -> None:
    """On the logging path a corrupt closed file is neither a reason to raise nor one to delete it."""
    spool = Spool(tmp_path, max_bytes=1024)
    spool.append(SpooledRecord("id-0", "Interaction.SignIn.Submit", "x" * 1100, 9, "INFO", 0, {}))  # past max_bytes
    spool.acknowledge(["id-0"])
    (first,) = spool.files()
    with first.open("a", encoding="utf-8") as handle:
        handle.write("not a record\n")
    spool.append(record(1))  # rotates: the first file is closed, and would be forgotten were it readable
    spool.close()
    assert len(spool.files()) == 2
    assert first.exists()
