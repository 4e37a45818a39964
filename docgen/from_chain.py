"""From a dossier's recorded decisions in its chain to the input of the stage's form.

Each stage of a chain names its forms and, per form, which stage's
decisions fill which part (``criteria.chain.FormUse.layers``): Mẫu 02's
``appraisal`` from the huyện, Mẫu 04's ``appraisal`` from the huyện and
``verification`` from the Sở TT&TT (the two columns of Phụ lục 03), Mẫu 03's
``review`` from the steering-committee member, Biểu 03's ``appraisal`` from
the provincial council's members, Biểu 02's discussion from the decisions
the council met on. The people's decisions fill the forms — never the
machine's check: where a decision went against the check of the evidence,
the form says so next to the reason, so a signed form shows what the person
decided *and* what the check had found.

Biểu 01 and Biểu 02 record a meeting (its date, the vote); they come from
the stage's conclusion, which carries the meeting record. The narrative (who
signs, the number, remarks) is the caller's and wins over the defaults, as
in :mod:`docgen.from_appraisal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from criteria.appraisal import Appraisal
from criteria.assessment import Assessment
from criteria.chain import FormUse, Stage
from criteria.dossier_events import DossierState, RecordedDecision
from criteria.results import STATUS_LABELS
from docgen.from_appraisal import bieu03_evidence, narrative_defaults
from docgen.places import local_name, place_name

JUDGED = ("dat", "khong_dat")
COUNCIL = "Hội đồng thẩm định tỉnh"


def form_problems(form: FormUse, stage: Stage, state: DossierState, scope: list[str]) -> list[str]:
    """Why the form cannot be made yet (empty: it can), in Vietnamese."""
    problems = []
    for stage_id in dict.fromkeys(form.layers.values()):
        decisions = state.stages[stage_id].decisions
        missing = [i for i in scope if i not in decisions]
        asked = [i for i in scope if i in decisions and decisions[i].verdict not in JUDGED]
        if missing:
            problems.append(f"còn {len(missing)} tiêu chí chưa có quyết định: {', '.join(missing)}")
        if asked:
            problems.append(
                f"{len(asked)} tiêu chí đang yêu cầu bổ sung ({', '.join(asked)}): biểu mẫu "
                "ghi kết quả Đạt/Không đạt, làm sau khi đơn vị bổ sung"
            )
    if form.id in ("bieu-01", "bieu-02") and _meeting(stage, state) is None:
        problems.append(
            "chưa ghi biên bản cuộc họp: kết thúc bước với ngày, giờ, thành phần và kết quả "
            "biểu quyết"
        )
    return problems


def review_entry(decision: RecordedDecision, documents: list[str]) -> dict[str, Any]:
    """One criterion of a review layer (``docgen.forms.thanhhoa_review``) from a decision."""
    comment = decision.reason or f"{decision.label}."
    if decision.differs_from_advice:
        checked = STATUS_LABELS.get(decision.advice or "", decision.advice or "")
        comment = comment.rstrip(".") + f" (kết quả kiểm tra minh chứng tự động: {checked})."
    return {"status": decision.verdict, "comment": comment, "evidence": list(documents)}


def review_layer(
    state: DossierState, stage_id: str, appraisal: Appraisal
) -> dict[str, dict[str, Any]]:
    layer = {}
    for criterion_id, decision in state.stages[stage_id].decisions.items():
        if decision.verdict not in JUDGED:
            continue
        row = appraisal.criterion(criterion_id)
        layer[criterion_id] = review_entry(decision, list(row.documents) if row else [])
    return layer


def _meeting(stage: Stage, state: DossierState) -> dict[str, Any] | None:
    conclusion = state.stages[stage.id].conclusion
    meeting = conclusion.data.get("meeting") if conclusion else None
    return meeting if isinstance(meeting, dict) else None


def _issuer(stage: Stage, state: DossierState, assessment: Assessment) -> dict[str, Any]:
    """The agency issuing the stage's form: the district, the council, or the member's agency."""
    unit = assessment.unit
    province = unit.province or ""
    if stage.kind == "meeting":
        return {"name": COUNCIL, "parent": f"Ủy ban nhân dân tỉnh {province}", "code": "HĐTĐ"}
    if stage.actor == "huyen":
        return {"name": unit.parent or "Ủy ban nhân dân huyện", "parent": None, "code": "UBND"}
    decisions = list(state.stages[stage.id].decisions.values())
    name = decisions[0].actor.unit if decisions else "Ban Chỉ đạo chuyển đổi số tỉnh"
    return {"name": name, "parent": f"UBND tỉnh {province}", "code": None}


def _discussion(state: DossierState, stage_id: str, appraisal: Appraisal) -> list[str]:
    """Biểu 02's discussion: the count, then every criterion's decision with its reason."""
    decisions = state.stages[stage_id].decisions
    met = sum(1 for d in decisions.values() if d.verdict == "dat")
    lines = [f"Kết quả thẩm định {len(decisions)} tiêu chí: {met} tiêu chí Đạt, "
             f"{len(decisions) - met} tiêu chí Không đạt."]  # fmt: skip
    for row in appraisal.criteria:
        decision = decisions.get(row.id)
        if decision is None:
            continue
        text = f"Tiêu chí {row.id} ({row.name}): {decision.label}"
        if decision.reason:
            text += f" — {decision.reason.rstrip('.')}"
        if decision.differs_from_advice:
            text += (
                f" (kết quả kiểm tra minh chứng tự động: {STATUS_LABELS[decision.advice or '']})"
            )
        lines.append(text + ".")
    return lines


def _person(person: Mapping[str, Any]) -> dict[str, Any]:
    return {"name": person["name"], "position": person["position"]}


def _bieu02(stage: Stage, state: DossierState, assessment: Assessment, form: FormUse,
            appraisal: Appraisal) -> dict[str, Any]:  # fmt: skip
    meeting = _meeting(stage, state)
    assert meeting is not None
    agency = _issuer(stage, state, assessment)
    chair = meeting["chair"]
    return {
        "agency": agency,
        "issue": {"place": place_name(agency["parent"] or agency["name"]), "date": meeting["date"]},
        "unit": local_name(assessment.unit.name),
        "year": assessment.year,
        "tier": assessment.tier,
        "meeting": {
            "date": meeting["date"],
            "start": meeting["start"][:5],
            "end": meeting["end"][:5],
            "place": meeting["place"],
            "organizer": agency["name"],
            "presenter": meeting.get("presenter") or f"{chair['name']}, {chair['position']}",
        },
        "attendees": {
            "chair": _person(chair),
            "members": [_person(p) for p in meeting.get("members", [])],
            "secretary": _person(meeting["secretary"]),
        },
        "discussion": _discussion(state, form.layers["decisions"], appraisal),
        "vote": meeting["vote"],
    }


def _bieu01(stage: Stage, state: DossierState, assessment: Assessment) -> dict[str, Any]:
    meeting = _meeting(stage, state)
    assert meeting is not None
    agency = _issuer(stage, state, assessment)
    council = stage.kind == "meeting"
    return {
        "agency": agency,
        "issue": {"place": place_name(agency["parent"] or agency["name"])},
        "unit": local_name(assessment.unit.name),
        "year": assessment.year,
        "tier": assessment.tier,
        "meeting_date": meeting["date"],
        "recipients": ["Như trên", "Lưu: VT"],
        "signer": {
            "authority": "TM. HỘI ĐỒNG THẨM ĐỊNH" if council else "TM. ỦY BAN NHÂN DÂN",
            "title": "CHỦ TỊCH HỘI ĐỒNG" if council else "CHỦ TỊCH",
            "name": meeting["chair"]["name"] if council else None,
        },
    }


def chain_form_input(
    form: FormUse,
    stage: Stage,
    state: DossierState,
    assessment: Assessment,
    appraisal: Appraisal,
    narrative: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The input of ``form`` (a form of ``stage``) filled from the recorded decisions.

    Call :func:`form_problems` first: this assumes the decisions and the
    meeting record the form needs are there.
    """
    layers = {name: review_layer(state, stage_id, appraisal) for name, stage_id in
              form.layers.items() if name != "decisions"}  # fmt: skip
    if form.id == "bieu-02":
        data = _bieu02(stage, state, assessment, form, appraisal)
    elif form.id == "bieu-01":
        data = _bieu01(stage, state, assessment)
    elif form.id == "bieu-03":
        data = narrative_defaults("bieu-03", appraisal)
        data["evidence"] = bieu03_evidence(appraisal)
        data["appraisal"] = {
            i: {"status": e["status"], "note": e["comment"]}
            for i, e in layers.get("appraisal", {}).items()
        }
    elif form.id == "mau-03":
        data = narrative_defaults("mau-02", appraisal)
        data["agency"] = _issuer(stage, state, assessment)
        data["issue"] = {"place": place_name(f"tỉnh {assessment.unit.province or ''}")}
        data.pop("signer", None)
        data["recipients"] = ["BCĐ chuyển đổi số tỉnh (để bc)", "Sở TTTT (để tổng hợp)", "Lưu: VT"]
    else:
        data = narrative_defaults(form.id, appraisal)
    data.update(dict(narrative or {}))
    if form.id.startswith("mau-"):
        data["assessment"] = assessment.model_dump(mode="json", exclude_none=True)
        data.update(layers)
    elif form.id == "bieu-03":
        data["assessment"] = assessment.model_dump(mode="json", exclude_none=True)
    return data
