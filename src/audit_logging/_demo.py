"""``audit-logging demo``: a small simulated identity service, audited by decorated handlers.

It registers a user, signs them in with a password, fails a TOTP check, passes
it, and exchanges tokens by authorization code and by refresh token. Every
handler is decorated with :func:`~audit_logging.audit_interaction`, and the
audit events are printed as JSON lines; with an OTLP endpoint they are
exported to a collector as well. Nothing goes over the network unless asked.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO, cast

import structlog

from audit_logging.catalog import EventKey
from audit_logging.context import audit_context
from audit_logging.decorators import audit_interaction
from audit_logging.structlog import AuditEventProcessor, add_trace_context

if TYPE_CHECKING:
    from audit_logging.otel import OTelHandle, Protocol


class InvalidCodeError(Exception):
    """The one-time code does not match."""


@dataclass
class Request:
    """What a handler gets: who is asking, and the form they sent."""

    application_id: str
    form: dict[str, str] = field(default_factory=dict)
    user_id: str | None = None


def _who(_service: object, request: Request) -> dict[str, object]:
    """The context every handler binds from its request (no logging code in the handlers)."""
    context: dict[str, object] = {"application_id": request.application_id}
    if request.user_id is not None:
        context["user_id"] = request.user_id
    return context


class IdentityService:
    """A simulated identity service: just enough state to make the flows real."""

    def __init__(self) -> None:
        self.users: dict[str, str] = {}
        self.totp_code = "246810"
        self.codes: dict[str, str] = {}

    @audit_interaction(EventKey.INTERACTION_REGISTER_SUBMIT, context=_who)
    def register(self, request: Request) -> str:
        """Create a user from a username and a password."""
        user_id = f"u-{len(self.users) + 1}"
        self.users[request.form["username"]] = user_id
        return user_id

    @audit_interaction(EventKey.INTERACTION_SIGN_IN_VERIFICATION_PASSWORD_SUBMIT, context=_who)
    def verify_password(self, request: Request) -> str:
        """Check the password (this simulation takes any) and name the user."""
        return self.users[request.form["username"]]

    @audit_interaction(EventKey.INTERACTION_SIGN_IN_VERIFICATION_TOTP_SUBMIT, context=_who)
    def verify_totp(self, request: Request) -> None:
        """Check the one-time code."""
        if request.form["code"] != self.totp_code:
            msg = "the TOTP code does not match"
            raise InvalidCodeError(msg)

    @audit_interaction(EventKey.INTERACTION_SIGN_IN_SUBMIT, context=_who)
    def submit_sign_in(self, request: Request) -> str:
        """Finish the interaction; hand out an authorization code."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = str(request.user_id)
        return code

    @audit_interaction(EventKey.EXCHANGE_TOKEN_BY_AUTHORIZATION_CODE, context=_who)
    def exchange_code(self, request: Request) -> str:
        """Trade the authorization code for a refresh token."""
        self.codes.pop(request.form["code"])
        return secrets.token_urlsafe(16)

    @audit_interaction(EventKey.EXCHANGE_TOKEN_BY_REFRESH_TOKEN, context=_who)
    def refresh(self, request: Request) -> str:
        """Trade a refresh token for a new access token (any will do here)."""
        return secrets.token_urlsafe(len(request.form["refresh_token"]) // 2)


def run_flows(service: IdentityService) -> None:
    """Register, sign in, fail then pass TOTP, and exchange tokens, as a client would."""
    app = "demo-web-app"
    with audit_context(client_address="203.0.113.9", user_agent="Mozilla/5.0 (demo)"):
        user_id = service.register(Request(app, {"username": "alice", "password": "correct horse"}))
        service.verify_password(Request(app, {"username": "alice", "password": "correct horse"}))
        # A wrong code: the failure is in the audit trail, and a real client would ask again.
        with contextlib.suppress(InvalidCodeError):
            service.verify_totp(Request(app, {"code": "000000"}, user_id=user_id))
        service.verify_totp(Request(app, {"code": service.totp_code}, user_id=user_id))
        code = service.submit_sign_in(Request(app, user_id=user_id))
        refresh_token = service.exchange_code(Request(app, {"code": code}, user_id=user_id))
        service.refresh(Request(app, {"refresh_token": refresh_token}, user_id=user_id))


def demo(out: TextIO, *, endpoint: str | None = None, protocol: Protocol | None = None) -> int:
    """Configure logging (and OpenTelemetry, with an endpoint), run the flows, flush; the exit status."""
    handle: OTelHandle | None = None
    processors: list[structlog.typing.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        AuditEventProcessor(),
    ]
    if endpoint is not None:
        from audit_logging.otel import OTelAuditProcessor, configure_opentelemetry, resolve_protocol  # noqa: PLC0415

        protocol = resolve_protocol(protocol)
        handle = configure_opentelemetry(
            service_name=os.environ.get("OTEL_SERVICE_NAME") or "audit-logging-demo",
            endpoint=endpoint,
            protocol=protocol,
        )
        processors += [OTelAuditProcessor(), add_trace_context]
    # After the audit processors, which read the exception itself: the traceback as one JSON string.
    processors += [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
    sink = _Sink(out)
    # PrintLogger calls only write() and flush(), which _Sink has.
    structlog.configure(processors=processors, logger_factory=structlog.PrintLoggerFactory(cast("TextIO", sink)))
    try:
        run_flows(IdentityService())
    finally:
        if handle is not None:
            handle.shutdown()
    if sink.error is not None:
        # The log calls contained the failure, as they must in an application; the demo's exit status says it.
        sys.stderr.write(f"audit-logging demo: could not write its output ({sink.error})\n")
        return 2
    if endpoint is not None:
        sys.stderr.write(f"audit-logging demo: exported to {endpoint} over {protocol}\n")
    return 0


class _Sink:
    """The demo's output, remembering the first write that failed (a closed pipe, a full disk)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.error: OSError | None = None

    def write(self, text: str) -> int:
        try:
            return self._out.write(text)
        except OSError as error:
            self.error = self.error or error
            raise

    def flush(self) -> None:
        try:
            self._out.flush()
        except OSError as error:
            self.error = self.error or error
            raise
