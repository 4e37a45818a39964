"""PDF through the warm LibreOffice: every form converts to A4 with its text; a crash or a
hang ends in a clean error and the next conversion works (the converter restarts itself)."""

from __future__ import annotations

import io
import os
import signal
import threading
import time

import pdfplumber
import pytest

import docgen
from docgen import Converter
from docgen.errors import ConversionError, ConversionTimeout

pytestmark = pytest.mark.libreoffice

FORMS = ["bieu-01", "bieu-02", "bieu-03", "bieu-04"]
A4 = (595.3, 841.9)


def _is_a4(width: float, height: float) -> bool:
    short, long = sorted((width, height))
    return abs(short - A4[0]) < 2 and abs(long - A4[1]) < 2


@pytest.mark.parametrize("form_id", FORMS)
def test_every_form_renders_to_an_a4_pdf_with_its_text(form_id: str, converter: Converter) -> None:
    spec = docgen.get_form(form_id)
    pdf = docgen.render_pdf(form_id, spec.example(), converter=converter)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert all(_is_a4(page.width, page.height) for page in document.pages)
        text = " ".join((page.extract_text() or "") for page in document.pages)
        fonts = {char["fontname"] for page in document.pages[:1] for char in page.chars}
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text or form_id == "bieu-04"
    assert "Tân Thịnh" in text or "Văn Chấn" in text
    assert all("Liberation" in font or "Times" in font for font in fonts)


def test_converter_killed_mid_request_gives_a_clean_error_then_recovers(
    converter: Converter,
) -> None:
    docx_bytes = docgen.render("bieu-04", {"level": "huyen"})
    server = converter.server
    assert server is not None
    pid = server.soffice_pid()
    assert pid is not None
    outcome: dict[str, object] = {}

    def convert() -> None:
        try:
            outcome["pdf"] = converter.convert(docx_bytes)
        except ConversionError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=convert)
    worker.start()
    time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    worker.join(timeout=60)
    assert not worker.is_alive(), "a killed LibreOffice must not hang the request"
    assert isinstance(outcome.get("error"), ConversionError) or "pdf" in outcome
    pdf = converter.convert(docgen.render("bieu-01", docgen.get_form("bieu-01").example()))
    assert pdf.startswith(b"%PDF")


def test_timeout_gives_a_clean_error_then_recovers(converter: Converter) -> None:
    docx_bytes = docgen.render("bieu-04", {"level": "huyen"})
    started = time.monotonic()
    with pytest.raises(ConversionTimeout) as caught:
        converter.convert(docx_bytes, timeout=0.01)
    assert time.monotonic() - started < 15
    assert caught.value.code == "CONVERSION_TIMEOUT"
    assert converter.convert(docx_bytes).startswith(b"%PDF")


def test_not_a_docx_is_a_conversion_error_without_restart(converter: Converter) -> None:
    restarts = converter.restarts
    with pytest.raises(ConversionError):
        converter.convert(b"not a docx")
    assert converter.restarts == restarts
