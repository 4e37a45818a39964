"""The state machine that moves a dossier along its chain (plain Python, no web types).

``Workflow(chain, facts, events)`` replays a dossier's events into its state
(:class:`criteria.dossier_events.DossierState`) and offers the three actions
the seeds describe — submit (or resubmit after a return), decide a criterion,
conclude a stage. Each action checks everything first (turn, authority,
scope, reason, completeness) and raises ``WorkflowError`` with a Vietnamese
message saying what to do; when allowed it returns the new event, already
applied. The caller stores the event; the state is always recomputed from
stored events, never stored itself.

Rules taken from the seeds (and the choices where they are silent):

* a decision is Đạt, Không đạt or Yêu cầu bổ sung with a reason; the reason
  may be left out only for Đạt where the check of the evidence said Đạt too.
  The check's status is recorded beside the decision (``advice``) and never
  replaced;
* a stage concludes when every criterion in its scope has a decision. Any
  Yêu cầu bổ sung returns the dossier to the unit with what to add; a gate
  stage passes the dossier on only when the catalog's recognition rule holds
  on its decisions, otherwise the dossier stops there (Không đạt);
* the resubmitted dossier goes back to the stage that returned it; that
  stage's requests are cleared (they need a new decision), its other
  decisions and every earlier stage's stay;
* criteria the unit itself reports as not applicable ("nếu có") or without
  a target to judge take no decision: they keep the unit's reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from criteria.actors import (
    STANDING_BODY,
    Actor,
    criterion_keeper,
    is_own_unit,
    keeps,
    may_act,
    may_see,
    same_agency,
)
from criteria.appraisal import Appraisal
from criteria.assessment import Assessment
from criteria.catalog import Catalog, Criterion
from criteria.chain import ACTOR_LABELS, UNIT_ACTOR, Chain, Stage
from criteria.dossier_events import (
    CHOSEN_OUTCOMES,
    MOVES_ON,
    OUTCOME_LABELS,
    REASON_MAX,
    RETURNS,
    STOPS,
    VERDICT_LABELS,
    ActorRecord,
    Arrival,
    DossierState,
    Event,
    MeetingRecord,
    RecordedDecision,
    StageState,
    SupplementRequest,
    WorkflowError,
    differs,
)
from criteria.engine import evaluate
from criteria.problems import problems_from_pydantic
from criteria.results import STATUS_LABELS, Decision
from criteria.rules import decide as apply_rule

OUT_OF_SCOPE = frozenset({"khong_ap_dung", "khong_danh_gia"})
"""The unit's own readings that take no decision (nothing to judge)."""


@dataclass(frozen=True)
class RoundFacts:
    """The current round's dossier as checked: the assessment and the check per criterion."""

    catalog: Catalog
    assessment: Assessment
    appraisal: Appraisal

    def scope(self) -> list[str]:
        """Criteria that take a decision, in catalog order."""
        return [c.id for c in self.appraisal.criteria if c.self_status not in OUT_OF_SCOPE]

    def advice(self, criterion_id: str) -> str | None:
        row = self.appraisal.criterion(criterion_id)
        return row.status if row else None

    def criterion(self, criterion_id: str) -> Criterion:
        found = self.catalog.find(criterion_id, self.appraisal.tier)
        assert found is not None, criterion_id
        return found

    def rule_on(self, verdicts: dict[str, str]) -> Decision:
        """The catalog's recognition rule on ``verdicts`` (other criteria keep the unit's reading)."""
        evaluated = evaluate(self.assessment)
        results = [
            r.model_copy(update={"status": s, "status_label": STATUS_LABELS[s]})
            for r in evaluated.criteria
            for s in [verdicts.get(r.id, r.status)]
        ]
        return apply_rule(self.catalog, self.assessment, results, evaluated.citizens)


def waits_for(entries: list[dict[str, str]], actor: Actor, unit: Any, level: str) -> bool:
    """Whether a stored ``waiting`` list names ``actor`` (for a dossier of ``unit``)."""
    for entry in entries:
        kind = entry.get("kind")
        if kind == "unit":
            if actor.kind == UNIT_ACTOR.get(level) and is_own_unit(actor, unit):
                return True
        elif (
            kind == actor.kind
            and may_act(actor, kind, unit)
            and ("unit" not in entry or same_agency(actor.unit, entry["unit"]))
        ):
            return True
    return False


def record_of(actor: Actor, key_id: int | None = None) -> ActorRecord:
    return ActorRecord(kind=actor.kind, unit=actor.unit, label=actor.label, key_id=key_id)


def replay(chain: Chain, events: Iterable[Event]) -> DossierState:
    state = DossierState(stages={s.id: StageState(s.id) for s in chain.stages})
    for event in events:
        _apply(chain, state, event)
    return state


def _apply(chain: Chain, state: DossierState, event: Event) -> None:
    state.events.append(event)
    if event.kind == "submitted":
        _arrive_submission(chain, state, event)
    elif event.kind == "decided":
        assert event.stage and event.criterion and event.verdict
        record = RecordedDecision(
            event.criterion,
            event.verdict,
            event.reason,
            event.advice,
            event.actor,
            event.at,
            event.round,
        )
        stage = state.stages[event.stage]
        stage.decisions[event.criterion] = record
        stage.history.append(record)
    else:
        _conclude(chain, state, event)


def _arrive_submission(chain: Chain, state: DossierState, event: Event) -> None:
    state.round = event.round
    state.status = "dang_xu_ly"
    state.last_submitted_at = event.at
    if event.round == 1:
        state.submitted_at = event.at
        target = chain.stages[0].id
    else:
        target = state.returned_from or chain.stages[0].id
        asked = {r.criterion for r in state.requests if r.stage == target and r.criterion}
        stage = state.stages[target]
        stage.decisions = {k: v for k, v in stage.decisions.items() if k not in asked}
    state.returned_from = None
    state.requests = []
    state.stage = target
    state.stages[target].arrivals.append(Arrival(event.round, event.at))


def _conclude(chain: Chain, state: DossierState, event: Event) -> None:
    assert event.stage and event.outcome
    stage = state.stages[event.stage]
    arrival = stage.arrivals[-1]
    arrival.concluded_at, arrival.outcome = event.at, event.outcome
    stage.conclusion = event
    outcome = event.outcome
    if outcome in MOVES_ON:
        following = chain.after(event.stage)
        assert following is not None
        state.stage = following.id
        state.stages[following.id].arrivals.append(Arrival(event.round, event.at))
    elif outcome in RETURNS:
        state.status, state.stage, state.returned_from = "tra_lai", None, event.stage
        asked = [d for d in stage.decisions.values() if d.verdict == "yeu_cau_bo_sung"]
        state.requests = [
            SupplementRequest(event.stage, d.criterion, d.reason, d.actor, d.at) for d in asked
        ] or [SupplementRequest(event.stage, None, event.reason, event.actor, event.at)]
    else:
        state.stage = None
        state.status = "khong_dat" if outcome in STOPS else outcome  # type: ignore[assignment]


class Workflow:
    """One dossier in its chain: the state from the events, and the actions allowed next."""

    def __init__(
        self, chain: Chain, facts: RoundFacts, events: Sequence[Event] = (), *, members: Any = ()
    ) -> None:
        self.chain = chain
        self.facts = facts
        self.members = tuple(members)
        """Agencies of the council members the service knows (``split: by_appraiser``)."""
        self.state = replay(chain, events)

    # ------------------------------------------------------------------ queries

    @property
    def unit(self) -> Any:
        return self.facts.assessment.unit

    def current(self) -> Stage | None:
        return self.chain.stage(self.state.stage) if self.state.stage else None

    def keeper(self, stage: Stage, criterion_id: str) -> str | None:
        """The agency holding the criterion in a split stage; ``None`` when not split."""
        if stage.split != "by_appraiser":
            return None
        return criterion_keeper(self.facts.criterion(criterion_id), self.members)

    def in_charge(self, actor: Actor, stage: Stage, criterion_id: str) -> bool:
        if not may_see(actor, self.unit):
            return False
        if stage.split == "by_appraiser":
            keeper = self.keeper(stage, criterion_id)
            return keeper is not None and keeps(actor, keeper)
        return may_act(actor, stage.actor, self.unit)

    def visible_criteria(self, actor: Actor | None) -> list[str]:
        """The criteria the actor may see: all, except for a council member (their own only)."""
        ids = [c.id for c in self.facts.appraisal.criteria]
        if actor is None or actor.kind != "thanh_vien":
            return ids
        split = next((s for s in self.chain.stages if s.split == "by_appraiser"), None)
        if split is None:
            return ids
        return [i for i in ids if i in self.facts.scope() and self.in_charge(actor, split, i)]

    def missing(self, stage: Stage, actor: Actor | None = None) -> list[str]:
        """Criteria of the stage's scope (the actor's share) still without a decision."""
        decided = self.state.stages[stage.id].decisions
        scope = self.facts.scope()
        if actor is not None and stage.split == "by_appraiser":
            scope = [i for i in scope if self.in_charge(actor, stage, i)]
        return [i for i in scope if i not in decided]

    def awaits(self, actor: Actor) -> bool:
        """The dossier waits for this actor now (the "chờ tôi xử lý" queue)."""
        if self.state.status == "tra_lai":
            return self.may_submit(actor)
        stage = self.current()
        if stage is None or self.state.final:
            return False
        missing = self.missing(stage) if stage.kind == "appraise" else []
        if missing:
            return any(self.in_charge(actor, stage, i) for i in missing)
        return may_act(actor, stage.concluder, self.unit)

    def waiting(self) -> list[dict[str, str]]:
        """Whom the dossier waits for, as data a list can be filtered by without replaying.

        ``{"kind": "unit"}`` (returned to the unit), ``{"kind": <actor kind>}``,
        or, in a split stage, one entry per agency still holding undecided
        criteria (``{"kind": "thanh_vien", "unit": "Sở Y tế"}``).
        """
        if self.state.status == "tra_lai":
            return [{"kind": "unit"}]
        stage = self.current()
        if stage is None or self.state.final:
            return []
        missing = self.missing(stage) if stage.kind == "appraise" else []
        if not missing:
            return [{"kind": stage.concluder}]
        if stage.split != "by_appraiser":
            return [{"kind": stage.actor}]
        keepers = dict.fromkeys(self.keeper(stage, i) or "" for i in missing)
        return [
            {"kind": "so_tttt"}
            if same_agency(k, STANDING_BODY)
            else {"kind": "thanh_vien", "unit": k}
            for k in keepers
        ]

    def may_submit(self, actor: Actor) -> bool:
        kind = UNIT_ACTOR.get(self.facts.catalog.level)
        return kind is not None and actor.kind == kind and is_own_unit(actor, self.unit)

    # ------------------------------------------------------------------ actions

    def submit(
        self, actor: Actor, at: dt.datetime, data: dict[str, Any], key_id: int | None = None
    ) -> Event:
        """The unit sends its dossier (round 1) or sends it again after a return."""
        if not self.may_submit(actor):
            raise WorkflowError(
                "NOT_IN_CHARGE",
                f"Chỉ {self.unit.name} nộp được hồ sơ của mình; khóa này thuộc {actor.label}.",
            )
        if self.state.events and self.state.status != "tra_lai":
            raise WorkflowError(
                "DOSSIER_CLOSED" if self.state.final else "STAGE_NOT_CURRENT",
                f"Hồ sơ không ở trạng thái trả lại để bổ sung ({self.state.status_label}): "
                "chỉ nộp lại được hồ sơ đã bị trả lại.",
            )
        return self._record(
            Event(
                kind="submitted",
                at=at,
                round=self.state.round + 1,
                actor=record_of(actor, key_id),
                data=data,
            )
        )

    def decide(
        self,
        actor: Actor,
        stage_id: str,
        criterion_id: str,
        verdict: str,
        reason: str,
        at: dt.datetime,
        key_id: int | None = None,
    ) -> Event:
        stage = self._open_stage(stage_id)
        if stage.kind != "appraise":
            raise WorkflowError(
                "DECISION_INVALID",
                f"Bước “{stage.name}” không quyết định từng tiêu chí; hãy kết thúc bước với "
                "kết luận chung.",
            )
        if criterion_id not in self.facts.scope():
            raise WorkflowError(
                "CRITERION_NOT_IN_SCOPE",
                f"Tiêu chí {criterion_id} không thuộc phạm vi thẩm định của hồ sơ này (không có "
                "trong bộ tiêu chí, hoặc đơn vị ghi không áp dụng).",
                {"criterion": criterion_id},
            )
        if not self.in_charge(actor, stage, criterion_id):
            raise WorkflowError("NOT_IN_CHARGE", self._charge_message(actor, stage, criterion_id))
        if verdict not in VERDICT_LABELS:
            raise WorkflowError(
                "DECISION_INVALID",
                f"Quyết định '{verdict}' không hợp lệ; chọn dat (Đạt), khong_dat (Không đạt) "
                "hoặc yeu_cau_bo_sung (Yêu cầu bổ sung).",
            )
        if verdict == "yeu_cau_bo_sung" and not stage.may_return:
            raise WorkflowError(
                "DECISION_INVALID", f"Bước “{stage.name}” không trả hồ sơ để bổ sung."
            )
        advice = self.facts.advice(criterion_id)
        reason = _reason(reason)
        if not reason and (verdict != "dat" or advice != "dat"):
            raise WorkflowError("REASON_REQUIRED", _reason_needed(criterion_id, verdict, advice))
        return self._record(
            Event(
                kind="decided",
                at=at,
                round=self.state.round,
                actor=record_of(actor, key_id),
                stage=stage.id,
                criterion=criterion_id,
                verdict=verdict,
                reason=reason,
                advice=advice,
                data={"differs_from_advice": differs(verdict, advice)},
            )
        )

    def conclude(
        self,
        actor: Actor,
        stage_id: str,
        at: dt.datetime,
        *,
        outcome: str | None = None,
        reason: str = "",
        data: dict[str, Any] | None = None,
        key_id: int | None = None,
    ) -> Event:
        """Close the current stage; the outcome follows the decisions or is the actor's choice."""
        stage = self._open_stage(stage_id)
        if not may_act(actor, stage.concluder, self.unit):
            raise WorkflowError(
                "NOT_IN_CHARGE",
                f"Bước “{stage.name}” do {ACTOR_LABELS[stage.concluder]} kết thúc; khóa này "
                f"thuộc {actor.label}.",
            )
        reason, data = _reason(reason), dict(data or {})
        if stage.kind == "appraise":
            outcome, summary = self._appraisal_outcome(stage)
            data.update(summary)
        else:
            chosen = CHOSEN_OUTCOMES[stage.kind]
            if outcome not in chosen:
                labels = "; ".join(f"{o} ({OUTCOME_LABELS[o]})" for o in chosen)
                raise WorkflowError(
                    "OUTCOME_INVALID", f"Kết luận của bước “{stage.name}” phải là: {labels}."
                )
            if outcome in ("bo_sung", "khong_cong_nhan", "khong_de_nghi") and not reason:
                raise WorkflowError(
                    "REASON_REQUIRED",
                    f"Ghi rõ lý do “{OUTCOME_LABELS[outcome]}” (đơn vị cần biết phải làm gì).",
                )
        if stage.records_meeting and outcome not in RETURNS:
            data["meeting"] = _meeting(data.get("meeting"), stage)
        return self._record(
            Event(
                kind="concluded",
                at=at,
                round=self.state.round,
                actor=record_of(actor, key_id),
                stage=stage.id,
                outcome=outcome,
                reason=reason,
                data=data,
            )
        )

    # ------------------------------------------------------------------ helpers

    def _record(self, event: Event) -> Event:
        _apply(self.chain, self.state, event)
        return event

    def _open_stage(self, stage_id: str) -> Stage:
        stage = self.chain.stage(stage_id)
        if stage is None:
            ids = ", ".join(s.id for s in self.chain.stages)
            raise WorkflowError(
                "STAGE_NOT_FOUND", f"Trình tự {self.chain.id} không có bước '{stage_id}' ({ids})."
            )
        if self.state.final:
            raise WorkflowError("DOSSIER_CLOSED", f"Hồ sơ đã kết thúc: {self.state.status_label}.")
        if self.state.status == "tra_lai":
            raise WorkflowError(
                "STAGE_NOT_CURRENT",
                "Hồ sơ đang được trả lại đơn vị để bổ sung; chờ đơn vị nộp lại.",
            )
        if self.state.stage != stage.id:
            current = self.current()
            where = f"“{current.name}”" if current else "chưa vào bước nào"
            raise WorkflowError(
                "STAGE_NOT_CURRENT",
                f"Hồ sơ đang ở bước {where}, không phải bước “{stage.name}”.",
                {"current": self.state.stage, "requested": stage.id},
            )
        return stage

    def _appraisal_outcome(self, stage: Stage) -> tuple[str, dict[str, Any]]:
        missing = self.missing(stage)
        if missing:
            raise WorkflowError(
                "STAGE_INCOMPLETE",
                f"Còn {len(missing)} tiêu chí chưa có quyết định: {', '.join(missing)}. "
                "Mỗi tiêu chí cần Đạt, Không đạt hoặc Yêu cầu bổ sung trước khi kết thúc bước.",
                {"missing": missing},
            )
        decisions = self.state.stages[stage.id].decisions
        verdicts = {i: d.verdict for i, d in decisions.items() if i in self.facts.scope()}
        asked = sorted((i for i, v in verdicts.items() if v == "yeu_cau_bo_sung"), key=_order)
        if asked:
            return "tra_lai", {"requests": asked}
        if not stage.gate:
            return "chuyen_tiep", {}
        ruled = self.facts.rule_on(verdicts)
        summary = {
            "rule": {
                "passed": ruled.passed,
                "label": ruled.label,
                "explanation": ruled.explanation,
            }
        }
        return ("chuyen_tiep" if ruled.passed else "khong_dat"), summary

    def _charge_message(self, actor: Actor, stage: Stage, criterion_id: str) -> str:
        if stage.split == "by_appraiser":
            keeper = self.keeper(stage, criterion_id)
            return (
                f"Tiêu chí {criterion_id} do {keeper} thẩm định (cột cơ quan chủ trì thẩm định "
                f"của bộ tiêu chí); khóa này thuộc {actor.label}."
            )
        return (
            f"Bước “{stage.name}” do {ACTOR_LABELS[stage.actor]} phụ trách {self.unit.name} "
            f"thực hiện; khóa này thuộc {actor.label}."
        )


def _order(criterion_id: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in criterion_id.replace(".", " ").split()]


def _reason(text: str | None) -> str:
    reason = " ".join((text or "").split())
    if len(reason) > REASON_MAX:
        raise WorkflowError(
            "REASON_TOO_LONG",
            f"Lý do dài {len(reason)} ký tự, quá {REASON_MAX}: tóm tắt lại, chi tiết để trong "
            "văn bản đính kèm.",
        )
    return reason


def _reason_needed(criterion_id: str, verdict: str, advice: str | None) -> str:
    if verdict == "dat":
        shown = STATUS_LABELS.get(advice or "", "chưa kiểm tra")
        return (
            f"Tiêu chí {criterion_id}: kết quả kiểm tra minh chứng là “{shown}”; quyết định Đạt "
            "cần ghi lý do (ví dụ: đã xác minh thực tế, có biên bản)."
        )
    return f"Tiêu chí {criterion_id}: quyết định “{VERDICT_LABELS[verdict]}” cần ghi lý do."


def _meeting(raw: Any, stage: Stage) -> dict[str, Any]:
    """The meeting record the stage's Biên bản needs, validated (every problem at once)."""
    if raw is None:
        raise WorkflowError(
            "MEETING_INVALID",
            f"Bước “{stage.name}” ghi biên bản cuộc họp (Biểu 02): gửi 'meeting' gồm ngày, giờ "
            "bắt đầu, giờ kết thúc, địa điểm, chủ trì, thư ký và kết quả biểu quyết.",
        )
    try:
        meeting = MeetingRecord.model_validate(raw)
    except ValidationError as exc:
        problems = problems_from_pydantic(exc)
        raise WorkflowError(
            "MEETING_INVALID",
            "Biên bản cuộc họp chưa đúng: "
            + "; ".join(f"meeting.{p.path}: {p.message}" for p in problems),
            [p.as_dict() for p in problems],
        ) from exc
    found: list[str] = []
    if meeting.vote.yes > meeting.vote.total:
        found.append(f"số nhất trí ({meeting.vote.yes}) lớn hơn số tham dự ({meeting.vote.total})")
    if meeting.end <= meeting.start:
        found.append("giờ kết thúc phải sau giờ bắt đầu")
    if found:
        raise WorkflowError("MEETING_INVALID", "Biên bản cuộc họp chưa đúng: " + "; ".join(found))
    return meeting.model_dump(mode="json")
