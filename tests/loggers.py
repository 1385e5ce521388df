"""Standard-library loggers for the tests: one handler of the test's own, or the README's audit setup."""

from __future__ import annotations

import io
import logging
from typing import TextIO

from audit_logging import AuditJsonFormatter, AuditLogFilter


def logger_to(name: str, handler: logging.Handler) -> logging.Logger:
    """The logger ``name`` sending INFO and above to ``handler`` only, replacing whatever handlers it had."""
    logger = logging.getLogger(name)
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger


def json_logger(name: str, formatter: logging.Formatter) -> tuple[logging.Logger, io.StringIO]:
    """A logger writing through ``formatter`` to a string buffer; the logger and the buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    return logger_to(name, handler), stream


def stdlib_audit_logger(name: str, stream: TextIO) -> logging.Logger:
    """A logger writing audit JSON lines to ``stream``, the way the README sets one up."""
    handler = logging.StreamHandler(stream)
    handler.addFilter(AuditLogFilter())
    handler.setFormatter(AuditJsonFormatter())
    return logger_to(name, handler)
