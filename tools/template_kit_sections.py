"""Kit additions for forms with wide appendices: a landscape section and two-level table headers.

Thanh Hóa's reports (seed 003) end with an appendix table of eight or nine
columns (Phụ lục 01–03) that only fits A4 landscape, which the decree allows
for wide tables; the report itself stays portrait. Some list forms (Mẫu 2.5)
group two columns under one heading. These helpers add both without changing
anything in :mod:`tools.template_kit`.
"""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table

from tools.template_kit import (
    CENTER,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    R,
    _drop_first_empty,
    _repeat_header,
    _set_borders,
    keep_row_with_next,
    paragraph,
)

LANDSCAPE_TEXT_WIDTH_MM = PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM


def landscape_section(doc: Any) -> Any:
    """Start an appendix: a new page in A4 landscape with the decree's margins, its pages
    numbered on their own.

    Nghị định 30 (Phụ lục I): an appendix of several pages numbers its pages
    separately; like the document itself, from its second page (the first page
    has no number: "different first page", an empty first-page header inherited
    from the document's). Numbering restarts at 1 (``w:pgNumType w:start``).
    """
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.different_first_page_header_footer = True
    sect_pr = section._sectPr
    numbering = sect_pr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        sect_pr.append(numbering)
    numbering.set(qn("w:start"), "1")
    return section


Column = str | tuple[str, list[str]]
"""A column title, or a group title with the titles of the columns under it."""


def grouped_grid_table(
    doc: Any, widths_mm: list[float], columns: list[Column], size: float = 12
) -> Table:
    """A bordered table whose header has two rows: group titles over their columns.

    A plain title spans both header rows (vertical merge); a group title spans
    its columns (horizontal merge). Both header rows repeat on every page.
    """
    table = doc.add_table(rows=2, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table, "single")
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
        for row in table.rows:
            row.cells[index].width = Mm(width)
    top, sub = table.rows
    _repeat_header(top)
    _repeat_header(sub)
    keep_row_with_next(top)
    keep_row_with_next(sub)
    index = 0
    for column in columns:
        if isinstance(column, str):
            merged = top.cells[index].merge(sub.cells[index])
            _title(merged, column, size)
            index += 1
            continue
        title, children = column
        group = top.cells[index].merge(top.cells[index + len(children) - 1])
        _title(group, title, size)
        for offset, child in enumerate(children):
            _title(sub.cells[index + offset], child, size)
        index += len(children)
    return table


def _title(cell: Any, text: str, size: float) -> None:
    for par in list(cell.paragraphs)[1:]:
        par._p.getparent().remove(par._p)
    paragraph(cell, R(text, bold=True, size=size), align=CENTER)
    _drop_first_empty(cell)
    tc_pr = cell._tc.get_or_add_tcPr()
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "center")
    tc_pr.append(valign)
