"""``GET /health``: open to everyone, answers at once whatever the load.

Why a monitor thread: the answer must not wait behind the requests it is
meant to report on. A handler that queried the database would wait for a
pooled connection and for a thread of the server's pool, exactly when those
are busy; so a small thread of its own checks the database (a trivial query)
and the dossier jobs (how many queued, running, stalled) every second, and
the handler — ``async``, on the event loop, touching no pool — returns the
last reading with its age. Reported too: the converter (starting, ready,
unavailable), the job engine and its workers, and the requests in flight per
route class, so an operator sees at once why PDFs would fail or why clients
get 503.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from fastapi import APIRouter, Request

from api.db import Database
from criteria import catalog_ids

log = logging.getLogger("hoso.api")

router = APIRouter(tags=["health"])

CHECK_INTERVAL_S = 1.0


class HealthMonitor:
    """Checks the database every ``interval`` seconds in its own thread."""

    def __init__(self, db: Database, interval: float = CHECK_INTERVAL_S) -> None:
        self.db = db
        self.interval = interval
        self.database_ok = False
        self.checked_at = 0.0
        self.jobs: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> None:
        from api.jobs import job_counts

        self.database_ok = self.db.ping()
        if self.database_ok:
            try:
                self.jobs = job_counts(self.db)
            except Exception as exc:  # reported as missing counts, never raised
                log.warning("health: cannot count jobs: %s", type(exc).__name__)
                self.jobs = {}
        self.checked_at = time.monotonic()

    def start(self) -> None:
        self.check()
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="health-monitor", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:
                log.exception("health check failed")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def age_s(self) -> float:
        return round(time.monotonic() - self.checked_at, 1) if self.checked_at else -1.0


@router.get("/health")
async def health(request: Request) -> dict[str, Any]:
    runtime = request.app.state.runtime
    monitor: HealthMonitor = runtime.health
    catalogs = catalog_ids()
    ok = monitor.database_ok and bool(catalogs) and runtime.queue.healthy()
    admission = getattr(request.app.state, "admission", None)
    return {
        "status": "ok" if ok else "degraded",
        "catalogs": len(catalogs),
        "database": {
            "status": "ok" if monitor.database_ok else "error",
            "backend": runtime.db.backend,
            "checked_s_ago": monitor.age_s(),
        },
        "converter": runtime.converters.status(),
        "jobs": {**runtime.queue.status(), "counts": monitor.jobs},
        "requests": admission.snapshot() if admission is not None else {},
    }
