"""Logto's audit events: what each key means, and how to look one up.

The 80 events of Logto's page "Event types of audit logs" are reproduced
exactly (key, name, category, order), and so are the keys Logto's server
writes that the page leaves out (``documented=False``). Eleven documented
keys are spelled differently by Logto's server (``SmsVerificationCode`` is
``PhoneVerificationCode`` there, for one); both spellings resolve to the same
:class:`AuditEvent`, and :meth:`AuditEvent.spelled` gives either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from audit_logging._catalog_data import DOCUMENTED, UNDOCUMENTED, Category, EventKey
from audit_logging._validate import require_choice

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from audit_logging._mappings import EcsMapping, OcsfMapping

__all__ = [
    "EVENTS",
    "Action",
    "AuditEvent",
    "Category",
    "EventKey",
    "Flow",
    "Spelling",
    "UnknownEventError",
    "find_event",
    "get_event",
    "iter_events",
]


class Flow(StrEnum):
    """The interaction an ``Interaction.<Flow>.*`` key belongs to."""

    SIGN_IN = "SignIn"
    REGISTER = "Register"
    FORGOT_PASSWORD = "ForgotPassword"


class Action(StrEnum):
    """The last part of an interaction key: what happened to the interaction or step."""

    CREATE = "Create"
    SUBMIT = "Submit"
    UPDATE = "Update"
    DELETE = "Delete"
    END = "End"


class Spelling(StrEnum):
    """Which spelling of a key integrations emit.

    ``DOCUMENTED`` (the default everywhere) is the key as Logto's documentation
    spells it. ``LOGTO`` is the key as Logto's server writes it into its own
    logs: choose it to correlate your records with Logto's.
    """

    DOCUMENTED = "documented"
    LOGTO = "logto"


def parse_spelling(value: object) -> Spelling:
    """Validate a ``spelling`` option, naming the parameter when it is wrong."""
    require_choice(value, tuple(s.value for s in Spelling), "spelling")
    return Spelling(str(value))


class UnknownEventError(KeyError, ValueError):
    """A key that is not in the catalog, in either spelling.

    A subclass of both ``KeyError`` (a failed lookup) and ``ValueError`` (a bad
    argument), so either ``except`` catches it. ``suggestions`` holds the
    closest known keys, best first.
    """

    def __init__(self, key: object, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(key)
        self.key = key
        self.suggestions = suggestions

    def __str__(self) -> str:
        text = f"unknown audit event key {self.key!r}"
        if self.suggestions:
            text += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        return text


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One audit event of the catalog.

    ``key`` is the canonical spelling, ``logto_key`` the one Logto's server
    writes (the same for all but eleven documented events). ``flow``,
    ``step``, ``method`` and ``action`` are the parts of an ``Interaction.*``
    key, where the key has them: ``Interaction.SignIn.Verification.Totp.Submit``
    has flow ``SignIn``, step ``Verification``, method ``Totp``, action
    ``Submit``.
    """

    key: EventKey
    name: str
    category: Category
    logto_key: str
    documented: bool
    deprecated: bool
    flow: Flow | None = field(default=None, compare=False)
    step: str | None = field(default=None, compare=False)
    method: str | None = field(default=None, compare=False)
    action: Action | None = field(default=None, compare=False)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every spelling that resolves to this event, canonical first."""
        if self.logto_key == self.key:
            return (self.key.value,)
        return (self.key.value, self.logto_key)

    @property
    def ecs(self) -> EcsMapping:
        """How ECS categorizes this event: ``event.kind``, ``event.category``, ``event.type``."""
        from audit_logging._mappings import MAPPINGS  # noqa: PLC0415 -- loaded by the first who asks, not at import

        return MAPPINGS[self.key][0]

    @property
    def ocsf(self) -> OcsfMapping:
        """This event's OCSF class and activity, and the severity of a failure."""
        from audit_logging._mappings import MAPPINGS  # noqa: PLC0415 -- loaded by the first who asks, not at import

        return MAPPINGS[self.key][1]

    def spelled(self, spelling: Spelling | str = Spelling.DOCUMENTED) -> str:
        """The key in the given spelling: ``"documented"`` or ``"logto"``."""
        if parse_spelling(spelling) is Spelling.LOGTO:
            return self.logto_key
        return self.key.value


_ACTION_NAMES: Final = frozenset(action.value for action in Action)


def _key_parts(key: str) -> tuple[Flow | None, str | None, str | None, Action | None]:
    """Split an ``Interaction.*`` key into flow, step, method and action.

    ``Interaction.<Action>``, ``Interaction.<Action>.<Method>`` (the CAPTCHA
    key), ``Interaction.<Flow>.<Action>``, ``Interaction.<Flow>.<Step>.<Action>``
    and ``Interaction.<Flow>.<Step>.<Method>.<Action>``. Other families have
    none of these parts.
    """
    family, *rest = key.split(".")
    if family != "Interaction" or not rest:
        return None, None, None, None
    if rest[0] in _ACTION_NAMES:
        return None, None, rest[1] if len(rest) > 1 else None, Action(rest[0])
    flow, *middle, action = rest
    step = middle[0] if middle else None
    method = middle[1] if len(middle) > 1 else None
    return Flow(flow), step, method, Action(action)


def _event(row: tuple[EventKey, str, Category, str | None, bool], *, documented: bool) -> AuditEvent:
    key, name, category, logto_key, deprecated = row
    flow, step, method, action = _key_parts(key)
    return AuditEvent(
        key=key,
        name=name,
        category=category,
        logto_key=logto_key or key.value,
        documented=documented,
        deprecated=deprecated,
        flow=flow,
        step=step,
        method=method,
        action=action,
    )


_DOCUMENTED_EVENTS: Final = tuple(_event(row, documented=True) for row in DOCUMENTED)
_ALL_EVENTS: Final = _DOCUMENTED_EVENTS + tuple(_event(row, documented=False) for row in UNDOCUMENTED)


class _Index(dict[str, AuditEvent]):
    """Every spelling of every key -> its event; a miss raises with suggestions."""

    __slots__ = ()

    def __missing__(self, key: object) -> AuditEvent:
        raise UnknownEventError(key, suggest_keys(key))


# Plain ``str`` keys, not EventKey members: a dict whose keys are all exact
# strings takes CPython's faster lookup path, and EventKey members hash and
# compare like their values, so they find the same entries.
INDEX: Final = _Index({spelling: event for event in _ALL_EVENTS for spelling in event.keys})
"""Every spelling of every key -> its event: the core's lookup (not in ``__all__``: use :func:`get_event`)."""

EVENTS: Final[Mapping[str, AuditEvent]] = MappingProxyType({event.key.value: event for event in _DOCUMENTED_EVENTS})
"""The 80 documented events by canonical key, read-only, in the page's order."""


def suggest_keys(key: object, limit: int = 3) -> tuple[str, ...]:
    """The known keys closest to ``key``: a case-insensitive match first, then difflib's."""
    if not isinstance(key, str):
        return ()
    # difflib is only needed on this error path; importing it here keeps it out
    # of the package's import time.
    import difflib  # noqa: PLC0415

    canonical = [event.key.value for event in _ALL_EVENTS]
    folded = key.casefold()
    exact_case = [k for k in canonical if k.casefold() == folded]
    close = difflib.get_close_matches(key, list(INDEX), n=limit, cutoff=0.6)
    found: list[str] = []
    for candidate in (*exact_case, *close):
        # Suggest the canonical spelling even when the closest match is Logto's.
        canonical_key = INDEX[candidate].key.value
        if canonical_key not in found:
            found.append(canonical_key)
    return tuple(found[:limit])


if TYPE_CHECKING:

    def get_event(key: str, /) -> AuditEvent:
        """Look up an event by EventKey, documented key or Logto's spelling."""

else:
    # The bound ``__getitem__`` of the index is the whole lookup: a known key
    # costs one C-level dict lookup and no Python frame, which keeps this on
    # the hot path of every audit log call within reach of a bare ``d[key]``
    # (benchmarks/catalog_lookup.py). A miss goes through ``_Index.__missing__``.
    get_event = INDEX.__getitem__


def find_event(key: object) -> AuditEvent | None:
    """Like :func:`get_event`, but ``None`` for an unknown key or a non-string; never raises."""
    if isinstance(key, str):
        return INDEX.get(key)
    return None


def iter_events(category: Category | str | None = None, *, include_undocumented: bool = False) -> Iterator[AuditEvent]:
    """The catalog's events in the page's order, the undocumented ones (if asked for) after.

    ``category`` is a :class:`Category` or its title (``"Sign in"``).
    """
    events = _ALL_EVENTS if include_undocumented else _DOCUMENTED_EVENTS
    if category is None:
        return iter(events)
    require_choice(category, tuple(c.value for c in Category), "category")
    wanted = Category(category)
    return (event for event in events if event.category is wanted)
