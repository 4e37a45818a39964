"""The distributed job engine: procrastinate on the service's own PostgreSQL.

Why procrastinate: it keeps its queue in PostgreSQL, which the service
already needs for more than one machine — no broker to install, secure and
back up; jobs are deferred in the same database the rows live in; workers
announce themselves with heartbeats, so a job whose worker died can be found
and run again; retries are a declared strategy, not our loop.

How a dossier job flows:

1. the API commits the job row (``queued``) and defers the task
   ``hoso.check_dossier(job_id)`` (``queueing_lock`` = job id: a job is
   never waiting twice);
2. any ``hoso worker`` — on any machine, or the server itself unless
   ``HOSO_WORKERS=0`` — fetches it and runs ``JobExecutor.execute``: the same
   row, progress and result as the embedded engine;
3. a worker that stops gracefully gives the job back (interrupted → retried);
   a worker that is killed stops sending heartbeats, and after
   ``HOSO_STALLED_AFTER_S`` another worker's sweeper retries its job; the
   checker's per-file cache makes the re-run skip the files already
   verified;
4. the sweeper also re-defers rows that have no task waiting or running (the
   API stopped between its commit and its defer; a job that ran out of
   procrastinate's attempts while the database was down), so no row stays
   ``queued`` or ``running`` forever; after ``HOSO_JOB_MAX_ATTEMPTS`` runs
   the row is failed with the reason.

Every machine must see the same ``HOSO_DATABASE_URL`` and the same blob
folder (``HOSO_DATA_DIR``, a shared mount); ``HOSO_WORK_DIR`` (extraction)
should be a local disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from datetime import timedelta
from typing import Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.schema import SchemaManager
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from api.db import Database
from api.db.models import utcnow
from api.jobs import JobExecutor, JobInterrupted, JobUnfinished
from api.settings import Settings

log = logging.getLogger("hoso.jobs")

TASK_NAME = "hoso.check_dossier"
SCHEMA_LOCK = 0x686F736F  # "hoso": one schema installer at a time across machines


def conninfo(database_url: str) -> str:
    """A libpq connection string from the service's SQLAlchemy URL."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def ensure_schema(db: Database) -> None:
    """Install procrastinate's tables once (an advisory lock keeps two machines from racing)."""
    with db.engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        exists = conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar()
        if exists is None:
            sql = SchemaManager.get_schema()
            conn.exec_driver_sql(sql.replace("%", "%%"))
            log.info("procrastinate schema installed")


def build_app(connector: Any, max_attempts: int) -> procrastinate.App:
    app = procrastinate.App(connector=connector)

    @app.task(
        name=TASK_NAME,
        pass_context=True,
        retry=procrastinate.RetryStrategy(
            max_attempts=max_attempts,
            wait=2,
            retry_exceptions={JobInterrupted, JobUnfinished, OperationalError},
        ),
    )
    def check_dossier(context: procrastinate.JobContext, job_id: str) -> str:
        executor: JobExecutor = context.additional_context["executor"]
        return executor.execute(job_id, context.should_abort)

    return app


def defer(app: procrastinate.App, job_id: str) -> bool:
    """Queue the task of ``job_id``; ``False`` when it is already waiting."""
    try:
        app.configure_task(TASK_NAME, queueing_lock=job_id, lock=job_id).defer(job_id=job_id)
    except AlreadyEnqueued:
        return False
    return True


class ProcrastinateQueue:
    name = "procrastinate"

    def __init__(self, settings: Settings, executor: JobExecutor) -> None:
        self.settings = settings
        self.executor = executor
        self.workers = max(0, settings.workers)
        info = conninfo(settings.effective_database_url)
        self.defer_app = build_app(
            procrastinate.SyncPsycopgConnector(conninfo=info, min_size=1, max_size=4),
            settings.job_max_attempts,
        )
        self.worker = WorkerLoop(settings, executor, info) if self.workers else None
        self._opened = False

    def start(self) -> None:
        ensure_schema(self.executor.db)
        self.defer_app.open()
        self._opened = True
        if self.worker is not None:
            self.worker.start_in_thread()

    def submitted(self, job_id: str) -> None:
        try:
            defer(self.defer_app, job_id)
        except Exception as exc:  # the row is committed: a worker's sweeper will defer it
            log.warning("job %s: not deferred now (%s); a worker will pick it up", job_id, exc)

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        if self._opened:
            self.defer_app.close()
            self._opened = False

    def healthy(self) -> bool:
        return self.worker is None or self.worker.alive()

    def status(self) -> dict[str, Any]:
        return {
            "engine": self.name,
            "workers": self.workers,
            "workers_alive": self.workers if self.worker and self.worker.alive() else 0,
        }


class WorkerLoop:
    """One procrastinate worker and its sweeper, on an event loop of their own."""

    def __init__(self, settings: Settings, executor: JobExecutor, info: str) -> None:
        self.settings = settings
        self.executor = executor
        self.concurrency = max(1, settings.workers)
        self.app = build_app(
            procrastinate.PsycopgConnector(conninfo=info, min_size=1, max_size=4),
            settings.job_max_attempts,
        )
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    # -- in the foreground (``hoso worker``) ----------------------------------

    async def run(self, install_signal_handlers: bool = True) -> None:
        async with self.app.open_async():
            sweeper = asyncio.create_task(self._sweep_forever(), name="hoso-sweeper")
            self._loop = asyncio.get_running_loop()
            self._ready.set()
            try:
                await self.app.run_worker_async(
                    name=self.executor.worker_name,
                    concurrency=self.concurrency,
                    install_signal_handlers=install_signal_handlers,
                    additional_context={"executor": self.executor},
                    update_heartbeat_interval=self.settings.worker_heartbeat_s,
                    stalled_worker_timeout=self.settings.stalled_after_s,
                    shutdown_graceful_timeout=0,
                    delete_jobs="successful",
                    fetch_job_polling_interval=2.0,
                )
            finally:
                sweeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sweeper

    # -- in a background thread (the server's embedded worker) ---------------

    def start_in_thread(self) -> None:
        self._thread = threading.Thread(target=self._thread_main, name="procrastinate", daemon=True)
        self._thread.start()
        self._ready.wait(30)

    def _thread_main(self) -> None:
        async def main() -> None:
            self._task = asyncio.current_task()
            with contextlib.suppress(asyncio.CancelledError):
                await self.run(install_signal_handlers=False)

        try:
            asyncio.run(main())
        except Exception:
            log.exception("the embedded procrastinate worker stopped")
        finally:
            self._ready.set()

    def stop(self, timeout: float = 60.0) -> None:
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(task.cancel)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- taking over what dead workers and lost defers left -------------------

    async def _sweep_forever(self) -> None:
        interval = max(1.0, self.settings.stalled_after_s / 3)
        while True:
            await asyncio.sleep(interval)
            try:
                await self.sweep()
            except Exception as exc:
                log.warning("job sweep failed: %s", str(exc).splitlines()[0][:200])

    async def sweep(self) -> None:
        stalled_after = self.settings.stalled_after_s
        manager = self.app.job_manager
        for job in await manager.get_stalled_jobs(
            task_name=TASK_NAME, seconds_since_heartbeat=stalled_after
        ):
            with contextlib.suppress(Exception):  # another worker may have retried it first
                await manager.retry_job(job)
                log.warning("job %s: its worker stopped answering; retried", job.task_kwargs)
        for job_id in await asyncio.to_thread(orphan_rows, self.executor.db, stalled_after):
            with contextlib.suppress(AlreadyEnqueued):
                await self.app.configure_task(
                    TASK_NAME, queueing_lock=job_id, lock=job_id
                ).defer_async(job_id=job_id)
                log.warning("job %s: had no queued task; deferred again", job_id)


def orphan_rows(db: Database, older_than_s: float) -> list[str]:
    """Rows ``queued``/``running`` for a while with no task waiting or running for them."""
    since = utcnow() - timedelta(seconds=older_than_s)
    query = text(
        """
        SELECT d.id FROM dossier_jobs d
         WHERE d.state IN ('queued', 'running')
           AND COALESCE(d.heartbeat_at, d.created_at) < :since
           AND NOT EXISTS (
                 SELECT 1 FROM procrastinate_jobs p
                  WHERE p.task_name = :task AND p.args ->> 'job_id' = d.id
                    AND p.status IN ('todo', 'doing'))
        """
    )
    with db.engine.connect() as conn:
        return [row[0] for row in conn.execute(query, {"since": since, "task": TASK_NAME})]
