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
from tools.template_kit_sections import landscape_section

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
    paragraph(doc, R(text, bold=True, italic=True), align=JUSTIFY, indent=True,
              after=PARAGRAPH_SPACING_PT, keep_with_next=True)


def header(doc: Any) -> None:
    header_block(doc, parent="{{ header.parent }}", agency="{{ header.agency }}",
                 number="{{ header.number_line }}", date_line="{{ header.date_line }}")


def appendix_title(doc: Any, label: str, title: str, attached: str) -> None:
    paragraph(doc, R(label, bold=True, size=14), align=CENTER)
    paragraph(doc, R(title, bold=True, size=14), align=CENTER)
    paragraph(doc, R(f"({attached})", italic=True, size=13), align=CENTER, after=12)


def appendix_table(doc: Any, widths: list[float], titles: list[str], cells: list[str],
                   groups: str) -> None:
    """Group heading rows (bold) with their criteria rows, every criterion of the catalog."""
    table = grid_table(doc, widths, titles, size=12)
    tag_row(table, f"{{%tr for g in {groups} %}}")
    add_row(table, [R("{{ g.id }}", bold=True), R("{{ g.name }}", bold=True)]
            + [""] * (len(widths) - 2), align=[CENTER] + [None] * (len(widths) - 1))
    tag_row(table, "{%tr for c in g.rows %}")
    add_row(table, cells, align=[CENTER, None, CENTER, CENTER, CENTER, CENTER]
            + [None] * (len(widths) - 6))
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


def review_tail(doc: Any, basis: str, verdict_bold: bool = True) -> None:
    """Sections III–V of Mẫu 02–04: models, conclusion (computed), recommendations."""
    heading(doc, "III. Mô hình nổi trội về chuyển đổi số")
    loop(doc, "practices")
    heading(doc, "IV. Kết luận")
    body(doc, f"Căn cứ kết quả {basis}: {{{{ commune_with_district }}}} đã hoàn thành "
         "{{ conclusion.fraction }} Tiêu chí chuyển đổi số cấp xã năm {{ year }}, tỷ lệ đạt "
         "{{ conclusion.rate }}.")
    body(doc, "Kết quả: ", R("{{ conclusion.label }}", bold=verdict_bold))
    tag(doc, "{%p if recommendations %}")
    heading(doc, "V. Đề xuất, kiến nghị")
    loop(doc, "recommendations")
    tag(doc, "{%p endif %}")


# --------------------------------------------------------------------------- Mẫu 01

P01_WIDTHS = [12.0, 74.0, 20.0, 24.0, 30.0, 28.0, 42.0, 22.0]


@builder("mau-01")
def build_mau_01() -> Any:
    doc = new_document()
    header(doc)
    title_block(doc, "BÁO CÁO", "Kết quả thực hiện các tiêu chí chuyển đổi số trên địa bàn "
                "{{ commune_with_district }}")
    body(doc, "Thực hiện Quyết định số 969/QĐ-UBND ngày 18/3/2022 của Chủ tịch UBND tỉnh về việc "
         "giao chỉ tiêu hoàn thành chuyển đổi số cấp huyện, cấp xã trên địa bàn tỉnh Thanh Hóa, "
         f"giai đoạn 2022 - 2025; {DECISION_1829};{{% if district_documents %}} "
         "{{ district_documents }};{% endif %} UBND {{ commune }} báo cáo kết quả thực hiện, cụ "
         "thể như sau:")
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
    body(doc, R("(Kết quả đánh giá cụ thể các tiêu chí chuyển đổi số như phụ lục 01 kèm theo)",
                italic=True))
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
    appendix_title(doc, "PHỤ LỤC 01",
                   "CHI TIẾT TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ",
                   "{{ appendix.attached }}")
    appendix_table(
        doc, P01_WIDTHS,
        ["TT", "Tên chỉ tiêu", "Đơn vị tính", "Chỉ tiêu", "Kết quả", "Đánh giá (Đạt/Không đạt)",
         "Tài liệu minh chứng", "Ghi chú"],
        ["{{ c.id }}", "{{ c.name }}", "{{ c.unit }}", "{{ c.target }}", "{{ c.result }}",
         "{{ c.status }}", "{{ c.evidence }}", "{{ c.note }}"],
        "appendix.groups",
    )
    return doc


# --------------------------------------------------------------------------- Mẫu 02

P02_WIDTHS = [11.0, 62.0, 18.0, 22.0, 28.0, 32.0, 26.0, 33.0, 20.0]


@builder("mau-02")
def build_mau_02() -> Any:
    doc = new_document()
    header(doc)
    title_block(doc, "BÁO CÁO", "Về việc thẩm định hồ sơ đề nghị xét, công nhận {{ commune }} "
                "hoàn thành các tiêu chí chuyển đổi số cho năm {{ year }}")
    body(doc, f"Thực hiện {DECISION_1829}; UBND {{{{ agency_local }}}} báo cáo kết quả thẩm định "
         "như sau:")
    heading(doc, "I. Về hồ sơ, tài liệu minh chứng")
    loop(doc, "dossier")
    heading(doc, "II. Về kết quả thực hiện các tiêu chí chuyển đổi số")
    review_groups(doc)
    body(doc, R("(Kết quả thẩm định chi tiết theo Phụ lục số 02)", italic=True))
    review_tail(doc, "thẩm định")
    standard_closing(doc)
    landscape_section(doc)
    appendix_title(doc, "PHỤ LỤC 02",
                   "KẾT QUẢ THẨM ĐỊNH CHI TIẾT THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO "
                   "{{ commune_upper }}", "{{ attached }}")
    appendix_table(
        doc, P02_WIDTHS,
        ["TT", "Tên chỉ tiêu", "Đơn vị tính", "Chỉ tiêu", "Kết quả tự đánh giá của UBND cấp xã",
         "Kết quả thẩm định của UBND cấp huyện", "Đánh giá (Đạt/Không đạt)",
         "Tài liệu minh chứng", "Ghi chú"],
        ["{{ c.id }}", "{{ c.name }}", "{{ c.unit }}", "{{ c.target }}", "{{ c.before }}",
         "{{ c.after }}", "{{ c.status }}", "{{ c.evidence }}", "{{ c.note }}"],
        "appendix_groups",
    )
    return doc


# --------------------------------------------------------------------------- Mẫu 03


@builder("mau-03")
def build_mau_03() -> Any:
    doc = new_document()
    header(doc)
    left = doc.tables[-1].rows[0].cells[0]
    paragraph(left, R("V/v ý kiến về hồ sơ và kết quả thực hiện các tiêu chí chuyển đổi số của "
                      "đơn vị {{ commune_with_district }}.", size=12), align=CENTER, before=4)
    paragraph(doc, "", after=6)
    paragraph(doc, "Kính gửi: UBND {{ district }}", align=CENTER, before=12, after=12)
    body(doc, f"Thực hiện {DECISION_1829}; Thành viên Ban chỉ đạo chuyển đổi số tỉnh ý kiến về "
         "hồ sơ và kết quả thực hiện các tiêu chí chuyển đổi số của {{ commune_with_district }} "
         "như sau:")
    heading(doc, "I. Về hồ sơ, tài liệu minh chứng")
    loop(doc, "dossier")
    heading(doc, "II. Về kết quả thực hiện các tiêu chí chuyển đổi số")
    review_groups(doc)
    review_tail(doc, "kiểm tra")
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

P03_WIDTHS = [12.0, 74.0, 20.0, 24.0, 36.0, 36.0, 28.0, 22.0]


@builder("mau-04")
def build_mau_04() -> Any:
    doc = new_document()
    header(doc)
    title_block(doc, "BÁO CÁO", "Về việc thẩm tra hồ sơ đề nghị xét, công nhận {{ commune }} "
                "hoàn thành các tiêu chí chuyển đổi số cho năm {{ year }}")
    body(doc, f"Thực hiện {DECISION_1829}; Sở Thông tin và Truyền thông báo cáo kết quả thẩm tra "
         "về hồ sơ và kết quả thực hiện các tiêu chí chuyển đổi số của "
         "{{ commune_with_district }} như sau:")
    heading(doc, "I. Về hồ sơ, tài liệu minh chứng")
    loop(doc, "dossier")
    heading(doc, "II. Về kết quả thực hiện các tiêu chí chuyển đổi số")
    review_groups(doc)
    body(doc, R("(Kết quả thẩm tra chi tiết theo Phụ lục số 03)", italic=True))
    review_tail(doc, "thẩm tra")
    standard_closing(doc)
    landscape_section(doc)
    appendix_title(doc, "PHỤ LỤC 03",
                   "KẾT QUẢ THẨM TRA CÁC TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO {{ commune_upper }}",
                   "{{ attached }}")
    appendix_table(
        doc, P03_WIDTHS,
        ["TT", "Tên chỉ tiêu", "Đơn vị tính", "Chỉ tiêu", "Kết quả thẩm định của UBND cấp huyện",
         "Kết quả thẩm tra của Sở TTTT", "Đánh giá (Đạt/Không đạt)", "Ghi chú"],
        ["{{ c.id }}", "{{ c.name }}", "{{ c.unit }}", "{{ c.target }}", "{{ c.before }}",
         "{{ c.after }}", "{{ c.status }}", "{{ c.note }}"],
        "appendix_groups",
    )
    return doc


THANHHOA_IDS = ["mau-01", "mau-02", "mau-03", "mau-04", "mau-1.4", "mau-2.5", "mau-2.6",
                "mau-3.3", "mau-4.1", "mau-4.5"]


def build(argv: list[str]) -> int:
    """``--all`` means the Thanh Hóa forms only: never overwrite another family's templates."""
    return main([i for i in THANHHOA_IDS if i in BUILDERS] if argv == ["--all"] else argv)


if __name__ == "__main__":
    raise SystemExit(build(sys.argv[1:]))
