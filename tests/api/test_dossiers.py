"""ZIP → job → progress → reports → rendered Mẫu 02, through HTTP, with the real checker."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import unquote

import pytest

from api.settings import Settings
from tests.api.conftest import SampleDossier, running, wait_for_job


@pytest.fixture
def dossier_settings(settings: Settings, sample_dossier: SampleDossier) -> Settings:
    return settings.model_copy(update={"trust": str(sample_dossier.trust), "check_workers": 2})


def test_dossier_job_end_to_end(dossier_settings: Settings, sample_dossier: SampleDossier) -> None:
    """A submitter's ZIP is checked in the background; reports and Mẫu 02 come from the result."""
    with running(dossier_settings) as service:
        headers = service.as_role("submitter")
        files = {"file": ("Hồ sơ Quảng Tâm.zip", sample_dossier.zip_bytes, "application/zip")}
        form = {"policy": "vn-legacy"}
        submitted = service.client.post("/dossiers", files=files, data=form, headers=headers)
        assert submitted.status_code == 202
        assert submitted.headers["location"] == f"/dossiers/{submitted.json()['id']}"
        job = wait_for_job(service, submitted.json()["id"])
        assert job["state"] == "done", job["error"]
        assert job["policy"].startswith("vn-legacy@2025.1:")
        assert job["progress"]["total"] > 0
        assert job["progress"]["done"] == job["progress"]["total"]
        assert job["progress"]["percent"] == 100

        report = service.client.get(f"/dossiers/{job['id']}/report?format=json", headers=headers)
        assert report.status_code == 200
        result = report.json()
        assert result["policy"] == {"id": "vn-legacy", "version": "2025.1"}
        assert all(
            f["report"]["policy"]["id"] == "vn-legacy" for f in result["files"] if f["report"]
        )
        rows = {row["id"]: row for row in result["appraisal"]["criteria"]}
        assert len(rows) >= 30
        assert result["appraisal"]["decision"]["passed"] is False  # 1.3 has no folder, ...

        html = service.client.get(f"/dossiers/{job['id']}/report?format=html", headers=headers)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        assert "1.6" in html.text
        xlsx = service.client.get(f"/dossiers/{job['id']}/report?format=xlsx", headers=headers)
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        assert "spreadsheetml" in xlsx.headers["content-type"]

        rendered = service.client.post(f"/dossiers/{job['id']}/render/mau-02", headers=headers)
        assert rendered.status_code == 200, rendered.text
        assert "wordprocessingml" in rendered.headers["content-type"]
        disposition = rendered.headers["content-disposition"]
        assert "filename*=UTF-8''" in disposition
        assert unquote(disposition.split("''", 1)[1]).startswith("Mẫu 02 - ")
        assert zipfile.ZipFile(io.BytesIO(rendered.content)).testzip() is None

        other = service.client.post(f"/dossiers/{job['id']}/render/bieu-01", headers=headers)
        assert other.status_code == 404
        assert other.json()["error"]["code"] == "FORM_NOT_FROM_DOSSIER"


def test_a_zip_that_is_no_dossier_fails_the_job_with_the_checkers_reason(
    settings: Settings,
) -> None:
    """No assessment.json: the job ends ``failed`` and the report says why (422)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("1.1/ghi-chu.txt", "không phải hồ sơ")
    with running(settings) as service:
        headers = service.as_role("submitter")
        files = {"file": ("x.zip", buffer.getvalue(), "application/zip")}
        job_id = service.client.post("/dossiers", files=files, headers=headers).json()["id"]
        job = wait_for_job(service, job_id)
        assert job["state"] == "failed"
        assert job["error"]["code"] == "DOSSIER_LAYOUT_INVALID"
        report = service.client.get(f"/dossiers/{job_id}/report", headers=headers)
        assert report.status_code == 422
        assert report.json()["error"]["code"] == "DOSSIER_LAYOUT_INVALID"


def test_an_unknown_policy_is_refused_before_anything_is_stored(
    dossier_settings: Settings, sample_dossier: SampleDossier
) -> None:
    """policy=khong-co or a path: 422 with the verifier's reason, no job, no blob."""
    with running(dossier_settings) as service:
        headers = service.as_role("submitter")
        files = {"file": ("ho-so.zip", sample_dossier.zip_bytes, "application/zip")}
        for name in ("khong-co", "../../etc/x.yaml"):
            response = service.client.post(
                "/dossiers", files=files, data={"policy": name}, headers=headers
            )
            assert response.status_code == 422
            assert response.json()["error"]["code"] == "POLICY_NOT_FOUND"
        assert service.runtime.blobs.count() == 0
