"""``/appraisals``: a unit's dossier carried through its appraisal chain, and ``/chains``.

The unit submits a checked dossier (a finished ``/dossiers`` job); each
actor of the current stage records a decision per criterion with its reason,
or concludes the stage; the unit resubmits after a return for supplement; a
stage's form is rendered from the recorded decisions. Every rule — turn,
authority, reasons, completeness, gates, deadlines — is ``criteria``'s
(:mod:`criteria.workflow`); this router only loads, stores and answers, and
writes each action to the audit log with who, when and why.

Who sees what: the key's actor (``api.key_actors``). A commune sees its own
dossiers, a district its communes', a steering-committee member the
communes of their districts, province-level actors their province's; a
council member sees only the criteria in their charge. A key without an
actor takes no part (an admin key may look at everything, read-only).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Response, status
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field

from api import appraisal_actions as actions
from api import audit
from api.appraisal_store import Loaded, load, visible
from api.appraisal_views import chain_json, dossier_json, summary_json
from api.auth import CurrentKey, Renderer
from api.db.models import ApiKey, DossierJob
from api.deps import RuntimeDep, SessionDep
from api.documents import DocumentFormat, render_document
from api.downloads import content_disposition
from api.errors import ApiError, Forbidden, NotFound
from api.evidence_files import evidence_blob
from api.key_actors import actor_of
from api.uploads import ensure_blob_row
from criteria.actors import Actor, may_see, same_unit
from criteria.chain import all_chains, chain_for
from criteria.dossier_events import REASON_MAX
from docgen.from_chain import chain_form_input, form_problems

router = APIRouter(tags=["appraisals"])

View = Literal["cho_toi", "tat_ca", "qua_han"]


class Submission(BaseModel):
    model_config = ConfigDict(extra="forbid")

    job_id: str = Field(
        min_length=1, max_length=64, description="Mã lần kiểm tra hồ sơ (/dossiers)"
    )


class DecisionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: str = Field(description="dat | khong_dat | yeu_cau_bo_sung")
    reason: str = Field(
        "", max_length=REASON_MAX * 2, description="Lý do (bắt buộc trừ Đạt khớp kết quả kiểm tra)"
    )


class Conclusion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: str | None = Field(
        None,
        description="Bước tiếp nhận: day_du | bo_sung; họp Hội đồng: de_nghi | khong_de_nghi; "
        "công nhận: cong_nhan | khong_cong_nhan; bước thẩm định: bỏ trống (theo các quyết định)",
    )
    reason: str = Field("", max_length=REASON_MAX * 2)
    meeting: dict[str, Any] | None = Field(
        None,
        description="Biên bản cuộc họp (Biểu 02): date, start, end, place, chair, secretary, "
        "members, presenter, vote {total, yes}",
    )
    decision_number: str | None = Field(None, max_length=100, description="Số quyết định công nhận")
    decision_date: dt.date | None = Field(None, description="Ngày quyết định công nhận")


def now_of(runtime: Any) -> dt.datetime:
    moment: dt.datetime = runtime.clock()
    return moment


def chain_actor(key: ApiKey) -> Actor:
    actor = actor_of(key)
    if actor is None:
        raise Forbidden(
            "Khóa API này chưa gắn với đơn vị hay thành viên hội đồng nào nên không tham gia "
            "trình tự thẩm định; đề nghị quản trị viên cấp khóa có vai trò (hoso keys create "
            "--actor …).",
            {"role": key.role},
        )
    return actor


def seen(session: Any, key: ApiKey, dossier_id: str) -> tuple[Loaded, Actor | None]:
    """The dossier, if the key may see it (404 otherwise: its existence does not leak)."""
    loaded = load(session, dossier_id)
    actor = actor_of(key)
    if actor is None and key.role == "admin":
        return loaded, None
    if actor is None or not may_see(actor, loaded.flow.unit):
        raise NotFound(f"Không có hồ sơ thẩm định '{dossier_id[:64]}'.")
    return loaded, actor


def own_job(session: Any, key: ApiKey, actor: Actor, job_id: str) -> DossierJob:
    """A dossier check the submitting unit made (its own key, or another key of the same unit)."""
    job = session.get(DossierJob, job_id[:64])
    owner = session.get(ApiKey, job.owner_key_id) if job and job.owner_key_id else None
    mine = owner is not None and (owner.id == key.id or same_unit(owner.actor_unit, actor.unit))
    if job is None or not mine:
        raise NotFound(f"Không có lần kiểm tra hồ sơ '{job_id[:64]}' của đơn vị này.")
    return job


@router.get("/chains")
def list_chains(_key: CurrentKey) -> list[dict[str, Any]]:
    """Every appraisal chain: stages, actors, forms and deadlines, as read from the seeds."""
    return [chain_json(c) for c in all_chains()]


@router.get("/chains/{catalog_id}")
def get_chain(catalog_id: str, _key: CurrentKey) -> dict[str, Any]:
    return chain_json(chain_for(catalog_id[:100]))


@router.get("/appraisals")
def list_appraisals(
    key: CurrentKey,
    runtime: RuntimeDep,
    session: SessionDep,
    view: View = Query("tat_ca", description="cho_toi: chờ tôi xử lý; qua_han: quá hạn"),
    limit: int = Query(200, ge=1, le=1000),
) -> dict[str, Any]:
    """The dossiers this key may see; ``cho_toi`` those waiting for it, ``qua_han`` the overdue."""
    actor = actor_of(key)
    now = now_of(runtime)
    rows = session.scalars(visible(actor, key).order_by(_updated_desc()).limit(limit))
    items = [summary_json(row, chain_for(row.catalog), actor, now) for row in rows]
    if view == "cho_toi":
        items = [i for i in items if i["awaits_you"]]
    elif view == "qua_han":
        items = [i for i in items if i["overdue"]]
    return {"view": view, "count": len(items), "items": items}


def _updated_desc() -> Any:
    from api.db.models import AppraisalDossier

    return AppraisalDossier.updated_at.desc()


@router.post("/appraisals", status_code=status.HTTP_201_CREATED)
def submit(
    request: Submission,
    key: CurrentKey,
    runtime: RuntimeDep,
    session: SessionDep,
    response: Response,
) -> dict[str, Any]:
    """The unit sends its checked dossier into its chain (the first stage receives it)."""
    actor = chain_actor(key)
    job = own_job(session, key, actor, request.job_id)
    now = now_of(runtime)
    loaded = actions.submit(session, key, actor, job, now)
    session.commit()
    response.headers["Location"] = f"/appraisals/{loaded.row.id}"
    return dossier_json(loaded, actor, now)


@router.get("/appraisals/{dossier_id}")
def get_appraisal(
    dossier_id: str, key: CurrentKey, runtime: RuntimeDep, session: SessionDep
) -> dict[str, Any]:
    loaded, actor = seen(session, key, dossier_id)
    return dossier_json(loaded, actor, now_of(runtime))


@router.post("/appraisals/{dossier_id}/resubmit")
def resubmit(
    dossier_id: str,
    request: Submission,
    key: CurrentKey,
    runtime: RuntimeDep,
    session: SessionDep,
) -> dict[str, Any]:
    """The unit sends the supplemented dossier back (a new check of the whole dossier)."""
    loaded, _seen = seen(session, key, dossier_id)
    actor = chain_actor(key)
    job = own_job(session, key, actor, request.job_id)
    now = now_of(runtime)
    actions.resubmit(session, key, actor, loaded, job, now)
    session.commit()
    return dossier_json(loaded, actor, now)


@router.put("/appraisals/{dossier_id}/stages/{stage_id}/criteria/{criterion_id}")
def decide(
    dossier_id: str,
    stage_id: str,
    criterion_id: str,
    request: DecisionRequest,
    key: CurrentKey,
    runtime: RuntimeDep,
    session: SessionDep,
) -> dict[str, Any]:
    """Record Đạt, Không đạt or Yêu cầu bổ sung for one criterion, with the reason."""
    loaded, _seen = seen(session, key, dossier_id)
    actor = chain_actor(key)
    now = now_of(runtime)
    actions.decide(
        session, key, actor, loaded, stage_id[:30], criterion_id[:50], request.verdict,
        request.reason, now,
    )  # fmt: skip
    session.commit()
    return dossier_json(loaded, actor, now)


@router.post("/appraisals/{dossier_id}/stages/{stage_id}/conclude")
def conclude(
    dossier_id: str,
    stage_id: str,
    request: Conclusion,
    key: CurrentKey,
    runtime: RuntimeDep,
    session: SessionDep,
) -> dict[str, Any]:
    """Close the current stage: onward, back to the unit, stopped, or the final decision."""
    loaded, _seen = seen(session, key, dossier_id)
    actor = chain_actor(key)
    now = now_of(runtime)
    data: dict[str, Any] = {}
    if request.meeting is not None:
        data["meeting"] = request.meeting
    if request.decision_number:
        data["decision_number"] = request.decision_number
    if request.decision_date:
        data["decision_date"] = request.decision_date.isoformat()
    actions.conclude(
        session, key, actor, loaded, stage_id[:30], now, outcome=request.outcome,
        reason=request.reason, data=data,
    )  # fmt: skip
    session.commit()
    return dossier_json(loaded, actor, now)


@router.post("/appraisals/{dossier_id}/stages/{stage_id}/forms/{form_id}", response_class=Response)
def render_stage_form(
    dossier_id: str,
    stage_id: str,
    form_id: str,
    key: Renderer,
    runtime: RuntimeDep,
    session: SessionDep,
    format: DocumentFormat = Query("docx", description="docx, pdf hoặc pdfa"),
    sign: bool = Query(False, description="Ký số bằng khóa của máy chủ (pdf/pdfa)"),
    narrative: Annotated[
        dict[str, Any] | None,
        Body(description="Trường tự viết của biểu mẫu (số, người ký, nhận xét...)"),
    ] = None,
) -> Response:
    """The stage's form filled from the recorded decisions, ready to sign."""
    loaded, actor = seen(session, key, dossier_id)
    if actor is not None and actor.kind == "thanh_vien":
        raise Forbidden(
            "Biểu mẫu tổng hợp toàn bộ tiêu chí do Sở Thông tin và Truyền thông lập; thành viên "
            "Hội đồng chỉ xem các tiêu chí mình phụ trách."
        )
    stage = loaded.chain.stage(stage_id[:30])
    form = next((f for f in stage.forms if f.id == form_id), None) if stage else None
    if stage is None or form is None:
        raise NotFound(f"Bước '{stage_id[:30]}' của trình tự không có biểu mẫu '{form_id[:30]}'.")
    state = loaded.flow.state
    if not state.stages[stage.id].reached:
        raise ApiError(f"Hồ sơ chưa đến bước “{stage.name}”.", code="FORM_NOT_READY")
    problems = form_problems(form, stage, state, loaded.flow.facts.scope())
    if problems:
        raise ApiError(
            f"Chưa lập được {form.id}: " + "; ".join(problems) + ".",
            problems,
            code="FORM_NOT_READY",
        )
    data = chain_form_input(
        form,
        stage,
        state,
        loaded.result.assessment,
        loaded.result.appraisal,
        narrative,
    )
    return render_document(
        runtime, session, key, form.id, data, format, sign=sign, appraisal=(loaded.row.id, stage.id)
    )


@router.get("/appraisals/{dossier_id}/files/{sha256}", response_class=FileResponse)
def evidence_file(
    dossier_id: str, sha256: str, key: CurrentKey, runtime: RuntimeDep, session: SessionDep
) -> FileResponse:
    """An evidence PDF of the dossier, exactly as verified (the panel shows it beside its report)."""
    loaded, actor = seen(session, key, dossier_id)
    visible_ids = set(loaded.flow.visible_criteria(actor))
    check = next(
        (
            f
            for f in loaded.result.files
            if f.sha256 == sha256[:64] and f.kind == "pdf" and f.criterion_id in visible_ids
        ),
        None,
    )
    if check is None:
        raise NotFound(
            "Không có tệp minh chứng này trong hồ sơ (hoặc không thuộc tiêu chí bạn phụ trách)."
        )
    blob = evidence_blob(runtime.blobs, loaded.job.blob_sha256, sha256[:64], check.size)
    ensure_blob_row(session, blob)
    audit.record(
        session, key, "view_evidence", "appraisal", loaded.row.id, blob_sha256=blob.sha256,
        file=check.path,
    )  # fmt: skip
    session.commit()
    name = check.path.rsplit("/", 1)[-1]
    return FileResponse(
        blob.path,
        media_type="application/pdf",
        headers={"Content-Disposition": content_disposition(name, "inline")},
    )
