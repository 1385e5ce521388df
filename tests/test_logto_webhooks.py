"""Issue 16, item 5: Logto's webhooks, signed as Logto signs them, through the ASGI app and the plain receiver."""

from __future__ import annotations

import json
from typing import Any

import pytest
import structlog
from starlette.testclient import TestClient

from audit_logging import AuditEventProcessor, UnknownEventWarning
from audit_logging.logto.webhooks import SIGNATURE_HEADER, LogtoWebhookApp, WebhookReceiver, sign, verify_signature
from audit_logging.testing import capture_audit_events

KEY = "whsec-test-signing-key"
SIGN_IN = {
    "hookId": "hook-1",
    "event": "PostSignIn",
    "createdAt": "2026-12-01T12:00:00.000Z",
    "interactionEvent": "SignIn",
    "sessionId": "s-1",
    "userAgent": "Mozilla/5.0",
    "userIp": "203.0.113.9",
    "userId": "u-1",
    "user": {"id": "u-1", "primaryEmail": "ann@example.com"},
    "application": {"id": "app-1", "name": "Web"},
}


@pytest.fixture(autouse=True)
def _pipeline() -> None:
    structlog.configure(processors=[AuditEventProcessor(), structlog.processors.JSONRenderer()],
                        logger_factory=structlog.ReturnLoggerFactory())  # fmt: skip


def _post(client: TestClient, payload: dict[str, Any], signature: str | None = "sign") -> int:
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    if signature == "sign":
        headers[SIGNATURE_HEADER] = sign(body, KEY)
    elif signature is not None:
        headers[SIGNATURE_HEADER] = signature
    return int(client.post("/", content=body, headers=headers).status_code)


def test_a_signed_sign_in_makes_one_record_and_its_retry_none() -> None:
    client = TestClient(LogtoWebhookApp(KEY))
    with capture_audit_events() as records:
        assert _post(client, SIGN_IN) == 200
        assert _post(client, SIGN_IN) == 200  # Logto's retry of the same delivery
    (record,) = records
    assert (record["audit.event.key"], record["audit.event.outcome"]) == ("Interaction.SignIn.Submit", "success")
    assert (record["user.id"], record["session.id"], record["client.address"]) == ("u-1", "s-1", "203.0.113.9")
    assert (record["audit.application.id"], record["user_agent.original"]) == ("app-1", "Mozilla/5.0")
    assert record["audit.logto.hook_id"] == "hook-1"


@pytest.mark.parametrize("signature", [None, "", "0" * 64, "not hex"])
def test_an_unsigned_or_mis_signed_delivery_gets_401_and_makes_nothing(signature: str | None) -> None:
    client = TestClient(LogtoWebhookApp(KEY))
    with capture_audit_events() as records:
        assert _post(client, SIGN_IN, signature) == 401
    assert records == []


def test_a_body_changed_after_signing_fails() -> None:
    body = json.dumps(SIGN_IN).encode()
    assert verify_signature(body, sign(body, KEY), KEY)
    assert not verify_signature(body.replace(b"u-1", b"u-2"), sign(body, KEY), KEY)
    assert not verify_signature(body, sign(body, "another key"), KEY)


def test_data_events_keep_logtos_name_and_redact_their_data() -> None:
    receiver = WebhookReceiver(KEY)
    payload = {"hookId": "h", "event": "User.Created", "createdAt": "2026-12-01T12:00:00Z",
               "data": {"id": "u-9", "passwordDigest": "argon2...", "primaryEmail": "bob@example.com"}}  # fmt: skip
    body = json.dumps(payload).encode()
    with pytest.warns(UnknownEventWarning, match="User.Created"), capture_audit_events() as records:
        assert receiver.receive(body, sign(body, KEY)) == 200
    (record,) = records
    assert (record["audit.event.key"], record["audit.event.known"]) == ("User.Created", False)
    assert record["audit.logto.data"] == {"id": "u-9", "passwordDigest": "******", "primaryEmail": "bob@example.com"}


def test_other_methods_and_bad_bodies() -> None:
    client = TestClient(LogtoWebhookApp(KEY))
    assert client.get("/").status_code == 405
    body = b"not json"
    assert client.post("/", content=body, headers={SIGNATURE_HEADER: sign(body, KEY)}).status_code == 400
    with pytest.raises(ValueError, match="signing_key"):
        WebhookReceiver("")
