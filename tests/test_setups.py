"""Issue 15, item 1: the decorator and the context manager make the same complete record in every logging setup.

Each setup is one an application really has: structlog with or without
AuditEventProcessor, structlog not configured at all, the standard library
only (dictConfig with the filter and formatter, or a plain basicConfig), and
``logger=`` given a stdlib Logger, a LoggerAdapter or a structlog logger. In
each, the record is complete (key, name, category, outcome, duration, record
id, the error's fields on a failure), built once, goes through the
application's own handlers and renderers, and ``capture_audit_events()``
sees it.
"""

from __future__ import annotations

import io
import json
import logging
import logging.config
from typing import TYPE_CHECKING, Any

import pytest
import structlog

from audit_logging import AuditEventProcessor, AuditJsonFormatter, AuditLogFilter, audit_interaction
from audit_logging.testing import capture_audit_events

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

SMS = "Interaction.SignIn.Verification.SmsVerificationCode.Submit"
LOGTO_SMS = "Interaction.SignIn.Verification.PhoneVerificationCode.Submit"  # Logto's own spelling of it


@pytest.fixture(autouse=True)
def _stdlib_restored() -> Iterator[None]:
    """Each test sets up logging its own way; the root and the library's logger are put back after."""
    root, ours = logging.getLogger(), logging.getLogger("audit_logging")
    saved = (root.handlers[:], root.level, ours.handlers[:], ours.level, ours.propagate)
    root.handlers[:] = []
    yield
    root.handlers[:], level, ours.handlers[:], ours_level, ours.propagate = saved
    root.setLevel(level)
    ours.setLevel(ours_level)


def _interaction(*, fail: bool = False, **options: Any) -> list[dict[str, object]]:  # noqa: ANN401
    """Run one decorated handler (failing, if asked); the records the capture saw."""

    @audit_interaction(SMS, context=lambda user: {"user_id": user}, **options)
    def verify(user: str) -> None:
        del user
        if fail:
            msg = "code expired"
            raise PermissionError(msg)

    with capture_audit_events() as records:
        if fail:
            with pytest.raises(PermissionError):
                verify("u-1")
        else:
            verify("u-1")
    return records


def _complete(line: dict[str, Any], *, key: str = SMS, outcome: str = "success") -> None:
    """The fields every audit record has, whichever setup wrote it."""
    assert line["audit.event.key"] == key
    assert line["audit.event.name"] == "Verify sign-in SMS verification code"
    assert line["audit.event.category"] == "Sign in"
    assert line["audit.event.outcome"] == outcome
    assert line["user.id"] == "u-1"
    assert line["audit.interaction.event"] == "SignIn"
    assert isinstance(line["audit.duration_ms"], float)
    assert isinstance(line["audit.record.id"], str)
    assert isinstance(line["audit.record.sequence"], int)
    if outcome == "failure":
        assert (line["error.type"], line["exception.message"]) == ("PermissionError", "code expired")


def _json(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def _structlog(processors: list[Any]) -> io.StringIO:
    stream = io.StringIO()
    structlog.configure(processors=processors, logger_factory=structlog.WriteLoggerFactory(stream))
    return stream


class TestStructlog:
    def test_configured_with_the_processor_its_options_apply(self) -> None:
        """The pipeline builds the record, with its own options (Logto's spelling here): once."""
        stream = _structlog([AuditEventProcessor(spelling="logto"), structlog.processors.JSONRenderer()])
        records = _interaction()
        (line,) = _json(stream)
        _complete(line, key=LOGTO_SMS)
        assert len(records) == 1

    @pytest.mark.parametrize("fail", [False, True])
    def test_configured_without_the_processor_the_record_is_built_first(self, *, fail: bool) -> None:
        stream = _structlog([structlog.processors.add_log_level, structlog.processors.JSONRenderer()])
        records = _interaction(fail=fail)
        (line,) = _json(stream)
        _complete(line, outcome="failure" if fail else "success")
        assert line["level"] == ("error" if fail else "info")
        assert len(records) == 1
        if fail:
            assert line["exception"].endswith("PermissionError: code expired")

    def test_not_configured_at_all_nothing_is_printed_past_the_application(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """structlog's default logger would print a bare line to stdout: the stdlib logger is used instead."""
        assert not structlog.is_configured()
        (record,) = _interaction()
        _complete(record)
        assert capsys.readouterr().out == ""

    def test_through_the_standard_library_the_processor_formatters_options_apply(self) -> None:
        """structlog rendering through stdlib handlers (ProcessorFormatter) with the processor there: it builds."""
        structlog.configure(
            processors=[structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
            logger_factory=structlog.stdlib.LoggerFactory(),
        )
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(
            structlog.stdlib.ProcessorFormatter(
                processors=[
                    AuditEventProcessor(spelling="logto"),
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.JSONRenderer(),
                ]
            )
        )
        logging.getLogger().addHandler(handler)
        logging.getLogger().setLevel(logging.INFO)
        records = _interaction()
        (line,) = _json(stream)
        _complete(line, key=LOGTO_SMS)
        assert len(records) == 1


class TestStandardLibrary:
    @pytest.mark.parametrize("fail", [False, True])
    def test_dictconfig_with_the_filter_and_formatter_their_options_apply(self, *, fail: bool) -> None:
        stream = io.StringIO()
        logging.config.dictConfig(
            {
                "version": 1,
                "disable_existing_loggers": False,
                "filters": {"audit": {"()": AuditLogFilter, "spelling": "logto"}},
                "formatters": {"json": {"()": AuditJsonFormatter}},
                "handlers": {
                    "out": {
                        "class": "logging.StreamHandler",
                        "stream": stream,
                        "filters": ["audit"],
                        "formatter": "json",
                    }
                },
                "root": {"handlers": ["out"], "level": "INFO"},
            }
        )
        records = _interaction(fail=fail)
        (line,) = _json(stream)
        _complete(line, key=LOGTO_SMS, outcome="failure" if fail else "success")
        assert line["logger"] == "audit_logging"
        assert len(records) == 1
        if fail:
            assert line["exception.stacktrace"].endswith("PermissionError: code expired")

    def test_a_plain_basicconfig_gets_every_field_on_the_record(self) -> None:
        stream = io.StringIO()
        logging.basicConfig(
            stream=stream,
            level=logging.INFO,
            format="%(levelname)s %(message)s key=%(audit.event.key)s outcome=%(audit.event.outcome)s",
            force=True,
        )
        (record,) = _interaction(fail=True)
        _complete(record, outcome="failure")
        first = stream.getvalue().splitlines()[0]
        assert first == f"ERROR Verify sign-in SMS verification code key={SMS} outcome=failure"
        assert "PermissionError: code expired" in stream.getvalue()  # the traceback, as logging writes it

    def test_the_context_manager_too(self) -> None:
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(AuditJsonFormatter())
        logging.getLogger().addHandler(handler)
        logging.getLogger().setLevel(logging.INFO)
        with capture_audit_events() as records, audit_interaction(SMS):
            pass
        (line,) = _json(stream)
        assert (line["audit.event.key"], line["audit.event.outcome"]) == (SMS, "success")
        assert len(records) == 1

    def test_a_level_the_logger_does_not_log_writes_nothing_and_the_capture_still_sees_it(self) -> None:
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        logging.getLogger().addHandler(handler)
        logging.getLogger("audit_logging").setLevel(logging.WARNING)
        (record,) = _interaction()
        _complete(record)
        assert stream.getvalue() == ""

    def test_a_filter_on_a_logger_and_its_handler_keeps_the_record_carried(self) -> None:
        """The second filter leaves an enriched record as it is: the formatter still renders from its record."""
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(AuditLogFilter())
        handler.setFormatter(AuditJsonFormatter(profile="ecs"))
        logger = logging.getLogger("test.setups.twice")
        logger.handlers[:] = [handler]
        logger.propagate = False
        logger.addFilter(AuditLogFilter())
        logger.setLevel(logging.INFO)
        logger.info("signed in", extra={"audit_event": SMS})
        (line,) = _json(stream)
        assert line["event"]["action"] == SMS


class TestGivenLoggers:
    @staticmethod
    def _stdlib(*, with_filter: bool) -> tuple[logging.Logger, io.StringIO]:
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        if with_filter:
            handler.addFilter(AuditLogFilter(spelling="logto"))
            handler.setFormatter(AuditJsonFormatter())
        else:
            handler.setFormatter(logging.Formatter("%(message)s %(audit.event.key)s %(audit.record.id)s"))
        logger = logging.getLogger(f"test.setups.given.{with_filter}")
        logger.handlers[:] = [handler]
        logger.propagate = False
        logger.setLevel(logging.INFO)
        return logger, stream

    def test_a_stdlib_logger_with_the_filter_builds_with_its_options(self) -> None:
        logger, stream = self._stdlib(with_filter=True)
        records = _interaction(logger=logger)
        (line,) = _json(stream)
        _complete(line, key=LOGTO_SMS)
        assert len(records) == 1

    @pytest.mark.parametrize("adapt", [False, True])
    def test_a_stdlib_logger_without_it_gets_the_record_built_first(self, *, adapt: bool) -> None:
        logger, stream = self._stdlib(with_filter=False)
        given: Any = logging.LoggerAdapter(logger, {"tenant": "t-1"}) if adapt else logger
        (record,) = _interaction(logger=given)
        _complete(record)
        assert stream.getvalue().startswith(f"Verify sign-in SMS verification code {SMS} {record['audit.record.id']}")

    @pytest.mark.parametrize("with_processor", [False, True])
    def test_a_structlog_logger(self, *, with_processor: bool) -> None:
        stream = io.StringIO()
        processors: list[Callable[..., Any]] = [structlog.processors.JSONRenderer()]
        if with_processor:
            processors.insert(0, AuditEventProcessor(spelling="logto"))
        logger = structlog.wrap_logger(structlog.WriteLogger(stream), processors=processors)
        records = _interaction(logger=logger)
        (line,) = _json(stream)
        _complete(line, key=LOGTO_SMS if with_processor else SMS)
        assert len(records) == 1
