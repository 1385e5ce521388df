"""Output field names of the default (OpenTelemetry) profile, and the input names that map to them.

OpenTelemetry semantic-convention names where one exists (``user.id``,
``session.id``, ``client.address``, ``user_agent.original``, ``error.type``,
``exception.*``), the ``audit.`` namespace for the rest.
"""

from __future__ import annotations

from typing import Final

EVENT_KEY: Final = "audit.event.key"
EVENT_NAME: Final = "audit.event.name"
EVENT_CATEGORY: Final = "audit.event.category"
EVENT_OUTCOME: Final = "audit.event.outcome"
EVENT_KNOWN: Final = "audit.event.known"
ERROR_TYPE: Final = "error.type"
EXCEPTION_TYPE: Final = "exception.type"
EXCEPTION_MESSAGE: Final = "exception.message"
EXCEPTION_STACKTRACE: Final = "exception.stacktrace"
INTERNAL_ERROR: Final = "audit.internal_error"
FIELDS_DROPPED: Final = "audit.fields.dropped"
"""How many of a call's fields were left out past the redactor's ``max_items``."""
TRACE_ID: Final = "trace_id"
SPAN_ID: Final = "span_id"

# Values the renderers downstream need as they are: the exception for
# format_exc_info / dict_tracebacks, structlog's ProcessorFormatter bookkeeping.
PASSTHROUGH: Final = frozenset({"exc_info", "stack_info", "_record", "_from_structlog", "positional_args"})

SCOPE: Final = "audit_logging"
"""The instrumentation scope (OpenTelemetry) and logger name under which this library sends and logs."""

# Keyword names (Python's and Logto's camelCase) -> output names. Used for
# audit context and for the fields of an audit log call alike.
ALIASES: Final[dict[str, str]] = {
    "user_id": "user.id",
    "userId": "user.id",
    "session_id": "session.id",
    "sessionId": "session.id",
    "client_address": "client.address",
    "ip": "client.address",
    "user_agent": "user_agent.original",
    "userAgent": "user_agent.original",
    "application_id": "audit.application.id",
    "applicationId": "audit.application.id",
    "interaction_id": "audit.interaction.id",
    "interactionId": "audit.interaction.id",
    "interaction_event": "audit.interaction.event",
    "interactionEvent": "audit.interaction.event",
    # The rest of a Logto log entry's payload (packages/schemas/src/foundations/jsonb-types/logs.ts).
    "user_agent_parsed": "audit.user_agent_parsed",
    "userAgentParsed": "audit.user_agent_parsed",
    "params": "audit.params",
    "prompt": "audit.prompt",
    "scope": "audit.scope",
    "grant_id": "audit.grant_id",
    "grantId": "audit.grant_id",
    "error": "audit.error",
}


def context_name(name: str) -> str:
    """The output name of an audit context field: an alias, a dotted name as given, else ``audit.<name>``."""
    alias = ALIASES.get(name)
    if alias is not None:
        return alias
    return name if "." in name else f"audit.{name}"


OTEL_EVENT_NAME: Final = "otel.event.name"
"""The semantic conventions' attribute (stable since 1.41) that OpenTelemetry's own logging handler
(opentelemetry-instrumentation-logging) promotes to a log record's ``event_name``: audit records carry the key in it."""
