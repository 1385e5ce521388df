"""A mapping that fails when read: the one input the core cannot turn into a record."""

from __future__ import annotations

from collections.abc import Iterator, Mapping


class Exploding(Mapping[str, object]):
    """Reading it raises, as a lazy proxy over a closed resource might."""

    def __getitem__(self, key: str) -> object:
        raise RuntimeError(key)

    def __iter__(self) -> Iterator[str]:
        msg = "closed"
        raise RuntimeError(msg)

    def __len__(self) -> int:
        return 1
