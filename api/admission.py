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

import asyncio
import contextlib
import math
import time
from collections import deque
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import envelope
from api.settings import Settings

UNBOUNDED = "health"


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
    """The slots of one class, its waiting room (first come, first served) and a running
    estimate of its service time."""

    name: str
    limit: int
    depth: int
    wait_s: float
    active: int = 0
    mean_s: float = 1.0
    queue: deque[asyncio.Future[None]] = field(default_factory=deque)

    @property
    def waiting(self) -> int:
        return len(self.queue)

    def release(self) -> None:
        """Hand the freed slot to the first request still waiting, or give it back."""
        while self.queue:
            waiter = self.queue.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the slot passes on: ``active`` stays the same
                return
        self.active -= 1

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
            gate.release()
            gate.record(time.monotonic() - started)

    async def _enter(self, gate: ClassGate) -> bool:
        """Take a slot, waiting at most ``wait_s`` in line when the waiting room has space.

        Everything runs on the event loop's one thread, so nothing happens
        between a test and the change it leads to. A waiter is a future made
        on the running loop when it starts waiting (nothing loop-bound is kept
        between requests, so one app may be served by several loops in turn,
        as tests do); a finishing request hands its slot to the first waiter.
        """
        if gate.active < gate.limit and not gate.queue:
            gate.active += 1
            return True
        if len(gate.queue) >= gate.depth:
            return False
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        gate.queue.append(waiter)
        try:
            done, _ = await asyncio.wait({waiter}, timeout=gate.wait_s)
        except BaseException:  # the client went away while waiting
            self._leave(gate, waiter)
            raise
        if waiter in done:
            return True
        self._leave(gate, waiter)
        return False

    @staticmethod
    def _leave(gate: ClassGate, waiter: asyncio.Future[None]) -> None:
        """Stop waiting; a slot handed over in the meantime is passed on."""
        if waiter.done() and not waiter.cancelled():
            gate.release()
            return
        waiter.cancel()
        with contextlib.suppress(ValueError):
            gate.queue.remove(waiter)

    async def _refuse(self, gate: ClassGate, scope: Scope, receive: Receive, send: Send) -> None:
        seconds = gate.retry_after()
        response = envelope(
            "SERVICE_BUSY",
            f"{MESSAGES[gate.name]}; hãy thử lại sau khoảng {seconds} giây.",
            {"class": gate.name, "retry_after_s": seconds},
        )
        response.headers["Retry-After"] = str(seconds)
        # The connection stays open: the server discards the unread body and the
        # client reads its 503. Closing with a body still arriving would reset the
        # connection, and a busy client would see a network error, not when to retry.
        await response(scope, receive, send)
