"""Bounded concurrency per route class: overload is answered 503, never with a stall.

Why: every request needs a thread of the server's thread pool and, most of
them, a database connection; a verification also needs one of the few
verifier processes, a PDF render one of the warm LibreOffices. Without a
bound, sixty clients take every pool at once, the slowest wait 30 s for a
connection and fail with 500, and ``/health`` waits with them. With a bound
per class, a class that is full makes its newcomers wait a little (at most
``queue_wait_s``, at most ``queue_depth`` of them) and then answers **503**
with ``Retry-After`` and the error envelope, while the other classes — and
``/health``, which is never bounded — go on.

The classes and their bounds are one table (``route_class`` and
``Gates.from_settings``); the database pool and the thread pool are
sized from the same numbers (``Settings.request_slots``), so a request that
was let in always finds a connection and a thread.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import envelope
from api.settings import Settings

UNBOUNDED = "health"
POLL_S = 0.05


def route_class(method: str, path: str) -> str:
    """The class a request belongs to, from its method and path alone (no body read)."""
    if path == "/health":
        return UNBOUNDED
    if method == "POST" and path.rstrip("/") == "/verifications":
        return "verify"
    if method == "POST" and path.rstrip("/") == "/dossiers":
        return "upload"
    if method == "POST" and path.startswith("/forms/") and path.endswith("/render"):
        return "render"
    if path.startswith("/dossiers/") and ("/render/" in path or path.endswith("/report")):
        return "render"
    return "read"


@dataclass
class ClassGate:
    """The slots of one class, its waiting room and a running estimate of its service time."""

    name: str
    limit: int
    depth: int
    wait_s: float
    active: int = 0
    waiting: int = 0
    mean_s: float = 1.0

    def retry_after(self) -> int:
        """Seconds until a slot is likely free: the queue ahead times the mean service time."""
        ahead = self.waiting + self.active
        return max(1, min(60, math.ceil(self.mean_s * ahead / self.limit)))

    def record(self, seconds: float) -> None:
        self.mean_s = 0.8 * self.mean_s + 0.2 * seconds


class Gates:
    """The gate of every bounded class (shared by the middleware and ``/health``)."""

    def __init__(self, limits: dict[str, int], depth: int, wait_s: float) -> None:
        self.by_class = {
            name: ClassGate(name, max(1, limit), depth, wait_s) for name, limit in limits.items()
        }

    @classmethod
    def from_settings(cls, settings: Settings) -> Gates:
        return cls(settings.request_slots, settings.queue_depth, settings.queue_wait_s)

    def snapshot(self) -> dict[str, dict[str, int]]:
        """Active and waiting requests per class."""
        return {
            name: {"active": g.active, "waiting": g.waiting, "limit": g.limit}
            for name, g in self.by_class.items()
        }


MESSAGES = {
    "verify": "Dịch vụ đang kiểm tra nhiều tệp cùng lúc",
    "render": "Dịch vụ đang tạo nhiều văn bản cùng lúc",
    "upload": "Dịch vụ đang nhận nhiều hồ sơ cùng lúc",
    "read": "Dịch vụ đang có nhiều yêu cầu cùng lúc",
}


class Admission:
    """Pure ASGI middleware: a request enters its class's slot or gets 503 at once."""

    def __init__(self, app: ASGIApp, gates: Gates) -> None:
        self.app = app
        self.gates = gates.by_class

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        name = route_class(scope["method"], scope["path"])
        gate = self.gates.get(name)
        if gate is None:
            await self.app(scope, receive, send)
            return
        if not await self._enter(gate):
            await self._refuse(gate, scope, receive, send)
            return
        started = time.monotonic()
        try:
            await self.app(scope, receive, send)
        finally:
            gate.active -= 1
            gate.record(time.monotonic() - started)

    async def _enter(self, gate: ClassGate) -> bool:
        """Take a slot, waiting at most ``wait_s`` when the waiting room has space.

        Plain counters on the event loop's one thread (no check-then-act race:
        nothing awaits between the test and the increment) and a short poll
        instead of a loop-bound semaphore, so one app can be served by
        several event loops in turn (tests do).
        """
        if gate.active < gate.limit:
            gate.active += 1
            return True
        if gate.waiting >= gate.depth:
            return False
        gate.waiting += 1
        try:
            deadline = time.monotonic() + gate.wait_s
            while time.monotonic() < deadline:
                await anyio.sleep(POLL_S)
                if gate.active < gate.limit:
                    gate.active += 1
                    return True
            return False
        finally:
            gate.waiting -= 1

    async def _refuse(self, gate: ClassGate, scope: Scope, receive: Receive, send: Send) -> None:
        seconds = gate.retry_after()
        response = envelope(
            "SERVICE_BUSY",
            f"{MESSAGES[gate.name]}; hãy thử lại sau khoảng {seconds} giây.",
            {"class": gate.name, "retry_after_s": seconds},
        )
        response.headers["Retry-After"] = str(seconds)
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            response.headers["Connection"] = "close"  # the unread body is not wanted
        await response(scope, receive, send)
