"""Running the app under uvicorn with bounds for slow and idle clients.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive``,
but a connection that sends its request line or headers a byte at a time
("slowloris") is never timed out: each one holds a socket and a slot of
``limit_concurrency`` forever. ``GuardedH11Protocol`` adds the missing
timer: from the moment a connection opens, and again after each response,
the client has ``HOSO_HEADER_TIMEOUT_S`` to complete its next request's
headers, or the connection is closed. Bodies sent too slowly are bounded by
``api.limits`` (408), headers too large by h11 itself (431 at 16 KiB), and
the number of open connections by ``HOSO_MAX_CONNECTIONS`` (503).
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from api.settings import Settings


class GuardedH11Protocol(H11Protocol):
    header_timeout_s = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._disarm_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        """Still no complete request head: the client is too slow (or hostile)."""
        self._header_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return
        self.logger.info("closing a connection that sent no complete request in time")
        self.transport.close()


def protocol_class(settings: Settings) -> type[GuardedH11Protocol]:
    return type(
        "HosoH11Protocol", (GuardedH11Protocol,), {"header_timeout_s": settings.header_timeout_s}
    )


def uvicorn_config(app: Any, settings: Settings, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol_class(settings),
        log_level="info",
        timeout_keep_alive=settings.keep_alive_s,
        limit_concurrency=settings.max_connections,
        timeout_graceful_shutdown=30,
    )


SWITCH_INTERVAL_S = 0.001
"""How long a thread may hold the GIL when others wait (Python's default: 5 ms)."""


def serve(app: Any, settings: Settings, host: str, port: int) -> None:
    # Request threads doing Python work (ORM rows, JSON) hold the GIL in 5 ms turns by
    # default; with thirty of them busy the event loop — which answers /health and
    # parses uploads — waits its turn behind all of them. Shorter turns keep it
    # responsive under load at a small cost in throughput.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    uvicorn.Server(uvicorn_config(app, settings, host, port)).run()
