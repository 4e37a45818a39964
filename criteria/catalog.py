"""The catalog schema: one province's criteria set, as the seed document gives it.

Catalogs are data (YAML under ``criteria/catalogs/``) so that an official can
correct a target without touching code; this module is the contract those
files must follow. Targets that are not plain numbers (``Tối thiểu 01 nhân
sự``, ``Có 3 mô hình``, huyện I.1's compound target) are typed here so that
the engine can evaluate them instead of comparing strings.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from criteria.document_kinds import known_kind

Tier = Literal["cds", "cds_nang_cao"]
AreaType = Literal["xa", "phuong", "thi_tran"]
Level = Literal["so", "huyen", "xa", "cong_dan", "tinh"]
Requirement = Literal["bat_buoc", "mo_rong"]
RuleName = Literal["yenbai", "daknong", "thanhhoa", "congdanso", "report_only"]

TIERS: tuple[Tier, ...] = ("cds", "cds_nang_cao")
TIER_LABELS: dict[str, str] = {"cds": "chuyển đổi số", "cds_nang_cao": "chuyển đổi số nâng cao"}
REQUIREMENT_LABELS: dict[str, str] = {"bat_buoc": "Bắt buộc", "mo_rong": "Mở rộng"}
AREA_LABELS: dict[str, str] = {"xa": "xã", "phuong": "phường", "thi_tran": "thị trấn"}
LEVEL_LABELS: dict[str, str] = {
    "so": "sở, ban, ngành",
    "huyen": "huyện, thị xã, thành phố",
    "xa": "xã, phường, thị trấn",
    "cong_dan": "công dân",
    "tinh": "tỉnh",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class YesTarget(_Strict):
    """``Có``: the thing exists / the requirement is fulfilled (answered yes or no)."""

    kind: Literal["yes"] = "yes"
    text: str = "Có"


class RateTarget(_Strict):
    """A percentage that must reach ``min`` (``80`` means a/b × 100 ≥ 80%)."""

    kind: Literal["rate"] = "rate"
    min: float = Field(ge=0, le=100)
    text: str


class CountTarget(_Strict):
    """A count that must reach ``min``: followers, staff, hotspots, models."""

    kind: Literal["count"] = "count"
    min: int = Field(ge=0)
    noun: str | None = None
    text: str


class AnnualTarget(_Strict):
    """Thanh Hóa's ``theo chỉ tiêu giao hàng năm``: the number comes with the assessment."""

    kind: Literal["annual"] = "annual"
    measure: Literal["rate", "count"] = "rate"
    text: str = "Theo chỉ tiêu giao hàng năm"


class UnsetTarget(_Strict):
    """An indicator the source names without a threshold: reported, never judged."""

    kind: Literal["none"] = "none"
    text: str = "Chưa có mục tiêu"


SimpleTarget = Annotated[
    YesTarget | RateTarget | CountTarget | AnnualTarget, Field(discriminator="kind")
]


class TargetPart(_Strict):
    """One condition of a compound target; its inputs come under ``parts.<key>``."""

    key: str
    label: str
    target: SimpleTarget


class AllOfTarget(_Strict):
    """Every part must be met (huyện I.1: 100% of communes CĐS *and* ≥ 30% nâng cao)."""

    kind: Literal["all_of"] = "all_of"
    parts: list[TargetPart] = Field(min_length=2)
    text: str


Target = Annotated[
    YesTarget | RateTarget | CountTarget | AnnualTarget | UnsetTarget | AllOfTarget,
    Field(discriminator="kind"),
]


class TierSpec(_Strict):
    """What a criterion asks in one tier: the target, and whether it is mandatory.

    Đắk Nông sets different targets for xã and for phường/thị trấn: those go
    in ``targets_by_area``; every other catalog uses ``target``.
    """

    target: Target | None = None
    targets_by_area: dict[AreaType, Target] | None = None
    requirement: Requirement = "bat_buoc"
    note: str | None = None

    @model_validator(mode="after")
    def _one_target_form(self) -> TierSpec:
        if (self.target is None) == (self.targets_by_area is None):
            raise ValueError("give exactly one of 'target' and 'targets_by_area'")
        return self

    def target_for(self, area_type: AreaType | None) -> Target | None:
        """The target for a unit of this area type, or None when the tier has none for it."""
        if self.target is not None:
            return self.target
        assert self.targets_by_area is not None
        if area_type is None:
            return None
        return self.targets_by_area.get(area_type)


class Method(_Strict):
    """How the value is obtained (``Cách lấy số liệu, phương pháp tính``)."""

    a: str | None = None
    b: str | None = None
    formula: str | None = None
    description: str | None = None


Issuer = Literal["unit", "parent", "unit_or_parent", "body", "state_agency"]
Period = Literal[
    "in_year", "last_years", "covering_year", "covering_period", "covering", "any_date"
]

ISSUER_LABELS: dict[str, str] = {
    "unit": "của chính đơn vị",
    "parent": "của cơ quan cấp trên của đơn vị",
    "unit_or_parent": "của đơn vị hoặc cơ quan cấp trên",
    "body": "của cơ quan được nêu",
    "state_agency": "của cơ quan nhà nước có thẩm quyền",
}
PERIOD_LABELS: dict[str, str] = {
    "in_year": "ban hành trong năm đánh giá",
    "last_years": "ban hành trong số năm gần nhất được nêu",
    "covering_year": "cho năm đánh giá (kế hoạch, chương trình năm)",
    "covering_period": "cho giai đoạn bao gồm năm đánh giá (ví dụ 2021–2025)",
    "covering": "cho năm đánh giá hoặc giai đoạn bao gồm năm đó",
    "any_date": "ban hành bất kỳ lúc nào đến hết năm đánh giá",
}


class RequiredDocument(_Strict):
    """One document a criterion's evidence needs, as the seed names it.

    ``kinds``: type codes (``criteria.document_kinds.KINDS``); empty means any
    administrative document. ``issuer``: who may issue it — the unit, its
    parent, the unit or its parent, a named body (``bodies``) or any state
    agency. ``period``: when — issued in the assessment year
    (``in_year``), in the last ``years`` years (``last_years``), issued at any
    date up to the end of the year (``any_date``), or written *for* the year:
    a yearly plan (``covering_year``), a plan of a period that includes the
    year (``covering_period``, e.g. giai đoạn 2021–2025), either
    (``covering``). ``illustrations``: photos or videos alone satisfy it (the
    seed says "... hoặc hình ảnh minh chứng").
    """

    name: str = Field(min_length=1, description="Tên tài liệu theo văn bản nguồn")
    kinds: list[str] = Field(default_factory=list)
    issuer: Issuer = "unit"
    bodies: list[str] = Field(default_factory=list)
    period: Period = "in_year"
    years: int | None = Field(None, ge=2, le=10)
    illustrations: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> RequiredDocument:
        unknown = [k for k in self.kinds if known_kind(k) != k]
        if unknown:
            raise ValueError(f"document {self.name!r}: unknown kind code(s) {unknown}")
        if (self.issuer == "body") != bool(self.bodies):
            raise ValueError(f"document {self.name!r}: 'bodies' goes with issuer 'body' only")
        if (self.period == "last_years") != (self.years is not None):
            raise ValueError(f"document {self.name!r}: 'years' goes with period 'last_years' only")
        return self


class CriterionTiers(_Strict):
    cds: TierSpec | None = None
    cds_nang_cao: TierSpec | None = None

    def get(self, tier: Tier) -> TierSpec | None:
        spec: TierSpec | None = getattr(self, tier)
        return spec


class Criterion(_Strict):
    """One criterion, its id exactly as the seed numbers it (``I.1``, ``II.12``, ``1.10``)."""

    id: str = Field(min_length=1)
    group: str
    name: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    tiers: CriterionTiers
    requirement_text: str | None = None
    guidance: list[str] = Field(default_factory=list)
    method: Method | None = None
    evidence: list[str] = Field(default_factory=list)
    documents: list[RequiredDocument] = Field(min_length=1)
    evidence_note: str | None = None
    not_applicable_when: str | None = None
    appraisers: list[str] = Field(default_factory=list)
    footnotes: list[str] = Field(default_factory=list)
    list_form: str | None = None
    applies_to: Literal["everyone", "party_members"] = "everyone"
    appendix: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _some_tier(self) -> Criterion:
        if self.tiers.cds is None and self.tiers.cds_nang_cao is None:
            raise ValueError(f"criterion {self.id} has no tier")
        return self


class Group(_Strict):
    id: str
    name: str


class Source(_Strict):
    """The document the catalog transcribes."""

    document: str
    date: dt.date
    issuer: str
    guidance: str | None = None
    seed: str
    note: str | None = None

    @property
    def label(self) -> str:
        """``QĐ 1829/QĐ-UBND ngày 30/05/2023``: how every report and listing cites the catalog."""
        return f"{self.document} ngày {self.date:%d/%m/%Y}"


class Catalog(_Strict):
    """A criteria set of one province for one kind of unit."""

    id: str
    title: str
    province: str
    level: Level
    rule: RuleName
    source: Source
    tiers: list[Tier] = Field(min_length=1)
    area_types: list[AreaType] | None = None
    complete: bool = True
    completeness_note: str | None = None
    groups: list[Group] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        group_ids = {g.id for g in self.groups}
        seen: set[tuple[str, str]] = set()
        for criterion in self.criteria:
            if criterion.group not in group_ids:
                raise ValueError(f"criterion {criterion.id}: unknown group {criterion.group!r}")
            for tier in TIERS:
                if criterion.tiers.get(tier) is None:
                    continue
                if tier not in self.tiers:
                    raise ValueError(f"criterion {criterion.id}: tier {tier} not in catalog tiers")
                key = (criterion.id, tier)
                if key in seen:
                    raise ValueError(f"criterion id {criterion.id} appears twice in tier {tier}")
                seen.add(key)
        if not self.complete and not self.completeness_note:
            raise ValueError("an incomplete catalog must say why in completeness_note")
        return self

    def published(self) -> dict[str, Any]:
        """The catalog as ``hoso catalog show --json`` and ``GET /catalogs/{id}`` publish it.

        Every criterion names both tiers (``null`` where it does not apply), so
        a reader never has to know which tiers a catalog has.
        """
        data: dict[str, Any] = self.model_dump(mode="json")
        for criterion in data["criteria"]:
            criterion["tiers"] = {tier: criterion["tiers"].get(tier) for tier in TIERS}
        return data

    def criteria_of_tier(self, tier: Tier) -> list[Criterion]:
        """The criteria that apply in ``tier``, in catalog order."""
        return [c for c in self.criteria if c.tiers.get(tier) is not None]

    def find(self, criterion_id: str, tier: Tier | None = None) -> Criterion | None:
        for criterion in self.criteria:
            if criterion.id == criterion_id and (tier is None or criterion.tiers.get(tier)):
                return criterion
        return None

    def group_name(self, group_id: str) -> str:
        return next(g.name for g in self.groups if g.id == group_id)
