"""The FastAPI application factory.

``create_app`` wires the pieces and nothing else: settings (from the cached
``get_settings()`` unless a test passes its own), the runtime (database,
blobs, converter and verifier pools, job pool) started and stopped by the
lifespan, the body-size bound, the one error envelope, one router per
resource and the reviewers' page at ``/``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from api import (
    assessments,
    catalogs,
    dossiers,
    forms,
    health,
    keys_routes,
    labels,
    verifications,
)
from api.errors import install_error_handlers
from api.jobs import DossierRunner
from api.limits import BodyLimit
from api.runtime import Runtime
from api.settings import Settings, get_settings

STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None, *, runner: DossierRunner | None = None) -> FastAPI:
    settings = settings or get_settings()
    runtime = Runtime.build(settings, runner)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(runtime.start)
        try:
            yield
        finally:
            await run_in_threadpool(runtime.stop)

    app = FastAPI(
        title="hoso",
        description="Hồ sơ công nhận chuyển đổi số: bộ tiêu chí, biểu mẫu, kiểm tra chữ ký số.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    install_error_handlers(app)
    for module in (
        health,
        catalogs,
        assessments,
        forms,
        verifications,
        dossiers,
        keys_routes,
        labels,
    ):
        app.include_router(module.router)
    if STATIC_DIR.is_dir():
        app.mount("/", StaticFiles(directory=STATIC_DIR, html=True), name="static")
    return app
