"""Configuration refused at once, with a message naming the parameter (issue 14, item 7): never accepted silently."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from audit_logging import OTelAuditProcessor, Redactor, configure_opentelemetry
from audit_logging.cli import main
from audit_logging.otel import replay
from audit_logging.spool import Spool

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"set_global": "no"}, TypeError, "`set_global` must be a bool, not str 'no'"),
        ({"endpoint": "http://"}, ValueError, "`endpoint` must be a URL .*: it has no host"),
        ({"endpoint": "http://exa mple:4318"}, ValueError, "`endpoint` must be a URL .*: it has white space"),
        ({"endpoint": "http://example:99999"}, ValueError, "`endpoint` must be a URL .*out of range"),
        ({"endpoint": "ftp://example"}, ValueError, "`endpoint` must be a URL .*: its scheme is not http"),
        ({"endpoint": "http://example:0"}, ValueError, "`endpoint` must be a URL .*: its port is 0"),
        ({"max_queue_size": "big"}, TypeError, "`max_queue_size` must be an int, not str 'big'"),
        ({"max_queue_size": 0}, ValueError, "`max_queue_size` must be at least 1, not 0"),
        ({"max_export_batch_size": True}, TypeError, "`max_export_batch_size` must be an int, not bool"),
        ({"schedule_delay_millis": -1}, ValueError, "`schedule_delay_millis` must be at least 0, not -1"),
        ({"schedule_delay_millis": float("nan")}, ValueError, "`schedule_delay_millis` must be at least 0, not nan"),
        ({"resource_attributes": [1, 2]}, TypeError, "`resource_attributes` must be a mapping or None, not list"),
        ({"resource_attributes": {1: "x"}}, TypeError, "`resource_attributes` must have str keys, not 1"),
    ],
)
def test_configure_opentelemetry_refuses(options: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        configure_opentelemetry(set_global=options.pop("set_global", False), **options)


def test_an_endpoint_from_the_environment_is_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "notaurl")
    with pytest.raises(ValueError, match="`endpoint` must be a URL"):
        configure_opentelemetry(set_global=False)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"fsync_interval_ms": -100}, ValueError, "`fsync_interval_ms` must be at least 0, not -100"),
        ({"fsync_interval_ms": True}, TypeError, "`fsync_interval_ms` must be an int, not bool"),
        ({"max_bytes": 10}, ValueError, "`max_bytes` must be at least 1024, not 10"),
    ],
)
def test_spool_refuses(tmp_path: Path, options: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        Spool(tmp_path, **options)


@pytest.mark.parametrize("name", ["max_value_length", "max_items"])
def test_redactor_refuses_a_bool_for_a_bound(name: str) -> None:
    options: dict[str, Any] = {name: True}
    with pytest.raises(TypeError, match=f"`{name}` must be an int, not bool True"):
        Redactor(**options)


def test_an_otel_processor_that_would_send_nothing() -> None:
    with pytest.raises(ValueError, match="`span_events` and `log_records` are both False"):
        OTelAuditProcessor(span_events=False, log_records=False)


def test_replay_refuses_an_endpoint_that_is_no_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="`endpoint` must be a URL"):
        replay(Spool(tmp_path), "notaurl")
    assert main(["replay", str(tmp_path), "--endpoint", "notaurl"]) == 2
    assert "`--endpoint` must be a URL such as 'http://127.0.0.1:4318', not 'notaurl'" in capsys.readouterr().err
