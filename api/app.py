"""The FastAPI application factory.

``create_app`` wires the pieces and nothing else: settings (from the cached
``get_settings()`` unless a test passes its own), the runtime (database,
blobs, converter and verifier pools, job queue) started and stopped by the
lifespan, the middleware, the one error envelope, one router per resource,
``/docs`` served locally and the reviewers' page at ``/``.

Middleware, outermost first — each refuses as early and as cheaply as it can:

1. ``SecurityHeaders`` — CSP and friends on every answer, refusals included;
2. ``Admission`` — bounded concurrency per route class, 503 when full;
3. ``AuthenticateFirst`` — the key, from the headers, before any body is read;
4. ``BodyLimit`` — body size and pace bounded while it streams in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from api import (
    appraisals,
    assessments,
    catalogs,
    dossiers,
    forms,
    health,
    keys_routes,
    labels,
    signed_versions,
    verifications,
)
from api.access import STATIC_DIR, AuthenticateFirst
from api.admission import Admission, Gates
from api.docs import install_docs
from api.errors import install_error_handlers
from api.headers import SecurityHeaders
from api.jobs import DossierRunner
from api.limits import BodyLimit
from api.runtime import Runtime
from api.settings import Settings, get_settings

THREAD_HEADROOM = 8
"""Threads beyond the admitted requests: key checks, file closing, lifespan work."""


def create_app(settings: Settings | None = None, *, runner: DossierRunner | None = None) -> FastAPI:
    settings = settings or get_settings()
    runtime = Runtime.build(settings, runner)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Every admitted request may hold a thread: size the pool to the bounds.
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = max(
            limiter.total_tokens, sum(settings.request_slots.values()) + THREAD_HEADROOM
        )
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
        docs_url=None,
        redoc_url=None,
    )
    app.state.runtime = runtime
    app.add_middleware(
        BodyLimit,
        upload_bytes=settings.max_upload_bytes,
        json_bytes=settings.max_json_bytes,
        idle_timeout_s=settings.body_idle_timeout_s,
    )
    app.add_middleware(AuthenticateFirst, db=runtime.db)
    gates = Gates.from_settings(settings)
    app.state.admission = gates
    app.add_middleware(Admission, gates=gates)
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app)
    for module in (
        health,
        catalogs,
        assessments,
        forms,
        verifications,
        signed_versions,
        dossiers,
        keys_routes,
        labels,
        appraisals,
    ):
        app.include_router(module.router)
    install_docs(app)
    if STATIC_DIR.is_dir():
        app.mount("/", StaticFiles(directory=STATIC_DIR, html=True), name="static")
    return app
