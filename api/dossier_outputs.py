"""What a finished dossier job is turned into, by the owning packages' own code.

The HTML and XLSX reports are written by ``verify.dossier`` (the same writers
as ``hoso check --report``), the appraisal forms' input by
``docgen.from_appraisal`` (the same as ``hoso check --render``); the API only
re-reads the stored result and hands it over, so the CLI and the API cannot
disagree.

A finished job's result never changes, so each report is written once per
job and format, kept as a blob (a ``documents`` row ``report-<format>``) and
streamed from that file on every later download: a large dossier's
spreadsheet costs its seconds once, not on every click, and no download
holds the whole report in memory.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import Document, DossierJob
from api.downloads import MEDIA_TYPES
from api.errors import ApiError
from api.runtime import Runtime
from api.uploads import ensure_blob_row
from docgen.from_appraisal import APPRAISAL_FORMS, form_input
from verify.dossier import DossierResult
from verify.dossier.reports import render_report


def report_bytes(result: dict[str, Any], fmt: str, name: str | None = None) -> bytes:
    """The dossier report in ``json``, ``html`` or ``xlsx``; ``name``: the ZIP's own file name,
    shown instead of the server's path of the stored upload."""
    if name is not None:
        result = {**result, "source": name}
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2).encode()
    return render_report(DossierResult.model_validate(result), f".{fmt}")


def report_file(runtime: Runtime, session: Session, job: DossierJob, fmt: str) -> Path:
    """The stored report file of a finished job, written on the first download."""
    form_id = f"report-{fmt}"
    for document in session.scalars(
        select(Document).where(Document.job_id == job.id, Document.form_id == form_id)
    ):
        if runtime.blobs.exists(document.blob_sha256):
            return runtime.blobs.path_of(document.blob_sha256)
    assert job.result is not None
    blob = runtime.blobs.store_bytes(report_bytes(job.result, fmt, job.file_name), MEDIA_TYPES[fmt])
    ensure_blob_row(session, blob)
    session.add(
        Document(
            id=str(uuid.uuid4()),
            form_id=form_id,
            format=fmt,
            blob_sha256=blob.sha256,
            job_id=job.id,
        )
    )
    session.commit()
    return blob.path


def form_data(
    result: dict[str, Any], form_id: str, narrative: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The input of an appraisal form filled from the check; ``narrative`` wins on its fields."""
    if form_id not in APPRAISAL_FORMS:
        raise ApiError(
            f"Biểu mẫu '{form_id}' không điền từ kết quả kiểm tra hồ sơ; "
            f"chọn một trong: {', '.join(APPRAISAL_FORMS)}.",
            {"form": form_id, "allowed": list(APPRAISAL_FORMS)},
            code="FORM_NOT_FROM_DOSSIER",
        )
    checked = DossierResult.model_validate(result)
    return form_input(form_id, checked.assessment, checked.appraisal, narrative)
