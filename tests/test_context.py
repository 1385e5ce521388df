"""Request context on contextvars: binding, names, and isolation between threads and tasks."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from typing import TYPE_CHECKING

import pytest
import structlog

from audit_logging import (
    AuditEventProcessor,
    audit_context,
    bind_audit_context,
    clear_audit_context,
    get_audit_context,
    unbind_audit_context,
)
from audit_logging.testing import capture_audit_events

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Generator


class TestBinding:
    def test_names_map_to_output_fields(self) -> None:
        """Known names become OpenTelemetry/audit fields, any other name x becomes audit.x."""
        bind_audit_context(
            user_id="u",
            session_id="s",
            client_address="203.0.113.9",
            user_agent="ua",
            application_id="app",
            interaction_id="i",
            interaction_event="SignIn",
            tenant="t",
        )
        assert get_audit_context() == {
            "user.id": "u",
            "session.id": "s",
            "client.address": "203.0.113.9",
            "user_agent.original": "ua",
            "audit.application.id": "app",
            "audit.interaction.id": "i",
            "audit.interaction.event": "SignIn",
            "audit.tenant": "t",
        }

    def test_logto_camel_case_names_map_too(self) -> None:
        """Logto's own payload names (userId, applicationId, ip, userAgent) map to the same fields."""
        bind_audit_context(userId="u", applicationId="a", ip="::1", userAgent="ua")
        assert get_audit_context() == {
            "user.id": "u",
            "audit.application.id": "a",
            "client.address": "::1",
            "user_agent.original": "ua",
        }

    def test_bind_adds_and_overrides(self) -> None:
        """A later binding adds fields and replaces the same ones."""
        bind_audit_context(user_id="u1", session_id="s")
        bind_audit_context(user_id="u2")
        assert get_audit_context() == {"user.id": "u2", "session.id": "s"}

    def test_unbind_by_either_name(self) -> None:
        """unbind takes the bound name or the output name."""
        bind_audit_context(user_id="u", session_id="s", tenant="t")
        unbind_audit_context("user_id", "audit.tenant")
        assert get_audit_context() == {"session.id": "s"}

    def test_clear(self) -> None:
        """clear removes everything."""
        bind_audit_context(user_id="u")
        clear_audit_context()
        assert get_audit_context() == {}

    def test_audit_context_restores_what_was_bound_before(self) -> None:
        """The with-block's fields go away after it, and earlier fields come back, even on an exception."""
        bind_audit_context(user_id="outer")
        try:
            with audit_context(user_id="inner", session_id="s"):
                assert get_audit_context() == {"user.id": "inner", "session.id": "s"}
                raise RuntimeError  # noqa: TRY301 -- leaving the block by an exception is the case under test
        except RuntimeError:
            pass
        assert get_audit_context() == {"user.id": "outer"}

    def test_get_returns_a_copy(self) -> None:
        """Changing what get_audit_context returned changes nothing bound."""
        bind_audit_context(user_id="u")
        get_audit_context()["user.id"] = "changed"
        assert get_audit_context() == {"user.id": "u"}


def _log() -> structlog.typing.FilteringBoundLogger:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            AuditEventProcessor(),
            structlog.processors.JSONRenderer(),
        ],
        logger_factory=structlog.ReturnLoggerFactory(),
    )
    log: structlog.typing.FilteringBoundLogger = structlog.get_logger()
    return log


TASKS, THREADS, ROUNDS = 200, 8, 25


async def _task(log: structlog.typing.FilteringBoundLogger, number: int) -> None:
    # Half bind with this library, half with structlog's contextvars: both must stay apart.
    if number % 2:
        bind_audit_context(user_id=f"task-{number}", session_id=f"task-s{number}")
    else:
        structlog.contextvars.bind_contextvars(user_id=f"task-{number}", session_id=f"task-s{number}")
    for _ in range(3):
        await asyncio.sleep(0)  # let the other tasks run in between
        log.info("signed in", audit_event="Interaction.SignIn.Submit", who=f"task-{number}")


async def _all_tasks(log: structlog.typing.FilteringBoundLogger) -> None:
    await asyncio.gather(*(_task(log, i) for i in range(TASKS)))


def _thread(log: structlog.typing.FilteringBoundLogger, number: int, start: threading.Barrier) -> None:
    start.wait()
    for round_ in range(ROUNDS):
        with audit_context(user_id=f"thread-{number}", session_id=f"thread-s{number}"):
            log.info("signed in", audit_event="Interaction.SignIn.Submit", who=f"thread-{number}")
        if round_ % 5 == 0:
            threading.Event().wait(0.001)  # let the other threads run in between


class TestIsolation:
    def test_200_tasks_and_8_threads_never_see_each_others_context(self) -> None:
        """Each task and thread binds its own user and session; every record carries its own pair only."""
        log = _log()
        with capture_audit_events() as records:
            start = threading.Barrier(THREADS + 1)
            workers = [threading.Thread(target=_thread, args=(log, i, start)) for i in range(THREADS)]
            for worker in workers:
                worker.start()
            start.wait()
            asyncio.run(_all_tasks(log))
            for worker in workers:
                worker.join()

        assert len(records) == TASKS * 3 + THREADS * ROUNDS
        for record in records:
            who = str(record["who"])
            assert record["user.id"] == who
            assert record["session.id"] == who.replace("-", "-s")
        assert get_audit_context() == {}


class TestScopesAcrossContexts:
    """Issue 14, item 6: a scope ends by name in whatever context it ends in, as structlog's bound_contextvars."""

    def test_an_async_generator_stepped_from_other_tasks(self) -> None:
        async def steps() -> AsyncGenerator[dict[str, object], None]:
            with audit_context(user_id="u-gen"):
                yield get_audit_context()
                yield get_audit_context()

        async def main() -> tuple[list[dict[str, object]], dict[str, object]]:
            generator = steps()

            async def step() -> dict[str, object]:
                return await anext(generator)

            seen = [await asyncio.create_task(step()), await asyncio.create_task(step())]
            with pytest.raises(StopAsyncIteration):  # the scope ends in a third task: no ValueError from a token
                await asyncio.create_task(step())
            return seen, get_audit_context()

        seen, after = asyncio.run(main())
        # Each task runs in a copy of main's context, as contextvars do (structlog's bound_contextvars alike): the
        # binding made in the first task's copy is not in the second's. What must hold: no exception, and nothing
        # left bound where the generator was driven from.
        assert seen[0] == {"user.id": "u-gen"}
        assert after == {}

    def test_a_generator_closed_from_another_context_takes_its_binding_with_it(self) -> None:
        def steps() -> Generator[None, None, None]:
            with audit_context(user_id="u-gen"):
                yield

        generator = steps()
        other = contextvars.copy_context()
        other.run(next, generator)  # suspended inside the scope, in the other context
        bind_audit_context(session_id="s-mine")
        generator.close()  # here: the scope ends in this context
        assert get_audit_context() == {"session.id": "s-mine"}
        assert other.run(get_audit_context) == {"user.id": "u-gen"}  # never ended there
        clear_audit_context()

    def test_a_scope_gives_back_what_its_names_had(self) -> None:
        with audit_context(user_id="outer"):
            with audit_context(user_id="inner", session_id="s"):
                assert get_audit_context() == {"user.id": "inner", "session.id": "s"}
            assert get_audit_context() == {"user.id": "outer"}
        assert get_audit_context() == {}


def test_a_bound_value_is_read_when_the_record_is_made() -> None:
    """As structlog reads its contextvars: a list bound, then changed, shows the change in the next record."""
    roles = ["user"]
    bind_audit_context(roles=roles)
    processor = AuditEventProcessor()
    first = processor(None, "info", {"event": "x", "audit_event": "Interaction.SignIn.Submit"})
    roles.append("admin")
    second = processor(None, "info", {"event": "x", "audit_event": "Interaction.SignIn.Submit"})
    clear_audit_context()
    assert first["audit.roles"] == ["user"]
    assert second["audit.roles"] == ["user", "admin"]
