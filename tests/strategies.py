"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

from hypothesis import strategies as st

# Keys a secret hides under, in the spellings real payloads use.
SENSITIVE_KEYS = (
    "password",
    "newPassword",
    "client_secret",
    "clientSecret",
    "X-Api-Key",
    "api_key",
    "apiKey",
    "accessToken",
    "refresh_token",
    "id_token",
    "token",
    "Authorization",
    "cookie",
    "Set-Cookie",
    "privateKey",
    "private_key",
    "credentials",
    "verificationCode",
    "verification_code",
    "totp",
    "totpSecret",
    "backupCodes",
    "backup_code",
    "otp",
    "passcode",
    "code",
    "code_verifier",
    "codeVerifier",
    "SAMLResponse",
    "samlAssertion",
    "x-functions-key",
    # Spellings real code uses that Logto's list did not catch (issue 14, item 4).
    "proxy-authorization",
    "Proxy-Authorization",
    "client_assertion",
    "clientAssertion",
    "device_code",
    "user_code",
    "authorization_code",
    "authCode",
    "passwd",
    "pwd",
    "passphrase",
    "jwt",
    "signing_key",
    "signingKey",
    "password.value",
    "client_secret.value",
    # A WebAuthn response, as Logto's MFA verification payload carries it.
    "clientDataJSON",
    "authenticatorData",
    "attestationObject",
    "signature",
)

# Harmless keys; "error" is left out on purpose, since an error object keeps its `code`.
HARMLESS_KEYS = ("user", "items", "meta", "detail", "profile", "scopes", "request", "body", "data", "headers")

_secret_text = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789", min_size=8, max_size=16).map(lambda s: "SECRET" + s)
_kept_text = st.text(alphabet="abcdefghijkmnopqrstuvwxyz", min_size=6, max_size=12).map(lambda s: "kept" + s)


def _secret_value() -> st.SearchStrategy[object]:
    """A secret: a string, or a container holding secrets (masked whole under a sensitive key)."""
    return st.one_of(
        _secret_text,
        st.lists(_secret_text, min_size=1, max_size=3),
        st.dictionaries(st.sampled_from(HARMLESS_KEYS), _secret_text, min_size=1, max_size=3),
    )


def payloads() -> st.SearchStrategy[dict[str, object]]:
    """Nested payloads with secrets planted under sensitive keys and kept values under harmless ones."""

    def extend(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
        return st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.sampled_from(HARMLESS_KEYS), children, max_size=3),
            st.dictionaries(st.sampled_from(SENSITIVE_KEYS), _secret_value(), min_size=1, max_size=2),
        )

    tree = st.recursive(_kept_text, extend, max_leaves=12)
    return st.dictionaries(st.sampled_from(HARMLESS_KEYS + SENSITIVE_KEYS), tree, min_size=1, max_size=5).flatmap(
        # A top-level sensitive key holds a secret, never a harmless tree.
        lambda d: st.fixed_dictionaries(
            {k: (_secret_value() if k in SENSITIVE_KEYS else st.just(v)) for k, v in d.items()}
        )
    )


def planted(value: object, *, prefix: str) -> list[str]:
    """Every string in a payload that starts with ``prefix``, at any depth."""
    if isinstance(value, str):
        return [value] if value.startswith(prefix) else []
    if isinstance(value, dict):
        return [s for item in value.values() for s in planted(item, prefix=prefix)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in planted(item, prefix=prefix)]
    return []
