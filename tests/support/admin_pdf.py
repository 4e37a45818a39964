"""Realistic Vietnamese administrative PDFs laid out as Nghị định 30/2020/NĐ-CP.

Why generate rather than check in files: every test states the fields it
expects right next to the call that prints them, a test can drop one element
(``omit=("number",)``) to see how the verifier reacts, and the signature tests
sign exactly these documents. The layout follows Phụ lục I of the decree:
a two-column header (issuing agency with a short rule under it, ``Số:`` on
the left; national title and motto with a rule, place and date on the right),
the type name and the subject (trích yếu) centred, the body, and a two-column
closing block (``Nơi nhận:`` on the left, authority, title and name of the
signer on the right).

Output is deterministic: reportlab's *invariant* mode fixes the creation date
and the document ID, so the same arguments give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date as Date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Elements that ``omit`` can drop.
OMITTABLE = frozenset(
    {
        "parent_agency",
        "agency",
        "national_title",
        "motto",
        "number",
        "date",
        "doc_type",
        "subject",
        "recipients",
        "signature",
        "cc",
    }
)

# Candidate serif families, Times New Roman's metric twin first. Debian's
# fonts-liberation 1.07 lacks most Vietnamese letters (ầ, ộ, ư...): version 2
# (fonts-liberation2, or fonts-liberation from Debian 13 on) has them, and
# DejaVu Serif always does. Coverage is checked, not assumed.
_LIBERATION = (
    "LiberationSerif-Regular",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
)
_DEJAVU = ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic")
_FONT_CANDIDATES: tuple[tuple[str, ...], ...] = (
    tuple(f"/usr/share/fonts/truetype/liberation2/{n}.ttf" for n in _LIBERATION),
    tuple(f"/usr/share/fonts/truetype/liberation/{n}.ttf" for n in _LIBERATION),
    tuple(f"/usr/share/fonts/truetype/dejavu/{n}.ttf" for n in _DEJAVU),
)
_VIETNAMESE_PROBE = "ẦầỦủộạưƯờẫỹĐđ"
_FAMILY = "HosoSerif"
_PAGE_W, _PAGE_H = A4
_LEFT, _RIGHT, _TOP, _BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
_CONTENT_W = _PAGE_W - _LEFT - _RIGHT
_HEADER_LEFT_W = 74 * mm
_HEADER_RIGHT_W = _CONTENT_W - _HEADER_LEFT_W


def _covers_vietnamese(path: str) -> bool:
    try:
        cmap = TTFontFile(path).charToGlyph
    except (OSError, TTFError):
        return False
    return all(ord(char) in cmap for char in _VIETNAMESE_PROBE)


def _register_fonts() -> str:
    """Register the first installed serif family whose fonts all have Vietnamese glyphs."""
    if _FAMILY in pdfmetrics.getRegisteredFontNames():
        return _FAMILY
    for paths in _FONT_CANDIDATES:
        if not all(Path(p).is_file() and _covers_vietnamese(p) for p in paths):
            continue
        for suffix, path in zip(("", "-Bold", "-Italic", "-BoldItalic"), paths, strict=True):
            pdfmetrics.registerFont(TTFont(_FAMILY + suffix, path))
        pdfmetrics.registerFontFamily(
            _FAMILY,
            normal=_FAMILY,
            bold=_FAMILY + "-Bold",
            italic=_FAMILY + "-Italic",
            boldItalic=_FAMILY + "-BoldItalic",
        )
        return _FAMILY
    raise RuntimeError(
        "No serif font with Vietnamese glyphs: apt-get install fonts-liberation2 "
        "(or fonts-dejavu-core)"
    )


def format_vn_date(day: Date) -> str:
    """``ngày 05 tháng 01 năm 2024``: days under 10 and months 1-2 take a leading zero (NĐ 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _style(
    name: str,
    size: float = 13,
    *,
    bold: bool = False,
    italic: bool = False,
    align: int = TA_CENTER,
    leading: float | None = None,
    **kw: object,
) -> ParagraphStyle:
    font = _FAMILY + ("-Bold" if bold else "") + ("Italic" if italic and bold else "")
    if italic and not bold:
        font = _FAMILY + "-Italic"
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading if leading is not None else size * 1.2,
        alignment=align,
        **kw,
    )


class _Rule(Flowable):
    """A short rule centred in its frame or table cell (HRFlowable ignores hAlign in cells)."""

    def __init__(self, width: float, *, before: float = 2, after: float = 4) -> None:
        super().__init__()
        self.rule_width = width
        self.before = before
        self.after = after
        self.avail = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.avail = availWidth
        return availWidth, self.before + self.after

    def draw(self) -> None:
        x = (self.avail - self.rule_width) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(x, self.after, x + self.rule_width, self.after)


def _rule(width: float, *, before: float = 2, after: float = 4) -> _Rule:
    return _Rule(width, before=before, after=after)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text; a newline in ``text`` is a forced line break."""
    return Paragraph("<br/>".join(escape(line.strip()) for line in text.split("\n")), style)


def _header(
    *,
    parent_agency: str | None,
    agency: str | None,
    number: str | None,
    place_date: str | None,
    vv_subject: str | None,
    national_title: bool,
    motto: bool,
) -> Table:
    """The two-column header: agency block and number left, national title and date right."""
    left: list[Flowable] = []
    if parent_agency:
        left.append(_p(parent_agency.upper(), _style("parent", 12)))
    if agency:
        left.append(_p(agency.upper(), _style("agency", 12, bold=True)))
        widest = max(
            stringWidth(line.strip(), _FAMILY + "-Bold", 12) for line in agency.upper().split("\n")
        )
        left.append(_rule(min(widest, _HEADER_LEFT_W) / 3, before=5))
    right: list[Flowable] = []
    if national_title:
        right.append(_p(NATIONAL_TITLE, _style("title", 12, bold=True)))
    if motto:
        right.append(_p(MOTTO, _style("motto", 13, bold=True)))
        right.append(_rule(stringWidth(MOTTO, _FAMILY + "-Bold", 13), before=3))
    number_cell: list[Flowable] = []
    if number is not None:
        number_cell.append(_p(f"Số: {number}", _style("number", 13)))
    if vv_subject:
        number_cell.append(Spacer(1, 3))
        number_cell.append(_p(f"V/v {vv_subject}", _style("vv", 12)))
    date_cell: list[Flowable] = []
    if place_date:
        date_cell.append(_p(place_date, _style("date", 13, italic=True)))
    table = Table(
        [[left, right], [number_cell, date_cell]],
        colWidths=[_HEADER_LEFT_W, _HEADER_RIGHT_W],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 4),
            ]
        )
    )
    return table


def _closing(
    *,
    cc: Sequence[str] | None,
    signer_authority: str | None,
    signer_title: str | None,
    signer_name: str | None,
) -> Table:
    """Nơi nhận on the left, the signer's authority, title, space to sign and name on the right."""
    left: list[Flowable] = []
    if cc is not None:
        left.append(_p("Nơi nhận:", _style("cc-head", 12, bold=True, italic=True, align=TA_LEFT)))
        left.extend(_p(f"- {line}", _style("cc", 11, align=TA_LEFT)) for line in cc)
    right: list[Flowable] = []
    if signer_authority:
        right.append(_p(signer_authority.upper(), _style("authority", 13, bold=True)))
    if signer_title:
        right.append(_p(signer_title.upper(), _style("signer-title", 13, bold=True)))
    right.append(Spacer(1, 24 * mm))
    if signer_name:
        right.append(_p(signer_name, _style("signer-name", 13, bold=True)))
    table = Table([[left, right]], colWidths=[_CONTENT_W * 0.45, _CONTENT_W * 0.55])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


DEFAULT_BODY = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
    "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
    "phương ngày 22 tháng 11 năm 2019;",
    "Căn cứ Kế hoạch số 45/KH-UBND ngày 15 tháng 02 năm 2024 của Ủy ban nhân dân huyện "
    "Văn Chấn về chuyển đổi số năm 2024;",
    "Điều 1. Thành lập Tổ công nghệ số cộng đồng xã Tân Thịnh gồm các thành viên có tên "
    "trong danh sách kèm theo Quyết định này.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Hội đồng nhân dân và Ủy "
    "ban nhân dân xã, các thành viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết "
    "định này./.",
)


def make_admin_pdf(
    path: Path | str | None = None,
    *,
    parent_agency: str | None = "UBND HUYỆN VĂN CHẤN",
    agency: str | None = "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH",
    number: str | None = "15/QĐ-UBND",
    place: str = "Tân Thịnh",
    date: Date | str | None = Date(2024, 3, 12),
    doc_type: str | None = "QUYẾT ĐỊNH",
    subject: str | None = "Về việc thành lập Tổ công nghệ số cộng đồng xã Tân Thịnh",
    body_paragraphs: Iterable[str] = DEFAULT_BODY,
    recipients: str | None = "Phòng Văn hóa và Thông tin huyện Văn Chấn",
    signer_authority: str | None = "TM. ỦY BAN NHÂN DÂN",
    signer_title: str | None = "CHỦ TỊCH",
    signer_name: str | None = "Hoàng Văn Minh",
    cc: Sequence[str] | None = ("Như Điều 2;", "Lưu: VT."),
    omit: Iterable[str] = (),
) -> bytes:
    """Build the PDF, write it to ``path`` when given, and return its bytes.

    ``doc_type="CÔNG VĂN"`` lays out an official letter: no type name, the
    subject as ``V/v ...`` under the number, and a ``Kính gửi:`` line.
    ``date`` is a :class:`datetime.date` (printed the NĐ 30 way) or the raw
    text after the place, e.g. ``"ngày 05/01/2024"`` or ``"ngày   tháng 8 năm 2023"``.
    ``omit`` drops elements by name (see :data:`OMITTABLE`), to make
    documents that lack a required field.
    """
    omitted = frozenset(omit)
    unknown = omitted - OMITTABLE
    if unknown:
        raise ValueError(f"cannot omit {sorted(unknown)}; choose from {sorted(OMITTABLE)}")
    _register_fonts()
    is_letter = doc_type is not None and doc_type.upper() == "CÔNG VĂN"

    def keep(name: str, value: str | None) -> str | None:
        return None if name in omitted else value

    date_text = format_vn_date(date) if isinstance(date, Date) else date
    place_date = None
    if "date" not in omitted and date_text is not None:
        place_date = f"{place}, {date_text}" if place else date_text

    story: list[Flowable] = [
        _header(
            parent_agency=keep("parent_agency", parent_agency),
            agency=keep("agency", agency),
            number=keep("number", number),
            place_date=place_date,
            vv_subject=keep("subject", subject) if is_letter else None,
            national_title="national_title" not in omitted,
            motto="motto" not in omitted,
        ),
        Spacer(1, 8 * mm if is_letter else 10 * mm),
    ]
    if not is_letter and "doc_type" not in omitted and doc_type:
        story.append(_p(doc_type.upper(), _style("type", 14, bold=True)))
    if not is_letter and "subject" not in omitted and subject:
        story.append(_p(subject, _style("subject", 14, bold=True, spaceBefore=2)))
        story.append(_rule(45 * mm, before=8, after=8))
    if is_letter and "recipients" not in omitted and recipients:
        story.append(_p(f"Kính gửi: {recipients}.", _style("to", 14, spaceAfter=10)))
    body = _style(
        "body", 14, align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6, leading=14 * 1.3
    )
    story.extend(_p(text, body) for text in body_paragraphs)
    story.append(Spacer(1, 6 * mm))
    if "signature" not in omitted:
        story.append(
            KeepTogether(
                _closing(
                    cc=None if "cc" in omitted else cc,
                    signer_authority=signer_authority,
                    signer_title=signer_title,
                    signer_name=signer_name,
                )
            )
        )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_LEFT,
        rightMargin=_RIGHT,
        topMargin=_TOP,
        bottomMargin=_BOTTOM,
        invariant=1,
        title=subject or doc_type or "",
        author=agency or "",
        creator="hoso tests",
        producer="hoso tests (reportlab)",
    )
    doc.build(story)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def make_scanned_pdf(path: Path | str | None = None, *, dpi: int = 200, **fields: object) -> bytes:
    """The same document as :func:`make_admin_pdf`, printed and scanned: images only, no text.

    Each page is rendered to a grayscale image at ``dpi`` and placed full-page
    in a new PDF, which is what a scanner produces; the fields can then only
    be read back through OCR.
    """
    import pypdfium2  # shipped with pdfplumber

    source = make_admin_pdf(None, **fields)  # type: ignore[arg-type]
    pdf = pypdfium2.PdfDocument(source)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setCreator("hoso tests (scanner)")
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            canvas.drawImage(ImageReader(image), 0, 0, width=_PAGE_W, height=_PAGE_H)
            canvas.showPage()
            page.close()
    finally:
        pdf.close()
    canvas.save()
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data
