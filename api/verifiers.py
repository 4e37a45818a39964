"""A few warm verifier processes, so concurrent uploads are checked in parallel.

``verify.verify_pdf`` uses one process-wide guarded worker that handles one
file at a time; a service with many reviewers needs several. Each
``GuardedVerifier`` is verify's own guard (time and memory limits, restart
after a crash); this module only lends them out, one per request.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from pathlib import Path
from typing import Any

from verify import EvidenceReport, VerifyOptions
from verify.guard import GuardedVerifier


class VerifierPool:
    def __init__(self, size: int) -> None:
        self.verifiers = [GuardedVerifier() for _ in range(max(1, size))]
        self._free: queue.Queue[GuardedVerifier] = queue.Queue()
        for verifier in self.verifiers:
            self._free.put(verifier)

    def verify(self, path: Path, options: VerifyOptions) -> EvidenceReport:
        verifier = self._free.get()
        try:
            return verifier.verify(path, options)
        finally:
            self._free.put(verifier)

    def call(self, function: Callable[..., Any], *args: Any, time_limit_s: float) -> Any:
        """Another bounded task on a stored file (``GuardedVerifier.call``), in a free worker."""
        verifier = self._free.get()
        try:
            return verifier.call(function, args, time_limit_s=time_limit_s)
        finally:
            self._free.put(verifier)

    def close(self) -> None:
        for verifier in self.verifiers:
            verifier.close()
