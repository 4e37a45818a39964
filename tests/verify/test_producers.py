"""Fields read from producers, fonts and scans the reader was not developed on.

One document per producer from :mod:`tests.support.admin_variants` (other
provinces and units, other fonts and spacing); the scan is at 150 dpi, the
lowest resolution evidence is commonly scanned at.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.admin_variants import (
    Doc,
    canvas_pdf,
    chromium_pdf,
    docx_bytes,
    draw,
    html_page,
    libreoffice_pdfs,
    scan,
)
from verify.fields import extract_fields
from verify.textlayer import ocr_available

FIELDS = (
    "agency",
    "parent_agency",
    "number",
    "type",
    "place",
    "subject",
    "signer_title",
    "signer_name",
)


def _check(path: Path, doc: Doc) -> None:
    result = extract_fields(path)
    got = result.fields
    want = doc.expected()
    for name in FIELDS:
        value = getattr(got, name)
        if name == "subject" and doc.letter:
            value = f"V/v {value}"
        assert (value or "").casefold() == str(want[name]).casefold(), (name, value, want[name])
    assert got.date == doc.date
    assert result.administrative is True


@pytest.mark.parametrize("producer", ["canvas", "stacked"])
def test_reportlab_producers(producer: str, tmp_path: Path) -> None:
    """Absolute text and a one-column header, in another font and spacing."""
    doc = draw(random.Random(31), producer)
    path = tmp_path / "doc.pdf"
    path.write_bytes(canvas_pdf(doc, stacked=producer == "stacked"))
    _check(path, doc)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_word_document_through_libreoffice(tmp_path: Path) -> None:
    """A Word header table converted by LibreOffice."""
    doc = draw(random.Random(32), "docx")
    source = tmp_path / "doc.docx"
    source.write_bytes(docx_bytes(doc))
    libreoffice_pdfs([source], tmp_path)
    _check(tmp_path / "doc.pdf", doc)


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_html_printed_by_chromium(tmp_path: Path) -> None:
    """An HTML page printed by the browser (no space characters in its text layer)."""
    doc = draw(random.Random(33), "html")
    page = tmp_path / "doc.html"
    page.write_text(html_page(doc), encoding="utf-8")
    chromium_pdf(page, tmp_path / "doc.pdf")
    _check(tmp_path / "doc.pdf", doc)


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_html_header_whose_columns_nearly_touch(tmp_path: Path) -> None:
    """A wide font in a narrow header table: ``UBND TỈNH THÁI BÌNH`` ends a few points before
    ``CỘNG HÒA …`` begins, so both columns share one line of text; the national title found
    inside that line still says where the right column starts."""
    doc = replace(
        draw(random.Random(33), "html"),
        font="DejaVuSerif",
        size=14,
        parent_agency="UBND TỈNH THÁI BÌNH",
        agency="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        place="Thái Bình",
        number="1489/TB-STTTT",
        type="THÔNG BÁO",
        type_code="TB",
    )
    page = tmp_path / "doc.html"
    page.write_text(html_page(doc), encoding="utf-8")
    chromium_pdf(page, tmp_path / "doc.pdf")
    _check(tmp_path / "doc.pdf", doc)


@pytest.mark.tesseract
@pytest.mark.skipif(not ocr_available(), reason="Tesseract with the Vietnamese model is missing")
def test_scan_at_150_dpi(tmp_path: Path) -> None:
    """A rotated, blurred, speckled 150 dpi scan reads like its text layer, marked OCR."""
    doc = draw(random.Random(34), "canvas")
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan(canvas_pdf(doc), dpi=150, seed=34))
    _check(path, doc)
    result = extract_fields(path)
    assert {d.source for d in result.details.values()} == {"ocr"}
    assert all(d.confidence is not None for d in result.details.values())


def _word_default_spacing_docx() -> bytes:
    """A decision typed the way Word's defaults leave it: 8 pt after every paragraph,
    the subject as two paragraphs, then the centred, bold ``CHỦ TỊCH …`` line."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "DejaVu Sans"
    document.styles["Normal"].font.size = Pt(12)
    document.styles["Normal"].paragraph_format.space_after = Pt(8)

    def line(container, text: str, *, bold: bool = False, italic: bool = False, centre=True):  # type: ignore[no-untyped-def]
        paragraph = container.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.JUSTIFY
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic

    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    line(left, "UBND HUYỆN BẢO YÊN")
    line(left, "ỦY BAN NHÂN DÂN XÃ NGHĨA ĐÔ", bold=True)
    line(left, "Số: 57/QĐ-UBND")
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    line(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    line(right, "Nghĩa Đô, ngày 03 tháng 12 năm 2023", italic=True)
    line(document, "QUYẾT ĐỊNH", bold=True)
    line(document, "Về việc kiện toàn Tổ công nghệ số cộng đồng", bold=True)
    line(document, "trên địa bàn xã Nghĩa Đô", bold=True)
    line(document, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NGHĨA ĐÔ", bold=True)
    for _ in range(3):
        line(
            document,
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; theo đề nghị "
            "của công chức Văn phòng - Thống kê xã về việc kiện toàn tổ công nghệ số cộng đồng.",
            centre=False,
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_subject_typed_as_two_paragraphs_with_word_spacing(tmp_path: Path) -> None:
    """Word's 8 pt after each paragraph leaves a line's gap inside the subject: both lines
    are the subject, and the decision's ``CHỦ TỊCH …`` line under it is not."""
    source = tmp_path / "qd.docx"
    source.write_bytes(_word_default_spacing_docx())
    libreoffice_pdfs([source], tmp_path)
    fields = extract_fields(tmp_path / "qd.pdf").fields
    assert fields.subject == "Về việc kiện toàn Tổ công nghệ số cộng đồng trên địa bàn xã Nghĩa Đô"
    assert fields.type == "QUYẾT ĐỊNH"
    assert fields.number == "57/QĐ-UBND"
