"""Profiles: the nested shape of the default profile; ecs and ocsf through every integration, validated."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import ecs_logging
import pytest
import structlog
from opentelemetry.trace import StatusCode

from audit_logging import (
    AuditEventProcessor,
    AuditJsonFormatter,
    AuditLogFilter,
    AuditOTelHandler,
    EventKey,
    OTelAuditProcessor,
    audit_context,
    get_event,
)
from audit_logging.orjson import AuditOrjsonFormatter
from audit_logging.profiles import ECS_VERSION, OCSF_VERSION, PRODUCT_NAME, nest
from audit_logging.profiles.ecs import iso_time
from audit_logging.profiles.ocsf import millis
from audit_logging.record import AuditLoggingWarning, UnknownEventWarning
from audit_logging.testing import capture_audit_events
from loggers import json_logger, logger_to
from schemas import ecs_problems, ocsf_problems

if TYPE_CHECKING:
    import logging
    from collections.abc import Iterator

    from pipeline import Pipeline

SIGN_IN = "Interaction.SignIn.Submit"
RESET = "Interaction.ForgotPassword.Submit"
CONTEXT = {
    "user_id": "u_1",
    "ip": "203.0.113.9",
    "session_id": "s_1",
    "interaction_id": "i_1",
    "user_agent": "Mozilla/5.0",
    "application_id": "app_1",
}
DOCUMENT_PROFILES = ("ecs", "ocsf")


def problems(profile: str, document: dict[str, Any], *, custom: tuple[str, ...] = ()) -> list[str]:
    """What the profile's schema finds wrong in a document."""
    return ecs_problems(document, custom=custom) if profile == "ecs" else ocsf_problems(document)


def structlog_logger(profile: str, *processors: Any, **options: Any) -> Any:  # noqa: ANN401 -- structlog's loggers are untyped
    """A real structlog chain with the profile, returning each line as the JSON object it renders."""
    return structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            structlog.processors.format_exc_info,
            AuditEventProcessor(profile=profile, **options),
            *processors,
            lambda _, __, event_dict: json.dumps(event_dict),
        ],
    )


def line(profile: str, key: str, *, failure: bool = False, **fields: Any) -> dict[str, Any]:  # noqa: ANN401 -- any field a caller logs
    """One audit line through structlog in the profile, with the usual request context bound."""
    log = structlog_logger(profile)
    with audit_context(**CONTEXT):
        if failure:
            try:
                raise ValueError("code expired")  # noqa: TRY301 -- a real exception with a traceback
            except ValueError:
                return json.loads(log.exception("attempt failed", audit_event=key, **fields))  # type: ignore[no-any-return]
        return json.loads(log.info("attempt made", audit_event=key, **fields))  # type: ignore[no-any-return]


@pytest.mark.parametrize("failure", [False, True], ids=["success", "failure"])
@pytest.mark.parametrize("key", list(EventKey), ids=str)
@pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
def test_every_event_is_a_valid_document(profile: str, key: EventKey, *, failure: bool) -> None:
    """All 139 events, succeeding and failing, validate against the profile's schema."""
    document = line(profile, key.value, failure=failure)
    assert problems(profile, document) == []


class TestEcs:
    def test_sign_in(self) -> None:
        document = line("ecs", SIGN_IN)
        assert list(document)[:4] == ["@timestamp", "log.level", "message", "ecs.version"]
        assert document["message"] == "attempt made"
        assert document["log.level"] == "info"
        assert document["ecs.version"] == ECS_VERSION
        event = document["event"]
        assert {k: event[k] for k in ("kind", "category", "type", "action", "outcome", "module", "dataset")} == {
            "kind": "event",
            "category": ["authentication", "session"],
            "type": ["start"],
            "action": SIGN_IN,
            "outcome": "success",
            "module": "logto",
            "dataset": "logto.audit",
        }
        assert event["id"].count("-") == 4
        assert isinstance(event["sequence"], int)
        assert document["user"] == {"id": "u_1"}
        assert document["client"] == {"address": "203.0.113.9", "ip": "203.0.113.9"}
        assert document["user_agent"] == {"original": "Mozilla/5.0"}
        assert document["audit"]["session"] == {"id": "s_1"}
        assert document["audit"]["application"] == {"id": "app_1"}
        assert document["audit"]["event"] == {"name": "Submit sign-in interaction", "category": "Sign in"}

    def test_failure_carries_the_error(self) -> None:
        document = line("ecs", RESET, failure=True)
        assert document["event"]["outcome"] == "failure"
        assert document["event"]["type"] == ["user", "change"]
        assert document["error"]["type"] == "ValueError"
        assert document["error"]["message"] == "code expired"
        assert "Traceback" in document["error"]["stack_trace"]
        assert document["log.level"] == "error"

    def test_an_address_that_is_no_ip_is_kept_only_as_the_address(self) -> None:
        """client.ip is an ip field: a value that is not an address would make Elasticsearch reject the document."""
        log = structlog_logger("ecs")
        document = json.loads(log.info("x", audit_event=SIGN_IN, ip="gateway.internal"))
        assert document["client"] == {"address": "gateway.internal"}
        assert ecs_problems(document) == []

    def test_unknown_key_claims_no_category(self) -> None:
        with pytest.warns(UnknownEventWarning, match="Nope.Thing"):
            document = line("ecs", "Nope.Thing")
        assert "category" not in document["event"]
        assert document["event"]["action"] == "Nope.Thing"
        assert document["audit"]["event"]["known"] is False
        assert ecs_problems(document) == []

    def test_lines_that_are_not_audit_events_are_ecs_too(self) -> None:
        log = structlog_logger("ecs")
        document = json.loads(log.warning("cache cold", request_id="r_1"))
        assert document["message"] == "cache cold"
        assert document["log.level"] == "warning"
        assert "event" not in document
        assert ecs_problems(document, custom=("request_id",)) == []

    def test_logto_spelling_is_the_action(self) -> None:
        log = structlog_logger("ecs", spelling="logto")
        document = json.loads(log.info("x", audit_event="Interaction.SignIn.Verification.SmsVerificationCode.Submit"))
        assert document["event"]["action"] == "Interaction.SignIn.Verification.PhoneVerificationCode.Submit"

    def test_the_logger_name_is_log_logger(self) -> None:
        log = structlog_logger("ecs")
        document = json.loads(log.info("x", audit_event=SIGN_IN, logger="auth.service"))
        assert document["log"] == {"logger": "auth.service"}

    def test_trace_ids_are_ecs_trace_and_span(self) -> None:
        log = structlog_logger("ecs")
        document = json.loads(log.info("x", audit_event=SIGN_IN, trace_id="a" * 32, span_id="b" * 16))
        assert document["trace"] == {"id": "a" * 32}
        assert document["span"] == {"id": "b" * 16}
        assert ecs_problems(document) == []


class TestOcsf:
    def test_sign_in(self) -> None:
        document = line("ocsf", SIGN_IN)
        assert {k: document[k] for k in ("class_uid", "activity_id", "type_uid", "category_uid", "status_id")} == {
            "class_uid": 3002,
            "activity_id": 1,
            "type_uid": 300201,
            "category_uid": 3,
            "status_id": 1,
        }
        assert document["message"] == "attempt made"
        assert isinstance(document["time"], int)
        metadata = document["metadata"]
        assert metadata["version"] == OCSF_VERSION
        assert metadata["product"]["name"] == PRODUCT_NAME
        assert metadata["event_code"] == SIGN_IN
        assert metadata["correlation_uid"] == "i_1"
        assert metadata["log_level"] == "info"
        assert document["user"] == {"uid": "u_1"}
        assert document["actor"] == {"session": {"uid": "s_1"}, "app_uid": "app_1"}
        assert document["src_endpoint"] == {"ip": "203.0.113.9"}
        assert document["http_request"] == {"user_agent": "Mozilla/5.0"}
        assert document["service"] == {"name": "unknown_service"}
        assert "application" not in document["unmapped"]["audit"]

    def test_failure_is_a_failed_status_with_the_events_severity(self) -> None:
        document = line("ocsf", RESET, failure=True)
        assert (document["status_id"], document["status"]) == (2, "Failure")
        assert (document["severity_id"], document["severity"]) == (3, "Medium")
        assert document["status_code"] == "ValueError"
        assert document["status_detail"] == "code expired"
        assert (document["class_uid"], document["activity_id"]) == (3001, 4)
        assert "Traceback" in document["unmapped"]["exception"]["stacktrace"]

    def test_before_the_user_is_known_the_user_is_unknown(self) -> None:
        log = structlog_logger("ocsf")
        document = json.loads(log.info("x", audit_event="Interaction.Create"))
        assert document["user"] == {"name": "unknown", "type_id": 0, "type": "Unknown"}
        assert ocsf_problems(document) == []

    def test_service_name_follows_opentelemetry(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, service.name=auth")
        assert line("ocsf", SIGN_IN)["service"] == {"name": "auth"}
        monkeypatch.setenv("OTEL_SERVICE_NAME", "login")
        assert line("ocsf", SIGN_IN)["service"] == {"name": "login"}

    def test_unknown_key_is_a_base_event(self) -> None:
        with pytest.warns(UnknownEventWarning, match="Nope.Thing"):
            document = line("ocsf", "Nope.Thing")
        assert (document["class_uid"], document["category_uid"], document["type_uid"]) == (0, 0, 99)
        assert document["metadata"]["event_code"] == "Nope.Thing"
        assert document["unmapped"]["user"] == {"id": "u_1"}
        assert ocsf_problems(document) == []

    def test_lines_that_are_not_audit_events_are_base_events(self) -> None:
        log = structlog_logger("ocsf")
        document = json.loads(log.info("cache cold", request_id="r_1"))
        assert document["class_uid"] == 0
        assert document["unmapped"] == {"request_id": "r_1"}
        assert ocsf_problems(document) == []

    def test_an_address_that_is_no_ip_is_unmapped(self) -> None:
        log = structlog_logger("ocsf")
        document = json.loads(log.info("x", audit_event=SIGN_IN, ip="gateway.internal"))
        assert "src_endpoint" not in document
        assert document["unmapped"]["client"] == {"address": "gateway.internal"}
        assert ocsf_problems(document) == []


@pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
def test_secrets_are_redacted_and_capture_sees_the_canonical_record(profile: str) -> None:
    with capture_audit_events() as captured:
        document = line(profile, SIGN_IN, password="hunter2")
    assert "hunter2" not in json.dumps(document)
    assert captured[0]["audit.event.key"] == SIGN_IN
    assert captured[0]["user.id"] == "u_1"


def test_a_profile_that_fails_to_render_is_contained(monkeypatch: pytest.MonkeyPatch) -> None:
    """The application never sees an exception from logging: the line is the contained record instead."""
    processor = AuditEventProcessor(profile="ecs")

    def broken(*_: object, **__: object) -> dict[str, object]:
        msg = "renderer on fire"
        raise RuntimeError(msg)

    monkeypatch.setattr(type(processor._renderer), "document", broken)
    monkeypatch.setattr(type(processor._renderer), "plain", broken)
    with pytest.warns(AuditLoggingWarning, match="renderer on fire"):
        out = processor(None, "info", {"event": "x", "level": "info", "audit_event": SIGN_IN})
    assert out["audit.internal_error"] == "RuntimeError"
    assert (out["event"], out["level"]) == ("x", "info")  # the line's own parts are not lost
    with pytest.warns(AuditLoggingWarning, match="could not write a ecs line"):
        assert processor(None, "info", {"event": "plain"}) == {"event": "plain"}


def stdlib_lines(
    profile: str, formatter: type[AuditJsonFormatter], *, upstream: str | None = None
) -> list[dict[str, Any]]:
    """Three records through a stdlib logger with the profile: a sign-in, a failed reset, a plain line."""
    logger, stream = json_logger(f"test.profiles.{profile}.{formatter.__name__}.{upstream}", formatter(profile=profile))
    logger.filters[:] = [AuditLogFilter(profile=upstream)] if upstream else []
    sign_in_and_failed_reset(logger)
    logger.info("cache cold")
    return [json.loads(text) for text in stream.getvalue().splitlines()]


def sign_in_and_failed_reset(logger: logging.Logger) -> None:
    """Log a sign-in and a password reset that fails with an exception, with the usual request context bound."""
    with audit_context(**CONTEXT):
        logger.info("user signed in", extra={"audit_event": SIGN_IN})
        try:
            raise ValueError("code expired")  # noqa: TRY301 -- a real exception with a traceback
        except ValueError:
            logger.exception("reset failed", extra={"audit_event": RESET})


@pytest.mark.parametrize("formatter", [AuditJsonFormatter, AuditOrjsonFormatter])
@pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
def test_stdlib_lines_validate(profile: str, formatter: type[AuditJsonFormatter]) -> None:
    """Filter and formatter in the profile, on both JSON backends: every line valid, the record's parts in place."""
    sign_in, reset, plain = stdlib_lines(profile, formatter)
    for document in (sign_in, reset, plain):
        assert problems(profile, document) == []
    if profile == "ecs":
        assert sign_in["event"]["action"] == SIGN_IN
        assert sign_in["log"]["logger"].startswith("test.profiles.ecs")
        assert (sign_in["message"], sign_in["log.level"]) == ("user signed in", "info")
        assert reset["error"]["type"] == "ValueError"
        assert "Traceback" in reset["error"]["stack_trace"]
        assert plain["message"] == "cache cold"
    else:
        assert sign_in["metadata"]["event_code"] == SIGN_IN
        assert sign_in["metadata"]["log_name"].startswith("test.profiles.ocsf")
        assert sign_in["message"] == "user signed in"
        assert reset["status_id"] == 2
        assert "Traceback" in reset["unmapped"]["exception"]["stacktrace"]
        assert plain["class_uid"] == 0
        timestamp = datetime.fromtimestamp(sign_in["time"] / 1000, UTC)
        assert timestamp.year >= 2026


@pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
def test_a_formatter_renders_records_a_default_filter_enriched(profile: str) -> None:
    """A logger-level AuditLogFilter of the default profile upstream: the formatter still writes its profile."""
    sign_in, reset, plain = stdlib_lines(profile, AuditJsonFormatter, upstream="otel")
    for document in (sign_in, reset, plain):
        assert problems(profile, document) == []
    assert (sign_in.get("event", {}).get("action") or sign_in["metadata"]["event_code"]) == SIGN_IN


def test_ecs_records_work_with_elastic_ecs_logging() -> None:
    """AuditLogFilter(profile="ecs") in front of ecs-logging's StdlibFormatter: valid ECS, the error from exc_info.

    ecs-logging writes error.* from the record's exception itself and refuses a record that also carries
    them (a TypeError in its merge, a lost line), so an ECS record with an exception leaves them to it.
    """
    logger, stream = json_logger("test.profiles.ecs_logging", ecs_logging.StdlibFormatter())
    logger.handlers[0].addFilter(AuditLogFilter(profile="ecs"))
    sign_in_and_failed_reset(logger)
    sign_in, reset = (json.loads(text) for text in stream.getvalue().splitlines())
    for document in (sign_in, reset):
        assert ecs_problems(document, custom=("log.original",)) == []  # ecs-logging's own; not in ECS 9.4
    assert sign_in["event"]["action"] == SIGN_IN
    assert sign_in["ecs.version"] == ecs_logging.ECS_VERSION  # theirs, once: the record carries none
    assert "ecs" not in sign_in
    assert reset["event"]["outcome"] == "failure"
    assert (reset["error"]["type"], reset["error"]["message"]) == ("ValueError", "code expired")
    assert 'raise ValueError("code expired")' in reset["error"]["stack_trace"]


def otel_document(profile: str, record: Any) -> dict[str, Any]:  # noqa: ANN401 -- the SDK's LogRecord
    """An OpenTelemetry log record read back into the profile's document: the attributes and the record's parts."""
    # The SDK keeps sequences as tuples; JSON has lists.
    fields = nest(
        {name: list(value) if isinstance(value, tuple) else value for name, value in record.attributes.items()}
    )
    if profile == "ecs":
        seconds = record.timestamp / 1e9
        return {"@timestamp": iso_time(seconds), "message": record.body, **fields}
    return {"time": record.timestamp // 1_000_000, "message": record.body, **fields}


@pytest.fixture
def span(otel: Pipeline) -> Iterator[Any]:
    with otel.tracer_provider.get_tracer("test").start_as_current_span("request") as current:
        yield current


@pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
def test_structlog_to_opentelemetry(profile: str, otel: Pipeline, span: Any) -> None:  # noqa: ANN401, ARG001 -- the span is active for the test
    """The profile's fields as attributes, the key as event_name, a failure on the span; all valid once read back."""
    log = structlog_logger(profile, OTelAuditProcessor(otel.logger_provider))
    with audit_context(**CONTEXT):
        log.info("user signed in", audit_event=SIGN_IN)
        log.error("reset failed", audit_event=RESET, exc_info=ValueError("code expired"))
    sign_in, reset = otel.log_records()
    assert (sign_in.event_name, reset.event_name) == (SIGN_IN, RESET)
    assert (sign_in.body, reset.severity_text) == ("user signed in", "ERROR")
    for record in (sign_in, reset):
        assert problems(profile, otel_document(profile, record)) == []
    assert "@timestamp" not in sign_in.attributes
    assert "time" not in sign_in.attributes


@pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
def test_span_status_follows_the_profiles_outcome(profile: str, otel: Pipeline) -> None:
    """A failure sets the span's status, with the error type, and records the exception (exc_info kept for it)."""
    log = structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[AuditEventProcessor(profile=profile), OTelAuditProcessor(otel.logger_provider)],
    )
    with otel.tracer_provider.get_tracer("test").start_as_current_span("request"):
        log.error("reset failed", audit_event=RESET, exc_info=ValueError("code expired"))
    (finished,) = otel.finished_spans()
    assert finished.status.status_code is StatusCode.ERROR
    assert finished.status.description == "ValueError"
    assert [event.name for event in finished.events] == [RESET, "exception"]
    # The line carries its exception written out, and the record it carries the exception itself: recorded
    # as in the default profile (the traceback of an exception never raised is its last line).
    exception = dict(finished.events[1].attributes or {})
    assert (exception["exception.type"], exception["exception.message"]) == ("ValueError", "code expired")
    assert exception["exception.stacktrace"] == "ValueError: code expired"  # as every log output writes it


@pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
def test_the_exception_is_written_out_without_format_exc_info(profile: str) -> None:
    """No format_exc_info in the chain: the line still has its traceback, and no exc_info for JSONRenderer."""
    log = structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[AuditEventProcessor(profile=profile), structlog.processors.JSONRenderer()],
    )
    try:
        raise ValueError("code expired")  # noqa: TRY301 -- a real exception with a traceback
    except ValueError:
        document = json.loads(log.exception("reset failed", audit_event=RESET))
        plain = json.loads(log.exception("cache cold"))
    assert "exc_info" not in document
    assert "exc_info" not in plain
    nothing = json.loads(log.error("no exception being handled", audit_event=RESET, exc_info=True))  # noqa: LOG014 -- the case under test
    assert "exc_info" not in nothing
    assert "stack_trace" not in json.dumps(nothing)
    assert "stacktrace" not in json.dumps(nothing)
    trace = document["error"]["stack_trace"] if profile == "ecs" else document["unmapped"]["exception"]["stacktrace"]
    assert trace.startswith("Traceback")
    assert trace.endswith("ValueError: code expired")
    assert problems(profile, document) == problems(profile, plain) == []


@pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
def test_stdlib_to_opentelemetry(profile: str, otel: Pipeline) -> None:
    handler = AuditOTelHandler(logger_provider=otel.logger_provider, profile=profile)
    logger = logger_to(f"test.profiles.otel.{profile}", handler)
    logger.info("not an audit record")
    sign_in_and_failed_reset(logger)
    record, failed = otel.log_records()
    assert (record.event_name, failed.event_name) == (SIGN_IN, RESET)
    assert record.body == "user signed in"
    for each in (record, failed):
        assert problems(profile, otel_document(profile, each)) == []
    error = ("error.type", "error.message") if profile == "ecs" else ("status_code", "status_detail")
    assert (failed.attributes[error[0]], failed.attributes[error[1]]) == ("ValueError", "code expired")


def test_otel_handler_takes_a_profile_or_a_filter_not_both() -> None:
    with pytest.raises(ValueError, match="give `profile` or `audit_filter`, not both"):
        AuditOTelHandler(profile="ecs", audit_filter=AuditLogFilter())
    with pytest.raises(ValueError, match="`profile` must be one of 'otel', 'ecs', 'ocsf', not 'cef'"):
        AuditOTelHandler(profile="cef")


def test_the_same_event_in_all_three_profiles() -> None:
    """One audit event, three schemas: the same facts under each one's names."""
    otel, ecs, ocsf = (line(profile, SIGN_IN) for profile in ("otel", "ecs", "ocsf"))
    assert otel["user.id"] == ecs["user"]["id"] == ocsf["user"]["uid"]
    assert otel["client.address"] == ecs["client"]["ip"] == ocsf["src_endpoint"]["ip"]
    assert otel["session.id"] == ecs["audit"]["session"]["id"] == ocsf["actor"]["session"]["uid"]
    assert otel["audit.event.key"] == ecs["event"]["action"] == ocsf["metadata"]["event_code"]
    assert otel["audit.event.outcome"] == ecs["event"]["outcome"] == ocsf["status"].lower()
    assert get_event(SIGN_IN).ocsf.type_uid == ocsf["type_uid"]


class TestEdges:
    def test_a_callers_own_objects_are_not_taken_for_audit_records(self, otel: Pipeline) -> None:
        """OTelAuditProcessor sends audit records only: an event's own `event` or `metadata` object is not one."""
        processor = OTelAuditProcessor(otel.logger_provider)
        for event_dict in (
            {"event": {"dataset": "nginx.access"}},
            {"metadata": {"product": {"name": "other"}}},
            {"metadata": {"product": "other"}},
            {"audit": {"event": {"name": "x"}}},
        ):
            assert processor(None, "info", event_dict) is event_dict
        assert otel.log_records() == []

    @pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
    def test_a_callers_field_never_overwrites_the_lines_own(self, profile: str) -> None:
        """message=, time=, class_uid= given by a caller are kept, and the schema's own stay valid."""
        log = structlog_logger(profile)
        for document in (
            json.loads(log.info("x", audit_event=SIGN_IN, message="theirs", time="noon", class_uid="c")),
            json.loads(log.info("x", message="theirs", time="noon", class_uid="c")),
        ):
            assert document["message"] == "x"
            assert problems(profile, document, custom=("time", "class_uid")) == []
            if profile == "ecs":
                assert document["audit"]["message"] == "theirs"
            else:
                assert document["unmapped"]["message"] == "theirs"
                assert (document["unmapped"]["time"], document["unmapped"]["class_uid"]) == ("noon", "c")

    def test_dict_tracebacks_stay_as_they_are_in_ecs(self) -> None:
        log = structlog.wrap_logger(
            structlog.ReturnLogger(),
            processors=[
                structlog.processors.dict_tracebacks,
                AuditEventProcessor(profile="ecs"),
                lambda _, __, event_dict: json.dumps(event_dict),
            ],
        )
        document = json.loads(log.error("failed", audit_event=RESET, exc_info=ValueError("code expired")))
        assert document["exception"][0]["exc_type"] == "ValueError"
        assert document["error"]["type"] == "ValueError"

    @pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
    def test_an_event_without_a_message_has_none(self, profile: str) -> None:
        document = AuditEventProcessor(profile=profile)(None, "info", {"audit_event": SIGN_IN, "ip": 3232235777})
        assert "message" not in document
        assert problems(profile, dict(document)) == []
        assert "ip" not in document.get("client", {})  # an int is no address: kept, never as an ip field
        assert "src_endpoint" not in document

    def test_exc_info_true_with_no_exception_being_handled(self) -> None:
        """logging's exc_info=True outside an except block is (None, None, None): no error to write."""
        logger, stream = json_logger("test.profiles.no_exception", AuditJsonFormatter(profile="ecs"))
        logger.error("reset failed", exc_info=True, extra={"audit_event": RESET})  # noqa: LOG014 -- the case under test
        document = json.loads(stream.getvalue())
        assert document["error"] == {"stack_trace": "NoneType: None"}  # what logging itself writes for it
        assert document["event"]["outcome"] == "success"
        assert ecs_problems(document) == []

    def test_numbers_given_for_string_fields_are_written_as_text(self) -> None:
        """user_id=42: ECS's user.id is a keyword and OCSF's user.uid a string_t, so both get "42"."""
        ecs = line("ecs", SIGN_IN, user_id=42)
        ocsf = line("ocsf", SIGN_IN, user_id=42)
        assert (ecs["user"]["id"], ocsf["user"]["uid"]) == ("42", "42")
        assert ecs_problems(ecs) == ocsf_problems(ocsf) == []

    @pytest.mark.parametrize("profile", DOCUMENT_PROFILES)
    def test_stdlib_without_python_json_loggers_timestamp(self, profile: str) -> None:
        formatter = AuditJsonFormatter(profile=profile, timestamp=False)
        logger, stream = json_logger(f"test.profiles.notimestamp.{profile}", formatter)
        logger.warning("user signed in", extra={"audit_event": SIGN_IN, "user_id": "u_1"})
        document = json.loads(stream.getvalue())
        assert problems(profile, document) == []
        assert "timestamp" not in document
        assert "timestamp" not in document.get("unmapped", {})


class TestTimes:
    def test_iso_text_is_kept_and_epoch_seconds_converted(self) -> None:
        assert iso_time("2026-11-25T10:00:00Z") == "2026-11-25T10:00:00Z"
        assert iso_time(0) == "1970-01-01T00:00:00.000Z"
        assert iso_time(1.5) == "1970-01-01T00:00:01.500Z"

    def test_millis_from_seconds_and_iso_text(self) -> None:
        assert millis(1.5) == 1500
        assert millis("1970-01-01T00:00:02Z") == 2000
        naive = datetime(2026, 1, 1, 12, 0, 0)  # noqa: DTZ001 -- TimeStamper(utc=False) writes local time like this
        assert millis(naive.isoformat()) == int(naive.astimezone().timestamp() * 1000)

    def test_no_time_or_garbage_is_now(self) -> None:
        before = time.time_ns() // 1_000_000
        assert before <= millis(None) <= time.time_ns() // 1_000_000
        assert before <= millis("yesterday") <= time.time_ns() // 1_000_000
        assert iso_time(None).endswith("Z")
        assert iso_time(True).endswith("Z")  # noqa: FBT003 -- a bool is no time, whatever int says

    def test_epoch_timestamps_from_structlog(self) -> None:
        log = structlog.wrap_logger(
            structlog.ReturnLogger(),
            processors=[
                structlog.processors.TimeStamper(),
                AuditEventProcessor(profile="ecs"),
                lambda _, __, event_dict: json.dumps(event_dict),
            ],
        )
        document = json.loads(log.info("x", audit_event=SIGN_IN))
        assert document["@timestamp"].endswith("Z")
        assert ecs_problems(document) == []


class TestNest:
    def test_dotted_keys_become_objects(self) -> None:
        """audit.event.key becomes {"audit": {"event": {"key": ...}}}; plain keys stay."""
        assert nest({"event": "x", "audit.event.key": "k", "audit.event.name": "n", "user.id": "u"}) == {
            "event": "x",
            "audit": {"event": {"key": "k", "name": "n"}},
            "user": {"id": "u"},
        }

    def test_a_path_taken_by_a_plain_value_stays_dotted(self) -> None:
        """Nothing is lost when a plain value holds the name a dotted key would nest under."""
        assert nest({"user": "ann", "user.id": "u"}) == {"user": "ann", "user.id": "u"}

    def test_a_callers_mapping_is_copied_not_changed(self) -> None:
        """A dict value that dotted keys nest into is copied first."""
        theirs = {"name": "n"}
        out = nest({"audit": theirs, "audit.event.key": "k"})
        assert out == {"audit": {"name": "n", "event": {"key": "k"}}}
        assert theirs == {"name": "n"}
