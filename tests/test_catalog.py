"""The catalog against its spec: Logto's page, and the keys Logto's server writes."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit_logging import (
    EVENTS,
    Action,
    AuditEvent,
    Category,
    EventKey,
    Flow,
    Spelling,
    UnknownEventError,
    find_event,
    get_event,
    iter_events,
)
from spec import page_rows, source_keys

ALL_EVENTS = list(iter_events(include_undocumented=True))

# The eleven documented keys Logto's server spells otherwise (reference section A).
RESPELLED = {
    "JwtCustomizer.ClientCredential": "JwtCustomizer.ClientCredentials",
    **{
        f"Interaction.{flow}.Verification.NewPassword.Submit": (
            f"Interaction.{flow}.Verification.NewPasswordIdentity.Submit"
        )
        for flow in ("Register", "SignIn")
    },
    **{
        f"Interaction.{flow}.Verification.SmsVerificationCode.{action}": (
            f"Interaction.{flow}.Verification.PhoneVerificationCode.{action}"
        )
        for flow in ("Register", "SignIn", "ForgotPassword")
        for action in ("Create", "Submit")
    },
    "Interaction.Register.Verification.Webauthn.Create": "Interaction.Register.Verification.WebAuthn.Create",
    "Interaction.SignIn.Verification.Webauthn.Create": "Interaction.SignIn.Verification.WebAuthn.Create",
}


class TestAgainstThePage:
    def test_documented_events_equal_the_page_key_by_key_in_order(self) -> None:
        """Every documented key, name and category is the page's, in the page's order."""
        expected = [(row.key, row.name, row.category) for row in page_rows()]
        actual = [(event.key.value, event.name, event.category.value) for event in iter_events()]
        for position, (want, got) in enumerate(zip(expected, actual, strict=True)):
            assert got == want, f"row {position}"

    def test_the_page_has_80_events_in_9_categories(self) -> None:
        """The counts the issue states hold for the vendored page and for the catalog."""
        assert len(page_rows()) == 80
        assert len({row.category for row in page_rows()}) == 9
        assert len(list(iter_events())) == 80
        assert all(event.documented for event in iter_events())

    def test_the_first_nine_categories_are_the_page_titles_in_order(self) -> None:
        """Category's documented values are exactly the page's section titles."""
        titles = list(dict.fromkeys(row.category for row in page_rows()))
        assert [category.value for category in Category][:9] == titles

    def test_events_maps_the_documented_keys_in_order(self) -> None:
        """EVENTS holds the 80 documented events by canonical key, in the page's order."""
        assert list(EVENTS) == [row.key for row in page_rows()]
        assert all(EVENTS[key].key == key for key in EVENTS)

    def test_events_is_read_only(self) -> None:
        """EVENTS cannot be changed by a caller."""
        with pytest.raises(TypeError):
            EVENTS["Interaction.SignIn.Submit"] = EVENTS["Interaction.SignIn.Create"]  # type: ignore[index]

    def test_names_that_repeat_on_the_page_repeat_here(self) -> None:
        """The page gives some names to several keys on purpose; they are kept, not made unique."""
        keys = [e.key for e in iter_events() if e.name == "Create new password identity for register"]
        assert keys == [
            "Interaction.Register.Verification.NewPassword.Submit",
            "Interaction.SignIn.Verification.NewPassword.Submit",
        ]


class TestAgainstLogtoSource:
    def test_every_logto_key_is_one_logto_writes(self) -> None:
        """Each event's Logto spelling is a key of Logto's union that a call site creates."""
        source = source_keys()
        for event in ALL_EVENTS:
            assert event.logto_key in source, event.key
            assert source[event.logto_key].emitted, event.key

    def test_eleven_documented_keys_are_spelled_otherwise_by_logto(self) -> None:
        """The reference's section A, exactly: 69 of 80 spellings agree."""
        differing = {e.key.value: e.logto_key for e in iter_events() if e.logto_key != e.key}
        assert differing == RESPELLED
        assert sum(1 for e in iter_events() if e.logto_key == e.key) == 69

    def test_undocumented_events_are_the_emitted_keys_the_page_omits(self) -> None:
        """Included: keys a call site creates, not on the page, not TriggerHook.* webhook deliveries."""
        documented_spellings = {spelling for e in iter_events() for spelling in e.keys}
        expected = sorted(
            key
            for key, row in source_keys().items()
            if row.emitted and row.status != "webhook" and key not in documented_spellings
        )
        undocumented = [e for e in ALL_EVENTS if not e.documented]
        assert [e.key.value for e in undocumented] == expected
        assert len(expected) == 59
        assert all(e.logto_key == e.key for e in undocumented)

    def test_no_webhook_delivery_key_is_an_event(self) -> None:
        """TriggerHook.* records webhook delivery, not an audit event."""
        assert not [e for e in ALL_EVENTS if e.key.startswith("TriggerHook.")]
        assert find_event("TriggerHook.PostSignIn") is None

    def test_deprecated_is_logtos_legacy_status(self) -> None:
        """An event is deprecated exactly when Logto marks its key deprecated-legacy."""
        source = source_keys()
        for event in ALL_EVENTS:
            assert event.deprecated == (source[event.logto_key].status == "deprecated-legacy"), event.key
        assert sum(1 for e in iter_events() if e.deprecated) == 17

    def test_undocumented_events_have_a_name_and_a_category(self) -> None:
        """Every undocumented event is named in the page's style (a sentence-case phrase) and categorised."""
        for event in ALL_EVENTS:
            assert re.fullmatch(r"[A-Z][A-Za-z0-9 ,()/-]+[a-zA-Z]", event.name), event.key
            assert isinstance(event.category, Category)


def _member_name(key: str) -> str:
    # WebAuthn is one word, whichever way a key capitalises it.
    parts = key.replace("WebAuthn", "Webauthn").split(".")
    return "_".join(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", part).upper() for part in parts)


class TestEventKey:
    def test_one_member_per_event_in_catalog_order(self) -> None:
        """EventKey lists every event's canonical key, documented first, as the catalog does."""
        assert [member.value for member in EventKey] == [e.key.value for e in ALL_EVENTS]

    def test_member_names_are_the_keys_in_upper_snake_case(self) -> None:
        """A member's name follows from its key, so a reader can guess it."""
        for member in EventKey:
            assert member.name == _member_name(member.value)

    def test_members_are_the_key_strings(self) -> None:
        """A member compares, hashes and formats as its key."""
        member: str = EventKey.INTERACTION_SIGN_IN_SUBMIT
        assert member == "Interaction.SignIn.Submit"
        assert f"{EventKey.INTERACTION_SIGN_IN_SUBMIT}" == "Interaction.SignIn.Submit"
        assert {"Interaction.SignIn.Submit": 1}[EventKey.INTERACTION_SIGN_IN_SUBMIT] == 1


class TestGetEvent:
    @pytest.mark.parametrize("event", ALL_EVENTS, ids=lambda e: e.key)
    def test_every_spelling_and_the_enum_member_resolve(self, event: AuditEvent) -> None:
        """The documented key, Logto's spelling and the EventKey member all find the same event."""
        for spelling in (*event.keys, EventKey(event.key)):
            assert get_event(spelling) is event

    def test_logto_spelling_resolves_to_the_documented_event(self) -> None:
        """Logto's PhoneVerificationCode is the page's SmsVerificationCode."""
        event = get_event("Interaction.SignIn.Verification.PhoneVerificationCode.Submit")
        assert event.key == "Interaction.SignIn.Verification.SmsVerificationCode.Submit"
        assert event.name == "Verify sign-in SMS verification code"

    def test_unknown_key_is_both_key_error_and_value_error(self) -> None:
        """Callers can catch the miss as either."""
        with pytest.raises(KeyError):
            get_event("Interaction.SignIn.Sbmit")
        with pytest.raises(ValueError, match=r"Interaction\.SignIn\.Sbmit"):
            get_event("Interaction.SignIn.Sbmit")

    def test_unknown_key_suggests_the_closest_keys(self) -> None:
        """A typo gets the intended key as the first suggestion, in the message too."""
        with pytest.raises(UnknownEventError) as caught:
            get_event("Interaction.SignIn.Sbmit")
        assert caught.value.key == "Interaction.SignIn.Sbmit"
        assert caught.value.suggestions[0] == "Interaction.SignIn.Submit"
        assert str(caught.value).startswith(
            "unknown audit event key 'Interaction.SignIn.Sbmit'; did you mean 'Interaction.SignIn.Submit'"
        )

    def test_wrong_case_suggests_the_key_first(self) -> None:
        """Lookups are exact; a key in the wrong case is pointed at the right one."""
        with pytest.raises(UnknownEventError) as caught:
            get_event("interaction.signin.submit")
        assert caught.value.suggestions[0] == "Interaction.SignIn.Submit"

    def test_suggestions_are_canonical_keys(self) -> None:
        """A typo of Logto's spelling is pointed at the canonical (documented) key."""
        with pytest.raises(UnknownEventError) as caught:
            get_event("Interaction.SignIn.Verification.PhoneVerificationCode.Submitt")
        assert caught.value.suggestions[0] == "Interaction.SignIn.Verification.SmsVerificationCode.Submit"
        assert len(set(caught.value.suggestions)) == len(caught.value.suggestions)

    @pytest.mark.parametrize("key", [None, 42, b"Interaction.SignIn.Submit", "", "zzzz"])
    def test_nothing_like_a_key_gets_no_suggestions(self, key: object) -> None:
        """Non-strings and far-off strings raise UnknownEventError without suggestions."""
        with pytest.raises(UnknownEventError) as caught:
            get_event(key)  # type: ignore[arg-type]
        assert caught.value.suggestions == ()
        assert str(caught.value) == f"unknown audit event key {key!r}"


class TestFindEvent:
    def test_known_key(self) -> None:
        """A known key in either spelling gives its event."""
        assert find_event("Interaction.SignIn.Verification.WebAuthn.Create") is get_event(
            "Interaction.SignIn.Verification.Webauthn.Create"
        )

    @given(st.one_of(st.text(), st.binary(), st.integers(), st.none(), st.lists(st.text())))
    def test_never_raises(self, key: object) -> None:
        """Anything at all gives an event or None, never an exception."""
        result = find_event(key)
        assert result is None or isinstance(result, AuditEvent)


class TestIterEvents:
    @pytest.mark.parametrize("category", [Category.MFA, "MFA"])
    def test_filters_by_category_or_title(self, category: Category | str) -> None:
        """A Category or its title selects that category's events, in order."""
        keys = [e.key.value for e in iter_events(category)]
        assert len(keys) == 12
        assert keys[0] == "Interaction.Register.Verification.BackupCode.Create"

    def test_undocumented_events_come_after_the_documented(self) -> None:
        """include_undocumented adds the rest after the page's events."""
        events = list(iter_events(Category.SIGN_IN, include_undocumented=True))
        documented = [e.documented for e in events]
        assert documented == sorted(documented, reverse=True)
        assert documented.count(False) > 0

    def test_unknown_category_is_refused_naming_the_parameter(self) -> None:
        """A category that does not exist is a ValueError at the call, not an empty result."""
        with pytest.raises(ValueError, match=r"`category` must be one of .*'Sign in'.*, not 'Signin'"):
            iter_events("Signin")


class TestAuditEvent:
    def test_is_frozen_and_slotted(self) -> None:
        """Events are immutable values without a __dict__."""
        event = get_event("Interaction.SignIn.Submit")
        with pytest.raises(dataclasses.FrozenInstanceError):
            event.name = "changed"  # type: ignore[misc]
        assert not hasattr(event, "__dict__")

    def test_spelled(self) -> None:
        """spelled() gives the documented key by default and Logto's on request."""
        event = get_event(EventKey.INTERACTION_REGISTER_VERIFICATION_WEBAUTHN_CREATE)
        assert event.spelled() == "Interaction.Register.Verification.Webauthn.Create"
        assert event.spelled("documented") == "Interaction.Register.Verification.Webauthn.Create"
        assert event.spelled(Spelling.LOGTO) == "Interaction.Register.Verification.WebAuthn.Create"
        assert event.keys == (event.spelled("documented"), event.spelled("logto"))

    def test_spelled_refuses_an_unknown_spelling_naming_the_parameter(self) -> None:
        """A wrong spelling option is a ValueError that says what is allowed."""
        with pytest.raises(ValueError, match=r"`spelling` must be one of 'documented', 'logto', not 'server'"):
            get_event("Interaction.SignIn.Submit").spelled("server")

    @pytest.mark.parametrize(
        ("key", "parts"),
        [
            ("Interaction.SignIn.Verification.Totp.Submit", (Flow.SIGN_IN, "Verification", "Totp", Action.SUBMIT)),
            ("Interaction.Register.Identifier.Submit", (Flow.REGISTER, "Identifier", None, Action.SUBMIT)),
            ("Interaction.ForgotPassword.Update", (Flow.FORGOT_PASSWORD, None, None, Action.UPDATE)),
            ("Interaction.Create", (None, None, None, Action.CREATE)),
            ("Interaction.End", (None, None, None, Action.END)),
            ("Interaction.Create.Captcha", (None, None, "Captcha", Action.CREATE)),
            ("Interaction.SignIn.SignInPasskey.Submit", (Flow.SIGN_IN, "SignInPasskey", None, Action.SUBMIT)),
            ("ExchangeTokenBy.RefreshToken", (None, None, None, None)),
            ("RevokeToken", (None, None, None, None)),
        ],
    )
    def test_parts_parsed_from_the_key(self, key: str, parts: tuple[object, ...]) -> None:
        """Flow, step, method and action are read off the key where it has them."""
        event = get_event(key)
        assert (event.flow, event.step, event.method, event.action) == parts

    def test_every_interaction_key_has_an_action_and_flow_events_sit_in_their_flow(self) -> None:
        """The parts are consistent across the catalog: a flow's non-MFA events are in its category."""
        flow_category = {Flow.SIGN_IN: Category.SIGN_IN, Flow.REGISTER: Category.REGISTER}
        flow_category[Flow.FORGOT_PASSWORD] = Category.FORGOT_PASSWORD
        for event in ALL_EVENTS:
            if event.key.startswith("Interaction."):
                assert event.action is not None, event.key
            if event.flow is not None and event.category is not Category.MFA:
                assert event.category is flow_category[event.flow], event.key
