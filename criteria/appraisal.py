"""The appraised result of each criterion: its self-assessed status checked against its evidence.

Seed 003 (Thanh Hóa, mục 4) and the issue of dossier checks say the same
thing: a criterion the unit reports as met counts as ``Đạt`` only when its
target is met *and* its evidence holds up. Whether it is evidenced is
decided by ``criteria.evidence`` from the verification reports of the files
``verify.dossier`` gathered; the rule that combines that with the target,
and the recognition decision recomputed from the combination, live here,
next to the other rules, so that the CLI, the API and the forms all get the
same answer (``criteria.rules.decide`` is reused, never copied).

The models are plain data (no file or signature types) so that ``docgen``
can fill Mẫu 02/04 and Biểu 03 from them without knowing ``verify``.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, Field

from criteria.assessment import Assessment, Unit
from criteria.catalog import Tier
from criteria.engine import summarize_groups
from criteria.evidence import CriterionEvidence, EvidenceReason, RequirementCheck
from criteria.loader import load_catalog
from criteria.results import (
    MONITORING_LABELS,
    STATUS_LABELS,
    CriterionResult,
    Decision,
    EvaluatedAssessment,
    GroupSummary,
    Status,
)
from criteria.rules import decide

NO_EVIDENCE_CHECKED = "NO_EVIDENCE_CHECKED"


class CriterionAppraisal(BaseModel):
    """One criterion read twice: as the unit assessed it, and as checked against its evidence."""

    id: str
    group: str
    name: str
    requirement_label: str
    target_text: str
    value_text: str = ""
    value: float | bool | None = Field(
        None, description="Kết quả dạng số (tỷ lệ tính theo %, hoặc số lượng), như value_text"
    )
    self_status: Status
    self_status_label: str
    target_met: bool
    evidenced: bool
    status: Status
    status_label: str
    comment: str = Field(description="Kết quả kiểm tra ghi vào cột của phụ lục")
    documents: list[str] = Field(default_factory=list)
    reasons: list[EvidenceReason] = Field(default_factory=list)
    folder: str | None = None
    requirements: list[RequirementCheck] = Field(
        default_factory=list, description="Từng tài liệu tiêu chí cần và tệp đáp ứng"
    )
    explanation: str | None = Field(None, description="Giải trình của đơn vị")
    explanation_file: str | None = Field(
        None, description="Tệp giải trình tìm thấy trong hồ sơ (không có: xem lý do)"
    )

    @property
    def changed(self) -> bool:
        return self.status != self.self_status


class Appraisal(BaseModel):
    """Every criterion appraised, with the self-assessed and the checked decision."""

    catalog_id: str
    tier: Tier
    year: int
    unit: Unit
    criteria: list[CriterionAppraisal]
    self_decision: Decision
    decision: Decision
    groups: list[GroupSummary]

    @property
    def passed(self) -> bool | None:
        return self.decision.passed

    def criterion(self, criterion_id: str) -> CriterionAppraisal | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


def checked_status(result: CriterionResult, evidence: CriterionEvidence | None) -> Status:
    """``Đạt`` only when the target is met and the evidence holds; otherwise the self reading.

    A criterion the unit itself reports as not met, in progress, not judged or
    not applicable keeps that status: missing evidence cannot make it worse,
    and good evidence cannot make a missed target count. A criterion the unit
    explained instead of evidencing (``cho_tham_dinh``) is ``Đạt`` once its
    evidence holds after all, and otherwise keeps awaiting the appraiser —
    never silently Không đạt.
    """
    evidenced = evidence is not None and evidence.evidenced
    if result.status == "dat":
        return "dat" if evidenced else "khong_dat"
    if result.status == "cho_tham_dinh":
        return "dat" if evidenced else "cho_tham_dinh"
    return result.status


def _comment(result: CriterionResult, status: Status, evidence: CriterionEvidence) -> str:
    if status == "dat":
        return "Đạt: " + "; ".join(evidence.documents) if evidence.documents else "Đạt"
    if status == "cho_tham_dinh":
        text = f"Chờ thẩm định: đơn vị giải trình “{(result.explanation or '').rstrip('.')}”"
        if evidence.explanation_file:
            text += f" (tệp giải trình {evidence.explanation_file})"
        return text + "."
    if result.status != "dat":
        return f"{STATUS_LABELS[status]}: {result.reason}".strip()
    reasons = "; ".join(dict.fromkeys(r.message.rstrip(".") for r in evidence.reasons))
    return f"Không đạt: chưa có minh chứng hợp lệ. {reasons}.".strip() if reasons else "Không đạt."


def appraise(
    assessment: Assessment,
    evaluated: EvaluatedAssessment,
    evidence: Mapping[str, CriterionEvidence],
) -> Appraisal:
    """Combine the evaluation with the evidence found per criterion id, and decide again.

    A criterion absent from ``evidence`` was not checked and counts as not
    evidenced (reason ``NO_EVIDENCE_CHECKED``). A monitoring set (rule
    ``report_only``) recognises nothing: its indicators keep their reading
    against the target, and the evidence is only reported.
    """
    catalog = load_catalog(evaluated.catalog_id)
    monitoring = catalog.rule == "report_only"
    labels = MONITORING_LABELS if monitoring else STATUS_LABELS
    rows: list[CriterionAppraisal] = []
    checked: list[CriterionResult] = []
    for result in evaluated.criteria:
        found = evidence.get(result.id)
        if result.status == "khong_ap_dung":
            found = CriterionEvidence(evidenced=False, folder=found.folder if found else None)
        found = found or CriterionEvidence(
            evidenced=False,
            reasons=[
                EvidenceReason(
                    code=NO_EVIDENCE_CHECKED,
                    message=f"Chưa kiểm tra minh chứng của tiêu chí {result.id}.",
                )
            ],
        )
        status = result.status if monitoring else checked_status(result, found)
        rows.append(
            CriterionAppraisal(
                id=result.id,
                group=result.group,
                name=result.name,
                requirement_label=result.requirement_label,
                target_text=result.target_text,
                value_text=result.value_text,
                value=result.value,
                self_status=result.status,
                self_status_label=result.status_label,
                target_met=result.status == "dat",
                evidenced=found.evidenced,
                status=status,
                status_label=labels[status],
                comment=_comment(result, status, found) if not monitoring else result.reason,
                documents=list(found.documents),
                reasons=list(found.reasons),
                folder=found.folder,
                requirements=list(found.requirements),
                explanation=result.explanation,
                explanation_file=found.explanation_file,
            )
        )
        checked.append(result.model_copy(update={"status": status, "status_label": labels[status]}))
    decision = decide(catalog, assessment, checked, evaluated.citizens)
    return Appraisal(
        catalog_id=evaluated.catalog_id,
        tier=evaluated.tier,
        year=evaluated.year,
        unit=evaluated.unit,
        criteria=rows,
        self_decision=evaluated.decision,
        decision=decision,
        groups=summarize_groups(catalog, checked),
    )
