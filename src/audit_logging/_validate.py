"""Option checks at construction: every message names the parameter in backticks.

Arguments are taken as ``object`` on purpose: the annotations of the public
signatures say what is allowed, and these checks hold for callers without a
type checker.
"""

from __future__ import annotations


def require_type(value: object, expected: type | tuple[type, ...], parameter: str, description: str) -> None:
    """Raise ``TypeError`` unless ``value`` is an instance of ``expected``."""
    if not isinstance(value, expected):
        msg = f"`{parameter}` must be {description}, not {type(value).__name__} {value!r}"
        raise TypeError(msg)


def require_choice(value: object, choices: tuple[str, ...], parameter: str) -> None:
    """Raise ``ValueError`` unless ``value`` is one of ``choices``."""
    if value not in choices:
        listed = ", ".join(repr(choice) for choice in choices)
        msg = f"`{parameter}` must be one of {listed}, not {value!r}"
        raise ValueError(msg)


def require_callable(value: object, parameter: str, description: str) -> None:
    """Raise ``TypeError`` unless ``value`` is callable (or None, when the parameter is optional)."""
    if value is not None and not callable(value):
        msg = f"`{parameter}` must be {description}, not {type(value).__name__}"
        raise TypeError(msg)
