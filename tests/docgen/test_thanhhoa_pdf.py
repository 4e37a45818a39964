"""Thanh Hóa forms through the warm LibreOffice: A4 pages (Phụ lục in landscape), the seed's
text and the caller's names in the PDF, Times New Roman or its metric twin."""

from __future__ import annotations

import io

import pdfplumber
import pytest

import docgen
from docgen import Converter

pytestmark = pytest.mark.libreoffice

FORMS = [
    "mau-01", "mau-02", "mau-03", "mau-04",
    "mau-1.4", "mau-2.5", "mau-2.6", "mau-3.3", "mau-4.1", "mau-4.5",
]  # fmt: skip
A4 = (595.3, 841.9)


@pytest.mark.parametrize("form_id", FORMS)
def test_every_form_renders_to_an_a4_pdf_with_its_text(form_id: str, converter: Converter) -> None:
    pdf = docgen.render_pdf(form_id, docgen.get_form(form_id).example(), converter=converter)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        sizes = [tuple(sorted((p.width, p.height))) for p in document.pages]
        text = " ".join((page.extract_text() or "") for page in document.pages)
        fonts = {char["fontname"] for page in document.pages for char in page.chars}
        landscape = [p.width > p.height for p in document.pages]
    assert all(abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 for w, h in sizes)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Quảng Nhân" in text or "QUẢNG NHÂN" in text
    assert all("Liberation" in font or "Times" in font for font in fonts)
    if form_id in ("mau-01", "mau-02", "mau-04"):
        assert not landscape[0] and landscape[-1]  # report portrait, Phụ lục landscape
