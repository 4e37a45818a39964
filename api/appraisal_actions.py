"""The four actions on a dossier in its chain, each stored with its audit entry.

Submit, resubmit, decide, conclude: the rules are ``criteria.workflow``'s;
here each allowed action's event is appended (``api.appraisal_store``) and
written to the audit log — who (the key), when, what and why — in the same
transaction, which the caller commits. The routes of ``api.appraisals`` call
these with the service's clock; ``examples/province`` calls them with the
dates of a story, so a newcomer finds dossiers with a past.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from api import audit
from api.appraisal_store import (
    Loaded,
    append,
    finished_result,
    new_dossier,
    open_dossier_of,
    round_facts,
)
from api.db.models import ApiKey, DossierJob
from api.errors import ApiError
from criteria.actors import Actor, same_unit
from criteria.chain import chain_for
from criteria.deadlines import submission_status


def submit(
    session: Session, key: ApiKey, actor: Actor, job: DossierJob, now: dt.datetime
) -> Loaded:
    """The unit sends its checked dossier into its chain; a late first submission is flagged."""
    result = finished_result(job)
    chain_for(result.assessment.catalog)
    already = open_dossier_of(session, result)
    if already is not None:
        raise ApiError(
            f"{result.assessment.unit.name} đã có hồ sơ năm {result.assessment.year} đang thẩm "
            "định; nếu bị trả lại, hãy nộp lại hồ sơ đó thay vì tạo hồ sơ mới.",
            {"appraisal": already.id},
            code="DOSSIER_ALREADY_OPEN",
        )
    loaded = new_dossier(session, job, result, key, now)
    deadline = loaded.chain.submission.deadline
    late = deadline is not None and (
        submission_status(deadline, loaded.row.year, now).state == "tre_han"
    )
    event = loaded.flow.submit(actor, now, {"job": job.id, "late": late}, key.id)
    append(session, loaded, event, now)
    audit.record(
        session, key, "appraisal_submit", "appraisal", loaded.row.id, job=job.id, late=late,
        unit=actor.unit,
    )  # fmt: skip
    return loaded


def resubmit(
    session: Session, key: ApiKey, actor: Actor, loaded: Loaded, job: DossierJob, now: dt.datetime
) -> None:
    """The unit sends the supplemented dossier back: same unit, catalog, tier and year."""
    result = finished_result(job)
    before, after = loaded.result.assessment, result.assessment
    same_identity = (before.catalog, before.tier, before.year) == (
        after.catalog,
        after.tier,
        after.year,
    )
    if not (same_unit(before.unit.name, after.unit.name) and same_identity):
        raise ApiError(
            f"Hồ sơ nộp lại phải cùng đơn vị, bộ tiêu chí, mức và năm với hồ sơ đang thẩm định "
            f"({before.unit.name}, {before.catalog}, {before.tier}, {before.year}).",
            {"expected": [before.unit.name, before.catalog, before.tier, before.year]},
            code="RESUBMISSION_INVALID",
        )
    loaded.flow.facts = round_facts(result)
    event = loaded.flow.submit(actor, now, {"job": job.id}, key.id)
    loaded.result, loaded.job = result, job
    append(session, loaded, event, now)
    audit.record(
        session, key, "appraisal_resubmit", "appraisal", loaded.row.id, job=job.id,
        round=event.round,
    )  # fmt: skip


def decide(
    session: Session,
    key: ApiKey,
    actor: Actor,
    loaded: Loaded,
    stage_id: str,
    criterion_id: str,
    verdict: str,
    reason: str,
    now: dt.datetime,
) -> None:
    """Đạt, Không đạt or Yêu cầu bổ sung for one criterion, with the check's advice beside it."""
    event = loaded.flow.decide(actor, stage_id, criterion_id, verdict, reason, now, key.id)
    append(session, loaded, event, now)
    audit.record(
        session,
        key,
        "appraisal_decide",
        "appraisal",
        loaded.row.id,
        stage=event.stage,
        criterion=event.criterion,
        verdict=event.verdict,
        reason=event.reason,
        advice=event.advice,
        differs_from_advice=event.data.get("differs_from_advice"),
        by=actor.label,
    )


def conclude(
    session: Session,
    key: ApiKey,
    actor: Actor,
    loaded: Loaded,
    stage_id: str,
    now: dt.datetime,
    *,
    outcome: str | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    """Close the current stage: onward, back to the unit, stopped, or the final decision."""
    event = loaded.flow.conclude(
        actor, stage_id, now, outcome=outcome, reason=reason, data=data, key_id=key.id
    )
    append(session, loaded, event, now)
    audit.record(
        session,
        key,
        "appraisal_conclude",
        "appraisal",
        loaded.row.id,
        stage=event.stage,
        outcome=event.outcome,
        reason=event.reason,
        by=actor.label,
    )
