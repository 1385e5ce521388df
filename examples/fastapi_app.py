"""FastAPI: a middleware binds each request's client, user agent and request id; decorated routes audit.

Run: uvicorn fastapi_app:app --app-dir examples   (or exercise it with FastAPI's TestClient, as the tests do);
with OTEL_EXPORTER_OTLP_ENDPOINT set, its audit records go to that collector as well.
"""

from __future__ import annotations

import os
import uuid
from typing import TYPE_CHECKING

import structlog
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from audit_logging import (
    AuditEventProcessor,
    EventKey,
    OTelAuditProcessor,
    audit_context,
    audit_interaction,
    configure_opentelemetry,
)

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send
    from structlog.typing import Processor

processors: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.processors.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    AuditEventProcessor(),
]
if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):  # and to a collector, when one is named (OTEL_* variables)
    configure_opentelemetry()
    processors.append(OTelAuditProcessor())
structlog.configure(processors=[*processors, structlog.processors.JSONRenderer()])

USERS = {"alice": ("u-1", "correct horse")}


class AuditContextMiddleware:
    """Plain ASGI middleware: the request's audit context, bound around everything that handles it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Bind the audit context from the request's scope, then pass it on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        client = scope.get("client")
        with audit_context(
            client_address=client[0] if client else None,
            user_agent=headers.get("user-agent"),
            request_id=headers.get("x-request-id") or uuid.uuid4().hex,
        ):
            await self.app(scope, receive, send)


class SignIn(BaseModel):
    """The sign-in form."""

    username: str
    password: str


app = FastAPI()
app.add_middleware(AuditContextMiddleware)


@app.post("/sign-in")
@audit_interaction(EventKey.INTERACTION_SIGN_IN_SUBMIT, context=lambda form: {"username": form.username})
async def sign_in(form: SignIn) -> dict[str, str]:
    """Check the password; a wrong one is a 401 and a failed audit event."""
    user = USERS.get(form.username)
    if user is None or user[1] != form.password:
        raise HTTPException(status_code=401, detail="invalid credentials")
    return {"user_id": user[0]}


@app.post("/token")
@audit_interaction(EventKey.EXCHANGE_TOKEN_BY_REFRESH_TOKEN)
def refresh(refresh_token: str) -> dict[str, str]:
    """A sync route (FastAPI runs it in a thread); the request's context is there too."""
    return {"access_token": f"at-{len(refresh_token)}"}
