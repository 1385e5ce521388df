"""The logging path never breaks the application, never forges a line, and bounds what it writes."""

from __future__ import annotations

import io
import json
import logging
import math
import warnings
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
import structlog
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_logging import (
    AuditEventProcessor,
    AuditJsonFormatter,
    AuditLogFilter,
    AuditLoggingWarning,
    OTelAuditProcessor,
    Redactor,
    UnknownEventWarning,
    audit_interaction,
)
from audit_logging._logrecord import carried_by
from audit_logging.record import AuditCore
from audit_logging.testing import capture_audit_events
from hostile import BadEq, BadHash, BadIterList, BadRepr, BadStr, fault
from loggers import json_logger, logger_to, stdlib_audit_logger
from outputs import strict_json
from schemas import ecs_problems, ocsf_problems

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

SIGN_IN = "Interaction.SignIn.Submit"
HOSTILE = 'evil\r\n{"audit.event.key": "Forged", "level": "info"}\n\x1b[31mred\x1b[0m\x07\x9b2J'


def structlog_line(renderer: Any, **fields: Any) -> str:  # noqa: ANN401 -- any structlog renderer, any field
    out = io.StringIO()
    log = structlog.wrap_logger(
        structlog.PrintLogger(out), processors=[structlog.processors.add_log_level, AuditEventProcessor(), renderer]
    )
    log.info(HOSTILE, audit_event=SIGN_IN, **fields)
    return out.getvalue()


def stdlib_line(extra: Mapping[str, object], message: str = HOSTILE, *args: object) -> str:
    """One audit record through AuditLogFilter and AuditJsonFormatter; the JSON it wrote."""
    out = io.StringIO()
    stdlib_audit_logger("hardening", out).info(message, *args, extra={"audit_event": SIGN_IN, **extra})
    return out.getvalue()


class TestInjection:
    @pytest.mark.parametrize(
        "line",
        [
            pytest.param(
                lambda: structlog_line(structlog.processors.JSONRenderer(), user_agent=HOSTILE), id="structlog-json"
            ),
            pytest.param(
                lambda: structlog_line(structlog.dev.ConsoleRenderer(colors=False), user_agent=HOSTILE),
                id="structlog-console",
            ),
            pytest.param(lambda: stdlib_line({"user_agent": HOSTILE, "error": {"message": HOSTILE}}), id="stdlib-json"),
        ],
    )
    def test_no_forged_line_and_no_terminal_sequence(self, line: Callable[[], str]) -> None:
        """CR, LF, ESC, BEL and C1 controls in a message or a value come out escaped: one line, no control bytes."""
        text = line()
        assert text.endswith("\n")
        body = text[:-1]
        assert "\n" not in body
        assert "\r" not in body
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in body
        assert "Forged" in body  # the text is kept, harmless

    def test_json_is_one_object_with_the_true_key(self) -> None:
        """A value that looks like JSON cannot override the record's own fields."""
        record = json.loads(structlog_line(structlog.processors.JSONRenderer(), user_agent=HOSTILE))
        assert record["audit.event.key"] == SIGN_IN
        assert record["user_agent.original"].startswith("evil\\r\\n")

    def test_error_messages_are_made_safe(self) -> None:
        """An exception message carrying controls is escaped in exception.message."""
        out = io.StringIO()
        log = structlog.wrap_logger(
            structlog.PrintLogger(out), processors=[AuditEventProcessor(), structlog.processors.JSONRenderer()]
        )
        try:
            raise ValueError("bad\n\x1b[2Jcode")  # noqa: TRY301 -- raised to be logged
        except ValueError:
            log.exception("failed", audit_event=SIGN_IN)
        record = json.loads(out.getvalue())
        assert record["exception.message"] == "bad\\n\\x1b[2Jcode"


class TestBounds:
    def test_long_values_and_the_message_are_cut_and_marked(self) -> None:
        """Strings past max_value_length (8192 by default) end in a mark saying how much was cut."""
        record = json.loads(stdlib_line({"user_agent": "x" * 20_000}))
        assert record["user_agent.original"] == "x" * 8192 + "…[truncated 11808 chars]"
        long = structlog.wrap_logger(
            structlog.ReturnLogger(),
            processors=[
                AuditEventProcessor(redactor=Redactor(max_value_length=10)),
                structlog.processors.JSONRenderer(),
            ],
        ).info("m" * 50, audit_event=SIGN_IN)
        assert json.loads(long)["event"] == "m" * 10 + "…[truncated 40 chars]"

    def test_collections_are_bounded_in_length_and_depth(self) -> None:
        """Lists and mappings keep max_items entries and say how many more there were; nesting stops at 32."""
        deep: dict[str, Any] = {}
        node = deep
        for _ in range(100):
            node["d"] = {}
            node = node["d"]
        out = structlog.wrap_logger(
            structlog.ReturnLogger(),
            processors=[AuditEventProcessor(redactor=Redactor(max_items=3)), structlog.processors.JSONRenderer()],
        ).info("x", audit_event=SIGN_IN, scopes=list(range(10)), params={str(i): i for i in range(5)})
        record = json.loads(out)
        assert record["scopes"] == [0, 1, 2, "…[7 more items]"]
        assert record["audit.params"] == {"0": 0, "1": 1, "2": 2, "…": "[2 more keys]"}
        nested = AuditEventProcessor()(None, "info", {"event": "x", "audit_event": SIGN_IN, "deep": deep})
        depth, node = 0, nested["deep"]
        while isinstance(node, dict):
            node, depth = node["d"], depth + 1
        assert (depth, node) == (32, "[too deep]")

    def test_options_are_checked(self) -> None:
        """The bounds are options of the Redactor, checked when it is made."""
        with pytest.raises(ValueError, match="`max_value_length` must be at least 1, not 0"):
            Redactor(max_value_length=0)
        with pytest.raises(TypeError, match="`max_items` must be an int"):
            Redactor(max_items=1.5)  # type: ignore[arg-type]


def _cyclic() -> dict[str, Any]:
    loop: dict[str, Any] = {"name": "loop"}
    loop["self"] = loop
    return loop


# Every key here makes an audit event (None would make an ordinary one, which this library leaves alone).
KEYS = st.one_of(
    st.integers(),
    st.binary(max_size=20),
    st.text(max_size=50),
    st.integers(min_value=8190, max_value=9000).map(lambda size: "k" * size),
    st.sampled_from([SIGN_IN, "Interaction.SignIn.Sbmit", "\x1b[31m", "a\nb"]),
)
VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=30),
        st.binary(max_size=10),
        st.just(BadStr()),
        st.builds(_cyclic),
        st.text(alphabet="\r\n\x1b\x00\x9b", max_size=10),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
FIELDS = st.dictionaries(
    st.sampled_from(["user_id", "params", "error", "password", "note", "code"]), VALUES, max_size=4
)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _valid_json_lines(text: str) -> None:
    for line in text.splitlines():
        parsed = json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
        assert isinstance(parsed, dict)


@FUZZ
@given(KEYS, FIELDS)
def test_fuzz_structlog(key: object, fields: dict[str, object]) -> None:
    """Any key and any fields: the log call returns, the JSON is valid, the password is masked."""
    out = io.StringIO()
    log = structlog.wrap_logger(
        structlog.PrintLogger(out), processors=[AuditEventProcessor(), structlog.processors.JSONRenderer()]
    )
    log.info("fuzz", audit_event=key, **fields)
    _valid_json_lines(out.getvalue())
    if "password" in fields and fields["password"] not in (None, True, False):
        assert json.loads(out.getvalue()).get("password") == "******"


@FUZZ
@given(st.sampled_from(["ecs", "ocsf"]), KEYS, FIELDS)
def test_fuzz_document_profiles(profile: str, key: object, fields: dict[str, object]) -> None:
    """The ecs and ocsf profiles too: the call returns, one valid JSON object that still meets its schema."""
    out = io.StringIO()
    log = structlog.wrap_logger(
        structlog.PrintLogger(out),
        processors=[AuditEventProcessor(profile=profile), structlog.processors.JSONRenderer()],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownEventWarning)
        log.info("fuzz", audit_event=key, **fields)
    _valid_json_lines(out.getvalue())
    document = json.loads(out.getvalue())
    callers = ("password", "note", "code")  # the fuzzed names that are neither ECS's nor this library's
    assert (ecs_problems(document, custom=callers) if profile == "ecs" else ocsf_problems(document)) == []


@FUZZ
@given(KEYS, FIELDS)
def test_fuzz_stdlib(key: object, fields: dict[str, object]) -> None:
    """The same through AuditLogFilter and AuditJsonFormatter."""
    _valid_json_lines(stdlib_line({"audit_event": key, **fields}))


@FUZZ
@given(st.sampled_from(["ecs", "ocsf"]), KEYS, FIELDS)
def test_fuzz_stdlib_document_profiles(profile: str, key: object, fields: dict[str, object]) -> None:
    """AuditJsonFormatter in the ecs and ocsf profiles: one valid JSON object that still meets its schema."""
    logger, out = json_logger(f"hardening.{profile}", AuditJsonFormatter(profile=profile))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownEventWarning)
        logger.warning("fuzz", extra={"audit_event": key, **fields})
    _valid_json_lines(out.getvalue())
    document = json.loads(out.getvalue())
    callers = ("password", "note", "code")
    assert (ecs_problems(document, custom=callers) if profile == "ecs" else ocsf_problems(document)) == []


def test_nan_becomes_a_string_so_json_stays_json() -> None:
    """JSON has no NaN; the record says "nan" instead."""
    record = AuditEventProcessor()(None, "info", {"event": "x", "audit_event": SIGN_IN, "ratio": math.nan})
    assert record["ratio"] == "nan"


@pytest.mark.parametrize(
    "value", [BadStr(), BadRepr(), {"nested": BadRepr()}, [BadStr()]], ids=["str", "repr", "nested", "list"]
)
def test_objects_that_cannot_be_printed(value: object) -> None:
    """Objects whose __str__ or __repr__ raises become text before any renderer's fallback sees them."""
    line = structlog_line(structlog.processors.JSONRenderer(), note=value)
    record = json.loads(line)
    assert "note" in record
    _valid_json_lines(stdlib_line({"note": value}))


def test_an_unknown_key_is_made_safe_too() -> None:
    """A hostile unknown key is escaped and bounded like any value, in the record and in the warning."""
    with pytest.warns(UnknownEventWarning) as caught:
        record = AuditEventProcessor(redactor=Redactor(max_value_length=20))(
            None, "info", {"event": "x", "audit_event": "Bad\nKey\x1b[2J" + "k" * 50}
        )
    assert record["audit.event.key"] == "Bad\\nKey\\x1b[2Jkkkkk…[truncated 45 chars]"
    assert "\n" not in str(caught[0].message)


def test_a_broken_format_string_keeps_the_record() -> None:
    """A message whose arguments do not fit its format is kept, as text, instead of failing in a handler."""
    record = json.loads(stdlib_line({}, "code %d", "not a number"))
    assert record["message"] == "code %d ('not a number',)"
    assert record["audit.event.key"] == SIGN_IN


@FUZZ
@given(st.sampled_from(["otel", "ecs", "ocsf"]), KEYS, FIELDS)
def test_fuzz_opentelemetry(profile: str, key: object, fields: dict[str, object]) -> None:
    """The OpenTelemetry path takes anything the core produced, in any profile: no exception, valid attributes."""
    from opentelemetry.sdk._logs import LoggerProvider  # noqa: PLC0415
    from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor  # noqa: PLC0415

    exporter = InMemoryLogRecordExporter()  # type: ignore[no-untyped-call]
    provider = LoggerProvider()
    provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    log = structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[
            AuditEventProcessor(profile=profile),
            OTelAuditProcessor(provider),
            structlog.processors.JSONRenderer(),
        ],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an SDK warning about an invalid attribute would fail here
        warnings.simplefilter("ignore", UnknownEventWarning)
        log.info("fuzz", audit_event=key, **fields)
    (record,) = exporter.get_finished_logs()
    for value in (record.log_record.attributes or {}).values():
        assert isinstance(value, str | bool | int | float | bytes | tuple)
    provider.shutdown()


@FUZZ
@given(FIELDS, st.sampled_from([None, ValueError("bad\nvalue"), KeyboardInterrupt(), BadStr()]))
def test_fuzz_decorator(context: dict[str, object], outcome: object) -> None:
    """Any context and any failure: the handler's own result or exception, and a record either way."""

    @audit_interaction(SIGN_IN, context=lambda: context)
    def handler() -> str:
        if isinstance(outcome, BaseException):
            raise outcome
        return "done"

    structlog.configure(
        processors=[AuditEventProcessor(), structlog.processors.JSONRenderer()],
        logger_factory=structlog.ReturnLoggerFactory(),
    )
    with capture_audit_events() as records:
        if isinstance(outcome, BaseException):
            with pytest.raises(type(outcome)):
                handler()
        else:
            assert handler() == "done"
    assert len(records) == 1
    assert records[0]["audit.event.outcome"] == ("failure" if isinstance(outcome, BaseException) else "success")


class TestNothingRaisesIntoTheCaller:
    """Issue 14, item 2: each reproducer, at the mechanism that owns it."""

    @pytest.mark.parametrize("raise_exceptions", [True, False])
    def test_a_stdlib_message_whose_str_raises(
        self, monkeypatch: pytest.MonkeyPatch, *, raise_exceptions: bool
    ) -> None:
        monkeypatch.setattr(logging, "raiseExceptions", raise_exceptions)
        logger, stream = json_logger("test.hardening.badstr", AuditJsonFormatter())
        logger.filters[:] = [AuditLogFilter()]
        logger.info(BadStr(), extra={"audit_event": SIGN_IN})
        logger.info(BadStr(), 1, extra={"audit_event": SIGN_IN})
        first, second = (json.loads(text) for text in stream.getvalue().splitlines())
        assert first["message"] == "<unprintable BadStr>"
        assert second["message"] == "<unprintable BadStr> (1,)"
        assert first["audit.event.key"] == SIGN_IN

    def test_a_message_whose_hash_raises(self) -> None:
        """Neither integration's key lookup lets it out: the event is simply not an audit event."""
        # Not an audit event, made as safe as one: its message is its text.
        assert AuditEventProcessor()(None, "info", {"event": BadHash()}) == {"event": "bad hash"}
        record = logging.LogRecord("x", logging.INFO, "f", 1, BadHash(), (), None)
        assert AuditLogFilter().filter(record)
        assert carried_by(record) is None

    def test_a_tracer_provider_that_is_none_of_those_is_refused_at_decoration(self) -> None:
        with pytest.raises(
            TypeError, match="`tracer_provider` must be an OpenTelemetry TracerProvider or None, not str"
        ):
            audit_interaction(SIGN_IN, tracer_provider="x")  # type: ignore[arg-type]


class TestOneBoundForEveryValue:
    """Issue 14, item 3, for audit records: every value, name and count bounded by the one Redactor."""

    def test_huge_ints_become_text_in_every_output(self) -> None:
        out = AuditEventProcessor()(None, "info", {"event": "x", "audit_event": SIGN_IN, "n": 10**5000, "m": 2**64})
        assert out["n"] == "<int of 16610 bits>"
        assert out["m"] == str(2**64)
        assert json.loads(structlog.processors.JSONRenderer()(None, "info", dict(out)))["m"] == str(2**64)

    def test_a_64_bit_int_stays_a_number(self) -> None:
        out = AuditEventProcessor()(None, "info", {"event": "x", "audit_event": SIGN_IN, "n": 2**63 - 1, "m": -(2**63)})
        assert (out["n"], out["m"]) == (2**63 - 1, -(2**63))

    def test_orjson_writes_a_uuid_int(self) -> None:
        import uuid  # noqa: PLC0415

        from audit_logging.orjson import AuditOrjsonFormatter  # noqa: PLC0415

        logger, stream = json_logger("test.hardening.uuidint", AuditOrjsonFormatter())
        value = uuid.UUID("7f2c8a1e-1b2c-4d5e-8f90-123456789abc").int
        logger.info("signed in", extra={"audit_event": SIGN_IN, "request_id": value})
        (line,) = (json.loads(text) for text in stream.getvalue().splitlines())
        assert line["request_id"] == str(value)

    def test_opentelemetry_never_gets_an_int_beyond_64_bits(self) -> None:
        from audit_logging.otel import otel_attributes  # noqa: PLC0415

        out = AuditEventProcessor()(None, "info", {"event": "x", "audit_event": SIGN_IN, "n": 2**70})
        assert otel_attributes(out)["n"] == str(2**70)

    def test_the_calls_fields_are_bounded_in_number(self) -> None:
        fields = {f"f{i}": i for i in range(5000)}
        out = AuditEventProcessor()(None, "info", {"event": "x", "audit_event": SIGN_IN, **fields})
        assert out["audit.fields.dropped"] == 5000 - 1000 + 1  # the message is one of the call's fields
        assert len(out) < 1020

    def test_a_huge_field_name_is_cut(self) -> None:
        out = AuditEventProcessor()(None, "info", {"event": "x", "audit_event": SIGN_IN, "n" * 20_000: 1})
        assert max(map(len, out)) < 8300

    def test_a_name_with_a_line_feed_never_reaches_a_key_value_line_raw(self) -> None:
        log = structlog.wrap_logger(
            structlog.ReturnLogger(), processors=[AuditEventProcessor(), structlog.processors.KeyValueRenderer()]
        )
        line = log.info("x", audit_event=SIGN_IN, **{"x\ny": 1})
        assert "\n" not in line
        assert "x\\ny=1" in line


class TestLinesThatAreNoAuditRecord:
    """Issue 14, items 3 and 4: a line that is no audit record is made as safe as one, by the same core."""

    def test_structlog_redacts_and_bounds_a_plain_event(self) -> None:
        out = AuditEventProcessor()(
            None, "info", {"event": "plain", "password": "hunter2", "n": 10**30, "f": float("inf"), "x\ny": 1}
        )
        assert out == {"event": "plain", "password": "******", "n": str(10**30), "f": "inf", "x\\ny": 1}

    def test_a_plain_event_that_needs_nothing_is_passed_as_it_is(self) -> None:
        event = {"event": "request handled", "path": "/api/health", "status": 200}
        assert AuditEventProcessor()(None, "info", event) is event

    def test_a_plain_key_value_line_has_no_raw_line_feed(self) -> None:
        log = structlog.wrap_logger(
            structlog.ReturnLogger(), processors=[AuditEventProcessor(), structlog.processors.KeyValueRenderer()]
        )
        line = log.info("x", **{"x\ny": 1, "v": "a\nb"})
        assert "\n" not in line

    def test_stdlib_redacts_a_plain_records_extras(self) -> None:
        logger, stream = json_logger("test.hardening.plain", AuditJsonFormatter())
        logger.info("plain", extra={"password": "hunter2", "user_id": float("inf"), "n": 10**30})
        line = strict_json(stream.getvalue())
        assert (line["password"], line["user_id"], line["n"]) == ("******", "inf", str(10**30))

    def test_stdlib_keeps_a_safe_message_and_its_arguments_apart(self) -> None:
        """Tools that group by the message template (Sentry) still see it; only an unsafe text is merged."""
        record = logging.LogRecord("x", logging.INFO, "f", 1, "user %s signed in", ("alice",), None)
        assert AuditLogFilter().filter(record)
        assert (record.msg, record.args) == ("user %s signed in", ("alice",))
        record = logging.LogRecord("x", logging.INFO, "f", 1, "callback %s", ("/cb?code=abc123",), None)
        assert AuditLogFilter().filter(record)
        assert (record.msg, record.args) == ("callback /cb?code=******", ())

    def test_stdlib_redacts_a_dict_message_as_fields(self) -> None:
        """python-json-logger writes a dict message as the line's fields: they are redacted as fields."""
        logger, stream = json_logger("test.hardening.dictmsg", AuditJsonFormatter())
        logger.info({"password": "hunter2", "kept": "yes"})
        line = strict_json(stream.getvalue())
        assert (line["password"], line["kept"]) == ("******", "yes")

    def test_stdlib_writes_a_plain_records_traceback_redacted_for_any_formatter(self) -> None:
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(AuditLogFilter())
        logger = logger_to("test.hardening.plaintrace", handler)  # logging's own Formatter
        logger.error("failed", exc_info=_raised(RuntimeError("Authorization: Bearer abcdefghijkl123")))
        assert "abcdefghijkl123" not in stream.getvalue()
        assert "RuntimeError: Authorization: ******" in stream.getvalue()


def _raised(error: Exception) -> Exception:
    """``error`` with a traceback, as an exception caught in a handler has one."""
    try:
        raise error  # noqa: TRY301 -- raised for its traceback
    except Exception as caught:  # noqa: BLE001 -- caught to be returned
        return caught


class TestFoundByTheAttackSuite:
    """What the attack suite (test_attack.py) found, each held by a plain test."""

    def test_a_contained_record_keeps_no_credential_in_its_message(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(AuditCore, "_assemble", fault)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = AuditEventProcessor()(
                None, "info", {"event": "login password=hunter2", "audit_event": SIGN_IN, "x": []}
            )
        assert out["event"] == "login password=******"

    def test_a_plain_stdlib_message_whose_str_raises_is_still_written(self) -> None:
        logger, stream = json_logger("test.hardening.badstr.plain", AuditJsonFormatter())
        logger.info(BadStr())
        logger.info("user %s", BadStr())
        first, second = (strict_json(line) for line in stream.getvalue().splitlines())
        assert first["message"] == "<unprintable BadStr>"
        assert second["message"].startswith("user %s")

    def test_a_dict_message_whose_values_compare_badly_is_redacted(self) -> None:
        logger, stream = json_logger("test.hardening.badeq", AuditJsonFormatter())
        logger.info({"password": "hunter2", "odd": BadEq()})
        line = strict_json(stream.getvalue())
        assert (line["password"], line["odd"]) == ("******", "bad eq")

    def test_a_container_that_cannot_be_iterated_is_one_placeholder(self) -> None:
        out = AuditEventProcessor()(None, "info", {"event": "x", "audit_event": SIGN_IN, "roles": BadIterList([1])})
        assert out["roles"] == "<unreadable BadIterList>"

    def test_a_typed_value_is_judged_by_its_type(self) -> None:
        redactor = Redactor(pseudonymize=["email"], pseudonym_key="k")
        out = redactor.redact_fields(
            {"a": {"type": "password", "value": "hunter2"}, "b": {"type": "username", "value": "alice"}}
        )
        assert out == {"a": {"type": "password", "value": "******"}, "b": {"type": "username", "value": "alice"}}


class TestFaultsOfOurOwnOnPlainLines:
    """A fault of this library on a line that is no audit record: contained, and nothing unredacted written."""

    def test_structlog_withholds_the_fields(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(AuditCore, "plain", fault)
        with pytest.warns(AuditLoggingWarning, match="could not build"):
            out = AuditEventProcessor()(None, "info", {"event": "plain password=hunter2", "password": "hunter2"})
        assert out == {"event": "plain password=******", "audit.internal_error": "RuntimeError"}

    @pytest.mark.parametrize("where", ["filter", "formatter"])
    def test_stdlib_withholds_the_fields_message_and_exception(
        self, monkeypatch: pytest.MonkeyPatch, where: str
    ) -> None:
        monkeypatch.setattr(AuditCore, "plain", fault)
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        if where == "filter":
            handler.addFilter(AuditLogFilter())
        handler.setFormatter(AuditJsonFormatter())
        logger = logger_to(f"test.hardening.withheld.{where}", handler)
        with pytest.warns(AuditLoggingWarning, match="withheld"):
            logger.error("plain", extra={"password": "hunter2"}, exc_info=_raised(ValueError("password=hunter2")))
        line = strict_json(stream.getvalue())
        assert "hunter2" not in stream.getvalue()
        assert line["message"] == "[audit_logging withheld this line: RuntimeError]"

    def test_a_traceback_that_cannot_be_formatted_is_named_by_its_type(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import traceback  # noqa: PLC0415

        from audit_logging.record import traceback_text  # noqa: PLC0415

        monkeypatch.setattr(traceback, "format_exception", fault)
        assert traceback_text(ValueError("x")) == "ValueError: <unprintable>"

    def test_a_spool_that_cannot_be_closed_cleanly_still_closes_every_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from audit_logging.spool import Spool, SpooledRecord  # noqa: PLC0415

        spool = Spool(tmp_path, fsync="never")
        spool.append(SpooledRecord("id-0", "Interaction.SignIn.Submit", "x", 9, "INFO", 1, {}))
        spool.acknowledge(["id-0"])
        monkeypatch.setattr("audit_logging.spool.os.fsync", _disk_full)
        with pytest.raises(OSError, match="No space left"):
            spool.close()
        assert (spool._file, spool._acks) == (None, None)


def _disk_full(*_args: object) -> NoReturn:
    raise OSError(28, "No space left on device")
