"""The main thread's event loop for the verifier's coroutines, kept between files.

pyHanko's validation API is asynchronous, so each file's signatures are
checked inside an event loop. In the main thread — the one-file command, a
dossier pool's workers — ``asyncio.run`` installs a SIGINT handler around
each call and restores the old one after; restoring makes ``signal.signal``
try the old handler, a ``functools.partial`` holding the finished task, as
a ``Handlers`` enum value, whose failure message is the task's full
``repr``: ~0.8 ms per file spent formatting a string nobody reads, plus a
loop built and torn down. One loop kept for the main thread runs the same
coroutines without either cost; Ctrl-C still stops the command
(``KeyboardInterrupt`` leaves ``run_until_complete``).

Other threads (the service's request threads) keep ``asyncio.run``: there
is no signal handling to pay for, and a loop left behind by a thread that
ended would hold its file descriptors until collected.

The loop belongs to the process that made it: a worker forked from a
parent that has used one makes its own (the parent's selector is shared
through the fork and must not be touched by the child).
"""

from __future__ import annotations

import asyncio
import atexit
import os
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

_main_loop: tuple[int, asyncio.AbstractEventLoop] | None = None


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end, as ``asyncio.run`` would."""
    if threading.current_thread() is not threading.main_thread():
        return asyncio.run(coroutine)
    return _main_thread_loop().run_until_complete(coroutine)


def _main_thread_loop() -> asyncio.AbstractEventLoop:
    global _main_loop
    if _main_loop is None or _main_loop[0] != os.getpid() or _main_loop[1].is_closed():
        loop = asyncio.new_event_loop()
        if _main_loop is None:
            atexit.register(_close)
        _main_loop = (os.getpid(), loop)
    return _main_loop[1]


def _close() -> None:
    if _main_loop is not None and _main_loop[0] == os.getpid():
        _main_loop[1].close()
