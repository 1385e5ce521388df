"""Record identity: unique, sortable ids and per-process sequence numbers, also across threads and forks."""

from __future__ import annotations

import os
import threading
import uuid

import pytest

from audit_logging._identity import next_identity


def test_ids_are_uuid7_sortable_and_sequences_increase() -> None:
    """Ids have UUIDv7's layout and sort in the order they were made; sequences count up."""
    made = [next_identity() for _ in range(1000)]
    ids = [identity for identity, _ in made]
    assert all(uuid.UUID(identity).version == 7 for identity in ids)
    assert ids == sorted(ids)
    sequences = [sequence for _, sequence in made]
    assert sequences == list(range(sequences[0], sequences[0] + 1000))


def test_unique_across_threads() -> None:
    """Eight threads making ids at once never make the same one."""
    made: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        mine = [next_identity()[0] for _ in range(2000)]
        with lock:
            made.extend(mine)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(made)) == len(made) == 16_000


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is a POSIX feature")
def test_a_forked_child_starts_its_own_sequence() -> None:
    """A child process restarts at sequence 0 with another id prefix, so parent and child never collide."""
    parent_id, _ = next_identity()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        made_id, made_sequence = next_identity()
        os.write(write, f"{made_id} {made_sequence}".encode())
        os._exit(0)
    os.close(write)
    child_id, child_sequence = os.read(read, 100).decode().split()
    os.close(read)
    os.waitpid(pid, 0)
    assert child_sequence == "0"
    assert child_id[19:27] != parent_id[19:27]  # the random per-process bits
