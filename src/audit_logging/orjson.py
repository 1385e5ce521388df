"""``AuditJsonFormatter`` on python-json-logger's orjson backend (``pip install orjson``).

Importing this module without orjson installed raises python-json-logger's
own error, which says so.
"""

from __future__ import annotations

from pythonjsonlogger.orjson import OrjsonFormatter

from audit_logging.stdlib import AuditFields

__all__ = ["AuditOrjsonFormatter"]


class AuditOrjsonFormatter(AuditFields, OrjsonFormatter):  # type: ignore[misc]  # formatException returns a list with exc_info_as_array
    """:class:`~audit_logging.AuditJsonFormatter`, serialised by orjson: same options, same output."""
