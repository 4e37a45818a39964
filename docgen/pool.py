"""Several warm LibreOffices converting in parallel: a pool of :class:`Converter`.

One LibreOffice converts one document at a time and uses about one core while
it does, so on a machine with N cores N converters give up to N times the
throughput of one. A :class:`ConverterPool` owns ``size`` members, each a plain
:class:`~docgen.convert.Converter` with its own work directory
(``<work_dir>/member-<n>``: its own user profile, its own ports), and hands
each conversion to a free member. Every member keeps the converter's own
behaviour: a per-conversion timeout, a restart after a crash or a hang, one
retry when the connection to a dead LibreOffice fails. A hung member therefore
never blocks the others; it is killed after its timeout while the others go on.

The pool is lazy: nothing starts before the first conversion, and a
conversion prefers a free member whose LibreOffice already runs, so serial use
(the CLI) starts only one LibreOffice and concurrent use starts more as it
needs them. :meth:`ConverterPool.start` starts every member now, in parallel
(a service at start-up, a benchmark)::

    with ConverterPool(ConverterOptions(work_dir=Path("var/libreoffice")), size=2) as pool:
        pdf = pool.convert(docx_bytes)           # from any number of threads
        pool.health()                            # one entry per LibreOffice

A conversion waits for a free member at most ``options.queue_timeout`` seconds
(four times ``options.timeout`` when None), then raises ConversionTimeout.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from typing import Any

from docgen.convert import Converter, require_docx
from docgen.errors import ConversionTimeout
from docgen.office import ConverterOptions, OfficeServer

log = logging.getLogger(__name__)


def cpu_count() -> int:
    """Cores this process may run on (its affinity where known), at least one."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class ConverterPool:
    """A thread-safe DOCX → PDF converter over ``size`` warm LibreOffices."""

    def __init__(self, options: ConverterOptions, size: int | None = None) -> None:
        if size is None:
            size = options.pool_size if options.pool_size is not None else cpu_count()
        if size < 1:
            raise ValueError(f"a converter pool needs at least one member, not {size}")
        self.options = options
        self.size = size
        self.members: tuple[Converter, ...] = tuple(
            Converter(dataclasses.replace(options, work_dir=options.work_dir / f"member-{n}"))
            for n in range(size)
        )
        self._free: list[Converter] = list(self.members)
        self._available = threading.Condition()

    def __enter__(self) -> ConverterPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start every member's LibreOffice now, in parallel; raises the first failure
        (ConverterUnavailable) once all have tried."""
        errors: list[BaseException] = []

        def start(member: Converter) -> None:
            try:
                member.start()
            except BaseException as exc:
                errors.append(exc)

        threads = [
            threading.Thread(target=start, args=(member,), name=f"converter-start-{n}")
            for n, member in enumerate(self.members)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]

    def stop(self) -> None:
        """Stop every LibreOffice (each after its conversion in progress, if any); safe at
        interpreter exit. The pool stays usable: a later conversion starts a member again."""
        for member in self.members:
            member.stop()

    def convert(self, docx: bytes, timeout: float | None = None, *, pdfa: bool = False) -> bytes:
        """The PDF (PDF/A-2b with ``pdfa``) of ``docx`` from a free member; raises ConversionTimeout (the
        conversion or the wait for a free member took too long), ConverterUnavailable
        or ConversionError, as :meth:`Converter.convert` does."""
        require_docx(docx)
        member = self._acquire()
        try:
            return member.convert(docx, timeout=timeout, pdfa=pdfa)
        finally:
            self._release(member)

    def _acquire(self) -> Converter:
        wait = self.options.queue_timeout
        if wait is None:
            wait = 4 * self.options.timeout
        with self._available:
            if not self._available.wait_for(lambda: self._free, timeout=wait):
                raise ConversionTimeout(
                    f"Mọi bộ chuyển đổi PDF đều bận quá {wait:g} giây; hãy thử lại sau."
                )
            # A member whose LibreOffice runs first: serial use never starts a second one.
            member = next((m for m in self._free if _warm(m)), self._free[0])
            self._free.remove(member)
            return member

    def _release(self, member: Converter) -> None:
        with self._available:
            self._free.append(member)
            self._available.notify()

    @property
    def servers(self) -> list[OfficeServer | None]:
        """Each member's running server, or None where none runs (health checks, tests)."""
        return [member.server for member in self.members]

    @property
    def restarts(self) -> int:
        """Restarts after a crash, a hang or a failure, over all members."""
        return sum(member.restarts for member in self.members)

    def health(self) -> list[dict[str, Any]]:
        """One entry per member: ``member``, running, alive, port, pid, conversions,
        restarts, busy."""
        with self._available:
            checked_out = [member not in self._free for member in self.members]
        entries = []
        for index, (member, out) in enumerate(zip(self.members, checked_out, strict=True)):
            entry = {"member": index, **member.health()[0]}
            entry["busy"] = bool(entry["busy"] or out)
            entries.append(entry)
        return entries


def _warm(member: Converter) -> bool:
    server = member.server
    return server is not None and server.alive()
