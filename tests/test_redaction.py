"""Redaction: Logto's rules, the one-time-code rules, options, and that nothing is changed in place."""

from __future__ import annotations

import copy
import hashlib
import hmac

import pytest

from audit_logging import Redactor
from audit_logging.redaction import MASK, MAX_DEPTH, TOO_DEEP


@pytest.fixture
def redactor() -> Redactor:
    return Redactor()


class TestLogtoRules:
    @pytest.mark.parametrize(
        "key",
        [
            "authorization",
            "Authorization",
            "x-functions-key",
            "token",
            "accessToken",
            "refresh_token",
            "clientSecret",
            "client_secret",
            "CLIENT-SECRET",
            "password",
            "newPassword",
            "X-Api-Key",
            "api_key",
            "privateKey",
            "credential",
            "credentials",
            "cookie",
            "Set-Cookie",
        ],
    )
    def test_masked(self, redactor: Redactor, key: str) -> None:
        """Logto's sensitive keys, in any spelling, have their values masked as ******."""
        assert redactor.redact_fields({key: "s3cr3t"}) == {key: MASK}

    @pytest.mark.parametrize(
        "key", ["script", "scriptContent", "customScript", "environmentVariables", "env_variables"]
    )
    def test_script_and_environment_keys_are_dropped(self, redactor: Redactor, key: str) -> None:
        """Keys that start or end with `script`, or contain `environmentvariables`, are dropped."""
        expected = {"env_variables": "x"} if key == "env_variables" else {}
        assert redactor.redact_fields({key: "x"}) == expected

    @pytest.mark.parametrize("value", [True, False, None])
    def test_booleans_and_none_are_kept(self, redactor: Redactor, value: object) -> None:
        """passwordVerified: true says nothing secret, and neither does a None."""
        assert redactor.redact_fields({"passwordVerified": value}) == {"passwordVerified": value}

    def test_nul_characters_are_stripped(self, redactor: Redactor) -> None:
        """NUL is stripped from strings at any depth."""
        assert redactor.redact_fields({"a": "x\x00y", "b": ["\x00z"]}) == {"a": "xy", "b": ["z"]}

    def test_any_depth(self, redactor: Redactor) -> None:
        """Rules apply inside nested mappings and sequences, and a masked container is masked whole."""
        payload = {"params": {"items": [{"password": "p"}, ("t", {"token": "t"})], "secret": {"a": 1}}}
        assert redactor.redact_fields(payload) == {
            "params": {"items": [{"password": MASK}, ("t", {"token": MASK})], "secret": MASK}
        }


class TestOneTimeCodes:
    @pytest.mark.parametrize(
        "key",
        [
            "verificationCode",
            "verification_code",
            "totp",
            "totpSecret",
            "totp_code",
            "otp",
            "passcode",
            "backupCode",
            "backup_codes",
            "recoveryCodes",
            "code_verifier",
            "SAMLResponse",
            "samlAssertion",
            "assertion",
            "mfa_code",
        ],
    )
    def test_masked(self, redactor: Redactor, key: str) -> None:
        """One-time codes and MFA material are masked."""
        assert redactor.redact_fields({key: "123456"}) == {key: MASK}

    def test_oauth_code_is_masked_wherever_it_appears(self, redactor: Redactor) -> None:
        """The authorization code is masked at the top and in params."""
        assert redactor.redact_fields({"code": "c", "params": {"code": "c"}}) == {
            "code": MASK,
            "params": {"code": MASK},
        }

    def test_an_error_objects_code_is_kept(self, redactor: Redactor) -> None:
        """Logto's error codes (session.not_found) are what an audit needs; what an error carries deeper is not one.

        ``error.data.code`` may be the very authorization code the failed exchange was given (issue 14, item 4).
        """
        payload = {"error": {"code": "session.not_found", "message": "m", "data": {"code": "x", "token": "t"}}}
        assert redactor.redact_fields(payload) == {
            "error": {"code": "session.not_found", "message": "m", "data": {"code": MASK, "token": MASK}}
        }
        errors = {"errors": [{"code": "invalid_grant", "data": {"code": "ac-1"}}]}
        assert redactor.redact_fields(errors) == {"errors": [{"code": "invalid_grant", "data": {"code": MASK}}]}

    def test_harmless_neighbours_are_kept(self, redactor: Redactor) -> None:
        """Names that merely resemble sensitive ones survive."""
        payload = {"codec": "h264", "zip_code": "12345", "tokenizer": "x", "prompt": "consent", "scope": "openid"}
        assert redactor.redact_fields(payload) == payload


class TestOptions:
    def test_deny_adds_names_in_any_spelling(self) -> None:
        """deny masks more names, normalised like Logto's."""
        redactor = Redactor(deny=["internal_ref"])
        assert redactor.redact_fields({"internalRef": "r", "other": "o"}) == {"internalRef": MASK, "other": "o"}

    def test_allow_overrides_the_defaults(self) -> None:
        """allow keeps a name a default rule would mask."""
        redactor = Redactor(allow=["token_type"])
        assert redactor.redact_fields({"tokenType": "Bearer", "token": "t"}) == {"tokenType": "Bearer", "token": MASK}

    def test_custom_mask(self) -> None:
        """mask sets what a masked value becomes."""
        assert Redactor(mask="[redacted]").redact_fields({"password": "p"}) == {"password": "[redacted]"}

    def test_pseudonymize_with_a_keyed_hash(self) -> None:
        """Identifiers become a stable keyed hash: equal for equal addresses, whatever the case."""
        redactor = Redactor(pseudonymize=["email", "phone"], pseudonym_key=b"k" * 32)
        out = redactor.redact_fields({"email": "Ann@Example.com ", "primaryPhone": "+1555", "name": "Ann"})
        expected = hmac.new(b"k" * 32, b"ann@example.com", hashlib.sha256).hexdigest()[:32]
        assert out["email"] == f"hmac-sha256:{expected}"
        assert out["primaryPhone"] != "+1555"
        assert str(out["primaryPhone"]).startswith("hmac-sha256:")
        assert out["name"] == "Ann"
        assert redactor.redact_fields({"email": "ann@example.com"}) == {"email": out["email"]}

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            ({"deny": "password"}, TypeError, "`deny` must be a collection of key names"),
            ({"allow": [1]}, TypeError, "`allow` must hold non-empty key names, not 1"),
            ({"allow": ["_-"]}, TypeError, "`allow` must hold non-empty key names"),
            ({"pseudonymize": ["email"]}, ValueError, "`pseudonym_key` is required when `pseudonymize` is set"),
            ({"pseudonym_key": 42}, TypeError, "`pseudonym_key` must be bytes, str or None, not int 42"),
            ({"mask": None}, TypeError, "`mask` must be a str, not NoneType None"),
        ],
    )
    def test_bad_options_raise_at_construction_naming_the_parameter(
        self, kwargs: dict[str, object], error: type[Exception], message: str
    ) -> None:
        """A wrong option fails when the Redactor is made, with a message that names it."""
        with pytest.raises(error, match=message):
            Redactor(**kwargs)  # type: ignore[arg-type]

    def test_repr_shows_the_rules_not_the_key(self) -> None:
        """The pseudonym key never appears in a repr (which may itself be logged)."""
        text = repr(Redactor(pseudonymize=["email"], pseudonym_key="topsecretkey"))
        assert "topsecretkey" not in text
        assert "pseudonymize=['email']" in text


class TestSafety:
    def test_input_is_never_changed(self, redactor: Redactor) -> None:
        """The caller's payload, and everything nested in it, is the same after redaction."""
        payload = {"params": {"password": "p", "list": [{"token": "t"}]}, "x": "\x00"}
        before = copy.deepcopy(payload)
        redactor.redact_fields(payload)
        assert payload == before

    def test_cycles_and_depth_end_at_the_bound(self, redactor: Redactor) -> None:
        """A cyclic or very deep structure ends in a marker instead of recursing forever."""
        cyclic: dict[str, object] = {}
        cyclic["self"] = cyclic
        out = redactor.redact_fields({"c": cyclic})
        node: object = out["c"]
        for _ in range(MAX_DEPTH):
            assert isinstance(node, dict)
            node = node["self"]
        assert node == TOO_DEEP

    def test_non_string_keys_are_stringified(self, redactor: Redactor) -> None:
        """Keys of nested mappings become strings, as in JSON, and are judged by their text."""
        assert redactor.redact_fields({"m": {1: "a", "password": "p"}}) == {"m": {"1": "a", "password": MASK}}

    def test_is_sensitive(self, redactor: Redactor) -> None:
        """is_sensitive answers for a key name outside any error object."""
        assert redactor.is_sensitive("client_secret")
        assert redactor.is_sensitive("code")
        assert not redactor.is_sensitive("user_id")
        assert not redactor.is_sensitive("error")

    def test_a_deep_list_ends_at_the_bound(self, redactor: Redactor) -> None:
        """Nested lists end in the marker too."""
        deep: list[object] = []
        node = deep
        for _ in range(MAX_DEPTH + 5):
            child: list[object] = []
            node.append(child)
            node = child
        out = redactor.redact_fields({"l": deep})["l"]
        for _ in range(MAX_DEPTH):
            assert isinstance(out, list)
            out = out[0]
        assert out == TOO_DEEP

    def test_pseudonymize_leaves_non_strings(self) -> None:
        """Only string identifiers are hashed; a number or None under such a key is kept as it is."""
        redactor = Redactor(pseudonymize=["phone"], pseudonym_key="k")
        assert redactor.redact_fields({"phone": 5551234, "phoneVerified": None}) == {
            "phone": 5551234,
            "phoneVerified": None,
        }

    def test_the_decision_cache_is_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Keys from outside cannot grow the cache without end; decisions stay right past the bound."""
        monkeypatch.setattr("audit_logging.redaction._CACHE_LIMIT", 3)
        redactor = Redactor()
        out = redactor.redact_fields({f"k{i}": "v" for i in range(10)} | {"password": "p"})
        assert out["password"] == MASK
        assert len(redactor._cache) == 3


@pytest.mark.parametrize(
    "name",
    [
        *("proxy-authorization", "client_assertion", "device_code", "authorization_code", "passwd", "pwd"),
        *("passphrase", "jwt", "signing_key", "password.value", "client_secret.value", "token.raw"),
    ],
)
def test_the_spellings_real_code_uses_are_masked(name: str) -> None:
    """Issue 14, item 4: each name masked, and a dotted name as sensitive as its most sensitive part."""
    assert Redactor().redact_fields({name: "SECRET-123"}) == {name: MASK}


@pytest.mark.parametrize("name", ["assertion_id", "code_challenge_method", "audit.event.key", "user_agent.original"])
def test_names_that_only_look_alike_are_kept(name: str) -> None:
    assert Redactor().redact_fields({name: "kept"}) == {name: "kept"}


class TestStructuredObjects:
    """Issue 14, item 4: an object is redacted by its fields' names, never written as its str()."""

    def test_a_dataclass(self) -> None:
        from dataclasses import dataclass  # noqa: PLC0415

        @dataclass
        class SignInBody:
            username: str
            password: str

        out = Redactor().redact_fields({"body": SignInBody("alice", "hunter2")})
        assert out == {"body": {"username": "alice", "password": MASK}}

    def test_a_pydantic_model(self) -> None:
        import pydantic  # noqa: PLC0415 -- a test dependency (with pydantic-ocsf)

        class Body(pydantic.BaseModel):
            username: str
            client_secret: str

        out = Redactor().redact_fields({"body": Body(username="alice", client_secret="s3cr3t")})
        assert out == {"body": {"username": "alice", "client_secret": MASK}}

    def test_an_attrs_class(self) -> None:
        import attr  # noqa: PLC0415 -- a test dependency

        @attr.s(auto_attribs=True)
        class Body:
            username: str
            otp: str

        assert Redactor().redact_fields({"body": Body("alice", "123456")}) == {
            "body": {"username": "alice", "otp": MASK}
        }

    def test_werkzeug_headers(self) -> None:
        from werkzeug.datastructures import Headers  # noqa: PLC0415 -- with Flask, a test dependency

        headers = Headers(
            [("Authorization", "Bearer abc"), ("Cookie", "sid=1"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]
        )
        headers.add("Accept", "json")
        out = Redactor().redact_fields({"headers": headers})
        assert out == {"headers": {"Authorization": MASK, "Cookie": MASK, "Set-Cookie": MASK, "Accept": "json"}}

    def test_asgi_header_pairs(self) -> None:
        scope_headers = [(b"authorization", b"Bearer abc"), (b"user-agent", b"curl/8"), (b"cookie", b"sid=1")]
        out = Redactor().redact_fields({"headers": scope_headers})
        assert out == {"headers": {"authorization": MASK, "user-agent": "curl/8", "cookie": MASK}}

    def test_an_object_whose_fields_cannot_be_read_is_its_type(self) -> None:
        class Broken:
            model_fields: dict[str, object] = {"secret": None}  # noqa: RUF012 -- a class attribute on purpose

            def __getattr__(self, name: str) -> object:
                raise RuntimeError(name)

        assert Redactor().redact_fields({"x": Broken()}) == {"x": {"type": "Broken"}}

    def test_a_plain_object_is_still_its_text(self) -> None:
        import uuid  # noqa: PLC0415

        value = uuid.UUID("7f2c8a1e-1b2c-4d5e-8f90-123456789abc")
        assert Redactor().redact_fields({"request": value}) == {"request": str(value)}


def test_logtos_typed_identifier_is_pseudonymised_by_its_type() -> None:
    """Issue 14, item 4: Logto names an identifier's kind beside its value; pseudonymize=["email"] covers it."""
    redactor = Redactor(pseudonymize=["email"], pseudonym_key=b"a key")
    flat = redactor.redact_fields({"email": "Ann@Example.com "})["email"]
    out = redactor.redact_fields(
        {
            "identifier": {"type": "email", "value": "ann@example.com"},
            "other": {"type": "username", "value": "ann"},
            "params": {"identifier": {"type": "Email", "value": "ann@example.com"}},
        }
    )
    assert out["identifier"] == {"type": "email", "value": flat}  # the same pseudonym as the flat field's
    assert out["other"] == {"type": "username", "value": "ann"}
    assert out["params"]["identifier"]["value"] == flat  # type: ignore[index]


def test_a_webauthn_response_in_logtos_mfa_payload_is_masked() -> None:
    """Logto's WebAuthn verification payload: the credential's id stays, what the authenticator signed does not."""
    payload = {
        "type": "WebAuthn",
        "id": "cred-1",
        "rawId": "cred-1",
        "response": {
            "clientDataJSON": "eyJjaGFsbGVuZ2UiOiJ4In0",
            "authenticatorData": "SZYN5YgOjGh0NBcPZHZgW4",
            "signature": "MEUCIQDx",
            "userHandle": "u-1",
        },
    }
    out = Redactor().redact_fields({"params": payload})["params"]
    assert out["response"] == {  # type: ignore[index]
        "clientDataJSON": MASK,
        "authenticatorData": MASK,
        "signature": MASK,
        "userHandle": "u-1",
    }
    assert out["id"] == "cred-1"  # type: ignore[index]
