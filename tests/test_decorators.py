"""audit_interaction: decorator and context manager, sync and async, spans, context, errors."""

from __future__ import annotations

import asyncio
import inspect
import io
import json
import logging
import subprocess
import sys
import traceback
import warnings
from typing import TYPE_CHECKING, Any

import pytest
import structlog
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from audit_logging import (
    AuditEventProcessor,
    AuditJsonFormatter,
    AuditLogFilter,
    AuditLoggingWarning,
    EventKey,
    OTelAuditProcessor,
    UnknownEventError,
    audit_interaction,
    get_audit_context,
)
from audit_logging.testing import capture_audit_events
from loggers import logger_to

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

SIGN_IN = "Interaction.SignIn.Submit"
TOTP = EventKey.INTERACTION_SIGN_IN_VERIFICATION_TOTP_SUBMIT


@pytest.fixture(autouse=True)
def _pipeline() -> None:
    structlog.configure(
        processors=[structlog.processors.add_log_level, AuditEventProcessor(), structlog.processors.JSONRenderer()],
        logger_factory=structlog.ReturnLoggerFactory(),
    )


@pytest.fixture
def tracing() -> Iterator[tuple[TracerProvider, InMemorySpanExporter]]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield provider, exporter
    provider.shutdown()


class TestDecorator:
    def test_sync_success(self) -> None:
        """A sync handler returns its result; the record says success, its interaction and its duration."""

        @audit_interaction(SIGN_IN, context=lambda user, **_: {"user_id": user})
        def submit(user: str, *, password: str) -> str:
            assert get_audit_context()["user.id"] == user  # bound for the handler's own logs too
            return f"welcome {user} ({len(password)})"

        with capture_audit_events() as records:
            assert submit("u-1", password="pw") == "welcome u-1 (2)"
        (record,) = records
        assert record["audit.event.key"] == SIGN_IN
        assert record["audit.event.outcome"] == "success"
        assert record["audit.interaction.event"] == "SignIn"
        assert record["user.id"] == "u-1"
        assert record["event"] == "Submit sign-in interaction"
        assert isinstance(record["audit.duration_ms"], float)
        assert record["audit.duration_ms"] >= 0
        assert get_audit_context() == {}

    def test_async_success(self) -> None:
        """An async handler is awaited inside the interaction."""

        @audit_interaction(TOTP)
        async def verify(code: str) -> bool:
            await asyncio.sleep(0)
            return code == "123456"

        with capture_audit_events() as records:
            assert asyncio.run(verify("123456")) is True
        assert records[0]["audit.event.key"] == TOTP
        assert inspect.iscoroutinefunction(verify)

    def test_methods(self) -> None:
        """A method is decorated like a function; context gets self first."""

        class Service:
            tenant = "acme"

            @audit_interaction(SIGN_IN, context=lambda self, user: {"tenant": self.tenant, "user_id": user})
            def sign_in(self, user: str) -> str:
                return user

        with capture_audit_events() as records:
            assert Service().sign_in("u-2") == "u-2"
        assert (records[0]["audit.tenant"], records[0]["user.id"]) == ("acme", "u-2")

    def test_name_doc_and_signature_are_kept(self) -> None:
        """Frameworks that read the signature (FastAPI) or the name (Flask) see the handler's own."""

        @audit_interaction(SIGN_IN)
        def submit(user: str, remember: bool = False) -> str:  # noqa: FBT001, FBT002 -- a signature to inspect
            """Sign in."""
            return user if remember else ""

        assert submit.__name__ == "submit"
        assert submit.__doc__ == "Sign in."
        assert str(inspect.signature(submit)) == "(user: 'str', remember: 'bool' = False) -> 'str'"

    def test_the_same_exception_is_raised_with_its_traceback(self) -> None:
        """On failure the record says so, and the very exception object propagates, traceback intact."""
        raised: list[BaseException] = []

        @audit_interaction(TOTP)
        def verify() -> None:
            error = PermissionError("wrong code")
            raised.append(error)
            raise error

        with capture_audit_events() as records, pytest.raises(PermissionError) as caught:
            verify()
        assert caught.value is raised[0]
        frames = [frame.name for frame in traceback.extract_tb(caught.value.__traceback__)]
        assert frames[-1] == "verify"
        (record,) = records
        assert (record["audit.event.outcome"], record["error.type"], record["exception.message"]) == (
            "failure",
            "PermissionError",
            "wrong code",
        )
        assert get_audit_context() == {}

    def test_async_exception(self) -> None:
        """An async handler's exception is the same object too."""
        error = TimeoutError("upstream")

        @audit_interaction(SIGN_IN)
        async def submit() -> None:
            raise error

        with capture_audit_events() as records, pytest.raises(TimeoutError) as caught:
            asyncio.run(submit())
        assert caught.value is error
        assert records[0]["audit.event.outcome"] == "failure"

    def test_generators_are_refused_at_decoration(self) -> None:
        """A generator would end the interaction at its first yield: refused with a clear TypeError."""

        def numbers() -> Iterator[int]:
            yield 1

        async def stream() -> AsyncIterator[int]:
            yield 1

        for func in (numbers, stream):
            with pytest.raises(TypeError, match="cannot decorate the generator function"):
                audit_interaction(SIGN_IN)(func)

    def test_unknown_key_fails_at_decoration(self) -> None:
        """A typo in the key is caught when the module loads, not on the first request."""
        with pytest.raises(UnknownEventError, match=r"did you mean 'Interaction\.SignIn\.Submit'"):
            audit_interaction("Interaction.SignIn.Sbmit")

    def test_logto_spelling_is_accepted(self) -> None:
        """Either spelling of a key names the same event."""
        assert audit_interaction("Interaction.SignIn.Verification.PhoneVerificationCode.Submit").event.key == (
            "Interaction.SignIn.Verification.SmsVerificationCode.Submit"
        )

    def test_a_failing_context_callable_never_breaks_the_handler(self) -> None:
        """If context raises or returns no mapping, the handler still runs; reported once."""

        @audit_interaction(SIGN_IN, context=lambda: {"x": 1 / 0})
        def broken() -> str:
            return "ran"

        @audit_interaction(SIGN_IN, context=lambda: ["not", "a", "mapping"])  # type: ignore[arg-type,return-value]
        def wrong() -> str:
            return "ran"

        with warnings.catch_warnings(record=True) as caught, capture_audit_events() as records:
            warnings.simplefilter("always")
            assert broken() == "ran"
            assert wrong() == "ran"
        assert len(records) == 2
        assert len(caught) == 1
        assert "ZeroDivisionError" in str(caught[0].message)

    def test_a_failing_logger_never_breaks_the_handler(self) -> None:
        """If logging fails the handler's result still comes back; reported once."""

        class Broken:
            def info(self, *_: object, **__: object) -> None:
                raise RuntimeError

            error = info

        @audit_interaction(SIGN_IN, logger=Broken())
        def submit() -> int:
            return 7

        with pytest.warns(AuditLoggingWarning, match="audit_interaction could not log"):
            assert submit() == 7

    def test_custom_logger_and_message(self) -> None:
        """logger= and message= choose where and how the event is logged."""
        log = structlog.get_logger("auth.handlers").bind(component="auth")

        @audit_interaction(SIGN_IN, logger=log, message="sign-in submitted")
        def submit() -> None:
            return None

        with capture_audit_events() as records:
            submit()
        assert (records[0]["event"], records[0]["component"]) == ("sign-in submitted", "auth")

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"context": {"user_id": "u"}}, "`context` must be a callable returning a mapping, not dict"),
            ({"logger": object()}, "`logger` must be a logger with info\\(\\) and error\\(\\), not object"),
            ({"logger": "x"}, "`logger` must be a logger with info\\(\\) and error\\(\\), not str 'x'"),
            ({"message": 1}, "`message` must be a str or None"),
            ({"span": "no"}, "`span` must be a bool"),
        ],
    )
    def test_bad_options(self, options: dict[str, Any], message: str) -> None:
        """Options are checked when the decorator is made."""
        with pytest.raises(TypeError, match=message):
            audit_interaction(SIGN_IN, **options)

    def test_only_callables_are_decorated(self) -> None:
        """Decorating something that is not a function is a TypeError."""
        with pytest.raises(TypeError, match="`func` must be a function"):
            audit_interaction(SIGN_IN)("not a function")  # type: ignore[arg-type]


class TestContextManager:
    def test_with_block(self) -> None:
        """As a context manager it audits the block, gives the event, and restores the context after."""
        with capture_audit_events() as records, audit_interaction(SIGN_IN) as event:
            assert event.name == "Submit sign-in interaction"
            assert get_audit_context() == {"audit.interaction.event": "SignIn"}
        assert records[0]["audit.event.outcome"] == "success"
        assert get_audit_context() == {}

    def test_failure_in_the_block_propagates(self) -> None:
        """An exception in the block is recorded and not swallowed."""
        with capture_audit_events() as records, pytest.raises(KeyError), audit_interaction(SIGN_IN):
            raise KeyError("session")
        assert records[0]["error.type"] == "KeyError"

    def test_async_with_and_reuse(self) -> None:
        """async with works, and one instance can be entered again, even nested."""
        interaction = audit_interaction(SIGN_IN)

        async def run() -> None:
            async with interaction, interaction:
                pass
            async with interaction:
                pass

        with capture_audit_events() as records:
            asyncio.run(run())
        assert len(records) == 3
        assert repr(interaction) == "audit_interaction('Interaction.SignIn.Submit')"


class TestSpans:
    def test_a_span_named_after_the_key(self, tracing: tuple[TracerProvider, InMemorySpanExporter]) -> None:
        """With tracing configured, the interaction runs in its own span, ended when it returns."""
        provider, exporter = tracing

        @audit_interaction(SIGN_IN, tracer_provider=provider)
        def submit() -> None:
            return None

        submit()
        (span,) = exporter.get_finished_spans()
        assert span.name == SIGN_IN
        assert span.status.status_code is StatusCode.UNSET

    @pytest.mark.parametrize("with_otel_processor", [False, True])
    def test_failure_marks_the_span_and_records_the_exception_once(
        self,
        tracing: tuple[TracerProvider, InMemorySpanExporter],
        with_otel_processor: bool,  # noqa: FBT001
    ) -> None:
        """A failure sets ERROR and records one exception event, with or without OTelAuditProcessor."""
        provider, exporter = tracing
        if with_otel_processor:
            structlog.configure(
                processors=[AuditEventProcessor(), OTelAuditProcessor(), structlog.processors.JSONRenderer()],
                logger_factory=structlog.ReturnLoggerFactory(),
            )

        @audit_interaction(TOTP, tracer_provider=provider)
        def verify() -> None:
            raise PermissionError("wrong code")

        with pytest.raises(PermissionError):
            verify()
        (span,) = exporter.get_finished_spans()
        assert span.status.status_code is StatusCode.ERROR
        assert [event.name for event in span.events].count("exception") == 1

    def test_span_off(self, tracing: tuple[TracerProvider, InMemorySpanExporter]) -> None:
        """span=False starts none."""
        provider, exporter = tracing

        @audit_interaction(SIGN_IN, tracer_provider=provider, span=False)
        def submit() -> None:
            return None

        submit()
        assert exporter.get_finished_spans() == ()

    def test_no_tracing_configured_no_span(self) -> None:
        """With only OpenTelemetry's default (proxy) provider there is nothing to start a span with."""

        @audit_interaction(SIGN_IN)
        def submit() -> str:
            return "ok"

        assert submit() == "ok"


def test_concurrent_requests_keep_their_own_context() -> None:
    """Two hundred concurrent decorated handlers each record only their own user."""

    @audit_interaction(SIGN_IN, context=lambda user: {"user_id": user, "session_id": f"s-{user}"})
    async def submit(user: str) -> str:
        for _ in range(3):
            await asyncio.sleep(0)
        assert get_audit_context()["user.id"] == user
        return user

    async def all_requests() -> list[str]:
        return await asyncio.gather(*(submit(f"u{i}") for i in range(200)))

    with capture_audit_events() as records:
        assert asyncio.run(all_requests()) == [f"u{i}" for i in range(200)]
    assert len(records) == 200
    for record in records:
        assert record["session.id"] == f"s-{record['user.id']}"


def test_no_opentelemetry_import_without_tracing() -> None:
    """An application that never imported OpenTelemetry gets no span and no OpenTelemetry import."""
    code = (
        "import sys, structlog\n"
        "from audit_logging import audit_interaction\n"
        "structlog.configure(processors=[lambda *a: ''], logger_factory=structlog.ReturnLoggerFactory())\n"
        "@audit_interaction('Interaction.SignIn.Submit')\n"
        "def submit():\n"
        "    return 1\n"
        "assert submit() == 1\n"
        "assert 'opentelemetry.trace' not in sys.modules, 'imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


class TestStandardLibraryLoggers:
    """Issue 14, item 5: ``logger=`` a stdlib Logger or LoggerAdapter logs the record, through its handlers."""

    @staticmethod
    def _logger() -> tuple[logging.Logger, io.StringIO]:
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(AuditLogFilter())
        handler.setFormatter(AuditJsonFormatter())
        return logger_to("test.decorators.stdlib", handler), stream

    def test_a_logger_gets_the_complete_record(self) -> None:
        logger, stream = self._logger()

        @audit_interaction(SIGN_IN, logger=logger, context=lambda user: {"user_id": user})
        def sign_in(user: str) -> None:
            del user

        sign_in("u-1")
        with pytest.raises(ValueError, match="bad password"):
            audit_interaction(SIGN_IN, logger=logger)(_fails)()
        first, second = (json.loads(line) for line in stream.getvalue().splitlines())
        assert (first["audit.event.key"], first["audit.event.outcome"], first["user.id"]) == (SIGN_IN, "success", "u-1")
        assert first["level"] == "INFO"
        assert isinstance(first["audit.duration_ms"], float)
        assert isinstance(first["audit.record.id"], str)
        assert (second["audit.event.outcome"], second["error.type"], second["level"]) == (
            "failure",
            "ValueError",
            "ERROR",
        )
        assert second["exception.stacktrace"].endswith("ValueError: bad password")

    def test_an_adapter_keeps_its_own_extra_and_processing(self) -> None:
        logger, stream = self._logger()

        class Prefixed(logging.LoggerAdapter):  # type: ignore[type-arg]
            def process(self, msg: Any, kwargs: Any) -> tuple[Any, Any]:  # noqa: ANN401 -- logging's signature
                msg, kwargs = super().process(msg, kwargs)
                return f"[auth] {msg}", kwargs

        audit_interaction(SIGN_IN, logger=Prefixed(logger, {"tenant": "t-1"}))(lambda: None)()
        (line,) = (json.loads(text) for text in stream.getvalue().splitlines())
        assert (line["message"], line["tenant"], line["audit.event.key"]) == (
            "[auth] Submit sign-in interaction",
            "t-1",
            SIGN_IN,
        )


def _fails() -> None:
    raise ValueError("bad password")
