"""Logto's webhooks as audit records: signature checked, event mapped, retries recorded once.

Logto POSTs each hook event as JSON, signed in the header
``logto-signature-sha-256``: the hex HMAC-SHA256 of the raw body with the
hook's signing key (logto-io/logto, ``packages/core/src/libraries/hook``).
:class:`WebhookReceiver` checks the signature in constant time over the raw
body (a missing or wrong one: 401, nothing recorded), makes the event one
audit record and hands it to logging before it answers 2xx (Logto retries a
delivery that failed, so an answer given before the record is out could lose
it). A retried delivery (the same body) is answered 200 and makes no second
record; its record id, derived from the body, is the same anyway, for a
store downstream of another process.

The mapping (``packages/schemas/src/types/hook.ts``): the interaction events
become their catalog keys, ``PostSignIn`` a successful
``Interaction.SignIn.Submit``, ``PostRegister`` ``Interaction.Register.Submit``,
``PostResetPassword`` ``Interaction.ForgotPassword.Submit``, with the user,
application, session, IP and user agent they carry; every other event (the
data events ``User.Created``, ``Role.Deleted``, ..., and the exception events
such as ``Identifier.Lockout``) keeps Logto's own name as its key, which the
catalog lacks (``audit.event.known: false``), with its ``data`` redacted as
any field. :class:`LogtoWebhookApp` is the receiver as an ASGI application.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from audit_logging._routes import default_logger, log_interaction
from audit_logging._validate import require_type
from audit_logging.catalog import find_event

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["INTERACTION_EVENTS", "SIGNATURE_HEADER", "LogtoWebhookApp", "WebhookReceiver", "sign", "verify_signature"]

SIGNATURE_HEADER: Final = "logto-signature-sha-256"
INTERACTION_EVENTS: Final[dict[str, str]] = {
    "PostSignIn": "Interaction.SignIn.Submit",
    "PostRegister": "Interaction.Register.Submit",
    "PostResetPassword": "Interaction.ForgotPassword.Submit",
}
HOOK_ID: Final = "audit.logto.hook_id"
_NAMESPACE: Final = uuid.UUID("0f6b6c1e-6f2a-5c3e-9a49-6c6f67746f01")  # this library's, for ids of deliveries
_REMEMBERED: Final = 10_000  # deliveries remembered to recognise a retry (bounded: bodies come from outside)


def sign(body: bytes, key: bytes | str) -> str:
    """Logto's signature of a body: the hex HMAC-SHA256 with the hook's signing key."""
    secret = key.encode() if isinstance(key, str) else key
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, signature: str | None, key: bytes | str) -> bool:
    """Whether ``signature`` is Logto's for ``body``, compared in constant time; False when it is missing."""
    if not signature:
        return False
    return hmac.compare_digest(sign(body, key), signature.strip().lower())


def _event_fields(payload: Mapping[str, Any]) -> dict[str, object]:
    """The record's fields of one hook event: who, from where, and the rest of it under its own names."""
    user = payload.get("user") if isinstance(payload.get("user"), dict) else {}
    application = payload.get("application") if isinstance(payload.get("application"), dict) else {}
    fields: dict[str, object] = {
        "user_id": payload.get("userId") or user.get("id"),  # type: ignore[union-attr]
        "application_id": payload.get("applicationId") or application.get("id"),  # type: ignore[union-attr]
        "session_id": payload.get("sessionId"),
        "ip": payload.get("ip") or payload.get("userIp"),
        "user_agent": payload.get("userAgent"),
        "interaction_event": payload.get("interactionEvent"),
        HOOK_ID: payload.get("hookId"),
        "audit.logto.created_at": payload.get("createdAt"),
    }
    for name in ("data", "params", "path", "method", "status", "matchedRoute"):
        if name in payload:
            fields[f"audit.logto.{name}"] = payload[name]
    return {name: value for name, value in fields.items() if value is not None}


class WebhookReceiver:
    """Receive Logto's hook deliveries, framework-neutral: :meth:`receive` answers with the HTTP status.

    ``signing_key``: the hook's signing key (Logto's Console shows it).
    ``logger``: where the records go (as for ``audit_interaction``: a
    structlog logger, a stdlib ``Logger``; by default the application's own
    logging, chosen as the decorator chooses it).
    """

    def __init__(self, signing_key: bytes | str, *, logger: Any = None) -> None:  # noqa: ANN401 -- any logger
        require_type(signing_key, (bytes, str), "signing_key", "bytes or a str")
        if not signing_key:
            msg = "`signing_key` must not be empty: without it any body would pass"
            raise ValueError(msg)
        self._key = signing_key
        self._logger = logger
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def receive(self, body: bytes, signature: str | None) -> int:
        """Check, map and log one delivery; the status to answer: 401, 400, or 200 once the record is logged."""
        if not verify_signature(body, signature, self._key):
            return 401
        try:
            payload = json.loads(body)
        except ValueError:
            return 400
        if not isinstance(payload, dict) or not isinstance(payload.get("event"), str):
            return 400
        digest = hashlib.sha256(body).hexdigest()
        with self._lock:
            if digest in self._seen:  # Logto's retry of a delivery already recorded
                self._seen.move_to_end(digest)
                return 200
        event_name: str = payload["event"]
        key: str = INTERACTION_EVENTS.get(event_name) or event_name
        known = find_event(key)
        fields = _event_fields(payload)
        fields["record_id"] = str(uuid.uuid5(_NAMESPACE, digest))  # the same for every retry of this delivery
        logger = self._logger if self._logger is not None else default_logger()
        log_interaction(logger, key, known.name if known is not None else event_name, fields, None)
        with self._lock:
            self._seen[digest] = None
            while len(self._seen) > _REMEMBERED:
                self._seen.popitem(last=False)
        return 200


Scope: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send: TypeAlias = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class LogtoWebhookApp:
    """:class:`WebhookReceiver` as an ASGI application: mount it where Logto's hook points (``POST`` only)."""

    def __init__(self, signing_key: bytes | str, *, logger: Any = None) -> None:  # noqa: ANN401 -- any logger
        self.receiver = WebhookReceiver(signing_key, logger=logger)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one request: the raw body read whole, then the receiver's status."""
        if scope["type"] != "http":
            return
        if scope.get("method") != "POST":
            await _answer(send, 405)
            return
        chunks = []
        more = True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        await _answer(send, self.receiver.receive(b"".join(chunks), headers.get(SIGNATURE_HEADER)))


async def _answer(send: Send, status: int) -> None:
    body = json.dumps({"status": status}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
