"""The administrative half of a report: one call into the fields and cross-check modules.

``fields.py`` (the thể thức fields of Nghị định 30/2020, text layer or OCR)
and ``crosscheck.py`` (fields against signatures) are owned separately; this
adapter is the only place the signature pipeline touches them, so either
side can change without the other.

Reading and applying are two steps: :func:`read_administrative` needs only
the file (PDFium, Tesseract), :func:`complete_report` puts the reading into
a signature report and decides whether the file counts as evidence. The
one-file command reads in a child of its own, side by side with the
signature check (``verify/single.py``); everywhere else the pipeline does
both in turn.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import BaseModel, Field

from verify.outcome import is_accepted
from verify.plausible import flag_garbled
from verify.report import (
    AdministrativeFields,
    EvidenceReport,
    FieldDetail,
    Problem,
    SignatureReport,
)

logger = logging.getLogger(__name__)


class FieldReading(BaseModel):
    """What the field step adds to a report (plain report models: cheap to send between processes)."""

    fields: AdministrativeFields = Field(default_factory=AdministrativeFields)
    details: dict[str, FieldDetail] = Field(default_factory=dict)
    administrative: bool | None = None
    missing_fields: list[str] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


def read_administrative(path: Path) -> FieldReading:
    """The fields of the PDF at ``path``, their provenance and problems; never raises."""
    try:
        from verify.fields import extract_fields
    except ImportError:  # fields module not installed in this build
        return FieldReading(problems=[_NOT_CHECKED])
    try:
        result = extract_fields(path)
    except Exception as exc:  # never let the text layer sink the signature report
        logger.warning("field extraction failed on %s: %s", path, exc)
        return FieldReading(problems=[_UNREADABLE])
    return FieldReading(
        fields=result.fields,
        details=dict(result.details),
        administrative=result.administrative,
        missing_fields=list(result.missing_fields),
        problems=list(result.problems),
    )


def apply_administrative(report: EvidenceReport, reading: FieldReading) -> None:
    """Fill ``report``'s fields, their provenance, missing fields and problems.

    Cross-checks against the signatures run only for an administrative
    document: a contract's parties or an application's applicant are not an
    issuing agency to compare a certificate with.
    """
    report.fields = reading.fields
    report.fields_detail = dict(reading.details)
    report.administrative = reading.administrative
    report.missing_fields = list(reading.missing_fields)
    report.problems.extend(reading.problems)
    if report.signatures and reading.administrative:
        report.problems.extend(_cross_check(reading.fields, report.signatures))
    mark_unreliable_fields(report)


def complete_report(report: EvidenceReport, reading: FieldReading | None) -> None:
    """The fields applied (``None``: not checked) and whether the file counts as evidence."""
    if reading is not None:
        apply_administrative(report, reading)
    report.accepted = is_accepted(
        report.verdict,
        report.missing_fields,
        reading is not None,
        administrative=report.administrative,
    )


def mark_unreliable_fields(report: EvidenceReport) -> None:
    """Fields read from a file changed after signing are not what was signed: say so.

    The text is read from the file as it is now; when a signature does not
    match it or the file was modified after signing (beyond permitted
    signatures and validation data), an added annotation or replaced page
    may be exactly what the fields show. Garbled values (``plausible``) are
    marked so that no reader shows them as a reading.
    """
    flag_garbled(report)
    modified = [
        s
        for s in report.signatures
        if not s.intact or s.modified_after not in ("none", "signatures_or_validation_data")
    ]
    if not modified or report.fields.source is None:
        return
    report.fields_reliable = False
    report.problems.append(
        Problem(
            code="FIELDS_UNRELIABLE",
            severity="warning",
            message=(
                "Thông tin văn bản được đọc từ tệp đã bị sửa sau khi ký, nên có thể không phải "
                "nội dung đã ký: chỉ dùng để tham khảo, đối chiếu với bản đã ký."
            ),
        )
    )


_NOT_CHECKED = Problem(
    code="FIELDS_NOT_CHECKED",
    severity="warning",
    message="Chưa kiểm tra được thể thức văn bản (số, ngày, loại, cơ quan ban hành).",
)
_UNREADABLE = Problem(
    code="FIELDS_UNREADABLE",
    severity="error",
    message="Không đọc được nội dung văn bản để kiểm tra thể thức.",
)


def _cross_check(fields: AdministrativeFields, signatures: list[SignatureReport]) -> list[Problem]:
    try:
        from verify.crosscheck import cross_check
    except ImportError:  # cross-check module not installed in this build
        return []
    return cross_check(fields, signatures)
