"""Dossier jobs survive the server stopping: interrupted jobs run again and complete.

The fast tests use a stand-in runner (a thread reporting progress step by
step) so that the stop can land mid-job deterministically; the last test
kills a real ``hoso serve`` process with SIGKILL during a real dossier check.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from api.db.models import DossierJob
from api.jobs import Progress
from api.settings import Settings
from tests.api.conftest import SampleDossier, running, wait_for_job

STEPS = 30


class SteppingRunner:
    """Reports ``STEPS`` steps of progress, ``delay`` seconds apart."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.calls = 0
        self.started = threading.Event()

    def __call__(
        self, zip_path: Path, progress: Progress, work_dir: Path, policy: str | None = None
    ) -> dict[str, Any]:
        self.calls += 1
        assert zip_path.is_file()
        for step in range(STEPS + 1):
            progress(step, STEPS)
            if step:
                self.started.set()
            time.sleep(self.delay)
        return {"steps": STEPS, "file": zip_path.name}


def tiny_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("assessment.json", "{}")
    return buffer.getvalue()


def submit(service: Any) -> str:
    files = {"file": ("ho-so.zip", tiny_zip(), "application/zip")}
    response = service.client.post("/dossiers", files=files, headers=service.as_role("submitter"))
    assert response.status_code == 202
    job_id: str = response.json()["id"]
    return job_id


def test_stopping_mid_job_requeues_it_with_its_progress_and_it_completes(
    settings: Settings,
) -> None:
    """A graceful stop interrupts the job, keeps its progress; the next start finishes it."""
    slow = SteppingRunner(delay=0.2)
    with running(settings, runner=slow) as service:
        job_id = submit(service)
        submitter_key = service.keys["submitter"]
        assert slow.started.wait(10)
        time.sleep(0.5)
    with running(settings, runner=SteppingRunner(delay=0)) as service:
        with service.runtime.db.session() as session:
            job = session.get(DossierJob, job_id)
            assert job is not None and job.progress_total == STEPS and job.attempts >= 1
        service.keys["submitter"] = submitter_key
        done = wait_for_job(service, job_id)
    assert done["state"] == "done" and done["attempts"] == 2
    assert done["progress"]["done"] == STEPS


def test_a_job_left_running_by_a_killed_server_is_resumed_at_startup(settings: Settings) -> None:
    """A row still ``running`` at startup belongs to a dead server: it is re-queued and run."""
    blocked = SteppingRunner(delay=0)
    with running(settings, runner=blocked) as service:
        job_id = submit(service)
        submitter_key = service.keys["submitter"]
        wait_for_job(service, job_id)
        with service.runtime.db.session() as session:  # as a SIGKILL would leave it
            session.execute(
                update(DossierJob)
                .where(DossierJob.id == job_id)
                .values(state="running", result=None, finished_at=None, progress_done=7)
            )
    again = SteppingRunner(delay=0)
    with running(settings, runner=again) as service:
        service.keys["submitter"] = submitter_key
        done = wait_for_job(service, job_id)
    assert done["state"] == "done" and again.calls == 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def hoso(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "hoso"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "hoso"), "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(log.read_text())


@pytest.mark.slow
def test_server_killed_during_a_real_dossier_check_completes_the_job_after_restart(
    tmp_path: Path, sample_dossier: SampleDossier
) -> None:
    """SIGKILL of ``hoso serve`` mid-check; a new ``hoso serve`` finishes the same job."""
    from tests.support.pki import VALIDATION_TIME

    env = os.environ | {
        "HOSO_DATA_DIR": str(tmp_path / "var"),
        "HOSO_TRUST": str(sample_dossier.trust),
        "HOSO_VALIDATION_TIME": VALIDATION_TIME.isoformat(),
        "HOSO_START_CONVERTER": "false",
        "HOSO_CHECK_WORKERS": "1",
    }
    env.pop("HOSO_DATABASE_URL", None)
    key = hoso("keys", "create", "--role", "submitter", env=env).stdout.strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {key}"}
    log = tmp_path / "server.log"
    port = free_port()
    server = start_server(env, port, log)
    base = f"http://127.0.0.1:{port}"
    try:
        files = {"file": ("ho-so.zip", sample_dossier.zip_bytes, "application/zip")}
        job_id = httpx.post(f"{base}/dossiers", files=files, headers=headers, timeout=30).json()[
            "id"
        ]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job = httpx.get(f"{base}/dossiers/{job_id}", headers=headers).json()
            if job["state"] == "running" and job["progress"]["done"] > 0:
                break
            time.sleep(0.05)
        assert job["state"] == "running", job
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
        server = start_server(env, port, log)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            job = httpx.get(f"{base}/dossiers/{job_id}", headers=headers).json()
            if job["state"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert job["state"] == "done", job
        assert job["attempts"] == 2
        report = httpx.get(f"{base}/dossiers/{job_id}/report", headers=headers).json()
        assert report["appraisal"]["criteria"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
