"""Scaffolds of the Thanh Hóa templates (seed 003): Mẫu 01–04 with Phụ lục 01–03, list forms.

Run ``.venv/bin/python -m tools.thanhhoa_templates mau-01 ...`` (or ``--all``);
the builders register into :data:`tools.build_templates.BUILDERS`, so the same
``main`` writes them. Fixed sentences are the seed's, word for word, except the
seed's evident slips listed in ``templates/README.md`` (section Thanh Hóa).
"""

from __future__ import annotations

import sys
from typing import Any

from tools.build_templates import BUILDERS, builder, main, standard_closing
from tools.template_kit import (
    CENTER,
    CLOSING_WIDTHS_MM,
    JUSTIFY,
    PARAGRAPH_SPACING_PT,
    R,
    _drop_first_empty,
    add_row,
    body,
    borderless_table,
    grid_table,
    header_block,
    heading,
    new_document,
    paragraph,
    tag,
    tag_row,
    title_block,
)
from tools.template_kit_sections import (
    LANDSCAPE_TEXT_WIDTH_MM,
    grouped_grid_table,
    landscape_section,
)

DECISION_1829 = (
    "Quyết định số 1829/QĐ-UBND ngày 30/5/2023 của Chủ tịch UBND tỉnh về việc ban hành các "
    "tiêu chí chuyển đổi số cấp xã đến năm 2025 trên địa bàn tỉnh Thanh Hóa"
)


def loop(doc: Any, items: str, line: str = "{{ p }}", var: str = "p") -> None:
    """One body paragraph per item of a list of paragraphs."""
    tag(doc, f"{{%p for {var} in {items} %}}")
    body(doc, line)
    tag(doc, "{%p endfor %}")


def subheading(doc: Any, text: str) -> None:
    """A numbered sub-heading (``1.1. Thuận lợi``): bold italic, as the seed's second level."""
    paragraph(
        doc,
        R(text, bold=True, italic=True),
        align=JUSTIFY,
        indent=True,
        after=PARAGRAPH_SPACING_PT,
        keep_with_next=True,
    )


def header(doc: Any) -> None:
    header_block(
        doc,
        parent="{{ header.parent }}",
        agency="{{ header.agency }}",
        number="{{ header.number_line }}",
        date_line="{{ header.date_line }}",
    )


def appendix_title(doc: Any, label: str, title: str, attached: str) -> None:
    paragraph(doc, R(label, bold=True, size=14), align=CENTER)
    paragraph(doc, R(title, bold=True, size=14), align=CENTER)
    paragraph(doc, R(f"({attached})", italic=True, size=13), align=CENTER, after=12)


def appendix_table(
    doc: Any, widths: list[float], titles: list[str], cells: list[str], groups: str
) -> None:
    """Group heading rows (bold) with their criteria rows, every criterion of the catalog."""
    table = grid_table(doc, widths, titles, size=12)
    tag_row(table, f"{{%tr for g in {groups} %}}")
    add_row(
        table,
        [R("{{ g.id }}", bold=True), R("{{ g.name }}", bold=True)] + [""] * (len(widths) - 2),
        align=[CENTER] + [None] * (len(widths) - 1),
    )
    tag_row(table, "{%tr for c in g.rows %}")
    left = ("c.name", "c.evidence", "c.note", "c.before", "c.after")
    add_row(table, cells, align=[None if any(k in c for k in left) else CENTER for c in cells])
    tag_row(table, "{%tr endfor %}")
    tag_row(table, "{%tr endfor %}")


def review_groups(doc: Any) -> None:
    """Section II of Mẫu 02–04: per group the computed counts, comments and remarks."""
    tag(doc, "{%p for g in groups %}")
    heading(doc, "{{ g.id }}. {{ g.review_name }}")
    body(doc, "- Chỉ tiêu đạt: {{ g.met }}")
    body(doc, "- Chỉ tiêu đang triển khai: {{ g.in_progress }}")
    body(doc, "- Chỉ tiêu không hoàn thành: {{ g.not_met }}")
    loop(doc, "g.comments", "- {{ c }}", "c")
    loop(doc, "g.remarks", "{{ r }}", "r")
    tag(doc, "{%p endfor %}")


def review_tail(doc: Any, basis: str, subject: str = "") -> None:
    """Sections III–V of Mẫu 02–04: models, conclusion (computed), recommendations."""
    heading(doc, "III. Mô hình nổi trội về chuyển đổi số")
    loop(doc, "practices")
    heading(doc, "IV. Kết luận")
    body(
        doc,
        f"Căn cứ kết quả {basis}: {subject}{{{{ commune_with_district }}}} đã hoàn thành "
        "{{ conclusion.fraction }} Tiêu chí chuyển đổi số cấp xã năm {{ year }}, tỷ lệ đạt "
        "{{ conclusion.rate }}.",
    )
    body(doc, "Kết quả: ", R("{{ conclusion.label }}", bold=True))
    tag(doc, "{%p if recommendations %}")
    heading(doc, "V. Đề xuất, kiến nghị")
    loop(doc, "recommendations")
    tag(doc, "{%p endif %}")


# --------------------------------------------------------------------------- Mẫu 01

P01_WIDTHS = [13.0, 73.0, 20.0, 24.0, 30.0, 28.0, 42.0, 22.0]


@builder("mau-01")
def build_mau_01() -> Any:
    doc = new_document()
    header(doc)
    title_block(
        doc,
        "BÁO CÁO",
        "Kết quả thực hiện các tiêu chí chuyển đổi số trên địa bàn {{ commune_with_district }}",
    )
    body(
        doc,
        "Thực hiện Quyết định số 969/QĐ-UBND ngày 18/3/2022 của Chủ tịch UBND tỉnh về việc "
        "giao chỉ tiêu hoàn thành chuyển đổi số cấp huyện, cấp xã trên địa bàn tỉnh Thanh Hóa, "
        f"giai đoạn 2022 - 2025; {DECISION_1829};{{% if district_documents %}} "
        "{{ district_documents }};{% endif %} UBND {{ commune }} báo cáo kết quả thực hiện, cụ "
        "thể như sau:",
    )
    heading(doc, "I. CÔNG TÁC TỔ CHỨC TRIỂN KHAI THỰC HIỆN")
    heading(doc, "1. Công tác lãnh đạo, chỉ đạo tổ chức triển khai thực hiện")
    loop(doc, "leadership")
    heading(doc, "2. Công tác thông tin, tuyên truyền")
    loop(doc, "communication")
    heading(doc, "3. Công tác ban hành các cơ chế, chính sách, văn bản, quy định")
    loop(doc, "policies")
    heading(doc, "II. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ")
    tag(doc, "{%p for g in groups %}")
    heading(doc, "{{ g.id }}. {{ g.name }}")
    body(doc, "- Chỉ tiêu đạt: {{ g.met }}")
    body(doc, "- Chỉ tiêu đang triển khai: {{ g.in_progress }}")
    body(doc, "- Chỉ tiêu không hoàn thành: {{ g.not_met }}")
    body(doc, "Cụ thể, kết quả đạt như sau:")
    tag(doc, "{%p for c in g.criteria %}")
    subheading(doc, "{{ c.id }}. Tiêu chí số {{ c.id }}")
    body(doc, "a) Yêu cầu tiêu chí: {{ c.requirement }}")
    body(doc, "b) Kết quả: {{ c.result }}")
    loop(doc, "c.figures", "{{ f }}", "f")
    tag(doc, "{%p if c.evidence %}")
    body(doc, R("({{ c.id }}. Tài liệu minh chứng kèm theo)", italic=True))
    loop(doc, "c.evidence", "- {{ e }}", "e")
    tag(doc, "{%p endif %}")
    body(doc, "c) Đánh giá: {{ c.status }}.")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    body(
        doc,
        R(
            "(Kết quả đánh giá cụ thể các tiêu chí chuyển đổi số như phụ lục 01 kèm theo)",
            italic=True,
        ),
    )
    heading(doc, "III. ĐÁNH GIÁ CHUNG")
    heading(doc, "1. Đánh giá chung")
    subheading(doc, "1.1. Thuận lợi")
    loop(doc, "advantages")
    subheading(doc, "1.2. Khó khăn, tồn tại")
    loop(doc, "difficulties")
    subheading(doc, "1.3. Nguyên nhân")
    loop(doc, "causes")
    tag(doc, "{%p if practices %}")
    heading(doc, "2. Một số mô hình chuyển đổi số nổi bật")
    tag(doc, "{%p for m in practices %}")
    subheading(doc, "2.{{ loop.index }}. Tên mô hình {{ loop.index }}: {{ m.name }}")
    body(doc, "- Mô tả: {{ m.description }}")
    body(doc, "- Nhận xét (tính hiệu quả): {{ m.effectiveness }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    heading(doc, "IV. NHIỆM VỤ, GIẢI PHÁP TIẾP THEO")
    loop(doc, "tasks")
    tag(doc, "{%p if recommendations %}")
    heading(doc, "V. KIẾN NGHỊ, ĐỀ XUẤT")
    loop(doc, "recommendations")
    tag(doc, "{%p endif %}")
    standard_closing(doc)
    landscape_section(doc)
    appendix_title(
        doc,
        "PHỤ LỤC 01",
        "CHI TIẾT TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ",
        "{{ appendix.attached }}",
    )
    appendix_table(
        doc,
        P01_WIDTHS,
        [
            "TT",
            "Tên chỉ tiêu",
            "Đơn vị tính",
            "Chỉ tiêu",
            "Kết quả",
            "Đánh giá (Đạt/Không đạt)",
            "Tài liệu minh chứng",
            "Ghi chú",
        ],
        [
            "{{ c.id }}",
            "{{ c.name }}",
            "{{ c.unit }}",
            "{{ c.target }}",
            "{{ c.result }}",
            "{{ c.status }}",
            "{{ c.evidence }}",
            "{{ c.note }}",
        ],
        "appendix.groups",
    )
    return doc


# --------------------------------------------------------------------------- Mẫu 02

P02_WIDTHS = [13.0, 60.0, 18.0, 22.0, 28.0, 32.0, 26.0, 33.0, 20.0]


@builder("mau-02")
def build_mau_02() -> Any:
    doc = new_document()
    header(doc)
    title_block(
        doc,
        "BÁO CÁO",
        "Về việc thẩm định hồ sơ đề nghị xét, công nhận {{ commune }} "
        "hoàn thành các tiêu chí chuyển đổi số cho năm {{ year }}",
    )
    body(
        doc,
        f"Thực hiện {DECISION_1829}; UBND {{{{ agency_local }}}} báo cáo kết quả thẩm định "
        "như sau:",
    )
    heading(doc, "I. Về hồ sơ, tài liệu minh chứng")
    loop(doc, "dossier")
    heading(doc, "II. Về kết quả thực hiện các tiêu chí chuyển đổi số")
    review_groups(doc)
    body(doc, R("(Kết quả thẩm định chi tiết theo Phụ lục số 02)", italic=True))
    review_tail(doc, "thẩm định")
    standard_closing(doc)
    landscape_section(doc)
    appendix_title(
        doc,
        "PHỤ LỤC 02",
        "KẾT QUẢ THẨM ĐỊNH CHI TIẾT THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO {{ commune_upper }}",
        "{{ attached }}",
    )
    appendix_table(
        doc,
        P02_WIDTHS,
        [
            "TT",
            "Tên chỉ tiêu",
            "Đơn vị tính",
            "Chỉ tiêu",
            "Kết quả tự đánh giá của UBND cấp xã",
            "Kết quả thẩm định của UBND cấp huyện",
            "Đánh giá (Đạt/Không đạt)",
            "Tài liệu minh chứng",
            "Ghi chú",
        ],
        [
            "{{ c.id }}",
            "{{ c.name }}",
            "{{ c.unit }}",
            "{{ c.target }}",
            "{{ c.before }}",
            "{{ c.after }}",
            "{{ c.status }}",
            "{{ c.evidence }}",
            "{{ c.note }}",
        ],
        "appendix_groups",
    )
    return doc


# --------------------------------------------------------------------------- Mẫu 03


@builder("mau-03")
def build_mau_03() -> Any:
    doc = new_document()
    header(doc)
    left = doc.tables[-1].rows[0].cells[0]
    paragraph(
        left,
        R(
            "V/v ý kiến về hồ sơ và kết quả thực hiện các tiêu chí chuyển đổi số của "
            "đơn vị {{ commune_with_district }}.",
            size=12,
        ),
        align=CENTER,
        before=4,
    )
    paragraph(doc, "", after=6)
    paragraph(doc, "Kính gửi: UBND {{ district }}", align=CENTER, before=12, after=12)
    body(
        doc,
        f"Thực hiện {DECISION_1829}; Thành viên Ban chỉ đạo chuyển đổi số tỉnh ý kiến về "
        "hồ sơ và kết quả thực hiện các tiêu chí chuyển đổi số của {{ commune_with_district }} "
        "như sau:",
    )
    heading(doc, "I. Về hồ sơ, tài liệu minh chứng")
    loop(doc, "dossier")
    heading(doc, "II. Về kết quả thực hiện các tiêu chí chuyển đổi số")
    review_groups(doc)
    review_tail(doc, "kiểm tra", subject="đơn vị ")
    member_closing(doc)
    return doc


def member_closing(doc: Any) -> None:
    """Nơi nhận and the member's signature: THÀNH VIÊN / BAN CHỈ ĐẠO ... / (Ký tên, đóng dấu)."""
    table = borderless_table(doc, CLOSING_WIDTHS_MM)
    left, right = table.rows[0].cells
    tag(left, "{%p if recipients %}")
    paragraph(left, R("Nơi nhận:", bold=True, italic=True, size=12), before=6)
    tag(left, "{%p for line in recipients %}")
    paragraph(left, R("{{ line }}", size=11))
    tag(left, "{%p endfor %}")
    tag(left, "{%p endif %}")
    paragraph(right, R("THÀNH VIÊN", bold=True, size=14), align=CENTER, before=6)
    paragraph(right, R("BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH", bold=True, size=14), align=CENTER)
    paragraph(right, R("(Ký tên, đóng dấu)", italic=True, size=14), align=CENTER)
    for _ in range(4):
        paragraph(right, R("", size=14), align=CENTER)
    paragraph(right, R("{{ signer_name }}", bold=True, size=14), align=CENTER)
    _drop_first_empty(left)
    _drop_first_empty(right)


# --------------------------------------------------------------------------- Mẫu 04

P03_WIDTHS = P02_WIDTHS


@builder("mau-04")
def build_mau_04() -> Any:
    doc = new_document()
    header(doc)
    title_block(
        doc,
        "BÁO CÁO",
        "Về việc thẩm tra hồ sơ đề nghị xét, công nhận {{ commune }} "
        "hoàn thành các tiêu chí chuyển đổi số cho năm {{ year }}",
    )
    body(
        doc,
        f"Thực hiện {DECISION_1829}; Sở Thông tin và Truyền thông báo cáo kết quả thẩm tra "
        "về hồ sơ và kết quả thực hiện các tiêu chí chuyển đổi số của "
        "{{ commune_with_district }} như sau:",
    )
    heading(doc, "I. Về hồ sơ, tài liệu minh chứng")
    loop(doc, "dossier")
    heading(doc, "II. Về kết quả thực hiện các tiêu chí chuyển đổi số")
    review_groups(doc)
    body(doc, R("(Kết quả thẩm tra chi tiết theo Phụ lục số 03)", italic=True))
    review_tail(doc, "thẩm tra")
    standard_closing(doc)
    landscape_section(doc)
    appendix_title(
        doc,
        "PHỤ LỤC 03",
        "KẾT QUẢ THẨM TRA CÁC TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO {{ commune_upper }}",
        "{{ attached }}",
    )
    appendix_table(
        doc,
        P03_WIDTHS,
        [
            "TT",
            "Tên chỉ tiêu",
            "Đơn vị tính",
            "Chỉ tiêu",
            "Kết quả thẩm định của UBND cấp huyện",
            "Kết quả thẩm tra của Sở TTTT",
            "Đánh giá (Đạt/Không đạt)",
            "Tài liệu minh chứng",
            "Ghi chú",
        ],
        [
            "{{ c.id }}",
            "{{ c.name }}",
            "{{ c.unit }}",
            "{{ c.target }}",
            "{{ c.before }}",
            "{{ c.after }}",
            "{{ c.status }}",
            "{{ c.evidence }}",
            "{{ c.note }}",
        ],
        "appendix_groups",
    )
    return doc


# --------------------------------------------------------------------------- list forms

SIGN = "(Ký ghi rõ họ tên, đóng dấu)"
COMPILER = [
    R("Cán bộ tổng hợp", bold=True),
    R("(Ký ghi rõ họ tên, số điện thoại liên hệ)", italic=True),
]
CHAIRMAN = [R("CHỦ TỊCH", bold=True), R(SIGN, italic=True)]
COMMUNE = [R("Xác nhận của UBND xã", bold=True), R(SIGN, italic=True)]


def list_opening(doc: Any, label: str, title: str) -> None:
    """National header without a number, then the form's label and the seed's title."""
    header_block(
        doc,
        parent="{{ header.parent }}",
        agency="{{ header.agency }}",
        number=None,
        date_line="{{ header.date_line }}",
    )
    paragraph(doc, R(label, italic=True, size=13), align=CENTER, before=18)
    paragraph(doc, R(title, bold=True, size=14), align=CENTER, after=12)


def figures(doc: Any, *lines: str) -> None:
    paragraph(doc, "", after=0)
    for line in lines:
        paragraph(doc, line, align=JUSTIFY, after=PARAGRAPH_SPACING_PT)


def signatures(doc: Any, blocks: list[tuple[list[R], str]], width: float = 165.0) -> None:
    """Signature blocks side by side: title lines, room to sign, the name (bold).

    The empty paragraph first keeps Word and LibreOffice from joining this
    layout table to a data table just above it (adjacent tables merge).
    """
    paragraph(doc, "", after=6)
    table = borderless_table(doc, [width / len(blocks)] * len(blocks))
    for cell, (lines, name) in zip(table.rows[0].cells, blocks, strict=True):
        for index, line in enumerate(lines):
            paragraph(cell, line, align=CENTER, before=12 if index == 0 else 0)
        for _ in range(4):
            paragraph(cell, R("", size=14), align=CENTER)
        paragraph(cell, R(name, bold=True, size=14), align=CENTER)
        _drop_first_empty(cell)


def list_table(
    doc: Any,
    widths: list[float],
    titles: list[str] | None,
    cells: list[str],
    rows: str = "rows",
    total: list[str] | None = None,
    columns: Any = None,
) -> None:
    """A numbered list: one row per item (STT from the loop), an optional Tổng cộng row."""
    if columns is not None:
        table = grouped_grid_table(doc, widths, columns, size=12)
    else:
        assert titles is not None
        table = grid_table(doc, widths, titles, size=12)
    center = [CENTER] + [None] * (len(widths) - 1)
    tag_row(table, f"{{%tr for r in {rows} %}}")
    add_row(table, ["{{ loop.index }}", *cells], align=center)
    tag_row(table, "{%tr endfor %}")
    if total is not None:
        add_row(
            table,
            ["", R("Tổng cộng", bold=True), *[R(t, bold=True) for t in total]],
            align=[CENTER] * len(widths),
        )


@builder("mau-1.4")
def build_mau_1_4() -> Any:
    doc = new_document()
    list_opening(
        doc,
        "Mẫu 1.4",
        "Danh sách cán bộ, công chức có máy tính và được cấp hộp thư điện tử công vụ",
    )
    list_table(
        doc,
        [12, 42, 30, 22, 42, 17],
        [
            "STT",
            "Họ tên",
            "Chức vụ",
            "Có máy tính làm việc",
            "Hộp thư điện tử công vụ (ghi địa chỉ hộp thư)",
            "Ghi chú",
        ],
        ["{{ r.name }}", "{{ r.position }}", "{{ r.computer }}", "{{ r.email }}", "{{ r.note }}"],
        total=["", "{{ computers }}", "{{ mailboxes }}", ""],
    )
    figures(
        doc,
        "- Tổng số CBCC của cơ quan: {{ total }} người.",
        "- Tỷ lệ CBCC có máy tính/tổng số CBCC: {{ computer_rate }}",
        "- Tỷ lệ CBCC được cấp hộp thư điện tử công vụ/tổng số CBCC: {{ mail_rate }}",
    )
    signatures(
        doc,
        [
            (
                [R("Người thống kê", bold=True), R("(Ký, ghi rõ họ tên)", italic=True)],
                "{{ compiler }}\n{{ compiler_phone }}",
            ),
            (
                [
                    R("Xác nhận của UBND xã", bold=True),
                    R("(Ký ghi rõ họ tên, đóng dấu)", italic=True),
                ],
                "{{ chairman }}",
            ),
        ],
    )
    return doc


@builder("mau-2.5")
def build_mau_2_5() -> Any:
    doc = new_document()
    list_opening(doc, "Mẫu 2.5", "Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử")
    list_table(
        doc,
        [12, 50, 28, 20, 35, 20],
        None,
        ["{{ r.name }}", "{{ r.phone }}", "{{ r.uses }}", "{{ r.provider }}", "{{ r.note }}"],
        columns=[
            "TT",
            "Tên doanh nghiệp",
            "Số điện thoại liên hệ",
            ("Sử dụng hợp đồng điện tử", ["Có/Không", "Đơn vị cung cấp hợp đồng điện tử"]),
            "Ghi chú",
        ],
    )
    figures(
        doc,
        "Tổng số DNVVN: {{ total }}",
        "Tỷ lệ DNVVN sử dụng hợp đồng điện tử: {{ rate }} ({{ users }}/{{ total }})",
    )
    signatures(
        doc, [(COMPILER, "{{ compiler }}\n{{ compiler_phone }}"), (CHAIRMAN, "{{ chairman }}")]
    )
    return doc


@builder("mau-2.6")
def build_mau_2_6() -> Any:
    doc = new_document()
    list_opening(doc, "Mẫu 2.6", "Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số")
    list_table(
        doc,
        [12, 50, 28, 55, 20],
        ["TT", "Tên doanh nghiệp", "Số điện thoại liên hệ", "Sử dụng nền tảng số", "Ghi chú"],
        ["{{ r.name }}", "{{ r.phone }}", "{{ r.platforms }}", "{{ r.note }}"],
    )
    figures(
        doc,
        "Tổng số DNVVN: {{ total }}",
        "Tỷ lệ DNVVN sử dụng nền tảng số: {{ rate }} ({{ users }}/{{ total }})",
    )
    signatures(
        doc, [(COMPILER, "{{ compiler }}\n{{ compiler_phone }}"), (CHAIRMAN, "{{ chairman }}")]
    )
    return doc


@builder("mau-3.3")
def build_mau_3_3() -> Any:
    doc = new_document(landscape=True)
    list_opening(
        doc,
        "Mẫu 3.3",
        "Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần "
        "mềm an toàn thông tin mạng cơ bản",
    )
    list_table(
        doc,
        [12, 55, 32, 28, 28, 25, 35, 37],
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
    figures(
        doc,
        "Tổng dân số trưởng thành: {{ total }}",
        "Tỷ lệ dân số trưởng thành có điện thoại thông minh: {{ smartphone_rate }}",
        "Tỷ lệ thuê bao điện thoại thông minh được cài đặt phần mềm ATTT: {{ app_rate }}",
        "Tỷ lệ dân số trưởng thành có chữ ký số: {{ signature_rate }}",
        "Tỷ lệ dân số trưởng thành có sử dụng dịch vụ công trực tuyến: {{ online_rate }}",
    )
    signatures(
        doc,
        [(COMPILER, "{{ compiler }}\n{{ compiler_phone }}"), (CHAIRMAN, "{{ chairman }}")],
        width=LANDSCAPE_TEXT_WIDTH_MM,
    )
    return doc


@builder("mau-4.1")
def build_mau_4_1() -> Any:
    doc = new_document()
    list_opening(
        doc,
        "Mẫu số 4.1",
        "Hạ tầng mạng băng rộng cáp quang, mạng thông tin di động "
        "4G/5G sẵn sàng cung cấp dịch vụ đến các hộ gia đình.",
    )
    heading(doc, "1. Danh sách hộp cáp cung cấp dịch vụ Internet băng thông rộng")
    list_table(
        doc,
        [12, 70, 55, 28],
        ["TT", "Địa chỉ lắp đặt", "Mạng thông tin di động (ghi tên doanh nghiệp)", "Ghi chú"],
        ["{{ r.address }}", "{{ r.operator }}", "{{ r.note }}"],
        rows="boxes",
        total=["{{ box_total }}", ""],
    )
    paragraph(doc, "", after=6)
    heading(doc, "2. Danh sách các trạm thu, phát sóng thông tin di động")
    list_table(
        doc,
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
    )
    enterprise = [R("Xác nhận của Doanh nghiệp", bold=True)]
    signatures(
        doc,
        [
            (COMPILER, "{{ compiler }}\n{{ compiler_phone }}"),
            (COMMUNE, "{{ chairman }}"),
            (enterprise, ""),
        ],
    )
    cell = doc.tables[-1].rows[0].cells[2]
    for par in list(cell.paragraphs)[1:]:
        par._p.getparent().remove(par._p)
    tag(cell, "{%p for e in enterprises %}")
    paragraph(cell, "{{ e }}:", align=None, before=6, after=30)
    tag(cell, "{%p endfor %}")
    return doc


@builder("mau-4.5")
def build_mau_4_5() -> Any:
    doc = new_document()
    list_opening(
        doc,
        "Mẫu số 4.5",
        "Danh sách các khu vực công cộng, điểm du lịch cộng đồng, "
        "... có wifi công cộng trên địa bàn xã",
    )
    list_table(
        doc,
        [14, 75, 50, 26],
        ["STT", "Khu vực/tên điểm du lịch cộng đồng", "Địa chỉ (Số nhà/thôn)", "Ghi chú"],
        ["{{ r.place }}", "{{ r.address }}", "{{ r.note }}"],
        total=["{{ total }}", ""],
    )
    figures(doc, "- Tổng số điểm công cộng có wifi: {{ total }}")
    signatures(
        doc,
        [
            (
                [R("Người thống kê", bold=True), R("(ký, ghi rõ họ tên)", italic=True)],
                "{{ compiler }}\n{{ compiler_phone }}",
            ),
            ([R("Xác nhận của UBND xã", bold=True)], "{{ chairman }}"),
        ],
    )
    return doc


THANHHOA_IDS = [
    "mau-01",
    "mau-02",
    "mau-03",
    "mau-04",
    "mau-1.4",
    "mau-2.5",
    "mau-2.6",
    "mau-3.3",
    "mau-4.1",
    "mau-4.5",
]


def build(argv: list[str]) -> int:
    """``--all`` means the Thanh Hóa forms only: never overwrite another family's templates."""
    return main([i for i in THANHHOA_IDS if i in BUILDERS] if argv == ["--all"] else argv)


if __name__ == "__main__":
    raise SystemExit(build(sys.argv[1:]))
