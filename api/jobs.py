"""Dossier jobs: rows with a state, run by a pool of worker threads.

Why rows and not an in-memory queue: a job must survive the server stopping.
A worker claims a ``queued`` job with a conditional UPDATE (only one worker
can move it to ``running``, on SQLite and PostgreSQL alike), runs the dossier
check (which fans out to its own process pool), and writes progress and a
heartbeat as it goes. At startup every job left ``running`` by a server that
stopped is put back to ``queued`` and runs again; its recorded progress is
kept, and the checker's SHA-256 cache makes the files it already verified
instant. On a graceful shutdown the running job is interrupted at its next
progress report and re-queued the same way.

Single-server assumption: a job left ``running`` at startup is taken to
belong to a stopped server (the heartbeat column shows when it last moved).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select, update

from api import audit
from api.blobs import BlobStore
from api.db import Database
from api.db.models import DossierJob, utcnow

log = logging.getLogger("hoso.jobs")

Progress = Callable[[int, int], None]
"""``progress(done, total)``: files checked so far out of the dossier's files."""


class DossierRunner(Protocol):
    """Runs one dossier check; returns the JSON-ready result."""

    def __call__(self, zip_path: Path, progress: Progress) -> dict[str, Any]: ...


class JobInterrupted(Exception):
    """Raised from the progress callback when the server is stopping."""


class JobFailed(Exception):
    """The dossier itself is bad (a result for the user, not a crash of ours)."""

    def __init__(self, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.code, self.message, self.details = code, message, details


PROGRESS_WRITE_INTERVAL_S = 0.3


class JobPool:
    def __init__(
        self,
        db: Database,
        blobs: BlobStore,
        runner: DossierRunner,
        workers: int,
        poll_interval_s: float = 1.0,
    ) -> None:
        self.db, self.blobs, self.runner = db, blobs, runner
        self.workers = max(1, workers)
        self.poll_interval_s = poll_interval_s
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []

    # lifecycle -------------------------------------------------------------

    def start(self) -> int:
        """Re-queue interrupted jobs and start the workers; returns how many were re-queued."""
        requeued = self.requeue_interrupted()
        self._stopping.clear()
        for n in range(self.workers):
            thread = threading.Thread(target=self._loop, name=f"dossier-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return requeued

    def stop(self, timeout: float = 30.0) -> None:
        """Stop claiming; a running job is interrupted at its next progress report."""
        self._stopping.set()
        self._wake.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads.clear()

    def wake(self) -> None:
        """A job was queued: look now instead of at the next poll."""
        self._wake.set()

    def requeue_interrupted(self) -> int:
        with self.db.session() as session:
            result = session.execute(
                update(DossierJob).where(DossierJob.state == "running").values(state="queued")
            )
            count = int(getattr(result, "rowcount", 0) or 0)
        if count:
            log.warning("re-queued %d dossier job(s) interrupted by a stop", count)
        return count

    # work ------------------------------------------------------------------

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                job_id = self._claim()
            except Exception:
                log.exception("could not claim a dossier job")
                job_id = None
            if job_id is None:
                self._wake.wait(self.poll_interval_s)
                self._wake.clear()
                continue
            self._run(job_id)

    def _claim(self) -> str | None:
        with self.db.session() as session:
            candidates = session.scalars(
                select(DossierJob.id)
                .where(DossierJob.state == "queued")
                .order_by(DossierJob.created_at)
                .limit(self.workers + 1)
            ).all()
            for job_id in candidates:
                now = utcnow()
                result = session.execute(
                    update(DossierJob)
                    .where(DossierJob.id == job_id, DossierJob.state == "queued")
                    .values(
                        state="running",
                        started_at=now,
                        heartbeat_at=now,
                        attempts=DossierJob.attempts + 1,
                    )
                )
                if getattr(result, "rowcount", 0) == 1:
                    session.commit()
                    return job_id
        return None

    def _progress_callback(self, job_id: str) -> Progress:
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if self._stopping.is_set():
                raise JobInterrupted(job_id)
            now = time.monotonic()
            if done < total and now - last[0] < PROGRESS_WRITE_INTERVAL_S:
                return
            last[0] = now
            with self.db.session() as session:
                job = session.get(DossierJob, job_id)
                if job is not None:
                    job.progress_total = total
                    job.progress_done = max(job.progress_done, done) if done < total else done
                    job.heartbeat_at = utcnow()

        return progress

    def _run(self, job_id: str) -> None:
        with self.db.session() as session:
            job = session.get(DossierJob, job_id)
            if job is None:
                return
            path = self.blobs.path_of(job.blob_sha256)
        try:
            result = self.runner(path, self._progress_callback(job_id))
        except JobInterrupted:
            self._finish(job_id, state="queued")
            log.info("dossier job %s interrupted by shutdown; re-queued", job_id)
            return
        except JobFailed as exc:
            error = {"code": exc.code, "message": exc.message, "details": exc.details}
            self._finish(job_id, state="failed", error=error)
            return
        except Exception:
            log.exception("dossier job %s crashed", job_id)
            error = {
                "code": "INTERNAL_ERROR",
                "message": "Lỗi nội bộ khi kiểm tra hồ sơ; chi tiết đã được ghi vào nhật ký.",
                "details": None,
            }
            self._finish(job_id, state="failed", error=error)
            return
        self._finish(job_id, state="done", result=result)

    def _finish(
        self,
        job_id: str,
        *,
        state: str,
        result: dict[str, Any] | None = None,
        error: dict[str, Any] | None = None,
    ) -> None:
        with self.db.session() as session:
            job = session.get(DossierJob, job_id)
            if job is None:
                return
            job.state = state
            job.heartbeat_at = utcnow()
            audit.record(session, None, f"job_{state}", "dossier_job", job_id)
            if state in ("done", "failed"):
                job.finished_at = utcnow()
                job.result, job.error = result, error
                if state == "done":
                    job.progress_done = max(job.progress_done, job.progress_total)
