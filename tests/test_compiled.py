"""The compiled lines of the ecs and ocsf profiles are the field-by-field lines, key for key and in order.

A profile compiles its rules once per set of a record's names (profiles._base.compile_line); the compiled
code must write exactly what the rules write one field at a time (ecs._document, ocsf._flat + _document)
for any record: hostile names, names that collide, values the compiled code must decline. Compared as JSON
text, so the order of every object's keys counts too.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_logging import AuditEventProcessor, EventKey
from audit_logging.profiles import Line, nest
from audit_logging.profiles import ecs as ecs_profile
from audit_logging.profiles import ocsf as ocsf_profile
from audit_logging.profiles._base import Entry, compile_line

SIGN_IN = EventKey.INTERACTION_SIGN_IN_SUBMIT.value

# Names a caller may give, chosen to collide with what the profiles write: their objects, their leaves, the
# line's own parts, the canonical names, and dotted names with empty parts.
NAMES = st.sampled_from(
    [
        *("user_id", "session_id", "client_address", "user_agent", "application_id", "interaction_id"),
        *("user", "event", "client", "error", "log", "audit", "metadata", "unmapped", "message", "time"),
        *("user.id", "user.name", "event.kind", "event.outcome", "event.x", "client.ip", "client.port"),
        *("log.x", "error.type", "error.stack_trace", "exception.message", "exception.stacktrace", "trace_id"),
        *("metadata.uid", "status_id", "src_endpoint.ip", "unmapped.x", "a..b", ".x", "x.", "audit.event.name"),
        *("path", "status", "request_id", "@timestamp", "ecs.version", "log.level"),
    ]
)
VALUES = st.one_of(
    st.none(),
    st.integers(-(2**40), 2**40),
    st.sampled_from(["203.0.113.9", "2001:db8::1", "not an address", "u-1234", "", "x" * 40]),
    st.text(max_size=12),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["a", "b.c"]), st.integers(0, 3), max_size=2),
)
LINES = st.builds(
    Line,
    message=st.one_of(st.none(), st.just("user signed in")),
    level=st.sampled_from(["info", "error", "WARNING"]),
    timestamp=st.sampled_from(["2026-12-01T10:00:00.123456Z", 1_796_119_200.5]),  # None is now: two calls differ
    logger=st.one_of(st.none(), st.just("auth")),
    stack_trace=st.one_of(st.none(), st.just("Traceback (most recent call last):\nValueError: x")),
)


def _record(fields: dict[str, Any], *, failure: bool) -> dict[str, object]:
    """A canonical record, as the core builds it for AuditEventProcessor (no line parts: no message, no level)."""
    record = dict(AuditEventProcessor()(None, "info", {"audit_event": SIGN_IN, **fields}))
    if failure:
        record["audit.event.outcome"] = "failure"
    return record


def _field_by_field(renderer: Any, record: dict[str, object], line: Line) -> dict[str, object]:  # noqa: ANN401 -- either profile's renderer
    if renderer.name == "ecs":
        return ecs_profile._document(renderer._static(record), record, line, {})
    return ocsf_profile._document(renderer._flat(record, ocsf_profile._line_parts(line)), line, None)


@pytest.mark.parametrize("profile", ["ecs", "ocsf"])
@settings(max_examples=300, deadline=None)
@given(fields=st.dictionaries(NAMES, VALUES, max_size=8), line=LINES, failure=st.booleans())
def test_compiled_lines_are_the_field_by_field_lines(
    profile: str, fields: dict[str, Any], line: Line, *, failure: bool
) -> None:
    renderer = AuditEventProcessor(profile=profile)._renderer
    record = _record(fields, failure=failure)
    assert json.dumps(renderer.document(record, line)) == json.dumps(_field_by_field(renderer, record, line))


@pytest.mark.parametrize("profile", ["ecs", "ocsf"])
def test_the_common_record_is_compiled(profile: str) -> None:
    """The case the benchmarks measure takes the compiled path (so the test above compares two paths)."""
    renderer = AuditEventProcessor(profile=profile)._renderer
    record = _record({"user_id": "u-1", "client_address": "203.0.113.9"}, failure=False)
    renderer.document(record, Line("m", "info", None, None))
    cache = ecs_profile._RENDERERS if profile == "ecs" else ocsf_profile._RENDERERS
    key = tuple(record) if profile == "ecs" else (tuple(record), SIGN_IN)
    assert cache[key] is not None  # type: ignore[index]


class TestCompileLine:
    def test_objects_in_order_of_their_first_field_after_the_plain_ones(self) -> None:
        render = compile_line([Entry("a.x", "v[0]"), Entry("p", "v[1]"), Entry("b.y", "v[2]")], [], frozenset(), {})
        assert render is not None
        out = render({}, (1, 2, 3), None, None, None)
        assert json.dumps(out) == json.dumps(nest({"a.x": 1, "p": 2, "b.y": 3}))

    def test_a_guard_declines_before_anything_is_written(self) -> None:
        render = compile_line([Entry("a.x", "v[0]")], ["v[0] is None"], frozenset(), {})
        assert render is not None
        doc: dict[str, object] = {}
        assert render(doc, (None,), None, None, None) is None
        assert doc == {}

    @pytest.mark.parametrize(
        "entries",
        [
            [Entry("a", "v[0]"), Entry("a.x", "v[1]")],  # a plain value where an object goes
            [Entry("a.x", "v[0]"), Entry("a.x.y", "v[1]")],  # a leaf and an object of one name
            [Entry("a.x", "v[0]"), Entry("a.x", "v[1]")],  # one name twice
            [Entry("a.x", "v[0]", "v[0]"), Entry("a.y", "v[1]")],  # an object whose first field may be absent
            [Entry("taken", "v[0]")],  # a name the line has already
        ],
    )
    def test_names_that_may_collide_are_not_compiled(self, entries: list[Entry]) -> None:
        assert compile_line(entries, [], frozenset({"taken"}), {}) is None

    def test_an_only_field_that_may_be_absent_takes_its_object_with_it(self) -> None:
        render = compile_line([Entry("a.x", "v[0]", "v[0] is not None")], [], frozenset(), {})
        assert render is not None
        assert render({}, (None,), None, None, None) == {}
        assert render({}, (1,), None, None, None) == {"a": {"x": 1}}

    def test_names_reach_the_code_only_as_literals(self) -> None:
        """A name that is Python code is written as the text it is, never run."""
        hostile = "'] = 1\nraise SystemExit(3)\n#" + '"""' + "'" * 3
        fields = {f"o{hostile}.y": 1, f"p{hostile}": 2}
        render = compile_line([Entry(name, f"v[{i}]") for i, name in enumerate(fields)], [], frozenset(), {})
        assert render is not None
        assert json.dumps(render({}, (1, 2), None, None, None)) == json.dumps(nest(fields))


class Sneaky(str):
    """A name whose repr() is code: what a compiler writing repr() into its source would run."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "__import__('os')._exit(3)"


@pytest.mark.parametrize("profile", ["ecs", "ocsf"])
def test_a_str_subclass_name_is_never_written_into_code(profile: str) -> None:
    processor = AuditEventProcessor(profile=profile)
    out = processor(None, "info", {"event": "x", "audit_event": SIGN_IN, Sneaky("sneaky"): 1, Sneaky("a.b"): 2})
    assert "sneaky" in json.dumps(out)
    assert compile_line([Entry(Sneaky("s"), "v[0]")], [], frozenset(), {}) is None
    assert nest({Sneaky("p"): 1, Sneaky("o.x"): 2}) == {"p": 1, "o": {"x": 2}}
