"""Verifying many files in parallel, each under a time limit, none able to stop the batch.

A process pool sized to the cores (``--workers``) verifies the files; a
worker that runs past the time limit on a hostile file is killed and
replaced (pebble's ``ProcessPool`` does exactly that: per-task timeouts,
worker recycling after ``max_tasks``), and the file gets an ``unreadable``
report that says why. A worker that dies (segfault, OOM kill) costs its own
file only. Each worker's address space is bounded (``RLIMIT_AS``), as the
single-file guard of ``verify.guard`` does.

Workers are forked from a parent that has already imported the verifier,
so no worker pays pyHanko's import again.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing as mp
import signal
from collections.abc import Callable
from concurrent.futures import Future, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

import pebble
from pebble import ProcessExpired, ProcessPool

from criteria.numbers import format_number
from verify.dossier.model import Verifier
from verify.errors import VerifyError
from verify.logs import quiet_library_logs
from verify.options import VerifyOptions
from verify.report import EvidenceReport, Problem

logger = logging.getLogger(__name__)

Progress = Callable[[str, EvidenceReport], None]

POOL_TICK_S = 0.02
"""How often pebble's pool manager looks at its workers (pebble's ``CONSTS.sleep_unit``).

Pebble's default, 0.1 s, is also how long closing a pool can wait for that
loop to notice: every dossier check paid up to 0.1 s after its last file
(measured: 2 files 0.116 s wall, 0.055 s at 0.02 s). At 0.02 s the loop's
wake-ups cost no measurable CPU in the parent, and a file over its time
limit is stopped within 0.02 s of it. Pebble exports ``CONSTS`` for this,
and its maintainer names it the way to change the pool's responsiveness
(noxdafox/pebble#65).
"""


@dataclass(frozen=True)
class Job:
    """One file to verify: its path, its name in the dossier, its SHA-256."""

    path: Path
    relative: str
    sha256: str


def default_verifier(path: Path, options: VerifyOptions) -> EvidenceReport:
    """``verify.verify_pdf`` in the worker's own process (the pool is the guard)."""
    from verify.pipeline import verify_in_process

    return verify_in_process(path, options)


def warm_up(verifier: Verifier) -> None:
    """Import the verifier's heavy modules once in the parent, before forking workers."""
    if verifier is default_verifier:
        import verify.crosscheck
        import verify.fields
        import verify.pdftext
        import verify.pipeline  # noqa: F401


def _detach_signals() -> None:
    """Forget the parent's signal plumbing, inherited through ``fork``.

    A parent running an asyncio loop with signal handlers (``hoso worker``)
    has a wakeup fd: a signal number written there is read by its loop as
    the parent's own signal. A forked worker inherits that fd, so the
    SIGTERM the pool sends a worker it stops would stop the parent. The
    worker gets the default handlers and no wakeup fd.
    """
    with contextlib.suppress(ValueError):
        signal.set_wakeup_fd(-1)
    for number in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(ValueError, OSError):
            signal.signal(number, signal.SIG_DFL)


def _init_worker(memory_limit_mb: int | None) -> None:
    _detach_signals()
    quiet_library_logs()
    gc.freeze()  # what the parent imported lives as long as the worker (see pipeline.prepare_process)
    if memory_limit_mb is None:
        return
    try:
        import resource
    except ImportError:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_limit_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _run(verifier: Verifier, path: str, options: VerifyOptions) -> EvidenceReport:
    try:
        return verifier(Path(path), options)
    except VerifyError as exc:
        return failed_report(path, "", "VERIFY_INPUT_ERROR", exc.message)
    except MemoryError:
        return failed_report(
            path,
            "",
            "VERIFY_MEMORY_LIMIT",
            "Tệp cần quá nhiều bộ nhớ để kiểm tra (có thể là tệp bị làm hỏng cố ý): "
            "hãy xuất lại PDF từ phần mềm soạn thảo rồi ký số lại.",
        )


def failed_report(path: str, sha256: str, code: str, message: str) -> EvidenceReport:
    """The report of a file the pool could not verify: unreadable, with the reason."""
    return EvidenceReport(
        file=path,
        sha256=sha256,
        verdict="unreadable",
        accepted=False,
        problems=[Problem(code=code, severity="error", message=message)],
    )


def _timeout_message(seconds: float) -> str:
    return (
        f"Kiểm tra tệp vượt quá thời gian cho phép ({format_number(seconds)} giây) và đã bị dừng: tệp có thể "
        "bị hỏng hoặc có cấu trúc bất thường. Hãy xuất lại PDF rồi ký số lại."
    )


def _outcome(future: Future[EvidenceReport], job: Job, time_limit_s: float) -> EvidenceReport:
    try:
        report = future.result()
    except TimeoutError:
        return failed_report(
            str(job.path), job.sha256, "VERIFY_TIMEOUT", _timeout_message(time_limit_s)
        )
    except ProcessExpired as exc:
        return failed_report(
            str(job.path),
            job.sha256,
            "VERIFY_CRASHED",
            f"Tiến trình kiểm tra tệp bị dừng bất thường (mã {exc.exitcode}): tệp có thể bị "
            "hỏng. Hãy xuất lại PDF rồi ký số lại.",
        )
    except Exception as exc:  # the verifier's own bug must not stop the batch
        logger.exception("verifier failed on %s", job.path)
        return failed_report(
            str(job.path),
            job.sha256,
            "VERIFY_FAILED",
            f"Lỗi nội bộ khi kiểm tra tệp ({type(exc).__name__}); các tệp khác vẫn được kiểm tra.",
        )
    if not report.sha256:
        report = report.model_copy(update={"sha256": job.sha256})
    return report


def verify_all(
    jobs: list[Job],
    options: VerifyOptions,
    *,
    verifier: Verifier,
    workers: int,
    time_limit_s: float,
    max_tasks: int = 200,
    progress: Progress | None = None,
) -> dict[str, EvidenceReport]:
    """Verify every job in a pool; relative path → report (timeouts and crashes included)."""
    if not jobs:
        return {}
    in_worker = replace(options, isolate=False, time_limit_s=None)
    warm_up(verifier)
    pebble.CONSTS.sleep_unit = POOL_TICK_S
    results: dict[str, EvidenceReport] = {}
    with ProcessPool(
        max_workers=workers,
        max_tasks=max_tasks,
        initializer=_init_worker,
        initargs=(options.memory_limit_mb,),
        context=mp.get_context("fork"),
    ) as pool:
        futures: dict[Future[EvidenceReport], Job] = {
            pool.submit(_run, time_limit_s, verifier, str(job.path), in_worker): job for job in jobs
        }
        try:
            for future in as_completed(futures):
                job = futures[future]
                report = _outcome(future, job, time_limit_s)
                if report.policy is None:
                    report.policy = options.policy.ref
                results[job.relative] = report
                if progress is not None:
                    progress(job.relative, report)
        except BaseException:
            # Interrupted (the caller's progress raised, e.g. a worker shutting down):
            # stop now instead of letting the pool's exit wait for every pending file.
            pool.stop()
            raise
    return results
