"""What the API answers about a dossier in its chain, for one actor.

Everything here is a view of data other packages computed — the chain and
the replayed state (``criteria``), the check of the evidence (``verify``'s
dossier result) — shaped for the appraisers' page and other systems. Nothing
is decided here. A council member sees only the criteria in their charge:
their rows, their files, their part of the history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from api.appraisal_store import Loaded
from api.db.models import AppraisalDossier, as_utc
from criteria.actors import Actor
from criteria.chain import ACTOR_LABELS, Chain, Stage
from criteria.deadlines import DeadlineStatus, dossier_deadlines
from criteria.dossier_events import (
    CHOSEN_OUTCOMES,
    OUTCOME_LABELS,
    STATUS_LABELS,
    STOPS,
    Event,
    RecordedDecision,
    StageState,
)
from criteria.results import STATUS_LABELS as CHECK_LABELS
from verify.dossier import FileCheck

STAGE_STATE_LABELS = {
    "cho": "Chưa đến",
    "dang": "Đang xử lý",
    "xong": "Đã xong",
    "tra_lai": "Đã trả lại để bổ sung",
    "dung": "Hồ sơ dừng ở bước này",
}


def chain_json(chain: Chain) -> dict[str, Any]:
    """The chain as data: what each stage is, who acts, which form, which deadline."""
    return chain.model_dump(mode="json") | {
        "actor_labels": {s.id: ACTOR_LABELS[s.actor] for s in chain.stages}
    }


def deadline_json(status: DeadlineStatus) -> dict[str, Any]:
    return {
        "stage": status.stage,
        "label": status.label,
        "basis": status.basis,
        "due": status.due,
        "started": status.started,
        "done": status.done,
        "state": status.state,
        "state_label": status.state_label,
    }


def _actor_record(event_actor: Any) -> dict[str, Any]:
    return {"kind": event_actor.kind, "unit": event_actor.unit, "label": event_actor.label}


def decision_json(record: RecordedDecision) -> dict[str, Any]:
    return {
        "verdict": record.verdict,
        "label": record.label,
        "reason": record.reason,
        "advice": record.advice,
        "advice_label": CHECK_LABELS.get(record.advice or "", None),
        "differs_from_advice": record.differs_from_advice,
        "by": _actor_record(record.actor),
        "at": record.at,
        "round": record.round,
    }


def _stage_state(stage: Stage, state: StageState, loaded: Loaded) -> str:
    current = loaded.flow.state
    if current.stage == stage.id:
        return "dang"
    if not state.arrivals:
        return "cho"
    if current.status == "tra_lai" and current.returned_from == stage.id:
        return "tra_lai"
    return "dung" if state.arrivals[-1].outcome in STOPS else "xong"


def stage_json(loaded: Loaded, stage: Stage, actor: Actor | None) -> dict[str, Any]:
    state = loaded.flow.state.stages[stage.id]
    conclusion = state.conclusion
    status = _stage_state(stage, state, loaded)
    data = conclusion.data if conclusion else {}
    current = loaded.flow.state.stage == stage.id
    return {
        "id": stage.id,
        "name": stage.name,
        "kind": stage.kind,
        "actor": stage.actor,
        "actor_label": ACTOR_LABELS[stage.actor],
        "concluder": stage.concluder,
        "split": stage.split,
        "gate": stage.gate,
        "meeting": stage.records_meeting,
        "basis": stage.basis,
        "note": stage.note,
        "state": status,
        "state_label": STAGE_STATE_LABELS[status],
        "arrived_at": state.arrivals[-1].at if state.arrivals else None,
        "concluded_at": state.arrivals[-1].concluded_at if state.arrivals else None,
        "outcome": conclusion.outcome if conclusion else None,
        "outcome_label": OUTCOME_LABELS.get(conclusion.outcome or "") if conclusion else None,
        "reason": conclusion.reason if conclusion else None,
        "concluded_by": _actor_record(conclusion.actor) if conclusion else None,
        "rule": data.get("rule"),
        "meeting_record": data.get("meeting"),
        "decision_number": data.get("decision_number"),
        "decided": len(state.decisions),
        "missing": loaded.flow.missing(stage) if current and stage.kind == "appraise" else [],
        "outcomes": [
            {"id": o, "label": OUTCOME_LABELS[o]} for o in CHOSEN_OUTCOMES.get(stage.kind, ())
        ],
        "forms": [
            {
                "id": form.id,
                "layers": form.layers,
                "render": f"/appraisals/{loaded.row.id}/stages/{stage.id}/forms/{form.id}",
            }
            for form in stage.forms
        ],
        "you": _stage_you(loaded, stage, actor) if current else None,
    }


def _stage_you(loaded: Loaded, stage: Stage, actor: Actor | None) -> dict[str, Any]:
    """What the actor may do at the current stage."""
    from criteria.actors import may_act

    if actor is None:
        return {"may_decide": [], "may_conclude": False, "missing_mine": []}
    flow = loaded.flow
    decidable = (
        [i for i in flow.facts.scope() if flow.in_charge(actor, stage, i)]
        if stage.kind == "appraise"
        else []
    )
    return {
        "may_decide": decidable,
        "may_conclude": may_act(actor, stage.concluder, flow.unit),
        "missing_mine": [i for i in flow.missing(stage) if i in decidable],
    }


def _file_json(dossier_id: str, check: FileCheck) -> dict[str, Any]:
    report = check.report
    signatures = []
    if report is not None:
        for signature in report.signatures:
            summary = signature.summary
            signatures.append(
                {
                    "indication": signature.indication,
                    "headline": summary.headline if summary else None,
                    "lines": summary.lines if summary else signature.messages,
                }
            )
    return {
        "path": check.path,
        "name": check.path.rsplit("/", 1)[-1],
        "kind": check.kind,
        "sha256": check.sha256,
        "size": check.size,
        "counts": check.counts,
        "explanation": check.explanation,
        "document": check.document,
        "verdict": report.verdict if report else None,
        "accepted": report.accepted if report else None,
        "signatures": signatures,
        "reasons": [r.message for r in check.reasons],
        "url": (
            f"/appraisals/{dossier_id}/files/{check.sha256}"
            if check.kind == "pdf" and check.sha256
            else None
        ),
    }


def criteria_json(loaded: Loaded, actor: Actor | None) -> list[dict[str, Any]]:
    flow = loaded.flow
    visible = set(flow.visible_criteria(actor))
    scope = set(flow.facts.scope())
    current = flow.current()
    split = next((s for s in loaded.chain.stages if s.split == "by_appraiser"), None)
    rows = []
    for row in loaded.result.appraisal.criteria:
        if row.id not in visible:
            continue
        decisions = {
            stage_id: decision_json(state.decisions[row.id])
            for stage_id, state in flow.state.stages.items()
            if row.id in state.decisions
        }
        history = [
            decision_json(d) | {"stage": stage_id}
            for stage_id, state in flow.state.stages.items()
            for d in state.history
            if d.criterion == row.id
        ]
        mine = (
            actor is not None
            and current is not None
            and current.kind == "appraise"
            and row.id in scope
            and not flow.state.final
            and flow.state.status == "dang_xu_ly"
            and flow.in_charge(actor, current, row.id)
        )
        rows.append(
            {
                "id": row.id,
                "group": row.group,
                "name": row.name,
                "requirement_label": row.requirement_label,
                "target": row.target_text,
                "value": row.value_text,
                "self_status": row.self_status,
                "self_label": row.self_status_label,
                "in_scope": row.id in scope,
                "advice": {
                    "status": row.status,
                    "label": row.status_label,
                    "comment": row.comment,
                    "evidenced": row.evidenced,
                    "documents": row.documents,
                    "reasons": [r.message for r in row.reasons],
                    "requirements": [r.model_dump() for r in row.requirements],
                },
                "explanation": (
                    {"text": row.explanation, "file": row.explanation_file}
                    if row.explanation
                    else None
                ),
                "files": [_file_json(loaded.row.id, f) for f in loaded.result.files_of(row.id)],
                "keeper": flow.keeper(split, row.id) if split and row.id in scope else None,
                "decisions": decisions,
                "history": history,
                "mine": mine,
            }
        )
    return rows


def timeline_json(loaded: Loaded, actor: Actor | None) -> list[dict[str, Any]]:
    """The dossier's history: every event, but a council member's view hides others' criteria."""
    visible = set(loaded.flow.visible_criteria(actor))
    chain = loaded.chain
    out = []
    for event in loaded.flow.state.events:
        if event.criterion and event.criterion not in visible:
            continue
        out.append(_event_json(chain, event))
    return out


def _event_json(chain: Chain, event: Event) -> dict[str, Any]:
    stage = chain.stage(event.stage) if event.stage else None
    return {
        "kind": event.kind,
        "at": event.at,
        "round": event.round,
        "stage": event.stage,
        "stage_name": stage.name if stage else None,
        "criterion": event.criterion,
        "verdict": event.verdict,
        "outcome": event.outcome,
        "outcome_label": OUTCOME_LABELS.get(event.outcome or ""),
        "reason": event.reason,
        "advice": event.advice,
        "by": _actor_record(event.actor),
        "late": event.data.get("late"),
        "job": event.data.get("job"),
    }


def dossier_json(loaded: Loaded, actor: Actor | None, now: dt.datetime) -> dict[str, Any]:
    flow, row, chain = loaded.flow, loaded.row, loaded.chain
    state = flow.state
    deadlines = dossier_deadlines(chain, state, row.year, now)
    return summary_json(row, chain, actor, now) | {
        "chain": chain_json(chain),
        "unit": loaded.result.assessment.unit.model_dump(),
        "self_decision": loaded.result.appraisal.self_decision.model_dump(mode="json"),
        "checked_decision": loaded.result.appraisal.decision.model_dump(mode="json"),
        "submitted_at": state.submitted_at,
        "last_submitted_at": state.last_submitted_at,
        "deadlines": [deadline_json(d) for d in deadlines],
        "stages": [stage_json(loaded, s, actor) for s in chain.stages],
        "returned_from": state.returned_from,
        "requests": [
            {
                "stage": r.stage,
                "criterion": r.criterion,
                "reason": r.reason,
                "by": _actor_record(r.actor),
                "at": r.at,
            }
            for r in state.requests
            if r.criterion is None or r.criterion in set(flow.visible_criteria(actor))
        ],
        "may_resubmit": actor is not None and state.status == "tra_lai" and flow.may_submit(actor),
        "awaits_you": actor is not None and flow.awaits(actor),
        "criteria": criteria_json(loaded, actor),
        "timeline": timeline_json(loaded, actor),
        "job": {
            "id": loaded.job.id,
            "file_name": loaded.job.file_name,
            "page": f"/?job={loaded.job.id}",
        },
    }


def summary_json(
    row: AppraisalDossier, chain: Chain, actor: Actor | None, now: dt.datetime
) -> dict[str, Any]:
    """A dossier as the queues list it (from its columns; nothing replayed)."""
    from api.appraisal_store import dossier_unit
    from criteria.workflow import waits_for

    stage = chain.stage(row.stage) if row.stage else None
    due = as_utc(row.due_at)
    awaits = actor is not None and waits_for(
        list(row.waiting or []), actor, dossier_unit(row), chain_level(row)
    )
    return {
        "id": row.id,
        "unit_name": row.unit_name,
        "parent_name": row.parent_name,
        "province": row.province,
        "catalog": row.catalog,
        "tier": row.tier,
        "year": row.year,
        "chain_id": row.chain_id,
        "status": row.status,
        "status_label": STATUS_LABELS[row.status],
        "stage": stage.id if stage else None,
        "stage_name": stage.name if stage else None,
        "round": row.round,
        "late": row.late,
        "due_at": due,
        "overdue": bool(due and due < now and row.status == "dang_xu_ly"),
        "waiting": row.waiting,
        "awaits_you": awaits,
        "created_at": as_utc(row.created_at),
        "updated_at": as_utc(row.updated_at),
        "links": {"self": f"/appraisals/{row.id}"},
    }


def chain_level(row: AppraisalDossier) -> str:
    from criteria import load_catalog

    return load_catalog(row.catalog).level
