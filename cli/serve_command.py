"""``hoso serve``: run the HTTP service.

Before serving: the database is migrated to head and, when no active admin
key exists (a fresh machine's first ``make run``), one is created and printed
— the only way in for the first administrator. The app's lifespan then starts
the job queue (resuming interrupted dossier jobs; with PostgreSQL, an
embedded procrastinate worker unless ``HOSO_WORKERS=0``) and the warm
converter, and stops them on SIGINT/SIGTERM (uvicorn's graceful shutdown).
Slow clients are bounded by ``api.server``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli.main import app


def ensure_admin_key() -> str | None:
    """Create and return an admin key when the database has none; else ``None``."""
    from api.db import Database, upgrade_to_head
    from api.keys import create_key, has_active_admin
    from api.settings import get_settings

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.effective_database_url, pool_size=2)
    try:
        upgrade_to_head(db)
        with db.session() as session:
            if has_active_admin(session):
                return None
            return create_key(session, "admin", "tạo tự động lần chạy đầu").secret
    finally:
        db.dispose()


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Địa chỉ lắng nghe")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Cổng")] = 8000,
) -> None:
    """Chạy dịch vụ hoso (mặc định http://127.0.0.1:8000)."""
    from api.app import create_app
    from api.server import serve as run_server
    from api.settings import get_settings

    secret = ensure_admin_key()
    if secret is not None:
        typer.echo("Chưa có khóa quản trị: đã tạo khóa admin (lưu lại ngay, sẽ không hiện lại):")
        typer.echo(f"  {secret}")
        typer.echo("Tạo khóa cho người thẩm định: hoso keys create --role reviewer")
    base = f"http://{host}:{port}"
    typer.echo(f"Trang kiểm tra minh chứng: {base}/  ·  Trang thẩm định hồ sơ: {base}/tham-dinh/")
    typer.echo(f"Tài liệu API: {base}/docs")
    run_server(create_app(), get_settings(), host, port)
