"""A Logto server for the tests, on 127.0.0.1: the Management API's log routes and token endpoint, with faults.

Written from logto-io/logto's sources: ``packages/core/src/routes/log.ts``
(``GET /api/logs`` with ``page``, ``page_size``, ``start_time``/``end_time``
in Unix ms inclusive, ``userId``, ``applicationId``, ``logKey``;
``GET /api/logs/:id``, 404 when missing), ``middleware/koa-pagination.ts``
(``page`` from 1, ``page_size`` default 20 and at most 100, the
``Total-Number`` and ``Link`` headers), ``queries/log.ts`` (newest first;
counting capped at 10,000 rows, then ``Total-Number-Is-Capped: true``), and
``POST /oidc/token`` with the client-credentials grant (HTTP Basic,
``resource``, ``scope=all``; the token expires).

Faults are injected per request, by path: ``fail(path, statuses)`` answers
the next requests with those statuses (429 carries ``Retry-After``), and
``slow(path, seconds)`` delays the next one. ``on_page`` is called before a
page is answered, with the query, so that a test can write logs while a pull
runs.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import urllib.parse
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

APP_ID = "m2m-test-app"
APP_SECRET = "m2m-test-secret-Zx81"  # a test's own, in no output: the tests look for it
RESOURCE = "https://default.logto.app/api"
COUNT_CAP = 10_000


def pull_arguments(endpoint: str, state: object, *extra: str) -> list[str]:
    """``audit-logging``'s arguments for a pull from ``endpoint`` with the test app's id and the state file."""
    return ["logto", "pull", "--endpoint", endpoint, "--app-id", APP_ID, "--state", str(state), *extra]


def log(log_id: str, key: str, created_at: int, **payload: Any) -> dict[str, Any]:  # noqa: ANN401 -- JSON
    """One log as Logto keeps it."""
    return {"id": log_id, "key": key, "payload": {"key": key, "result": "Success", **payload}, "createdAt": created_at}


class LogtoServer:
    """The server, its logs (newest first, as a query orders them), its tokens and its faults."""

    def __init__(self, logs: list[dict[str, Any]] | None = None, *, token_seconds: float = 3600.0) -> None:
        self.logs: list[dict[str, Any]] = list(logs or [])
        self.lock = threading.Lock()
        self.token_seconds = token_seconds
        self.tokens: dict[str, float] = {}
        self.faults: dict[str, list[int]] = defaultdict(list)
        self.delays: dict[str, list[float]] = defaultdict(list)
        self.raw: dict[str, list[bytes]] = defaultdict(list)  # the next answers of a path: 200 with this body
        self.requests: list[str] = []
        self.on_page: Callable[[dict[str, int]], None] | None = None
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> LogtoServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add(self, *logs: dict[str, Any]) -> None:
        with self.lock:
            self.logs.extend(logs)

    def fail(self, path: str, *statuses: int) -> None:
        self.faults[path].extend(statuses)

    def slow(self, path: str, seconds: float) -> None:
        self.delays[path].append(seconds)

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens = dict.fromkeys(self.tokens, 0.0)

    def query(self, start: int | None, end: int | None) -> list[dict[str, Any]]:
        """The logs a query's time range selects, newest first (ties by id, so that paging is stable)."""
        with self.lock:
            chosen = [
                entry
                for entry in self.logs
                if (start is None or entry["createdAt"] >= start) and (end is None or entry["createdAt"] <= end)
            ]
        return sorted(chosen, key=lambda entry: (entry["createdAt"], entry["id"]), reverse=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:  # noqa: C901 -- one class, the routes of its server
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002, ANN401 -- http.server's
                del format, args

            def _answer(self, status: int, body: object, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _fault(self, path: str) -> bool:
                server.requests.append(path)
                delays = server.delays.get(path)
                if delays:
                    time.sleep(delays.pop(0))
                raw = server.raw.get(path)
                if raw:
                    body = raw.pop(0)
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return True
                faults = server.faults.get(path)
                if faults:
                    status = faults.pop(0)
                    self._answer(status, {"message": "injected"}, {"Retry-After": "1"} if status == 429 else {})
                    return True
                return False

            def do_POST(self) -> None:
                if self._fault("/oidc/token"):
                    return
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                expected = base64.b64encode(f"{APP_ID}:{APP_SECRET}".encode()).decode()
                if self.path != "/oidc/token":
                    self._answer(404, {"code": "route.not_found"})
                    return
                if self.headers.get("Authorization") != f"Basic {expected}":
                    self._answer(401, {"error": "invalid_client"})
                    return
                if form.get("grant_type") != ["client_credentials"] or form.get("resource") != [RESOURCE]:
                    self._answer(400, {"error": "invalid_target"})
                    return
                token = secrets.token_hex(8)
                with server.lock:
                    server.tokens[token] = time.monotonic() + server.token_seconds
                self._answer(200, {"access_token": token, "expires_in": int(server.token_seconds), "scope": "all"})

            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                route = "/api/logs" if url.path == "/api/logs" else url.path
                if self._fault(route):
                    return
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                with server.lock:
                    valid = server.tokens.get(token, 0.0) > time.monotonic()
                if not valid:
                    self._answer(401, {"code": "auth.unauthorized"})
                    return
                if url.path.startswith("/api/logs/"):
                    wanted = url.path.removeprefix("/api/logs/")
                    found = [entry for entry in server.query(None, None) if entry["id"] == wanted]
                    self._answer(200, found[0]) if found else self._answer(404, {"code": "entity.not_found"})
                    return
                if url.path != "/api/logs":
                    self._answer(404, {"code": "route.not_found"})
                    return
                self._logs(urllib.parse.parse_qs(url.query))

            def _logs(self, query: dict[str, list[str]]) -> None:
                def number(name: str, default: int | None) -> int | None:
                    return int(query[name][0]) if name in query else default

                page, size = number("page", 1) or 1, min(number("page_size", 20) or 20, 100)
                start, end = number("start_time", None), number("end_time", None)
                if server.on_page is not None:
                    server.on_page({"page": page, "start": start or 0, "end": end or 0})
                chosen = server.query(start, end)
                total = min(len(chosen), COUNT_CAP)
                headers = {"Total-Number": str(total)}
                if len(chosen) > COUNT_CAP:
                    headers["Total-Number-Is-Capped"] = "true"
                headers["Link"] = f'<{self.path}>; rel="first"'
                self._answer(200, chosen[(page - 1) * size : page * size], headers)

        return Handler
