"""Appraisal (thẩm định) and verification (thẩm tra) layered over a commune's self-assessment.

Thanh Hóa's procedure (seed 003, mục 4) has three readings of the same
criteria: the commune assesses itself (Mẫu 01), the district appraises that
assessment (Mẫu 02), the Department of Information and Communications verifies
the district's appraisal (Mẫu 04); a member of the provincial steering
committee may give an opinion in between (Mẫu 03). Each later reading only
*changes the status* of the criteria it looked at; every other criterion keeps
the reading before it. This module applies those layers and re-runs the
criteria package's own Thanh Hóa rule and group summary on the result, so the
recognition rule is written once (in ``criteria.rules``) and never copied here.

The input of one layer is deliberately flat, so that the dossier checker can
produce it from verified evidence::

    {"1.6": {"status": "khong_dat", "comment": "...", "evidence": ["..."]}}
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from criteria import Assessment, Catalog, CriterionResult, EvaluatedAssessment
from criteria.engine import summarize_groups
from criteria.numbers import format_count
from criteria.results import STATUS_LABELS, Decision, GroupSummary
from criteria.rules import decide
from docgen.errors import Problem

ReviewStatus = Literal["dat", "khong_dat", "dang_trien_khai", "cho_tham_dinh", "khong_ap_dung"]

REVIEW_STATUS_DESCRIPTION = (
    "Kết luận về tiêu chí: dat (Đạt) | khong_dat (Không đạt) | dang_trien_khai (Đang triển khai)"
    " | cho_tham_dinh (Chờ thẩm định: đơn vị giải trình thay cho minh chứng) | khong_ap_dung "
    "(Không áp dụng: tiêu chí “nếu có” mà đơn vị không có)"
)


class CriterionReview(BaseModel):
    """What one reviewing level concluded about one criterion."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    status: ReviewStatus = Field(description=REVIEW_STATUS_DESCRIPTION)
    comment: str | None = Field(
        None,
        description=(
            "Nhận xét, kết quả kiểm tra của cấp thẩm định/thẩm tra (ghi vào cột kết quả của "
            "phụ lục); bỏ trống thì ghi kết luận Đạt/Không đạt"
        ),
    )
    evidence: list[str] = Field(
        default_factory=list,
        description="Tài liệu minh chứng đã được kiểm tra (số, ký hiệu, ngày, trích yếu)",
    )

    @field_validator("comment", mode="before")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value

    @field_validator("evidence", mode="before")
    @classmethod
    def _nfc_list(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in value]
        return value


Review = dict[str, CriterionReview]


def unknown_ids_check(field_name: str) -> Any:
    """A registry check: every key of ``data[field_name]`` must be a criterion of the catalog.

    It runs on the raw input next to the schema validation, so an unknown id is
    reported together with every other problem; it stays silent when the
    input is too malformed to read (the schema reports that).
    """

    def check(data: Mapping[str, Any]) -> list[Problem]:
        review = data.get(field_name)
        assessment = data.get("assessment")
        if not isinstance(review, Mapping) or not isinstance(assessment, Mapping):
            return []
        catalog = _catalog_or_none(assessment.get("catalog"))
        if catalog is None:
            return []
        known = {c.id for c in catalog.criteria}
        return [
            Problem(
                "UNKNOWN_CRITERION",
                f'{field_name}["{key}"]',
                f"Bộ tiêu chí {catalog.id} không có tiêu chí '{key}'.",
            )
            for key in review
            if key not in known
        ]

    return check


def _catalog_or_none(catalog_id: Any) -> Catalog | None:
    from criteria import CatalogError, load_catalog

    if not isinstance(catalog_id, str):
        return None
    try:
        return load_catalog(catalog_id)
    except CatalogError:
        return None


@dataclass(frozen=True)
class Reading:
    """One level's reading of one criterion: its status, what it wrote, what it checked."""

    status: str
    text: str
    evidence: list[str]
    reviewed: bool

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Layered:
    """A criterion read by every level, in order (self-assessment first)."""

    result: CriterionResult
    readings: list[Reading] = field(default_factory=list)

    @property
    def final(self) -> Reading:
        return self.readings[-1]


def self_reading(result: CriterionResult) -> Reading:
    """The commune's own reading: its figure (``60% (24/40)``) and its status."""
    return Reading(result.status, figure_text(result), list(result.evidence_submitted), False)


def figure_text(result: CriterionResult) -> str:
    """The evaluated value as the appendices show it; the status label when there is none."""
    if not result.value_text:
        return result.status_label
    if result.a is not None and result.b is not None:
        return f"{result.value_text} ({format_count(result.a)}/{format_count(result.b)})"
    return result.value_text


def layer(evaluated: EvaluatedAssessment, reviews: list[Review]) -> list[Layered]:
    """Every criterion with one reading per level; a level without an entry keeps the last one."""
    rows = []
    for result in evaluated.criteria:
        readings = [self_reading(result)]
        for review in reviews:
            previous = readings[-1]
            entry = review.get(result.id)
            if entry is None:
                readings.append(Reading(previous.status, previous.text, previous.evidence, False))
                continue
            text = entry.comment or (
                previous.text if entry.status == previous.status else STATUS_LABELS[entry.status]
            )
            evidence = list(entry.evidence) or previous.evidence
            readings.append(Reading(entry.status, text, evidence, True))
        rows.append(Layered(result, readings))
    return rows


def change_note(before: Reading, after: Reading) -> str:
    """``Điều chỉnh từ "Đạt" thành "Không đạt"`` when a level changed the status."""
    if before.status == after.status:
        return ""
    return f"Điều chỉnh từ “{before.label}” thành “{after.label}”"


@dataclass(frozen=True)
class Outcome:
    """The decision, group counts and per-criterion results as one level reads them."""

    decision: Decision
    groups: list[GroupSummary]
    results: list[CriterionResult]


def outcome(
    catalog: Catalog, assessment: Assessment, rows: list[Layered], level: int = -1
) -> Outcome:
    """Re-run the catalog's own rule on the statuses of reading ``level``."""
    results = [
        row.result.model_copy(
            update={
                "status": row.readings[level].status,
                "status_label": row.readings[level].label,
            }
        )
        for row in rows
    ]
    return Outcome(
        decide(catalog, assessment, results, None), summarize_groups(catalog, results), results
    )
