"""Standard-library logging: AuditLogFilter, AuditJsonFormatter, dictConfig, and parity with structlog."""

from __future__ import annotations

import copy
import io
import json
import logging
import logging.config
import warnings
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
import structlog
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import use_span

from audit_logging import (
    AuditEventProcessor,
    AuditJsonFormatter,
    AuditLogFilter,
    UnknownEventError,
    UnknownEventWarning,
    add_trace_context,
    bind_audit_context,
)
from audit_logging.orjson import AuditOrjsonFormatter
from audit_logging.record import AuditCore
from audit_logging.redaction import MASK
from audit_logging.testing import capture_audit_events
from exploding import Exploding
from hostile import fault
from identity import without_identity
from loggers import stdlib_audit_logger

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

SIGN_IN = "Interaction.SignIn.Submit"
FORMATTERS = [AuditJsonFormatter, AuditOrjsonFormatter]


class Collect(logging.Handler):
    """Keeps the records it handles, and what its formatter made of them."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.lines.append(self.format(record))


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    log = logging.getLogger(f"test.audit.{id(object())}")
    log.setLevel(logging.DEBUG)
    log.propagate = False
    yield log
    for handler in list(log.handlers):
        log.removeHandler(handler)
    for log_filter in list(log.filters):
        log.removeFilter(log_filter)


def attach(logger: logging.Logger, *, on: str = "handler", formatter: logging.Formatter | None = None) -> Collect:
    handler = Collect()
    if formatter is not None:
        handler.setFormatter(formatter)
    (handler if on == "handler" else logger).addFilter(AuditLogFilter())
    logger.addHandler(handler)
    return handler


class TestAuditLogFilter:
    @pytest.mark.parametrize("on", ["handler", "logger"])
    def test_enriches_the_record_with_audit_fields(self, logger: logging.Logger, on: str) -> None:
        """On a handler or a logger, an audit record gets its audit fields as attributes, extras mapped."""
        handler = attach(logger, on=on)
        logger.info("signed in", extra={"audit_event": SIGN_IN, "user_id": "u1", "tenant": "t"})
        attrs = vars(handler.records[0])
        assert attrs["audit.event.key"] == SIGN_IN
        assert attrs["audit.event.name"] == "Submit sign-in interaction"
        assert attrs["audit.event.category"] == "Sign in"
        assert attrs["audit.event.outcome"] == "success"
        assert attrs["user.id"] == "u1"
        assert attrs["tenant"] == "t"
        assert "user_id" not in attrs
        assert "audit_event" not in attrs

    def test_secrets_are_redacted_on_the_record_and_the_callers_extra_is_untouched(
        self, logger: logging.Logger
    ) -> None:
        """No handler downstream can see a secret from extra, and the caller's dict is as it was."""
        handler = attach(logger, on="logger")
        extra = {"audit_event": SIGN_IN, "password": "pw", "params": {"code": "c", "nested": [{"token": "t"}]}}
        before = copy.deepcopy(extra)
        logger.info("signed in", extra=extra)
        attrs = vars(handler.records[0])
        assert attrs["password"] == MASK
        assert attrs["audit.params"] == {"code": MASK, "nested": [{"token": MASK}]}
        assert extra == before

    def test_records_without_an_audit_event_pass_untouched(self, logger: logging.Logger) -> None:
        """A plain record keeps exactly its attributes."""
        handler = attach(logger)
        logger.info("hello %s", "world", extra={"user_id": "u"})
        record = handler.records[0]
        assert record.user_id == "u"  # type: ignore[attr-defined]
        assert "audit.event.key" not in vars(record)

    def test_a_dict_message_is_no_key(self, logger: logging.Logger) -> None:
        """An unhashable message (python-json-logger's dict messages) passes untouched."""
        handler = attach(logger)
        logger.info({"event": "x"})
        assert "audit.event.key" not in vars(handler.records[0])

    def test_a_message_that_is_a_key(self, logger: logging.Logger) -> None:
        """logger.info(EventKey...) is an audit record too."""
        handler = attach(logger)
        logger.info(SIGN_IN)
        assert handler.records[0].__dict__["audit.event.name"] == "Submit sign-in interaction"

    def test_exc_info_is_failure(self, logger: logging.Logger) -> None:
        """A record with exc_info has outcome failure and the error fields; exc_info itself stays."""
        handler = attach(logger)
        try:
            raise TimeoutError("upstream")  # noqa: TRY301 -- raised to be logged
        except TimeoutError:
            logger.exception("failed", extra={"audit_event": SIGN_IN})
        record = handler.records[0]
        attrs = vars(record)
        assert (attrs["audit.event.outcome"], attrs["error.type"], attrs["exception.message"]) == (
            "failure",
            "TimeoutError",
            "upstream",
        )
        assert record.exc_info is not None

    def test_explicit_outcome(self, logger: logging.Logger) -> None:
        """extra={"outcome": "failure"} sets the outcome and is not itself kept."""
        handler = attach(logger)
        logger.warning("rejected", extra={"audit_event": SIGN_IN, "outcome": "failure"})
        attrs = vars(handler.records[0])
        assert attrs["audit.event.outcome"] == "failure"
        assert "outcome" not in attrs

    def test_bound_context_of_both_kinds(self, logger: logging.Logger) -> None:
        """This library's context and structlog's contextvars are merged; extra wins over both."""
        handler = attach(logger)
        bind_audit_context(application_id="app")
        structlog.contextvars.bind_contextvars(user_id="from-structlog", session_id="s")
        logger.info("x", extra={"audit_event": SIGN_IN, "session_id": "from-extra"})
        attrs = vars(handler.records[0])
        assert (attrs["audit.application.id"], attrs["user.id"], attrs["session.id"]) == (
            "app",
            "from-structlog",
            "from-extra",
        )

    def test_on_logger_and_handler_enriches_once(self, logger: logging.Logger) -> None:
        """A second AuditLogFilter leaves an already enriched record alone."""
        handler = attach(logger, on="logger")
        handler.addFilter(AuditLogFilter())
        with capture_audit_events() as records:
            logger.info(SIGN_IN, extra={"user_id": "u"})
            logger.info("x", extra={"audit_event": SIGN_IN})
        assert len(records) == 2
        assert vars(handler.records[0])["user.id"] == "u"

    def test_drop(self, logger: logging.Logger) -> None:
        """on_unknown="drop" drops the record."""
        handler = Collect()
        handler.addFilter(AuditLogFilter(on_unknown="drop"))
        logger.addHandler(handler)
        logger.info("x", extra={"audit_event": "Nope"})
        logger.info("y", extra={"audit_event": SIGN_IN})
        assert [r.getMessage() for r in handler.records] == ["y"]

    def test_raise(self, logger: logging.Logger) -> None:
        """on_unknown="raise" raises out of the log call."""
        logger.addFilter(AuditLogFilter(on_unknown="raise"))
        with pytest.raises(UnknownEventError):
            logger.info("x", extra={"audit_event": "Nope"})

    def test_keep_warns(self, logger: logging.Logger) -> None:
        """The default keeps an unknown key, warns once."""
        handler = attach(logger)
        with pytest.warns(UnknownEventWarning):
            logger.info("x", extra={"audit_event": "Nope"})
        assert vars(handler.records[0])["audit.event.known"] is False

    def test_name_restricts_as_logging_filter_does(self, logger: logging.Logger) -> None:
        """A named AuditLogFilter passes only its logger's hierarchy, like any logging.Filter."""
        handler = Collect()
        handler.addFilter(AuditLogFilter("elsewhere"))
        logger.addHandler(handler)
        logger.info("x", extra={"audit_event": SIGN_IN})
        assert handler.records == []

    def test_options_are_checked_at_construction(self) -> None:
        """A wrong option raises when the filter is made, naming it."""
        with pytest.raises(ValueError, match="`spelling` must be one of"):
            AuditLogFilter(spelling="server")
        assert repr(AuditLogFilter()) == (
            "AuditLogFilter(on_unknown='keep', spelling='documented', profile='otel', nested=False)"
        )

    def test_an_unreadable_value_is_written_as_its_type(self, logger: logging.Logger) -> None:
        """A mapping that raises when read is one value the record writes as a placeholder; the rest is kept."""
        handler = attach(logger)
        logger.info("x", extra={"audit_event": SIGN_IN, "params": Exploding(), "password": "pw"})
        attrs = vars(handler.records[0])
        assert (attrs["audit.params"], attrs["password"]) == ("<unreadable Exploding>", "******")

    def test_internal_errors_are_contained(self, logger: logging.Logger, monkeypatch: pytest.MonkeyPatch) -> None:
        """If the record cannot be built (a fault of ours) the log call succeeds, without the unredacted extras."""
        monkeypatch.setattr(AuditCore, "_assemble", fault)
        handler = attach(logger)
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            logger.info("x", extra={"audit_event": SIGN_IN, "params": {"a": 1}, "password": "pw"})
        attrs = vars(handler.records[0])
        assert attrs["audit.internal_error"] == "RuntimeError"
        assert "password" not in attrs
        assert "params" not in attrs


def _json_lines(handler: Collect) -> list[dict[str, Any]]:
    for line in handler.lines:
        assert "\n" not in line
    return [json.loads(line) for line in handler.lines]


@pytest.mark.parametrize("formatter_class", FORMATTERS)
class TestAuditJsonFormatter:
    def test_one_line_with_timestamp_level_logger_message_and_audit_fields(
        self, logger: logging.Logger, formatter_class: type[logging.Formatter]
    ) -> None:
        """The JSON object has the standard fields first, then the audit fields."""
        handler = attach(logger, formatter=formatter_class())
        logger.info("signed in", extra={"audit_event": SIGN_IN, "user_id": "u1"})
        (line,) = _json_lines(handler)
        assert list(line)[:4] == ["timestamp", "level", "logger", "message"]
        stamp = datetime.fromisoformat(line["timestamp"])
        assert stamp.utcoffset() is not None
        assert stamp.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
        assert abs((datetime.now(UTC) - stamp).total_seconds()) < 60
        assert (line["level"], line["logger"], line["message"]) == ("INFO", logger.name, "signed in")
        assert line["audit.event.key"] == SIGN_IN
        assert line["user.id"] == "u1"

    def test_exception_is_failure_with_type_and_one_traceback_value_on_one_line(
        self, logger: logging.Logger, formatter_class: type[logging.Formatter]
    ) -> None:
        """exc_info renders outcome failure, exception.type, and the traceback as one JSON string."""
        handler = attach(logger, formatter=formatter_class())
        try:
            raise ValueError("bad code")  # noqa: TRY301 -- raised to be logged
        except ValueError:
            logger.exception("sign-in failed", extra={"audit_event": SIGN_IN})
        (line,) = _json_lines(handler)
        assert line["audit.event.outcome"] == "failure"
        assert line["exception.type"] == "ValueError"
        assert isinstance(line["exception.stacktrace"], str)
        assert line["exception.stacktrace"].startswith("Traceback (most recent call last):")
        assert line["exception.stacktrace"].endswith("ValueError: bad code")

    def test_trace_and_span_ids_inside_an_active_span(
        self, logger: logging.Logger, formatter_class: type[logging.Formatter]
    ) -> None:
        """A record logged inside a span carries that span's trace_id and span_id; outside, none."""
        handler = attach(logger, formatter=formatter_class())
        span = TracerProvider().get_tracer("test").start_span("sign-in")
        with use_span(span, end_on_exit=True):
            logger.info("in span", extra={"audit_event": SIGN_IN})
        logger.info("outside", extra={"audit_event": SIGN_IN})
        inside, outside = _json_lines(handler)
        context = span.get_span_context()
        assert inside["trace_id"] == format(context.trace_id, "032x")
        assert inside["span_id"] == format(context.span_id, "016x")
        assert len(inside["trace_id"]) == 32
        assert "trace_id" not in outside

    def test_alone_it_enriches_a_copy(self, logger: logging.Logger, formatter_class: type[logging.Formatter]) -> None:
        """Without AuditLogFilter the formatter still writes the audit record, and leaves the record as it was."""
        handler = Collect()
        handler.setFormatter(formatter_class())
        logger.addHandler(handler)
        logger.info("signed in", extra={"audit_event": SIGN_IN, "password": "pw"})
        (line,) = _json_lines(handler)
        assert line["password"] == MASK
        assert line["audit.event.key"] == SIGN_IN
        assert handler.records[0].password == "pw"  # type: ignore[attr-defined]

    def test_python_json_logger_options(self, logger: logging.Logger, formatter_class: type[logging.Formatter]) -> None:
        """rename_fields merges over the defaults; static_fields is python-json-logger's own."""
        formatter = formatter_class(rename_fields={"message": "msg"}, static_fields={"service": "auth"})  # type: ignore[call-arg]
        handler = attach(logger, formatter=formatter)
        logger.info("x", extra={"audit_event": SIGN_IN})
        (line,) = _json_lines(handler)
        assert (line["msg"], line["level"], line["service"]) == ("x", "INFO", "auth")

    def test_timestamp_can_be_turned_off(
        self, logger: logging.Logger, formatter_class: type[logging.Formatter]
    ) -> None:
        """timestamp=False is python-json-logger's option, honoured."""
        handler = attach(logger, formatter=formatter_class(timestamp=False))  # type: ignore[call-arg]
        logger.info("x", extra={"audit_event": SIGN_IN})
        (line,) = _json_lines(handler)
        assert "timestamp" not in line
        assert list(line)[:3] == ["level", "logger", "message"]

    def test_dropped_record_formats_to_nothing(
        self, logger: logging.Logger, formatter_class: type[logging.Formatter]
    ) -> None:
        """With on_unknown="drop" and no filter before it, the formatter writes an empty string."""
        handler = Collect()
        handler.setFormatter(formatter_class(on_unknown="drop"))  # type: ignore[call-arg]
        logger.addHandler(handler)
        logger.info("x", extra={"audit_event": "Nope"})
        assert handler.lines == [""]


def test_dict_config(tmp_path: Path) -> None:
    """Filter and formatter are built by a real dictConfig from "()" factories, with options."""
    path = tmp_path / "audit.jsonl"
    config = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"audit": {"()": "audit_logging.AuditLogFilter", "spelling": "logto"}},
        "formatters": {
            "json": {"()": "audit_logging.AuditJsonFormatter", "static_fields": {"service": "auth"}},
        },
        "handlers": {
            "file": {
                "class": "logging.FileHandler",
                "filename": str(path),
                "filters": ["audit"],
                "formatter": "json",
            }
        },
        "loggers": {"dictconfig.test": {"handlers": ["file"], "level": "INFO", "propagate": False}},
    }
    logging.config.dictConfig(config)
    log = logging.getLogger("dictconfig.test")
    try:
        log.info(
            "sms code checked",
            extra={
                "audit_event": "Interaction.SignIn.Verification.SmsVerificationCode.Submit",
                "verificationCode": "123456",
            },
        )
    finally:
        for handler in list(log.handlers):
            handler.close()
            log.removeHandler(handler)
    (line,) = [json.loads(text) for text in path.read_text().splitlines()]
    assert line["audit.event.key"] == "Interaction.SignIn.Verification.PhoneVerificationCode.Submit"
    assert line["verificationCode"] == MASK
    assert line["service"] == "auth"


def test_add_trace_context() -> None:
    """The structlog processor adds the active span's ids, and nothing outside a span."""
    span = TracerProvider().get_tracer("test").start_span("s")
    with use_span(span, end_on_exit=True):
        inside = add_trace_context(None, "info", {})
    assert inside == {
        "trace_id": format(span.get_span_context().trace_id, "032x"),
        "span_id": format(span.get_span_context().span_id, "016x"),
    }
    assert add_trace_context(None, "info", {}) == {}


# The audit fields a record must carry the same whichever way it was logged.
def _audit_part(line: dict[str, Any]) -> dict[str, Any]:
    ignored = {"timestamp", "level", "logger", "event", "message", "exc_info", "exception.stacktrace", "exception"}
    return {key: value for key, value in without_identity(line).items() if key not in ignored}


def _via_structlog_native(stream: io.StringIO, call: dict[str, Any]) -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            AuditEventProcessor(),
            structlog.processors.JSONRenderer(),
        ],
        logger_factory=structlog.PrintLoggerFactory(stream),
    )
    structlog.get_logger().info("signed in", **call)


def _processor_formatter_logger(stream: io.StringIO) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[
                structlog.contextvars.merge_contextvars,
                structlog.stdlib.ExtraAdder(),
                AuditEventProcessor(),
            ],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    log = logging.getLogger("parity.processor_formatter")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.INFO)
    return log


def _via_structlog_through_stdlib(stream: io.StringIO, call: dict[str, Any]) -> None:
    _processor_formatter_logger(stream)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            AuditEventProcessor(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
    )
    structlog.get_logger("parity.processor_formatter").info("signed in", **call)


def _via_stdlib_foreign_pre_chain(stream: io.StringIO, call: dict[str, Any]) -> None:
    _processor_formatter_logger(stream).info("signed in", extra=call)


def _via_stdlib_filter_and_formatter(stream: io.StringIO, call: dict[str, Any]) -> None:
    stdlib_audit_logger("parity.filter", stream).info("signed in", extra=call)


WAYS = {
    "structlog": _via_structlog_native,
    "structlog through ProcessorFormatter": _via_structlog_through_stdlib,
    "stdlib through foreign_pre_chain": _via_stdlib_foreign_pre_chain,
    "stdlib with AuditLogFilter and AuditJsonFormatter": _via_stdlib_filter_and_formatter,
}
CALLS = {
    "plain": {"audit_event": SIGN_IN, "user_id": "u1", "client_address": "203.0.113.9"},
    "secrets and payload": {
        "audit_event": "ExchangeTokenBy.AuthorizationCode",
        "applicationId": "app",
        "params": {"code": "c", "grant_type": "authorization_code"},
        "client_secret": "s",
    },
    "failure": {"audit_event": "Interaction.SignIn.Verification.Totp.Submit", "outcome": "failure", "user_id": "u1"},
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize("way", list(WAYS.values())[1:], ids=list(WAYS)[1:])
def test_parity_with_structlog(way: Callable[[io.StringIO, dict[str, Any]], None], call: dict[str, Any]) -> None:
    """The same audit event logged through stdlib or structlog comes out with identical audit fields."""
    bind_audit_context(session_id="s-1")
    reference, other = io.StringIO(), io.StringIO()
    _via_structlog_native(reference, dict(call))
    structlog.reset_defaults()
    way(other, dict(call))
    expected = _audit_part(json.loads(reference.getvalue()))
    actual = _audit_part(json.loads(other.getvalue()))
    assert actual == expected
    assert expected["session.id"] == "s-1"
