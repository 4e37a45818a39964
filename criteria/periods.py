"""When a filed document must be dated, or which year or period it must be written for.

A plan or programme is written *for* a year or a period, which its subject
(trích yếu) names: ``Kế hoạch chuyển đổi số năm 2024`` (often issued in
December of the year before), ``Kế hoạch … giai đoạn 2021 - 2025``,
``… đến năm 2025``. The subject's years are read here; dates and document
numbers inside it (``ngày 22/7/2021``, ``15/2021/NQ-HĐND``) are not periods.
A report or a list must be issued in the assessment year; a founding
decision (Ban Chỉ đạo, cấp độ an toàn thông tin) still holds years later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from criteria.catalog import RequiredDocument
from criteria.document_kinds import fold
from criteria.filed import DocumentReport

_YEAR = r"(?:19|20)\d{2}"
_RANGE = re.compile(
    rf"(?<![\d/.])({_YEAR})\s*(?:[-–—]|\bden\s+nam\b|\bden\b|\btoi\s+nam\b|\btoi\b)\s*({_YEAR})(?![\d/])"
)
_UNTIL = re.compile(rf"\b(?:den|toi)\s+nam\s+({_YEAR})(?![\d/])")
_SINGLE = re.compile(rf"(?<![\d/.\-–—])({_YEAR})(?![\d/])")


@dataclass(frozen=True)
class SubjectPeriods:
    """The periods (first year, last year) and the single years a subject names."""

    ranges: list[tuple[int, int]]
    years: list[int]

    def range_text(self) -> str:
        return ", ".join(f"{a}–{b}" for a, b in self.ranges)


def subject_periods(subject: str | None, issued: int | None) -> SubjectPeriods:
    """``Kế hoạch … năm 2024`` → years [2024]; ``giai đoạn 2021 - 2025`` → ranges [(2021, 2025)].

    ``đến năm 2025`` without a start runs from the year of issue.
    """
    text = fold(subject or "")
    ranges: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        first, last = int(match.group(1)), int(match.group(2))
        if first <= last:
            ranges.append((first, last))
            spans.append(match.span())
    for match in _UNTIL.finditer(text):
        if any(a <= match.start() < b for a, b in spans):
            continue
        last = int(match.group(1))
        first = issued if issued is not None and issued <= last else last
        if first < last:
            ranges.append((first, last))
        spans.append(match.span())
    years = [
        int(m.group(1))
        for m in _SINGLE.finditer(text)
        if not any(a <= m.start() < b for a, b in spans)
    ]
    return SubjectPeriods(ranges, years)


def period_problem(
    report: DocumentReport, required: RequiredDocument, year: int
) -> tuple[str, str] | None:
    """``(code, text)`` when the document's date or period does not fit; None when it does."""
    date = report.fields.date
    if date is None:
        return None  # reported as DATE_MISSING with the report's own reasons
    issued = f"văn bản ban hành ngày {date:%d/%m/%Y}"
    period = required.period
    if period == "in_year":
        if date.year != year:
            return "DATE_OUTSIDE_YEAR", f"{issued}, ngoài năm đánh giá {year}"
        return None
    if period == "last_years":
        first = year - (required.years or 1) + 1
        if not first <= date.year <= year:
            return (
                "DATE_OUTSIDE_YEAR",
                f"{issued}, ngoài các năm {first}–{year} "
                f"(một lần kiểm tra, đánh giá được tính cho {required.years} năm)",
            )
        return None
    if date.year > year:
        return "DATE_AFTER_YEAR", f"{issued}, sau năm đánh giá {year}"
    if period == "any_date":
        return None
    return _covering_problem(report, period, year)


def _covering_problem(report: DocumentReport, period: str, year: int) -> tuple[str, str] | None:
    date = report.fields.date
    assert date is not None
    found = subject_periods(report.fields.subject, date.year)
    yearly = year in found.years
    unnamed = not found.years and not found.ranges and date.year == year
    covering = any(a <= year <= b for a, b in found.ranges)
    if period == "covering_year" and (yearly or unnamed):
        return None
    if period == "covering_period" and covering:
        return None
    if period == "covering" and (yearly or unnamed or covering):
        return None
    if period == "covering_period" and not found.ranges:
        return (
            "PERIOD_NOT_FOUND",
            "trích yếu không nêu giai đoạn của văn bản (ví dụ “giai đoạn 2021–2025”): "
            f"tiêu chí cần văn bản của giai đoạn bao gồm năm {year}",
        )
    if found.ranges and not covering:
        return (
            "PERIOD_NOT_COVERING",
            f"văn bản của giai đoạn {found.range_text()}, không bao gồm năm đánh giá {year}",
        )
    if period == "covering_year" and covering and not found.years:
        return (
            "PERIOD_NOT_COVERING",
            f"văn bản của giai đoạn {found.range_text()}; tiêu chí cần văn bản của năm {year}",
        )
    if found.years:
        named = ", ".join(str(y) for y in dict.fromkeys(found.years))
        return "PERIOD_NOT_COVERING", f"văn bản của năm {named}, không phải năm đánh giá {year}"
    return (
        "PERIOD_NOT_COVERING",
        f"văn bản ban hành ngày {date:%d/%m/%Y} và trích yếu không nêu năm: "
        f"không phải văn bản của năm đánh giá {year}",
    )


def period_text(required: RequiredDocument, year: int) -> str:
    """``ban hành trong năm 2024``: when the document must be dated, for a sentence."""
    period = required.period
    if period == "in_year":
        return f"ban hành trong năm {year}"
    if period == "last_years":
        return f"ban hành trong các năm {year - (required.years or 1) + 1}–{year}"
    if period == "covering_year":
        return f"của năm {year}"
    if period == "covering_period":
        return f"của giai đoạn bao gồm năm {year} (ví dụ 2021–2025)"
    if period == "covering":
        return f"của năm {year} hoặc của giai đoạn bao gồm năm {year}"
    return f"ban hành đến hết năm {year}"
