"""Where an interaction's audit record goes: through the application's own logging, whichever it configured.

The rule, as the README says it ("The decorator in every setup"):

* the logger is the one given (``logger=``: a structlog logger, or a
  standard-library ``Logger`` or ``LoggerAdapter``); without one, structlog's
  ``audit_logging`` logger when the application configured structlog, else the
  standard library's ``audit_logging`` logger (whose records propagate to the
  application's handlers);
* the record is built once, with the application's own options where its
  pipeline has this library in it: through structlog, by the pipeline's
  ``AuditEventProcessor`` (or a ``ProcessorFormatter``'s, when structlog
  renders through the standard library), else here with the default options
  before it is logged; through the standard library, here, with the
  application's ``AuditLogFilter`` (on the logger or a handler, or the one an
  ``AuditJsonFormatter`` or ``AuditOTelHandler`` enriches with) or the default
  one, before any handler sees it. Either way every handler and renderer
  gets the complete record, and ``capture_audit_events()`` sees it.

Decided at each call, not at decoration: an application configures logging
after importing its handlers.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any, Final

import structlog
from structlog.stdlib import ProcessorFormatter

from audit_logging._names import SCOPE
from audit_logging.stdlib import AuditLogFilter
from audit_logging.structlog import AuditEventProcessor

if TYPE_CHECKING:
    from collections.abc import Iterable, MutableMapping

__all__ = ["default_logger", "log_interaction"]

_INTERACTION: Final = "(audit_interaction)"  # a record's pathname when this library made it

# structlog's processors list -> whether it has an AuditEventProcessor: configure() replaces the list.
_seen: list[tuple[list[Any], bool]] = []


@functools.cache
def _default_filter() -> AuditLogFilter:
    """The filter that builds a record with the default options (made when first needed: not at import)."""
    return AuditLogFilter()


@functools.cache
def _default_processor() -> AuditEventProcessor:
    """The processor that builds a record with the default options (made when first needed: not at import)."""
    return AuditEventProcessor()


def default_logger() -> Any:  # noqa: ANN401 -- a structlog or a stdlib logger
    """The logger an interaction logs through when none was given (see the module's rule)."""
    if structlog.is_configured():
        return structlog.get_logger(SCOPE)
    return logging.getLogger(SCOPE)


def _has_processor(processors: Iterable[object]) -> bool:
    return any(isinstance(processor, AuditEventProcessor) for processor in processors)


def _structlog_builds(logger: Any) -> bool:  # noqa: ANN401 -- any structlog logger
    """Whether the structlog pipeline this logger logs through builds audit records itself, with its options."""
    processors = getattr(logger, "_processors", None)  # a bound logger's own; a lazy proxy uses the configuration's
    if processors is None:
        processors = structlog.get_config()["processors"]
    if _seen and _seen[0][0] is processors:
        builds = _seen[0][1]
    else:
        builds = _has_processor(processors)
        _seen[:] = [(processors, builds)]
    if builds:
        return True
    if processors and processors[-1] is ProcessorFormatter.wrap_for_formatter:
        # Rendered by the standard library's handlers: a ProcessorFormatter there may hold the processor.
        target = getattr(logger, "_logger", None)
        stdlib_logger = target if isinstance(target, logging.Logger) else logging.getLogger(SCOPE)
        return any(
            isinstance(formatter, ProcessorFormatter) and _has_processor(formatter.processors)
            for formatter in (handler.formatter for handler in _handlers(stdlib_logger))
        )
    return False


def _handlers(logger: logging.Logger) -> list[logging.Handler]:
    """The handlers a record of ``logger`` reaches, as logging finds them."""
    handlers: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        handlers.extend(current.handlers)
        if not current.propagate:
            break
        current = current.parent
    return handlers


def _application_filter(logger: logging.Logger) -> AuditLogFilter:
    """The application's own AuditLogFilter for records of ``logger`` (so its options apply), else the default one.

    Looked for on the logger, then on each handler a record reaches: among its
    filters, then as what its formatter (AuditJsonFormatter) or the handler
    itself (AuditOTelHandler) enriches with.
    """
    for each in logger.filters:
        if isinstance(each, AuditLogFilter):
            return each
    for handler in _handlers(logger):
        for each in handler.filters:
            if isinstance(each, AuditLogFilter):
                return each
        for owner in (handler.formatter, handler):
            found = getattr(owner, "audit_filter", None)
            if isinstance(found, AuditLogFilter):
                return found
    return _default_filter()


def log_interaction(
    logger: Any,  # noqa: ANN401 -- a structlog logger, or a stdlib Logger or LoggerAdapter
    key: str,
    message: str,
    fields: dict[str, object],
    error: BaseException | None,
) -> None:
    """Log one interaction's audit event through ``logger``, built once (see the module's rule).

    ``fields``: the event's own (its duration). At INFO on success, at ERROR
    with the exception on failure.
    """
    level = logging.INFO if error is None else logging.ERROR
    if isinstance(logger, logging.LoggerAdapter):
        message, options = logger.process(message, {"extra": {}, "exc_info": error})
        fields = {**(options.get("extra") or {}), **fields}
        logger = logger.logger
    if isinstance(logger, logging.Logger):
        _log_stdlib(logger, level, key, message, fields, error)
    else:
        _log_structlog(logger, key, message, fields, error)


def _log_stdlib(  # noqa: PLR0913, PLR0917 -- the logger, the level, and the event
    logger: logging.Logger, level: int, key: str, message: str, fields: dict[str, object], error: BaseException | None
) -> None:
    """Build the record with the application's own filter (or the default one), then hand it to the handlers.

    Built even when the logger's level leaves it out, so that a test's
    ``capture_audit_events()`` sees it when nothing configured logging; it is
    written only when the level lets it through.
    """
    exc_info = (type(error), error, error.__traceback__) if error is not None else None
    record = logger.makeRecord(
        logger.name, level, _INTERACTION, 0, message, (), exc_info, extra={**fields, "audit_event": key}
    )
    if _application_filter(logger).filter(record) and logger.isEnabledFor(level):
        logger.handle(record)  # every handler gets the finished record; the application's filter leaves it as it is


def _log_structlog(
    logger: Any,  # noqa: ANN401 -- any structlog logger
    key: str,
    message: str,
    fields: dict[str, object],
    error: BaseException | None,
) -> None:
    method = "info" if error is None else "error"
    event: MutableMapping[str, Any] = {**fields, "audit_event": key}
    if error is not None:
        event["exc_info"] = error
    if not _structlog_builds(logger):
        # Built here, with the default options: the pipeline gets the finished record.
        event = _default_processor()(None, method, {"event": message, **event})
        message = event.pop("event", message)
    getattr(logger, method)(message, **event)
