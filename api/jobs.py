"""Running one dossier job: the part every queue engine shares.

A job is a row (``dossier_jobs``) with a state — ``queued → running → done |
failed`` — its progress and a heartbeat; the API reads only the row, so it
does not matter which engine or which machine runs the job
(``api.queue``). ``JobExecutor.execute(job_id)`` is what an engine calls:

* **claim**: a conditional UPDATE moves the row to ``running`` and counts the
  attempt; a row already ``done``/``failed`` is left alone (a duplicate
  delivery is harmless);
* **run**: the ``DossierRunner`` (the dossier check, unaware of engines) in a
  work folder of its own under ``<work>/<job id>`` — removed before (what an
  earlier, killed attempt left) and after, on every path;
* **report**: progress written at most every 0.3 s, and a heartbeat thread
  that writes ``heartbeat_at`` every ``heartbeat_s`` while the job runs, so
  a silent worker is told from a slow file; a failing progress write is
  logged and skipped (progress is advice, the job goes on);
* **finish**: ``done`` with the result or ``failed`` with the reason, the
  write retried with back-off; if the database still refuses, the job is
  given back to the engine (``JobUnfinished``) to be run again later —
  never a dead worker, never a row left ``running`` by a live one.

A result larger than ``max_result_bytes`` fails the job with a clear reason
instead of being stored (a dossier of ten thousand files would otherwise
write tens of megabytes into one row and make every report download slow).
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, select, update
from sqlalchemy.exc import SQLAlchemyError

from api import audit
from api.blobs import BlobStore
from api.db import Database
from api.db.models import DossierJob, utcnow

log = logging.getLogger("hoso.jobs")

Progress = Callable[[int, int], None]
"""``progress(done, total)``: files checked so far out of the dossier's files."""


class DossierRunner(Protocol):
    """Runs one dossier check in ``work_dir`` under the job's validation policy (its cache
    key, ``None`` for the server's default); returns the JSON-ready result."""

    def __call__(
        self, zip_path: Path, progress: Progress, work_dir: Path, policy: str | None = None
    ) -> dict[str, Any]: ...


class JobInterrupted(Exception):
    """Raised from the progress callback when the worker is stopping: run the job again later."""


class JobUnfinished(Exception):
    """The job could not be recorded as finished (database down): run it again later."""


class JobFailed(Exception):
    """The dossier itself is bad (a result for the user, not a crash of ours)."""

    def __init__(self, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.code, self.message, self.details = code, message, details


PROGRESS_WRITE_INTERVAL_S = 0.3
FINISH_RETRIES = 5
FINISH_BACKOFF_S = 0.2

INTERNAL_FAILURE = {
    "code": "INTERNAL_ERROR",
    "message": "Lỗi nội bộ khi kiểm tra hồ sơ; chi tiết đã được ghi vào nhật ký.",
    "details": None,
}


def too_many_attempts(attempts: int) -> dict[str, Any]:
    return {
        "code": "JOB_INTERRUPTED",
        "message": (
            f"Việc kiểm tra hồ sơ bị gián đoạn {attempts} lần (máy kiểm tra dừng hoặc cơ sở dữ "
            "liệu không phản hồi) nên đã dừng hẳn. Hãy nộp lại hồ sơ; các tệp đã kiểm tra "
            "không phải kiểm tra lại."
        ),
        "details": {"attempts": attempts},
    }


def result_too_large(size: int, limit: int) -> dict[str, Any]:
    return {
        "code": "RESULT_TOO_LARGE",
        "message": (
            f"Kết quả kiểm tra hồ sơ quá lớn ({size / 1024**2:.1f} MB, giới hạn "
            f"{limit / 1024**2:.0f} MB): hồ sơ có quá nhiều tệp. Hãy chia hồ sơ thành các phần "
            "nhỏ hơn (ví dụ theo nhóm tiêu chí) rồi nộp từng phần."
        ),
        "details": {"bytes": size, "max_bytes": limit},
    }


@dataclass
class JobLimits:
    max_attempts: int = 5
    max_result_bytes: int = 16 * 1024 * 1024
    heartbeat_s: float = 10.0


class JobExecutor:
    """Claims, runs, reports and finishes one job by id; safe to call from any thread."""

    def __init__(
        self,
        db: Database,
        blobs: BlobStore,
        runner: DossierRunner,
        work_root: Path,
        limits: JobLimits | None = None,
        worker_name: str = "",
    ) -> None:
        self.db, self.blobs, self.runner = db, blobs, runner
        self.work_root = work_root
        self.limits = limits or JobLimits()
        self.worker_name = worker_name

    # -- the whole run -------------------------------------------------------

    def execute(self, job_id: str, should_stop: Callable[[], bool] = lambda: False) -> str:
        """Run the job; returns its final state, or raises ``JobInterrupted``/``JobUnfinished``."""
        path = self.claim(job_id)
        if path is None:
            return "skipped"
        work = self.work_root / job_id
        shutil.rmtree(work, ignore_errors=True)  # what a killed attempt left behind
        heartbeat = Heartbeat(self.db, job_id, self.limits.heartbeat_s)
        try:
            work.mkdir(parents=True, exist_ok=True)
            heartbeat.start()
            result = self.runner(
                path, self._progress(job_id, should_stop), work, policy=self._policy(job_id)
            )
        except JobInterrupted:
            heartbeat.stop()
            self._give_back(job_id)
            raise
        except JobFailed as exc:
            heartbeat.stop()
            error = {"code": exc.code, "message": exc.message, "details": exc.details}
            return self.finish(job_id, "failed", error=error)
        except Exception:
            heartbeat.stop()
            log.exception("dossier job %s crashed", job_id)
            return self.finish(job_id, "failed", error=INTERNAL_FAILURE)
        finally:
            heartbeat.stop()
            shutil.rmtree(work, ignore_errors=True)
        size = len(json.dumps(result, ensure_ascii=False).encode())
        if size > self.limits.max_result_bytes:
            return self.finish(
                job_id, "failed", error=result_too_large(size, self.limits.max_result_bytes)
            )
        return self.finish(job_id, "done", result=result)

    # -- steps ---------------------------------------------------------------

    def claim(self, job_id: str) -> Path | None:
        """Move the row to ``running``; ``None`` when there is nothing to run."""
        with self.db.session() as session:
            job = session.get(DossierJob, job_id)
            if job is None or job.state in ("done", "failed"):
                return None
            if job.attempts >= self.limits.max_attempts:
                self._record(session, job, "failed", error=too_many_attempts(job.attempts))
                return None
            now = utcnow()
            job.state = "running"
            job.started_at = now
            job.heartbeat_at = now
            job.attempts += 1
            job.worker = self.worker_name[:100] or None
            path = self.blobs.path_of(job.blob_sha256)
        return path

    def _policy(self, job_id: str) -> str | None:
        """The validation policy the job was submitted under."""
        with self.db.session() as session:
            job = session.get(DossierJob, job_id)
            return job.policy_version if job is not None else None

    def _progress(self, job_id: str, should_stop: Callable[[], bool]) -> Progress:
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if should_stop():
                raise JobInterrupted(job_id)
            now = time.monotonic()
            if done < total and now - last[0] < PROGRESS_WRITE_INTERVAL_S:
                return
            last[0] = now
            try:
                with self.db.session() as session:
                    session.execute(
                        update(DossierJob)
                        .where(DossierJob.id == job_id)
                        .values(
                            progress_total=total,
                            progress_done=func.max(DossierJob.progress_done, done)
                            if self.db.is_sqlite
                            else func.greatest(DossierJob.progress_done, done),
                            heartbeat_at=utcnow(),
                        )
                    )
            except SQLAlchemyError as exc:
                log.warning("job %s: progress not written (%s); going on", job_id, exc)

        return progress

    def finish(
        self,
        job_id: str,
        state: str,
        *,
        result: dict[str, Any] | None = None,
        error: dict[str, Any] | None = None,
    ) -> str:
        """Write the outcome, retrying a failing write; ``JobUnfinished`` if it never goes through."""
        delay = FINISH_BACKOFF_S
        for attempt in range(1, FINISH_RETRIES + 1):
            try:
                with self.db.session() as session:
                    job = session.get(DossierJob, job_id)
                    if job is not None:
                        self._record(session, job, state, result=result, error=error)
                return state
            except SQLAlchemyError as exc:
                log.warning(
                    "job %s: writing '%s' failed (attempt %d/%d): %s",
                    job_id,
                    state,
                    attempt,
                    FINISH_RETRIES,
                    str(exc).splitlines()[0][:200],
                )
                time.sleep(delay)
                delay *= 2
        raise JobUnfinished(job_id)

    @staticmethod
    def _record(
        session: Any,
        job: DossierJob,
        state: str,
        *,
        result: dict[str, Any] | None = None,
        error: dict[str, Any] | None = None,
    ) -> None:
        job.state = state
        job.heartbeat_at = utcnow()
        job.finished_at = utcnow()
        job.result, job.error = result, error
        if state == "done":
            job.progress_done = max(job.progress_done, job.progress_total)
        audit.record(session, None, f"job_{state}", "dossier_job", job.id)

    def _give_back(self, job_id: str) -> None:
        """Interrupted by a stop: back to ``queued`` with its progress kept."""
        try:
            with self.db.session() as session:
                session.execute(
                    update(DossierJob)
                    .where(DossierJob.id == job_id, DossierJob.state == "running")
                    .values(state="queued", heartbeat_at=utcnow())
                )
                audit.record(session, None, "job_queued", "dossier_job", job_id)
        except SQLAlchemyError as exc:
            log.warning("job %s: could not re-queue (%s); it will be found stalled", job_id, exc)


class Heartbeat:
    """Writes ``heartbeat_at`` every ``interval`` seconds while a job runs (own thread)."""

    def __init__(self, db: Database, job_id: str, interval: float) -> None:
        self.db, self.job_id, self.interval = db, job_id, interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._loop, name=f"heartbeat-{self.job_id[:8]}", daemon=True
        )
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                with self.db.session() as session:
                    session.execute(
                        update(DossierJob)
                        .where(DossierJob.id == self.job_id, DossierJob.state == "running")
                        .values(heartbeat_at=utcnow())
                    )
            except SQLAlchemyError as exc:
                log.warning("job %s: heartbeat not written: %s", self.job_id, type(exc).__name__)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.interval + 5)
            self._thread = None


def stale_running_jobs(db: Database, older_than_s: float) -> list[str]:
    """Ids of ``running`` jobs whose heartbeat is older than ``older_than_s`` (their worker died)."""
    limit = utcnow() - timedelta(seconds=older_than_s)
    with db.session() as session:
        return list(
            session.scalars(
                select(DossierJob.id).where(
                    DossierJob.state == "running", DossierJob.heartbeat_at < limit
                )
            )
        )


def requeue(db: Database, job_ids: list[str]) -> int:
    """Put ``running`` jobs back to ``queued`` (their worker is gone); how many moved."""
    if not job_ids:
        return 0
    with db.session() as session:
        result = session.execute(
            update(DossierJob)
            .where(DossierJob.id.in_(job_ids), DossierJob.state == "running")
            .values(state="queued")
        )
        count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        log.warning("re-queued %d dossier job(s) whose worker stopped", count)
    return count


def job_counts(db: Database) -> dict[str, int]:
    """Jobs per state (``/health``)."""
    with db.session() as session:
        rows = session.execute(
            select(DossierJob.state, func.count()).group_by(DossierJob.state)
        ).all()
    return {state: int(count) for state, count in rows}
