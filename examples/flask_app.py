"""Flask: a WSGI middleware binds each request's client, user agent and request id; decorated views audit.

Run: gunicorn --preload -w 2 --chdir examples flask_app:app   (or exercise it with Flask's test client, as the tests
do); with OTEL_EXPORTER_OTLP_ENDPOINT set, its audit records go to that collector as well.
"""

from __future__ import annotations

import os
import uuid
from typing import TYPE_CHECKING, Any

import structlog
from flask import Flask, abort, request

from audit_logging import (
    AuditEventProcessor,
    EventKey,
    OTelAuditProcessor,
    audit_context,
    audit_interaction,
    configure_opentelemetry,
)

if TYPE_CHECKING:
    from collections.abc import Iterable
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

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
    """WSGI middleware: the request's audit context, bound while the view runs."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Bind the audit context from the WSGI environ, then call the app."""
        with audit_context(
            client_address=environ.get("REMOTE_ADDR"),
            user_agent=environ.get("HTTP_USER_AGENT"),
            request_id=environ.get("HTTP_X_REQUEST_ID") or uuid.uuid4().hex,
        ):
            return self.app(environ, start_response)


app = Flask(__name__)
app.wsgi_app = AuditContextMiddleware(app.wsgi_app)  # type: ignore[method-assign]


def _form_user() -> dict[str, Any]:
    return {"username": request.form.get("username")}


@app.post("/sign-in")
@audit_interaction(EventKey.INTERACTION_SIGN_IN_SUBMIT, context=_form_user)
def sign_in() -> dict[str, str]:
    """Check the password; a wrong one is a 401 and a failed audit event."""
    user = USERS.get(request.form.get("username", ""))
    if user is None or user[1] != request.form.get("password"):
        abort(401)
    return {"user_id": user[0]}


@app.post("/token")
@audit_interaction(EventKey.EXCHANGE_TOKEN_BY_REFRESH_TOKEN)
def refresh() -> dict[str, str]:
    """Trade a refresh token for an access token."""
    return {"access_token": f"at-{len(request.form.get('refresh_token', ''))}"}
