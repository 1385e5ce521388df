"""The OpenTelemetry integration with the SDK's in-memory exporters: attributes, log records, span events."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import warnings
from typing import TYPE_CHECKING, Any

import pytest
import structlog
from opentelemetry.trace import StatusCode

from audit_logging import (
    AuditEventProcessor,
    AuditJsonFormatter,
    AuditLogFilter,
    AuditLoggingWarning,
    AuditOTelHandler,
    OTelAuditProcessor,
    configure_opentelemetry,
)
from audit_logging.otel import otel_attributes
from identity import without_identity
from loggers import json_logger

if TYPE_CHECKING:
    from structlog.typing import EventDict, Processor

    from pipeline import Pipeline

SIGN_IN = "Interaction.SignIn.Submit"


def structlog_logger(*processors: Processor) -> Any:  # noqa: ANN401 -- structlog's loggers are untyped
    """A real structlog logger whose calls return the rendered JSON line."""
    return structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[structlog.processors.add_log_level, AuditEventProcessor(), *processors, _as_dict],
    )


def _as_dict(_: object, __: str, event_dict: EventDict) -> str:
    return json.dumps(event_dict, default=str)


class BrokenProvider:
    """A LoggerProvider whose logger fails on every emit, as an exporter in trouble might."""

    def get_logger(self, *_: object, **__: object) -> BrokenProvider:
        return self

    def emit(self, *_: object, **__: object) -> None:
        msg = "exporter on fire"
        raise RuntimeError(msg)


class TestAttributes:
    def test_rules(self) -> None:
        """None dropped, primitives kept, mappings flattened, sequences kept or JSON-encoded, objects as str."""

        class Thing:
            def __str__(self) -> str:
                return "thing"

        fields = {
            "event": "not an attribute",
            "level": "info",
            "none": None,
            "flag": True,
            "count": 3,
            "ratio": 0.5,
            "raw": b"\x01",
            "params": {"grant_type": "code", "nested": {"deep": 1, "gone": None}},
            "scopes": ["openid", "profile"],
            "mixed": [1, "a", {"b": 2}],
            "object": Thing(),
        }
        assert otel_attributes(fields) == {
            "flag": True,
            "count": 3,
            "ratio": 0.5,
            "raw": b"\x01",
            "params.grant_type": "code",
            "params.nested.deep": 1,
            "scopes": ("openid", "profile"),
            "mixed": '[1, "a", {"b": 2}]',
            "object": "thing",
        }

    def test_strings_are_bounded_and_marked(self) -> None:
        """A string past the limit is cut there and says how much was cut."""
        assert otel_attributes({"ua": "x" * 15}, max_value_length=10) == {"ua": "x" * 10 + "…[truncated 5 chars]"}
        assert otel_attributes({"l": ["x" * 15]}, max_value_length=10) == {"l": ("x" * 10 + "…[truncated 5 chars]",)}

    def test_very_deep_mappings_are_encoded_whole(self) -> None:
        """Past sixteen levels a mapping is one JSON string rather than ever more dotted keys."""
        deep: dict[str, Any] = {"v": 1}
        for _ in range(20):
            deep = {"d": deep}
        (key, value), *_ = otel_attributes({"x": deep}).items()
        assert key.count(".") == 16
        assert isinstance(value, str)
        assert value.startswith('{"d": ')


class TestStructlogProcessor:
    def test_log_record_with_event_name_in_the_span_context(self, otel: Pipeline) -> None:
        """An audit event becomes a log record named by its key, linked to the active span, and a span event."""
        log = structlog_logger(OTelAuditProcessor(otel.logger_provider))
        with otel.tracer_provider.get_tracer("t").start_as_current_span("sign-in") as span:
            returned = log.info("user signed in", audit_event=SIGN_IN, user_id="u-1")
        (record,) = otel.log_records()
        assert record.event_name == SIGN_IN
        assert record.body == "user signed in"
        assert record.severity_text == "INFO"
        assert without_identity(dict(record.attributes)) == {
            "audit.event.key": SIGN_IN,
            "audit.event.name": "Submit sign-in interaction",
            "audit.event.category": "Sign in",
            "audit.event.outcome": "success",
            "user.id": "u-1",
        }
        assert record.trace_id == span.get_span_context().trace_id
        assert record.span_id == span.get_span_context().span_id
        (finished,) = otel.finished_spans()
        assert [(e.name, dict(e.attributes or {})) for e in finished.events] == [(SIGN_IN, dict(record.attributes))]
        assert json.loads(returned)["audit.event.key"] == SIGN_IN

    def test_odd_messages_and_levels_become_a_body_and_a_severity(self, otel: Pipeline) -> None:
        """A long message is cut and marked, a non-text one made text; an unknown level is INFO, not an error."""
        processor = OTelAuditProcessor(otel.logger_provider, max_value_length=10)
        for event, level in (("x" * 25, "warning"), (42, ["not", "a", "level"]), (None, "Warning")):
            processor(None, "info", {"event": event, "level": level, "audit.event.key": SIGN_IN})
        long, number, none = otel.log_records()
        assert (long.body, long.severity_text) == ("xxxxxxxxxx…[truncated 15 chars]", "WARN")
        assert (number.body, number.severity_text) == ("42", "INFO")
        assert (none.body, none.severity_text) == (None, "WARN")

    def test_failure_sets_the_span_status_and_records_the_exception(self, otel: Pipeline) -> None:
        """An exception attached to an audit event marks the span ERROR and records the exception."""
        log = structlog_logger(OTelAuditProcessor(otel.logger_provider))
        with otel.tracer_provider.get_tracer("t").start_as_current_span("sign-in"):
            try:
                raise ValueError("bad code")  # noqa: TRY301 -- raised to be logged
            except ValueError:
                log.exception("failed", audit_event=SIGN_IN)
        (finished,) = otel.finished_spans()
        assert finished.status.status_code is StatusCode.ERROR
        assert finished.status.description == "ValueError"
        assert [e.name for e in finished.events] == [SIGN_IN, "exception"]
        (record,) = otel.log_records()
        assert record.severity_text == "ERROR"

    def test_non_audit_events_and_no_span(self, otel: Pipeline) -> None:
        """Ordinary events send nothing; without a recording span only the log record goes."""
        log = structlog_logger(OTelAuditProcessor(otel.logger_provider))
        log.info("hello")
        log.info("x", audit_event=SIGN_IN)
        assert len(otel.log_records()) == 1
        assert otel.finished_spans() == []

    def test_switches(self, otel: Pipeline) -> None:
        """span_events=False and log_records=False turn each output off; both off is refused, as it sends nothing."""
        for span_events, log_records in ((False, True), (True, False)):
            log = structlog_logger(
                OTelAuditProcessor(otel.logger_provider, span_events=span_events, log_records=log_records)
            )
            with otel.tracer_provider.get_tracer("t").start_as_current_span("s"):
                log.info("x", audit_event=SIGN_IN)
        records, spans = otel.log_records(), otel.finished_spans()
        assert len(records) == 1
        assert [len(span.events) for span in spans] == [0, 1]
        with pytest.raises(ValueError, match="`span_events` and `log_records` are both False"):
            OTelAuditProcessor(otel.logger_provider, span_events=False, log_records=False)

    def test_nested_profile_output_is_recognised_and_flattened(self, otel: Pipeline) -> None:
        """With nested=True upstream, the record is still sent, with dotted attribute names."""
        log = structlog.wrap_logger(
            structlog.ReturnLogger(),
            processors=[AuditEventProcessor(nested=True), OTelAuditProcessor(otel.logger_provider)],
        )
        log.info("x", audit_event=SIGN_IN)
        (record,) = otel.log_records()
        assert record.attributes["audit.event.key"] == SIGN_IN

    def test_global_provider_is_used_when_none_is_given(self) -> None:
        """Without a provider the processor goes through the global one, a proxy until one is set."""
        log = structlog_logger(OTelAuditProcessor())
        assert json.loads(log.info("x", audit_event=SIGN_IN))["audit.event.key"] == SIGN_IN

    def test_errors_are_contained(self) -> None:
        """If sending fails the log call still returns, and the failure is reported once."""
        log = structlog_logger(OTelAuditProcessor(BrokenProvider()))  # type: ignore[arg-type]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert json.loads(log.info("x", audit_event=SIGN_IN))["audit.event.key"] == SIGN_IN
            log.info("x", audit_event=SIGN_IN)
        assert len(caught) == 1
        assert caught[0].category is AuditLoggingWarning

    @pytest.mark.parametrize(
        ("options", "error", "message"),
        [
            ({"span_events": "yes"}, TypeError, "`span_events` must be a bool"),
            ({"log_records": 1}, TypeError, "`log_records` must be a bool"),
            ({"max_value_length": 0}, ValueError, "`max_value_length` must be at least 1"),
            ({"max_value_length": "8k"}, TypeError, "`max_value_length` must be an int"),
            ({"logger_provider": object()}, TypeError, "`logger_provider` must be an OpenTelemetry LoggerProvider"),
        ],
    )
    def test_options_are_checked(self, options: dict[str, Any], error: type[Exception], message: str) -> None:
        """Bad options raise at construction, naming the parameter."""
        with pytest.raises(error, match=message):
            OTelAuditProcessor(**options)


class TestAuditOTelHandler:
    def _logger(self, otel: Pipeline, *, with_filter: bool) -> logging.Logger:
        logger = logging.getLogger(f"otel.test.{id(otel)}.{with_filter}")
        logger.propagate = False
        logger.setLevel(logging.INFO)
        logger.handlers[:] = [AuditOTelHandler(logger_provider=otel.logger_provider)]
        if with_filter:
            logger.filters[:] = [AuditLogFilter()]
        return logger

    @pytest.mark.parametrize("with_filter", [True, False])
    def test_sends_audit_records_only(self, otel: Pipeline, with_filter: bool) -> None:  # noqa: FBT001 -- a parameter
        """Audit records go out, filtered or not (an unfiltered one is enriched on a copy); others do not."""
        logger = self._logger(otel, with_filter=with_filter)
        logger.info("plain")
        logger.warning("x", extra={"audit_event": SIGN_IN, "password": "pw"})
        (record,) = otel.log_records()
        assert record.event_name == SIGN_IN
        assert record.severity_text == "WARN"
        assert record.attributes["password"] == "******"

    def test_a_dropped_record_sends_nothing(self, otel: Pipeline) -> None:
        """With on_unknown="drop" in its filter the handler sends nothing for an unknown key."""
        handler = AuditOTelHandler(logger_provider=otel.logger_provider, audit_filter=AuditLogFilter(on_unknown="drop"))
        handler.handle(logging.makeLogRecord({"msg": "x", "audit_event": "Nope"}))
        assert otel.log_records() == []

    def test_failures_go_to_handle_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A failure while sending is logging's to report (handleError), never the caller's exception."""
        handler = AuditOTelHandler(logger_provider=BrokenProvider())  # type: ignore[arg-type]
        reported: list[logging.LogRecord] = []
        monkeypatch.setattr(handler, "handleError", reported.append)
        handler.handle(logging.makeLogRecord({"msg": "x", "audit_event": SIGN_IN}))
        assert len(reported) == 1

    def test_audit_filter_option_is_checked(self) -> None:
        """audit_filter must be an AuditLogFilter."""
        with pytest.raises(TypeError, match="`audit_filter` must be an AuditLogFilter or None"):
            AuditOTelHandler(audit_filter=object())  # type: ignore[arg-type]


class TestConfigureOpenTelemetry:
    def test_console_fallback_and_handle(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With no endpoint anywhere, records go to the console exporters; the handle flushes and stops."""
        monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)
        handle = configure_opentelemetry(service_name="svc", set_global=False)
        assert handle.logger_provider.resource.attributes["service.name"] == "svc"
        assert handle.force_flush() is True
        handle.shutdown()

    def test_environment_is_honoured_and_arguments_win(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """OTEL_SERVICE_NAME and OTEL_EXPORTER_OTLP_* apply unless an argument says otherwise."""
        monkeypatch.setenv("OTEL_SERVICE_NAME", "from-env")
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        handle = configure_opentelemetry(set_global=False)
        assert handle.logger_provider.resource.attributes["service.name"] == "from-env"
        handle2 = configure_opentelemetry(service_name="explicit", protocol="http/protobuf", set_global=False)
        assert handle2.tracer_provider.resource.attributes["service.name"] == "explicit"
        for each in (handle, handle2):
            each.logger_provider.shutdown()
            each.tracer_provider.shutdown()

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"protocol": "thrift"}, "`protocol` must be one of 'grpc', 'http/protobuf', not 'thrift'"),
            ({"endpoint": "127.0.0.1:4317"}, "`endpoint` must be a URL"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, Any], message: str) -> None:
        """A wrong protocol or a schemeless endpoint is refused, naming the parameter."""
        with pytest.raises(ValueError, match=message):
            configure_opentelemetry(set_global=False, **kwargs)


class TestConfigureOpenTelemetryEdges:
    def test_missing_exporters_say_how_to_install_them(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the otlp extra, asking for OTLP names the extra to install."""
        monkeypatch.setitem(sys.modules, "opentelemetry.exporter.otlp.proto.grpc._log_exporter", None)
        with pytest.raises(ImportError, match=r"pip install 'logto-audit-logging\[otlp\]'"):
            configure_opentelemetry(endpoint="http://127.0.0.1:9", protocol="grpc", set_global=False)

    def test_no_service_name_anywhere(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without a service name, OpenTelemetry's own default applies."""
        monkeypatch.delenv("OTEL_SERVICE_NAME", raising=False)
        handle = configure_opentelemetry(set_global=False)
        assert str(handle.logger_provider.resource.attributes["service.name"]).startswith("unknown_service")
        handle.shutdown()

    def test_set_global_installs_the_providers(self) -> None:
        """By default the providers become the global ones (in a fresh interpreter: globals are set once)."""
        code = (
            "from audit_logging import configure_opentelemetry\n"
            "from opentelemetry import trace, _logs\n"
            "handle = configure_opentelemetry('svc')\n"
            "assert trace.get_tracer_provider() is handle.tracer_provider\n"
            "assert _logs.get_logger_provider() is handle.logger_provider\n"
            "handle.shutdown()\n"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
        subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)


def test_attributes_are_bounded_with_the_event_first() -> None:
    """Past the limit the event's own attributes stay, and the rest are counted, not dropped by the SDK."""
    fields: dict[str, object] = {f"extra{n}": n for n in range(200)}
    fields.update({"audit.event.key": "Interaction.SignIn.Submit", "audit.event.outcome": "success"})
    attributes = otel_attributes(fields, max_attributes=10)
    assert len(attributes) == 10
    assert attributes["audit.event.key"] == "Interaction.SignIn.Submit"
    assert attributes["audit.attributes.dropped"] == 202 - 9


class TestOpenTelemetrysOwnLoggingHandler:
    """Issue 15, item 2: opentelemetry-instrumentation-logging's LoggingHandler on the root logger."""

    def test_the_key_is_the_event_name_and_the_attributes_are_redacted(
        self, otel: Pipeline, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from opentelemetry.instrumentation.logging.handler import LoggingHandler  # noqa: PLC0415

        root = logging.getLogger()
        handler = LoggingHandler(logger_provider=otel.logger_provider)
        monkeypatch.setattr(root, "handlers", [handler])
        monkeypatch.setattr(root, "level", logging.INFO)
        auth = logging.getLogger("test.otel.own_handler")
        monkeypatch.setattr(auth, "filters", [AuditLogFilter()])
        auth.info("signed in", extra={"audit_event": SIGN_IN, "user_id": "u-1", "password": "pw"})
        auth.info("refreshed", extra={"audit_event": "ExchangeTokenBy.RefreshToken", "refresh_token": "r"})
        auth.info("plain", extra={"password": "pw"})
        signed_in, refreshed, plain = otel.log_records()
        assert (signed_in.event_name, refreshed.event_name, plain.event_name) == (
            SIGN_IN,
            "ExchangeTokenBy.RefreshToken",
            None,
        )
        attributes = dict(signed_in.attributes or {})
        assert (attributes["user.id"], attributes["password"], attributes["audit.event.outcome"]) == (
            "u-1",
            "******",
            "success",
        )
        assert "otel.event.name" not in attributes
        assert dict(refreshed.attributes or {})["refresh_token"] == "******"
        assert dict(plain.attributes or {})["password"] == "******"

    def test_logtos_spelling_when_configured(self, otel: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
        from opentelemetry.instrumentation.logging.handler import LoggingHandler  # noqa: PLC0415

        logger = logging.getLogger("test.otel.own_handler.logto")
        handler = LoggingHandler(logger_provider=otel.logger_provider)
        handler.addFilter(AuditLogFilter(spelling="logto"))
        monkeypatch.setattr(logger, "handlers", [handler])
        monkeypatch.setattr(logger, "propagate", False)
        logger.warning("sms", extra={"audit_event": "Interaction.SignIn.Verification.SmsVerificationCode.Submit"})
        (record,) = otel.log_records()
        assert record.event_name == "Interaction.SignIn.Verification.PhoneVerificationCode.Submit"

    def test_the_json_line_does_not_write_the_key_twice(self) -> None:
        logger, stream = json_logger("test.otel.own_handler.json", AuditJsonFormatter())
        logger.addFilter(AuditLogFilter())
        logger.info("signed in", extra={"audit_event": SIGN_IN})
        assert "otel.event.name" not in json.loads(stream.getvalue())
