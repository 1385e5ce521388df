"""Logto's Management API, as far as reading its audit logs needs it: a machine-to-machine token, and ``/api/logs``.

From logto-io/logto: ``packages/core/src/routes/log.ts`` (the routes),
``middleware/koa-pagination.ts`` (``page`` from 1, ``page_size`` at most 100,
the ``Total-Number`` header), ``queries/log.ts`` (newest first, counting
capped at 10,000 rows, then ``Total-Number-Is-Capped: true``), and the token
endpoint's client-credentials grant (HTTP Basic ``appId:appSecret``,
``resource``, ``scope=all``).

HTTP with urllib3 (the ``logto`` extra): its ``Retry`` retries connection
failures, timeouts, 429 (honouring ``Retry-After``) and 5xx with bounded
exponential backoff, which is exactly what a pull needs; nothing else here
is written by hand but the two calls. A failure is a :class:`LogtoError`
with one line that says what went wrong and never holds the secret.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any, Final

from audit_logging._validate import require_type, require_url

try:
    import urllib3
    from urllib3.util import Retry, Timeout
except ImportError as error:  # pragma: no cover -- the extra's own message
    msg = f"reading Logto's logs needs urllib3: pip install 'logto-audit-logging[logto]' ({error})"
    raise ImportError(msg) from error

__all__ = ["LogtoClient", "LogtoError", "LogtoLog", "Page", "default_resource"]

PAGE_SIZE_MAX: Final = 100
"""Logto's largest page (koa-pagination's maxPageSize)."""
_RENEW_BEFORE_S: Final = 30  # a token this close to its expiry is renewed before it is used


class LogtoError(Exception):
    """A call to Logto that failed for good: one line, naming what failed, never the secret."""


@dataclass(frozen=True, slots=True)
class LogtoLog:
    """One of Logto's logs: ``{id, key, payload, createdAt}`` (``createdAt`` in Unix milliseconds)."""

    id: str
    key: str
    payload: dict[str, Any]
    created_at: int

    @classmethod
    def from_json(cls, data: object) -> LogtoLog:
        """A log as ``/api/logs`` returns it; ``LogtoError`` when it is not one."""
        if not isinstance(data, dict):
            msg = f"Logto returned a log that is not an object: {type(data).__name__}"
            raise LogtoError(msg)
        log_id, key, payload, created = data.get("id"), data.get("key"), data.get("payload"), data.get("createdAt")
        if not isinstance(log_id, str) or not isinstance(created, int) or isinstance(created, bool):
            msg = "Logto returned a log without a string id and an integer createdAt"
            raise LogtoError(msg)
        return cls(log_id, key if isinstance(key, str) else "", payload if isinstance(payload, dict) else {}, created)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of ``/api/logs``: its logs (newest first), the window's total, and whether that total is capped."""

    logs: list[LogtoLog]
    total: int
    capped: bool


def default_resource(endpoint: str) -> str:
    """The Management API's resource indicator: ``https://<tenant>.logto.app/api`` on Logto Cloud, else the default."""
    host = urllib.parse.urlsplit(endpoint).hostname or ""
    if host.endswith(".logto.app") and host.count(".") == 2:  # noqa: PLR2004 -- <tenant>.logto.app
        return f"https://{host.split('.', 1)[0]}.logto.app/api"
    return "https://default.logto.app/api"


class LogtoClient:
    """A machine-to-machine client of one Logto tenant's Management API.

    ``endpoint``: Logto's base URL (``https://auth.example.com``, or
    ``https://<tenant>.logto.app``); ``app_id`` and ``app_secret``: a
    machine-to-machine application's, with a role that may read logs;
    ``resource``: the Management API's resource indicator (from the endpoint
    when ``None``). ``timeout`` (seconds) bounds each request; ``retries``
    and ``backoff_max`` (seconds) bound the retries of a failing one.
    """

    def __init__(  # noqa: PLR0913 -- keyword-only options, each documented
        self,
        endpoint: str,
        app_id: str,
        app_secret: str,
        *,
        resource: str | None = None,
        timeout: float = 10.0,
        retries: int = 6,
        backoff_max: float = 30.0,
    ) -> None:
        require_url(endpoint, "endpoint")
        for name, value in (("app_id", app_id), ("app_secret", app_secret)):
            require_type(value, str, name, "a str")
            if not value:
                msg = f"`{name}` must not be empty"
                raise ValueError(msg)
        self.endpoint = endpoint.rstrip("/")
        self.resource = resource or default_resource(endpoint)
        self._basic = base64.b64encode(f"{app_id}:{app_secret}".encode()).decode()
        retry = Retry(
            total=retries,
            connect=min(retries, 3),  # a refused connection seldom heals within seconds: fail sooner on it
            backoff_factor=0.2,
            backoff_max=backoff_max,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=None,  # the token POST is safe to repeat: it only issues a token
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        self._http = urllib3.PoolManager(retries=retry, timeout=Timeout(connect=timeout, read=timeout))
        self._token: tuple[str, float] | None = None  # the access token and when it expires (monotonic seconds)

    def __repr__(self) -> str:
        return f"LogtoClient({self.endpoint!r}, resource={self.resource!r})"

    def _request(self, method: str, url: str, **options: Any) -> urllib3.BaseHTTPResponse:  # noqa: ANN401 -- urllib3's
        try:
            return self._http.request(method, url, **options)
        except urllib3.exceptions.HTTPError as error:
            reason = getattr(error, "reason", None) or error
            msg = f"cannot reach Logto at {self.endpoint}: {type(reason).__name__}"
            raise LogtoError(msg) from None

    def token(self, *, renew: bool = False) -> str:
        """An access token for the Management API (cached until shortly before it expires)."""
        if not renew and self._token is not None and time.monotonic() < self._token[1]:
            return self._token[0]
        response = self._request(
            "POST",
            f"{self.endpoint}/oidc/token",
            body=urllib.parse.urlencode(
                {"grant_type": "client_credentials", "resource": self.resource, "scope": "all"}
            ),
            headers={"Authorization": f"Basic {self._basic}", "Content-Type": "application/x-www-form-urlencoded"},
        )
        if response.status != 200:  # noqa: PLR2004 -- HTTP OK
            hint = "check --app-id and the secret" if response.status in {400, 401} else "check --endpoint"
            msg = f"Logto refused a token at {self.endpoint}/oidc/token: HTTP {response.status} ({hint})"
            raise LogtoError(msg)
        data = _json(response, "the token endpoint")
        token, expires_in = data.get("access_token"), data.get("expires_in", 3600)
        if not isinstance(token, str) or not isinstance(expires_in, int | float):
            msg = "Logto's token endpoint answered without an access_token"
            raise LogtoError(msg)
        self._token = (token, time.monotonic() + max(0.0, float(expires_in) - _RENEW_BEFORE_S))
        return token

    def get(self, path: str, query: dict[str, object]) -> urllib3.BaseHTTPResponse:
        """``GET`` a Management API path; an expired token is renewed once on 401."""
        url = f"{self.endpoint}{path}?{urllib.parse.urlencode(query)}"
        for renew in (False, True):
            response = self._request("GET", url, headers={"Authorization": f"Bearer {self.token(renew=renew)}"})
            if response.status != 401:  # noqa: PLR2004 -- HTTP Unauthorized
                break
        if response.status != 200:  # noqa: PLR2004 -- HTTP OK
            msg = f"Logto answered GET {path} with HTTP {response.status}"
            raise LogtoError(msg)
        return response

    def page(self, start_ms: int, end_ms: int, page: int, page_size: int = PAGE_SIZE_MAX) -> Page:
        """One page of the logs created from ``start_ms`` to ``end_ms`` (both inclusive), newest first."""
        response = self.get(
            "/api/logs", {"page": page, "page_size": page_size, "start_time": start_ms, "end_time": end_ms}
        )
        data = _json(response, "/api/logs")
        if not isinstance(data, list):
            msg = "Logto's /api/logs answered with something other than a list"
            raise LogtoError(msg)
        total = response.headers.get("Total-Number")
        capped = (response.headers.get("Total-Number-Is-Capped") or "").lower() == "true"
        logs = [LogtoLog.from_json(item) for item in data]
        return Page(logs, int(total) if total and total.isdigit() else len(logs), capped)


def _json(response: urllib3.BaseHTTPResponse, what: str) -> Any:  # noqa: ANN401 -- JSON
    try:
        return json.loads(response.data)
    except ValueError:
        msg = f"Logto's {what} answered with something that is not JSON"
        raise LogtoError(msg) from None
