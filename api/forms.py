"""``GET /forms``, ``GET /forms/{id}/schema``, ``POST /forms/{id}/render?format=docx|pdf``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Query, Response

import docgen
from api.auth import Reader, Renderer
from api.deps import RuntimeDep, SessionDep
from api.documents import DocumentFormat, render_document

router = APIRouter(prefix="/forms", tags=["forms"])


@router.get("")
def list_forms(_key: Reader) -> list[dict[str, str]]:
    return [
        {"id": f.id, "title": f.title, "family": f.family, "description": f.description}
        for f in docgen.all_forms()
    ]


@router.get("/{form_id}/schema")
def form_schema(form_id: str, _key: Reader) -> dict[str, Any]:
    return docgen.get_form(form_id).json_schema()


@router.post(
    "/{form_id}/render",
    response_class=Response,
    responses={
        200: {
            "content": {
                "application/pdf": {},
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
            }
        }
    },
)
def render_form(
    form_id: str,
    key: Renderer,
    runtime: RuntimeDep,
    session: SessionDep,
    data: dict[str, Any] = Body(...),
    format: DocumentFormat = Query("docx", description="docx, pdf hoặc pdfa (PDF/A-2b)"),
    sign: bool = Query(False, description="Ký số bằng khóa của máy chủ (chỉ với pdf/pdfa)"),
) -> Response:
    """The filled form; a Vietnamese file name in ``Content-Disposition`` (``filename*``)."""
    return render_document(runtime, session, key, form_id, data, format, sign=sign)
