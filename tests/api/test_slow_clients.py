"""What reaches the server over a raw socket: refusals before the body, and slow clients cut off.

* A POST without a key announcing a 49 MB body — or sending it chunked — is
  answered 401 before a byte of the body is sent, and the connection is
  closed: nothing is read, spooled or held.
* With a key, a ``Content-Length`` over the bound is 413 before the body.
* A client that sends its headers a byte at a time is disconnected after
  ``header_timeout_s``; one that stops in the middle of its body gets 408.
"""

from __future__ import annotations

import socket
import time

from api.settings import Settings
from tests.api.live import Live, live_server

BIG = 49 * 1024 * 1024


def connect(live: Live) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", live.port), timeout=10)
    sock.settimeout(10)
    return sock


def read_response(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def head(method: str, path: str, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_no_key_large_bodies_are_refused_before_any_body_is_sent(settings: Settings) -> None:
    """401 arrives while the 49 MB body has not been sent; the server closes the connection."""
    with live_server(settings) as live:
        for framing in ({"Content-Length": str(BIG)}, {"Transfer-Encoding": "chunked"}):
            sock = connect(live)
            sock.sendall(
                head(
                    "POST",
                    "/verifications",
                    {"Content-Type": "multipart/form-data; boundary=x", **framing},
                )
            )
            response = read_response(sock)  # no body sent at all: the answer comes anyway
            sock.close()
            assert response.startswith(b"HTTP/1.1 401"), response[:200]
            assert b"UNAUTHENTICATED" in response
            assert b"connection: close" in response.lower()
        assert list(live.app.state.runtime.blobs.tmp.iterdir()) == []


def test_a_body_over_the_bound_is_413_before_it_is_sent(settings: Settings) -> None:
    """With a valid key, Content-Length over the upload bound: 413 at once, nothing stored."""
    with live_server(settings) as live:
        sock = connect(live)
        sock.sendall(
            head(
                "POST",
                "/verifications",
                {
                    "Authorization": f"Bearer {live.key('reviewer')}",
                    "Content-Type": "multipart/form-data; boundary=x",
                    "Content-Length": str(BIG),
                },
            )
        )
        response = read_response(sock)
        sock.close()
        assert response.startswith(b"HTTP/1.1 413"), response[:200]
        assert "vượt quá giới hạn".encode() in response
        assert live.app.state.runtime.blobs.count() == 0


def test_headers_sent_a_byte_at_a_time_are_cut_off(settings: Settings) -> None:
    """Slowloris: the connection is closed after header_timeout_s although bytes keep coming."""
    with live_server(settings.model_copy(update={"header_timeout_s": 1.0})) as live:
        sock = connect(live)
        started = time.monotonic()
        closed = False
        for byte in b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 40:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            time.sleep(0.1)
            if time.monotonic() - started > 3:
                break
        if not closed:
            sock.settimeout(3)
            try:
                closed = sock.recv(1024) == b""
            except TimeoutError:
                closed = False  # still open, still waiting for the rest of the headers
            except OSError:
                closed = True  # reset by the server
        sock.close()
        assert closed, "the server kept a connection that never finished its headers"


def test_a_body_that_stops_half_way_gets_408(settings: Settings) -> None:
    """A client that pauses longer than body_idle_timeout_s mid-body: 408, connection closed."""
    with live_server(settings.model_copy(update={"body_idle_timeout_s": 1.0})) as live:
        sock = connect(live)
        sock.sendall(
            head(
                "POST",
                "/assessments/evaluate",
                {
                    "Authorization": f"Bearer {live.key('reviewer')}",
                    "Content-Type": "application/json",
                    "Content-Length": "1000",
                },
            )
            + b'{"catalog": '
        )
        response = read_response(sock)  # nothing more sent: the server gives up
        sock.close()
        assert response.startswith(b"HTTP/1.1 408"), response[:200]
        assert b"REQUEST_TIMEOUT" in response
