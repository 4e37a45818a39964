"""Service settings, read from the environment once and injected.

One pydantic-settings class behind a cached ``get_settings()`` (DESIGN.md):
libraries never read the environment themselves. ``create_app`` takes a
``Settings`` (tests pass their own) and keeps it on ``app.state``; routes get it
through the ``SettingsDep`` alias.
"""

from __future__ import annotations

import os
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HOSO_", extra="ignore")

    data_dir: Path = Path("var")
    """SQLite file, blobs and the converter's profile live here (``HOSO_DATA_DIR``)."""

    database_url: str | None = None
    """``postgresql://user:pass@host/db`` switches from the embedded SQLite file."""

    trust: str = ""
    """Certificate files or folders for signature trust, separated by ``:`` or ``,``."""

    policy: str = "strict"
    """Validation policy of requests that name none (``HOSO_POLICY``): strict, vn-legacy, or a
    deployment's policy in ``<data_dir>/policies``."""

    validation_time: datetime | None = None
    """Pin the signature validation moment (re-checks as of a date, tests); ``None`` = now."""

    max_upload_mb: float = 50.0
    """Largest accepted upload; bigger uploads get 413 and nothing is stored."""

    max_json_kb: int = 1024
    """Largest JSON body (assessments, form inputs); held in memory while parsed."""

    work_dir: Path | None = None
    """Where dossier ZIPs are extracted while checked (``None``: ``<data>/work``); local disk."""

    jobs: Literal["auto", "threads", "procrastinate"] = "auto"
    """Dossier job engine: ``auto`` = procrastinate with PostgreSQL, threads with SQLite."""

    workers: int = 2
    """Dossier jobs this server runs itself at once (0: none, ``hoso worker`` runs them)."""

    worker_heartbeat_s: float = 10.0
    """How often a running job (and a procrastinate worker) says it is alive."""

    stalled_after_s: float = 60.0
    """A job whose worker has been silent this long is taken over by another worker."""

    job_max_attempts: int = 5
    """Runs of one dossier job before it is failed (interruptions, database faults)."""

    check_workers: int | None = None
    """Processes per dossier check; ``None`` lets the checker size it to the cores."""

    verify_time_limit_s: float = 60.0
    """Time limit of one evidence PDF, enforced by the verifier's guard."""

    converter_timeout_s: float = 30.0
    """Time limit of one DOCX → PDF conversion; beyond it the request gets 504."""

    converters: int = 2
    """Warm LibreOffice instances converting in parallel."""

    verifiers: int = 2
    """Warm verifier processes checking uploaded PDFs in parallel."""

    sign_key: Path | None = None
    """PKCS#12 file (.p12/.pfx) of the service's signing key (``?sign=true`` on render)."""

    sign_password: str | None = None
    """Password of ``sign_key`` (``HOSO_SIGN_PASSWORD``; keep it out of process listings)."""

    sign_pkcs11_module: Path | None = None
    """PKCS#11 library of a signing token, instead of ``sign_key``."""

    sign_token: str | None = None
    """Label of the token."""

    sign_pin: str | None = None
    """PIN of the token."""

    sign_key_label: str | None = None
    """Label of the key and certificate on the token (the first one when empty)."""

    sign_seal: Path | None = None
    """The agency's seal image (PNG/JPEG) drawn under the signature's appearance."""

    start_converter: bool = True
    """Start the warm LibreOffice at startup (tests that never render PDFs turn it off)."""

    # Overload: concurrent requests per route class (api.admission), then 503.
    limit_read: int = 16
    limit_verify: int = 12
    limit_render: int = 4
    limit_upload: int = 4
    queue_depth: int = 100
    """Requests of one class that may wait for a slot; beyond, 503 at once."""
    queue_wait_s: float = 10.0
    """How long a request waits for a slot of its class before 503."""

    # Slow or stuck clients (api.server, api.limits).
    header_timeout_s: float = 10.0
    """A connection must send its request line and headers within this time."""
    body_idle_timeout_s: float = 30.0
    """Longest pause while a request body is being sent; then 408."""
    keep_alive_s: int = 5
    """Idle keep-alive connections are closed after this time."""
    max_connections: int = 1000
    """Open connections one server accepts (beyond: uvicorn answers 503)."""

    # Dossier limits (verify.dossier.ArchiveLimits, result size).
    dossier_max_files: int = 2000
    dossier_max_uncompressed_mb: int = 1024
    dossier_max_result_mb: float = 16.0

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'hoso.sqlite3').resolve()}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def policy_dir(self) -> Path:
        """The deployment's own validation policies, looked up by name."""
        return self.data_dir / "policies"

    @property
    def intermediates_dir(self) -> Path:
        """Issuing CAs seen in earlier uploads: offered to the chain builder, never trusted."""
        return self.data_dir / "intermediates"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def max_json_bytes(self) -> int:
        return self.max_json_kb * 1024

    @property
    def job_work_dir(self) -> Path:
        return self.work_dir or self.data_dir / "work"

    @property
    def uses_postgres(self) -> bool:
        return self.effective_database_url.startswith(("postgres", "postgresql"))

    @property
    def job_engine(self) -> str:
        if self.jobs != "auto":
            return self.jobs
        return "procrastinate" if self.uses_postgres else "threads"

    @property
    def request_slots(self) -> dict[str, int]:
        """Concurrent requests per route class (``api.admission``)."""
        return {
            "read": self.limit_read,
            "verify": self.limit_verify,
            "render": self.limit_render,
            "upload": self.limit_upload,
        }

    @property
    def db_pool_size(self) -> int:
        """Connections one process needs: every admitted request, every job, health and the queue."""
        return sum(self.request_slots.values()) + max(0, self.workers) * 2 + 4

    @property
    def trust_paths(self) -> tuple[Path, ...]:
        parts = self.trust.replace(",", os.pathsep).split(os.pathsep)
        return tuple(Path(p.strip()) for p in parts if p.strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
