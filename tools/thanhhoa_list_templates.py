"""Scaffolds of the Thanh Hóa list forms (seed 003): Mẫu 1.4, 2.5, 2.6, 3.3, 4.1, 4.5.

Every list form has the same frame — national header without a number, the
form's label and title, one or more numbered tables, the computed figures, the
signature blocks — so each form is data (:class:`ListForm`) and one function,
:func:`build_list_form`, lays it out. Registered into
:data:`tools.build_templates.BUILDERS` on import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from tools.build_templates import builder, header
from tools.template_kit import (
    CENTER,
    JUSTIFY,
    PARAGRAPH_SPACING_PT,
    R,
    add_row,
    grid_table,
    heading,
    new_document,
    paragraph,
    signatures_table,
    tag,
    tag_row,
)
from tools.template_kit_sections import (
    LANDSCAPE_TEXT_WIDTH_MM,
    grouped_grid_table,
)

Signature = tuple[list[R], str]

SIGN = "(Ký ghi rõ họ tên, đóng dấu)"
COMPILER_NAME = "{{ compiler }}\n{{ compiler_phone }}"
COMPILER: Signature = (
    [R("Cán bộ tổng hợp", bold=True), R("(Ký ghi rõ họ tên, số điện thoại liên hệ)", italic=True)],
    COMPILER_NAME,
)
CHAIRMAN: Signature = ([R("CHỦ TỊCH", bold=True), R(SIGN, italic=True)], "{{ chairman }}")
COMMUNE: Signature = (
    [R("Xác nhận của UBND xã", bold=True), R(SIGN, italic=True)],
    "{{ chairman }}",
)


@dataclass(frozen=True)
class ListTable:
    """A numbered list: one row per item of ``rows`` (STT from the loop), an optional
    Tổng cộng row. ``columns`` may hold ``(title, [sub-titles])`` for a two-row header."""

    widths: list[float]
    columns: list[Any]
    cells: list[str]
    rows: str = "rows"
    total: list[str] | None = None
    heading: str | None = None
    grouped: bool = False


@dataclass(frozen=True)
class ListForm:
    label: str
    title: str
    tables: list[ListTable]
    figures: list[str]
    signatures: list[Signature]
    landscape: bool = False
    finish: Callable[[Any], None] | None = None  # a form's own last touch


def list_table(doc: Any, spec: ListTable) -> None:
    if spec.heading is not None:
        heading(doc, spec.heading)
    if spec.grouped:
        table = grouped_grid_table(doc, spec.widths, spec.columns, size=12)
    else:
        table = grid_table(doc, spec.widths, spec.columns, size=12)
    center = [CENTER] + [None] * (len(spec.widths) - 1)
    tag_row(table, f"{{%tr for r in {spec.rows} %}}")
    add_row(table, ["{{ loop.index }}", *spec.cells], align=center)
    tag_row(table, "{%tr endfor %}")
    if spec.total is not None:
        add_row(
            table,
            ["", R("Tổng cộng", bold=True), *[R(t, bold=True) for t in spec.total]],
            align=[CENTER] * len(spec.widths),
        )


def build_list_form(form: ListForm) -> Any:
    doc = new_document(landscape=form.landscape)
    header(doc, numbered=False)
    paragraph(doc, R(form.label, italic=True, size=13), align=CENTER, before=18)
    paragraph(doc, R(form.title, bold=True, size=14), align=CENTER, after=12)
    for index, table in enumerate(form.tables):
        if index:
            paragraph(doc, "", after=6)
        list_table(doc, table)
    if form.figures:
        paragraph(doc, "", after=0)
        for line in form.figures:
            paragraph(doc, line, align=JUSTIFY, after=PARAGRAPH_SPACING_PT)
    # The empty paragraph keeps Word and LibreOffice from joining the signatures'
    # layout table to a data table just above it (adjacent tables merge).
    paragraph(doc, "", after=6)
    width = LANDSCAPE_TEXT_WIDTH_MM if form.landscape else 165.0
    signatures_table(doc, form.signatures, width)
    if form.finish is not None:
        form.finish(doc)
    return doc


def enterprise_confirmations(doc: Any) -> None:
    """Mẫu 4.1's third signature block: one confirmation per enterprise, no single name."""
    cell = doc.tables[-1].rows[0].cells[2]
    for par in list(cell.paragraphs)[1:]:
        par._p.getparent().remove(par._p)
    tag(cell, "{%p for e in enterprises %}")
    paragraph(cell, "{{ e }}:", align=None, before=6, after=30)
    tag(cell, "{%p endfor %}")


LIST_FORMS: dict[str, ListForm] = {
    "mau-1.4": ListForm(
        label="Mẫu 1.4",
        title="Danh sách cán bộ, công chức có máy tính và được cấp hộp thư điện tử công vụ",
        tables=[
            ListTable(
                [12, 42, 42, 22, 96, 38],
                [
                    "STT",
                    "Họ tên",
                    "Chức vụ",
                    "Có máy tính làm việc",
                    "Hộp thư điện tử công vụ (ghi địa chỉ hộp thư)",
                    "Ghi chú",
                ],
                [
                    "{{ r.name }}",
                    "{{ r.position }}",
                    "{{ r.computer }}",
                    "{{ r.email }}",
                    "{{ r.note }}",
                ],
                total=["", "{{ computers }}", "{{ mailboxes }}", ""],
            )
        ],
        figures=[
            "- Tổng số CBCC của cơ quan: {{ total }} người.",
            "- Tỷ lệ CBCC có máy tính/tổng số CBCC: {{ computer_rate }}",
            "- Tỷ lệ CBCC được cấp hộp thư điện tử công vụ/tổng số CBCC: {{ mail_rate }}",
        ],
        signatures=[
            (
                [R("Người thống kê", bold=True), R("(Ký, ghi rõ họ tên)", italic=True)],
                COMPILER_NAME,
            ),
            COMMUNE,
        ],
        # Landscape: a government e-mail address (45 characters) fits its column on one line.
        landscape=True,
    ),
    "mau-2.5": ListForm(
        label="Mẫu 2.5",
        title="Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử",
        tables=[
            ListTable(
                [10, 42, 30, 20, 33, 30],
                [
                    "TT",
                    "Tên doanh nghiệp",
                    "Số điện thoại liên hệ",
                    ("Sử dụng hợp đồng điện tử", ["Có/Không", "Đơn vị cung cấp hợp đồng điện tử"]),
                    "Ghi chú",
                ],
                [
                    "{{ r.name }}",
                    "{{ r.phone }}",
                    "{{ r.uses }}",
                    "{{ r.provider }}",
                    "{{ r.note }}",
                ],
                grouped=True,
            )
        ],
        figures=[
            "Tổng số DNVVN: {{ total }}",
            "Tỷ lệ DNVVN sử dụng hợp đồng điện tử: {{ rate }} ({{ users }}/{{ total }})",
        ],
        signatures=[COMPILER, CHAIRMAN],
    ),
    "mau-2.6": ListForm(
        label="Mẫu 2.6",
        title="Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số",
        tables=[
            ListTable(
                [10, 44, 30, 47, 34],
                [
                    "TT",
                    "Tên doanh nghiệp",
                    "Số điện thoại liên hệ",
                    "Sử dụng nền tảng số",
                    "Ghi chú",
                ],
                ["{{ r.name }}", "{{ r.phone }}", "{{ r.platforms }}", "{{ r.note }}"],
            )
        ],
        figures=[
            "Tổng số DNVVN: {{ total }}",
            "Tỷ lệ DNVVN sử dụng nền tảng số: {{ rate }} ({{ users }}/{{ total }})",
        ],
        signatures=[COMPILER, CHAIRMAN],
    ),
    "mau-3.3": ListForm(
        label="Mẫu 3.3",
        title="Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần "
        "mềm an toàn thông tin mạng cơ bản",
        tables=[
            ListTable(
                [12, 48, 31, 26, 26, 24, 30, 55],
                [
                    "TT",
                    "Họ và tên",
                    "Số điện thoại liên hệ",
                    "Có điện thoại thông minh",
                    "Có cài đặt PM ATTT",
                    "Có chữ ký số",
                    "Có sử dụng dịch vụ công trực tuyến",
                    "Ghi chú",
                ],
                [
                    "{{ r.name }}",
                    "{{ r.phone }}",
                    "{{ r.smartphone }}",
                    "{{ r.security_app }}",
                    "{{ r.signature }}",
                    "{{ r.online }}",
                    "{{ r.note }}",
                ],
            )
        ],
        figures=[
            "Tổng dân số trưởng thành: {{ total }}",
            "Tỷ lệ dân số trưởng thành có điện thoại thông minh: {{ smartphone_rate }}",
            "Tỷ lệ thuê bao điện thoại thông minh được cài đặt phần mềm ATTT: {{ app_rate }}",
            "Tỷ lệ dân số trưởng thành có chữ ký số: {{ signature_rate }}",
            "Tỷ lệ dân số trưởng thành có sử dụng dịch vụ công trực tuyến: {{ online_rate }}",
        ],
        signatures=[COMPILER, CHAIRMAN],
        landscape=True,
    ),
    "mau-4.1": ListForm(
        label="Mẫu số 4.1",
        title="Hạ tầng mạng băng rộng cáp quang, mạng thông tin di động "
        "4G/5G sẵn sàng cung cấp dịch vụ đến các hộ gia đình.",
        tables=[
            ListTable(
                [12, 70, 55, 28],
                [
                    "TT",
                    "Địa chỉ lắp đặt",
                    "Mạng thông tin di động (ghi tên doanh nghiệp)",
                    "Ghi chú",
                ],
                ["{{ r.address }}", "{{ r.operator }}", "{{ r.note }}"],
                rows="boxes",
                total=["{{ box_total }}", ""],
                heading="1. Danh sách hộp cáp cung cấp dịch vụ Internet băng thông rộng",
            ),
            ListTable(
                [12, 55, 70, 28],
                [
                    "TT",
                    "Tên thôn/bản/khu phố",
                    "Hộp cáp cung cấp dịch vụ truy cập Internet băng rộng",
                    "Ghi chú",
                ],
                ["{{ r.village }}", "{{ r.description }}", "{{ r.note }}"],
                rows="stations",
                total=["{{ station_total }}", ""],
                heading="2. Danh sách các trạm thu, phát sóng thông tin di động",
            ),
        ],
        figures=[],
        signatures=[
            COMPILER,
            COMMUNE,
            ([R("Xác nhận của Doanh nghiệp", bold=True)], ""),
        ],
        finish=enterprise_confirmations,
    ),
    "mau-4.5": ListForm(
        label="Mẫu số 4.5",
        title="Danh sách các khu vực công cộng, điểm du lịch cộng đồng, "
        "... có wifi công cộng trên địa bàn xã",
        tables=[
            ListTable(
                [14, 75, 50, 26],
                ["STT", "Khu vực/tên điểm du lịch cộng đồng", "Địa chỉ (Số nhà/thôn)", "Ghi chú"],
                ["{{ r.place }}", "{{ r.address }}", "{{ r.note }}"],
                total=["{{ total }}", ""],
            )
        ],
        figures=["- Tổng số điểm công cộng có wifi: {{ total }}"],
        signatures=[
            (
                [R("Người thống kê", bold=True), R("(ký, ghi rõ họ tên)", italic=True)],
                COMPILER_NAME,
            ),
            ([R("Xác nhận của UBND xã", bold=True)], "{{ chairman }}"),
        ],
    ),
}

for _form_id, _form in LIST_FORMS.items():
    builder(_form_id)(partial(build_list_form, _form))
