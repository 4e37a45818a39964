"""Never crash, never hang: each file is verified in a warm worker process with limits.

A hostile or broken PDF can make a parser loop, recurse or allocate without
end; a thread cannot be stopped, a process can. The worker is started once
and reused (starting Python and importing pyHanko per file would cost more
than verifying), killed when a file exceeds its time limit, and restarted on
the next call. Its address space is bounded with ``RLIMIT_AS`` so that a
bomb ends in ``MemoryError`` (a verdict) rather than in the OOM killer.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing as mp
import threading
from functools import lru_cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from verify import errors
from verify.options import VerifyOptions
from verify.pipeline import sha256_of, unreadable, verify_in_process
from verify.report import EvidenceReport

logger = logging.getLogger(__name__)

_CTX = mp.get_context("spawn")


def _limit_memory(megabytes: int | None) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: no bound, but still a separate process
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = resource.RLIM_INFINITY if megabytes is None else megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY and (limit == resource.RLIM_INFINITY or limit > hard):
        limit = hard
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection) -> None:
    """Serve requests until the pipe closes; every outcome goes back as data."""
    for noisy in ("pyhanko", "pyhanko_certvalidator", "pdfminer"):
        # they log recovered anomalies with tracebacks; the report carries the outcome
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    while True:
        try:
            path, options = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        _limit_memory(options.memory_limit_mb)
        reply: tuple[str, Any]
        try:
            report = verify_in_process(Path(path), options)
            reply = ("ok", report.model_dump(mode="json"))
        except errors.VerifyError as exc:
            reply = ("error", (type(exc).__name__, exc.message))
        except MemoryError:
            reply = ("memory", None)
        except Exception as exc:  # last resort: a bug of ours, reported as a verdict
            logger.exception("verification crashed on %s", path)
            reply = ("crash", type(exc).__name__)
        finally:
            _limit_memory(None)
        conn.send(reply)


class GuardedVerifier:
    """A reusable worker process; thread-safe (one file at a time per instance)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Connection | None = None

    def _ensure(self) -> Connection:
        if self._proc is None or not self._proc.is_alive() or self._conn is None:
            self._stop()
            parent, child = _CTX.Pipe()
            proc = _CTX.Process(target=_worker_main, args=(child,), daemon=True)
            proc.start()
            child.close()
            self._proc, self._conn = proc, parent
        return self._conn

    def _stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()
            self._proc.join(timeout=5)
        self._proc, self._conn = None, None

    def close(self) -> None:
        with self._lock:
            self._stop()

    def verify(self, path: Path, options: VerifyOptions) -> EvidenceReport:
        path = Path(path)
        if not path.is_file():
            raise errors.InputFileError(f"Không tìm thấy tệp {path} (hoặc đó là thư mục).")
        with self._lock:
            conn = self._ensure()
            conn.send((str(path), options))
            try:
                ready = conn.poll(options.time_limit_s)
                reply = conn.recv() if ready else None
            except (EOFError, OSError):
                reply = ("crash", "EOFError")
            if reply is None:
                self._stop()
                return self._failure(
                    path,
                    "VERIFY_TIMEOUT",
                    f"Kiểm tra vượt quá giới hạn {options.time_limit_s:g} giây và đã bị dừng: "
                    "tệp quá lớn hoặc có cấu trúc bất thường.",
                )
        kind, payload = reply
        if kind == "ok":
            return EvidenceReport.model_validate(payload)
        if kind == "error":
            name, message = payload
            raise getattr(errors, name, errors.VerifyError)(message)
        if kind == "memory":
            self.close()
            return self._failure(
                path,
                "VERIFY_MEMORY_LIMIT",
                f"Kiểm tra vượt quá giới hạn bộ nhớ {options.memory_limit_mb} MB và đã bị dừng.",
            )
        self.close()
        return self._failure(
            path,
            "VERIFY_CRASHED",
            "Không kiểm tra được tệp do lỗi nội bộ; tệp có cấu trúc bất thường.",
        )

    @staticmethod
    def _failure(path: Path, code: str, message: str) -> EvidenceReport:
        try:
            with path.open("rb") as stream:
                digest = sha256_of(stream)
        except OSError:
            digest = ""
        return unreadable(path, digest, code, message)


@lru_cache(maxsize=1)
def default_verifier() -> GuardedVerifier:
    """The process-wide warm worker, created on first use and stopped at exit."""
    verifier = GuardedVerifier()
    atexit.register(verifier.close)
    return verifier
