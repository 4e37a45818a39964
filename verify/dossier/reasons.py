"""The dossier's files handed to ``criteria.evidence``, and its verdicts written back on them.

The rules that decide whether a criterion is evidenced — which kinds of
document, issued by whom, dated when, each required document by a file of
its own — are the catalog's data and ``criteria.evidence``'s code (DESIGN:
"criteria/ decides 'evidenced' from verification reports — the dossier
checker only gathers files and reports"). This module only converts: a
gathered file and its ``EvidenceReport`` become a ``criteria.filed.FiledFile``
(the report read through its JSON shape), and each ``FileVerdict`` comes
back onto the file as ``counts``, ``document`` and ``reasons``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from criteria.assessment import Assessment
from criteria.catalog import Criterion
from criteria.evidence import CriterionEvidence, FileVerdict, criterion_evidence
from criteria.filed import DocumentReport, FiledFile
from verify.dossier.model import FileCheck


def explanation_paths(assessment: Assessment) -> dict[str, str]:
    """Criterion id → the dossier path of the unit's explanation file (``explanation.file``)."""
    found: dict[str, str] = {}
    for criterion_id, given in assessment.criteria.items():
        if given.explanation is not None and given.explanation.file:
            found[criterion_id] = dossier_path(given.explanation.file)
    return found


def dossier_path(text: str) -> str:
    """``.\\Giải trình\\1.6.pdf`` → ``Giải trình/1.6.pdf``: how the layout names files."""
    path = unicodedata.normalize("NFC", text.replace("\\", "/")).strip()
    while path.startswith("./"):
        path = path[2:]
    return path.lstrip("/")


def filed(check: FileCheck) -> FiledFile:
    """The file as the criteria read it: path, kind and the report's JSON shape."""
    report = None
    if check.report is not None:
        report = DocumentReport.model_validate(check.report.model_dump())
    return FiledFile(path=check.path, kind=check.kind, report=report)


def judge_criterion(
    criterion: Criterion,
    assessment: Assessment,
    files: Sequence[FileCheck],
    folders: list[str],
    explanation_file: str | None,
) -> tuple[CriterionEvidence, dict[str, FileVerdict]]:
    """``criteria.evidence.criterion_evidence`` for the files gathered for ``criterion``."""
    evidence, verdicts = criterion_evidence(
        criterion,
        [filed(f) for f in files],
        unit=assessment.unit,
        year=assessment.year,
        folders=folders,
        explanation_file=explanation_file,
    )
    return evidence, {v.path: v for v in verdicts}


def with_verdict(check: FileCheck, verdict: FileVerdict | None) -> FileCheck:
    """The file with what the criteria decided about it (unchanged when it was not judged)."""
    if verdict is None:
        return check
    return check.model_copy(
        update={
            "counts": verdict.counts,
            "document": verdict.document,
            "reasons": list(verdict.reasons),
            "explanation": verdict.explanation,
        }
    )
