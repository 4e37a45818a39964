"""``hoso gc``: remove stored files no row refers to, and leftovers of killed processes."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.main import app
from cli.output import console


@app.command("gc")
def gc(
    grace_hours: Annotated[
        float, typer.Option(help="Chỉ xóa những gì cũ hơn chừng này giờ", min=0.0)
    ] = 1.0,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ liệt kê, không xóa")] = False,
) -> None:
    """Dọn tệp lưu trữ không còn bản ghi nào dùng, tệp tạm và thư mục giải nén bị bỏ lại."""
    from api.blobs import BlobStore
    from api.db import Database, upgrade_to_head
    from api.gc import collect
    from api.settings import get_settings

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.effective_database_url, pool_size=2)
    try:
        upgrade_to_head(db)
        found = collect(
            db,
            BlobStore(settings.blob_dir),
            settings.job_work_dir,
            grace_s=grace_hours * 3600,
            dry_run=dry_run,
        )
    finally:
        db.dispose()
    verb = "Sẽ xóa" if dry_run else "Đã xóa"
    console().print(
        f"{verb}: {len(found.orphan_blobs)} tệp lưu trữ không có bản ghi, "
        f"{len(found.temp_files)} tệp tạm, {len(found.work_folders)} thư mục giải nén."
    )
    for path in (*found.orphan_blobs, *found.temp_files, *found.work_folders):
        console().print(f"  {path}", highlight=False)
