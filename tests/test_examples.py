"""Every example runs as a real program and prints what its docstring promises."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).parent.parent / "examples"


def run(name: str) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stderr == ""
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_stdlib_dictconfig() -> None:
    """The YAML dictConfig example writes two audit lines (one failure, code masked) and an ordinary one."""
    signed_in, totp, health = run("stdlib_dictconfig.py")
    assert (signed_in["audit.event.key"], signed_in["audit.event.outcome"], signed_in["user.id"]) == (
        "Interaction.SignIn.Submit",
        "success",
        "u-42",
    )
    assert (totp["audit.event.outcome"], totp["error.type"], totp["totp_code"]) == (
        "failure",
        "PermissionError",
        "******",
    )
    assert totp["exception.stacktrace"].endswith("PermissionError: TOTP code does not match (6 digits given)")
    assert signed_in["service.name"] == "auth-service"
    assert "audit.event.key" not in health


def test_structlog_with_stdlib() -> None:
    """The structlog line and the stdlib line carry identical audit fields."""
    from_structlog, from_stdlib = run("structlog_with_stdlib.py")
    assert from_structlog["logger"] == "auth"
    assert from_stdlib["logger"] == "legacy.auth"

    def audit(line: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in line.items() if k not in {"logger", "timestamp"}}

    assert audit(from_structlog) == audit(from_stdlib)
    assert from_stdlib["audit.event.name"] == "Exchange token by Refresh Token"
