"""Standard-library logging configured from YAML with dictConfig: audit events as JSON lines.

Run: python examples/stdlib_dictconfig.py
"""

from __future__ import annotations

import logging
import logging.config
from pathlib import Path

import yaml

from audit_logging import EventKey, audit_context


def check_totp(code: str) -> None:
    """Stand in for a real TOTP check: this one rejects every code."""
    msg = f"TOTP code does not match ({len(code)} digits given)"
    raise PermissionError(msg)


def main() -> None:
    """Configure logging from logging.yaml and log a sign-in, a failed TOTP check and an ordinary line."""
    config = yaml.safe_load((Path(__file__).parent / "logging.yaml").read_text(encoding="utf-8"))
    logging.config.dictConfig(config)
    log = logging.getLogger("auth")

    with audit_context(user_id="u-42", session_id="s-7", client_address="203.0.113.9"):
        log.info("user signed in", extra={"audit_event": EventKey.INTERACTION_SIGN_IN_SUBMIT})
        try:
            check_totp("123456")
        except PermissionError:
            log.exception(
                "TOTP check failed",
                extra={"audit_event": EventKey.INTERACTION_SIGN_IN_VERIFICATION_TOTP_SUBMIT, "totp_code": "123456"},
            )
    log.info("health check ok")


if __name__ == "__main__":
    main()
