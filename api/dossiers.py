"""``/dossiers``: submit a dossier ZIP (202 + job id), follow it, get its reports
and render the appraisal forms from it.

A submitter sees only its own jobs; another submitter's job answers 404, as
if it did not exist. Reviewers and admins see every job.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, File, Form, Query, Response, UploadFile, status

from api import audit
from api.auth import DossierSubmitter, Renderer, can
from api.db.models import ApiKey, DossierJob, as_utc
from api.deps import RuntimeDep, SessionDep
from api.documents import DocumentFormat, render_document
from api.dossier_outputs import form_data, report_file
from api.downloads import file_response
from api.errors import ApiError, NotFound
from api.policies import request_policy
from api.trust import trust_fingerprint
from api.uploads import store_upload, upload_name
from docgen.from_appraisal import APPRAISAL_FORMS

router = APIRouter(prefix="/dossiers", tags=["dossiers"])

ReportFormat = Literal["json", "html", "xlsx"]


def job_json(job: DossierJob) -> dict[str, Any]:
    total = job.progress_total
    return {
        "id": job.id,
        "file_name": job.file_name,
        "sha256": job.blob_sha256,
        "state": job.state,
        "progress": {
            "done": job.progress_done,
            "total": total,
            "percent": round(100 * job.progress_done / total) if total else 0,
        },
        "attempts": job.attempts,
        "policy": job.policy_version,
        "created_at": as_utc(job.created_at),
        "started_at": as_utc(job.started_at),
        "finished_at": as_utc(job.finished_at),
        "error": job.error,
        "links": {
            "self": f"/dossiers/{job.id}",
            "reports": {
                f: f"/dossiers/{job.id}/report?format={f}" for f in ("json", "html", "xlsx")
            },
            "render": {f: f"/dossiers/{job.id}/render/{f}" for f in APPRAISAL_FORMS},
        },
    }


def visible_job(session: Any, key: ApiKey, job_id: str) -> DossierJob:
    job = session.get(DossierJob, job_id[:64])
    if job is None or (not can(key, "see_all") and job.owner_key_id != key.id):
        raise NotFound(f"Không có hồ sơ '{job_id[:64]}'.")
    return job


def finished_result(job: DossierJob) -> dict[str, Any]:
    if job.state == "failed":
        error = job.error or {}
        raise ApiError(
            error.get("message", "Kiểm tra hồ sơ không thành công."),
            error.get("details"),
            code=error.get("code", "DOSSIER_INVALID"),
        )
    if job.state != "done" or job.result is None:
        raise ApiError(
            "Hồ sơ đang được kiểm tra; hãy đợi đến khi hoàn tất.",
            {"state": job.state},
            code="JOB_NOT_FINISHED",
        )
    return job.result


@router.post("", status_code=status.HTTP_202_ACCEPTED)
def submit_dossier(
    key: DossierSubmitter,
    runtime: RuntimeDep,
    session: SessionDep,
    response: Response,
    file: Annotated[UploadFile, File(description="Hồ sơ dạng ZIP")],
    policy: Annotated[
        str | None,
        Form(description="Chính sách kiểm tra: strict (mặc định của máy chủ), vn-legacy…"),
    ] = None,
) -> dict[str, Any]:
    chosen = request_policy(runtime.settings, policy)
    blob = store_upload(runtime, session, file, "zip")
    job = DossierJob(
        id=str(uuid.uuid4()),
        owner_key_id=key.id,
        blob_sha256=blob.sha256,
        file_name=upload_name(file, "ho-so.zip"),
        policy_version=chosen.cache_key,
        trust_fingerprint=trust_fingerprint(runtime.settings.trust_paths),
    )
    session.add(job)
    audit.record(session, key, "submit", "dossier_job", job.id, blob_sha256=blob.sha256)
    session.commit()
    runtime.queue.submitted(job.id)
    response.headers["Location"] = f"/dossiers/{job.id}"
    return job_json(job)


@router.get("/{job_id}")
def get_dossier(job_id: str, key: DossierSubmitter, session: SessionDep) -> dict[str, Any]:
    return job_json(visible_job(session, key, job_id))


@router.get("/{job_id}/report", response_class=Response)
def get_report(
    job_id: str,
    key: DossierSubmitter,
    runtime: RuntimeDep,
    session: SessionDep,
    format: ReportFormat = Query("json"),
) -> Response:
    """The report, written once per job and format, then streamed from its file."""
    job = visible_job(session, key, job_id)
    finished_result(job)
    path = report_file(runtime, session, job, format)
    audit.record(session, key, "download_report", "dossier_job", job.id, format=format)
    session.commit()
    base = f"Báo cáo kiểm tra hồ sơ - {job.file_name.rsplit('.', 1)[0]}"
    return file_response(path, format, base)


@router.post("/{job_id}/render/{form_id}", response_class=Response)
def render_from_dossier(
    job_id: str,
    form_id: str,
    key: Renderer,
    runtime: RuntimeDep,
    session: SessionDep,
    format: DocumentFormat = Query("docx"),
    narrative: dict[str, Any] | None = Body(
        None, description="Các trường tự viết của biểu mẫu (người ký, số, nhận xét...)"
    ),
) -> Response:
    """Mẫu 02, Mẫu 04 or Biểu 03 filled from the check (the CLI's ``--render``)."""
    job = visible_job(session, key, job_id)
    data = form_data(finished_result(job), form_id, narrative)
    return render_document(runtime, session, key, form_id, data, format, job_id=job.id)
