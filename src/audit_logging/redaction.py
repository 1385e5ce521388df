"""Redaction of secrets in audit records: on by default, at any nesting depth.

The rules start from Logto's own (``packages/core/src/utils/sensitive-data.ts``),
which Logto applies to its log payloads: a key is normalised by dropping ``_``
and ``-`` and lower-casing it, then

* its value is masked when the key is ``authorization``, ``xfunctionskey`` or
  ``token``, ends with ``token``, or contains ``secret``, ``password``,
  ``apikey``, ``privatekey``, ``credential`` or ``cookie``; boolean values
  (``passwordVerified: true``) are kept, they say nothing secret;
* the key is dropped when it starts or ends with ``script`` or contains
  ``environmentvariables``;
* NUL characters are stripped from strings.

To those this library adds one-time codes and MFA material, which an
authentication audit trail meets constantly: verification codes, OTP and TOTP
codes and secrets, backup codes, passcodes, the OAuth ``code_verifier``, SAML
requests, responses and assertions, ``set-cookie`` and session cookies. The
OAuth authorization ``code`` is masked wherever it appears, except inside an
``error`` object, whose ``code`` (``session.not_found``) audits need.

No library we know of does this: structlog and python-json-logger leave
redaction to the application, and OpenTelemetry's SDK redacts nothing. So it is
written here, as Logto writes its own.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from typing import Any, Final

from audit_logging._validate import require_type

__all__ = ["MASK", "Redactor"]

MASK: Final = "******"
"""What a masked value becomes: Logto's own mask."""

MAX_DEPTH: Final = 32
"""Containers nested deeper than this are replaced by :data:`TOO_DEEP` (cycles end here too)."""

TOO_DEEP: Final = "[too deep]"

# A decision about a key, cached by the key's text.
_KEEP: Final = 0
_MASK: Final = 1
_DROP: Final = 2
_PSEUDONYMIZE: Final = 3
_KEEP_IN_ERROR: Final = 4  # `code`: masked, except inside an error object
_ERROR_OBJECT: Final = 5  # `error`: kept, and what it holds is an error object

_LOGTO_EXACT: Final = frozenset({"authorization", "xfunctionskey", "token"})
_LOGTO_CONTAINED: Final = ("secret", "password", "apikey", "privatekey", "credential", "cookie")
_OTP_EXACT: Final = frozenset(
    {"otp", "totp", "pin", "passcode", "mfacode", "codeverifier", "samlrequest", "samlresponse", "assertion"}
)
_OTP_SUFFIXES: Final = (
    "verificationcode",
    "backupcode",
    "backupcodes",
    "recoverycode",
    "recoverycodes",
    "otp",
    "otpcode",
    "totpcode",
    "totpsecret",
    "passcode",
    "codeverifier",
    "samlassertion",
    "samlresponse",
    "samlrequest",
)

_MASK_SUFFIXES: Final = ("token", *_OTP_SUFFIXES)

# Past this many distinct keys the cache stops growing: keys can come from
# outside (a client's JSON), and a cache must not become a memory leak.
_CACHE_LIMIT: Final = 4096


def normalize_key(key: str) -> str:
    """Logto's normalisation: drop ``_`` and ``-``, lower-case; only the last dotted segment counts."""
    return key.rsplit(".", 1)[-1].replace("_", "").replace("-", "").lower()


def _normalized_set(values: object, parameter: str) -> frozenset[str]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        msg = f"`{parameter}` must be a collection of key names, not {values!r}"
        raise TypeError(msg)
    names = []
    for value in values:
        if not isinstance(value, str) or not normalize_key(value):
            msg = f"`{parameter}` must hold non-empty key names, not {value!r}"
            raise TypeError(msg)
        names.append(normalize_key(value))
    return frozenset(names)


class Redactor:
    """The redaction rules an integration applies to every audit record.

    ``deny``: more key names to mask (compared after normalisation, so
    ``"x_internal_ref"`` also catches ``xInternalRef``). ``allow``: key names
    never to mask or drop, even when a default rule matches (``"token_type"``).
    ``pseudonymize``: words which, found in a key's normalised name
    (``("email", "phone")``), replace its string value with a keyed hash,
    ``hmac-sha256:<32 hex digits>`` of the trimmed, case-folded value, so the
    same person stays recognisable across records without the record holding
    the address; ``pseudonym_key`` (bytes or str) is then required and should
    be kept as secret as a password. ``mask`` is what a masked value becomes.
    """

    __slots__ = ("_allow", "_cache", "_deny", "_hmac_key", "_pseudonymize", "mask")

    def __init__(
        self,
        *,
        deny: Iterable[str] = (),
        allow: Iterable[str] = (),
        pseudonymize: Iterable[str] = (),
        pseudonym_key: bytes | str | None = None,
        mask: str = MASK,
    ) -> None:
        self._deny = _normalized_set(deny, "deny")
        self._allow = _normalized_set(allow, "allow")
        self._pseudonymize = tuple(sorted(_normalized_set(pseudonymize, "pseudonymize")))
        require_type(pseudonym_key, (bytes, str, type(None)), "pseudonym_key", "bytes, str or None")
        if self._pseudonymize and not pseudonym_key:
            msg = (
                "`pseudonym_key` is required when `pseudonymize` is set: "
                "without a secret key an email address's hash is easy to reverse"
            )
            raise ValueError(msg)
        self._hmac_key = pseudonym_key.encode() if isinstance(pseudonym_key, str) else pseudonym_key
        require_type(mask, str, "mask", "a str")
        self.mask = mask
        self._cache: dict[str, int] = {}

    def __repr__(self) -> str:
        return (
            f"Redactor(deny={sorted(self._deny)!r}, allow={sorted(self._allow)!r}, "
            f"pseudonymize={list(self._pseudonymize)!r}, mask={self.mask!r})"
        )

    def _decide(self, key: str) -> int:
        decision = self._cache.get(key)
        if decision is None:
            decision = self._rule(normalize_key(key))
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[key] = decision
        return decision

    def _rule(self, name: str) -> int:  # noqa: PLR0911 -- one return per rule reads as the rule table
        if name in self._allow:
            return _KEEP
        if name.startswith("script") or name.endswith("script") or "environmentvariables" in name:
            return _DROP
        if (
            name in self._deny
            or name in _LOGTO_EXACT
            or name.endswith(_MASK_SUFFIXES)
            or any(word in name for word in _LOGTO_CONTAINED)
            or name in _OTP_EXACT
        ):
            return _MASK
        if name == "code":
            return _KEEP_IN_ERROR
        if name in {"error", "errors"}:
            return _ERROR_OBJECT
        if any(word in name for word in self._pseudonymize):
            return _PSEUDONYMIZE
        return _KEEP

    def is_sensitive(self, key: str) -> bool:
        """Whether a value under ``key`` (outside an error object) is masked, dropped or pseudonymised."""
        return self._decide(key) not in {_KEEP, _ERROR_OBJECT}

    def redact_fields(self, fields: Mapping[str, object]) -> dict[str, object]:
        """A redacted copy of a mapping of fields; the mapping and anything nested in it are not changed."""
        return self._mapping(fields, 0, in_error=False)

    def redact_value(self, key: str, value: object, depth: int = 0, *, in_error: bool = False) -> tuple[bool, object]:
        """``(keep, value)`` for one field: ``keep`` is false when the key is to be dropped."""
        decision = self._decide(key)
        if decision == _KEEP:
            pass
        elif decision == _ERROR_OBJECT:
            in_error = True
        elif decision == _DROP:
            return False, None
        elif decision == _PSEUDONYMIZE:
            if isinstance(value, str) and self._hmac_key:
                digest = hmac.new(self._hmac_key, value.strip().casefold().encode(), hashlib.sha256).hexdigest()
                return True, "hmac-sha256:" + digest[:32]
        elif not (decision == _KEEP_IN_ERROR and in_error) and value is not None and not isinstance(value, bool):
            return True, self.mask
        return True, self._value(value, depth, in_error=in_error)

    def _value(self, value: object, depth: int, *, in_error: bool) -> object:
        if isinstance(value, str):
            return value.replace("\x00", "") if "\x00" in value else value
        if isinstance(value, Mapping):
            if depth >= MAX_DEPTH:
                return TOO_DEEP
            return self._mapping(value, depth + 1, in_error=in_error)
        if isinstance(value, list | tuple):
            if depth >= MAX_DEPTH:
                return TOO_DEEP
            items = [self._value(item, depth + 1, in_error=in_error) for item in value]
            return items if isinstance(value, list) else tuple(items)
        return value

    def _mapping(self, mapping: Mapping[Any, object], depth: int, *, in_error: bool) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in mapping.items():
            name = key if isinstance(key, str) else str(key)
            keep, redacted = self.redact_value(name, value, depth, in_error=in_error)
            if keep:
                out[name] = redacted
        return out
