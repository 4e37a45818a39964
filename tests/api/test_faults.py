"""Faults: a failing database write fails that request or job cleanly, never a worker.

* the job's final write fails a few times: it is retried and the job ends
  ``done``; it fails for good: the job goes back to ``queued`` and runs
  again, and the worker thread lives on to run the next job;
* progress writes fail: the job still completes;
* a verification's row cannot be written: 503 with ``Retry-After``, no row;
  the file stored before is found and removed by ``hoso gc``;
* a job's work folder left by a killed attempt is removed when it runs again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from api.db.models import Blob, DossierJob, Verification
from api.gc import collect
from api.jobs import Progress
from api.settings import Settings
from tests.api.conftest import Service, running, wait_for_job
from tests.api.faults import failing_writes
from tests.api.test_jobs import submit


class QuickRunner:
    """Three progress steps; records the work folders it was given."""

    def __init__(self) -> None:
        self.work_dirs: list[Path] = []

    def __call__(
        self, zip_path: Path, progress: Progress, work_dir: Path, policy: str | None = None
    ) -> dict[str, Any]:
        self.work_dirs.append(work_dir)
        assert work_dir.is_dir() and not any(work_dir.iterdir())
        (work_dir / "extracted.pdf").write_bytes(b"%PDF")
        for step in range(4):
            progress(step, 3)
        return {"ok": True}


def finishing(statement: str) -> bool:
    return statement.startswith("UPDATE dossier_jobs") and "finished_at" in statement


def test_a_failing_final_write_is_retried_and_the_job_completes(settings: Settings) -> None:
    """Two failed attempts to record 'done', then it goes through; attempts stays 1."""
    with running(settings, runner=QuickRunner()) as service:
        engine = service.runtime.db.engine
        with failing_writes(engine, finishing, times=2) as failed:
            job = wait_for_job(service, submit(service))
        assert len(failed) == 2
        assert job["state"] == "done" and job["attempts"] == 1


def test_a_job_whose_outcome_cannot_be_written_runs_again_and_the_worker_survives(
    settings: Settings,
) -> None:
    """The database refuses every final write for a while: the job is re-queued, the
    worker thread lives, and once the database is back both jobs end done."""
    runner = QuickRunner()
    with running(settings, runner=runner) as service:
        engine = service.runtime.db.engine
        with failing_writes(engine, finishing, times=-1) as failed:
            first = submit(service)
            deadline = time.monotonic() + 30
            while len(failed) < 5 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert len(failed) >= 5  # every retry of the final write failed
        assert service.runtime.queue.status()["workers_alive"] == 1
        done = wait_for_job(service, first)
        second = wait_for_job(service, submit(service))
    assert done["state"] == "done" and done["attempts"] >= 2
    assert second["state"] == "done"
    assert all(not d.exists() for d in runner.work_dirs)


def test_failing_progress_writes_do_not_stop_the_job(settings: Settings) -> None:
    """Progress is advice: when it cannot be written the check goes on and completes."""
    with running(settings, runner=QuickRunner()) as service:
        engine = service.runtime.db.engine

        def progress(statement: str) -> bool:
            return statement.startswith("UPDATE dossier_jobs") and "progress_total" in statement

        with failing_writes(engine, progress, times=-1) as failed:
            job = wait_for_job(service, submit(service))
        assert failed and job["state"] == "done"


def test_a_verification_whose_row_cannot_be_written_is_503_and_gc_removes_the_file(
    service: Service, signed_pdf: bytes
) -> None:
    """The blob is stored, its row's transaction fails: 503, nothing half-written; gc cleans."""
    engine = service.runtime.db.engine
    with failing_writes(engine, lambda s: s.startswith("INSERT INTO blobs"), times=-1):
        response = service.client.post(
            "/verifications",
            files={"file": ("a.pdf", signed_pdf, "application/pdf")},
            headers=service.as_role("reviewer"),
        )
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert response.json()["error"]["code"] == "DATABASE_UNAVAILABLE"
    runtime = service.runtime
    with runtime.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Blob)) == 0
        assert session.scalar(select(func.count()).select_from(Verification)) == 0
    assert runtime.blobs.count() == 1  # the file without a row
    work = runtime.settings.job_work_dir
    assert collect(runtime.db, runtime.blobs, work).total == 0  # within the grace period
    for path in runtime.blobs.files():
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    collected = collect(runtime.db, runtime.blobs, work, dry_run=True)
    assert len(collected.orphan_blobs) == 1 and runtime.blobs.count() == 1
    collect(runtime.db, runtime.blobs, work)
    assert runtime.blobs.count() == 0


def test_a_work_folder_left_by_a_killed_attempt_is_removed(settings: Settings) -> None:
    """What a SIGKILLed attempt extracted is gone when the job runs again, and after it."""
    runner = QuickRunner()
    with running(settings, runner=runner) as service:
        job_id = submit(service)
        wait_for_job(service, job_id)
        with service.runtime.db.session() as session:
            job = session.get(DossierJob, job_id)
            assert job is not None
            job.state, job.result, job.finished_at = "queued", None, None
        leftover = settings.job_work_dir / job_id / "hoso-dossier-old"
        leftover.mkdir(parents=True)
        (leftover / "big.pdf").write_bytes(b"x" * 1000)
        service.runtime.queue.submitted(job_id)
        wait_for_job(service, job_id)
    assert not (settings.job_work_dir / job_id).exists()
    assert [d.name for d in runner.work_dirs] == [job_id, job_id]
