"""The FastAPI and Flask examples, driven through each framework's own test client."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from audit_logging.testing import capture_audit_events

if TYPE_CHECKING:
    from types import ModuleType

EXAMPLES = Path(__file__).parent.parent / "examples"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class TestFastAPI:
    @pytest.fixture
    def client(self) -> object:
        from fastapi.testclient import TestClient  # noqa: PLC0415 -- an examples dependency

        return TestClient(load("fastapi_app").app)

    def test_sign_in_success_and_failure(self, client: object) -> None:
        """Each request's record has its client, user agent, request id and outcome; the route still answers."""
        with capture_audit_events() as records:
            ok = client.post(  # type: ignore[attr-defined]
                "/sign-in",
                json={"username": "alice", "password": "correct horse"},
                headers={"User-Agent": "pytest-agent", "X-Request-ID": "req-1"},
            )
            denied = client.post(  # type: ignore[attr-defined]
                "/sign-in", json={"username": "alice", "password": "wrong"}, headers={"X-Request-ID": "req-2"}
            )
        assert (ok.status_code, ok.json()) == (200, {"user_id": "u-1"})
        assert denied.status_code == 401
        first, second = records
        assert (first["audit.event.outcome"], first["audit.request_id"], first["user_agent.original"]) == (
            "success",
            "req-1",
            "pytest-agent",
        )
        assert first["client.address"] == "testclient"
        assert first["audit.username"] == "alice"
        assert (second["audit.event.outcome"], second["audit.request_id"]) == ("failure", "req-2")
        assert second["error.type"] == "fastapi.exceptions.HTTPException"
        assert "wrong" not in str(records)

    def test_sync_route_runs_in_a_thread_with_the_context(self, client: object) -> None:
        """FastAPI's threadpool route sees the request's context too; the signature drove the query parameter."""
        with capture_audit_events() as records:
            response = client.post("/token", params={"refresh_token": "rt-123"}, headers={"X-Request-ID": "req-3"})  # type: ignore[attr-defined]
        assert response.json() == {"access_token": "at-6"}
        assert (records[0]["audit.event.key"], records[0]["audit.request_id"]) == (
            "ExchangeTokenBy.RefreshToken",
            "req-3",
        )


class TestFlask:
    @pytest.fixture
    def client(self) -> object:
        return load("flask_app").app.test_client()

    def test_sign_in_success_and_failure(self, client: object) -> None:
        """The same for Flask: context from the WSGI environ, outcome from the view."""
        with capture_audit_events() as records:
            ok = client.post(  # type: ignore[attr-defined]
                "/sign-in",
                data={"username": "alice", "password": "correct horse"},
                headers={"User-Agent": "pytest-agent", "X-Request-ID": "req-1"},
            )
            denied = client.post("/sign-in", data={"username": "alice", "password": "wrong"})  # type: ignore[attr-defined]
        assert (ok.status_code, ok.get_json()) == (200, {"user_id": "u-1"})
        assert denied.status_code == 401
        first, second = records
        assert (first["audit.event.outcome"], first["audit.request_id"], first["user_agent.original"]) == (
            "success",
            "req-1",
            "pytest-agent",
        )
        assert first["client.address"] == "127.0.0.1"
        assert second["audit.event.outcome"] == "failure"
        assert second["error.type"] == "werkzeug.exceptions.Unauthorized"
        assert len(str(second["audit.request_id"])) == 32

    def test_token(self, client: object) -> None:
        """The endpoint name Flask routes by is the view's own."""
        with capture_audit_events() as records:
            response = client.post("/token", data={"refresh_token": "rt-123"})  # type: ignore[attr-defined]
        assert response.get_json() == {"access_token": "at-6"}
        assert records[0]["audit.event.key"] == "ExchangeTokenBy.RefreshToken"


class TestDjango:
    """examples/django_app through Django's own test client: LOGGING with the filter and formatter only."""

    def test_sign_in_and_registration(self, tmp_path: Path) -> None:
        import json  # noqa: PLC0415
        import subprocess  # noqa: PLC0415

        out = tmp_path / "out.json"
        result = subprocess.run(
            [sys.executable, str(Path(__file__).parent / "django_client.py"), str(out)],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        ran = json.loads(out.read_text(encoding="utf-8"))
        assert [response["status"] for response in ran["responses"]] == [200, 403, 201, 400]
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        assert [line["audit.event.key"] for line in lines] == [
            "Interaction.SignIn.Submit",
            "Interaction.SignIn.Submit",
            "Interaction.Register.Verification.NewPassword.Submit",
            "Interaction.Register.Submit",
            "Interaction.Register.Submit",
        ]
        assert [line["audit.event.key"] for line in ran["records"]] == [line["audit.event.key"] for line in lines]
        ok, denied, password, registered, taken = lines
        assert (ok["audit.event.outcome"], ok["audit.request_id"], ok["client.address"]) == (
            "success",
            "req-1",
            "127.0.0.1",
        )
        assert (ok["audit.username"], ok["audit.interaction.event"], ok["logger"]) == (
            "alice",
            "SignIn",
            "audit_logging",
        )
        assert (denied["audit.event.outcome"], denied["error.type"], denied["audit.request_id"]) == (
            "failure",
            "django.core.exceptions.PermissionDenied",
            "req-2",
        )
        assert (password["password"], password["logger"], password["user_agent.original"]) == (
            "******",
            "auth",
            "django-test",
        )
        assert registered["audit.event.outcome"] == "success"
        assert (taken["audit.event.outcome"], taken["error.type"]) == ("failure", "django.core.exceptions.BadRequest")
        assert "s3cret-pass" not in result.stdout
        assert "wrong" not in result.stdout
        assert len({line["audit.record.id"] for line in lines}) == len(lines)
