"""Everything a running service holds: settings, database, blobs, pools.

Built by ``create_app`` and started/stopped by its lifespan, so tests can run
several independent services (each with its own data folder) in one process.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from api.blobs import BlobStore
from api.converters import ConverterService
from api.db import Database, upgrade_to_head
from api.jobs import DossierRunner, JobPool
from api.settings import Settings
from api.verifiers import VerifierPool

log = logging.getLogger("hoso.api")


@dataclass
class Runtime:
    settings: Settings
    db: Database
    blobs: BlobStore
    converters: ConverterService
    verifiers: VerifierPool
    jobs: JobPool
    started: bool = field(default=False)

    @classmethod
    def build(cls, settings: Settings, runner: DossierRunner | None = None) -> Runtime:
        from api.dossier_runner import CheckDossierRunner

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = Database(settings.effective_database_url)
        blobs = BlobStore(settings.blob_dir)
        converters = ConverterService(
            settings.data_dir / "libreoffice", settings.converters, settings.converter_timeout_s
        )
        verifiers = VerifierPool(settings.verifiers)
        jobs = JobPool(db, blobs, runner or CheckDossierRunner(settings), settings.workers)
        return cls(settings, db, blobs, converters, verifiers, jobs)

    def start(self) -> None:
        upgrade_to_head(self.db)
        requeued = self.jobs.start()
        if requeued:
            log.info("resuming %d interrupted dossier job(s)", requeued)
        if self.settings.start_converter:
            self.converters.start_in_background()
        self.started = True

    def stop(self) -> None:
        self.jobs.stop()
        self.converters.stop()
        self.verifiers.close()
        self.db.dispose()
        self.started = False
