"""Never crash, never hang: each file is verified in a separate process with limits.

A hostile or broken PDF can make a parser loop, recurse or allocate without
end; a thread cannot be stopped, a process can. Two ways, same bounds:

- :class:`GuardedVerifier`, a warm worker for a service that verifies file
  after file: started once (spawned, so a threaded server forks nothing),
  reused, killed when a file exceeds its time limit, restarted on the next.
- :func:`verify_in_child`, one file from the command line: a child forked
  from the calling process, which has already imported the verifier, so it
  starts in milliseconds where spawning a worker re-imports pyHanko (about
  a second) — a pool or a warm worker would be pure overhead for one file.
  ``single.py`` reads the file's fields in a second child beside it.

Either way the child's address space is bounded with ``RLIMIT_AS`` so that
a bomb ends in ``MemoryError`` (a verdict) rather than in the OOM killer,
and the parent kills it at the time limit.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing as mp
import threading
from collections.abc import Callable
from functools import lru_cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from verify import errors
from verify.forked import ForkedCall, can_fork, limit_memory
from verify.options import VerifyOptions
from verify.pipeline import prepare_process, sha256_of, unreadable, verify_in_process
from verify.report import EvidenceReport

logger = logging.getLogger(__name__)

_CTX = mp.get_context("spawn")


def _quiet() -> None:
    for noisy in ("pyhanko", "pyhanko_certvalidator", "pdfminer"):
        # they log recovered anomalies with tracebacks; the report carries the outcome
        logging.getLogger(noisy).setLevel(logging.CRITICAL)


def _run_bounded(path: str, options: VerifyOptions) -> tuple[str, Any]:
    """Verify under the memory bound; every outcome as data to send to the parent."""
    limit_memory(options.memory_limit_mb)
    try:
        report = verify_in_process(Path(path), options)
        return ("ok", report.model_dump(mode="json"))
    except errors.VerifyError as exc:
        return ("error", (type(exc).__name__, exc.message))
    except MemoryError:
        return ("memory", None)
    except Exception as exc:  # last resort: a bug of ours, reported as a verdict
        logger.exception("verification crashed on %s", path)
        return ("crash", type(exc).__name__)
    finally:
        limit_memory(None)


def _call_bounded(
    function: Callable[..., Any], args: tuple[Any, ...], memory_limit_mb: int | None
) -> tuple[str, Any]:
    """Another task on a file (a picture of its pages) under the same memory bound."""
    limit_memory(memory_limit_mb)
    try:
        return ("ok", function(*args))
    except MemoryError:
        return ("memory", None)
    except Exception as exc:  # the file defeated the task: the caller says so in Vietnamese
        logger.info("guarded task %s failed: %s", getattr(function, "__name__", function), exc)
        return ("crash", type(exc).__name__)
    finally:
        limit_memory(None)


def _worker_main(conn: Connection) -> None:
    """Serve requests until the pipe closes; every outcome goes back as data."""
    _quiet()
    prepare_process()
    while True:
        try:
            request = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if request[0] == "call":
            _tag, function, args, memory = request
            conn.send(_call_bounded(function, args, memory))
        else:
            _tag, path, options = request
            conn.send(_run_bounded(path, options))


def _run_in_child(path: str, options: VerifyOptions) -> tuple[str, Any]:
    _quiet()
    return _run_bounded(path, options)


def verify_in_child(path: Path, options: VerifyOptions) -> EvidenceReport:
    """Verify one file in a forked child under the time and memory limits.

    Where ``fork`` is not available (or threads make it unsafe), the warm
    worker of :func:`default_verifier` does the work instead.
    """
    path = Path(path)
    if not path.is_file():
        raise errors.InputFileError(f"Không tìm thấy tệp {path} (hoặc đó là thư mục).")
    if not can_fork():
        return default_verifier().verify(path, options)
    call = ForkedCall(_run_in_child, str(path), options, time_limit_s=options.time_limit_s)
    return outcome(call.result(), path, options)


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
            conn.send(("verify", str(path), options))
            try:
                ready = conn.poll(options.time_limit_s)
                reply = conn.recv() if ready else None
            except (EOFError, OSError):
                reply = ("crash", "EOFError")
            if reply is None:
                self._stop()
                return outcome(None, path, options)
        if reply[0] in ("memory", "crash"):
            self.close()
        return outcome(reply, path, options)

    def call(
        self,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        *,
        time_limit_s: float,
        memory_limit_mb: int | None = 2048,
    ) -> Any:
        """``function(*args)`` in the worker, bounded; ``GuardedTaskError`` when it fails.

        ``function`` must be importable by name (module level): the worker is spawned.
        """
        with self._lock:
            conn = self._ensure()
            conn.send(("call", function, args, memory_limit_mb))
            try:
                reply = conn.recv() if conn.poll(time_limit_s) else None
            except (EOFError, OSError):
                reply = ("crash", "EOFError")
            if reply is None or reply[0] != "ok":
                self._stop()
        if reply is None:
            raise GuardedTaskError("timeout")
        if reply[0] != "ok":
            raise GuardedTaskError(reply[0])
        return reply[1]


class GuardedTaskError(Exception):
    """A guarded task ran out of time or memory, or failed on the file (``reason``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def outcome(reply: tuple[str, Any] | None, path: Path, options: VerifyOptions) -> EvidenceReport:
    """The report a child sent back, or the verdict on why it sent none."""
    if reply is None:
        return failure(
            path,
            options,
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
        return failure(
            path,
            options,
            "VERIFY_MEMORY_LIMIT",
            f"Kiểm tra vượt quá giới hạn bộ nhớ {options.memory_limit_mb} MB và đã bị dừng.",
        )
    return failure(
        path,
        options,
        "VERIFY_CRASHED",
        "Không kiểm tra được tệp do lỗi nội bộ; tệp có cấu trúc bất thường.",
    )


def failure(path: Path, options: VerifyOptions, code: str, message: str) -> EvidenceReport:
    try:
        with path.open("rb") as stream:
            digest = sha256_of(stream)
    except OSError:
        digest = ""
    report = unreadable(path, digest, code, message)
    report.policy = options.policy.ref
    return report


@lru_cache(maxsize=1)
def default_verifier() -> GuardedVerifier:
    """The process-wide warm worker, created on first use and stopped at exit."""
    verifier = GuardedVerifier()
    atexit.register(verifier.close)
    return verifier
