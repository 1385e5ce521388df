"""ECS and OCSF output checked against the schemas' own published definitions, not hand-written rules.

ECS: the field definitions Elastic publishes (``ecs_flat``), vendored from the
npm package @elastic/ecs 9.4.0 as ``tests/data/ecs_flat_9.4.0.json``: every
field of a document must be an ECS field of the right type, with a value ECS
allows where it lists them, and every ``event.type`` one that ECS expects for
each ``event.category`` given; only the ``audit.`` namespace (this library's
own fields) and names a test declares are outside ECS.

OCSF: the schema 1.7.0 and the pydantic models of the PyPI package
pydantic-ocsf. A document must validate as the model of its class (which
checks the class, category and type ids, the activity, the status, the
severity and their captions), carry no attribute the model does not know
(outside ``unmapped``), meet the schema's ``at_least_one`` constraints of its
class and of every object in it, and hold values of the schema's scalar types
(pydantic would coerce ``"7"`` to ``7``; the wire does not).
"""

from __future__ import annotations

import ipaddress
import json
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

from ocsf.v1_7_0 import events as ocsf_events
from pydantic import BaseModel, ValidationError

DATA: Final = Path(__file__).parent / "data"

ECS: Final = json.loads((DATA / "ecs_flat_9.4.0.json").read_text())
ECS_FIELDS: Final[dict[str, dict[str, Any]]] = ECS["fields"]
ECS_CATEGORIES: Final = {
    value["name"]: set(value["expected_event_types"]) for value in ECS_FIELDS["event.category"]["allowed_values"]
}

OCSF: Final = json.loads(files("ocsf").joinpath("schemas", "v1_7_0.json").read_text())
OCSF_MODELS: Final[dict[int, type[BaseModel]]] = {
    0: ocsf_events.BaseEvent,
    3001: ocsf_events.AccountChange,
    3002: ocsf_events.Authentication,
}
_OCSF_CLASS_NAMES: Final = {0: "base_event", 3001: "account_change", 3002: "authentication"}


def flatten(document: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects as dotted names (the way ECS and OCSF name their fields); lists stay values."""
    out: dict[str, Any] = {}
    for key, value in document.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def _is_iso(value: object) -> bool:
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_ECS_TYPES: Final[dict[str, Any]] = {
    **dict.fromkeys(("keyword", "constant_keyword", "wildcard", "text", "match_only_text"), _is_str),
    **dict.fromkeys(("long", "integer", "short", "byte", "unsigned_long"), _is_int),
    **dict.fromkeys(("float", "double", "scaled_float", "half_float"), lambda v: _is_int(v) or isinstance(v, float)),
    "boolean": lambda v: isinstance(v, bool),
    "date": _is_iso,
    "ip": lambda v: isinstance(v, str) and _is_ip(v),
}


def _ecs_value_problems(name: str, definition: dict[str, Any], value: object) -> list[str]:
    if "array" in definition.get("normalize", ()) and not isinstance(value, list):
        return [f"{name}: ECS expects an array, got {value!r}"]
    check = _ECS_TYPES.get(definition["type"], lambda v: isinstance(v, dict))
    allowed = {item["name"] for item in definition.get("allowed_values", ())}
    problems = []
    for item in value if isinstance(value, list) else [value]:
        if not check(item):
            problems.append(f"{name}: {item!r} is not of ECS type {definition['type']}")
        if allowed and item not in allowed:
            problems.append(f"{name}: {item!r} is not one of ECS's allowed values")
    return problems


def ecs_problems(document: dict[str, Any], *, custom: tuple[str, ...] = ()) -> list[str]:
    """What in an ECS document breaks ECS's definitions; empty when nothing does."""
    flat = flatten(document)
    problems = [f"{name}: missing (ECS requires it)" for name in ("@timestamp", "ecs.version") if name not in flat]
    for name, value in flat.items():
        definition = ECS_FIELDS.get(name)
        if definition is not None:
            problems += _ecs_value_problems(name, definition, value)
        elif not name.startswith(("audit.", *custom)):
            problems.append(f"{name}: not an ECS field")
    for category in flat.get("event.category", []):
        expected = ECS_CATEGORIES.get(category, set())
        problems += [
            f"event.type {kind!r} is not expected for event.category {category!r}"
            for kind in flat.get("event.type", [])
            if kind not in expected
        ]
    return problems


def _object_type(attribute: str) -> str | None:
    definition = OCSF["dictionary"]["attributes"].get(attribute)
    kind = definition["type"] if definition else None
    return kind if kind in OCSF["objects"] else None


def _constraints(entity: dict[str, Any]) -> list[list[str]]:
    """The ``at_least_one`` groups of an object or class: its own, else those of what it extends."""
    while entity:
        if "constraints" in entity:
            return [list(group) for kind, group in entity["constraints"].items() if kind == "at_least_one"]
        parent = entity.get("extends")
        entity = OCSF["objects"].get(parent) or OCSF["events"].get(parent) or {}
    return []


def _scalar_problems(path: str, attribute: str, value: object) -> list[str]:
    definition = OCSF["dictionary"]["attributes"].get(attribute)
    kind = definition["type"] if definition else None
    checks = {
        "string_t": lambda v: isinstance(v, str),
        "integer_t": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "long_t": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "timestamp_t": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean_t": lambda v: isinstance(v, bool),
        "ip_t": lambda v: isinstance(v, str) and _is_ip(v),
    }
    check = checks.get(kind or "")
    if check is None or check(value):
        return []
    return [f"{path}: {value!r} is not an OCSF {kind}"]


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _walk(path: str, entity: dict[str, Any], data: dict[str, Any]) -> list[str]:
    problems = [
        f"{path or 'event'}: needs at least one of {group}"
        for group in _constraints(entity)
        if not any(name in data for name in group)
    ]
    for name, value in data.items():
        where = f"{path}.{name}" if path else name
        if name == "unmapped":
            continue
        object_type = _object_type(name)
        if isinstance(value, dict) and object_type is not None:
            problems += _walk(where, OCSF["objects"][object_type], value)
        else:
            problems += _scalar_problems(where, name, value)
    return problems


def _extras(path: str, model: BaseModel) -> list[str]:
    problems = [f"{path}{name}: not an OCSF attribute here" for name in (model.model_extra or {})]
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel) and name != "unmapped":
            problems += _extras(f"{path}{name}.", value)
    return problems


def ocsf_problems(document: dict[str, Any]) -> list[str]:
    """What in an OCSF event breaks the schema and its model; empty when nothing does."""
    model = OCSF_MODELS.get(document.get("class_uid"))  # type: ignore[arg-type]
    if model is None:
        return [f"class_uid {document.get('class_uid')!r}: not a class this library writes"]
    try:
        instance = model.model_validate(document)
    except ValidationError as error:
        return [str(error)]
    return _extras("", instance) + _walk("", OCSF["events"][_OCSF_CLASS_NAMES[document["class_uid"]]], document)
