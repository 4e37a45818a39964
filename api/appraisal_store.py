"""Dossiers in their chain, in the database: events in, state out.

A dossier's rows are its events (``appraisal_events``), appended one at a
time with the next ``seq`` — two people acting at the same instant cannot
both win (the unique key fails the second; it is answered 409 to reload).
The state is always replayed from the events by ``criteria.workflow``; the
columns of ``appraisal_dossiers`` (status, stage, the deadline due, whom it
waits for) are that state written down for listing and filtering, rewritten
with every event.

The check of the current round (the dossier job the unit submitted last)
gives the workflow its facts: the assessment and, per criterion, the
machine's reading of the evidence — the advice shown beside each decision.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.db.models import ApiKey, AppraisalDossier, AppraisalEvent, DossierJob, as_utc
from api.errors import ApiError, NotFound
from criteria import load_catalog
from criteria.actors import Actor, province_key, unit_key
from criteria.chain import Chain, chain_for
from criteria.deadlines import dossier_deadlines
from criteria.dossier_events import ActorRecord, Event
from criteria.workflow import RoundFacts, Workflow
from verify.dossier import DossierResult


@dataclass
class Loaded:
    """One dossier with everything an answer about it needs."""

    row: AppraisalDossier
    chain: Chain
    job: DossierJob
    result: DossierResult
    flow: Workflow


def round_facts(result: DossierResult) -> RoundFacts:
    return RoundFacts(load_catalog(result.assessment.catalog), result.assessment, result.appraisal)


def finished_result(job: DossierJob) -> DossierResult:
    if job.state != "done" or job.result is None:
        raise ApiError(
            "Hồ sơ chưa kiểm tra xong (hoặc kiểm tra không thành công): chỉ nộp được hồ sơ đã "
            "kiểm tra xong.",
            {"job": job.id, "state": job.state},
            code="JOB_NOT_FINISHED",
        )
    return DossierResult.model_validate(job.result)


def council_members(session: Session, province: str) -> list[str]:
    """Agencies of the active council-member keys of the province (who holds which criteria)."""
    rows = session.execute(
        select(ApiKey.actor_unit, ApiKey.actor_province).where(
            ApiKey.actor_kind == "thanh_vien", ApiKey.revoked_at.is_(None)
        )
    ).all()
    wanted = province_key(province)
    return sorted({u for u, p in rows if u and province_key(p) == wanted})


def to_event(row: AppraisalEvent) -> Event:
    data = dict(row.data or {})
    if row.job_id:
        data["job"] = row.job_id
    return Event(
        kind=row.kind,
        at=as_utc(row.at) or row.at,
        round=row.round,
        actor=ActorRecord(
            kind=row.actor_kind,
            unit=row.actor_unit,
            label=row.actor_label,
            key_id=row.actor_key_id,
        ),
        stage=row.stage,
        criterion=row.criterion,
        verdict=row.verdict,
        outcome=row.outcome,
        reason=row.reason,
        advice=row.advice,
        data=data,
    )


def event_rows(session: Session, dossier_id: str) -> list[AppraisalEvent]:
    query = select(AppraisalEvent).where(AppraisalEvent.dossier_id == dossier_id)
    return list(session.scalars(query.order_by(AppraisalEvent.seq)))


def load(session: Session, dossier_id: str) -> Loaded:
    row = session.get(AppraisalDossier, dossier_id[:64])
    if row is None:
        raise NotFound(f"Không có hồ sơ thẩm định '{dossier_id[:64]}'.")
    job = session.get(DossierJob, row.job_id)
    assert job is not None
    result = finished_result(job)
    chain = chain_for(row.catalog)
    events = [to_event(e) for e in event_rows(session, row.id)]
    members = council_members(session, row.province)
    flow = Workflow(chain, round_facts(result), events, members=members)
    return Loaded(row, chain, job, result, flow)


def new_dossier(
    session: Session, job: DossierJob, result: DossierResult, key: ApiKey, now: dt.datetime
) -> Loaded:
    """A dossier row for the unit's first submission (its events come next)."""
    unit = result.assessment.unit
    chain = chain_for(result.assessment.catalog)
    row = AppraisalDossier(
        id=str(uuid.uuid4()),
        chain_id=chain.id,
        catalog=result.assessment.catalog,
        tier=result.assessment.tier,
        year=result.assessment.year,
        unit_name=unit.name,
        unit_key=unit_key(unit.name),
        parent_name=unit.parent,
        parent_key=unit_key(unit.parent) or None,
        province=unit.province or chain.province,
        province_key=province_key(unit.province or chain.province),
        job_id=job.id,
        status="dang_xu_ly",
        round=0,
        created_by=key.id,
        created_at=now,
        updated_at=now,
        waiting=[],
    )
    session.add(row)
    members = council_members(session, row.province)
    flow = Workflow(chain, round_facts(result), members=members)
    return Loaded(row, chain, job, result, flow)


def open_dossier_of(session: Session, result: DossierResult) -> AppraisalDossier | None:
    """The unit's dossier for the same catalog, tier and year still in the chain, if any."""
    assessment = result.assessment
    query = select(AppraisalDossier).where(
        AppraisalDossier.unit_key == unit_key(assessment.unit.name),
        AppraisalDossier.catalog == assessment.catalog,
        AppraisalDossier.tier == assessment.tier,
        AppraisalDossier.year == assessment.year,
        AppraisalDossier.status.in_(("dang_xu_ly", "tra_lai")),
    )
    return session.scalars(query).first()


class ConcurrentUpdate(ApiError):
    code = "CONCURRENT_UPDATE"


def append(session: Session, loaded: Loaded, event: Event, now: dt.datetime) -> None:
    """Store ``event`` (already applied to ``loaded.flow``) and rewrite the dossier's columns."""
    seq = len(loaded.flow.state.events)
    job_id = event.data.get("job") if event.kind == "submitted" else None
    data = {k: v for k, v in event.data.items() if k != "job"}
    session.add(
        AppraisalEvent(
            dossier_id=loaded.row.id,
            seq=seq,
            at=event.at,
            kind=event.kind,
            round=event.round,
            stage=event.stage,
            criterion=event.criterion,
            verdict=event.verdict,
            outcome=event.outcome,
            reason=event.reason,
            advice=event.advice,
            job_id=job_id,
            actor_key_id=event.actor.key_id,
            actor_kind=event.actor.kind,
            actor_unit=event.actor.unit[:300],
            actor_label=event.actor.label[:500],
            data=data,
        )
    )
    if job_id:
        loaded.row.job_id = job_id
    refresh_columns(loaded, now)
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise ConcurrentUpdate(
            "Hồ sơ vừa được người khác cập nhật cùng lúc; tải lại hồ sơ rồi thực hiện lại.",
            code="CONCURRENT_UPDATE",
        ) from exc


def refresh_columns(loaded: Loaded, now: dt.datetime) -> None:
    state, row = loaded.flow.state, loaded.row
    row.status = state.status
    row.stage = state.stage
    row.round = state.round
    row.waiting = loaded.flow.waiting()
    deadlines = dossier_deadlines(loaded.chain, state, row.year, now)
    row.late = any(d.stage == "submission" and d.state == "tre_han" for d in deadlines)
    open_dues = [d.due for d in deadlines if d.open]
    row.due_at = min(open_dues) if open_dues else None
    row.updated_at = now


def visible(actor: Actor | None, key: ApiKey) -> Select[Any]:
    """The dossiers a key may list: its own unit's, its communes', its areas', its province's."""
    query = select(AppraisalDossier)
    if actor is None:
        if key.role == "admin":
            return query
        return query.where(AppraisalDossier.id.is_(None))  # a key without a unit sees none
    province = AppraisalDossier.province_key == province_key(actor.province)
    own = AppraisalDossier.unit_key == unit_key(actor.unit)
    if actor.kind == "huyen":
        return query.where(province, or_(own, AppraisalDossier.parent_key == unit_key(actor.unit)))
    if actor.kind == "bcd":
        areas = [unit_key(a) for a in actor.areas]
        return query.where(province, or_(own, AppraisalDossier.parent_key.in_(areas)))
    if actor.kind in ("so_tttt", "thanh_vien", "ubnd_tinh"):
        return query.where(province)
    return query.where(province, own)


def dossier_unit(row: AppraisalDossier) -> Any:
    """The unit of a listed dossier, enough for authority checks (``criteria.actors``)."""
    from criteria.assessment import Unit

    return Unit(
        name=row.unit_name,
        parent=row.parent_name,
        level=load_catalog(row.catalog).level,
        province=row.province,
    )
