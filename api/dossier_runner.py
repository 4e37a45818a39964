"""The job executor's runner: ``verify.dossier.check_dossier``, called as it is.

The API adds no rule here: it passes the stored ZIP, the trust store, the
job's validation policy, the validation moment and the limits to the
checker, relays its progress to the job row, and keeps its result as JSON;
the issuing CAs the dossier's files carry are kept for later uploads
(``Settings.intermediates_dir``, never trusted by themselves). The checker's per-file report cache
is the service's database (``api.report_cache``): every report is kept as
soon as its file is verified, so a job re-run after a crash — on this
machine or another — does not verify those files again. The ZIP is
extracted in the job's own work folder, which the executor removes on every
path. A dossier that cannot be checked at all (not a ZIP, too many files,
too large once extracted, a zip bomb, no or bad ``assessment.json``) fails
the job with the checker's own code and message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.db import Database
from api.jobs import JobFailed, Progress
from api.policies import request_policy
from api.report_cache import DatabaseReportCache
from api.settings import Settings
from verify import Policy, VerifyError, VerifyOptions
from verify.carried import carried_certificates
from verify.dossier import DossierError, DossierOptions, check_dossier
from verify.dossier.archive import ArchiveLimits
from verify.truststore import store_intermediates


class CheckDossierRunner:
    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.cache = DatabaseReportCache(db)

    def options(self, work_dir: Path, policy: Policy | None = None) -> DossierOptions:
        settings = self.settings
        return DossierOptions(
            verify=VerifyOptions(
                trust=settings.trust_paths,
                intermediates=(settings.intermediates_dir,),
                policy=policy or request_policy(settings, None),
                validation_time=settings.validation_time,
            ),
            workers=settings.check_workers,
            time_limit_s=settings.verify_time_limit_s,
            cache=self.cache,
            work_dir=work_dir,
            limits=ArchiveLimits(
                max_entries=settings.dossier_max_files,
                max_total_bytes=settings.dossier_max_uncompressed_mb * 1024 * 1024,
            ),
        )

    def __call__(
        self, zip_path: Path, progress: Progress, work_dir: Path, policy: str | None = None
    ) -> dict[str, Any]:
        name = policy.split("@", 1)[0] if policy and "@" in policy else None
        try:
            chosen = request_policy(self.settings, name)
        except VerifyError as exc:
            raise JobFailed(exc.code, exc.message) from exc
        try:
            result = check_dossier(
                zip_path,
                self.options(work_dir, chosen),
                progress=lambda done, total, _path: progress(done, total),
            )
        except DossierError as exc:
            raise JobFailed(exc.code, exc.message, exc.details) from exc
        for item in result.files:
            if item.report is not None:
                store_intermediates(
                    self.settings.intermediates_dir, carried_certificates(item.report)
                )
        data: dict[str, Any] = result.model_dump(mode="json")
        return data
