"""One function run in a forked child, its answer awaited until a deadline, the child killed after.

The mechanics shared by the one-file command's children (``guard.py`` for
the signatures, ``single.py`` for the fields): a child forked from the
calling process — which has already imported what the function needs, so
it starts in milliseconds — sends back one picklable reply; past the
deadline it is killed and the reply is ``None``; a child that dies without
replying (a crash, the OOM killer) gives ``("crash", "EOFError")``. The
function bounds its own memory (:func:`limit_memory`). This module imports
nothing heavy: the fields child is started before pyHanko is imported.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

Reply = tuple[str, Any]


def can_fork() -> bool:
    """``fork`` exists here and no other thread runs (forking a threaded process is unsafe)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def limit_memory(megabytes: int | None) -> None:
    """Bound this process's address space (``None``: back to the hard limit)."""
    try:
        import resource
    except ImportError:  # not on POSIX: no bound, but still a separate process
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = resource.RLIM_INFINITY if megabytes is None else megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY and (limit == resource.RLIM_INFINITY or limit > hard):
        limit = hard
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(conn: Connection, target: Callable[..., Reply], args: tuple[Any, ...]) -> None:
    try:
        conn.send(target(*args))
    finally:
        conn.close()


class ForkedCall:
    """``target(*args)`` running in a forked child; :meth:`result` waits for its reply."""

    def __init__(
        self, target: Callable[..., Reply], *args: Any, time_limit_s: float | None
    ) -> None:
        context = mp.get_context("fork")
        self._deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(send, target, args), daemon=True)
        self._process.start()
        send.close()

    def result(self) -> Reply | None:
        """The child's reply, or ``None`` when the deadline passed (the child is then killed)."""
        timeout = None if self._deadline is None else max(0.0, self._deadline - time.monotonic())
        try:
            reply = self._receive.recv() if self._receive.poll(timeout) else None
        except (EOFError, OSError):
            reply = ("crash", "EOFError")
        finally:
            self._receive.close()
        if reply is None:
            self._process.kill()
        self._process.join(timeout=5)
        return reply

    def cancel(self) -> None:
        """Stop the child now; its reply is no longer wanted."""
        self._receive.close()
        self._process.kill()
        self._process.join(timeout=5)
