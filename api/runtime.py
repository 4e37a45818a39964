"""Everything a running service holds: settings, database, blobs, pools, the job queue.

Built by ``create_app`` and started/stopped by its lifespan, so tests can run
several independent services (each with its own data folder) in one process.
``job_executor`` builds the part a ``hoso worker`` needs as well (no
converter, no verifier pool, no HTTP).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from api.blobs import BlobStore
from api.converters import ConverterService
from api.db import Database, upgrade_to_head
from api.db.models import utcnow
from api.health import HealthMonitor
from api.jobs import DossierRunner, JobExecutor, JobLimits
from api.queue import JobQueue, build_queue
from api.settings import Settings
from api.verifiers import VerifierPool

log = logging.getLogger("hoso.api")


def job_executor(
    settings: Settings, db: Database, blobs: BlobStore, runner: DossierRunner | None, name: str
) -> JobExecutor:
    from api.dossier_runner import CheckDossierRunner

    limits = JobLimits(
        max_attempts=settings.job_max_attempts,
        max_result_bytes=int(settings.dossier_max_result_mb * 1024 * 1024),
        heartbeat_s=settings.worker_heartbeat_s,
    )
    return JobExecutor(
        db, blobs, runner or CheckDossierRunner(settings, db), settings.job_work_dir, limits, name
    )


def process_name() -> str:
    import os
    import socket

    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Runtime:
    settings: Settings
    db: Database
    blobs: BlobStore
    converters: ConverterService
    verifiers: VerifierPool
    queue: JobQueue
    health: HealthMonitor
    started: bool = field(default=False)
    clock: Callable[[], datetime] = field(default=utcnow)
    """The present moment of the appraisal chain's deadlines (tests move it)."""

    @classmethod
    def build(cls, settings: Settings, runner: DossierRunner | None = None) -> Runtime:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = Database(settings.effective_database_url, settings.db_pool_size)
        blobs = BlobStore(settings.blob_dir)
        converters = ConverterService(
            settings.data_dir / "libreoffice", settings.converters, settings.converter_timeout_s
        )
        verifiers = VerifierPool(settings.verifiers)
        executor = job_executor(settings, db, blobs, runner, process_name())
        queue = build_queue(settings, executor)
        return cls(settings, db, blobs, converters, verifiers, queue, HealthMonitor(db))

    def start(self) -> None:
        upgrade_to_head(self.db)
        self.queue.start()
        self.health.start()
        if self.settings.start_converter:
            self.converters.start_in_background()
        self.started = True

    def stop(self) -> None:
        self.queue.stop()
        self.health.stop()
        self.converters.stop()
        self.verifiers.close()
        self.db.dispose()
        self.started = False
