"""Producing a document for a response: DOCX from docgen, PDF through the pool,
kept as a blob with a ``documents`` row and an audit entry.

Shared by ``POST /forms/{id}/render`` and ``POST /dossiers/{id}/render/{form}``
so both keep what they generate the same way.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Literal

from fastapi import Response
from sqlalchemy.orm import Session

import docgen
from api import audit
from api.db.models import ApiKey, Document
from api.downloads import MEDIA_TYPES, document_response
from api.errors import ApiError
from api.runtime import Runtime
from api.signing import server_signing
from api.uploads import ensure_blob_row

DocumentFormat = Literal["docx", "pdf", "pdfa"]
"""``pdfa``: a PDF/A-2b (long-term archiving: every font embedded), served as ``.pdf``."""


def file_base_name(form_id: str) -> str:
    """``Mẫu 02 — Báo cáo ... (kèm Phụ lục 02)`` → ``Mẫu 02 - Báo cáo ...``."""
    title = docgen.get_form(form_id).title
    return title.split(" (")[0].replace(" — ", " - ")


def render_document(
    runtime: Runtime,
    session: Session,
    key: ApiKey,
    form_id: str,
    data: Any,
    fmt: DocumentFormat,
    *,
    job_id: str | None = None,
    sign: bool = False,
    appraisal: tuple[str, str] | None = None,
) -> Response:
    """Render (and with ``sign`` sign, with the server's key) and keep the document.

    ``appraisal``: (dossier id, stage id) of a form made from a chain stage's decisions.
    """
    if sign and fmt == "docx":
        raise ApiError(
            "Chỉ ký số được văn bản PDF: dùng format=pdf hoặc format=pdfa.", code="OPTIONS_INVALID"
        )
    content = docgen.render(form_id, data)
    if fmt in ("pdf", "pdfa"):
        content = runtime.converters.convert(content, pdfa=fmt == "pdfa")
    if sign:
        from docgen.signing import sign_pdf

        with server_signing(runtime.settings) as options:
            content = sign_pdf(content, options)
    fmt = "pdf" if fmt == "pdfa" else fmt
    blob = runtime.blobs.store_bytes(content, MEDIA_TYPES[fmt])
    ensure_blob_row(session, blob)
    document_id = str(uuid.uuid4())
    session.add(
        Document(
            id=document_id,
            form_id=form_id,
            format=fmt,
            blob_sha256=blob.sha256,
            job_id=job_id,
            appraisal_id=appraisal[0] if appraisal else None,
            stage=appraisal[1] if appraisal else None,
            created_by=key.id,
        )
    )
    audit.record(
        session,
        key,
        "render",
        "document",
        document_id,
        blob_sha256=blob.sha256,
        form=form_id,
        **({"appraisal": appraisal[0], "stage": appraisal[1]} if appraisal else {}),
    )
    session.commit()
    response = document_response(content, fmt, file_base_name(form_id))
    response.headers["X-Document-Id"] = document_id
    warnings = docgen.input_warnings(form_id, data)
    if warnings:
        # Facts that contradict each other: the document is made, the caller should look.
        response.headers["X-Warnings"] = json.dumps(
            [{"code": w.code, "path": w.path, "message": w.message} for w in warnings]
        )
    return response
