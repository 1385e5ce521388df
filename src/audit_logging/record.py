"""The one place an audit record is built: key + outcome + context + fields + error -> record.

Every integration (structlog, stdlib logging, OpenTelemetry, the handler
decorator) finds the key and the raw fields in its own input, hands them to
:class:`AuditCore`, and writes the result back in its own output shape. Key
resolution, spelling, outcome, context merging, redaction and the test capture
live here and nowhere else.
"""

from __future__ import annotations

import math
import sys
import threading
import traceback
import warnings
from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import Final, Literal, get_args

from audit_logging import _names as n
from audit_logging._capture import publish, sinks
from audit_logging._identity import RECORD_ID, RECORD_SEQUENCE, next_identity
from audit_logging._names import ALIASES
from audit_logging._validate import require_choice, require_type
from audit_logging.catalog import INDEX, AuditEvent, Spelling, UnknownEventError, parse_spelling, suggest_keys
from audit_logging.context import AUDIT_CONTEXT, current_context
from audit_logging.redaction import UNSAFE, Redactor, clean_text, has_free_text_hint, in_int64, safe_str

__all__ = ["AuditCore", "AuditLoggingWarning", "OnUnknown", "Outcome", "UnknownEventWarning"]

DEFAULT_REDACTOR: Final = Redactor()
"""The default rules, for what is written outside any integration's own options (a decorator's span)."""

OnUnknown = Literal["keep", "raise", "drop"]


class Outcome(StrEnum):
    """Whether the audited operation succeeded: Logto's ``Success`` / ``Error``."""

    SUCCESS = "success"
    FAILURE = "failure"


# Explicit outcomes accepted in a log call, case-insensitively: ours and Logto's.
_OUTCOMES: Final = {"success": Outcome.SUCCESS, "failure": Outcome.FAILURE, "error": Outcome.FAILURE}


_NO_CONTEXT: Final[Mapping[str, object]] = {}


class AuditLoggingWarning(RuntimeWarning):
    """Misuse noticed on the logging path, reported once instead of raised (a bad ``outcome``, an internal error)."""


class UnknownEventWarning(AuditLoggingWarning):
    """An audit event key that is not in the catalog was logged (once per distinct key)."""


# Warn once per distinct key per process, counted here rather than left to
# Python's warning filters (which a "default" or "always" filter would defeat).
# Bounded: keys can come from outside, and this must not grow without end.
_WARNED_LIMIT: Final = 1000
_warned: set[str] = set()
_warned_lock = threading.Lock()


def warn_once(token: str, message: str, category: type[Warning] = AuditLoggingWarning) -> None:
    """Report a misuse on the logging path once per ``token``, as a warning of ``category``.

    A warning filter that turns warnings into errors must not turn a log call
    into an exception: the application never sees one from logging. The error
    then goes to the ``audit_logging`` logger instead.
    """
    with _warned_lock:
        if token in _warned or len(_warned) >= _WARNED_LIMIT:
            return
        _warned.add(token)
    try:
        warnings.warn(message, category, stacklevel=2)
    except Warning:
        import logging  # noqa: PLC0415 -- only when warnings are errors

        logging.getLogger("audit_logging").warning(message)


def _qualified_name(cls: type) -> str:
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def exception_from(exc_info: object) -> BaseException | None:
    """The exception an ``exc_info`` value means: True (the one being handled), an exception, or a 3-tuple."""
    if exc_info is True:
        return sys.exc_info()[1]
    if isinstance(exc_info, BaseException):
        return exc_info
    if isinstance(exc_info, tuple) and len(exc_info) == 3 and isinstance(exc_info[1], BaseException):  # noqa: PLR2004
        return exc_info[1]
    return None


def error_fields(exc_info: object, exception: object) -> dict[str, object] | None:
    """``error.type`` and ``exception.*`` for an attached error, or ``None`` when there is none.

    ``exc_info`` is the stdlib/structlog value; ``exception`` is what structlog's
    ``format_exc_info`` (a traceback text) or ``dict_tracebacks`` (a list of
    dicts) left in its place when they ran first.
    """
    error = exception_from(exc_info) if exc_info else None
    if error is not None:
        type_name = _qualified_name(type(error))
        return {n.ERROR_TYPE: type_name, n.EXCEPTION_TYPE: type_name, n.EXCEPTION_MESSAGE: safe_str(error)}
    if isinstance(exception, str) and exception:
        # A rendered traceback: its last line is "module.Type: message".
        last = exception.rstrip().rsplit("\n", 1)[-1]
        type_name, _, message = last.partition(":")
        return {
            n.ERROR_TYPE: type_name.strip() or "_OTHER",
            n.EXCEPTION_TYPE: type_name.strip(),
            n.EXCEPTION_MESSAGE: message.strip(),
        }
    if isinstance(exception, list) and exception and isinstance(exception[0], Mapping):
        top = exception[0]
        type_name = safe_str(top.get("exc_type", "_OTHER"))
        return {
            n.ERROR_TYPE: type_name,
            n.EXCEPTION_TYPE: type_name,
            n.EXCEPTION_MESSAGE: safe_str(top.get("exc_value", "")),
        }
    return None


# Names in a call's fields that are the core's inputs, not output fields.
_INPUTS: Final = frozenset({"outcome", "exc_info", "exception", "record_id"})

# A plan for a set of field names (see AuditCore._plan): the renames to make,
# or _SLOW when a name needs redaction and every call must take the full path.
_Plan = tuple[tuple[str, str], ...]
_SLOW: Final[_Plan] = (("", ""),)
# Past this many distinct field-name sets, plans are no longer cached (names can come from outside).
_PLAN_LIMIT: Final = 1024


class AuditCore:
    """The core: the record builder, with the options that shape a record, validated once.

    ``on_unknown``: ``"keep"`` (default) keeps a record for a key not in the
    catalog, with ``audit.event.known: false``, and warns once per distinct
    key; ``"raise"`` raises :class:`UnknownEventError` (for tests and
    development); ``"drop"`` drops the record. ``spelling``: ``"documented"``
    (default) or ``"logto"``. ``redactor``: the :class:`Redactor` (default
    rules when ``None``). The core knows no output profile: what it builds is
    the canonical record, which a profile renders.
    """

    __slots__ = ("_context_cache", "_limit", "_plans", "_statics", "on_unknown", "redactor", "spelling")

    def __init__(
        self,
        *,
        on_unknown: OnUnknown = "keep",
        spelling: Spelling | str = Spelling.DOCUMENTED,
        redactor: Redactor | None = None,
    ) -> None:
        require_choice(on_unknown, get_args(OnUnknown), "on_unknown")
        require_type(redactor, (Redactor, type(None)), "redactor", "a Redactor or None")
        self.on_unknown: OnUnknown = on_unknown
        self.spelling = parse_spelling(spelling)
        self.redactor = redactor or Redactor()
        self._limit = self.redactor.max_value_length
        self._plans: dict[tuple[str, ...], _Plan] = {}
        # The last audit context seen and its redacted form: a request binds
        # once and logs many times, so it is redacted once per binding.
        self._context_cache: tuple[Mapping[str, object], Mapping[str, object]] = (_NO_CONTEXT, {})
        # Every spelling of every key -> its fixed output fields, outcome
        # "success" included: resolving a key, applying the spelling and naming
        # the event is one lookup, and a plain success one dict update.
        self._statics: dict[str, dict[str, object]] = {}
        for spelling_of_key, event in INDEX.items():
            self._statics[spelling_of_key] = {
                n.EVENT_KEY: event.spelled(self.spelling),
                n.EVENT_NAME: event.name,
                n.EVENT_CATEGORY: event.category.value,
                n.EVENT_OUTCOME: Outcome.SUCCESS.value,
            }

    def __repr__(self) -> str:
        return f"AuditCore(on_unknown={self.on_unknown!r}, spelling={self.spelling.value!r})"

    @property
    def spellings(self) -> dict[str, AuditEvent]:
        """Each key as this core writes it (``audit.event.key``) -> its event: what a profile precomputes from."""
        return {event.spelled(self.spelling): event for event in INDEX.values()}

    @property
    def keys(self) -> Mapping[str, object]:
        """Every spelling of every catalog key, for an integration's membership test (``key in core.keys``)."""
        return self._statics

    def enrich(self, key: object, fields: dict[str, object]) -> dict[str, object] | None:
        """Turn one audit log call's fields into its record, or ``None`` when ``on_unknown="drop"`` drops it.

        ``fields`` are the call's own fields by input name (``user_id``,
        ``userAgent``, anything else as given), in a dict the caller owns and
        gives up: it is renamed and redacted in place, and returned with the
        audit context merged under the call's fields and the audit fields over
        them: the canonical record, flat, which a profile then renders. Four names are the core's
        inputs rather than fields: ``outcome`` (removed; ``"success"`` or
        ``"failure"``), ``exc_info`` and ``exception`` (kept for the
        renderers), which make the outcome a failure, and ``record_id``
        (removed): the record's id when the record is made from an event
        stored elsewhere (a Logto log), so that it is the same every time. Raises
        :class:`UnknownEventError` only with ``on_unknown="raise"``.
        """
        static = self._statics.get(key) if key.__class__ is str else self._resolve(key)
        if static is None:
            return self._unknown(key, fields)
        # The common case, inline, since a call costs as much as the work here:
        # field names seen before, none needing redaction and none of
        # outcome/exc_info/exception (the plan says so), plain scalar values.
        plan = self._plans.get(tuple(fields))
        if plan is None:
            plan = self._plan(tuple(fields))
        if plan is _SLOW:
            return self._assemble(static, fields)
        values = fields.values()
        try:
            # The common case, all strings, in C-level passes: join() refuses anything but a str.
            joined = "".join(values)  # type: ignore[arg-type]
        except TypeError:
            clean = _safe_values(values, self._limit)
        else:
            clean = (len(joined) <= self._limit or max(map(len, values)) <= self._limit) and _clean(joined)  # type: ignore[arg-type]
        if clean:
            context = AUDIT_CONTEXT.get()
            if context:
                # Under the call's own fields; the context was redacted when first seen.
                seen, redacted = self._context_cache
                fields = {**(redacted if context is seen else self._redacted_context()), **fields}
            for old, new in plan:
                fields[new] = fields.pop(old)
            fields.update(static)
            fields[RECORD_ID], fields[RECORD_SEQUENCE] = next_identity()
            if sinks:
                publish(fields)
            return fields
        return self._assemble(static, fields)

    def _resolve(self, key: object) -> dict[str, object] | None:
        if isinstance(key, AuditEvent):
            return self._statics[key.key.value]
        if isinstance(key, str):  # a str subclass: an EventKey member
            return self._statics.get(key)
        return None

    def _plan(self, names: tuple[str, ...]) -> _Plan:
        """The renames for a set of field names, or _SLOW when any of them needs redaction."""
        redactor = self.redactor
        plan: _Plan = tuple((name, ALIASES[name]) for name in names if name in ALIASES)
        limit = redactor.max_value_length
        if len(names) > redactor.max_items or any(
            name in _INPUTS
            or name.__class__ is not str
            or len(name) > limit
            or UNSAFE.search(name) is not None
            or redactor.is_sensitive(name)
            for name in names
        ):
            plan = _SLOW
        if len(self._plans) < _PLAN_LIMIT:
            self._plans[names] = plan
        return plan

    def _unknown(self, key: object, fields: dict[str, object]) -> dict[str, object] | None:
        if self.on_unknown == "raise":
            raise UnknownEventError(key, suggest_keys(key))
        if self.on_unknown == "drop":
            return None
        text = clean_text(safe_str(key), self.redactor.max_value_length)
        warn_once(
            f"unknown:{text}",
            f"{UnknownEventError(text, suggest_keys(key))}; kept with audit.event.known=false",
            UnknownEventWarning,
        )
        static: dict[str, object] = {n.EVENT_KEY: text, n.EVENT_KNOWN: False, n.EVENT_OUTCOME: Outcome.SUCCESS.value}
        return self._assemble(static, fields)

    def _redacted_context(self) -> Mapping[str, object]:
        """The bound context, redacted: once per binding, and not copied when nothing in it needs redaction.

        A bound value is read when a record is made, as structlog reads its
        contextvars: a list bound and then changed shows the change. So only a
        binding of immutable values keeps its redacted form between records.
        """
        context = current_context()
        seen, redacted = self._context_cache
        if context is not seen:
            names = tuple(context)
            plan = self._plans.get(names)
            if plan is None:
                plan = self._plan(names)
            clean = plan is not _SLOW and _safe_values(context.values(), self.redactor.max_value_length)
            redacted = context if clean else self.redactor.redact_fields(context)
            if all(value.__class__ in _IMMUTABLE for value in context.values()):
                self._context_cache = (context, redacted)
        return redacted

    def plain(self, fields: dict[str, object]) -> dict[str, object]:
        """A line that is no audit record, made as safe as one: the same redaction, bounds and exception text.

        ``fields`` as given (no audit fields, no renames, no context merged):
        returned as they are when nothing in them needs a change, the common
        case, found by one cached lookup of the field names and one pass over
        the values; else a redacted copy. ``exc_info`` becomes the redacted
        traceback text ``exception``, as structlog's ``format_exc_info`` would
        write it.
        """
        names = tuple(fields)
        plan = self._plans.get(names)
        if plan is None:
            plan = self._plan(names)
        if plan is not _SLOW and _safe_values(fields.values(), self._limit):
            return fields
        out = self._redacted(fields, {})
        self._write_exception(out, fields.get("exc_info"))
        return out

    def traceback(self, exc_info: object) -> str | None:
        """The traceback of the exception ``exc_info`` means, redacted and bounded; ``None`` when it means none."""
        error = exception_from(exc_info) if exc_info else None
        return self.redactor.redact_traceback(traceback_text(error)) if error is not None else None

    def _write_exception(self, out: dict[str, object], exc_info: object) -> None:
        """``exc_info`` in ``out`` replaced by the exception's traceback, redacted (``exception``), when it has one."""
        trace = self.traceback(exc_info)
        if trace is not None:
            out.pop("exc_info", None)
            out["exception"] = trace

    def _redacted(self, fields: Mapping[str, object], aliases: Mapping[str, str] = ALIASES) -> dict[str, object]:
        """A call's fields, redacted and bounded (their names, their values and how many) under their output names."""
        out: dict[str, object] = {}
        redactor = self.redactor
        redact = redactor.redact_value
        limit = redactor.max_value_length
        most = redactor.max_items
        taken = dropped = 0
        for name, value in fields.items():
            if name in n.PASSTHROUGH:
                out[name] = value
                continue
            taken += 1
            if taken > most:  # the call's fields are bounded as any container's items are
                dropped += 1
                continue
            if name.__class__ is not str or len(name) > limit or not _printable(name):
                name = clean_text(safe_str(name), limit)  # noqa: PLW2901 -- the name as it will be written
            if name == "exception" and type(value) is str:  # a rendered traceback keeps its lines
                out[name] = redactor.redact_traceback(value)
                continue
            keep, redacted = redact(name, value)
            if keep:
                out[aliases.get(name, name)] = redacted
        if dropped:
            out[n.FIELDS_DROPPED] = dropped
        return out

    def _assemble(self, static: dict[str, object], fields: dict[str, object]) -> dict[str, object]:
        """The full path: any field names and values, an explicit outcome, an error, a bound context."""
        outcome = fields.pop("outcome", None)
        given_id = fields.pop("record_id", None)
        exc_info = fields.get("exc_info")
        exception = fields.get("exception")
        out = self._redacted(fields)
        for name, value in self._redacted_context().items():
            out.setdefault(name, value)
        out.update(static)
        errors = error_fields(exc_info, exception) if exc_info or exception else None
        final = _OUTCOMES.get(outcome.lower()) if isinstance(outcome, str) else None
        if final is None:
            if outcome is not None:
                warn_once(
                    f"outcome:{safe_str(outcome)[:100]}",
                    f"`outcome` must be 'success' or 'failure', not {outcome!r}; derived from the error instead",
                )
            final = Outcome.FAILURE if errors else Outcome.SUCCESS
        out[n.EVENT_OUTCOME] = final.value
        out[RECORD_ID], out[RECORD_SEQUENCE] = next_identity()
        if given_id.__class__ is str and safe_text(given_id, limit=64):
            out[RECORD_ID] = given_id  # a stored event's own, the same each time it is read (Logto's logs)
        if errors:
            out.update({name: self.redactor.redact_text(str(value)) for name, value in errors.items()})
            self._write_exception(out, exc_info)
        if sinks:
            publish(out)
        return out


# What survives of an event when building its record failed: the fields a log
# line needs, none of the call's own (they were not redacted).
_SURVIVING: Final = ("event", "level", "timestamp", "logger", "logger_name")


# Values a binding cannot see change after it is made: its redacted form can be kept for the next record.
_IMMUTABLE: Final = frozenset({str, int, float, bool, type(None), bytes})


def traceback_text(error: BaseException) -> str:
    """An exception's traceback as ``logging`` and structlog write it (no trailing newline); never an exception."""
    try:
        return "".join(traceback.format_exception(error)).rstrip("\n")
    except Exception:  # noqa: BLE001 -- an exception whose parts cannot be formatted is still reported, by type
        return f"{_qualified_name(type(error))}: <unprintable>"


def exception_attributes(error: BaseException, redactor: Redactor) -> dict[str, str]:
    """What OpenTelemetry's ``Span.record_exception`` records, redacted: the type, message and traceback."""
    return {
        n.EXCEPTION_TYPE: _qualified_name(type(error)),
        n.EXCEPTION_MESSAGE: redactor.redact_text(safe_str(error)),
        n.EXCEPTION_STACKTRACE: redactor.redact_traceback(traceback_text(error)),
    }


def _safe_values(values: Collection[object], limit: int) -> bool:
    """Whether every value is already safe as it is: then the record needs no redaction pass.

    Safe: a string within ``limit`` with no control character and nothing
    that may be a credential in free text (see :func:`has_free_text_hint`),
    an int in 64 bits, a bool, None, a finite float. Anything else takes the
    full path. The strings are checked together, joined: one C-level pass of
    each test for all of them.
    """
    texts: list[str] = []
    add = texts.append
    for value in values:
        kind = value.__class__
        if kind is str:
            add(value)  # type: ignore[arg-type]
        elif kind is int:
            if not in_int64(value):  # type: ignore[arg-type]
                return False
        elif kind is float:
            if not math.isfinite(value):  # type: ignore[arg-type]
                return False
        elif not (value is None or kind is bool):  # a str or int subclass too: its methods are its own
            return False
    joined = "".join(texts)
    return (len(joined) <= limit or max(map(len, texts)) <= limit) and _clean(joined)


def safe_text(text: str, limit: int) -> bool:
    """Whether one text is safe as it is (see :func:`_safe_values`): within ``limit``, no control, no credential."""
    return len(text) <= limit and _clean(text)


def _clean(text: str) -> bool:
    return _printable(text) and not has_free_text_hint(text)


def _printable(text: str) -> bool:
    """Whether ``text`` has no character UNSAFE matches: str.isprintable() answers most texts in C, the regex the rest.

    Every character UNSAFE matches is a control, which isprintable() rejects;
    a tab or a non-ASCII separator it also rejects is looked at by the regex.
    """
    return text.isprintable() or UNSAFE.search(text) is None


def contained(event: Mapping[str, object], key: object, error: Exception) -> dict[str, object]:
    """The fields to log when building a record failed: the error is reported once, never raised.

    The call's own fields are left out, since they could not be redacted.
    """
    kind = _qualified_name(type(error))
    warn_once(f"internal:{kind}", f"audit_logging could not build an audit record ({kind}: {safe_str(error)})")
    # The line's own parts, made safe as any value (a message can hold a credential too).
    out = DEFAULT_REDACTOR.redact_fields({name: event[name] for name in _SURVIVING if name in event})
    if key is not None:  # None: a line that is no audit record
        out[n.EVENT_KEY] = safe_str(key)
    out[n.INTERNAL_ERROR] = kind
    return out
