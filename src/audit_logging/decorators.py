"""``audit_interaction``: audit an interaction handler without logging code in it.

As a decorator (sync or async functions, methods) or as a context manager::

    @audit_interaction(EventKey.INTERACTION_SIGN_IN_SUBMIT, context=lambda request: {"user_id": request.user})
    def submit(request): ...

    with audit_interaction("Interaction.SignIn.Submit"):
        ...

On entry the interaction context is bound (the key's flow as
``audit.interaction.event``, and whatever ``context`` returns from the
handler's arguments) and, when tracing is configured, a span named after the
key starts. On return the audit event is logged with outcome success and
``audit.duration_ms``; on an exception, with outcome failure and the error
fields, the span records the exception and is marked as an error, and the very
same exception propagates with its traceback. The event goes through the
application's own logging (structlog's when it is configured, else the
standard library's), so its pipeline and handlers apply to it.
"""

from __future__ import annotations

import functools
import inspect
import sys
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Final, ParamSpec, TypeVar

from audit_logging._names import SCOPE
from audit_logging._routes import default_logger, log_interaction
from audit_logging._validate import require_callable, require_type
from audit_logging.catalog import AuditEvent, get_event
from audit_logging.context import enter_scope, leave_scope, mapped
from audit_logging.record import DEFAULT_REDACTOR, exception_attributes, warn_once

if TYPE_CHECKING:
    from types import TracebackType

    from opentelemetry.trace import Span, TracerProvider

__all__ = ["audit_interaction"]

P = ParamSpec("P")
R = TypeVar("R")

DURATION: Final = "audit.duration_ms"


def _tracer_provider(explicit: TracerProvider | None) -> TracerProvider | None:
    """The provider to start spans with, or None when tracing is not configured.

    OpenTelemetry is not imported for this: an application that never
    imported ``opentelemetry.trace`` has not configured tracing.
    """
    if explicit is not None:
        return explicit
    trace = sys.modules.get("opentelemetry.trace")
    if trace is None:
        return None
    provider = trace.get_tracer_provider()
    if isinstance(provider, trace.ProxyTracerProvider | trace.NoOpTracerProvider):
        return None
    return provider  # type: ignore[no-any-return]


class _Run:
    """One execution of an audited interaction: its timer, context, span and outcome."""

    __slots__ = ("_bound", "_config", "_saved", "_span", "_span_scope", "_start")

    def __init__(self, config: audit_interaction, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
        self._config = config
        self._span: Span | None = None
        self._span_scope: Any = None
        bound = dict(config._bound)  # noqa: SLF001 -- the decorator's own precomputed context
        if config._context is not None:  # noqa: SLF001
            bound.update(mapped(config._context_fields(config._context, args, kwargs)))  # noqa: SLF001
        self._bound = bound
        self._saved = enter_scope(bound)
        provider = _tracer_provider(config._tracer_provider) if config._span_enabled else None  # noqa: SLF001
        if provider is not None:
            from opentelemetry import trace  # noqa: PLC0415 -- only when tracing is configured

            self._span = provider.get_tracer(SCOPE).start_span(config.event.key.value)
            self._span_scope = trace.use_span(self._span, end_on_exit=True)
            self._span_scope.__enter__()
        self._start = time.perf_counter()

    def finish(self, error: BaseException | None) -> None:
        """Log the outcome while the span is current, then end the span and restore the context."""
        config = self._config
        duration = round((time.perf_counter() - self._start) * 1000, 3)
        try:
            config.log(duration, error)
            if error is not None:
                self._mark_span(error)
        except Exception as failure:  # noqa: BLE001 -- the handler's own result or exception is what matters
            warn_once(f"interaction:{type(failure).__name__}", f"audit_interaction could not log ({failure!r})")
        finally:
            if self._span_scope is not None:
                self._span_scope.__exit__(None, None, None)
            leave_scope(self._bound, self._saved)

    def _mark_span(self, error: BaseException) -> None:
        span = self._span
        if span is None:
            return
        status = getattr(span, "status", None)
        # OTelAuditProcessor in the pipeline has done this already while the span was current.
        if status is not None and status.status_code.name == "ERROR":
            return
        from opentelemetry.trace import Status, StatusCode  # noqa: PLC0415

        span.add_event("exception", exception_attributes(error, DEFAULT_REDACTOR))  # record_exception, redacted
        span.set_status(Status(StatusCode.ERROR, type(error).__qualname__))


class audit_interaction:  # noqa: N801 -- used as a decorator and a context manager, named as a function
    """Audit an interaction: a decorator for handlers, or a context manager.

    ``key``: the audit event (checked now: an unknown key raises
    :class:`~audit_logging.UnknownEventError` here, not on the first request).
    ``context``: a callable given the handler's arguments (``*args,
    **kwargs``) that returns a mapping of context fields (``user_id``,
    ``application_id``, ``client_address``, ...), bound for the interaction.
    ``logger``: the logger the event goes through, a structlog logger or a
    standard-library ``Logger`` or ``LoggerAdapter`` (default: structlog's
    ``audit_logging`` logger when structlog is configured, else the standard
    library's; the record is complete either way, see :mod:`audit_logging._routes`).
    ``message``: the log message (default: the
    event's name). ``span``: start a span named after the key when tracing is
    configured (default True). ``tracer_provider``: the provider for that span
    (default: the global one).

    Generator and async-generator functions are refused at decoration time:
    the interaction would end at their first ``yield``, not when they finish.
    """

    __slots__ = (
        "_active",
        "_bound",
        "_context",
        "_span_enabled",
        "_tracer_provider",
        "event",
        "logger",
        "message",
    )

    def __init__(  # noqa: PLR0913 -- the key, then keyword-only options
        self,
        key: str,
        *,
        context: Callable[..., Mapping[str, object]] | None = None,
        logger: Any = None,  # noqa: ANN401 -- any structlog logger, or a stdlib Logger or LoggerAdapter
        message: str | None = None,
        span: bool = True,
        tracer_provider: TracerProvider | None = None,
    ) -> None:
        self.event: AuditEvent = get_event(key)
        require_callable(context, "context", "a callable returning a mapping")
        if logger is not None and not all(callable(getattr(logger, method, None)) for method in ("info", "error")):
            msg = f"`logger` must be a logger with info() and error(), not {type(logger).__name__} {logger!r}"
            raise TypeError(msg)
        require_type(message, (str, type(None)), "message", "a str or None")
        if tracer_provider is not None and not callable(getattr(tracer_provider, "get_tracer", None)):
            kind = type(tracer_provider).__name__
            msg = f"`tracer_provider` must be an OpenTelemetry TracerProvider or None, not {kind} {tracer_provider!r}"
            raise TypeError(msg)
        require_type(span, bool, "span", "a bool")
        self._context = context
        self.logger = logger  # None: chosen at each call, by what the application configured
        self.message = message if message is not None else self.event.name
        self._span_enabled = span
        self._tracer_provider = tracer_provider
        flow = self.event.flow
        self._bound: dict[str, object] = mapped({"interaction_event": flow.value}) if flow is not None else {}
        self._active: ContextVar[tuple[_Run, ...]] = ContextVar(f"audit_interaction:{self.event.key}", default=())

    def __repr__(self) -> str:
        return f"audit_interaction({self.event.key.value!r})"

    def log(self, duration: float, error: BaseException | None) -> None:
        """Log the interaction's audit event: at INFO on success, at ERROR with the exception on failure.

        Through the given logger, else the default one; built once, by the
        application's pipeline when it has this library in it, else before it
        is logged (the rule in :mod:`audit_logging._routes`).
        """
        logger = self.logger if self.logger is not None else default_logger()
        log_interaction(logger, self.event.key.value, self.message, {DURATION: duration}, error)

    def _context_fields(
        self, context: Callable[..., Mapping[str, object]], args: tuple[Any, ...], kwargs: Mapping[str, Any]
    ) -> Mapping[str, object]:
        """The context fields ``context`` gives for these arguments; nothing (reported once) if it fails."""
        try:
            fields: object = context(*args, **kwargs)
            if not isinstance(fields, Mapping):
                msg = f"`context` returned {type(fields).__name__}, not a mapping"
                raise TypeError(msg)  # noqa: TRY301 -- reported below with any other failure
        except Exception as error:  # noqa: BLE001 -- a broken context callable must not break the handler
            warn_once(
                f"context:{self.event.key}", f"audit_interaction's `context` failed ({error!r}); no context bound"
            )
            return {}
        return fields

    def __call__(self, func: Callable[P, R]) -> Callable[P, R]:
        """Decorate a handler."""
        if inspect.isgeneratorfunction(func) or inspect.isasyncgenfunction(func):
            msg = (
                f"audit_interaction cannot decorate the generator function {func.__qualname__}: the interaction "
                "would end at its first yield; decorate the function that consumes it, or use "
                "`with audit_interaction(...)` inside it"
            )
            raise TypeError(msg)
        require_callable(func, "func", "a function")
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_handler(*args: P.args, **kwargs: P.kwargs) -> Any:  # noqa: ANN401 -- the handler's result
                run = _Run(self, args, kwargs)
                try:
                    result = await func(*args, **kwargs)
                except BaseException as error:
                    run.finish(error)
                    raise
                run.finish(None)
                return result

            return async_handler  # type: ignore[return-value]

        @functools.wraps(func)
        def handler(*args: P.args, **kwargs: P.kwargs) -> R:
            run = _Run(self, args, kwargs)
            try:
                result = func(*args, **kwargs)
            except BaseException as error:
                run.finish(error)
                raise
            run.finish(None)
            return result

        return handler

    def __enter__(self) -> AuditEvent:
        self._active.set((*self._active.get(), _Run(self, (), {})))
        return self.event

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        *outer, run = self._active.get()
        self._active.set(tuple(outer))
        run.finish(error)

    async def __aenter__(self) -> AuditEvent:
        return self.__enter__()

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.__exit__(kind, error, traceback)
