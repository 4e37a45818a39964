"""The one small interface between the API and whatever runs dossier jobs.

DESIGN: "the queue engine sits behind one small interface in ``api/``; the
dossier check itself never knows which engine runs it". The API only ever
calls ``submitted(job_id)`` after it committed a job row, reads rows for
progress, and starts/stops the engine with the server. Two engines:

* ``threads`` (``api.queue_threads``) — the embedded default with SQLite:
  worker threads in the server process, one machine.
* ``procrastinate`` (``api.queue_procrastinate``) — with PostgreSQL: jobs are
  deferred to procrastinate's queue in the same database and run by
  ``hoso worker`` processes on any number of machines (and, unless
  ``HOSO_WORKERS=0``, by the server itself too), with retries and
  take-over of jobs whose worker died.

Both run a job the same way (``api.jobs.JobExecutor``): the same row, the
same progress, the same result.
"""

from __future__ import annotations

from typing import Any, Protocol

from api.jobs import JobExecutor
from api.settings import Settings


class JobQueue(Protocol):
    name: str

    def start(self) -> None:
        """Start whatever this process runs (worker threads, an embedded worker)."""

    def submitted(self, job_id: str) -> None:
        """A job row was committed as ``queued``: have it run."""

    def stop(self) -> None:
        """Stop taking jobs; a running job is interrupted and given back."""

    def healthy(self) -> bool:
        """False when this process should run jobs and cannot (``/health``)."""

    def status(self) -> dict[str, Any]:
        """Engine name and this process's workers, cheap (``/health``)."""


def build_queue(settings: Settings, executor: JobExecutor) -> JobQueue:
    if settings.job_engine == "procrastinate":
        from api.queue_procrastinate import ProcrastinateQueue

        return ProcrastinateQueue(settings, executor)
    from api.queue_threads import ThreadQueue

    return ThreadQueue(settings, executor)
