"""The job pool's runner: ``verify.dossier.check_dossier``, called as it is.

The API adds no rule here: it passes the stored ZIP, the trust store, the
validation moment and the limits to the checker, relays its progress to the
job row, and keeps its result as JSON. The checker's SHA-256 report cache
lives under ``<data>/cache``, so a job re-run after a restart does not verify
again the files it already verified. A dossier that cannot be checked at all
(not a ZIP, zip bomb, no or bad ``assessment.json``) fails the job with the
checker's own code and message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.jobs import JobFailed, Progress
from api.settings import Settings
from verify import VerifyOptions


class CheckDossierRunner:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, zip_path: Path, progress: Progress) -> dict[str, Any]:
        try:
            from verify.dossier import DossierError, DossierOptions, check_dossier
        except ImportError as exc:  # pragma: no cover - only before the package is installed
            raise JobFailed(
                "DOSSIER_CHECK_UNAVAILABLE",
                "Chức năng kiểm tra hồ sơ chưa có trong bản cài đặt này.",
            ) from exc
        settings = self.settings
        options = DossierOptions(
            verify=VerifyOptions(
                trust=settings.trust_paths, validation_time=settings.validation_time
            ),
            workers=settings.check_workers,
            time_limit_s=settings.verify_time_limit_s,
            cache_dir=settings.data_dir / "cache",
        )
        try:
            result = check_dossier(
                zip_path, options, progress=lambda done, total, _path: progress(done, total)
            )
        except DossierError as exc:
            raise JobFailed(exc.code, exc.message, exc.details) from exc
        data: dict[str, Any] = result.model_dump(mode="json")
        return data
