"""Security headers on every response (pure ASGI middleware).

* ``Content-Security-Policy``: scripts, styles, images and requests only from
  this origin, no inline script or style anywhere (the page and ``/docs``
  load theirs from files), no framing (``frame-ancestors 'none'``), no
  plugins, no ``<base>`` rewriting. A route that serves a document which
  needs another policy (the downloadable HTML report carries its own inline
  stylesheet) sets its own header, and this middleware leaves it alone.
* ``X-Content-Type-Options: nosniff``: a stored PDF is never run as a page.
* ``X-Frame-Options: DENY`` for browsers that predate ``frame-ancestors``.
* ``Referrer-Policy: no-referrer``: job ids in URLs never leave the site.
* ``Cache-Control: no-store`` on API answers (reports, keys): shared
  machines in a commune office must not keep them in a browser cache; the
  page's own files stay cacheable.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; frame-src 'self' blob:; object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""The service's policy (``img-src data:``: Swagger UI draws its icons as data: SVG;
``frame-src blob:``: the appraisers' page shows an evidence PDF it fetched with the key;
``img-src blob:``: the reviewers' page shows the difference pictures it fetched with the key)."""

REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
"""The downloadable HTML report: its own inline stylesheet, and nothing that runs."""

FIXED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}

CACHEABLE_SUFFIXES = (".js", ".css", ".png", ".svg", ".ico", ".html")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        cacheable = path == "/" or path.endswith(CACHEABLE_SUFFIXES)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                for name, value in FIXED.items():
                    headers.setdefault(name, value)
                if not cacheable:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, with_headers)
