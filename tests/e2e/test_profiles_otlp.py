"""The ecs and ocsf profiles over OTLP into a real collector: what it received still validates."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

import pytest
import structlog
from structlog.contextvars import merge_contextvars

from audit_logging import (
    AuditEventProcessor,
    AuditOTelHandler,
    OTelAuditProcessor,
    audit_context,
)
from audit_logging.profiles import nest
from audit_logging.profiles.ecs import iso_time
from schemas import ecs_problems, ocsf_problems

if TYPE_CHECKING:
    from collector import Collector

SIGN_IN = "Interaction.SignIn.Submit"
RESET = "Interaction.ForgotPassword.Submit"


def _document(profile: str, received: dict[str, Any]) -> dict[str, Any]:
    """A log record as the collector received it, read back into the profile's document."""
    fields = nest(received["attributes"])
    if profile == "ecs":
        return {"@timestamp": iso_time(received["time_unix_nano"] / 1e9), "message": received["body"], **fields}
    return {"time": received["time_unix_nano"] // 1_000_000, "message": received["body"], **fields}


@pytest.mark.parametrize("protocol", ["grpc", "http/protobuf"])
@pytest.mark.parametrize("profile", ["ecs", "ocsf"])
def test_profiles_survive_the_wire(collector: Collector, profile: str, protocol: str) -> None:
    """structlog and stdlib records in the profile reach the collector with event_name and valid fields."""
    service = f"e2e-{profile}-{uuid.uuid4().hex[:8]}"
    handle = collector.export_to(service, protocol)
    log = structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[
            merge_contextvars,
            structlog.processors.add_log_level,
            AuditEventProcessor(profile=profile),
            OTelAuditProcessor(handle.logger_provider),
            structlog.processors.JSONRenderer(),
        ],
    )
    logger = logging.getLogger(f"e2e.{service}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(AuditOTelHandler(logger_provider=handle.logger_provider, profile=profile))
    with audit_context(user_id="u-1", ip="198.51.100.4", session_id="s-1"):
        log.info("user signed in", audit_event=SIGN_IN, password="hunter2")
        logger.warning("reset refused", extra={"audit_event": RESET, "outcome": "failure"})
    handle.shutdown()

    lines = collector.wait_for(
        lambda lines: len([line for line in lines if line.get("resource", {}).get("service.name") == service]) >= 2
    )
    received = {line["event_name"]: line for line in lines if line.get("resource", {}).get("service.name") == service}
    assert set(received) == {SIGN_IN, RESET}
    for record in received.values():
        document = _document(profile, record)
        # The caller's own `password` field keeps its name in ECS, and is unmapped in OCSF.
        assert (ecs_problems(document, custom=("password",)) if profile == "ecs" else ocsf_problems(document)) == []
    signed_in, refused = received[SIGN_IN]["attributes"], received[RESET]["attributes"]
    assert signed_in["password" if profile == "ecs" else "unmapped.password"] == "******"
    assert "hunter2" not in str(received)
    if profile == "ecs":
        assert signed_in["event.category"] == ["authentication", "session"]
        assert (signed_in["client.ip"], refused["event.outcome"]) == ("198.51.100.4", "failure")
    else:
        assert (signed_in["class_uid"], signed_in["activity_id"]) == (3002, 1)
        assert (refused["status_id"], refused["severity_id"]) == (2, 3)
