"""DOCX → PDF through a warm LibreOffice (the Carbone/unoserver pattern).

Starting LibreOffice costs seconds; converting a one-page form in a running
instance costs a fraction of that, so a :class:`Converter` keeps one
:class:`~docgen.office.OfficeServer` alive and reuses it. Conversions are
serialised by a lock (one LibreOffice converts one document at a time);
:class:`~docgen.pool.ConverterPool` runs several converters, one per core, for
parallel conversions. Each conversion has a timeout; after a
timeout, a crash or any failure that may have left LibreOffice in a bad
state the server is killed and the next conversion starts a fresh one, so a
caller always gets either a PDF or a clear :class:`ConversionError`.

Lifecycle for a long-running service::

    converter = Converter(ConverterOptions(work_dir=Path("var/libreoffice")))
    converter.start()          # at startup (optional: the first conversion starts it)
    pdf = converter.convert(docx_bytes)
    converter.stop()           # at shutdown

``docgen.to_pdf`` uses a process-wide default :class:`~docgen.pool.ConverterPool`
created on first use (profiles under the system temp dir; nothing starts before
the first conversion) and stopped at interpreter exit.
"""

from __future__ import annotations

import atexit
import logging
import socket
import tempfile
import threading
import xmlrpc.client
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from docgen.errors import ConversionError, ConversionTimeout, ConverterUnavailable
from docgen.office import ConverterOptions, OfficeServer, TimeoutTransport

if TYPE_CHECKING:
    from docgen.pool import ConverterPool

log = logging.getLogger(__name__)


class PdfConverter(Protocol):
    """What :func:`to_pdf` needs: a :class:`Converter` or a :class:`~docgen.pool.ConverterPool`."""

    def convert(self, docx: bytes, timeout: float | None = None) -> bytes: ...


def require_docx(docx: bytes) -> None:
    """Refuse input that is not a DOCX (ZIP) before any LibreOffice is involved."""
    if not docx.startswith(b"PK"):
        raise ConversionError("Dữ liệu đầu vào không phải tệp DOCX (ZIP).")


class Converter:
    """A thread-safe DOCX → PDF converter over one warm LibreOffice."""

    def __init__(self, options: ConverterOptions) -> None:
        self.options = options
        self._server: OfficeServer | None = None
        self._lock = threading.Lock()
        self.restarts = 0
        self.conversions = 0

    def __enter__(self) -> Converter:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start LibreOffice now instead of on the first conversion."""
        with self._lock:
            self._ensure_server()

    def stop(self) -> None:
        with self._lock:
            self._discard_server()

    @property
    def server(self) -> OfficeServer | None:
        """The running server (for health checks and tests), or None."""
        return self._server

    @property
    def servers(self) -> list[OfficeServer | None]:
        """``[server]``: the same view as :attr:`ConverterPool.servers <docgen.pool.ConverterPool.servers>`."""
        return [self._server]

    @property
    def busy(self) -> bool:
        """Whether a conversion (or a start or stop) holds this converter now."""
        return self._lock.locked()

    def health(self) -> list[dict[str, Any]]:
        """One entry per LibreOffice (here one): running, alive, port, pid, conversions
        (succeeded), restarts, busy."""
        server = self._server
        return [
            {
                "running": server is not None,
                "alive": server is not None and server.alive(),
                "port": server.port if server is not None else None,
                "pid": server.soffice_pid() if server is not None else None,
                "conversions": self.conversions,
                "restarts": self.restarts,
                "busy": self.busy,
            }
        ]

    def _ensure_server(self) -> OfficeServer:
        if self._server is not None and self._server.alive():
            return self._server
        if self._server is not None:
            log.warning("LibreOffice is gone; restarting it")
            self._discard_server()
            self.restarts += 1
        server = OfficeServer(self.options)
        server.start()
        self._server = server
        return server

    def _discard_server(self, graceful: bool = True) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stop(graceful=graceful)

    def convert(self, docx: bytes, timeout: float | None = None) -> bytes:
        """The PDF of ``docx``; raises ConversionTimeout, ConverterUnavailable or ConversionError."""
        require_docx(docx)
        limit = self.options.timeout if timeout is None else timeout
        with self._lock:
            try:
                result = self._convert_once_retrying_a_dead_server(docx, limit)
                self.conversions += 1
            except TimeoutError as exc:
                self._restart_after_failure()
                raise ConversionTimeout(
                    f"Chuyển sang PDF quá {limit:g} giây; LibreOffice đã được khởi động lại."
                ) from exc
            except (OSError, xmlrpc.client.Error) as exc:
                self._restart_after_failure()
                raise ConversionError(
                    f"LibreOffice không chuyển được tài liệu sang PDF ({type(exc).__name__})."
                ) from exc
        if not result.startswith(b"%PDF"):
            raise ConversionError("LibreOffice trả về dữ liệu không phải PDF.")
        return result

    def _convert_once_retrying_a_dead_server(self, docx: bytes, limit: float) -> bytes:
        """Convert; when the connection itself fails (LibreOffice died between or during
        requests), start a fresh server and try once more before giving up."""
        server = self._ensure_server()
        try:
            return self._call(server, docx, limit)
        except ConnectionError:
            log.warning("LibreOffice connection failed; restarting it and retrying once")
            self._restart_after_failure()
            return self._call(self._ensure_server(), docx, limit)

    @staticmethod
    def _call(server: OfficeServer, docx: bytes, timeout: float) -> bytes:
        with xmlrpc.client.ServerProxy(
            server.url, allow_none=True, transport=TimeoutTransport(timeout)
        ) as proxy:
            result: Any = proxy.convert(
                None,
                xmlrpc.client.Binary(docx),
                None,
                "pdf",
                None,
                [],
                server.options.update_indexes,
                None,
                None,
            )
        if not isinstance(result, xmlrpc.client.Binary):
            raise ConversionError("LibreOffice không trả về nội dung PDF.")
        data: bytes = result.data
        return data

    def _restart_after_failure(self) -> None:
        """Kill the server (no grace: its state is suspect); the next conversion starts a
        fresh one (its profile is kept)."""
        self._discard_server(graceful=False)
        self.restarts += 1


# socket.timeout is TimeoutError on 3.10+; kept explicit for readers of the except clause.
assert socket.timeout is TimeoutError

_default: ConverterPool | None = None
_default_lock = threading.Lock()


def default_converter() -> ConverterPool:
    """The process-wide pool used by :func:`to_pdf` (one LibreOffice per core, each
    started when a conversion first needs it); created on first use."""
    from docgen.pool import ConverterPool

    global _default
    with _default_lock:
        if _default is None:
            work_dir = Path(tempfile.gettempdir()) / f"hoso-libreoffice-{_uid()}"
            _default = ConverterPool(ConverterOptions(work_dir=work_dir))
            atexit.register(shutdown_default_converter)
        return _default


def shutdown_default_converter() -> None:
    """Stop the default converter's LibreOffice (called at exit; safe to call twice)."""
    global _default
    with _default_lock:
        converter, _default = _default, None
    if converter is not None:
        converter.stop()


def _uid() -> str:
    import os

    return str(os.getuid()) if hasattr(os, "getuid") else "user"


def to_pdf(
    docx: bytes, *, converter: PdfConverter | None = None, timeout: float | None = None
) -> bytes:
    """Convert DOCX bytes to PDF bytes with ``converter`` or the default warm pool."""
    return (converter or default_converter()).convert(docx, timeout=timeout)


def render_pdf(
    form_id: str,
    data: Any,
    *,
    converter: PdfConverter | None = None,
    timeout: float | None = None,
) -> bytes:
    """Render form ``form_id`` (validation errors come before LibreOffice is touched) to PDF."""
    from docgen.render import render

    return to_pdf(render(form_id, data), converter=converter, timeout=timeout)


__all__ = [
    "Converter",
    "ConverterOptions",
    "ConverterUnavailable",
    "PdfConverter",
    "default_converter",
    "render_pdf",
    "require_docx",
    "shutdown_default_converter",
    "to_pdf",
]
