"""A small pool of warm LibreOffice converters for the service.

docgen's ``Converter`` converts one document at a time (one LibreOffice does
one thing at a time), so concurrent render requests would queue behind one
another; the service keeps a few converters, each with its own profile under
``<data>/libreoffice/<n>``, and hands a free one to each request. Starting is
done in the background so that ``hoso serve`` answers at once; ``/health``
says when LibreOffice is ready.
"""

from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path
from typing import Any

from docgen import ConversionTimeout, Converter, ConverterOptions, ConverterUnavailable

log = logging.getLogger("hoso.api")


class ConverterPool:
    def __init__(self, work_dir: Path, size: int, timeout: float) -> None:
        self.converters = [
            Converter(ConverterOptions(work_dir=work_dir / str(n), timeout=timeout))
            for n in range(max(1, size))
        ]
        self._free: queue.Queue[Converter] = queue.Queue()
        for converter in self.converters:
            self._free.put(converter)
        self.timeout = timeout
        self.state = "stopped"
        self.error: str | None = None
        self._starter: threading.Thread | None = None

    def start_in_background(self) -> None:
        """Bring every LibreOffice up without blocking the caller."""
        self.state = "starting"
        self._starter = threading.Thread(
            target=self._start_all, name="converter-start", daemon=True
        )
        self._starter.start()

    def _start_all(self) -> None:
        try:
            for converter in self.converters:
                converter.start()
            self.state = "ready"
        except ConverterUnavailable as exc:
            self.state, self.error = "unavailable", exc.message
            log.warning("converter unavailable: %s", exc.message)
        except Exception as exc:
            self.state, self.error = "unavailable", type(exc).__name__
            log.exception("converter failed to start")

    def convert(self, docx: bytes) -> bytes:
        """PDF bytes; the queue wait plus the conversion stay within a bounded time."""
        try:
            converter = self._free.get(timeout=self.timeout * 4)
        except queue.Empty:
            raise ConversionTimeout(
                "Các bộ chuyển đổi PDF đều đang bận quá lâu; hãy thử lại sau ít phút."
            ) from None
        try:
            pdf = converter.convert(docx, timeout=self.timeout)
            self.state, self.error = "ready", None
            return pdf
        finally:
            self._free.put(converter)

    def status(self) -> dict[str, Any]:
        alive = sum(1 for c in self.converters if c.server is not None and c.server.alive())
        return {
            "status": self.state,
            "instances": len(self.converters),
            "alive": alive,
            "restarts": sum(c.restarts for c in self.converters),
            "error": self.error,
        }

    def stop(self) -> None:
        if self._starter is not None:
            self._starter.join(timeout=70)
        for converter in self.converters:
            converter.stop()
        self.state = "stopped"
