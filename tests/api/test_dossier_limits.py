"""Dossier limits: number of files, total size once extracted, compression ratio, result size.

Each is refused with a clear Vietnamese reason on the job (``failed``), before
a byte is extracted, and the job's work folder is gone afterwards. Reports
are written once per job and format and then streamed from their file.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from api.db.models import Document
from api.headers import REPORT_CSP
from api.jobs import Progress
from api.settings import Settings
from tests.api.conftest import SampleDossier, running, wait_for_job


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("assessment.json", "{}")
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def failed_job(settings: Settings, zip_bytes: bytes) -> dict[str, Any]:
    with running(settings) as service:
        files = {"file": ("ho-so.zip", zip_bytes, "application/zip")}
        response = service.client.post(
            "/dossiers", files=files, headers=service.as_role("submitter")
        )
        assert response.status_code == 202
        job = wait_for_job(service, response.json()["id"])
    assert job["state"] == "failed", job
    assert not (settings.job_work_dir / job["id"]).exists()
    return job


def test_too_many_files(settings: Settings) -> None:
    limited = settings.model_copy(update={"dossier_max_files": 20})
    job = failed_job(limited, zip_of({f"1.1/tep-{n}.pdf": b"%PDF-1.7\n" for n in range(30)}))
    assert job["error"]["code"] == "ARCHIVE_TOO_LARGE"
    assert "31 tệp" in job["error"]["message"] and "giới hạn 20" in job["error"]["message"]
    assert "chia hồ sơ" in job["error"]["message"]


def test_too_large_once_extracted(settings: Settings) -> None:
    limited = settings.model_copy(update={"dossier_max_uncompressed_mb": 1})
    job = failed_job(limited, zip_of({f"1.1/anh-{n}.pdf": os.urandom(300_000) for n in range(5)}))
    assert job["error"]["code"] == "ARCHIVE_TOO_LARGE"
    assert "vượt giới hạn 1 MB" in job["error"]["message"]


def test_many_small_entries_of_zeros_are_a_bomb(settings: Settings) -> None:
    """200 entries of 64 KiB zeros: each under the per-entry floor, the archive's ratio is not."""
    job = failed_job(settings, zip_of({f"1.1/{n}.pdf": bytes(65536) for n in range(200)}))
    assert job["error"]["code"] == "ARCHIVE_TOO_LARGE"
    assert "bom nén" in job["error"]["message"]


class BigResultRunner:
    def __call__(
        self, zip_path: Path, progress: Progress, work_dir: Path, policy: str | None = None
    ) -> dict[str, Any]:
        progress(1, 1)
        return {"files": ["x" * 100] * 1000}


def test_a_result_over_its_bound_fails_the_job_with_the_reason(settings: Settings) -> None:
    limited = settings.model_copy(update={"dossier_max_result_mb": 0.05})
    with running(limited, runner=BigResultRunner()) as service:
        files = {"file": ("ho-so.zip", zip_of({}), "application/zip")}
        job_id = service.client.post(
            "/dossiers", files=files, headers=service.as_role("submitter")
        ).json()["id"]
        job = wait_for_job(service, job_id)
    assert job["state"] == "failed" and job["error"]["code"] == "RESULT_TOO_LARGE"
    assert "chia hồ sơ" in job["error"]["message"]


def test_reports_are_written_once_and_streamed(
    settings: Settings, sample_dossier: SampleDossier
) -> None:
    """Two downloads of each format: one stored document each, the same bytes both times."""
    with_trust = settings.model_copy(
        update={"trust": str(sample_dossier.trust), "check_workers": 2}
    )
    with running(with_trust) as service:
        headers = service.as_role("submitter")
        files = {"file": ("Hồ sơ.zip", sample_dossier.zip_bytes, "application/zip")}
        job = wait_for_job(
            service, service.client.post("/dossiers", files=files, headers=headers).json()["id"]
        )
        assert job["state"] == "done"
        for fmt in ("json", "html", "xlsx"):
            url = f"/dossiers/{job['id']}/report?format={fmt}"
            first, second = (
                service.client.get(url, headers=headers),
                service.client.get(url, headers=headers),
            )
            assert first.status_code == second.status_code == 200
            assert first.content == second.content and len(first.content) > 100
        html = service.client.get(f"/dossiers/{job['id']}/report?format=html", headers=headers)
        assert html.headers["content-security-policy"] == REPORT_CSP
        with service.runtime.db.session() as session:
            count = session.scalar(
                select(func.count())
                .select_from(Document)
                .where(Document.job_id == job["id"], Document.form_id.like("report-%"))
            )
        assert count == 3
