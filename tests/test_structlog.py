"""AuditEventProcessor: unit calls and end-to-end through real structlog loggers."""

from __future__ import annotations

import json
import logging
import warnings
from typing import TYPE_CHECKING, Any

import pytest
import structlog
from hypothesis import given, settings
from structlog.contextvars import bind_contextvars, merge_contextvars

from audit_logging import (
    AuditEventProcessor,
    AuditLoggingWarning,
    EventKey,
    Outcome,
    Redactor,
    UnknownEventError,
    UnknownEventWarning,
    audit_context,
    bind_audit_context,
    get_event,
)
from audit_logging.record import AuditCore
from audit_logging.redaction import MASK
from audit_logging.testing import capture_audit_events
from exploding import Exploding
from hostile import fault
from identity import without_identity
from strategies import payloads, planted

if TYPE_CHECKING:
    from structlog.typing import EventDict, Processor

SIGN_IN = "Interaction.SignIn.Submit"


class Lines:
    """A structlog logger factory that keeps what was logged, one rendered line per call."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, *_args: object) -> Lines:
        return self

    def msg(self, line: str) -> None:
        self.lines.append(line)

    info = error = warning = exception = msg

    def json(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines]


def configure(*processors: Processor) -> tuple[structlog.typing.FilteringBoundLogger, Lines]:
    """A real structlog configuration around the given processors, rendering JSON into a Lines."""
    lines = Lines()
    structlog.configure(
        processors=[*processors, structlog.processors.JSONRenderer()],
        logger_factory=lines,
        cache_logger_on_first_use=False,
    )
    log: structlog.typing.FilteringBoundLogger = structlog.get_logger()
    return log, lines


def process(event_dict: EventDict, **options: Any) -> EventDict:  # noqa: ANN401 -- any option, checked by the processor
    return AuditEventProcessor(**options)(None, "info", event_dict)


class TestDoneWhen:
    def test_sign_in_renders_key_name_category_outcome_and_context(self) -> None:
        """The issue's pipeline renders an audit event as a JSON line with its audit fields and the bound context."""
        log, lines = configure(merge_contextvars, AuditEventProcessor())
        bind_contextvars(user_id="u-1", session_id="s-1")
        with audit_context(application_id="app-1"):
            log.info("user signed in", audit_event="Interaction.SignIn.Submit")
        (line,) = lines.json()
        assert without_identity(line) == {
            "event": "user signed in",
            "user.id": "u-1",
            "session.id": "s-1",
            "audit.application.id": "app-1",
            "audit.event.key": "Interaction.SignIn.Submit",
            "audit.event.name": "Submit sign-in interaction",
            "audit.event.category": "Sign in",
            "audit.event.outcome": "success",
        }

    def test_exception_gives_failure_with_error_type(self) -> None:
        """log.exception inside an except block gives outcome failure and error.type."""
        log, lines = configure(merge_contextvars, AuditEventProcessor())
        empty: dict[str, int] = {}
        try:
            empty["missing"]
        except KeyError:
            log.exception("sign-in failed", audit_event=SIGN_IN)
        (line,) = lines.json()
        assert line["audit.event.outcome"] == "failure"
        assert line["error.type"] == "KeyError"
        assert line["exception.type"] == "KeyError"
        assert line["exception.message"] == "'missing'"


class TestRecognition:
    def test_events_without_a_key_pass_through_untouched(self) -> None:
        """A non-audit event is returned as the very same dict, unchanged."""
        event = {"event": "request handled", "status": 200, "user_id": "u"}
        assert process(event) is event
        assert event == {"event": "request handled", "status": 200, "user_id": "u"}

    @pytest.mark.parametrize("message", [SIGN_IN, EventKey.INTERACTION_SIGN_IN_SUBMIT])
    def test_a_message_that_is_a_key(self, message: str) -> None:
        """log.info(EventKey.X) or log.info("Interaction.SignIn.Submit") is an audit event."""
        out = process({"event": message})
        assert out["audit.event.key"] == SIGN_IN
        assert out["audit.event.name"] == "Submit sign-in interaction"

    @pytest.mark.parametrize("key", [SIGN_IN, EventKey.INTERACTION_SIGN_IN_SUBMIT, get_event(SIGN_IN)])
    def test_audit_event_keyword_takes_str_member_or_event(self, key: object) -> None:
        """audit_event= accepts the key text, an EventKey member or an AuditEvent."""
        out = process({"event": "x", "audit_event": key})
        assert out["audit.event.key"] == SIGN_IN
        assert "audit_event" not in out

    def test_audit_event_none_is_no_audit_event(self) -> None:
        """audit_event=None (computed and absent) logs the event as an ordinary one."""
        assert process({"event": "x", "audit_event": None}) == {"event": "x"}

    @pytest.mark.parametrize(
        ("message", "written"),
        [(None, None), (42, 42), (["a"], ["a"]), ({"a": 1}, {"a": 1}), (b"Interaction.SignIn.Submit", SIGN_IN)],
    )
    def test_odd_messages_pass_through(self, message: object, written: object) -> None:
        """A message that cannot be a key is no audit event and no error; bytes are written as their text."""
        assert process({"event": message}) == {"event": written}
        assert process({"other": 1}) == {"other": 1}


class TestOutcome:
    @pytest.mark.parametrize(
        ("given", "expected"),
        [("failure", "failure"), ("Error", "failure"), ("Success", "success"), (Outcome.FAILURE, "failure")],
    )
    def test_explicit_outcome_wins(self, given: object, expected: str) -> None:
        """outcome= sets the outcome, ours or Logto's spelling, and is not itself a field."""
        out = process({"event": "x", "audit_event": SIGN_IN, "outcome": given})
        assert out["audit.event.outcome"] == expected
        assert "outcome" not in out

    def test_explicit_success_with_an_exception(self) -> None:
        """An explicit success stays a success; the error fields still say what happened."""
        out = process({"event": "x", "audit_event": SIGN_IN, "outcome": "success", "exc_info": ValueError("v")})
        assert out["audit.event.outcome"] == "success"
        assert out["error.type"] == "ValueError"

    @pytest.mark.parametrize(
        "exc_info", [ValueError("bad"), (ValueError, ValueError("bad"), None)], ids=["instance", "tuple"]
    )
    def test_exc_info_forms(self, exc_info: object) -> None:
        """An exception instance or an exc_info tuple means failure."""
        out = process({"event": "x", "audit_event": SIGN_IN, "exc_info": exc_info})
        assert (out["audit.event.outcome"], out["error.type"], out["exception.message"]) == (
            "failure",
            "ValueError",
            "bad",
        )

    def test_exc_info_true_outside_an_except_block_is_success(self) -> None:
        """exc_info=True with nothing being handled attaches no error."""
        out = process({"event": "x", "audit_event": SIGN_IN, "exc_info": True})
        assert out["audit.event.outcome"] == "success"
        assert "error.type" not in out

    def test_qualified_type_for_non_builtin_errors(self) -> None:
        """error.type is the fully qualified class name, as OpenTelemetry's conventions ask."""
        out = process({"event": "x", "audit_event": SIGN_IN, "exc_info": json.JSONDecodeError("m", "d", 0)})
        assert out["error.type"] == "json.decoder.JSONDecodeError"

    @pytest.mark.parametrize(
        "formatter", [structlog.processors.format_exc_info, structlog.processors.dict_tracebacks], ids=["text", "dict"]
    )
    def test_after_an_exception_formatter(self, formatter: Processor) -> None:
        """When format_exc_info or dict_tracebacks ran first, what it left still gives failure and the type."""
        log, lines = configure(formatter, AuditEventProcessor())
        try:
            raise ValueError("bad code")  # noqa: TRY301 -- raised to be logged
        except ValueError:
            log.exception("failed", audit_event=SIGN_IN)
        (line,) = lines.json()
        assert (line["audit.event.outcome"], line["error.type"], line["exception.message"]) == (
            "failure",
            "ValueError",
            "bad code",
        )
        if formatter is structlog.processors.format_exc_info:
            assert "Traceback" in line["exception"]
        else:
            assert line["exception"][0]["exc_type"] == "ValueError"

    def test_a_bad_outcome_warns_once_and_is_derived(self) -> None:
        """An outcome that is neither success nor failure is reported once and derived from the error."""
        with pytest.warns(AuditLoggingWarning, match="`outcome` must be 'success' or 'failure', not 'maybe'"):
            out = process({"event": "x", "audit_event": SIGN_IN, "outcome": "maybe"})
        assert out["audit.event.outcome"] == "success"
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            process({"event": "x", "audit_event": SIGN_IN, "outcome": "maybe"})


class TestUnknownKeys:
    def test_keep_is_the_default_and_warns_once_per_key(self) -> None:
        """An unknown key is kept, marked unknown, and warned about once per distinct key."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            first = process({"event": "x", "audit_event": "Interaction.SignIn.Sbmit"})
            process({"event": "x", "audit_event": "Interaction.SignIn.Sbmit"})
            process({"event": "x", "audit_event": "Other.Key"})
        assert [w.category for w in caught] == [UnknownEventWarning, UnknownEventWarning]
        assert [str(w.message) for w in caught] == [
            (
                "unknown audit event key 'Interaction.SignIn.Sbmit'; did you mean 'Interaction.SignIn.Submit' "
                "or 'Interaction.SignIn.Mfa.Totp.Submit' or 'Interaction.SignIn.Update'?; "
                "kept with audit.event.known=false"
            ),
            "unknown audit event key 'Other.Key'; kept with audit.event.known=false",
        ]
        assert first["audit.event.key"] == "Interaction.SignIn.Sbmit"
        assert first["audit.event.known"] is False
        assert first["audit.event.outcome"] == "success"
        assert "audit.event.name" not in first

    def test_keep_never_raises_even_when_warnings_are_errors(self, caplog: pytest.LogCaptureFixture) -> None:
        """With warnings turned into errors, the report goes to the audit_logging logger instead."""
        with warnings.catch_warnings(), caplog.at_level(logging.WARNING, logger="audit_logging"):
            warnings.simplefilter("error")
            out = process({"event": "x", "audit_event": "Nope"})
        assert out["audit.event.known"] is False
        assert "unknown audit event key 'Nope'" in caplog.text

    def test_non_string_keys_are_kept_as_text(self) -> None:
        """An int key is an unknown key like any other."""
        with pytest.warns(UnknownEventWarning):
            assert process({"event": "x", "audit_event": 42})["audit.event.key"] == "42"

    def test_raise(self) -> None:
        """on_unknown="raise" raises UnknownEventError with suggestions out of the log call."""
        log, _ = configure(AuditEventProcessor(on_unknown="raise"))
        with pytest.raises(UnknownEventError) as caught:
            log.info("x", audit_event="Interaction.SignIn.Sbmit")
        assert caught.value.suggestions[0] == SIGN_IN

    def test_drop(self) -> None:
        """on_unknown="drop" drops the event; known keys still log."""
        log, lines = configure(AuditEventProcessor(on_unknown="drop"))
        log.info("x", audit_event="Nope")
        log.info("y", audit_event=SIGN_IN)
        assert [line["event"] for line in lines.json()] == ["y"]


class TestOptions:
    def test_logto_spelling(self) -> None:
        """spelling="logto" emits Logto's server spelling, whichever spelling was logged."""
        for logged in (
            "Interaction.SignIn.Verification.SmsVerificationCode.Submit",
            "Interaction.SignIn.Verification.PhoneVerificationCode.Submit",
        ):
            out = process({"event": "x", "audit_event": logged}, spelling="logto")
            assert out["audit.event.key"] == "Interaction.SignIn.Verification.PhoneVerificationCode.Submit"
            assert out["audit.event.name"] == "Verify sign-in SMS verification code"

    def test_documented_spelling_is_the_default(self) -> None:
        """Logto's spelling in, documented key out."""
        out = process({"event": "x", "audit_event": "JwtCustomizer.ClientCredentials"})
        assert out["audit.event.key"] == "JwtCustomizer.ClientCredential"

    def test_nested(self) -> None:
        """nested=True renders nested objects instead of dotted keys."""
        bind_audit_context(user_id="u")
        out = process({"event": "x", "audit_event": SIGN_IN}, nested=True)
        identity = out["audit"].pop("record")
        assert set(identity) == {"id", "sequence"}
        assert out == {
            "event": "x",
            "user": {"id": "u"},
            "audit": {
                "event": {
                    "key": SIGN_IN,
                    "name": "Submit sign-in interaction",
                    "category": "Sign in",
                    "outcome": "success",
                }
            },
        }

    @pytest.mark.parametrize(
        ("options", "error", "message"),
        [
            ({"on_unknown": "ignore"}, ValueError, "`on_unknown` must be one of 'keep', 'raise', 'drop', not 'ignore'"),
            ({"spelling": "server"}, ValueError, "`spelling` must be one of 'documented', 'logto', not 'server'"),
            ({"profile": "splunk"}, ValueError, "`profile` must be one of 'otel', 'ecs', 'ocsf', not 'splunk'"),
            ({"nested": "yes"}, TypeError, "`nested` must be a bool, not str 'yes'"),
            ({"redactor": {"deny": []}}, TypeError, "`redactor` must be a Redactor or None, not dict"),
        ],
    )
    def test_bad_options_raise_at_construction(
        self, options: dict[str, Any], error: type[Exception], message: str
    ) -> None:
        """Every option is checked when the processor is made, with a message naming it."""
        with pytest.raises(error, match=message):
            AuditEventProcessor(**options)

    def test_options_are_keyword_only(self) -> None:
        """Positional options would be unreadable at the call site; they are refused."""
        with pytest.raises(TypeError):
            AuditEventProcessor("keep")  # type: ignore[call-arg]

    def test_repr(self) -> None:
        """The repr shows the options."""
        assert repr(AuditEventProcessor(spelling="logto")) == (
            "AuditEventProcessor(on_unknown='keep', spelling='logto', profile='otel', nested=False)"
        )


class TestFields:
    def test_call_fields_map_and_other_fields_keep_their_names(self) -> None:
        """Known names map to output fields (Python or Logto spelling); others stay as given."""
        out = process(
            {
                "event": "x",
                "audit_event": SIGN_IN,
                "user_id": "u",
                "userAgent": "ua",
                "ip": "::1",
                "params": {"a": 1},
                "other": 1,
            }
        )
        assert without_identity(out) == {
            "event": "x",
            "user.id": "u",
            "user_agent.original": "ua",
            "client.address": "::1",
            "audit.params": {"a": 1},
            "other": 1,
            "audit.event.key": SIGN_IN,
            "audit.event.name": "Submit sign-in interaction",
            "audit.event.category": "Sign in",
            "audit.event.outcome": "success",
        }

    def test_call_fields_win_over_context_and_audit_fields_over_both(self) -> None:
        """A log call's field overrides the bound context; nobody can overwrite the event's own fields."""
        bind_audit_context(user_id="bound", tenant="t")
        out = process({"event": "x", "audit_event": SIGN_IN, "user_id": "given", "audit.event.name": "forged"})
        assert out["user.id"] == "given"
        assert out["audit.tenant"] == "t"
        assert out["audit.event.name"] == "Submit sign-in interaction"

    def test_secrets_in_call_fields_and_context_are_redacted(self) -> None:
        """Secrets given as keywords, nested, or bound as context never reach the output."""
        bind_audit_context(client_secret="ctx-secret")
        out = process(
            {"event": "x", "audit_event": SIGN_IN, "password": "pw", "params": {"code": "oauth", "redirect_uri": "/cb"}}
        )
        assert out["password"] == MASK
        assert out["audit.params"] == {"code": MASK, "redirect_uri": "/cb"}
        assert out["audit.client_secret"] == MASK

    def test_custom_redactor(self) -> None:
        """A Redactor passed in is the one applied."""
        out = process({"event": "x", "audit_event": SIGN_IN, "internal": "i"}, redactor=Redactor(deny=["internal"]))
        assert out["internal"] == MASK

    def test_the_fast_path_and_the_full_path_agree(self) -> None:
        """The same fields give the same record the first time (full path) and after (planned fast path)."""
        processor = AuditEventProcessor()
        outputs = [
            processor(None, "info", {"event": "x", "audit_event": SIGN_IN, "user_id": "u", "s": "v"}) for _ in range(3)
        ]
        assert without_identity(outputs[0]) == without_identity(outputs[1]) == without_identity(outputs[2])
        assert list(outputs[0]) == list(outputs[2])
        assert len({output["audit.record.id"] for output in outputs}) == 3
        sequences = [output["audit.record.sequence"] for output in outputs]
        assert sequences == sorted(sequences)

    def test_nul_in_a_plain_string_is_stripped_on_every_path(self) -> None:
        """A NUL in a field known to the fast path still takes the full path and is stripped."""
        processor = AuditEventProcessor()
        processor(None, "info", {"event": "x", "audit_event": SIGN_IN, "who": "a"})
        assert processor(None, "info", {"event": "x", "audit_event": SIGN_IN, "who": "a\x00b"})["who"] == "ab"

    def test_an_unreadable_value_is_written_as_its_type(self) -> None:
        """A mapping that raises when read is one value the record writes as a placeholder; the rest is kept."""
        log, lines = configure(AuditEventProcessor())
        log.info("x", audit_event=SIGN_IN, params=Exploding(), password="pw")
        (line,) = lines.json()
        assert (line["audit.params"], line["password"]) == ("<unreadable Exploding>", "******")

    def test_internal_errors_are_contained_and_leak_nothing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """If building the record fails (a fault of ours), the log call succeeds, without the fields, and warns once."""
        monkeypatch.setattr(AuditCore, "_assemble", fault)
        log, lines = configure(AuditEventProcessor())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            log.info("x", audit_event=SIGN_IN, params={"a": 1}, password="pw")
            log.info("x", audit_event=SIGN_IN, params={"a": 1}, password="pw")
        assert [str(w.message) for w in caught] == [
            "audit_logging could not build an audit record (RuntimeError: closed)"
        ]
        assert caught[0].category is AuditLoggingWarning
        assert lines.json()[0] == {"event": "x", "audit.event.key": SIGN_IN, "audit.internal_error": "RuntimeError"}
        assert len(lines.lines) == 2


@settings(max_examples=200, deadline=None)
@given(payloads())
def test_no_planted_secret_survives_rendering(payload: dict[str, object]) -> None:
    """Secrets planted under sensitive keys at any depth never appear in the rendered JSON; kept values all do."""
    log, lines = configure(merge_contextvars, AuditEventProcessor())
    log.info("user signed in", audit_event=SIGN_IN, **payload)
    (line,) = lines.lines
    for secret in planted(payload, prefix="SECRET"):
        assert secret not in line
    for kept in planted(payload, prefix="kept"):
        assert kept in line
    json.loads(line)


class TestEdges:
    def test_exc_info_that_means_nothing(self) -> None:
        """A truthy exc_info that is no exception (a string) attaches no error and breaks nothing."""
        out = process({"event": "x", "audit_event": SIGN_IN, "exc_info": "yes"})
        assert out["audit.event.outcome"] == "success"

    def test_an_unprintable_unknown_key(self) -> None:
        """A key whose __str__ raises is still recorded, as a placeholder."""

        class Weird:
            def __str__(self) -> str:
                raise ValueError

        with pytest.warns(UnknownEventWarning):
            assert process({"event": "x", "audit_event": Weird()})["audit.event.key"] == "<unprintable Weird>"

    def test_dropped_keys_are_dropped_from_audit_events(self) -> None:
        """Logto's drop rule applies to a log call's fields."""
        out = process({"event": "x", "audit_event": SIGN_IN, "customScript": "alert(1)"})
        assert "customScript" not in out

    def test_a_rendered_traceback_without_a_colon(self) -> None:
        """A traceback text whose last line has no message still names its type."""
        out = process({"event": "x", "audit_event": SIGN_IN, "exception": "Traceback...\nKeyboardInterrupt"})
        assert (out["error.type"], out["exception.message"]) == ("KeyboardInterrupt", "")

    def test_the_context_is_redacted_once_per_binding(self) -> None:
        """Two records in the same bound context reuse one redacted copy of it."""
        processor = AuditEventProcessor()
        bind_audit_context(user_id="u")
        processor(None, "info", {"event": "a", "audit_event": SIGN_IN})
        cached = processor._core._context_cache[1]
        processor(None, "info", {"event": "b", "audit_event": SIGN_IN})
        assert processor._core._context_cache[1] is cached

    def test_plans_stop_being_cached_past_the_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Field-name sets from outside cannot grow the plan cache without end; records stay right."""
        monkeypatch.setattr("audit_logging.record._PLAN_LIMIT", 2)
        processor = AuditEventProcessor()
        for number in range(5):
            out = processor(None, "info", {"event": "x", "audit_event": SIGN_IN, f"f{number}": "v", "user_id": "u"})
            assert out["user.id"] == "u"
        assert len(processor._core._plans) == 2


class TestCapture:
    def test_capture_sees_records_from_every_path(self) -> None:
        """capture_audit_events collects records as plain dicts, fast path and full path alike."""
        log, _ = configure(AuditEventProcessor())
        with capture_audit_events() as records:
            log.info("a", audit_event=SIGN_IN)
            log.info("b", audit_event=SIGN_IN, outcome="failure")
            log.info("not an audit event")
        assert [(r["event"], r["audit.event.outcome"]) for r in records] == [("a", "success"), ("b", "failure")]

    def test_captures_nest_and_end(self) -> None:
        """Nested captures each see what happened while they were active, and nothing after."""
        log, _ = configure(AuditEventProcessor())
        with capture_audit_events() as outer:
            with capture_audit_events() as inner:
                log.info("a", audit_event=SIGN_IN)
            log.info("b", audit_event=SIGN_IN)
        log.info("c", audit_event=SIGN_IN)
        assert [r["event"] for r in outer] == ["a", "b"]
        assert [r["event"] for r in inner] == ["a"]

    def test_captured_records_are_copies(self) -> None:
        """A later processor changing the event dict does not change what was captured."""

        def vandal(_: object, __: str, event_dict: EventDict) -> EventDict:
            event_dict["audit.event.key"] = "changed"
            return event_dict

        log, _ = configure(AuditEventProcessor(), vandal)
        with capture_audit_events() as records:
            log.info("a", audit_event=SIGN_IN)
        assert records[0]["audit.event.key"] == SIGN_IN
