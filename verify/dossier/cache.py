"""A cache of evidence reports, so that checking an unchanged dossier again verifies nothing.

Keyed by what decides a report and nothing else: the file's SHA-256 (its
content, not its name or place), the trust store's fingerprint (adding a
root or an issuing CA can turn ``indeterminate`` into ``valid``), the
validation policy (``Policy.cache_key``: id, version, content and the
verifier's ``RULES_VERSION``), and the options that change the outcome
(validation time, online, the issuing CAs offered by the other files of the
dossier, field extraction). Without ``--at`` the validation time is "now",
so the key holds the day: a report cached yesterday is re-verified today.

One SQLite file under the cache folder (``~/.cache/hoso`` or
``HOSO_CACHE_DIR``, resolved by the caller): safe across processes. Each
report is written as soon as its file is verified (``put``), so a check that
is killed half-way keeps what it verified and a re-run skips those files.
A cache that cannot be opened is skipped with a log line, never a failure:
it only saves time. A caller may bring its own store with the same three
methods (``ReportStore``; the service keeps reports in its database, shared
by every machine).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from verify.options import VerifyOptions
from verify.report import EvidenceReport

logger = logging.getLogger(__name__)

DB_NAME = "reports.sqlite3"
SCHEMA = "CREATE TABLE IF NOT EXISTS reports (key TEXT PRIMARY KEY, report TEXT NOT NULL)"
CHUNK = 1024 * 1024


def file_sha256(path: Path) -> str:
    """Streamed SHA-256 of a file (never held in memory at once)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def options_key(options: VerifyOptions, verifier_name: str) -> str:
    """The part of the key that comes from the options and the verifying function."""
    moment = (
        options.validation_time.isoformat()
        if options.validation_time is not None
        else "day:" + datetime.now(UTC).date().isoformat()
    )
    offered = hashlib.sha256(b"".join(sorted(options.extra_certificates))).hexdigest()
    parts = {
        "at": moment,
        "online": options.online,
        "offered": offered if options.extra_certificates else None,
        "fields": options.check_fields,
        "verifier": verifier_name,
    }
    return json.dumps(parts, sort_keys=True)


def cache_key(sha256: str, trust: str, policy_key: str, options: str) -> str:
    return hashlib.sha256(f"{sha256}|{trust}|{policy_key}|{options}".encode()).hexdigest()


class ReportStore(Protocol):
    """Where reports are kept between checks: this module's SQLite file, or the caller's."""

    def get_many(self, keys: Iterable[str]) -> dict[str, EvidenceReport]: ...

    def put(self, key: str, report: EvidenceReport) -> None: ...

    def close(self) -> None: ...


class ReportCache:
    """Reports by key; a ``None`` folder gives a cache that never hits and never stores."""

    def __init__(self, folder: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / DB_NAME, timeout=10)
            self._db.execute(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            logger.warning("report cache unavailable in %s: %s", folder, exc)
            self._db = None

    def get_many(self, keys: Iterable[str]) -> dict[str, EvidenceReport]:
        if self._db is None:
            return {}
        wanted = list(dict.fromkeys(keys))
        found: dict[str, EvidenceReport] = {}
        try:
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                marks = ",".join("?" * len(batch))
                rows = self._db.execute(
                    f"SELECT key, report FROM reports WHERE key IN ({marks})", batch
                )
                for key, text in rows:
                    try:
                        found[key] = EvidenceReport.model_validate_json(text)
                    except ValueError:
                        continue  # written by an older model: verify again
        except sqlite3.Error as exc:
            logger.warning("report cache read failed: %s", exc)
        return found

    def put(self, key: str, report: EvidenceReport) -> None:
        """Keep one report now (one small transaction), so an interrupted check loses nothing."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO reports (key, report) VALUES (?, ?)",
                    (key, report.model_dump_json()),
                )
        except sqlite3.Error as exc:
            logger.warning("report cache write failed: %s", exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def clear(folder: Path) -> int:
    """Empty the cache folder's report database; the number of reports removed."""
    path = folder / DB_NAME
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path) as db:
            (count,) = db.execute("SELECT COUNT(*) FROM reports").fetchone()
    except sqlite3.Error:
        count = 0
    path.unlink()
    return int(count)
