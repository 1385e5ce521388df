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
requests, responses and assertions, ``set-cookie`` and session cookies, and
the spellings real code gives credentials (``proxy-authorization``,
``client_assertion``, device, user and authorization codes, ``jwt``, ``pwd``,
``passwd``, ``passphrase``, signing keys), and a WebAuthn response's
``clientDataJSON``, ``authenticatorData``, ``attestationObject`` and
``signature``. A dotted name is as sensitive as
its most sensitive part. The OAuth authorization ``code`` is masked wherever it
appears, except inside an ``error`` object, whose ``code``
(``session.not_found``) audits need.

No library we know of does this: structlog and python-json-logger leave
redaction to the application, and OpenTelemetry's SDK redacts nothing. So it is
written here, as Logto writes its own.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import itertools
import math
import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Final

from audit_logging._validate import require_int, require_type

__all__ = ["MASK", "Redactor"]

MASK: Final = "******"
"""What a masked value becomes: Logto's own mask."""

MAX_DEPTH: Final = 32
"""Containers nested deeper than this are replaced by :data:`TOO_DEEP` (cycles end here too)."""

TOO_DEEP: Final = "[too deep]"

DEFAULT_MAX_VALUE_LENGTH: Final = 8192
DEFAULT_MAX_ITEMS: Final = 1000

# What a log line must never carry raw: CR and LF (a forged second record in a
# line-oriented output), ESC and the other C0 and C1 controls (terminal control
# sequences in a console), and lone surrogates (no UTF-8 encoder writes them: the
# file, the chain's MAC and the OTLP encoder all raise). NUL is stripped, as Logto
# does; the rest is escaped.
UNSAFE: Final = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
_ESCAPES: Final = {"\n": "\\n", "\r": "\\r", "\x00": ""}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    escaped = _ESCAPES.get(char)
    if escaped is not None:
        return escaped
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"  # noqa: PLR2004 -- one byte, or a surrogate


_UNSAFE_BUT_NEWLINE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str, limit: int, *, keep_newlines: bool = False) -> str:
    r"""Text safe for any output: NUL stripped, controls escaped (``\\n``, ``\\x1b``), cut at ``limit`` and marked.

    ``keep_newlines`` keeps LF, for a traceback, which has lines by nature.
    """
    # isprintable() clears most texts in one C pass: every character UNSAFE matches is one it rejects.
    if not text.isprintable():
        unsafe = _UNSAFE_BUT_NEWLINE if keep_newlines else UNSAFE
        if unsafe.search(text) is not None:
            text = unsafe.sub(_escape, text)
    if len(text) > limit:
        text = f"{text[:limit]}…[truncated {len(text) - limit} chars]"
    return text


# The ints every output takes as numbers: JSON parsers that read them as doubles aside, orjson and OTLP's
# int attributes stop at 64 bits (orjson raises, the OTLP encoder drops the attribute and logs a traceback).
_INT64_MIN: Final = -(2**63)
_INT64_MAX: Final = 2**63 - 1


def in_int64(value: int) -> bool:
    """Whether an int fits in 64 signed bits: what every output writes as a number."""
    return _INT64_MIN <= value <= _INT64_MAX


def big_int(value: int) -> str:
    """An int beyond 64 bits as its digits; past Python's limit on int-to-text conversion, as its size."""
    try:
        return str(value)
    except ValueError:  # more digits than sys.get_int_max_str_digits() allows
        return f"<int of {value.bit_length()} bits>"


def _decoded(value: bytes | bytearray) -> str:
    """Bytes as text: UTF-8, anything else shown as escapes."""
    return bytes(value).decode("utf-8", "backslashreplace")


def _text_of(value: object) -> object:
    return _decoded(value) if isinstance(value, bytes | bytearray) else value


def _collect(pairs: Iterable[tuple[object, object]]) -> dict[str, object]:
    """Name-value pairs as a mapping; a name that repeats (two Set-Cookie headers) keeps every value, as a list."""
    out: dict[str, object] = {}
    repeated: dict[str, list[object]] = {}
    for name, value in pairs:
        key = safe_str(_text_of(name))
        if key in repeated:
            repeated[key].append(value)
        elif key in out:
            out[key] = repeated[key] = [out[key], value]
        else:
            out[key] = value
    return out


def _named_pairs(items: Iterable[object]) -> dict[str, object] | None:
    """A list of ``(name, value)`` pairs with text names (ASGI headers), as a mapping; else ``None``."""
    if not items or not all(
        isinstance(item, tuple | list) and len(item) == 2 and isinstance(item[0], str | bytes)  # noqa: PLR2004 -- a pair
        for item in items
    ):
        return None
    return _collect((item[0], _text_of(item[1])) for item in items)  # type: ignore[index]


def _fields_of(value: object, most: int) -> Mapping[str, object] | None:
    """The fields of a structured object (a dataclass, an attrs or pydantic model, a mapping-like one), or ``None``.

    Read by name, never by calling the object's own serialisation; an object
    whose fields cannot be read is written as its type's name. ``most``: how
    many pairs of a mapping-like object are read (one more shows there are more).
    """
    try:
        kind = type(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
        names = getattr(kind, "__attrs_attrs__", None)
        if names is not None:
            return {attribute.name: getattr(value, attribute.name) for attribute in names}
        model_fields = getattr(kind, "model_fields", None)  # pydantic 2
        if isinstance(model_fields, Mapping):
            return {str(name): getattr(value, str(name)) for name in model_fields}
        items = getattr(value, "items", None)
        if callable(items) and callable(getattr(value, "keys", None)):  # werkzeug's Headers, multidicts
            return _collect(itertools.islice(items(), most + 1))
    except Exception:  # noqa: BLE001 -- an object that cannot be read is written as its type's name
        return {"type": kind.__name__}
    return None


# Free text (a message, an exception's message, a traceback, any string value) is searched for the credentials
# that have a recognisable shape; the rest of a text is left as it is. No library we know of does this for logs
# (detect-secrets and trufflehog scan repositories, not log calls, at a cost per line no logging path can pay),
# so it is written here, and kept to shapes that cannot be mistaken for prose:
# * ``name=value`` and ``name: value`` pairs (a URL's query, a form body, ``password=...`` in an exception's
#   message, an HTTP header line, JSON inside a message) whose name the key rules above mask: the value is
#   masked, a header line's (``Cookie: a=1; b=2``) to the end of its line;
# * an authorization scheme and its credentials (``Bearer <token>``, ``Basic <base64>``), wherever they appear;
# * a JSON Web Token (three base64url parts, the first two starting ``eyJ``, the encoding of ``{"``);
# * the password of a URL's user information (``postgres://app:s3cret@db/app``).
# A secret in free text that has none of these shapes (``my password is hunter2``) is out of reach.
_FREE_TEXT: Final = re.compile(
    r"(?P<jwt>\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)"
    r"|\b(?:[Bb]earer|[Bb]asic|[Dd]igest|DPoP)[ \t]+(?P<credentials>[A-Za-z0-9._~+/=-]{8,})"
    r"|://[^/\s:@]*:(?P<userinfo>[^/\s@]+)@"
    r"|(?<![\w.-])(?P<name>[A-Za-z_][\w.-]{0,63})(?P<quote>[\"']?)[ \t]*(?P<separator>=|:(?=[ \t\"']))[ \t]*"
)
_TOKEN: Final = re.compile(r"[^\s&#,;\"']+")
_QUOTED: Final = {'"': re.compile(r'(?:[^"\\\n]|\\.)*'), "'": re.compile(r"[^'\n]*")}


def has_free_text_hint(text: str) -> bool:
    """Whether ``text`` may hold a credential of a recognisable shape (see ``_FREE_TEXT``): most texts do not.

    A pair has ``=``, ``: `` or ``:"``; a JSON Web Token ``eyJ``; a bare bearer
    credential ``earer``; a URL's user information ``://``. A ``Basic``,
    ``Digest`` or ``DPoP`` credential is found in a text that has one of these
    (after its header's name, or the ``=`` of its base64 padding), not alone: each
    test costs every string logged a few tens of nanoseconds, written out in C
    (a loop over a tuple of them costs five times as much), the colon's three
    only when there is a colon (one character is the cheapest test of all).
    """
    return (
        "=" in text
        or (":" in text and (": " in text or ':"' in text or "://" in text))
        or "eyJ" in text
        or "earer" in text
    )


def safe_str(value: object) -> str:
    """``str(value)``, or a placeholder naming its type when ``__str__`` raises: never an exception."""
    try:
        return str(value)
    except Exception:  # noqa: BLE001 -- a broken __str__ must not break the log call
        return f"<unprintable {type(value).__name__}>"


# A decision about a key, cached by the key's text.
_KEEP: Final = 0
_MASK: Final = 1
_DROP: Final = 2
_PSEUDONYMIZE: Final = 3
_KEEP_IN_ERROR: Final = 4  # `code`: masked, except inside an error object
_ERROR_OBJECT: Final = 5  # `error`: kept, and what it holds is an error object

_LOGTO_EXACT: Final = frozenset({"authorization", "xfunctionskey", "token"})
_LOGTO_CONTAINED: Final = ("secret", "password", "apikey", "privatekey", "credential", "cookie")
# Beyond Logto's own list: the spellings real code gives the same credentials (issue 14, item 4).
_MORE_EXACT: Final = frozenset(
    {
        *("pwd", "jwt"),
        # A WebAuthn response (Logto's MFA verification payload): what the authenticator signed, and its signature.
        *("clientdatajson", "authenticatordata", "attestationobject", "signature"),
    }
)
_MORE_CONTAINED: Final = ("passwd", "passphrase", "signingkey")
_MORE_SUFFIXES: Final = (
    "authorization",  # proxy-authorization
    "assertion",  # client_assertion: a signed JWT that authenticates the client
    "devicecode",
    "usercode",  # the device flow's code, typed by the user
    "authorizationcode",
    "authcode",
    "jwt",
)
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

_MASK_SUFFIXES: Final = ("token", *_OTP_SUFFIXES, *_MORE_SUFFIXES)
_MASK_EXACT: Final = _LOGTO_EXACT | _MORE_EXACT
_MASK_CONTAINED: Final = (*_LOGTO_CONTAINED, *_MORE_CONTAINED)

# Past this many distinct keys the cache stops growing: keys can come from
# outside (a client's JSON), and a cache must not become a memory leak.
_CACHE_LIMIT: Final = 4096


def normalize_key(key: str) -> str:
    """Logto's normalisation of one name: drop ``_`` and ``-``, lower-case; of a dotted name, its last part."""
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
    r"""The redaction rules an integration applies to every audit record.

    ``deny``: more key names to mask (compared after normalisation, so
    ``"x_internal_ref"`` also catches ``xInternalRef``). ``allow``: key names
    never to mask or drop, even when a default rule matches (``"token_type"``).
    ``pseudonymize``: words which, found in a key's normalised name
    (``("email", "phone")``), replace its string value with a keyed hash,
    ``hmac-sha256:<32 hex digits>`` of the trimmed, case-folded value, so the
    same person stays recognisable across records without the record holding
    the address; ``pseudonym_key`` (bytes or str) is then required and should
    be kept as secret as a password. ``mask`` is what a masked value becomes.

    The same pass makes every value safe to write anywhere:
    ``max_value_length`` (default 8192) bounds strings, cut and marked
    ``…[truncated N chars]``; ``max_items`` (default 1000) bounds lists and
    mappings, the rest counted in a last ``…`` entry; nesting stops at 32
    levels (cycles included); CR, LF, ESC and the other control characters are
    escaped (``\\n``, ``\\x1b``) so no value forges a record or a terminal
    sequence; NaN and infinities become strings, so JSON stays JSON; any other
    object becomes its ``str()`` (or a placeholder when that fails).
    """

    __slots__ = ("_allow", "_cache", "_deny", "_hmac_key", "_pseudonymize", "mask", "max_items", "max_value_length")

    def __init__(  # noqa: PLR0913 -- keyword-only options, each documented
        self,
        *,
        deny: Iterable[str] = (),
        allow: Iterable[str] = (),
        pseudonymize: Iterable[str] = (),
        pseudonym_key: bytes | str | None = None,
        mask: str = MASK,
        max_value_length: int = DEFAULT_MAX_VALUE_LENGTH,
        max_items: int = DEFAULT_MAX_ITEMS,
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
        require_int(max_value_length, "max_value_length", 1)
        require_int(max_items, "max_items", 1)
        self.max_value_length = max_value_length
        self.max_items = max_items
        self._cache: dict[str, int] = {}

    def __repr__(self) -> str:
        return (
            f"Redactor(deny={sorted(self._deny)!r}, allow={sorted(self._allow)!r}, "
            f"pseudonymize={list(self._pseudonymize)!r}, mask={self.mask!r}, "
            f"max_value_length={self.max_value_length}, max_items={self.max_items})"
        )

    def _decide(self, key: str) -> int:
        decision = self._cache.get(key)
        if decision is None:
            decision = self._rule(normalize_key(key))
            if "." in key:
                # A dotted name is as sensitive as its most sensitive part: "password.value" is a password.
                for part in key.split(".")[:-1]:
                    above = self._rule(normalize_key(part))
                    if above in (_MASK, _DROP):
                        decision = above
                        break
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
            or name in _MASK_EXACT
            or name.endswith(_MASK_SUFFIXES)
            or any(word in name for word in _MASK_CONTAINED)
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

    def redact_text(self, text: str, *, keep_newlines: bool = False) -> str:
        """Free text with the credentials of a recognisable shape masked (see ``_FREE_TEXT``), then made safe.

        ``password=hunter2``, ``?code=...&client_secret=...``, ``"access_token": "..."``,
        ``Authorization: Bearer ...`` (its line), a bare ``Bearer``/``Basic`` credential and a JSON Web
        Token become the mask; names are judged by the same rules as a field's (``code`` only in a
        ``code=`` pair, a URL's or a form's). Then bounded and escaped as any value (:func:`clean_text`);
        ``keep_newlines`` keeps its line feeds (a traceback's).
        """
        if has_free_text_hint(text):
            text = self._scrub(text)
        return clean_text(text, self.max_value_length, keep_newlines=keep_newlines)

    def redact_traceback(self, text: str) -> str:
        """A traceback's text: free-text credentials masked, bounded and escaped, its line feeds kept."""
        return self.redact_text(text, keep_newlines=True)

    def _scrub(self, text: str) -> str:
        """The credentials of ``_FREE_TEXT``'s shapes in ``text`` masked: one left-to-right pass, no recursion."""
        parts: list[str] = []
        position = 0
        mask = self.mask
        while (found := _FREE_TEXT.search(text, position)) is not None:
            if found["jwt"] is not None:
                parts += (text[position : found.start()], mask)
                position = found.end()
                continue
            secret = "credentials" if found["credentials"] is not None else "userinfo"
            if found[secret] is not None:
                parts += (text[position : found.start(secret)], mask, text[found.end(secret) : found.end()])
                position = found.end()
                continue
            name, header = found["name"], found["separator"] == ":" and not found["quote"]
            decision = self._decide(name)
            value_at = found.end()
            if decision in {_KEEP, _ERROR_OBJECT} or (decision == _KEEP_IN_ERROR and found["separator"] != "="):
                parts.append(text[position:value_at])  # a name to keep: its value is still searched
                position = value_at
                continue
            start, end = self._free_value_span(text, value_at, header=header)
            parts += (text[position:start], self._free_value(decision, text[start:end]))
            position = end
        parts.append(text[position:])
        return "".join(parts)

    @staticmethod
    def _free_value_span(text: str, at: int, *, header: bool) -> tuple[int, int]:
        """Where the value starting at ``at`` is: inside its quotes, to the end of a header's line, or one token."""
        opening = text[at : at + 1]
        quoted = _QUOTED.get(opening)
        if quoted is not None:
            inside = quoted.match(text, at + 1)
            return at + 1, inside.end() if inside is not None else at + 1
        if header:  # an HTTP header line: its whole value (every cookie of a Cookie line)
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            return at, at + len(text[at:end].rstrip("\r"))
        token = _TOKEN.match(text, at)
        return at, token.end() if token is not None else at

    def _free_value(self, decision: int, value: str) -> str:
        """What a sensitive name's value in free text becomes: the mask, or the pseudonym."""
        if not value:
            return value
        if decision == _PSEUDONYMIZE:
            return self._pseudonym(value) if self._hmac_key else value
        return self.mask

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
                return True, self._pseudonym(value)
        elif not (decision == _KEEP_IN_ERROR and in_error) and value is not None and not isinstance(value, bool):
            return True, self.mask
        # Only an error object's own fields are an error's: its `code` is kept, a `code` nested deeper is not.
        return True, self._value(value, depth, in_error=decision == _ERROR_OBJECT)

    def _value(self, value: object, depth: int, *, in_error: bool) -> object:  # noqa: C901, PLR0911 -- one branch per kind
        if isinstance(value, str):
            return self.redact_text(value)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value if _INT64_MIN <= value <= _INT64_MAX else clean_text(big_int(value), self.max_value_length)
        if isinstance(value, float):
            return value if math.isfinite(value) else str(value)
        if isinstance(value, Mapping | list | tuple | set | frozenset):
            if depth >= MAX_DEPTH:
                return TOO_DEEP
            try:
                return self._container(value, depth, in_error=in_error)
            except Exception:  # noqa: BLE001 -- a container that cannot be read (a lazy one over a closed resource)
                return f"<unreadable {type(value).__name__}>"
        if isinstance(value, bytes | bytearray):
            return self.redact_text(_decoded(value))
        fields = _fields_of(value, self.max_items)
        if fields is not None:  # its fields, redacted by name, never its str(), which would show them all
            if depth >= MAX_DEPTH:
                return TOO_DEEP
            return self._mapping(fields, depth + 1, in_error=in_error)
        # Anything else as text, now: a renderer's fallback (repr) may raise or forge a line.
        return self.redact_text(safe_str(value))

    def _container(self, value: Collection[object], depth: int, *, in_error: bool) -> object:
        """A mapping or a sequence, redacted item by item; a list of named pairs as the mapping it is."""
        if isinstance(value, Mapping):
            return self._mapping(value, depth + 1, in_error=in_error)
        pairs = _named_pairs(value)
        if pairs is not None:  # ASGI headers, urllib's query pairs: each value under its name
            return self._mapping(pairs, depth + 1, in_error=in_error)
        items: list[object] = []
        for index, item in enumerate(value):
            if index == self.max_items:
                items.append(f"…[{len(value) - index} more items]")
                break
            items.append(self._value(item, depth + 1, in_error=in_error))
        return tuple(items) if isinstance(value, tuple) else items

    def _pseudonym(self, value: str) -> str:
        assert self._hmac_key is not None  # noqa: S101 -- pseudonymize is refused without a key
        digest = hmac.new(self._hmac_key, value.strip().casefold().encode(), hashlib.sha256).hexdigest()
        return "hmac-sha256:" + digest[:32]

    def _typed_value(self, mapping: dict[Any, object]) -> dict[Any, object]:
        """Logto's typed value, ``{"type": "email", "value": ...}``: its value judged by the name its type gives.

        A type the rules mask (``password``, ``totp``, ``backupCode``) masks
        the value; one pseudonymised (``email``) pseudonymises it. Anything
        else is left to the rules of its own names.
        """
        kind, value = mapping.get("type"), mapping["value"]
        if not isinstance(kind, str) or value is None or isinstance(value, bool):
            return mapping
        decision = self._decide(kind)
        if decision == _PSEUDONYMIZE and isinstance(value, str):
            return {**mapping, "value": self._pseudonym(value)}
        if decision in {_MASK, _DROP}:
            return {**mapping, "value": self.mask}
        return mapping

    def _mapping(self, mapping: Mapping[Any, object], depth: int, *, in_error: bool) -> dict[str, object]:
        if isinstance(mapping, dict) and "value" in mapping and "type" in mapping:  # a dict: no reads of its own
            mapping = self._typed_value(mapping)
        out: dict[str, object] = {}
        for index, (key, value) in enumerate(mapping.items()):
            if index == self.max_items:
                out["…"] = f"[{len(mapping) - index} more keys]"
                break
            name = clean_text(key if isinstance(key, str) else safe_str(key), self.max_value_length)
            keep, redacted = self.redact_value(name, value, depth, in_error=in_error)
            if keep:
                out[name] = redacted
        return out
