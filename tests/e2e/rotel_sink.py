"""A rotel processor that appends every log record and span it receives to a JSONL file.

rotel runs this in its embedded interpreter (standard library only), calling
process_logs and process_spans on every batch. It must never raise: an
exception kills a rotel worker thread, so every failure is written to the
file as an {"error": ...} line instead, where the tests will see it.
The file is the one named by the AUDIT_LOGGING_SINK environment variable.
With AUDIT_LOGGING_SINK_MODE=count only a count per batch is written, so that
a throughput run measures the exporter, not this script.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

SINK = os.environ.get("AUDIT_LOGGING_SINK", "")
COUNT_ONLY = os.environ.get("AUDIT_LOGGING_SINK_MODE") == "count"


def _value(any_value: Any) -> Any:  # noqa: ANN401 -- rotel's own objects, untyped here
    if any_value is None:
        return None
    value = getattr(any_value, "value", any_value)
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": bytes(value).hex()}
    try:
        items = list(value)
    except TypeError:
        return repr(value)
    if items and all(hasattr(item, "key") for item in items):
        return {item.key: _value(item.value) for item in items}
    return [_value(item) for item in items]


def _attributes(key_values: Any) -> dict[str, Any]:  # noqa: ANN401 -- rotel's objects
    return {kv.key: _value(kv.value) for kv in key_values or []}


def _resource(resource: Any) -> dict[str, Any]:  # noqa: ANN401 -- rotel's objects
    return _attributes(resource.attributes) if resource is not None else {}


def _write(lines: list[dict[str, Any]]) -> None:
    with Path(SINK).open("a", encoding="utf-8") as sink:
        sink.writelines(json.dumps(line, sort_keys=True) + "\n" for line in lines)


def _report(error: Exception) -> None:
    # Nowhere left to report to if this fails too; rotel must not lose a thread.
    with contextlib.suppress(Exception):
        _write([{"error": repr(error)}])


def process_logs(resource_logs: Any) -> None:  # noqa: ANN401 -- rotel's ResourceLogs
    try:
        if COUNT_ONLY:
            _write([{"count": sum(len(scope_logs.log_records) for scope_logs in resource_logs.scope_logs)}])
            return
        resource = _resource(resource_logs.resource)
        lines: list[dict[str, Any]] = []
        for scope_logs in resource_logs.scope_logs:
            scope = scope_logs.scope.name if scope_logs.scope is not None else ""
            lines.extend(
                {
                    "kind": "log",
                    "resource": resource,
                    "scope": scope,
                    "event_name": getattr(record, "event_name", None),
                    "time_unix_nano": record.time_unix_nano,
                    "body": _value(record.body),
                    "severity_number": record.severity_number,
                    "severity_text": record.severity_text,
                    "attributes": _attributes(record.attributes),
                    "trace_id": bytes(record.trace_id).hex(),
                    "span_id": bytes(record.span_id).hex(),
                }
                for record in scope_logs.log_records
            )
        _write(lines)
    except Exception as error:  # noqa: BLE001 -- see the module's docstring
        _report(error)


def process_spans(resource_spans: Any) -> None:  # noqa: ANN401 -- rotel's ResourceSpans
    try:
        resource = _resource(resource_spans.resource)
        lines = []
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                status = span.status
                lines.append(
                    {
                        "kind": "span",
                        "resource": resource,
                        "name": span.name,
                        "trace_id": bytes(span.trace_id).hex(),
                        "span_id": bytes(span.span_id).hex(),
                        "status_code": getattr(status, "code", None) if status is not None else None,
                        "status_message": getattr(status, "message", None) if status is not None else None,
                        "events": [{"name": e.name, "attributes": _attributes(e.attributes)} for e in span.events],
                    }
                )
        _write(lines)
    except Exception as error:  # noqa: BLE001 -- see the module's docstring
        _report(error)
