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

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HOSO_", extra="ignore")

    data_dir: Path = Path("var")
    """SQLite file, blobs and the converter's profile live here (``HOSO_DATA_DIR``)."""

    database_url: str | None = None
    """``postgresql://user:pass@host/db`` switches from the embedded SQLite file."""

    trust: str = ""
    """Certificate files or folders for signature trust, separated by ``:`` or ``,``."""

    validation_time: datetime | None = None
    """Pin the signature validation moment (re-checks as of a date, tests); ``None`` = now."""

    max_upload_mb: float = 50.0
    """Largest accepted request body; bigger uploads get 413 and nothing is stored."""

    workers: int = 2
    """Threads running dossier jobs (each checker uses its own process pool)."""

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

    start_converter: bool = True
    """Start the warm LibreOffice at startup (tests that never render PDFs turn it off)."""

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'hoso.sqlite3').resolve()}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def trust_paths(self) -> tuple[Path, ...]:
        parts = self.trust.replace(",", os.pathsep).split(os.pathsep)
        return tuple(Path(p.strip()) for p in parts if p.strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
