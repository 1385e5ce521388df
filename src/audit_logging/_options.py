"""The options every integration takes, declared once: the record's (for the core) and the output's (the profile).

:class:`~audit_logging.AuditEventProcessor`, :class:`~audit_logging.AuditLogFilter`
and both JSON formatters take them as keywords (``**options``) typed by
:class:`AuditOptions`, and hand them here, where they are checked and turned
into the core and the profile's renderer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple, TypedDict

from audit_logging._validate import require_type
from audit_logging.profiles import make_renderer
from audit_logging.record import AuditCore

if TYPE_CHECKING:
    from collections.abc import Mapping

    from audit_logging.catalog import Spelling
    from audit_logging.profiles import Profile, Renderer
    from audit_logging.record import OnUnknown
    from audit_logging.redaction import Redactor

__all__ = ["OPTION_NAMES", "AuditOptions", "Configured", "configure", "describe"]


class AuditOptions(TypedDict, total=False):
    """The options of every integration, all keyword-only and optional.

    ``on_unknown``: ``"keep"`` (default: a record with
    ``audit.event.known: false``, and a warning once per distinct key),
    ``"raise"`` (:class:`~audit_logging.UnknownEventError`, for tests) or
    ``"drop"``. ``spelling``: ``"documented"`` (default) or ``"logto"``.
    ``profile``: ``"otel"`` (default), ``"ecs"`` or ``"ocsf"`` (see
    :mod:`audit_logging.profiles`). ``redactor``: the
    :class:`~audit_logging.Redactor` (default rules when ``None``).
    ``nested``: nested objects instead of dotted keys (the ``otel`` profile;
    ECS and OCSF lines are nested by their schemas).
    """

    on_unknown: OnUnknown
    spelling: Spelling | str
    profile: Profile | str
    redactor: Redactor | None
    nested: bool


OPTION_NAMES: Final = frozenset(AuditOptions.__annotations__)


class Configured(NamedTuple):
    """What a set of options makes: the core that builds records and the renderer of the profile."""

    core: AuditCore
    renderer: Renderer


def describe(core: AuditCore, renderer: Renderer) -> str:
    """The options as keywords, for an integration's repr: ``on_unknown='keep', spelling='documented', ...``."""
    return (
        f"on_unknown={core.on_unknown!r}, spelling={core.spelling.value!r}, "
        f"profile={renderer.name!r}, nested={getattr(renderer, 'nested', False)!r}"
    )


def configure(owner: str, options: Mapping[str, object]) -> Configured:
    """Check ``options`` (``owner`` names the integration in the error) and make the core and the renderer."""
    unknown = sorted(set(options) - OPTION_NAMES)
    if unknown:
        msg = f"{owner}() got an unexpected keyword argument {unknown[0]!r}"
        raise TypeError(msg)
    nested = options.get("nested", False)
    require_type(nested, bool, "nested", "a bool")
    core = AuditCore(
        on_unknown=options.get("on_unknown", "keep"),  # type: ignore[arg-type]
        spelling=options.get("spelling", "documented"),  # type: ignore[arg-type]
        redactor=options.get("redactor"),  # type: ignore[arg-type]
    )
    renderer = make_renderer(options.get("profile", "otel"), nested=bool(nested), spellings=core.spellings)
    return Configured(core, renderer)
