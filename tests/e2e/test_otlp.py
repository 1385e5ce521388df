"""Audit records exported over OTLP (gRPC and HTTP) into a real collector, asserted on what it received."""

from __future__ import annotations

import json
import logging
import uuid
from typing import TYPE_CHECKING, Any

import pytest
import structlog
from structlog.contextvars import merge_contextvars

from audit_logging import (
    AuditEventProcessor,
    AuditLogFilter,
    AuditOTelHandler,
    OTelAuditProcessor,
    audit_context,
)
from identity import without_identity

if TYPE_CHECKING:
    from collector import Collector

PROTOCOLS = ["grpc", "http/protobuf"]
SIGN_IN = "Interaction.SignIn.Submit"
TOTP = "Interaction.SignIn.Verification.Totp.Submit"
STATUS_CODE_ERROR = 2  # OTLP's Status.StatusCode.STATUS_CODE_ERROR


def _for_service(lines: list[dict[str, Any]], service: str, kind: str) -> list[dict[str, Any]]:
    return [line for line in lines if line["kind"] == kind and line["resource"].get("service.name") == service]


def _received(
    collector: Collector, service: str, *, logs: int, spans: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    lines = collector.wait_for(
        lambda lines: (
            len(_for_service(lines, service, "log")) >= logs and len(_for_service(lines, service, "span")) >= spans
        )
    )
    received_logs = _for_service(lines, service, "log")
    (span,) = _for_service(lines, service, "span")
    return received_logs, span


def _assert_no_secret(collector: Collector, service: str, *secrets: str) -> None:
    raw = [line for line in collector.sink.read_text(encoding="utf-8").splitlines() if service in line]
    assert raw
    for secret in secrets:
        assert all(secret not in line for line in raw), f"{secret} reached the collector"


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_structlog_audit_events_reach_the_collector(collector: Collector, protocol: str) -> None:
    """Log records with event_name, every audit attribute, service.name, the span link, span events, no secret."""
    service = f"e2e-structlog-{uuid.uuid4().hex[:8]}"
    password, code = f"pw-{uuid.uuid4().hex}", f"code-{uuid.uuid4().hex}"
    handle = collector.export_to(service, protocol)
    log = structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[
            merge_contextvars,
            structlog.processors.add_log_level,
            AuditEventProcessor(),
            OTelAuditProcessor(handle.logger_provider),
            structlog.processors.JSONRenderer(),
        ],
    )
    tracer = handle.tracer_provider.get_tracer("e2e")
    with tracer.start_as_current_span("sign-in"), audit_context(user_id="u-1", session_id="s-1"):
        log.info(
            "user signed in",
            audit_event=SIGN_IN,
            password=password,
            params={"code": code, "grant_type": "authorization_code"},
        )
        log.warning("TOTP rejected", audit_event=TOTP, outcome="failure")
    handle.shutdown()

    logs, span = _received(collector, service, logs=2, spans=1)
    by_name = {record["event_name"]: record for record in logs}
    signed_in, rejected = by_name[SIGN_IN], by_name[TOTP]
    assert signed_in["body"] == "user signed in"
    assert signed_in["scope"] == "audit_logging"
    assert (signed_in["severity_text"], rejected["severity_text"]) == ("INFO", "WARN")
    assert without_identity(signed_in["attributes"]) == {
        "audit.event.key": SIGN_IN,
        "audit.event.name": "Submit sign-in interaction",
        "audit.event.category": "Sign in",
        "audit.event.outcome": "success",
        "user.id": "u-1",
        "session.id": "s-1",
        "password": "******",
        "audit.params.code": "******",
        "audit.params.grant_type": "authorization_code",
    }
    assert rejected["attributes"]["audit.event.outcome"] == "failure"
    assert signed_in["resource"]["service.name"] == service
    for record in logs:
        assert (record["trace_id"], record["span_id"]) == (span["trace_id"], span["span_id"])
    assert [event["name"] for event in span["events"]] == [SIGN_IN, TOTP]
    assert span["events"][0]["attributes"] == signed_in["attributes"]
    assert span["status_code"] == STATUS_CODE_ERROR
    _assert_no_secret(collector, service, password, code)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_stdlib_audit_events_reach_the_collector(collector: Collector, protocol: str) -> None:
    """AuditOTelHandler sends the same attributes as the structlog path, with the exception on the span."""
    service = f"e2e-stdlib-{uuid.uuid4().hex[:8]}"
    secret = f"secret-{uuid.uuid4().hex}"
    handle = collector.export_to(service, protocol)
    logger = logging.getLogger(f"e2e.{service}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addFilter(AuditLogFilter())
    logger.addHandler(AuditOTelHandler(logger_provider=handle.logger_provider))
    tracer = handle.tracer_provider.get_tracer("e2e")
    with tracer.start_as_current_span("token"):
        logger.info("plain line, not an audit event")
        try:
            raise PermissionError("refresh token revoked")  # noqa: TRY301 -- raised to be logged
        except PermissionError:
            logger.exception(
                "token refused",
                extra={
                    "audit_event": "ExchangeTokenBy.RefreshToken",
                    "applicationId": "app-1",
                    "client_secret": secret,
                },
            )
    handle.shutdown()

    logs, span = _received(collector, service, logs=1, spans=1)
    (record,) = logs
    assert record["event_name"] == "ExchangeTokenBy.RefreshToken"
    assert record["severity_text"] == "ERROR"
    assert without_identity(record["attributes"]) == {
        "audit.event.key": "ExchangeTokenBy.RefreshToken",
        "audit.event.name": "Exchange token by Refresh Token",
        "audit.event.category": "Exchange token",
        "audit.event.outcome": "failure",
        "audit.application.id": "app-1",
        "client_secret": "******",
        "error.type": "PermissionError",
        "exception.type": "PermissionError",
        "exception.message": "refresh token revoked",
    }
    assert (record["trace_id"], record["span_id"]) == (span["trace_id"], span["span_id"])
    assert [event["name"] for event in span["events"]] == ["ExchangeTokenBy.RefreshToken", "exception"]
    assert span["status_code"] == STATUS_CODE_ERROR
    assert span["status_message"] == "PermissionError"
    _assert_no_secret(collector, service, secret)
    assert json.dumps(record).count("plain line") == 0
