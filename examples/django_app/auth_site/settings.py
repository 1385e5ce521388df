"""Settings of the example project: standard-library logging only, with the audit filter and formatter.

``LOGGING`` is all this library needs in a Django project: ``AuditLogFilter``
makes audit records of what the decorated views log (redacted, with the
request's context the middleware binds), ``AuditJsonFormatter`` writes one
JSON line each to stdout. ``audit_interaction`` finds no structlog
configuration and logs through the standard library's ``audit_logging``
logger, so that logger is routed here too.
"""

from __future__ import annotations

SECRET_KEY = "example-only-not-a-secret"  # an example project: read yours from the environment
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "auth_site.urls"
INSTALLED_APPS: list[str] = []
DATABASES: dict[str, object] = {}
USE_TZ = True
# A JSON API with no session or form: no CSRF middleware here. A site with forms keeps Django's.
MIDDLEWARE = ["auth_site.middleware.AuditContextMiddleware"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"audit": {"()": "audit_logging.AuditLogFilter"}},
    "formatters": {"json": {"()": "audit_logging.AuditJsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["audit"],
            "formatter": "json",
        }
    },
    "loggers": {
        "audit_logging": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "auth": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
