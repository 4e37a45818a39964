"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import FastAPI

from api import health


def create_app() -> FastAPI:
    app = FastAPI(
        title="hoso",
        description="Hồ sơ công nhận chuyển đổi số: bộ tiêu chí, biểu mẫu, kiểm tra chữ ký số.",
        version="0.1.0",
    )
    app.include_router(health.router)
    return app
