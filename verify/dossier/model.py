"""The dossier check's options and result: what ``check_dossier`` takes and returns.

The result carries the appraisal (``criteria.appraisal``: self-assessed and
checked status per criterion, both decisions) and, for every file, the full
evidence report, so that the JSON report and the service can show a
reviewer exactly why a file did not count.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from criteria.appraisal import Appraisal
from criteria.assessment import Assessment
from criteria.evidence import EvidenceReason
from verify.dossier.archive import ArchiveLimits
from verify.dossier.cache import ReportStore
from verify.options import VerifyOptions
from verify.report import EvidenceReport, PolicyRef

Verifier = Callable[[Path, VerifyOptions], EvidenceReport]
"""``verify.verify_pdf``'s shape. A test hook: a module-level function (picklable)."""

FileKind = Literal["pdf", "illustration", "other", "ignored", "refused"]


@dataclass(frozen=True)
class DossierOptions:
    """How to check a dossier; plain values, passed explicitly (never read from the environment).

    ``verify``: the options of each file's verification (trust store, ``--at``);
    its ``isolate`` and ``time_limit_s`` are replaced by the pool's own guard.
    ``workers``: processes verifying in parallel (``None``: one per core).
    ``time_limit_s``: the most one file may take; past it the worker is
    killed and the file reported. ``cache_dir``: where verified reports are
    kept between runs (``None``: no cache); ``cache``: a report store of the
    caller's instead (the service's database), used in place of ``cache_dir``.
    ``work_dir``: where a ZIP is extracted (``None``: the system's temporary
    folder). ``verifier``: the function that verifies one file (``None``:
    ``verify.verify_pdf``); tests pass fakes.
    """

    verify: VerifyOptions = field(default_factory=VerifyOptions)
    workers: int | None = None
    time_limit_s: float = 60.0
    cache_dir: Path | None = None
    cache: ReportStore | None = None
    work_dir: Path | None = None
    limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    verifier: Verifier | None = None
    max_tasks_per_worker: int = 200

    def worker_count(self, tasks: int) -> int:
        wanted = self.workers if self.workers and self.workers > 0 else (os.cpu_count() or 1)
        return max(1, min(wanted, tasks))


class FileCheck(BaseModel):
    """One file of the dossier: what it is, its evidence report, and whether it counts."""

    path: str = Field(description="Đường dẫn trong hồ sơ, phân cách bằng /")
    criterion_id: str | None = None
    kind: FileKind
    size: int = 0
    sha256: str | None = None
    cached: bool = False
    counts: bool = Field(False, description="Được tính là minh chứng hợp lệ của tiêu chí")
    document: str | None = Field(None, description="Số, ký hiệu, ngày, trích yếu")
    explanation: bool = Field(False, description="Tệp giải trình của đơn vị, không phải minh chứng")
    report: EvidenceReport | None = None
    reasons: list[EvidenceReason] = Field(default_factory=list)


class DossierProblem(BaseModel):
    """Something in the dossier outside any criterion: a stray folder, a refused ZIP entry."""

    code: str
    message: str
    path: str | None = None


class CheckStats(BaseModel):
    files: int = 0
    pdfs: int = 0
    verified: int = 0
    cached: int = 0
    timed_out: int = 0
    workers: int = 0
    seconds: float = 0.0


class DossierResult(BaseModel):
    """Everything the check found; ``appraisal.decision`` is the checked decision."""

    source: str = Field(description="Tên tệp ZIP hoặc thư mục hồ sơ")
    checked_at: datetime | None = Field(None, description="Thời điểm kiểm tra (+07:00)")
    validation_time: datetime | None = Field(
        None, description="Thời điểm đánh giá chữ ký, khi được chỉ định (--at)"
    )
    assessment: Assessment
    appraisal: Appraisal
    files: list[FileCheck]
    problems: list[DossierProblem] = Field(default_factory=list)
    policy: PolicyRef
    trust_fingerprint: str
    stats: CheckStats = Field(default_factory=CheckStats)

    @property
    def passed(self) -> bool | None:
        """True recognised, False not, None awaiting the appraiser or only monitoring."""
        return self.appraisal.decision.passed

    def files_of(self, criterion_id: str) -> list[FileCheck]:
        return [f for f in self.files if f.criterion_id == criterion_id]
