"""Errors of the dossier check: the dossier as a whole cannot be checked.

A criterion without evidence, a bad signature, a hostile ZIP *entry* are
results (reported per criterion or per file); these exceptions mean the work
could not be done at all, and the CLI turns them into exit status 2.

Exception tree (under the package root ``verify.errors.VerifyError``)::

    VerifyError
    └── DossierError                 DOSSIER_ERROR
        ├── DossierNotFoundError     DOSSIER_NOT_FOUND: no such folder or ZIP file
        ├── DossierLayoutError       DOSSIER_LAYOUT_INVALID: no assessment.json,
        │                            unreadable JSON, assessment rejected
        └── ArchiveError             ARCHIVE_INVALID: not a ZIP, corrupt
            └── ArchiveBombError     ARCHIVE_TOO_LARGE: too many entries, too
                                     large once extracted, compression ratio
                                     of a zip bomb
"""

from __future__ import annotations

from verify.errors import VerifyError


class DossierError(VerifyError):
    """Root of the dossier check's errors."""

    code = "DOSSIER_ERROR"

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class DossierNotFoundError(DossierError):
    """The dossier path is neither a folder nor a ZIP file."""

    code = "DOSSIER_NOT_FOUND"


class DossierLayoutError(DossierError):
    """The dossier lacks assessment.json, or the assessment is invalid."""

    code = "DOSSIER_LAYOUT_INVALID"


class ArchiveError(DossierError):
    """The ZIP file cannot be read (not a ZIP, corrupt)."""

    code = "ARCHIVE_INVALID"


class ArchiveBombError(ArchiveError):
    """The ZIP file would expand beyond the limits (a zip bomb, or simply too big)."""

    code = "ARCHIVE_TOO_LARGE"
