"""The active span's ids, for trace correlation in JSON output.

OpenTelemetry's API is not imported here: when the application has not
imported ``opentelemetry.trace``, no span can be active, so there is nothing
to look up, and ``import audit_logging`` stays free of OpenTelemetry's import
time (about 30 ms).
"""

from __future__ import annotations

import sys


def current_trace_ids() -> tuple[str, str] | None:
    """``(trace_id, span_id)`` of the active span, in OpenTelemetry's hex format, or ``None``."""
    trace = sys.modules.get("opentelemetry.trace")
    if trace is None:
        return None
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return format(context.trace_id, "032x"), format(context.span_id, "016x")
