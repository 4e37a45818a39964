"""The administrative half of a report: one call into the fields and cross-check modules.

``fields.py`` (the thể thức fields of Nghị định 30/2020, text layer or OCR)
and ``crosscheck.py`` (fields against signatures) are owned separately; this
adapter is the only place the signature pipeline touches them, so either
side can change without the other.
"""

from __future__ import annotations

import logging
from pathlib import Path

from verify.report import AdministrativeFields, EvidenceReport, Problem, SignatureReport

logger = logging.getLogger(__name__)


def add_administrative_fields(report: EvidenceReport, path: Path) -> None:
    """Fill ``report``'s fields, their provenance, missing fields and problems.

    Cross-checks against the signatures run only for an administrative
    document: a contract's parties or an application's applicant are not an
    issuing agency to compare a certificate with.
    """
    try:
        from verify.fields import extract_fields
    except ImportError:  # fields module not installed in this build
        report.problems.append(_NOT_CHECKED)
        return
    try:
        result = extract_fields(path)
    except Exception as exc:  # never let the text layer sink the signature report
        logger.warning("field extraction failed on %s: %s", path, exc)
        report.problems.append(_UNREADABLE)
        return
    report.fields = result.fields
    report.fields_detail = dict(result.details)
    report.administrative = result.administrative
    report.missing_fields = list(result.missing_fields)
    report.problems.extend(result.problems)
    if report.signatures and result.administrative:
        report.problems.extend(_cross_check(result.fields, report.signatures))


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
