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
created on first use (profiles in a temporary directory of this process alone;
nothing starts before the first conversion) and stopped at interpreter exit. A
command that converts one document uses :class:`docgen.oneshot.OneShotConverter`
instead: no warm server is worth starting for one PDF.
"""

from __future__ import annotations

import atexit
import logging
import shutil
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

    def convert(
        self, docx: bytes, timeout: float | None = None, *, pdfa: bool = False
    ) -> bytes: ...


PDFA_FILTER_OPTIONS = ["SelectPdfVersion=2"]
"""LibreOffice's writer_pdf_Export FilterData for PDF/A-2b (1 would be PDF/A-1b, 3 PDF/A-3b):
every font embedded, XMP metadata with pdfaid:part 2 and conformance B."""


def pdf_filter_options(pdfa: bool) -> list[str]:
    """The export filter options of a plain PDF (none) or a PDF/A-2b."""
    return list(PDFA_FILTER_OPTIONS) if pdfa else []


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
            log.info("LibreOffice is gone; restarting it")
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

    def convert(self, docx: bytes, timeout: float | None = None, *, pdfa: bool = False) -> bytes:
        """The PDF (a PDF/A-2b with ``pdfa``) of ``docx``; raises ConversionTimeout,
        ConverterUnavailable or ConversionError."""
        require_docx(docx)
        limit = self.options.timeout if timeout is None else timeout
        with self._lock:
            try:
                result = self._convert_once_retrying_a_dead_server(docx, limit, pdfa)
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

    def _convert_once_retrying_a_dead_server(self, docx: bytes, limit: float, pdfa: bool) -> bytes:
        """Convert; when the connection itself fails (LibreOffice died between or during
        requests), start a fresh server and try once more before giving up."""
        server = self._ensure_server()
        try:
            return self._call(server, docx, limit, pdfa)
        except ConnectionError:
            # Recovered by ourselves: logged for the operator (info), never shown to a user.
            log.info("LibreOffice connection failed; restarting it and retrying once")
            self._restart_after_failure()
            return self._call(self._ensure_server(), docx, limit, pdfa)

    @staticmethod
    def _call(server: OfficeServer, docx: bytes, timeout: float, pdfa: bool) -> bytes:
        with xmlrpc.client.ServerProxy(
            server.url, allow_none=True, transport=TimeoutTransport(timeout)
        ) as proxy:
            result: Any = proxy.convert(
                xmlrpc.client.Binary(docx),
                pdf_filter_options(pdfa),
                server.options.update_indexes,
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
_default_dir: Path | None = None
_default_lock = threading.Lock()


def default_converter() -> ConverterPool:
    """The process-wide pool used by :func:`to_pdf` (one LibreOffice per core, each
    started when a conversion first needs it); created on first use.

    Its profiles and ports belong to this process alone (a fresh temporary
    directory, removed at exit): two processes never share a LibreOffice profile,
    which LibreOffice locks, so any number of them convert at the same time."""
    from docgen.pool import ConverterPool

    global _default, _default_dir
    with _default_lock:
        if _default is None:
            _default_dir = Path(tempfile.mkdtemp(prefix="hoso-libreoffice-"))
            _default = ConverterPool(ConverterOptions(work_dir=_default_dir))
            atexit.register(shutdown_default_converter)
        return _default


def shutdown_default_converter() -> None:
    """Stop the default converter's LibreOffice and remove its profiles (called at exit;
    safe to call twice)."""
    global _default, _default_dir
    with _default_lock:
        converter, _default = _default, None
        folder, _default_dir = _default_dir, None
    if converter is not None:
        converter.stop()
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def to_pdf(
    docx: bytes,
    *,
    converter: PdfConverter | None = None,
    timeout: float | None = None,
    pdfa: bool = False,
) -> bytes:
    """Convert DOCX bytes to PDF (PDF/A-2b with ``pdfa``) with ``converter`` or the default
    warm pool."""
    return (converter or default_converter()).convert(docx, timeout=timeout, pdfa=pdfa)


def render_pdf(
    form_id: str,
    data: Any,
    *,
    converter: PdfConverter | None = None,
    timeout: float | None = None,
    pdfa: bool = False,
) -> bytes:
    """Render form ``form_id`` (validation errors come before LibreOffice is touched) to PDF."""
    from docgen.render import render

    return to_pdf(render(form_id, data), converter=converter, timeout=timeout, pdfa=pdfa)


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
