"""Hostile inputs for the tests: objects whose own methods raise, and texts every output must survive."""

from __future__ import annotations

from typing import NoReturn


class BadStr:
    """An object whose __str__ raises."""

    def __str__(self) -> str:
        raise RuntimeError("str")

    def __repr__(self) -> str:
        return "BadStr()"


class BadRepr:
    """An object whose __repr__ raises (what a JSON renderer's fallback calls)."""

    def __str__(self) -> str:
        return "bad repr"

    def __repr__(self) -> str:
        raise RuntimeError("repr")


class BadHash:
    """A message whose __hash__ raises something other than TypeError (what the key lookup meets)."""

    def __hash__(self) -> int:
        raise RuntimeError("hash")

    def __str__(self) -> str:
        return "bad hash"


class BadEq:
    """An object whose __eq__ raises, hashable so that it can meet a comparison in a lookup."""

    def __eq__(self, other: object) -> NoReturn:
        raise RuntimeError("eq")

    def __hash__(self) -> int:
        return hash("Interaction.SignIn.Submit")  # collides with a key: a lookup must compare

    def __str__(self) -> str:
        return "bad eq"


class BadIterList(list[object]):
    """A list whose iteration raises, as a lazy sequence over a closed resource might."""

    def __iter__(self) -> NoReturn:
        raise RuntimeError("iter")

    def __repr__(self) -> str:  # list's own would iterate (hypothesis's printer does)
        return "BadIterList()"


class BadIter:
    """An object that says it is iterable and is not."""

    def __iter__(self) -> NoReturn:
        raise RuntimeError("iter")

    def __str__(self) -> str:
        return "bad iter"


def fault(*_args: object) -> NoReturn:
    """A fault inside the library, where no input can reach any more (patched over a method of the core)."""
    msg = "closed"
    raise RuntimeError(msg)


# Every character str.splitlines() breaks a line at: a writer that left one raw would split a record.
LINE_BREAKERS = ("\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
