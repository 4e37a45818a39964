"""``hoso serve``: run the HTTP service."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.main import app


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Địa chỉ lắng nghe")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Cổng")] = 8000,
) -> None:
    """Chạy dịch vụ hoso (mặc định http://127.0.0.1:8000)."""
    import uvicorn

    from api.app import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info")
