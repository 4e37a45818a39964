"""Errors of the criteria package.

Exception tree (every error carries a stable UPPER_SNAKE ``code``)::

    CriteriaError                      root: "could not do the work"
    ├── CatalogError                   a catalog file is missing or malformed
    │   └── CatalogNotFoundError       no catalog with that id
    └── AssessmentError                the assessment cannot be evaluated;
                                       ``problems`` lists every problem at once

A criterion that is not met is a *result*, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem of an input, with the JSON path where it sits."""

    code: str
    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "path": self.path, "message": self.message}


class CriteriaError(Exception):
    """Root of the criteria package's errors."""

    code = "CRITERIA_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CatalogError(CriteriaError):
    """A catalog file could not be read or does not follow the catalog schema."""

    code = "CATALOG_INVALID"


class CatalogNotFoundError(CatalogError):
    """No catalog carries the requested id."""

    code = "CATALOG_NOT_FOUND"


class AssessmentError(CriteriaError):
    """The assessment has problems; all of them are listed, not just the first."""

    code = "ASSESSMENT_INVALID"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [f"{p.path}: {p.message}" for p in problems]
        super().__init__("Hồ sơ đánh giá có lỗi:\n" + "\n".join(f"- {line}" for line in lines))
