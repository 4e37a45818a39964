"""Request body bounds, enforced while the body streams in — never by buffering it first.

Two bounds, chosen by route class: uploads (``POST /verifications``,
``POST /dossiers``) may carry ``HOSO_MAX_UPLOAD_MB`` plus room for the
multipart boundaries and small fields; every other body is JSON and gets
``HOSO_MAX_JSON_KB`` (an assessment or a form's input is a few kilobytes; a
JSON body is held in memory while it is parsed, so its bound is small).

A ``Content-Length`` over the bound is refused at once, unread. A body
without one (chunked) is counted chunk by chunk as the application reads it;
the chunk that crosses the bound raises ``BodyTooLarge`` (an HTTP 413, so
FastAPI's body parsing lets it through to the error envelope) and nothing
more is read. A client that stops sending in the middle of a body gets 408
after ``HOSO_BODY_IDLE_TIMEOUT_S`` instead of holding the request forever.
Both refusals close the connection.
"""

from __future__ import annotations

import anyio
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.admission import route_class
from api.errors import envelope, too_large_message

MULTIPART_SLACK = 64 * 1024
"""Room for multipart boundaries and the small text fields next to the file."""

UPLOAD_CLASSES = frozenset({"verify", "upload"})


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=str(limit))
        self.limit = limit


class BodyTimeout(HTTPException):
    def __init__(self, seconds: float) -> None:
        super().__init__(status_code=408, detail=str(seconds))


class BodyLimit:
    def __init__(
        self, app: ASGIApp, *, upload_bytes: int, json_bytes: int, idle_timeout_s: float
    ) -> None:
        self.app = app
        self.upload_bytes = upload_bytes
        self.json_bytes = json_bytes
        self.idle_timeout_s = idle_timeout_s

    def limit_of(self, scope: Scope) -> int:
        if route_class(scope["method"], scope["path"]) in UPLOAD_CLASSES:
            return self.upload_bytes + MULTIPART_SLACK
        return self.json_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_of(scope)
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await refuse_too_large(limit, scope, receive, send)
            return
        received = 0
        complete = False
        idle = self.idle_timeout_s

        async def bounded_receive() -> Message:
            nonlocal received, complete
            if complete:  # after the body: waiting for a disconnect is not a slow client
                return await receive()
            try:
                with anyio.fail_after(idle):
                    message = await receive()
            except TimeoutError:
                raise BodyTimeout(idle) from None
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
            complete = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        await self.app(scope, bounded_receive, send)


async def refuse_too_large(limit: int, scope: Scope, receive: Receive, send: Send) -> None:
    response = envelope("UPLOAD_TOO_LARGE", too_large_message(limit), {"max_bytes": limit})
    response.headers["Connection"] = "close"
    await response(scope, receive, send)
