"""Request body bound, enforced before FastAPI parses anything.

Starlette spools a multipart upload to disk while parsing it, before any
route code runs; checking the size in the route would be too late (the bytes
would already be on disk). This pure ASGI middleware refuses a body whose
``Content-Length`` is over the bound at once, and for a body without a length
(chunked) reads it up to the bound and refuses it as soon as it goes over:
413 with the envelope, nothing parsed, nothing stored.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import envelope

MULTIPART_SLACK = 64 * 1024
"""Room for multipart boundaries and the small text fields next to the file."""


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes + MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if headers.get(b"transfer-encoding", b"").lower() != b"chunked":
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            if message["type"] != "http.request" or not message.get("more_body"):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_mb = (self.max_bytes - MULTIPART_SLACK) / (1024 * 1024)
        response = envelope(
            "UPLOAD_TOO_LARGE",
            f"Dữ liệu gửi lên vượt quá giới hạn {limit_mb:g} MB; không có gì được lưu.",
            {"max_bytes": self.max_bytes - MULTIPART_SLACK},
        )
        response.headers["Connection"] = "close"
        await response(scope, receive, send)
