"""Every catalog event's ECS and OCSF classification, checked against the schemas' own definitions."""

from __future__ import annotations

import json

import pytest

from audit_logging import EventKey, get_event
from audit_logging._mappings import (
    BASE_EVENT,
    MAPPINGS,
    OCSF_AUTH_PROTOCOLS,
    OCSF_CATEGORY_NAMES,
    OCSF_CLASSES,
    OCSF_SEVERITIES,
    OCSF_STATUSES,
    OTHER,
)
from audit_logging.cli import main
from audit_logging.profiles import ECS_VERSION, OCSF_VERSION
from schemas import ECS, ECS_FIELDS, OCSF, OCSF_MODELS, ecs_problems

ALL_KEYS = list(EventKey)


def test_every_catalog_event_has_a_mapping() -> None:
    """A key added to the catalog without a reviewed ECS and OCSF classification fails here."""
    missing = [key.value for key in EventKey if key not in MAPPINGS]
    assert missing == []
    assert len(MAPPINGS) == len(EventKey) == 139


def test_the_versions_are_those_of_the_definitions_tested_against() -> None:
    assert ECS["ecs_version"] == ECS_VERSION
    assert OCSF["version"] == OCSF_VERSION


@pytest.mark.parametrize("key", ALL_KEYS, ids=str)
def test_ecs_categorization_is_one_ecs_allows(key: EventKey) -> None:
    """event.kind, event.category and event.type: allowed values, and types ECS expects for each category."""
    ecs = get_event(key).ecs
    document = {
        "@timestamp": "2026-11-25T00:00:00.000Z",
        "ecs.version": ECS_VERSION,
        "event": {"kind": ecs.kind, "category": list(ecs.category), "type": list(ecs.type), "action": key.value},
    }
    assert ecs_problems(document) == []
    assert ecs.category  # every catalog event is categorized; only unknown keys go without


def _class_definition(class_uid: int) -> dict[str, object]:
    name = {0: "base_event", 3001: "account_change", 3002: "authentication"}[class_uid]
    definition: dict[str, object] = OCSF["events"][name]
    return definition


@pytest.mark.parametrize("key", ALL_KEYS, ids=str)
def test_ocsf_class_and_activity_are_the_schemas(key: EventKey) -> None:
    """The class is an IAM class of OCSF 1.7.0, the activity one of its activities, type_uid as OCSF defines it."""
    ocsf = get_event(key).ocsf
    assert ocsf.category_uid == 3
    assert ocsf.class_uid in OCSF_MODELS
    activities = _class_definition(ocsf.class_uid)["attributes"]["activity_id"]["enum"]  # type: ignore[index]
    assert str(ocsf.activity_id) in activities or ocsf.activity_id == OTHER
    assert ocsf.type_uid == ocsf.class_uid * 100 + ocsf.activity_id
    assert ocsf.failure_severity_id in OCSF_SEVERITIES


def test_captions_are_the_schemas() -> None:
    """Every caption this library writes (class, activity, category, severity, status, protocol) is OCSF's own."""
    base = OCSF["events"]["base_event"]["attributes"]
    for class_uid, (caption, activities) in OCSF_CLASSES.items():
        definition = _class_definition(class_uid)
        assert definition["caption"] == caption
        enum = {**base["activity_id"]["enum"], **definition["attributes"].get("activity_id", {}).get("enum", {})}  # type: ignore[attr-defined]
        for activity_id, name in activities.items():
            assert enum[str(activity_id)]["caption"] == name
    categories = OCSF["categories_meta"]["attributes"]
    captions = {value["uid"]: value["caption"] for value in categories.values()}
    assert captions[3] == OCSF_CATEGORY_NAMES[3]
    assert base["category_uid"]["enum"]["0"]["caption"] == OCSF_CATEGORY_NAMES[BASE_EVENT]
    dictionary = OCSF["dictionary"]["attributes"]
    for severity, name in OCSF_SEVERITIES.items():
        assert dictionary["severity_id"]["enum"][str(severity)]["caption"] == name
    for status, name in OCSF_STATUSES.items():
        assert dictionary["status_id"]["enum"][str(status)]["caption"] == name
    protocols = dictionary["auth_protocol_id"]["enum"]
    for protocol, name in OCSF_AUTH_PROTOCOLS.items():
        assert protocols[str(protocol)]["caption"] == name


def test_vendored_ecs_definitions_hold_the_fields_the_profile_writes() -> None:
    """A guard on the test data itself: the definitions are ECS's, with their categories and types."""
    assert ECS_FIELDS["event.category"]["normalize"] == ["array"]
    assert {value["name"] for value in ECS_FIELDS["event.outcome"]["allowed_values"]} == {
        "success",
        "failure",
        "unknown",
    }
    assert ECS_FIELDS["client.ip"]["type"] == "ip"


def test_show_prints_both_classifications(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "Interaction.SignIn.Submit"]) == 0
    out = capsys.readouterr().out
    assert "  ECS:              event.category: authentication, session; event.type: start\n" in out
    assert "  OCSF:             3002 Authentication, activity 1 Logon (type_uid 300201)\n" in out


def test_show_json_has_ecs_and_ocsf_objects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "ExchangeTokenBy.RefreshToken", "--format", "json"]) == 0
    event = json.loads(capsys.readouterr().out)
    assert event["ecs"] == {
        "event.kind": "event",
        "event.category": ["authentication"],
        "event.type": ["info"],
        "event.action": "ExchangeTokenBy.RefreshToken",
        "event.outcome": {"success": "success", "failure": "failure"},
    }
    assert event["ocsf"] == {
        "category_uid": 3,
        "category_name": "Identity & Access Management",
        "class_uid": 3002,
        "class_name": "Authentication",
        "activity_id": 5,
        "activity_name": "Service Ticket Renew",
        "type_uid": 300205,
        "type_name": "Authentication: Service Ticket Renew",
        "auth_protocol_id": 6,
        "auth_protocol": "OAUTH 2.0",
        "status_id": {"success": 1, "failure": 2},
        "severity_id": {"success": 1, "failure": 3},
    }


def test_events_json_classifies_every_event(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--all", "--format", "json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert len(events) == 139
    for event in events:
        assert event["ecs"]["event.action"] == event["key"]
        assert event["ocsf"]["type_uid"] == event["ocsf"]["class_uid"] * 100 + event["ocsf"]["activity_id"]


def test_an_other_activity_is_named_after_the_event() -> None:
    """OCSF asks a source to name an activity it files under Other (99): the catalog's name."""
    event = get_event("Interaction.Register.Verification.Totp.Create")
    assert event.ocsf.activity_id == OTHER
    assert event.ocsf.activity_name(event.name) == "Create TOTP verification secret for MFA binding"
