"""The administrative half of a report: one call into the fields and cross-check modules.

``fields.py`` (the thể thức fields of Nghị định 30/2020, text layer or OCR)
and ``crosscheck.py`` (fields against signatures) are owned separately; this
adapter is the only place the signature pipeline touches them, so either
side can change without the other.
"""

from __future__ import annotations

import logging
from pathlib import Path

from verify.report import AdministrativeFields, Problem, SignatureReport

logger = logging.getLogger(__name__)


def administrative_fields(
    path: Path, signatures: list[SignatureReport]
) -> tuple[AdministrativeFields, list[str], list[Problem]]:
    """Fields, missing required fields, and problems (extraction + cross-checks)."""
    try:
        from verify.fields import extract_fields
    except ImportError:  # fields module not installed in this build
        return (
            AdministrativeFields(),
            [],
            [
                Problem(
                    code="FIELDS_NOT_CHECKED",
                    severity="warning",
                    message="Chưa kiểm tra được thể thức văn bản (số, ngày, loại, cơ quan ban hành).",
                )
            ],
        )
    try:
        result = extract_fields(path)
    except Exception as exc:  # never let the text layer sink the signature report
        logger.warning("field extraction failed on %s: %s", path, exc)
        return (
            AdministrativeFields(),
            [],
            [
                Problem(
                    code="FIELDS_UNREADABLE",
                    severity="error",
                    message="Không đọc được nội dung văn bản để kiểm tra thể thức.",
                )
            ],
        )
    problems = list(result.problems)
    if signatures:
        problems.extend(_cross_check(result.fields, signatures))
    return result.fields, list(result.missing_fields), problems


def _cross_check(fields: AdministrativeFields, signatures: list[SignatureReport]) -> list[Problem]:
    try:
        from verify.crosscheck import cross_check
    except ImportError:  # cross-check module not installed in this build
        return []
    return cross_check(fields, signatures)
