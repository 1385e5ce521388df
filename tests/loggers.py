"""A standard-library logger the way the README sets one up: AuditLogFilter and AuditJsonFormatter."""

from __future__ import annotations

import logging
from typing import TextIO

from audit_logging import AuditJsonFormatter, AuditLogFilter


def stdlib_audit_logger(name: str, stream: TextIO) -> logging.Logger:
    """A logger writing audit JSON lines to ``stream``, replacing whatever handlers it had."""
    handler = logging.StreamHandler(stream)
    handler.addFilter(AuditLogFilter())
    handler.setFormatter(AuditJsonFormatter())
    logger = logging.getLogger(name)
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger
