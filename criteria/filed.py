"""A filed evidence file as the criteria see it: its path, what it is, and its verification report.

``criteria`` depends on nothing else of hoso, so it cannot import the
verifier's ``EvidenceReport``; it reads the same JSON shape instead
(``verify/report.py``: ``verdict``, ``accepted``, ``signatures``,
``fields``, ``missing_fields``, ``problems``), keeping only what the
evidence rules need and ignoring the rest. A report stored as JSON by the
service, or produced by a later version of the verifier, is read the same
way: ``DocumentReport.model_validate(report_json)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _View(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class SignerView(_View):
    common_name: str | None = None
    organization: str | None = None


class SummaryView(_View):
    next_step: str | None = None


class SignatureView(_View):
    signer: SignerView = Field(default_factory=SignerView)
    summary: SummaryView | None = None
    indication: str = "INDETERMINATE"
    sub_indication: str | None = None
    trusted: bool = False
    messages: list[str] = Field(default_factory=list)


class FieldsView(_View):
    agency: str | None = None
    parent_agency: str | None = None
    number: str | None = None
    type_code: str | None = None
    type: str | None = None
    date: dt.date | None = None
    subject: str | None = None


class ProblemView(_View):
    code: str
    severity: str = "error"
    message: str = ""


class DocumentReport(_View):
    """The part of an evidence report (``verify.report.EvidenceReport``) the rules read."""

    verdict: str
    accepted: bool = False
    signatures: list[SignatureView] = Field(default_factory=list)
    fields: FieldsView = Field(default_factory=FieldsView)
    administrative: bool | None = None
    missing_fields: list[str] = Field(default_factory=list)
    problems: list[ProblemView] = Field(default_factory=list)

    @property
    def passing(self) -> list[SignatureView]:
        return [s for s in self.signatures if s.indication == "TOTAL_PASSED"]


FileKind = Literal["pdf", "illustration", "other", "ignored", "refused"]


class FiledFile(_View):
    """One file filed for a criterion: a PDF with its report, an illustration, or anything else."""

    path: str = Field(description="Đường dẫn trong hồ sơ, phân cách bằng /")
    kind: FileKind
    report: DocumentReport | None = None


def describe_document(report: DocumentReport) -> str:
    """``Quyết định số 15/QĐ-UBND ngày 12/03/2024 của ỦY BAN …: Về việc …`` as far as known.

    The agency keeps the document's own casing (one rule for every report and form: an
    agency's name is written as its source writes it, never re-cased word by word).
    """
    fields = report.fields
    parts = [fields.type.capitalize() if fields.type else "Văn bản"]
    if fields.number:
        parts.append(f"số {fields.number}")
    if fields.date:
        parts.append(f"ngày {fields.date:%d/%m/%Y}")
    text = " ".join(parts)
    if fields.agency:
        text += f" của {fields.agency}"
    if fields.subject:
        text += f": {fields.subject}"
    return text


_GUARD_CODES = ("VERIFY_TIMEOUT", "VERIFY_CRASHED", "VERIFY_FAILED", "VERIFY_MEMORY_LIMIT")

MISSING_FIELD_REASONS = {
    "number": ("NUMBER_MISSING", "thiếu số, ký hiệu văn bản"),
    "date": ("DATE_MISSING", "thiếu ngày ban hành"),
    "type": ("TYPE_MISSING", "không xác định được tên loại văn bản"),
    "agency": ("AGENCY_MISSING", "thiếu tên cơ quan ban hành"),
}


def report_reasons(report: DocumentReport) -> list[tuple[str, str]]:
    """Why the verifier did not accept the file: its signature, not an administrative
    document at all, then each missing field."""
    found = _signature_reasons(report)
    if report.administrative is False:
        found.append(
            (
                "NOT_ADMINISTRATIVE",
                "không phải văn bản hành chính (hợp đồng, đơn, biểu mẫu, bản tin...): không "
                "tính là minh chứng của tiêu chí",
            )
        )
    for name in report.missing_fields:
        if name in MISSING_FIELD_REASONS:
            found.append(MISSING_FIELD_REASONS[name])
    return found


def _signature_reasons(report: DocumentReport) -> list[tuple[str, str]]:
    verdict = report.verdict
    problem = next((p.message for p in report.problems if p.severity == "error"), None)
    if verdict == "unsigned":
        return [("FILE_UNSIGNED", "tệp PDF chưa được ký số: hãy nộp bản đã ký số")]
    if verdict == "unreadable":
        code = next((p.code for p in report.problems), "FILE_UNREADABLE")
        if code in _GUARD_CODES:
            return [(code, problem or "không kiểm tra được tệp")]
        return [("FILE_UNREADABLE", problem or "không đọc được tệp PDF")]
    if verdict == "invalid":
        detail = _first_message(report, "TOTAL_FAILED")
        return [
            ("SIGNATURE_INVALID", "chữ ký số không hợp lệ" + (f" ({detail})" if detail else ""))
        ]
    if verdict == "indeterminate":
        pending = [s for s in report.signatures if s.indication == "INDETERMINATE"]
        if any(s.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND" or not s.trusted for s in pending):
            untrusted = next((s for s in pending if not s.trusted and s.summary), None)
            step = untrusted.summary.next_step if untrusted and untrusted.summary else None
            return [
                (
                    "SIGNATURE_UNTRUSTED",
                    "chứng thư số của người ký chưa dựng được chuỗi đến chứng thư gốc tin cậy"
                    + (f" — {step.rstrip('.')}" if step else ""),
                )
            ]
        detail = _first_message(report, "INDETERMINATE")
        return [
            (
                "SIGNATURE_INDETERMINATE",
                "chưa xác định được chữ ký số hợp lệ" + (f" ({detail})" if detail else ""),
            )
        ]
    return []


def _first_message(report: DocumentReport, indication: str) -> str | None:
    for signature in report.signatures:
        if signature.indication == indication and signature.messages:
            return signature.messages[0].rstrip(".")
    return None
