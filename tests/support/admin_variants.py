"""Administrative documents from several producers, with other units, fonts and spacing.

Why: the field reader must hold on documents hoso did not make and that the
admin corpus does not contain. Each :class:`Doc` is drawn at random (seeded)
from Vietnamese units, document types, numbers, dates and signers, and laid
out by one of the producers that make evidence files in practice:

- ``canvas``: text placed at absolute positions (e-office exports, reportlab);
- ``stacked``: the header lines one under the other, one column;
- ``docx``: a Word document with a two-column header table, converted by
  LibreOffice (``soffice``);
- ``html``: an HTML page printed by Chromium;
- ``scan``: any of them printed and scanned (150–300 dpi, slightly rotated,
  blurred, speckled, JPEG, no text layer).

Fonts vary over the serif and sans families installed with Vietnamese
glyphs (Liberation, DejaVu); sizes and spacing vary too. ``expected`` holds
what a careful reader finds, in the admin corpus's ``expected.json`` terms.
"""

from __future__ import annotations

import html
import io
import random
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

UNITS = (  # (province, district, commune), other than the admin corpus's
    ("Lào Cai", "Bát Xát", "Quang Kim"),
    ("Nghệ An", "Nghi Lộc", "Nghi Thịnh"),
    ("Bắc Giang", "Lục Nam", "Cẩm Lý"),
    ("Hà Tĩnh", "Can Lộc", "Thiên Lộc"),
    ("Quảng Nam", "Duy Xuyên", "Duy Phú"),
    ("Lâm Đồng", "Đức Trọng", "Hiệp Thạnh"),
    ("Cao Bằng", "Hòa An", "Bạch Đằng"),
    ("Kon Tum", "Đắk Hà", "Đắk Mar"),
    ("Sơn La", "Mộc Châu", "Chiềng Sơn"),
    ("Thái Bình", "Vũ Thư", "Tân Hòa"),
    ("Phú Thọ", "Thanh Sơn", "Võ Miếu"),
    ("Gia Lai", "Chư Sê", "Ia Glai"),
)
TYPES = {
    "QUYẾT ĐỊNH": ("QĐ", "Về việc kiện toàn Tổ công nghệ số cộng đồng {unit}"),
    "KẾ HOẠCH": ("KH", "Triển khai chuyển đổi số {unit} năm {year}"),
    "BÁO CÁO": ("BC", "Tình hình thực hiện chuyển đổi số {unit} năm {year}"),
    "THÔNG BÁO": ("TB", "Kết luận của Chủ tịch {agency_short} tại buổi làm việc về chuyển đổi số"),
    "TỜ TRÌNH": ("TTr", "Đề nghị công nhận {unit} đạt chuẩn chuyển đổi số năm {year}"),
    "BIÊN BẢN": ("BB", "Kiểm tra kết quả thực hiện các tiêu chí chuyển đổi số"),
    "GIẤY MỜI": ("GM", "Dự hội nghị sơ kết công tác chuyển đổi số năm {year}"),
    "CÔNG VĂN": ("", "V/v đôn đốc triển khai nền tảng số tại {unit}"),
}
NAMES = (
    "Đinh Văn Khải",
    "Lò Thị Hương",
    "Vũ Đức Thắng",
    "Hà Minh Tuấn",
    "Bùi Thị Ngọc Ánh",
    "Nông Văn Quyết",
    "Trương Thị Yến",
    "Đặng Quốc Bảo",
)
FONTS = {  # family: (regular, bold, italic)
    "LiberationSerif": (
        "liberation",
        "LiberationSerif-Regular",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
    ),
    "LiberationSans": (
        "liberation",
        "LiberationSans-Regular",
        "LiberationSans-Bold",
        "LiberationSans-Italic",
    ),
    "DejaVuSerif": ("dejavu", "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
    "DejaVuSans": ("dejavu", "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"),
}
CSS_FAMILY = {
    "LiberationSerif": "Liberation Serif",
    "LiberationSans": "Liberation Sans",
    "DejaVuSerif": "DejaVu Serif",
    "DejaVuSans": "DejaVu Sans",
}
BODY = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị quyết số 52/NQ-HĐND ngày 10/12/{prev} của Hội đồng nhân dân {province_lower};",
    "{n}. Triển khai các nhiệm vụ chuyển đổi số trên địa bàn, bảo đảm đúng tiến độ và "
    "chất lượng; các cơ quan, đơn vị liên quan phối hợp thực hiện; điện thoại liên hệ "
    "0912 345 678.",
)


@dataclass
class Doc:
    producer: str
    font: str
    size: float
    parent_agency: str
    agency: str
    number: str
    type: str
    type_code: str | None
    date: date
    place: str
    subject: str
    authority: str | None
    signer_title: str
    signer_name: str
    paragraphs: int
    leading: float
    scan_dpi: int | None = None
    recipients: list[str] = field(default_factory=list)

    @property
    def letter(self) -> bool:
        return self.type == "CÔNG VĂN"

    def date_text(self) -> str:
        month = f"{self.date.month:02d}" if self.date.month < 3 else str(self.date.month)
        return f"{self.place}, ngày {self.date.day:02d} tháng {month} năm {self.date.year}"

    def body(self) -> list[str]:
        province = (
            self.parent_agency.split("TỈNH")[-1].strip().title()
            if "TỈNH" in self.parent_agency
            else ""
        )
        fill = {"prev": self.date.year - 1, "province_lower": f"tỉnh {province}".strip()}
        lines = [BODY[0], BODY[1].format(**fill)]
        lines += [BODY[2].format(n=i + 1) for i in range(self.paragraphs)]
        return lines

    def expected(self) -> dict[str, object]:
        return {
            "administrative": True,
            "parent_agency": self.parent_agency,
            "agency": self.agency,
            "number": self.number,
            "type": self.type,
            "type_code": self.type_code,
            "date": self.date.isoformat(),
            "place": self.place,
            "subject": self.subject,
            "signer_title": self.signer_title,
            "signer_name": self.signer_name,
            "producer": self.producer + (f"-scan{self.scan_dpi}" if self.scan_dpi else ""),
        }


def draw(rng: random.Random, producer: str) -> Doc:
    province, district, commune = rng.choice(UNITS)
    level = rng.choice(("xa", "huyen", "so"))
    if level == "xa":
        parent, agency, place = (
            f"UBND HUYỆN {district.upper()}",
            f"ỦY BAN NHÂN DÂN XÃ {commune.upper()}",
            commune,
        )
        unit, short, issuer = f"xã {commune}", f"UBND xã {commune}", "UBND"
    elif level == "huyen":
        parent, agency, place = (
            f"UBND TỈNH {province.upper()}",
            f"ỦY BAN NHÂN DÂN HUYỆN {district.upper()}",
            district,
        )
        unit, short, issuer = f"huyện {district}", f"UBND huyện {district}", "UBND"
    else:
        parent, agency, place = (
            f"UBND TỈNH {province.upper()}",
            "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            province,
        )
        unit, short, issuer = f"tỉnh {province}", "Sở Thông tin và Truyền thông", "STTTT"
    doc_type = rng.choice(list(TYPES))
    code, subject = TYPES[doc_type]
    year = rng.choice((2023, 2024, 2025))
    number = f"{rng.randint(3, 2999)}/" + (f"{code}-{issuer}" if code else f"{issuer}-VP")
    head = "GIÁM ĐỐC" if level == "so" else "CHỦ TỊCH"
    deputy = rng.random() < 0.5
    authority = (
        f"KT. {head}"
        if deputy
        else rng.choice((f"TM. {'ỦY BAN NHÂN DÂN' if level != 'so' else 'SỞ'}", None))
    )
    return Doc(
        producer=producer,
        font=rng.choice(list(FONTS)),
        size=rng.choice((12.5, 13, 13.5, 14)),
        parent_agency=parent,
        agency=agency,
        number=number,
        type=doc_type,
        type_code=code or None,
        date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
        place=place,
        subject=subject.format(unit=unit, year=year, agency_short=short),
        authority=authority if not (authority is None and deputy) else None,
        signer_title=("PHÓ " if deputy else "") + head,
        signer_name=rng.choice(NAMES),
        paragraphs=rng.randint(2, 14),
        leading=rng.choice((1.15, 1.3, 1.5)),
        recipients=["Như trên;", f"Thường trực {short};", "Lưu: VT."],
    )


# --- reportlab producers --------------------------------------------------------------------


def _fonts(doc: Doc) -> tuple[str, str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder, *files = FONTS[doc.font]
    names = []
    for name in files:
        if name not in pdfmetrics.getRegisteredFontNames():
            base = (
                "liberation2"
                if Path(f"/usr/share/fonts/truetype/liberation2/{name}.ttf").exists()
                else folder
            )
            pdfmetrics.registerFont(TTFont(name, f"/usr/share/fonts/truetype/{base}/{name}.ttf"))
        names.append(name)
    return names[0], names[1], names[2]


def canvas_pdf(doc: Doc, *, stacked: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    regular, bold, italic = _fonts(doc)
    width, height = A4
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, invariant=1)
    size, step = doc.size, doc.size * doc.leading
    left_x, right_x = (0.24 * width, 0.68 * width) if not stacked else (None, None)
    margin = 0.14 * width
    y = height - 0.07 * height

    def put(text: str, font: str, x: float | None, at: float, fsize: float = size) -> None:
        c.setFont(font, fsize)
        if x is None:
            c.drawString(margin, at, text)
        else:
            c.drawCentredString(x, at, text)

    if stacked:
        for text, font in (
            (doc.parent_agency, regular),
            (doc.agency, bold),
            (f"Số: {doc.number}", regular),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold),
            ("Độc lập - Tự do - Hạnh phúc", bold),
            (doc.date_text(), italic),
        ):
            put(text, font, None, y)
            y -= step
        if doc.letter:
            put(doc.subject, regular, None, y)
            y -= step
    else:
        # Each column's lines fit its half of the page, as a real form would set them.
        from reportlab.pdfbase.pdfmetrics import stringWidth

        widest = max(
            stringWidth(doc.agency, bold, size - 1), stringWidth(doc.date_text(), italic, size)
        )
        if widest > 0.4 * width:
            size = size * 0.4 * width / widest
            step = size * doc.leading
        put(doc.parent_agency, regular, left_x, y, size - 1)
        put("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, right_x, y, size - 1)
        y -= step
        put(doc.agency, bold, left_x, y, size - 1)
        put("Độc lập - Tự do - Hạnh phúc", bold, right_x, y)
        c.line(left_x - 30, y - 5, left_x + 30, y - 5)
        c.line(right_x - 75, y - 5, right_x + 75, y - 5)
        y -= step * 1.6
        put(f"Số: {doc.number}", regular, left_x, y)
        put(doc.date_text(), italic, right_x, y)
        if doc.letter:
            y -= step
            put(doc.subject, regular, left_x, y, size - 1.5)
    y -= step * 1.8
    if not doc.letter:
        put(doc.type, bold, width / 2, y, size + 1)
        y -= step
        put(doc.subject, bold, width / 2, y)
        y -= step * 1.5
    c.setFont(regular, size)
    for text in doc.body():
        for line in _wrap(text, regular, size, width - 2 * margin):
            if y < 0.1 * height:
                c.showPage()
                c.setFont(regular, size)
                y = height - 0.08 * height
            c.drawString(margin, y, line)
            y -= step
    if y < 0.35 * height:
        c.showPage()
        y = height - 0.08 * height
    y -= step
    sig_x = 0.7 * width
    put("Nơi nhận:", bold, None, y, size - 1)
    block = [t for t in (doc.authority, doc.signer_title) if t]
    for i, text in enumerate(block):
        put(text, bold, sig_x, y - i * step)
    for i, text in enumerate(doc.recipients):
        put(f"- {text}", regular, None, y - (i + 1) * step * 0.9, size - 2)
    put(doc.signer_name, bold, sig_x, y - (len(block) + 4) * step)
    c.showPage()
    c.save()
    return out.getvalue()


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) > width and current:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


# --- Word / LibreOffice -----------------------------------------------------------------------


def docx_bytes(doc: Doc) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    family = CSS_FAMILY[doc.font]
    d = Document()
    style = d.styles["Normal"]
    style.font.name = family
    style.font.size = Pt(doc.size)

    def para(
        cell_or_doc,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size: float | None = None,
    ):  # type: ignore[no-untyped-def]
        p = cell_or_doc.add_paragraph()
        p.alignment = align
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.name = family
        run.font.size = Pt(size or doc.size)
        return p

    table = d.add_table(rows=2, cols=2)
    left, right = table.rows[0].cells
    para(left, doc.parent_agency, size=doc.size - 1)
    para(left, doc.agency, bold=True, size=doc.size - 1)
    para(left, "_______")
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=doc.size - 1)
    para(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    para(right, "________________")
    number_cell, date_cell = table.rows[1].cells
    para(number_cell, f"Số: {doc.number}")
    if doc.letter:
        para(number_cell, doc.subject, size=doc.size - 1)
    para(date_cell, doc.date_text(), italic=True)
    if not doc.letter:
        para(d, doc.type, bold=True, size=doc.size + 1)
        para(d, doc.subject, bold=True)
    for text in doc.body():
        para(d, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    closing = d.add_table(rows=1, cols=2)
    cc, sign = closing.rows[0].cells
    para(cc, "Nơi nhận:", bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, size=doc.size - 1)
    for text in doc.recipients:
        para(cc, f"- {text}", align=WD_ALIGN_PARAGRAPH.LEFT, size=doc.size - 2)
    for text in (doc.authority, doc.signer_title):
        if text:
            para(sign, text, bold=True)
    for _ in range(3):
        para(sign, "")
    para(sign, doc.signer_name, bold=True)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def libreoffice_pdfs(docx_files: list[Path], out_dir: Path) -> None:
    """Convert DOCX files to PDF with one ``soffice`` run (its own profile)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, docx_files),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )


# --- HTML / Chromium --------------------------------------------------------------------------


def html_page(doc: Doc) -> str:
    e = html.escape
    family = CSS_FAMILY[doc.font]
    vv = f"<div class=vv>{e(doc.subject)}</div>" if doc.letter else ""
    title = (
        ""
        if doc.letter
        else f"<div class=type>{e(doc.type)}</div><div class=subject>{e(doc.subject)}</div>"
    )
    body = "".join(f"<p>{e(t)}</p>" for t in doc.body())
    block = "".join(f"<div><b>{e(t)}</b></div>" for t in (doc.authority, doc.signer_title) if t)
    cc = "".join(f"<div>- {e(t)}</div>" for t in doc.recipients)
    return f"""<!doctype html><html lang=vi><meta charset=utf-8><style>
@page {{ size: A4; margin: 20mm 15mm 20mm 30mm }}
body {{ font-family: '{family}'; font-size: {doc.size}pt; line-height: {doc.leading} }}
table {{ width: 100%; border-collapse: collapse }} td {{ vertical-align: top; text-align: center }}
.type {{ text-align: center; font-weight: bold; margin-top: 1.2em; font-size: {doc.size + 1}pt }}
.subject {{ text-align: center; font-weight: bold }} p {{ text-align: justify; text-indent: 1cm; margin: .3em 0 }}
.sign {{ text-align: center }} .cc {{ font-size: {doc.size - 2}pt }}
</style><body>
<table><tr><td style="width:40%">{e(doc.parent_agency)}<br><b>{e(doc.agency)}</b><br>———<br>Số: {e(doc.number)}{vv}</td>
<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><br>———————<br><i>{e(doc.date_text())}</i></td></tr></table>
{title}{body}
<table><tr><td style="width:45%;text-align:left" class=cc><b><i>Nơi nhận:</i></b>{cc}</td>
<td class=sign>{block}<br><br><br><br><b>{e(doc.signer_name)}</b></td></tr></table>
</body></html>"""


def chromium_pdf(html_file: Path, pdf: Path) -> None:
    subprocess.run(
        [
            shutil.which("chromium") or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html_file.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


# --- scans ------------------------------------------------------------------------------------


def scan(pdf: bytes, *, dpi: int, seed: int) -> bytes:
    """Print and scan: grayscale at ``dpi``, rotated up to 1°, blurred, speckled, JPEG pages."""
    import pypdfium2
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    source = pypdfium2.PdfDocument(pdf)
    pages = []
    for index in range(len(source)):
        page = source[index]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(
            rng.uniform(-1.0, 1.0), resample=Image.Resampling.BICUBIC, fillcolor=255
        )
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
        pixels = image.load()
        for _ in range(image.width * image.height // 400):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y] = rng.randrange(0, 160)
        pages.append(image.convert("RGB"))
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:], quality=80)
    return out.getvalue()


def make_corpus(
    folder: Path, count: int, *, seed: int = 9, scans: bool = True
) -> dict[str, dict[str, object]]:
    """Write ``count`` documents per producer into ``folder``; return expected.json's content."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, dict[str, object]] = {}
    docs: list[tuple[str, Doc]] = []
    producers = ["canvas", "stacked"]
    if shutil.which("soffice"):
        producers.append("docx")
    if shutil.which("chromium"):
        producers.append("html")
    for producer in producers:
        for i in range(count):
            docs.append((f"{producer}-{i:02d}", draw(rng, producer)))
    docx_files = []
    for name, doc in docs:
        if doc.producer in ("canvas", "stacked"):
            (folder / f"{name}.pdf").write_bytes(canvas_pdf(doc, stacked=doc.producer == "stacked"))
        elif doc.producer == "docx":
            path = folder / f"{name}.docx"
            path.write_bytes(docx_bytes(doc))
            docx_files.append(path)
        else:
            page = folder / f"{name}.html"
            page.write_text(html_page(doc), encoding="utf-8")
            chromium_pdf(page, folder / f"{name}.pdf")
            page.unlink()
    if docx_files:
        libreoffice_pdfs(docx_files, folder)
        for path in docx_files:
            path.unlink()
    for name, doc in docs:
        expected[f"{name}.pdf"] = doc.expected()
        if scans and rng.random() < 0.5:
            dpi = rng.choice((150, 200, 300))
            scanned = Doc(**{**asdict(doc), "scan_dpi": dpi})
            (folder / f"{name}-scan.pdf").write_bytes(
                scan((folder / f"{name}.pdf").read_bytes(), dpi=dpi, seed=rng.randrange(1 << 30))
            )
            expected[f"{name}-scan.pdf"] = scanned.expected()
    return expected
