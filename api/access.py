"""What is open without a key — in one place — and the key check made before any body is read.

Open (no key), and why:

* ``/health`` — load balancers and operators must see whether the service
  can work without holding a key; it tells nothing about anyone's files.
* the reviewers' page (``/`` and its files under ``api/static``) and the
  appraisers' page (``/tham-dinh/``, ``api/static/tham-dinh``) — each page
  asks for the key itself; they hold no data.
* ``/labels`` — the Vietnamese words of report codes (``verify.labels``); the
  page needs them before a key is typed, and they are the same for everyone.
* ``/docs`` (with its assets) and ``/openapi.json`` — the description of the
  API: an integrator reads it before being given a key, and Swagger UI loads
  ``/openapi.json`` without one. It describes routes, never data.

Everything else needs ``Authorization: Bearer KEY``, and the key is checked
here, from the headers alone, **before the application reads the body**:
FastAPI parses a request's form or JSON body before it resolves the route's
dependencies, so a check in a dependency would come after a 50 MB upload was
already spooled to disk. A request without a valid key gets 401 at once and
its connection is closed, so an unread body is not even drained. The key
found is handed to the route in the request's state (``auth.current_key``);
what the key's *role* may do is still decided per route (``auth.PERMISSIONS``).
"""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from api.db import Database
from api.db.models import ApiKey
from api.errors import Unauthenticated, envelope
from api.keys import find_active

STATIC_DIR = Path(__file__).resolve().parent / "static"

OPEN_PATHS = frozenset({"/health", "/labels", "/openapi.json", "/docs", "/", "/index.html"})
OPEN_PREFIXES = ("/docs/", "/tham-dinh")
STATE_KEY = "api_key"


def page_files() -> frozenset[str]:
    """The reviewers' page's own files, served at the site root."""
    if not STATIC_DIR.is_dir():
        return frozenset()
    return frozenset("/" + p.name for p in STATIC_DIR.iterdir() if p.is_file())


def is_open(path: str, page: frozenset[str]) -> bool:
    return path in OPEN_PATHS or path in page or path.startswith(OPEN_PREFIXES)


def key_from_header(db: Database, authorization: str | None) -> ApiKey:
    """The active key named by an ``Authorization`` header; ``Unauthenticated`` otherwise."""
    scheme, _, secret = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthenticated("Thiếu khóa API: gửi tiêu đề 'Authorization: Bearer KHÓA'.")
    with db.session() as session:
        key = find_active(session, secret.strip())
    if key is None:
        raise Unauthenticated("Khóa API không đúng hoặc đã bị thu hồi.")
    return key


class AuthenticateFirst:
    """Pure ASGI middleware: no valid key, no body read (401, connection closed)."""

    def __init__(self, app: ASGIApp, db: Database) -> None:
        self.app = app
        self.db = db
        self.page = page_files()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_open(scope["path"], self.page):
            await self.app(scope, receive, send)
            return
        header = Headers(scope=scope).get("authorization")
        try:
            key = await run_in_threadpool(key_from_header, self.db, header)
        except Unauthenticated as exc:
            response = envelope(exc.code, exc.message)
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})[STATE_KEY] = key
        await self.app(scope, receive, send)
