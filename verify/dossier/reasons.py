"""Whether a file counts as evidence of its criterion, and every reason when it does not.

A PDF counts when the evidence verifier accepts it (valid signature, number,
date, type and agency present) *and* it is what this criterion asks for: a
kind of document the catalog names (``criteria.evidence_types``), dated in
the assessment year, signed by the unit or its parent agency. Each failed
condition is a separate reason, so a commune fixes everything in one round.
A criterion is evidenced when at least one of its files counts; when none
does, its reasons are the folder's (none, empty, only unsigned) plus every
file's.
"""

from __future__ import annotations

import re

from criteria.appraisal import CriterionEvidence, EvidenceReason
from criteria.assessment import Assessment, Unit
from criteria.catalog import Criterion
from criteria.evidence_types import accepted_types, describe_types, fold, type_matches
from verify.dossier.model import FileCheck
from verify.report import EvidenceReport

_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tp": "thanh pho",
    "tx": "thi xa",
    "tt": "thi tran",
}

MISSING_FIELD_REASONS = {
    "number": ("NUMBER_MISSING", "thiếu số, ký hiệu văn bản"),
    "date": ("DATE_MISSING", "thiếu ngày ban hành"),
    "type": ("TYPE_MISSING", "không xác định được tên loại văn bản"),
    "agency": ("AGENCY_MISSING", "thiếu tên cơ quan ban hành"),
}


def _agency_words(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def same_agency(name: str | None, unit_names: list[str]) -> bool:
    """``UBND xã Tân Thịnh`` == ``ỦY BAN NHÂN DÂN XÃ TÂN THỊNH``; one may contain the other."""
    if not name:
        return False
    candidate = _agency_words(name)
    if len(candidate.split()) < 2:
        return False
    for unit in unit_names:
        known = _agency_words(unit)
        if known and (known in candidate or candidate in known):
            return True
    return False


def _unit_names(unit: Unit) -> list[str]:
    return [n for n in (unit.name, unit.parent) if n]


def signed_by_unit(report: EvidenceReport, unit: Unit) -> bool:
    """A passing signature's certificate names the unit or its parent (organisation or name).

    A personal certificate may carry no organisation; then the issuing
    agency printed on the document stands for it (the verifier has already
    compared that agency with the certificate).
    """
    names = _unit_names(unit)
    passing = [s for s in report.signatures if s.indication == "TOTAL_PASSED"]
    for signature in passing:
        if same_agency(signature.signer.organization, names) or same_agency(
            signature.signer.common_name, names
        ):
            return True
    if passing and all(not s.signer.organization for s in passing):
        return same_agency(report.fields.agency, names)
    return False


def describe_document(report: EvidenceReport) -> str:
    """``Quyết định số 15/QĐ-UBND ngày 12/03/2024 của UBND xã …: Về việc …`` as far as known."""
    fields = report.fields
    parts = [fields.type.capitalize() if fields.type else "Văn bản"]
    if fields.number:
        parts.append(f"số {fields.number}")
    if fields.date:
        parts.append(f"ngày {fields.date:%d/%m/%Y}")
    text = " ".join(parts)
    if fields.agency:
        text += f" của {fields.agency.title()}"
    if fields.subject:
        text += f": {fields.subject}"
    return text


def _signature_reasons(report: EvidenceReport) -> list[tuple[str, str]]:
    verdict = report.verdict
    problem = next((p.message for p in report.problems if p.severity == "error"), None)
    if verdict == "unsigned":
        return [("FILE_UNSIGNED", "tệp PDF chưa được ký số: hãy nộp bản đã ký số")]
    if verdict == "unreadable":
        code = next((p.code for p in report.problems), "FILE_UNREADABLE")
        if code in ("VERIFY_TIMEOUT", "VERIFY_CRASHED", "VERIFY_FAILED", "VERIFY_MEMORY_LIMIT"):
            return [(code, problem or "không kiểm tra được tệp")]
        return [("FILE_UNREADABLE", problem or "không đọc được tệp PDF")]
    if verdict == "invalid":
        detail = _first_message(report, "TOTAL_FAILED")
        return [
            ("SIGNATURE_INVALID", "chữ ký số không hợp lệ" + (f" ({detail})" if detail else ""))
        ]
    if verdict == "indeterminate":
        sigs = [s for s in report.signatures if s.indication == "INDETERMINATE"]
        if any(s.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND" or not s.trusted for s in sigs):
            untrusted = next((s for s in sigs if not s.trusted and s.summary is not None), None)
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


def _first_message(report: EvidenceReport, indication: str) -> str | None:
    for signature in report.signatures:
        if signature.indication == indication and signature.messages:
            return signature.messages[0].rstrip(".")
    return None


def judge_pdf(
    check: FileCheck, report: EvidenceReport, criterion: Criterion, assessment: Assessment
) -> FileCheck:
    """The file with ``counts``, ``document`` and every reason filled in."""
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
    doc_type = report.fields.type
    if doc_type and not type_matches(doc_type, criterion):
        found.append(
            (
                "WRONG_DOCUMENT_TYPE",
                f"văn bản là {doc_type.capitalize()}, tiêu chí {criterion.id} cần "
                f"{describe_types(accepted_types(criterion))}",
            )
        )
    date = report.fields.date
    if date is not None and date.year != assessment.year:
        found.append(
            (
                "DATE_OUTSIDE_YEAR",
                f"văn bản ban hành ngày {date:%d/%m/%Y}, ngoài năm đánh giá {assessment.year}",
            )
        )
    if report.verdict == "valid" and not signed_by_unit(report, assessment.unit):
        signer = next(iter(report.signatures), None)
        who = (signer.signer.organization or signer.signer.common_name) if signer else None
        names = " hoặc ".join(_unit_names(assessment.unit))
        found.append(
            (
                "SIGNER_NOT_UNIT",
                f"người ký ({who or 'không rõ'}) không phải {names}",
            )
        )
    counts = report.accepted and not found
    reasons = [
        EvidenceReason(code=code, message=f"{check.path}: {text}.", file=check.path)
        for code, text in found
    ]
    document = describe_document(report) if report.verdict != "unreadable" else None
    return check.model_copy(
        update={"report": report, "counts": counts, "reasons": reasons, "document": document}
    )


def judge_other(check: FileCheck) -> FileCheck:
    """Illustrations are accepted unsigned; any other format is reported."""
    if check.kind == "illustration":
        return check
    if check.kind == "refused":
        reason = EvidenceReason(
            code="FILE_REFUSED",
            message=f"{check.path}: là liên kết tượng trưng (symlink), không được đọc.",
            file=check.path,
        )
    elif check.kind == "other":
        reason = EvidenceReason(
            code="FORMAT_NOT_ACCEPTED",
            message=(
                f"{check.path}: định dạng không được chấp nhận; chỉ nộp PDF đã ký số, "
                "hoặc ảnh, video, âm thanh minh họa."
            ),
            file=check.path,
        )
    else:
        return check
    return check.model_copy(update={"reasons": [reason]})


def _unsigned(check: FileCheck) -> bool:
    """Illustrations, other formats and PDFs without a signature (not: could not be read)."""
    if check.kind == "pdf":
        return check.report is not None and check.report.verdict == "unsigned"
    return check.kind in ("illustration", "other")


def criterion_evidence(
    criterion: Criterion, folders: list[str], files: list[FileCheck]
) -> CriterionEvidence:
    """The criterion's verdict from its folder and its judged files."""
    folder = "; ".join(folders) if folders else None
    documents = [f.document for f in files if f.counts and f.document]
    reasons: list[EvidenceReason] = []
    if documents:
        reasons = [r for f in files for r in f.reasons]
        return CriterionEvidence(
            evidenced=True, documents=documents, reasons=reasons, folder=folder
        )
    listed = [f for f in files if f.kind != "ignored"]
    if not folders:
        reasons.append(
            EvidenceReason(
                code="NO_FOLDER",
                message=(
                    f"Không có thư mục minh chứng cho tiêu chí {criterion.id}: tạo thư mục "
                    f"“{criterion.id}” và đặt văn bản đã ký số vào đó."
                ),
            )
        )
    elif not listed:
        reasons.append(
            EvidenceReason(
                code="EMPTY_FOLDER",
                message=f"Thư mục “{folder}” không có tệp nào: hãy nộp văn bản minh chứng đã ký số.",
            )
        )
    elif all(_unsigned(f) for f in listed):
        reasons.append(
            EvidenceReason(
                code="ONLY_UNSIGNED",
                message=(
                    f"Thư mục “{folder}” chỉ có tệp chưa ký số (ảnh, video, âm thanh chỉ là minh "
                    "họa): cần ít nhất một văn bản PDF đã ký số của "
                    f"loại {describe_types(accepted_types(criterion))}."
                ),
            )
        )
    reasons.extend(r for f in listed for r in f.reasons)
    return CriterionEvidence(evidenced=False, reasons=reasons, folder=folder)
