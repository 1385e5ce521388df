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


def require_int(value: object, parameter: str, minimum: int) -> None:
    """Raise unless ``value`` is an int (a bool is not one, whatever Python says) of at least ``minimum``."""
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"`{parameter}` must be an int, not {type(value).__name__} {value!r}"
        raise TypeError(msg)
    if value < minimum:
        msg = f"`{parameter}` must be at least {minimum}, not {value}"
        raise ValueError(msg)


def require_number(value: object, parameter: str, minimum: float) -> None:
    """Raise unless ``value`` is an int or a float (not a bool, not NaN) of at least ``minimum``."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        msg = f"`{parameter}` must be a number, not {type(value).__name__} {value!r}"
        raise TypeError(msg)
    if not value >= minimum:  # NaN is not at least anything
        msg = f"`{parameter}` must be at least {minimum}, not {value}"
        raise ValueError(msg)


def require_url(value: object, parameter: str) -> str:
    """Raise ``ValueError`` unless ``value`` is an http(s) URL with a host (and a valid port, if any); return it."""
    from urllib.parse import urlsplit  # noqa: PLC0415 -- only where an endpoint is configured

    example = "'http://127.0.0.1:4318'"
    if not isinstance(value, str):
        msg = f"`{parameter}` must be a URL such as {example}, not {type(value).__name__} {value!r}"
        raise TypeError(msg)
    try:
        parts = urlsplit(value)
        port = parts.port  # raises for a port out of range or not a number
    except ValueError as error:
        msg = f"`{parameter}` must be a URL such as {example}, not {value!r} ({error})"
        raise ValueError(msg) from error
    problem = None
    if parts.scheme not in ("http", "https"):
        problem = "its scheme is not http or https"
    elif not parts.hostname:
        problem = "it has no host"
    elif any(char.isspace() for char in value):
        problem = "it has white space in it"
    elif port == 0:
        problem = "its port is 0"
    if problem is not None:
        msg = f"`{parameter}` must be a URL such as {example}, not {value!r}: {problem}"
        raise ValueError(msg)
    return value
