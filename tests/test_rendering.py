"""One record, rendered once: the shared options, the renderers' outputs, and the record carried with the line."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import pytest
import structlog

import audit_logging.profiles
from audit_logging import AuditEventProcessor, AuditJsonFormatter, AuditLogFilter, AuditOptions, EventKey
from audit_logging.profiles import AuditDocument, Line, make_renderer, nest
from loggers import json_logger

if TYPE_CHECKING:
    from pipeline import Pipeline

SIGN_IN = EventKey.INTERACTION_SIGN_IN_SUBMIT.value


class TestOptions:
    @pytest.mark.parametrize("integration", [AuditEventProcessor, AuditLogFilter, AuditJsonFormatter])
    def test_a_misspelt_option_is_refused_by_name(self, integration: Any) -> None:  # noqa: ANN401 -- any of them
        with pytest.raises(TypeError, match="got an unexpected keyword argument 'profle'"):
            integration(profle="ecs")

    def test_nested_must_be_a_bool(self) -> None:
        with pytest.raises(TypeError, match="`nested` must be a bool"):
            AuditEventProcessor(nested="yes")  # type: ignore[arg-type]

    def test_one_options_value_configures_every_integration(self) -> None:
        options: AuditOptions = {"profile": "ecs", "spelling": "logto"}
        assert "profile='ecs'" in repr(AuditEventProcessor(**options))
        assert "spelling='logto'" in repr(AuditLogFilter(**options))


class TestRenderers:
    def test_the_default_renderer_is_shared_and_nested_ones_are_not(self) -> None:
        flat = make_renderer("otel", nested=False, spellings={})
        assert flat is make_renderer("otel", nested=False, spellings={})
        assert repr(flat) == "<otel profile, nested=False>"
        assert make_renderer("otel", nested=True, spellings={}) is not flat

    def test_otel_lines_are_the_record(self) -> None:
        renderer = make_renderer("otel", nested=True, spellings={})
        line = Line("m", "info", None, None)
        record = {"audit.event.key": SIGN_IN, "user.id": "u"}
        assert renderer.document(record, line) == {"audit": {"event": {"key": SIGN_IN}}, "user": {"id": "u"}}
        into = AuditDocument()
        assert renderer.document(record, line, into) is into
        assert renderer.plain({"a": 1}, line) == {"a": 1}
        assert renderer.attributes({**record, "event": "m", "exc_info": None}) == record

    def test_document_renderers_say_what_they_are(self) -> None:
        ecs = AuditEventProcessor(profile="ecs")._renderer
        assert repr(ecs) == "<ecs profile>"
        assert ecs.documents

    def test_the_schema_versions_load_with_their_profile(self) -> None:
        assert audit_logging.profiles.ECS_VERSION == "9.4.0"
        with pytest.raises(AttributeError, match="has no attribute 'CEF_VERSION'"):
            _ = audit_logging.profiles.CEF_VERSION


class TestCarried:
    @pytest.mark.parametrize("profile", ["ecs", "ocsf"])
    def test_a_document_carries_its_canonical_record(self, profile: str) -> None:
        processor = AuditEventProcessor(profile=profile)
        out = processor(None, "info", {"event": "signed in", "level": "info", "audit_event": SIGN_IN, "user_id": "u"})
        assert isinstance(out, AuditDocument)
        assert out.record["user.id"] == "u"
        assert out.record["audit.event.key"] == SIGN_IN
        assert out.line.message == "signed in"
        assert out.renderer.name == profile
        # A document is a dict to every renderer.
        assert json.loads(structlog.processors.JSONRenderer()(None, "info", out))["message"] == "signed in"

    def test_the_logger_name_of_structlog_stdlib_is_the_documents_logger(self) -> None:
        processor = AuditEventProcessor(profile="ecs")
        out = processor(None, "info", {"event": "x", "audit_event": SIGN_IN, "logger_name": "auth"})
        assert out["log"] == {"logger": "auth"}

    def test_the_span_gets_the_written_out_stack_trace_of_an_ecs_line(self, otel: Pipeline) -> None:
        log = structlog.wrap_logger(
            structlog.ReturnLogger(),
            processors=[AuditEventProcessor(profile="ecs"), audit_logging.OTelAuditProcessor(otel.logger_provider)],
        )
        try:
            raise ValueError("code expired")  # noqa: TRY301 -- a real traceback
        except ValueError:
            log.exception("reset failed", audit_event=SIGN_IN)
        (record,) = otel.log_records()
        assert str(record.attributes["error.stack_trace"]).startswith("Traceback")
        assert record.attributes["ecs.version"] == "9.4.0"

    def test_an_ecs_formatter_writes_python_json_loggers_other_fields(self) -> None:
        """static_fields, and extras added after the filter, are fields of the line as any other."""
        logger, stream = json_logger(
            "test.rendering.static", AuditJsonFormatter(profile="ecs", static_fields={"app": "auth-api"})
        )
        logger.filters[:] = [AuditLogFilter(profile="ecs")]
        logger.info("signed in", extra={"audit_event": SIGN_IN, "user_id": "u"})
        (line,) = (json.loads(text) for text in stream.getvalue().splitlines())
        assert line["app"] == "auth-api"
        assert line["user"] == {"id": "u"}
        assert line["event"]["action"] == SIGN_IN

    def test_the_filter_reports_its_bound(self) -> None:
        assert AuditLogFilter().max_value_length == 8192


class TestNest:
    def test_an_object_replaced_by_a_plain_value_takes_no_more_fields(self) -> None:
        """Field by field (names that would collide are never compiled): nothing goes into an object dropped."""
        out = nest({"a.b.c": 1, "a.b": 2, "a.b.d": 3})
        assert out == {"a": {"b": 2}, "a.b.d": 3}

    def test_too_many_names_are_nested_field_by_field(self) -> None:
        fields = {f"o.n{i}": i for i in range(300)}
        assert nest(fields) == {"o": {f"n{i}": i for i in range(300)}}


def test_stdlib_records_name_what_they_carry() -> None:
    """The carrier is invisible to outputs that walk a record's extras: an empty mapping."""
    record = logging.LogRecord("x", logging.INFO, "f", 1, "m", (), None)
    record.__dict__["audit_event"] = SIGN_IN
    assert AuditLogFilter().filter(record)
    carried = record.__dict__["_audit_logging_record"]
    assert dict(carried) == {}
    assert carried.record["audit.event.key"] == SIGN_IN
