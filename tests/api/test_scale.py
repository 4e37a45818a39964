"""More than one machine, on 127.0.0.1: two API servers, two ``hoso worker`` processes, one killed.

The deployment of the README in miniature, on PostgreSQL: the API servers
run no jobs (``HOSO_WORKERS=0``) and share nothing but the database and the
blob folder; two workers (each with its own local work folder) take the
dossier jobs from procrastinate's queue. A batch of dossiers — each one's
PDFs made distinct, so every job really verifies — is submitted through
both servers and followed through the other one. While a job runs, its
worker is killed with SIGKILL: its heartbeat stops, the other worker takes
the job over, and every job ends ``done`` with its whole result. Nothing is
lost: every job, its files and its result are there, and no task is left in
the queue.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from api.db import normalize_url
from tests.api.conftest import PG_URL, SampleDossier
from tests.api.live import free_port, wait_healthy
from tests.support.dossier_copies import distinct_dossier
from tests.support.postgres import reset_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

JOBS = 6
HOSO = str(Path(sys.executable).parent / "hoso")


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [HOSO, *args], env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


@pytest.fixture
def cluster_env(tmp_path: Path, sample_dossier: SampleDossier) -> Iterator[dict[str, str]]:
    if not PG_URL:
        pytest.skip("HOSO_TEST_DATABASE_URL is not set (scripts/start-postgres.sh prints one)")
    from tests.support.pki import VALIDATION_TIME

    reset_postgres(PG_URL)
    yield os.environ | {
        "HOSO_DATABASE_URL": PG_URL,
        "HOSO_DATA_DIR": str(tmp_path / "shared"),
        "HOSO_TRUST": str(sample_dossier.trust),
        "HOSO_VALIDATION_TIME": VALIDATION_TIME.isoformat(),
        "HOSO_START_CONVERTER": "false",
        "HOSO_CHECK_WORKERS": "1",
        "HOSO_VERIFIERS": "1",
        "HOSO_WORKER_HEARTBEAT_S": "0.5",
        "HOSO_STALLED_AFTER_S": "3",
    }


def test_two_servers_two_workers_one_killed_every_job_done(
    tmp_path: Path, cluster_env: dict[str, str], sample_dossier: SampleDossier
) -> None:
    env = cluster_env
    key = subprocess.run(
        [HOSO, "keys", "create", "--role", "reviewer"],
        env=env, capture_output=True, text=True, check=True, timeout=60,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    headers = {"Authorization": f"Bearer {key}"}
    processes: list[subprocess.Popen[bytes]] = []
    bases = []
    try:
        for n in range(2):
            port = free_port()
            log = tmp_path / f"api-{n}.log"
            processes.append(
                start(["serve", "--port", str(port)], env | {"HOSO_WORKERS": "0"}, log)
            )
            bases.append(f"http://127.0.0.1:{port}")
        for n, base in enumerate(bases):
            log = tmp_path / f"api-{n}.log"
            wait_healthy(base, lambda log=log: log.read_text(errors="replace")[-3000:])
        workers = [
            start(
                ["worker", "--concurrency", "1"],
                env | {"HOSO_WORK_DIR": str(tmp_path / f"work-{n}")},
                tmp_path / f"worker-{n}.log",
            )
            for n in range(2)
        ]
        processes += workers

        job_ids = []
        for n in range(JOBS):
            files = {
                "file": (
                    f"Hồ sơ {n}.zip",
                    distinct_dossier(sample_dossier.zip_bytes, n),
                    "application/zip",
                )
            }
            submitted = httpx.post(
                f"{bases[n % 2]}/dossiers", files=files, headers=headers, timeout=60
            )
            assert submitted.status_code == 202, submitted.text
            job_ids.append(submitted.json()["id"])

        engine = create_engine(normalize_url(PG_URL or ""))
        victim_pid = workers[0].pid
        victim = None
        seen_workers: set[str] = set()
        deadline = time.monotonic() + 60
        while victim is None and time.monotonic() < deadline:
            with engine.connect() as conn:
                running = conn.execute(
                    text(
                        "SELECT id, worker, progress_done, progress_total FROM dossier_jobs "
                        "WHERE state = 'running' AND worker IS NOT NULL"
                    )
                ).all()
            seen_workers |= {row.worker for row in running}
            for row in running:
                mid_job = 0 < row.progress_done < row.progress_total
                if row.worker.endswith(f":{victim_pid}") and mid_job and len(seen_workers) == 2:
                    victim = row.id
            time.sleep(0.05)
        assert victim is not None, f"no job ran on both workers at once: {seen_workers}"
        os.killpg(victim_pid, signal.SIGKILL)
        workers[0].wait(10)

        deadline = time.monotonic() + 150
        states: dict[str, dict] = {}  # type: ignore[type-arg]
        while time.monotonic() < deadline:
            states = {
                job_id: httpx.get(
                    f"{bases[(n + 1) % 2]}/dossiers/{job_id}", headers=headers, timeout=30
                ).json()
                for n, job_id in enumerate(job_ids)
            }
            if all(s["state"] in ("done", "failed") for s in states.values()):
                break
            time.sleep(0.5)
        assert all(s["state"] == "done" for s in states.values()), {
            k: (v["state"], v["error"]) for k, v in states.items()
        }
        assert states[victim]["attempts"] >= 2
        for job_id in job_ids:
            report = httpx.get(f"{bases[0]}/dossiers/{job_id}/report", headers=headers, timeout=60)
            result = report.json()
            assert report.status_code == 200 and result["appraisal"]["criteria"]
            assert result["stats"]["pdfs"] == states[job_id]["progress"]["total"] > 0
        with engine.connect() as conn:
            waiting = conn.execute(
                text("SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')")
            ).scalar()
        engine.dispose()
        assert waiting == 0
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
