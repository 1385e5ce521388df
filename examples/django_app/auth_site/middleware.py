"""A middleware that binds each request's client address, user agent and request id for its audit records."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from audit_logging import audit_context

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse


class AuditContextMiddleware:
    """Django middleware: the request's audit context, bound while the view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Bind the context from the request's headers, then answer it."""
        with audit_context(
            client_address=request.META.get("REMOTE_ADDR"),
            user_agent=request.META.get("HTTP_USER_AGENT"),
            request_id=request.headers.get("X-Request-ID") or uuid.uuid4().hex,
        ):
            return self.get_response(request)
