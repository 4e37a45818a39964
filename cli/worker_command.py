"""``hoso worker``: run dossier jobs on this machine, for the API servers of a PostgreSQL setup.

Any number of machines may run it at once; each needs the same
``HOSO_DATABASE_URL`` and the same blob folder (``HOSO_DATA_DIR``, a shared
mount), and may keep ``HOSO_WORK_DIR`` on its local disk. ``--concurrency``
is the number of dossiers checked at once; each check uses a process per
core (``HOSO_CHECK_WORKERS``), so one job per machine with a process per
core is the usual choice. SIGINT/SIGTERM stop it gracefully: a running job
is given back and another worker resumes it.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from cli.main import app
from cli.output import fail


@app.command("worker")
def worker(
    concurrency: Annotated[
        int, typer.Option(help="Số hồ sơ kiểm tra cùng lúc trên máy này", min=1, max=64)
    ] = 1,
) -> None:
    """Chạy máy kiểm tra hồ sơ (cần PostgreSQL: HOSO_DATABASE_URL)."""
    from api.blobs import BlobStore
    from api.db import Database, upgrade_to_head
    from api.queue_procrastinate import WorkerLoop, conninfo, ensure_schema
    from api.runtime import job_executor, process_name
    from api.settings import get_settings

    settings = get_settings()
    if not settings.uses_postgres:
        fail(
            "hoso worker cần PostgreSQL: đặt HOSO_DATABASE_URL=postgresql://... giống các máy chủ "
            "API. Với SQLite (một máy), hoso serve tự kiểm tra hồ sơ, không cần hoso worker."
        )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = settings.model_copy(update={"workers": concurrency})
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.effective_database_url, settings.db_pool_size)
    try:
        upgrade_to_head(db)
        ensure_schema(db)
        executor = job_executor(settings, db, BlobStore(settings.blob_dir), None, process_name())
        loop = WorkerLoop(settings, executor, conninfo(settings.effective_database_url))
        typer.echo(f"Máy kiểm tra {executor.worker_name}: {concurrency} hồ sơ cùng lúc.")
        import asyncio  # here, not at import: every other command would pay for it

        asyncio.run(loop.run(install_signal_handlers=True))
    finally:
        db.dispose()
