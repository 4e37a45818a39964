"""The kit that scaffolds the .docx templates under ``templates/`` (python-docx).

Templates are data: once scaffolded, the .docx under ``templates/`` is the
source of truth that an official opens in Word, edits and saves. This kit only
makes the first version consistent with Nghị định 30/2020/NĐ-CP, Phụ lục I:

- A4, margins top/bottom 20 mm, left 30 mm, right 15 mm (decree: 20–25,
  20–25, 30–35, 15–20);
- Times New Roman everywhere (LibreOffice falls back to the metric-compatible
  Liberation Serif, so the PDF keeps the line breaks);
- the two-column borderless header (parent agency CAPS 13 upright, issuing
  agency CAPS 13 bold with a short rule, ``Số``; national title CAPS 13 bold,
  motto 14 bold with a rule, place/date 14 italic);
- document type CAPS 14 bold centred, summary 14 bold centred, body 14
  justified with a 1.27 cm first-line indent and 6 pt after each paragraph;
- ``Nơi nhận:`` 12 bold italic with its list in 11 on the left of the closing,
  the signer's authority/title CAPS 14 bold and name bold on the right;
- page numbers from page 2, centred in the top margin (different first page).

Text is placed with docxtpl tags (``{{ }}``, ``{%p if %}``, ``{%tr for %}``);
each tag sits in a single run so that Word's spell checker cannot split it.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips
from docx.table import Table, _Cell

from docgen.typography import keep_together

FONT = "Times New Roman"
BODY_SIZE = 14
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
FIRST_LINE_INDENT_CM = 1.27
PARAGRAPH_SPACING_PT = 6

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass(frozen=True)
class R:
    """A run: text with its formatting (size in points; None keeps the paragraph's)."""

    text: str
    bold: bool = False
    italic: bool = False
    size: float | None = None


def _set_fonts(rpr_parent: Any) -> None:
    """Times New Roman for every script slot, so Vietnamese never falls back to another face."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def new_document(*, landscape: bool = False, page_numbers: bool = True) -> Any:
    """An empty A4 document with the decree's margins, font and page numbering."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _set_fonts(normal.element)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    else:
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin = _mm_up(MARGIN_TOP_MM)
    section.bottom_margin = _mm_up(MARGIN_BOTTOM_MM)
    section.left_margin = _mm_up(MARGIN_LEFT_MM)
    section.right_margin = _mm_up(MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    if page_numbers:
        section.different_first_page_header_footer = True
        header_par = section.header.paragraphs[0]
        header_par.alignment = CENTER
        _page_field(header_par)
    return doc


def _mm_up(mm: float) -> Twips:
    """Millimetres as whole twips, rounded up so that 15 mm never reads as 14.99 mm."""
    return Twips(math.ceil(mm * 1440 / 25.4))


def text_width_mm(doc: Any) -> float:
    section = doc.sections[0]
    return float((section.page_width - section.left_margin - section.right_margin) / Mm(1))


def _page_field(paragraph: Any) -> None:
    """A PAGE field: Word and LibreOffice print the current page number there."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(BODY_SIZE * 2))
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def paragraph(
    container: Any,
    *runs: R | str,
    align: Any = None,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    indent: bool = False,
    before: float = 0,
    after: float = 0,
    keep_with_next: bool = False,
    left_indent_mm: float | None = None,
    right_indent_mm: float | None = None,
) -> Any:
    """Add a paragraph of runs to a document, cell or header; plain strings take the defaults."""
    par = container.add_paragraph()
    fmt = par.paragraph_format
    if align is not None:
        par.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
    if left_indent_mm is not None:
        fmt.left_indent = Mm(left_indent_mm)
    if right_indent_mm is not None:
        fmt.right_indent = Mm(right_indent_mm)
    if keep_with_next:
        fmt.keep_with_next = True
    for item in runs:
        run_spec = R(item) if isinstance(item, str) else item
        run = par.add_run(keep_together(run_spec.text))
        run.bold = run_spec.bold or bold or None
        run.italic = run_spec.italic or italic or None
        run_size = run_spec.size or size
        if run_size:
            run.font.size = Pt(run_spec.size or size or BODY_SIZE)
    return par


def tag(container: Any, text: str) -> Any:
    """A paragraph holding only a docxtpl block tag (``{%p if x %}``); docxtpl removes it."""
    return paragraph(container, text)


def body(doc: Any, *runs: R | str) -> Any:
    """A body paragraph: justified, 1.27 cm first-line indent, 6 pt after."""
    return paragraph(doc, *runs, align=JUSTIFY, indent=True, after=PARAGRAPH_SPACING_PT)


def heading(doc: Any, text: str) -> Any:
    """A numbered section heading (``1. Khái quát đặc điểm tình hình``): bold, indented."""
    return paragraph(
        doc,
        R(text, bold=True),
        align=JUSTIFY,
        indent=True,
        after=PARAGRAPH_SPACING_PT,
        keep_with_next=True,
    )


def rule(container: Any, width_mm: float, cell_width_mm: float) -> Any:
    """A short centred horizontal rule: an empty paragraph with a bottom border, indented.

    Editable in Word (it is a paragraph border, not a drawing) and the same in LibreOffice.
    """
    side = max((cell_width_mm - width_mm) / 2, 0)
    par = paragraph(container, R("", size=2), left_indent_mm=side, right_indent_mm=side)
    ppr = par._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.append(borders)
    # The empty paragraph should be as thin as the rule itself.
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        ppr.append(spacing)
    spacing.set(qn("w:line"), "60")
    spacing.set(qn("w:lineRule"), "exact")
    return par


def _first_paragraph(cell: _Cell) -> Any:
    return cell.paragraphs[0]


def _drop_first_empty(cell: _Cell) -> None:
    """python-docx cells start with an empty paragraph; remove it once real ones exist."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)


def borderless_table(doc: Any, widths_mm: list[float]) -> Table:
    """A one-row table without borders: the layout grid of header and closing."""
    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table, "nil")
    _cant_split(table.rows[0])
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
        table.rows[0].cells[index].width = Mm(width)
    return table


def grid_table(doc: Any, widths_mm: list[float], header: list[str], size: float = 12) -> Table:
    """A bordered data table with a bold header row repeated on every page."""
    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table, "single")
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
    row = table.rows[0]
    _repeat_header(row)
    for index, title in enumerate(header):
        cell = row.cells[index]
        cell.width = Mm(widths_mm[index])
        paragraph(cell, R(title, bold=True, size=size), align=CENTER)
        _drop_first_empty(cell)
    keep_row_with_next(row)
    return table


def add_row(
    table: Table,
    cells: list[list[R | str] | R | str],
    *,
    size: float = 12,
    align: list[Any] | None = None,
    merge_from: int | None = None,
    keep_with_next: bool = False,
) -> Any:
    """A data row, kept on one page; ``merge_from`` merges that cell with all the cells to
    its right; ``keep_with_next`` keeps it on the page of the row below (a group heading)."""
    row = table.add_row()
    _cant_split(row)
    for index, content in enumerate(cells):
        cell = row.cells[index]
        cell.width = table.columns[index].width
        runs = content if isinstance(content, list) else [content]
        paragraph(cell, *runs, size=size, align=(align[index] if align else LEFT))
        _drop_first_empty(cell)
    if merge_from is not None:
        merged = row.cells[merge_from].merge(row.cells[len(row.cells) - 1])
        while len(merged.paragraphs) > 1 and not merged.paragraphs[-1].text:
            last = merged.paragraphs[-1]._p
            last.getparent().remove(last)
    if keep_with_next:
        keep_row_with_next(row)
    return row


def keep_row_with_next(row: Any) -> None:
    """Keep a row on the page of the row below it ("keep with next" on its paragraphs).

    A header row or a group heading left alone at the foot of a page, its first
    data row on the next, is what a clerk would fix by hand before sending;
    Word and LibreOffice both honour keep-with-next on a row's paragraphs."""
    for paragraph_element in row._tr.iter(qn("w:p")):
        ppr = paragraph_element.get_or_add_pPr()
        if ppr.find(qn("w:keepNext")) is None:
            ppr.insert(0, OxmlElement("w:keepNext"))


def tag_row(table: Table, text: str) -> Any:
    """A row holding only a docxtpl row tag (``{%tr for c in rows %}``) in its first cell."""
    row = table.add_row()
    cell = row.cells[0]
    cell.paragraphs[0].add_run(text)
    return row


def _cant_split(row: Any) -> None:
    """Keep a row on one page (a signature block must not be torn from its title)."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _set_borders(table: Table, value: str) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tblpr.append(borders)
    if value == "nil":
        style = tblpr.find(qn("w:tblStyle"))
        if style is not None:
            tblpr.remove(style)


HEADER_WIDTHS_MM = [64.0, 101.0]


def header_block(doc: Any, *, parent: str, agency: str, number: str | None, date_line: str) -> None:
    """The two-column header of Phụ lục I: agency and number left, nation and date right.

    ``parent``, ``agency``, ``number`` and ``date_line`` are usually tags
    (``{{ header.parent }}``); ``number=None`` leaves the ``Số`` line out (a biên bản).
    """
    left_w, right_w = HEADER_WIDTHS_MM
    table = borderless_table(doc, HEADER_WIDTHS_MM)
    left, right = table.rows[0].cells
    tag(left, "{%p if header.parent %}")
    paragraph(left, R(parent, size=13), align=CENTER)
    tag(left, "{%p endif %}")
    paragraph(left, R(agency, bold=True, size=13), align=CENTER)
    rule(left, 22, left_w)
    if number is not None:
        paragraph(left, R(number, size=13), align=CENTER, before=6)
    paragraph(right, R("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13), align=CENTER)
    paragraph(right, R("Độc lập - Tự do - Hạnh phúc", bold=True, size=14), align=CENTER)
    rule(right, 62, right_w)
    paragraph(right, R(date_line, italic=True, size=14), align=CENTER, before=6)
    _drop_first_empty(left)
    _drop_first_empty(right)


def title_block(doc: Any, doc_type: str, *summary: R | str) -> None:
    """Document type (CAPS bold centred) and its summary line(s) (bold centred)."""
    paragraph(doc, R(doc_type, bold=True, size=14), align=CENTER, before=18)
    if summary:
        paragraph(doc, *summary, align=CENTER, bold=True, size=14, after=6)
    rule(doc, 35, text_width_mm(doc))
    paragraph(doc, "", after=6)


CLOSING_WIDTHS_MM = [80.0, 85.0]

SIGNATURE_ROOM_LINES = 3
"""Empty 14 pt lines between a signer's title and name: about 2 cm for the signature
(the seal overlaps it); four lines pushed one-page forms onto a second page."""


RECIPIENTS_LOOP = ("{%p for line in recipients %}", "{{ line }}", "{%p endfor %}")


def recipients_cell(cell: Any, recipients_loop: tuple[str, str, str]) -> None:
    """Nơi nhận: the bold italic label and one line per recipient, left out when there are none.

    ``recipients_loop`` is ``(for_tag, item_tag, endfor_tag)``.
    """
    for_tag, item, end_tag = recipients_loop
    tag(cell, "{%p if recipients %}")
    paragraph(cell, R("Nơi nhận:", bold=True, italic=True, size=12), before=6)
    tag(cell, for_tag)
    paragraph(cell, R(item, size=11))
    tag(cell, end_tag)
    tag(cell, "{%p endif %}")
    # A table cell must end with a paragraph: without one (no recipients) Word calls the
    # file corrupt and LibreOffice lays the row out wrongly.
    paragraph(cell, R("", size=2))


def signature_cell(cell: Any, lines: list[R], name: str, *, first_before: float = 12) -> None:
    """A signature block: its title lines (centred), room to sign, the name (bold)."""
    for index, line in enumerate(lines):
        paragraph(cell, line, align=CENTER, before=first_before if index == 0 else 0)
    for _ in range(SIGNATURE_ROOM_LINES):
        paragraph(cell, R("", size=14), align=CENTER)
    paragraph(cell, R(name, bold=True, size=14), align=CENTER)
    _drop_first_empty(cell)


def keep_last_paragraph_with_next(doc: Any) -> None:
    """Keep the body's last paragraph(s) on the page of what follows (the signature block).

    Nghị định 30 practice: a signature never stands alone on a page; the last
    sentence goes with it. Marks "keep with next" on the trailing paragraphs back to
    and including the last one with text (tag-only and empty paragraphs pass it on).
    Called before the closing table is added."""
    for element in reversed(list(doc.element.body)):
        if element.tag == qn("w:sectPr"):
            continue
        if element.tag != qn("w:p"):
            return
        ppr = element.get_or_add_pPr()
        if ppr.find(qn("w:keepNext")) is None:
            ppr.insert(0, OxmlElement("w:keepNext"))
        text = "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()
        if text and not text.startswith("{%"):
            return


def closing_block(
    doc: Any, *, recipients_loop: tuple[str, str, str] | None, signer: list[str], signer_name: str
) -> None:
    """Nơi nhận (left) and the signature block (right).

    ``recipients_loop`` is ``(for_tag, item_tag, endfor_tag)``; ``signer`` the
    CAPS bold lines (authority, title), then room for the signature and the name.
    """
    keep_last_paragraph_with_next(doc)
    table = borderless_table(doc, CLOSING_WIDTHS_MM)
    left, right = table.rows[0].cells
    if recipients_loop is not None:
        recipients_cell(left, recipients_loop)
    for index, line in enumerate(signer):
        if line.startswith("{%p"):
            tag(right, line)
        else:
            paragraph(
                right, R(line, bold=True, size=14), align=CENTER, before=6 if index < 2 else 0
            )
    for _ in range(SIGNATURE_ROOM_LINES):
        paragraph(right, R("", size=14), align=CENTER)
    paragraph(right, R(signer_name, bold=True, size=14), align=CENTER)
    _drop_first_empty(left)
    _drop_first_empty(right)


def signatures_table(doc: Any, blocks: list[tuple[list[R], str]], width_mm: float) -> Table:
    """Signature blocks side by side in a borderless table of ``width_mm``."""
    keep_last_paragraph_with_next(doc)
    table = borderless_table(doc, [width_mm / len(blocks)] * len(blocks))
    for cell, (lines, name) in zip(table.rows[0].cells, blocks, strict=True):
        signature_cell(cell, lines, name)
    return table


def two_signatures(
    doc: Any, left_lines: list[R], right_lines: list[R], left_name: str, right_name: str
) -> None:
    """Two signature blocks side by side (a biên bản: secretary left, chair right)."""
    signatures_table(doc, [(left_lines, left_name), (right_lines, right_name)], 165.0)


def multi_header_table(
    doc: Any,
    widths_mm: list[float],
    header_rows: list[list[str]],
    merges: list[tuple[tuple[int, int], tuple[int, int]]],
    size: float = 11,
) -> Table:
    """A bordered table whose header spans several rows (Biểu 04: Mức độ → CĐS → Mục tiêu).

    ``merges`` are ((row, col), (row, col)) corners, merged after the texts are
    placed; the text of the top-left cell is kept. Header rows repeat on every page.
    """
    table = doc.add_table(rows=len(header_rows), cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table, "single")
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
    for r, texts in enumerate(header_rows):
        row = table.rows[r]
        _repeat_header(row)
        for c, text in enumerate(texts):
            cell = row.cells[c]
            cell.width = Mm(widths_mm[c])
            if text:
                paragraph(cell, R(text, bold=True, size=size), align=CENTER)
                _drop_first_empty(cell)
    for (r1, c1), (r2, c2) in merges:
        merged = table.cell(r1, c1).merge(table.cell(r2, c2))
        while len(merged.paragraphs) > 1 and not merged.paragraphs[-1].text:
            last = merged.paragraphs[-1]._p
            last.getparent().remove(last)
    for row in table.rows:
        keep_row_with_next(row)
    return table


_DROPPED_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _used_style_ids(xml_parts: list[bytes], styles: Any) -> set[str]:
    """Style ids the document uses, the defaults, and everything they are based on."""
    used: set[str] = set()
    for xml in xml_parts:
        found = re.findall(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', xml)
        used.update(match.decode() for match in found)
    by_id = {s.get(f"{{{_W}}}styleId"): s for s in styles.findall(f"{{{_W}}}style")}
    used.update(i for i, s in by_id.items() if s.get(f"{{{_W}}}default") == "1")
    queue = list(used)
    while queue:
        style = by_id.get(queue.pop())
        if style is None:
            continue
        for link in ("basedOn", "link", "next"):
            ref = style.find(f"{{{_W}}}{link}")
            if ref is not None:
                target = ref.get(f"{{{_W}}}val")
                if target and target not in used:
                    used.add(target)
                    queue.append(target)
    return used


def save_slim(doc: Any, path: str) -> None:
    """Save without python-docx's unused baggage (800 KB of styles, a thumbnail).

    The default python-docx package carries every built-in style twice
    (styles.xml and stylesWithEffects.xml); docxtpl parses and rewrites them
    on every render, which is most of a one-page render's time. Word and
    LibreOffice recreate built-in styles on demand, so an official editing the
    template loses nothing.
    """
    from lxml import etree

    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        names = [n for n in source.namelist() if not n.startswith(_DROPPED_PARTS)]
        contents = {n: source.read(n) for n in names}
    parts = [v for k, v in contents.items() if k.startswith("word/") and k.endswith(".xml")]
    styles = etree.fromstring(contents["word/styles.xml"])
    keep = _used_style_ids(parts, styles)
    for style in styles.findall(f"{{{_W}}}style"):
        if style.get(f"{{{_W}}}styleId") not in keep:
            styles.remove(style)
    latent = styles.find(f"{{{_W}}}latentStyles")
    if latent is not None:
        styles.remove(latent)
    contents["word/styles.xml"] = etree.tostring(
        styles, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
        contents[rels] = re.sub(
            rb'<Relationship [^>]*Target="[^"]*(?:stylesWithEffects|thumbnail|customXml)[^"]*"/>',
            b"",
            contents[rels],
        )
    contents["[Content_Types].xml"] = re.sub(
        rb'<Override PartName="/(?:word/stylesWithEffects|docProps/thumbnail|customXml)[^>]*/>',
        b"",
        contents["[Content_Types].xml"],
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            target.writestr(name, contents[name])
