"""``hoso gc``: find and remove what no row refers to any more.

A blob file is written before its row; a failed transaction (the database
went away between the two) leaves a file without a row. A killed process
leaves its temporary upload file, or the folder where a job extracted its
ZIP. None of this is ever read again, and none of it is removed on the spot
(another request may be about to write the row for the same bytes); this
collector removes it once it is older than a grace period (one hour by
default), which no request or upload lasts. Safe to run at any time, from
cron, on any machine that sees the blob folder.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from api.blobs import BlobStore
from api.db import Database
from api.db.models import Blob, DossierJob

DEFAULT_GRACE_S = 3600.0


@dataclass
class Collected:
    orphan_blobs: list[Path] = field(default_factory=list)
    temp_files: list[Path] = field(default_factory=list)
    work_folders: list[Path] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.orphan_blobs) + len(self.temp_files) + len(self.work_folders)


def _old(path: Path, before: float) -> bool:
    try:
        return path.stat().st_mtime < before
    except FileNotFoundError:
        return False


def collect(
    db: Database,
    blobs: BlobStore,
    work_root: Path,
    *,
    grace_s: float = DEFAULT_GRACE_S,
    dry_run: bool = False,
) -> Collected:
    before = time.time() - grace_s
    found = Collected()
    with db.session() as session:
        known = set(session.scalars(select(Blob.sha256)))
        active = set(
            session.scalars(
                select(DossierJob.id).where(DossierJob.state.in_(("queued", "running")))
            )
        )
    found.orphan_blobs = [p for p in blobs.files() if p.name not in known and _old(p, before)]
    found.temp_files = [p for p in blobs.tmp.glob("*") if p.is_file() and _old(p, before)]
    if work_root.is_dir():
        found.work_folders = [
            p for p in work_root.iterdir() if p.name not in active and _old(p, before)
        ]
    if not dry_run:
        for path in (*found.orphan_blobs, *found.temp_files):
            path.unlink(missing_ok=True)
        for folder in found.work_folders:
            shutil.rmtree(folder, ignore_errors=True)
    return found
