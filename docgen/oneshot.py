"""One DOCX → PDF with a LibreOffice started for it alone: the command line's converter.

A warm converter pays LibreOffice's start-up once and wins from the second
document on; a command that converts one document and exits never reaches the
second. ``soffice --headless --convert-to pdf`` is the fastest way to one PDF
(about 1.3 s here, where starting a warm server and converting costs about
2.4 s), so :class:`OneShotConverter` runs exactly that, with what a warm
converter gives besides speed:

- a private, throw-away user profile (``-env:UserInstallation``) in a fresh
  temporary directory, so any number of processes convert at the same time
  without sharing a profile, a lock or a port (``--convert-to`` opens none);
- its own process group, killed whole after the timeout;
- Vietnamese errors (:class:`~docgen.errors.ConversionError` and subclasses).

PDF/A-2b goes through the same filter option as the warm converter, written
as ``--convert-to``'s JSON filter data (LibreOffice ≥ 7.4).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from docgen.convert import pdf_filter_options, require_docx
from docgen.errors import ConversionError, ConversionTimeout, ConverterUnavailable


def convert_to_argument(pdfa: bool) -> str:
    """``pdf:writer_pdf_Export`` plus the filter options as JSON filter data when there are any."""
    data = {}
    for option in pdf_filter_options(pdfa):
        name, value = option.split("=", 1)
        data[name] = {"type": "long" if value.isdecimal() else "string", "value": value}
    return "pdf:writer_pdf_Export" + (":" + json.dumps(data) if data else "")


class OneShotConverter:
    """DOCX → PDF by a LibreOffice started for each conversion (no pool, nothing kept)."""

    def __init__(self, soffice: str | None = None, timeout: float = 60.0) -> None:
        self.soffice = soffice
        self.timeout = timeout

    def convert(self, docx: bytes, timeout: float | None = None, *, pdfa: bool = False) -> bytes:
        """The PDF of ``docx``; raises ConversionTimeout, ConverterUnavailable or ConversionError."""
        require_docx(docx)
        soffice = self.soffice or shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            raise ConverterUnavailable(
                "Không tìm thấy LibreOffice (soffice). Cài bằng scripts/install-system-deps.sh."
            )
        limit = self.timeout if timeout is None else timeout
        with tempfile.TemporaryDirectory(prefix="hoso-pdf-") as folder:
            work = Path(folder)
            source = work / "document.docx"
            source.write_bytes(docx)
            command = [
                soffice,
                "--headless",
                "--norestore",
                "--nologo",
                "--nofirststartwizard",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--convert-to",
                convert_to_argument(pdfa),
                "--outdir",
                str(work / "out"),
                str(source),
            ]
            _run(command, limit)
            result = work / "out" / "document.pdf"
            if not result.is_file():
                raise ConversionError("LibreOffice không tạo được tệp PDF từ tài liệu này.")
            pdf = result.read_bytes()
        if not pdf.startswith(b"%PDF"):
            raise ConversionError("LibreOffice trả về dữ liệu không phải PDF.")
        return pdf


def _run(command: list[str], limit: float) -> None:
    """Run LibreOffice in its own process group; kill the whole group after ``limit`` seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
        )
    except OSError as exc:
        raise ConverterUnavailable(
            f"Không khởi động được LibreOffice (lỗi hệ thống {exc.errno})."
        ) from exc
    try:
        process.wait(timeout=limit)
    except subprocess.TimeoutExpired as exc:
        raise ConversionTimeout(
            f"Chuyển sang PDF quá {limit:g} giây; đã dừng LibreOffice."
        ) from exc
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
    if process.returncode != 0:
        raise ConversionError(
            f"LibreOffice không chuyển được tài liệu sang PDF (mã thoát {process.returncode})."
        )
