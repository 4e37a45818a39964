"""A real server on loopback, in a thread of the test process (``api.server``'s own config).

The in-process ``TestClient`` cannot show what a socket shows: a request
refused before its body was sent, a connection closed on a slow client,
many requests truly at once. These tests run the app under uvicorn with the
service's own protocol class and timeouts, on 127.0.0.1 only.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

from api.app import create_app
from api.keys import create_key
from api.server import uvicorn_config
from api.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_healthy(base: str, why: Callable[[], str], timeout: float = 60) -> None:
    """Until ``/health`` answers 200; ``AssertionError(why())`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise AssertionError(why())


@dataclass
class Live:
    base: str
    port: int
    app: Any

    def key(self, role: str) -> str:
        with self.app.state.runtime.db.session() as session:
            return str(create_key(session, role).secret)


@contextmanager
def live_server(settings: Settings, **app_kwargs: Any) -> Iterator[Live]:
    app = create_app(settings, **app_kwargs)
    port = free_port()
    config = uvicorn_config(app, settings, "127.0.0.1", port)
    config.log_level = "warning"
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base, lambda: "the live server did not start")
    try:
        yield Live(base, port, app)
    finally:
        server.should_exit = True
        thread.join(60)
