"""What Thanh Hóa's four reports (Mẫu 01–04, seed 003) share: the commune, its evaluation, the tables.

Every report is about one commune's assessment (``criteria.Assessment``), so
the commune's and district's names come from the assessment's unit and are
never typed again; the per-criterion tables are views of
``criteria.evaluate`` (and of the review layers of :mod:`thanhhoa_review`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from criteria import (
    Assessment,
    AssessmentError,
    Catalog,
    CriterionResult,
    EvaluatedAssessment,
    evaluate,
    load_catalog,
)
from criteria.problems import under
from criteria.results import Decision, GroupSummary
from docgen.dates import short_date
from docgen.errors import FormInputError, Problem
from docgen.forms._common import Agency, Issue, PlaceDate, header_context
from docgen.forms.thanhhoa_review import Layered
from docgen.places import local_name

PROVINCE_RULE = "thanhhoa"

# Mẫu 02, 03 and 04 name group 4 "Hạ tầng và nền tảng số"; Mẫu 01 and the
# appendices follow the catalog (part A of the guidance): "Hạ tầng số".
REVIEW_GROUP_NAMES = {
    "1": "Chính quyền số",
    "2": "Kinh tế số",
    "3": "Xã hội số",
    "4": "Hạ tầng và nền tảng số",
}


def header(
    agency: Agency, issue: PlaceDate, doc_type: str | None, year: int | None
) -> dict[str, Any]:
    """The common header, with ``ỦY BAN NHÂN DÂN`` on its own line as the seed lays it out.

    ``ỦY BAN NHÂN DÂN XÃ QUẢNG NHÂN`` in one line would wrap inside the 64 mm
    header column wherever the width runs out; the seed (and every UBND
    document) breaks it after ``ỦY BAN NHÂN DÂN``.
    """
    context = header_context(agency, issue, doc_type, year)
    context["agency"] = _UBND_LINE.sub("ỦY BAN NHÂN DÂN\n", context["agency"], count=1)
    return context


_UBND_LINE = re.compile(r"^(ỦY|UỶ) BAN NHÂN DÂN\s+")


def sentence_case(text: str) -> str:
    """``CHÍNH QUYỀN SỐ`` → ``Chính quyền số``, as Mẫu 01 writes the group headings."""
    lowered = text.strip().lower()
    return lowered[:1].upper() + lowered[1:]


def assessment_check(data: Mapping[str, Any]) -> list[Problem]:
    """Evaluate ``data["assessment"]`` with the criteria engine; its problems, under ``assessment``.

    Runs with the schema validation (a registry check) so that a bad figure in
    the assessment and a missing field of the form come back in one answer.
    """
    raw = data.get("assessment")
    if not isinstance(raw, Mapping):
        return []
    try:
        evaluated = evaluate(dict(raw))
    except AssessmentError as exc:
        return [Problem(p.code, under("assessment", p.path), p.message) for p in exc.problems]
    problems = []
    if load_catalog(evaluated.catalog_id).rule != PROVINCE_RULE:
        problems.append(
            Problem(
                "CATALOG_NOT_THANHHOA",
                "assessment.catalog",
                f"Biểu mẫu của tỉnh Thanh Hóa cần bộ tiêu chí Thanh Hóa "
                f"(ví dụ 'thanhhoa-2023-xa'), không dùng '{evaluated.catalog_id}'.",
            )
        )
    if not evaluated.unit.parent:
        problems.append(
            Problem(
                "MISSING_DISTRICT",
                "assessment.unit.parent",
                "Ghi cơ quan cấp huyện của xã, ví dụ 'Ủy ban nhân dân huyện Quảng Xương': "
                "các mẫu ghi tên huyện sau tên xã.",
            )
        )
    return problems


def evaluate_for_form(form_id: str, assessment: Assessment) -> tuple[EvaluatedAssessment, Catalog]:
    """The evaluation and its catalog; the check already ran, so an error here is reported as input."""
    try:
        evaluated = evaluate(assessment)
    except AssessmentError as exc:
        raise FormInputError(
            form_id,
            [Problem(p.code, under("assessment", p.path), p.message) for p in exc.problems],
        ) from exc
    return evaluated, load_catalog(evaluated.catalog_id)


def place_names(evaluated: EvaluatedAssessment) -> dict[str, str]:
    """``xã Quảng Tâm``, ``huyện Quảng Xương`` and their CAPS, from the assessment's unit."""
    commune = local_name(evaluated.unit.name)
    district = local_name(evaluated.unit.parent or "")
    return {
        "commune": commune,
        "district": district,
        "commune_upper": commune.upper(),
        "commune_with_district": f"{commune}, {district}" if district else commune,
    }


def attached_note(doc_name: str, issue: Issue, doc_type: str, code: str | None, issuer: str) -> str:
    """``Kèm theo Báo cáo số 125/BC-UBND ngày 10/11/2024 của UBND xã Quảng Tâm`` (appendix subtitle).

    The decree (Phụ lục I, mục II) ties an appendix to its document by number
    and date; an unnumbered draft leaves both out rather than printing blanks.
    """
    parts = [f"Kèm theo {doc_name}"]
    if issue.number:
        parts.append(
            f"số {issue.number}/{doc_type}-{code}" if code else f"số {issue.number}/{doc_type}"
        )
    if issue.date:
        parts.append(f"ngày {short_date(issue.date)}")
    parts.append(f"của {issuer}")
    return " ".join(parts)


def conclusion_counts(decision: Decision) -> dict[str, Any]:
    """``35/37`` and ``94,6%`` for the seed's ``đã hoàn thành …/… Tiêu chí …, tỷ lệ đạt …%``.

    Criteria not applicable to the commune are outside the total, and the
    sentence says so; criteria awaiting the appraiser are named after it.
    """
    fraction = f"{decision.met}/{decision.total}"
    notes = []
    if decision.not_applicable:
        notes.append(
            f"không tính {len(decision.not_applicable)} tiêu chí không áp dụng: "
            + ", ".join(decision.not_applicable)
        )
    if decision.pending:
        notes.append(
            f"{len(decision.pending)} tiêu chí chờ thẩm định: " + ", ".join(decision.pending)
        )
    if notes:
        fraction += f" ({'; '.join(notes)})"
    return {
        "met": decision.met,
        "total": decision.total,
        "fraction": fraction,
        "rate": decision.rate_text,
        "passed": decision.passed,
        "outcome": decision.outcome,
        "label": decision.label,
    }


def group_lines(groups: list[GroupSummary], results: list[CriterionResult]) -> list[dict[str, Any]]:
    """Per group: the numbered heading and the met / in progress / not met counts with their ids."""
    lines = []
    for group in groups:
        members = [r for r in results if r.group == group.id]
        lines.append(
            {
                "id": group.id,
                "name": sentence_case(group.name),
                "review_name": REVIEW_GROUP_NAMES.get(group.id, sentence_case(group.name)),
                "total": group.total,
                "met": _count_with_ids(members, "dat"),
                "in_progress": _count_with_ids(members, "dang_trien_khai"),
                "not_met": _count_with_ids(members, "khong_dat"),
                "more": [
                    f"Chỉ tiêu {label}: {_count_with_ids(members, status)}"
                    for status, label in (
                        ("cho_tham_dinh", "chờ thẩm định"),
                        ("khong_ap_dung", "không áp dụng"),
                    )
                    if any(r.status == status for r in members)
                ],
                "rate": group.rate_text,
            }
        )
    return lines


def _count_with_ids(members: list[CriterionResult], status: str) -> str:
    """``2 (tiêu chí 1.6, 1.9)``; ``0`` alone when there is none."""
    ids = [r.id for r in members if r.status == status]
    return f"{len(ids)} (tiêu chí {', '.join(ids)})" if ids else "0"


def group_rows(
    catalog: Catalog, rows: list[Layered], cells: Callable[[Layered], dict[str, str]]
) -> list[dict[str, Any]]:
    """The appendix body: one heading row per group, then its criteria in catalog order.

    ``cells`` turns one criterion into the appendix's columns; the order and the
    completeness (every criterion of the catalog) are decided here, once.
    """
    by_group: dict[str, list[Layered]] = {}
    for row in rows:
        by_group.setdefault(row.result.group, []).append(row)
    return [
        {
            "id": group.id,
            "name": sentence_case(group.name),
            "rows": [cells(row) for row in by_group[group.id]],
        }
        for group in catalog.groups
        if group.id in by_group
    ]
