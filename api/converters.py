"""The service's warm LibreOffices: docgen's ``ConverterPool``, started in the background.

docgen owns the converting (a pool of warm LibreOffices, each with its own
profile under ``<data>/libreoffice``, timeouts, restarts after a crash or a
hang). The service adds only its life cycle: the pool is started in a
background thread so that ``hoso serve`` answers at once, and ``/health``
reports whether LibreOffice is starting, ready or unavailable.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from docgen import ConverterOptions, ConverterPool, ConverterUnavailable

log = logging.getLogger("hoso.api")


class ConverterService:
    def __init__(self, work_dir: Path, size: int, timeout: float) -> None:
        self.pool = ConverterPool(ConverterOptions(work_dir=work_dir, timeout=timeout), size=size)
        self.state = "stopped"
        self.error: str | None = None
        self._starter: threading.Thread | None = None

    def start_in_background(self) -> None:
        """Bring every LibreOffice up without blocking the caller."""
        self.state = "starting"
        self._starter = threading.Thread(target=self._start, name="converter-start", daemon=True)
        self._starter.start()

    def _start(self) -> None:
        try:
            self.pool.start()
            self.state = "ready"
        except ConverterUnavailable as exc:
            self.state, self.error = "unavailable", exc.message
            log.warning("converter unavailable: %s", exc.message)
        except Exception as exc:
            self.state, self.error = "unavailable", type(exc).__name__
            log.exception("converter failed to start")

    def convert(self, docx: bytes, *, pdfa: bool = False) -> bytes:
        """PDF (PDF/A-2b with ``pdfa``) bytes; docgen raises ConversionTimeout /
        ConversionError / ConverterUnavailable."""
        pdf = self.pool.convert(docx, pdfa=pdfa)
        self.state, self.error = "ready", None
        return pdf

    def status(self) -> dict[str, Any]:
        alive = sum(1 for server in self.pool.servers if server is not None and server.alive())
        return {
            "status": self.state,
            "instances": self.pool.size,
            "alive": alive,
            "restarts": self.pool.restarts,
            "error": self.error,
        }

    def stop(self) -> None:
        if self._starter is not None:
            self._starter.join(timeout=90)
        self.pool.stop()
        self.state = "stopped"
