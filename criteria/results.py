"""The evaluated assessment: every criterion's value, target and status, and the decision.

Every per-criterion table of every form (Biểu 03, Mẫu 01, Phụ lục 01–03) is a
view of this model, so its field names are part of the templates' contract.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from criteria.assessment import Unit
from criteria.catalog import Requirement, Tier

Status = Literal[
    "dat", "khong_dat", "dang_trien_khai", "khong_danh_gia", "cho_tham_dinh", "khong_ap_dung"
]
"""A criterion's status. ``cho_tham_dinh``: the figures meet the target but the unit
explains instead of evidencing (awaits the appraiser); ``khong_ap_dung``: a "nếu
có" criterion the unit does not have, outside the count."""

STATUS_LABELS: dict[str, str] = {
    "dat": "Đạt",
    "khong_dat": "Không đạt",
    "dang_trien_khai": "Đang triển khai",
    "khong_danh_gia": "Không đánh giá",
    "cho_tham_dinh": "Chờ thẩm định",
    "khong_ap_dung": "Không áp dụng",
}

MONITORING_LABELS: dict[str, str] = {
    "dat": "Bằng hoặc vượt mục tiêu",
    "khong_dat": "Dưới mục tiêu",
    "khong_danh_gia": "Chưa có mục tiêu",
    "dang_trien_khai": "Đang triển khai",
}
"""A monitoring set (rule ``report_only``) compares values with targets but recognises
nothing: its indicators never read "Đạt"/"Không đạt"."""

Outcome = Literal["dat", "khong_dat", "cho_tham_dinh", "theo_doi"]
OUTCOME_LABELS: dict[str, str] = {
    "dat": "ĐẠT",
    "khong_dat": "KHÔNG ĐẠT",
    "cho_tham_dinh": "CHỜ THẨM ĐỊNH",
    "theo_doi": "CHỈ THEO DÕI, KHÔNG XÉT CÔNG NHẬN",
}


class PartResult(BaseModel):
    """One condition of a compound target (huyện I.1)."""

    key: str
    label: str
    target_text: str
    value: float | bool | None = None
    value_text: str = ""
    met: bool = False
    reason: str = ""


class CriterionResult(BaseModel):
    id: str
    group: str
    group_name: str
    name: str
    unit: str
    requirement: Requirement
    requirement_label: str
    target_text: str
    target_source: Literal["catalog", "assessment"] = "catalog"
    a: float | None = None
    b: float | None = None
    value: float | bool | None = None
    value_text: str = ""
    status: Status
    status_label: str
    reason: str
    result: str | None = None
    explanation: str | None = Field(None, description="Giải trình của đơn vị thay cho minh chứng")
    explanation_file: str | None = None
    evidence_required: list[str] = Field(default_factory=list)
    evidence_submitted: list[str] = Field(default_factory=list)
    parts: list[PartResult] = Field(default_factory=list)
    note: str | None = None

    @property
    def met(self) -> bool:
        return self.status == "dat"


class GroupSummary(BaseModel):
    """Counts per group, as Mẫu 01 asks: met, in progress, not met, and the rate."""

    id: str
    name: str
    total: int
    met: int
    in_progress: int
    not_met: int
    not_evaluated: int
    pending: int = 0
    not_applicable: int = 0
    rate: float
    rate_text: str


class Decision(BaseModel):
    """The recognition decision and the rule that produced it, in words.

    ``passed`` is None when there is no verdict: the outcome awaits the
    appraiser (``cho_tham_dinh``) or the set only monitors (``theo_doi``).
    """

    passed: bool | None
    outcome: Outcome
    label: str
    rule: str
    rule_source: str
    explanation: str
    total: int
    met: int
    rate: float
    rate_text: str
    mandatory_total: int = 0
    mandatory_met: int = 0
    extended_total: int = 0
    extended_met: int = 0
    extended_rate: float | None = None
    threshold: float | None = None
    pending: list[str] = Field(default_factory=list, description="Tiêu chí chờ thẩm định")
    not_applicable: list[str] = Field(
        default_factory=list, description="Tiêu chí không áp dụng (không tính vào tổng số)"
    )


class CitizenResult(BaseModel):
    name: str | None
    party_member: bool
    qualified: bool
    unmet: list[str] = Field(default_factory=list)


class EvaluatedAssessment(BaseModel):
    catalog_id: str
    catalog_title: str
    catalog_source: str
    catalog_complete: bool
    tier: Tier
    tier_label: str
    year: int
    unit: Unit
    criteria: list[CriterionResult]
    groups: list[GroupSummary]
    decision: Decision
    citizens: list[CitizenResult] | None = None
    warnings: list[str] = Field(default_factory=list)

    def criterion(self, criterion_id: str) -> CriterionResult | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)
