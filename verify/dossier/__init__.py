"""Dossier checks: every evidence file of a dossier verified, criterion by criterion.

Public API::

    from verify.dossier import check_dossier, DossierOptions
    result = check_dossier(Path("ho-so.zip"), DossierOptions(verify=VerifyOptions(trust=...)))
    result.appraisal.decision.passed, result.appraisal.criteria, result.files

A dossier is a folder or a ZIP file with ``assessment.json`` and one folder
per criterion (``1.1``, ``1.1. Kế hoạch CĐS``, ``II.12 - Camera``).
"""

from __future__ import annotations

from verify.dossier.check import check_dossier
from verify.dossier.errors import (
    ArchiveBombError,
    ArchiveError,
    DossierError,
    DossierLayoutError,
    DossierNotFoundError,
)
from verify.dossier.model import DossierOptions, DossierProblem, DossierResult, FileCheck

__all__ = [
    "ArchiveBombError",
    "ArchiveError",
    "DossierError",
    "DossierLayoutError",
    "DossierNotFoundError",
    "DossierOptions",
    "DossierProblem",
    "DossierResult",
    "FileCheck",
    "check_dossier",
]
