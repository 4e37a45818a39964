"""``/docs``: Swagger UI served from this machine, never from a CDN.

A provincial network is often cut off from the Internet; FastAPI's default
``/docs`` page loads Swagger UI from a CDN and shows nothing there. The
Swagger UI files come from the ``fastapi-offline`` package (which ships them
with the wheel; we use only its files, not its page), the page and its
start-up script from ``api/docs_ui`` — a separate script file because the
service's Content-Security-Policy allows no inline script.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

DOCS_UI = Path(__file__).resolve().parent / "docs_ui"


def swagger_assets() -> Path:
    return Path(str(files("fastapi_offline") / "static"))


def install_docs(app: FastAPI) -> None:
    """``/docs`` (the page), ``/docs/init.js`` and ``/docs/assets/*`` (Swagger UI's files)."""

    @app.get("/docs", include_in_schema=False)
    def docs_page() -> FileResponse:
        return FileResponse(DOCS_UI / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_script() -> FileResponse:
        return FileResponse(DOCS_UI / "init.js", media_type="text/javascript; charset=utf-8")

    app.mount("/docs/assets", StaticFiles(directory=swagger_assets()), name="docs-assets")
