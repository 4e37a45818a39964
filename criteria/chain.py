"""The appraisal chain schema: who acts on a unit's dossier, in which order, with which form.

A chain is data (YAML under ``criteria/chains/``), read from the seed that
gives the procedure, so a province can change a stage, a form or a deadline
without touching code — the same contract the catalogs follow. The state
machine that moves a dossier along a chain is :mod:`criteria.workflow`.

Vocabulary:

* the **submission** — the unit assesses itself and sends its dossier (the
  commune, or a district or department dossier that goes straight up);
* a **stage** — one actor's step. Its ``kind`` says what is recorded there:

  - ``appraise``: a decision per criterion (Đạt, Không đạt, Yêu cầu bổ sung)
    with a reason; ``split: by_appraiser`` gives each council member only the
    criteria the catalog puts in their charge (``appraisers``);
  - ``receive``: the dossier is complete (passed on) or returned for
    supplement, as one decision;
  - ``meeting``: a council meets and votes (Biên bản, Biểu 02);
  - ``decide``: the recognition decision itself;

* a **gate** — an appraise stage that passes the dossier on only when the
  catalog's own recognition rule holds on that stage's decisions (Yên Bái's
  huyện council "nếu đạt 100% tiêu chí bắt buộc và tối thiểu 30% tiêu chí mở
  rộng … thì hoàn thiện hồ sơ gửi");
* a **form** — the document a stage produces, filled from the recorded
  decisions; ``layers`` names which stage's decisions fill which part of the
  form (Mẫu 04: ``appraisal`` from the huyện, ``verification`` from the Sở);
* a **deadline** — ``before_date`` (Thanh Hóa: before 15/11 of the year) or
  ``days_after_arrival`` (Yên Bái: within 15 days of a complete dossier).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from criteria.errors import CatalogError, CriteriaError

CHAINS_DIR = Path(__file__).resolve().parent / "chains"

ActorKind = Literal["xa", "huyen", "so_nganh", "so_tttt", "bcd", "thanh_vien", "ubnd_tinh"]
StageKind = Literal["appraise", "receive", "meeting", "decide"]

ACTOR_LABELS: dict[str, str] = {
    "xa": "UBND cấp xã",
    "huyen": "UBND cấp huyện",
    "so_nganh": "Sở, ban, ngành (đơn vị đề nghị)",
    "so_tttt": "Sở Thông tin và Truyền thông",
    "bcd": "Thành viên Ban Chỉ đạo chuyển đổi số tỉnh",
    "thanh_vien": "Thành viên Hội đồng thẩm định tỉnh",
    "ubnd_tinh": "UBND tỉnh",
}
UNIT_ACTOR: dict[str, str] = {"xa": "xa", "huyen": "huyen", "so": "so_nganh"}
"""The actor kind of a unit that submits its own dossier, by the catalog's level."""


class ChainNotFoundError(CriteriaError):
    """No appraisal chain is defined for the catalog."""

    code = "CHAIN_NOT_FOUND"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Deadline(_Strict):
    """When something must be done, as the seed says it.

    ``before_date``: strictly before ``day``/``month`` of the assessment year,
    Vietnamese time ("trước 15/11 hàng năm"). ``days_after_arrival``: within
    ``days`` calendar days of the dossier reaching the stage; a return for
    supplement stops the clock and the resubmitted dossier starts it again.
    """

    kind: Literal["before_date", "days_after_arrival"]
    month: int | None = Field(None, ge=1, le=12)
    day: int | None = Field(None, ge=1, le=31)
    days: int | None = Field(None, ge=1, le=365)
    label: str = Field(min_length=1)
    basis: str = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Deadline:
        dated = self.month is not None and self.day is not None
        if self.kind == "before_date" and (not dated or self.days is not None):
            raise ValueError("a before_date deadline gives month and day, not days")
        if self.kind == "days_after_arrival" and (self.days is None or dated):
            raise ValueError("a days_after_arrival deadline gives days, not a date")
        return self


class FormUse(_Strict):
    """A form a step produces; ``layers``: form field → the stage whose decisions fill it."""

    id: str = Field(min_length=1)
    layers: dict[str, str] = Field(default_factory=dict)


class Submission(_Strict):
    """The unit's own step: it assesses itself and sends the dossier."""

    name: str = Field(min_length=1)
    deadline: Deadline | None = None
    basis: str = Field(min_length=1)


class Stage(_Strict):
    """One step of the chain after the submission."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,29}$")
    name: str = Field(min_length=1)
    kind: StageKind
    actor: ActorKind
    split: Literal["none", "by_appraiser"] = "none"
    concluded_by: ActorKind | None = None
    gate: bool = False
    meeting: bool = False
    may_return: bool = True
    forms: list[FormUse] = Field(default_factory=list)
    deadline: Deadline | None = None
    basis: str = Field(min_length=1)
    note: str | None = None

    @property
    def concluder(self) -> str:
        """Who closes the stage: the actor, or the standing body that compiles the members'."""
        return self.concluded_by or self.actor

    @property
    def records_meeting(self) -> bool:
        return self.kind == "meeting" or self.meeting

    @model_validator(mode="after")
    def _consistent(self) -> Stage:
        if self.split == "by_appraiser" and self.kind != "appraise":
            raise ValueError(f"stage {self.id}: only an appraise stage splits criteria")
        if self.gate and self.kind != "appraise":
            raise ValueError(f"stage {self.id}: only an appraise stage is a gate")
        if self.deadline is not None and self.deadline.kind != "days_after_arrival":
            raise ValueError(f"stage {self.id}: a stage's deadline counts days after arrival")
        return self


class Chain(_Strict):
    """A province's appraisal chain for one or more catalogs."""

    id: str
    title: str = Field(min_length=1)
    province: str = Field(min_length=1)
    catalogs: list[str] = Field(min_length=1)
    source: str = Field(min_length=1)
    reading: str | None = Field(
        None, description="What the seed leaves open and how hoso reads it, for an official"
    )
    submission: Submission
    stages: list[Stage] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Chain:
        ids = [s.id for s in self.stages]
        if len(set(ids)) != len(ids):
            raise ValueError("stage ids repeat")
        if self.stages[-1].kind != "decide" or any(s.kind == "decide" for s in self.stages[:-1]):
            raise ValueError("the last stage, and only it, is the recognition decision")
        for index, stage in enumerate(self.stages):
            earlier = set(ids[: index + 1])
            for form in stage.forms:
                unknown = set(form.layers.values()) - earlier
                if unknown:
                    raise ValueError(f"form {form.id} of {stage.id} reads later stages {unknown}")
        return self

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def after(self, stage_id: str) -> Stage | None:
        """The stage that follows ``stage_id`` (``None`` after the last)."""
        ids = [s.id for s in self.stages]
        position = ids.index(stage_id)
        return self.stages[position + 1] if position + 1 < len(ids) else None


@cache
def _all_chains() -> tuple[Chain, ...]:
    chains = []
    for path in sorted(CHAINS_DIR.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            chains.append(Chain.model_validate(data))
        except (yaml.YAMLError, ValidationError) as exc:
            raise CatalogError(f"Tệp trình tự thẩm định {path.name} không hợp lệ: {exc}") from exc
    seen: dict[str, str] = {}
    for chain in chains:
        for catalog_id in chain.catalogs:
            if catalog_id in seen:
                raise CatalogError(
                    f"Bộ tiêu chí {catalog_id} có hai trình tự: {seen[catalog_id]}, {chain.id}."
                )
            seen[catalog_id] = chain.id
    return tuple(chains)


def all_chains() -> list[Chain]:
    return list(_all_chains())


def chain_for(catalog_id: str) -> Chain:
    """The chain a dossier of ``catalog_id`` follows; ``ChainNotFoundError`` when none."""
    for chain in _all_chains():
        if catalog_id in chain.catalogs:
            return chain
    raise ChainNotFoundError(
        f"Bộ tiêu chí '{catalog_id}' chưa có trình tự thẩm định, công nhận "
        "(bộ chỉ tiêu theo dõi hoặc công dân số không xét công nhận qua hồ sơ)."
    )
