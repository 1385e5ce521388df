"""Output profiles: how a canonical audit record is named and shaped in each output.

* ``otel`` (the default, :mod:`audit_logging.profiles.otel`): the canonical
  record itself, OpenTelemetry semantic-convention names and the ``audit.``
  namespace; flat dotted keys, or nested objects with ``nested=True``.
* ``ecs`` (:mod:`audit_logging.profiles.ecs`): Elastic Common Schema 9.4.0.
* ``ocsf`` (:mod:`audit_logging.profiles.ocsf`): an OCSF 1.7.0 event of the
  catalog's class (Authentication, Account Change).

Each profile is one :class:`Renderer` that owns every rule of its schema and
renders a record into each output shape: the JSON object of a log line and a
flat set of fields (an OpenTelemetry attribute set, a stdlib ``LogRecord``'s
attributes). The core builds the record without knowing any profile; the
integrations carry the record with the line (:class:`AuditDocument`) and ask
the profile for the shape they write. The ecs and ocsf modules load only when
an integration is made with one of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit_logging._validate import require_choice
from audit_logging.profiles._base import PROFILES, AuditDocument, Line, Profile, Renderer, carried, make_line, nest
from audit_logging.profiles.otel import OTEL, OtelRenderer

if TYPE_CHECKING:
    from collections.abc import Mapping

    from audit_logging.catalog import AuditEvent
    from audit_logging.profiles.ecs import ECS_DATASET, ECS_VERSION
    from audit_logging.profiles.ocsf import OCSF_VERSION, PRODUCT_NAME

__all__ = [
    "ECS_DATASET",
    "ECS_VERSION",
    "OCSF_VERSION",
    "PRODUCT_NAME",
    "AuditDocument",
    "Line",
    "Profile",
    "Renderer",
    "carried",
    "make_line",
    "make_renderer",
    "nest",
]

_LAZY = {
    "ECS_DATASET": "ecs",
    "ECS_VERSION": "ecs",
    "OCSF_VERSION": "ocsf",
    "PRODUCT_NAME": "ocsf",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    from importlib import import_module  # noqa: PLC0415

    return getattr(import_module(f"{__name__}.{module}"), name)


def make_renderer(profile: object, *, nested: bool, spellings: Mapping[str, AuditEvent]) -> Renderer:
    """Validate a ``profile`` option and make its renderer; ``spellings`` maps each spelling of a key to its event."""
    require_choice(profile, PROFILES, "profile")
    if profile == "otel":
        return OtelRenderer(nested=True) if nested else OTEL
    if profile == "ecs":
        from audit_logging.profiles.ecs import EcsRenderer  # noqa: PLC0415 -- only the profiles that need it

        return EcsRenderer(spellings)
    from audit_logging.profiles.ocsf import OcsfRenderer  # noqa: PLC0415 -- only the profiles that need it

    return OcsfRenderer(spellings)
