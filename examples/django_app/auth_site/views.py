"""Sign-in and registration views, audited by decorating them: no logging code inside."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import JsonResponse

from audit_logging import EventKey, audit_interaction

if TYPE_CHECKING:
    from django.http import HttpRequest

USERS: dict[str, tuple[str, str]] = {"alice": ("u-1", "correct horse")}
logger = logging.getLogger("auth")


def _username(request: HttpRequest) -> dict[str, object]:
    return {"username": request.POST.get("username")}


@audit_interaction(EventKey.INTERACTION_SIGN_IN_SUBMIT, context=_username)
def sign_in(request: HttpRequest) -> JsonResponse:
    """Check the password: a wrong one is Django's 403, and a failed audit record."""
    user = USERS.get(request.POST.get("username", ""))
    if user is None or user[1] != request.POST.get("password"):
        raise PermissionDenied
    return JsonResponse({"user_id": user[0]})


@audit_interaction(EventKey.INTERACTION_REGISTER_SUBMIT, context=_username)
def register(request: HttpRequest) -> JsonResponse:
    """Create a user: a taken name is a 400, and a failed audit record; the password is never written."""
    username, password = request.POST.get("username", ""), request.POST.get("password", "")
    if not username or username in USERS:
        raise BadRequest
    USERS[username] = (f"u-{len(USERS) + 1}", password)
    # An explicit audit record of the step, through the project's own logger: the password in it is masked.
    logger.info(
        "password set",
        extra={"audit_event": EventKey.INTERACTION_REGISTER_VERIFICATION_NEW_PASSWORD_SUBMIT, "password": password},
    )
    return JsonResponse({"user_id": USERS[username][0]}, status=201)
