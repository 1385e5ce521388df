"""The attack suite (issue 14): hostile calls through every entry point, and what must hold for every output.

Each example is one log call (a message, fields, maybe an attached exception,
an audit event or not) made of hostile parts: objects whose ``__str__``,
``__repr__``, ``__hash__``, ``__eq__`` or ``__iter__`` raise; lone
surrogates and every character ``str.splitlines`` breaks at; ints past 64
bits and past Python's digit limit; NaN and infinities; deep, cyclic and huge
containers; hostile names; and credentials planted under every sensitive
spelling, in containers of every shape and in free text. It goes through
every output of ``outputs.py``, and for each:

* nothing raises into the caller;
* each line of a line-oriented output is one line, and of a JSON output one
  strict JSON object (no NaN, no Infinity); so is each exported record;
* no planted credential appears anywhere in what was written.

Then the same calls go into a sealed file (``ChainedJSONRenderer``, and the
stdlib formatter with a chain), which must verify untouched; and through a
spool and a real export to an in-memory exporter, where after a shutdown
``exported + dropped == emitted`` and nothing is left unacknowledged.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import logging
import math
from typing import TYPE_CHECKING, Any

import attrs
import pydantic
import pytest
import structlog
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter

from audit_logging import (
    AuditEventProcessor,
    AuditJsonFormatter,
    AuditLogFilter,
    OTelAuditProcessor,
    audit_context,
    bind_audit_context,
    clear_audit_context,
)
from audit_logging._logrecord import STANDARD
from audit_logging.chain import ChainedJSONRenderer, HmacChain, verify
from audit_logging.delivery import DeliveryProcessor
from audit_logging.spool import Spool
from hostile import LINE_BREAKERS, BadEq, BadHash, BadIter, BadIterList, BadRepr, BadStr
from loggers import logger_to
from outputs import JSON_OUTPUTS, MULTILINE_OUTPUTS, OUTPUTS, Call, strict_json, written
from strategies import SENSITIVE_KEYS

if TYPE_CHECKING:
    from collections.abc import Callable

# Examples per property: each runs every output (about fifteen), so these stay small for a ten-minute suite.
EXAMPLES = 60
ATTACK = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)

KEY = b"attack-suite-key" * 2

# ---------------------------------------------------------------------------------------------------------------
# Planted credentials: each a distinct text no output would write but for the plant.

_secret = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789abcdefghijkmnpqrstuvwxyz", min_size=10, max_size=16).map(
    lambda tail: "SECRET" + tail
)


@dataclasses.dataclass
class SignInBody:
    username: str
    password: str


@attrs.define
class TokenSet:
    token_type: str
    access_token: str


class Credentials(pydantic.BaseModel):
    client_id: str
    client_secret: str


class Headers:
    """Mapping-like headers, as werkzeug's: items() and keys(), a repeated name, no dict."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def items(self) -> list[tuple[str, str]]:
        return list(self._pairs)

    def keys(self) -> list[str]:
        return [name for name, _ in self._pairs]

    def __str__(self) -> str:
        return "\r\n".join(f"{name}: {value}" for name, value in self._pairs)


def _jwt(secret: str) -> str:
    head = base64.urlsafe_b64encode(b'{"alg":"HS256"}').rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(json.dumps({"sub": secret}).encode()).rstrip(b"=").decode()
    return f"{head}.{body}.{secret}"


# A credential in a value under a harmless name: in a structured object, a container, or free text.
_SHAPES = (
    lambda s: SignInBody("alice", s),
    lambda s: TokenSet("Bearer", s),
    lambda s: Credentials(client_id="app", client_secret=s),
    lambda s: Headers([("Authorization", f"Bearer {s}"), ("Cookie", f"sid={s}"), ("Accept", "*/*")]),
    lambda s: [(b"authorization", f"Basic {s}".encode()), (b"host", b"api")],
    lambda s: {"password": s, "nested": [{"client_secret": s}]},
    lambda s: {"error": {"code": "session.not_found", "data": {"code": s}}},
    lambda s: {"identifier": {"type": "password", "value": s}},
    lambda s: f"https://app.example/callback?code={s}&state=abc",
    lambda s: f"postgres://app:{s}@db.internal/app",
    lambda s: f"Authorization: Bearer {s}\r\nHost: api",
    _jwt,
)
# Free text in a message or an exception's message.
_TEXTS = (
    lambda s: f"login failed password={s}",
    lambda s: f"GET /callback?code={s}&client_secret={s}",
    lambda s: f'upstream said {{"access_token": "{s}"}}',
    lambda s: f"refused Authorization: Bearer {s}",
    lambda s: f"token {_jwt(s)} expired",
)

# ---------------------------------------------------------------------------------------------------------------
# Hostile values and names.

_breaking_text = st.lists(
    st.one_of(st.text(max_size=8), st.sampled_from([*LINE_BREAKERS, "\udcff", "\ud800", "\x1b[2J", "\x00", "\t"])),
    max_size=6,
).map("".join)
_numbers = st.one_of(
    st.integers(),
    st.sampled_from([10**5000, 2**64, -(2**63) - 1, 2**63 - 1, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf]),
)
# Made per example (hypothesis hashes what it samples, and BadHash's hash raises).
_OBJECTS: dict[str, Callable[[], object]] = {
    "BadStr": BadStr,
    "BadRepr": BadRepr,
    "BadHash": BadHash,
    "BadEq": BadEq,
    "BadIter": BadIter,
    "BadIterList": lambda: BadIterList([1, 2]),
    "bytes": lambda: b"\xff\xfe",
}
_objects = st.sampled_from(sorted(_OBJECTS)).map(lambda name: _OBJECTS[name]())


def _deep(depth: int) -> object:
    value: object = "bottom"
    for _ in range(depth):
        value = {"down": [value]}
    return value


def _cyclic() -> object:
    loop: list[object] = ["start"]
    loop.append(loop)
    mapping: dict[str, object] = {"name": "cycle"}
    mapping["self"] = mapping
    return [loop, mapping]


_CONTAINERS: dict[str, Callable[[], object]] = {
    "deep": lambda: _deep(200),
    "cyclic": _cyclic,
    "huge list": lambda: list(range(5000)),
    "huge mapping": lambda: {f"k{i}": i for i in range(3000)},
}
_containers = st.sampled_from(sorted(_CONTAINERS)).map(lambda kind: _CONTAINERS[kind]())
_scalars = st.one_of(_breaking_text, _numbers, _objects, st.none(), st.booleans())
_values = st.one_of(
    _scalars,
    _containers,
    st.lists(_scalars, max_size=4),
    st.dictionaries(_breaking_text, _scalars, max_size=4),
)

# Names the harness's call uses itself, and the LogRecord's own (logging refuses those in `extra`).
_RESERVED = frozenset({"event", "level", "timestamp", "exc_info", "audit_event", "logger", "stack_info"}) | STANDARD
_names = st.one_of(
    st.sampled_from(["user_id", "client_address", "user_agent", "note", "params", "url", "outcome", "x.y"]),
    _breaking_text.filter(bool),
    st.integers(9000, 20_000).map(lambda size: "n" * size),  # past max_value_length
).filter(lambda name: name not in _RESERVED)


@st.composite
def hostile_calls(draw: st.DrawFn) -> tuple[Call, list[str]]:
    """One hostile call, and the credentials planted in it."""
    planted: list[str] = []
    fields: dict[str, object] = draw(st.dictionaries(_names, _values, max_size=5))
    for name in draw(st.lists(st.sampled_from(SENSITIVE_KEYS), max_size=3, unique=True)):
        secret = draw(_secret)
        fields[name] = draw(st.sampled_from([secret, [secret], {"inner": secret}, (secret, 1)]))
        planted.append(secret)
    for _ in range(draw(st.integers(0, 2))):
        secret = draw(_secret)
        fields[f"value_{len(planted)}"] = draw(st.sampled_from(_SHAPES))(secret)
        planted.append(secret)
    kind = draw(st.sampled_from(["text", "hostile", "secret"]))
    if kind == "secret":
        secret = draw(_secret)
        message: object = draw(st.sampled_from(_TEXTS))(secret)
        planted.append(secret)
    else:
        message = draw(_breaking_text) if kind == "text" else draw(_objects)
    error: BaseException | None = None
    which = draw(st.sampled_from(["none", "secret", "hostile"]))
    if which == "secret":
        secret = draw(_secret)
        error = _raised(ValueError(draw(st.sampled_from(_TEXTS))(secret)))
        planted.append(secret)
    elif which == "hostile":
        error = _raised(UnprintableError())
    return Call(message, fields, audit=draw(st.booleans()), error=error), planted


class UnprintableError(Exception):
    """An exception whose text cannot be made."""

    def __str__(self) -> str:
        raise RuntimeError("str")


def _raised(error: BaseException) -> BaseException:
    try:
        raise error  # noqa: TRY301 -- raised for its traceback
    except BaseException as caught:  # noqa: BLE001 -- caught to be returned
        return caught


# ---------------------------------------------------------------------------------------------------------------
# The properties.


def _holds(output: str, call: Call, planted: list[str]) -> None:
    out = written(output, call)  # raises if anything reached the caller
    text = out.text
    for secret in planted:
        assert secret not in text, f"{output} wrote a planted credential"
    for line in out.exported:
        strict_json(line)
    if output in JSON_OUTPUTS:
        for line in out.lines:
            strict_json(line)
    if output not in MULTILINE_OUTPUTS or call.error is None:
        assert len(out.lines) == (0 if output == "stdlib AuditOTelHandler" else 1), f"{output}: {out.lines!r}"


@pytest.mark.filterwarnings("ignore::Warning")
@pytest.mark.parametrize("output", sorted(OUTPUTS))
@ATTACK
@given(case=hostile_calls())
def test_every_output_survives_and_leaks_nothing(output: str, case: tuple[Call, list[str]]) -> None:
    call, planted = case
    _holds(output, call, planted)


@pytest.mark.filterwarnings("ignore::Warning")
@ATTACK
@given(case=hostile_calls(), context=st.dictionaries(_names, _values, max_size=3), secret=_secret)
def test_bound_context_is_redacted_in_every_output(
    case: tuple[Call, list[str]], context: dict[str, object], secret: str
) -> None:
    """The context managers bind hostile values and a credential: every output still holds."""
    call, planted = case
    try:
        bind_audit_context(**context)
        with audit_context(refresh_token=secret, note=f"password={secret}"):
            for output in ("structlog JSONRenderer", "stdlib AuditJsonFormatter", "structlog OTelAuditProcessor"):
                _holds(output, call, [*planted, secret])
    finally:
        clear_audit_context()


@pytest.mark.filterwarnings("ignore::Warning")
@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(calls=st.lists(hostile_calls(), min_size=25, max_size=25))
def test_sealed_files_verify_untouched(tmp_path_factory: pytest.TempPathFactory, calls: list[tuple[Call, Any]]) -> None:
    """Hostile calls sealed by structlog's and the stdlib's chained outputs: both files verify, line for line."""
    directory = tmp_path_factory.mktemp("sealed")
    structlog_file, stdlib_file = directory / "structlog.jsonl", directory / "stdlib.jsonl"
    with structlog_file.open("a", encoding="utf-8") as sink, stdlib_file.open("a", encoding="utf-8") as stdlib_sink:
        log = structlog.wrap_logger(
            structlog.WriteLogger(sink),
            processors=[
                structlog.processors.TimeStamper(fmt="iso"),
                AuditEventProcessor(),
                ChainedJSONRenderer(HmacChain(KEY)),
            ],
        )
        handler = logging.StreamHandler(stdlib_sink)
        handler.addFilter(AuditLogFilter())
        handler.setFormatter(AuditJsonFormatter(chain=HmacChain(KEY)))
        logger = logger_to("test.attack.sealed", handler)
        for call, _ in calls:
            extra = {"audit_event": "Interaction.SignIn.Submit"} if call.audit else {}
            log.info(call.message, **call.fields, **extra, **_exc_info(call))
            logger.info(call.message, extra={**call.fields, **extra}, exc_info=call.error)
    for path in (structlog_file, stdlib_file):
        assert verify([path], KEY) == (len(calls), None)
        assert path.read_text(encoding="utf-8").count("\n") == len(calls)


@pytest.mark.filterwarnings("ignore::Warning")
@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(calls=st.lists(hostile_calls(), min_size=25, max_size=25))
def test_every_record_is_delivered_or_counted(
    tmp_path_factory: pytest.TempPathFactory, calls: list[tuple[Call, Any]]
) -> None:
    """Hostile audit records through a chained spool and an export: all accounted for, all acknowledged."""
    spool = Spool(tmp_path_factory.mktemp("spool"), chain=HmacChain(KEY))
    exporter = InMemoryLogRecordExporter()  # type: ignore[no-untyped-call]
    provider = LoggerProvider()
    processor = DeliveryProcessor(exporter, spool=spool)
    provider.add_log_record_processor(processor)  # type: ignore[arg-type]
    log = structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[AuditEventProcessor(), OTelAuditProcessor(provider), structlog.processors.JSONRenderer()],
    )
    for call, _ in calls:
        log.info(call.message, **call.fields, audit_event="Interaction.SignIn.Submit", **_exc_info(call))
    provider.shutdown()
    stats = processor.delivery_stats()
    assert stats.emitted == len(calls)
    assert stats.exported + stats.dropped == stats.emitted
    assert stats.exported == len(exporter.get_finished_logs())
    assert stats.unspooled == 0
    assert spool.unacknowledged() == []
    assert verify(spool.files(), KEY)[1] is None


def _exc_info(call: Call) -> dict[str, object]:
    return {"exc_info": call.error} if call.error is not None else {}


def test_the_suite_drives_every_entry_point() -> None:
    """The outputs the issue names, each driven above."""
    names = " ".join(OUTPUTS)
    for entry in (
        "JSONRenderer",
        "KeyValueRenderer",
        "ConsoleRenderer",
        "ChainedJSONRenderer",
        "AuditJsonFormatter",
        "AuditOrjsonFormatter",
        "OTelAuditProcessor",
        "AuditOTelHandler",
        "audit_interaction",
    ):
        assert entry in names


def test_a_stream_output_writes_one_line_per_call() -> None:
    """The harness's one-line check is not vacuous: a line feed in a value is escaped, never written raw."""
    out = written("structlog KeyValueRenderer", Call("x\ny", {"note": "a\nb"}, audit=False))
    assert out.lines == [out.text]
    assert io.StringIO(out.text).read().count("\n") == 0
