"""A criterion counts as Đạt only when its target is met and it is evidenced; the rule decides again."""

from __future__ import annotations

import json
from pathlib import Path

from criteria import evaluate, parse_assessment
from criteria.appraisal import CriterionEvidence, EvidenceReason, appraise, checked_status

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "assessments"


def _load(name: str):
    data = json.loads((EXAMPLES / name).read_text("utf-8"))
    return parse_assessment(data), evaluate(data)


def _all_evidenced(evaluated):
    return {
        c.id: CriterionEvidence(evidenced=True, documents=["Báo cáo số 1/BC-UBND"])
        for c in evaluated.criteria
    }


def test_fully_evidenced_keeps_the_self_decision():
    """With every criterion evidenced the checked decision equals the self-assessed one."""
    assessment, evaluated = _load("yenbai-xa-dat.json")
    result = appraise(assessment, evaluated, _all_evidenced(evaluated))
    assert result.passed and result.self_decision.passed
    assert result.decision == evaluated.decision


def test_missing_evidence_on_a_mandatory_criterion_fails_the_decision():
    """Yên Bái: a mandatory criterion without evidence becomes Không đạt and the unit fails."""
    assessment, evaluated = _load("yenbai-xa-dat.json")
    mandatory = next(c for c in evaluated.criteria if c.requirement == "bat_buoc" and c.met)
    evidence = _all_evidenced(evaluated)
    evidence[mandatory.id] = CriterionEvidence(
        evidenced=False, reasons=[EvidenceReason(code="NO_FOLDER", message="Không có thư mục.")]
    )
    result = appraise(assessment, evaluated, evidence)
    row = result.criterion(mandatory.id)
    assert row is not None and row.changed
    assert (row.self_status, row.status) == ("dat", "khong_dat")
    assert "Không có thư mục" in row.comment
    assert result.self_decision.passed and not result.passed
    assert mandatory.id in result.decision.explanation


def test_unchecked_criteria_count_as_not_evidenced():
    """A criterion the check never looked at is not evidenced (NO_EVIDENCE_CHECKED)."""
    assessment, evaluated = _load("thanhhoa-xa.json")
    result = appraise(assessment, evaluated, {})
    met = [c for c in result.criteria if c.self_status == "dat"]
    assert met and all(c.status == "khong_dat" for c in met)
    assert all(c.reasons[0].code == "NO_EVIDENCE_CHECKED" for c in met)


def test_evidence_never_rescues_a_missed_target():
    """In progress or not met stays so, evidenced or not."""
    _assessment, evaluated = _load("thanhhoa-xa.json")
    for result in evaluated.criteria:
        if result.status != "dat":
            good = CriterionEvidence(evidenced=True, documents=["x"])
            assert checked_status(result, good) == result.status


def test_a_monitoring_set_is_never_judged_by_its_evidence():
    """Missing evidence does not turn an indicator above its target into one below it."""
    assessment, evaluated = _load("yenbai-chitieu-tinh.json")
    result = appraise(assessment, evaluated, {})
    assert result.decision.outcome == "theo_doi" and result.decision.passed is None
    for row, before in zip(result.criteria, evaluated.criteria, strict=True):
        assert row.status == before.status and "Đạt" not in row.status_label
