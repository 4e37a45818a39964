"""The embedded job engine: worker threads in the server process (one machine, SQLite).

Each thread claims the oldest ``queued`` row it can move to ``running`` (a
conditional UPDATE: only one thread wins a row, on SQLite and PostgreSQL
alike) and runs it with the shared ``JobExecutor``. Nothing a job does can
end a thread: every outcome is caught and logged, and a job the database
would not let finish is put back to ``queued``.

At start, every job left ``running`` is re-queued: with this engine all jobs
run in this one process, so a ``running`` row at start belongs to a server
that stopped (killed or crashed). While running, a job whose heartbeat went
silent for ``HOSO_STALLED_AFTER_S`` is re-queued too.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from sqlalchemy import select, update

from api.db.models import DossierJob, utcnow
from api.jobs import JobExecutor, JobInterrupted, JobUnfinished, requeue, stale_running_jobs
from api.settings import Settings

log = logging.getLogger("hoso.jobs")

POLL_INTERVAL_S = 1.0


class ThreadQueue:
    name = "threads"

    def __init__(self, settings: Settings, executor: JobExecutor) -> None:
        self.executor = executor
        self.db = executor.db
        self.workers = max(0, settings.workers)
        self.stalled_after_s = settings.stalled_after_s
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._last_sweep = 0.0

    def start(self) -> None:
        count = requeue(self.db, self._running_ids())
        if count:
            log.info("resuming %d interrupted dossier job(s)", count)
        self._stopping.clear()
        for n in range(self.workers):
            thread = threading.Thread(target=self._loop, name=f"dossier-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def submitted(self, job_id: str) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stopping.set()
        self._wake.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads.clear()

    def healthy(self) -> bool:
        return self.workers == 0 or any(t.is_alive() for t in self._threads)

    def status(self) -> dict[str, Any]:
        alive = sum(1 for t in self._threads if t.is_alive())
        return {"engine": self.name, "workers": self.workers, "workers_alive": alive}

    # -- the worker threads --------------------------------------------------

    def _running_ids(self) -> list[str]:
        with self.db.session() as session:
            return list(session.scalars(select(DossierJob.id).where(DossierJob.state == "running")))

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self._sweep()
                job_id = self._claimable()
            except Exception:
                log.exception("could not look for dossier jobs")
                job_id = None
            if job_id is None:
                self._wake.wait(POLL_INTERVAL_S)
                self._wake.clear()
                continue
            self._run(job_id)

    def _run(self, job_id: str) -> None:
        try:
            self.executor.execute(job_id, self._stopping.is_set)
        except JobInterrupted:
            log.info("dossier job %s interrupted by shutdown; re-queued", job_id)
        except JobUnfinished:
            log.error("dossier job %s: outcome not written; re-queued to run again", job_id)
            try:
                requeue(self.db, [job_id])
            except Exception:
                log.exception(
                    "dossier job %s: could not re-queue; it will be found stalled", job_id
                )
        except Exception:
            log.exception("dossier job %s: unexpected failure of the worker", job_id)

    def _claimable(self) -> str | None:
        """The id of a queued job this thread won the right to run, or ``None``."""
        with self.db.session() as session:
            candidates = session.scalars(
                select(DossierJob.id)
                .where(DossierJob.state == "queued")
                .order_by(DossierJob.created_at)
                .limit(self.workers + 1)
            ).all()
            for job_id in candidates:
                won = session.execute(
                    update(DossierJob)
                    .where(DossierJob.id == job_id, DossierJob.state == "queued")
                    .values(state="running", heartbeat_at=utcnow())
                )
                if getattr(won, "rowcount", 0) == 1:
                    session.commit()
                    return job_id
        return None

    def _sweep(self) -> None:
        """Re-queue jobs whose heartbeat stopped (at most every few seconds)."""
        now = time.monotonic()
        if now - self._last_sweep < max(5.0, self.stalled_after_s / 4):
            return
        self._last_sweep = now
        requeue(self.db, stale_running_jobs(self.db, self.stalled_after_s))
