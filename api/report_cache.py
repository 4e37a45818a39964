"""The dossier checker's report cache, kept in the service's database.

``verify.dossier`` keeps per-file reports in a SQLite file by default; a
service whose workers run on several machines needs one cache they all see,
so a job taken over by another machine after a crash skips what the first
one verified. This store has the checker's three methods (``ReportStore``)
over the ``report_cache`` table. A failing read or write is logged and
skipped, never raised: the cache only saves time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from api.db import Database
from api.db.models import CachedReport
from verify.report import EvidenceReport

log = logging.getLogger("hoso.jobs")

BATCH = 500


class DatabaseReportCache:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get_many(self, keys: Iterable[str]) -> dict[str, EvidenceReport]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, EvidenceReport] = {}
        try:
            with self.db.session() as session:
                for start in range(0, len(wanted), BATCH):
                    rows = session.execute(
                        select(CachedReport.key, CachedReport.report).where(
                            CachedReport.key.in_(wanted[start : start + BATCH])
                        )
                    )
                    for key, data in rows:
                        try:
                            found[key] = EvidenceReport.model_validate(data)
                        except ValueError:
                            continue  # written by an older model: verify again
        except SQLAlchemyError as exc:
            log.warning("report cache read failed: %s", type(exc).__name__)
        return found

    def put(self, key: str, report: EvidenceReport) -> None:
        try:
            with self.db.session() as session:
                row = session.get(CachedReport, key)
                data = report.model_dump(mode="json")
                if row is None:
                    session.add(CachedReport(key=key, report=data))
                else:
                    row.report = data
        except IntegrityError:
            pass  # another worker stored the same file's report first
        except SQLAlchemyError as exc:
            log.warning("report cache write failed: %s", type(exc).__name__)

    def close(self) -> None:
        pass
