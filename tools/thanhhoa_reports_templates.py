"""Scaffolds of the Thanh Hóa reports (seed 003): Mẫu 01–04 and their Phụ lục 01–03.

Registered into :data:`tools.build_templates.BUILDERS` on import; run them
through ``python -m tools.thanhhoa_templates``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tools.build_templates import builder, header, paragraph_loop, standard_closing
from tools.template_kit import (
    CENTER,
    CLOSING_WIDTHS_MM,
    JUSTIFY,
    PARAGRAPH_SPACING_PT,
    RECIPIENTS_LOOP,
    R,
    _drop_first_empty,
    add_row,
    body,
    borderless_table,
    grid_table,
    heading,
    keep_last_paragraph_with_next,
    new_document,
    paragraph,
    recipients_cell,
    signature_cell,
    tag,
    tag_row,
    title_block,
)
from tools.template_kit_sections import landscape_section

DECISION_1829 = (
    "Quyết định số 1829/QĐ-UBND ngày 30/5/2023 của Chủ tịch UBND tỉnh về việc ban hành các "
    "tiêu chí chuyển đổi số cấp xã đến năm 2025 trên địa bàn tỉnh Thanh Hóa"
)


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


# --------------------------------------------------------------------------- Phụ lục 01–03


@dataclass(frozen=True)
class Appendix:
    """A Phụ lục: its label and title, and the result columns between Chỉ tiêu and Đánh giá."""

    label: str
    title: str
    attached: str
    widths: list[float]
    results: list[tuple[str, str]]  # (column title, field of ``c``)
    groups: str = "appendix_groups"


def appendix(doc: Any, spec: Appendix) -> None:
    """A landscape section with the appendix title and its table: group heading rows (bold)
    with their criteria rows, every criterion of the catalog."""
    landscape_section(doc)
    paragraph(doc, R(spec.label, bold=True, size=14), align=CENTER)
    paragraph(doc, R(spec.title, bold=True, size=14), align=CENTER)
    paragraph(doc, R(f"({spec.attached})", italic=True, size=13), align=CENTER, after=12)
    fields = ["id", "name", "unit", "target", *(f for _, f in spec.results)]
    fields += ["status", "evidence", "note"]
    titles = ["TT", "Tên chỉ tiêu", "Đơn vị tính", "Chỉ tiêu", *(t for t, _ in spec.results)]
    titles += ["Đánh giá (Đạt/Không đạt)", "Tài liệu minh chứng", "Ghi chú"]
    left = ("name", "evidence", "note", "before", "after")
    table = grid_table(doc, spec.widths, titles, size=APPENDIX_SIZE)
    tag_row(table, f"{{%tr for g in {spec.groups} %}}")
    add_row(
        table,
        [R("{{ g.id }}", bold=True), R("{{ g.name }}", bold=True)] + [""] * (len(fields) - 2),
        align=[CENTER] + [None] * (len(fields) - 1),
        size=APPENDIX_SIZE,
        keep_with_next=True,
    )
    tag_row(table, "{%tr for c in g.rows %}")
    add_row(
        table,
        [f"{{{{ c.{f} }}}}" for f in fields],
        align=[None if f in left else CENTER for f in fields],
        size=APPENDIX_SIZE,
    )
    tag_row(table, "{%tr endfor %}")
    tag_row(table, "{%tr endfor %}")


APPENDIX_SIZE = 11
"""Points: nine columns on 252 mm; at 12 pt a cited decree (42/2022/NĐ-CP, 27.8 mm) did
not fit a result column."""

# Landscape text width 252 mm. "Không đạt" needs 21 mm at 12 pt with the cells' margins,
# a document number (12/QĐ-UBND) 29 mm; a "Ghi chú" narrower than ~30 mm prints a word a line.
P01_WIDTHS = [12.0, 66.0, 18.0, 24.0, 28.0, 26.0, 44.0, 34.0]
P02_WIDTHS = [12.0, 48.0, 17.0, 20.0, 31.0, 31.0, 25.0, 36.0, 32.0]
P03_WIDTHS = P02_WIDTHS

PHU_LUC_01 = Appendix(
    label="PHỤ LỤC 01",
    title="CHI TIẾT TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ",
    attached="{{ appendix.attached }}",
    widths=P01_WIDTHS,
    results=[("Kết quả", "result")],
    groups="appendix.groups",
)
PHU_LUC_02 = Appendix(
    label="PHỤ LỤC 02",
    title="KẾT QUẢ THẨM ĐỊNH CHI TIẾT THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO {{ commune_upper }}",
    attached="{{ attached }}",
    widths=P02_WIDTHS,
    results=[
        ("Kết quả tự đánh giá của UBND cấp xã", "before"),
        ("Kết quả thẩm định của UBND cấp huyện", "after"),
    ],
)
PHU_LUC_03 = Appendix(
    label="PHỤ LỤC 03",
    title="KẾT QUẢ THẨM TRA CÁC TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO {{ commune_upper }}",
    attached="{{ attached }}",
    widths=P03_WIDTHS,
    results=[
        ("Kết quả thẩm định của UBND cấp huyện", "before"),
        ("Kết quả thẩm tra của Sở TTTT", "after"),
    ],
)


# --------------------------------------------------------------------------- Mẫu 02–04 parts


def review_sections(doc: Any) -> None:
    """Sections I–II of Mẫu 02–04: the dossier, then per group the computed counts,
    comments and remarks."""
    heading(doc, "I. Về hồ sơ, tài liệu minh chứng")
    paragraph_loop(doc, "dossier")
    heading(doc, "II. Về kết quả thực hiện các tiêu chí chuyển đổi số")
    tag(doc, "{%p for g in groups %}")
    heading(doc, "{{ g.id }}. {{ g.review_name }}")
    body(doc, "- Chỉ tiêu đạt: {{ g.met }}")
    body(doc, "- Chỉ tiêu đang triển khai: {{ g.in_progress }}")
    body(doc, "- Chỉ tiêu không hoàn thành: {{ g.not_met }}")
    paragraph_loop(doc, "g.more", "line", "- {{ line }}")  # chờ thẩm định, không áp dụng
    paragraph_loop(doc, "g.comments", "c", "- {{ c }}")
    paragraph_loop(doc, "g.remarks", "r")
    tag(doc, "{%p endfor %}")


def review_tail(doc: Any, basis: str, subject: str = "") -> None:
    """Sections III–V of Mẫu 02–04: models, conclusion (computed), recommendations."""
    heading(doc, "III. Mô hình nổi trội về chuyển đổi số")
    paragraph_loop(doc, "practices")
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
    paragraph_loop(doc, "recommendations")
    tag(doc, "{%p endif %}")


def review_report(doc: Any, verb: str, opening: str, annex: int, appendix_spec: Appendix) -> None:
    """Mẫu 02 (thẩm định) and Mẫu 04 (thẩm tra): title, opening, sections I–V, closing, annex."""
    title_block(
        doc,
        "BÁO CÁO",
        f"Về việc {verb} hồ sơ đề nghị xét, công nhận {{{{ commune }}}} "
        "hoàn thành các tiêu chí chuyển đổi số cho năm {{ year }}",
    )
    body(doc, f"Thực hiện {DECISION_1829}; {opening}")
    review_sections(doc)
    body(doc, R(f"(Kết quả {verb} chi tiết theo Phụ lục số 0{annex})", italic=True))
    review_tail(doc, verb)
    standard_closing(doc)
    appendix(doc, appendix_spec)


# --------------------------------------------------------------------------- Mẫu 01


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
    paragraph_loop(doc, "leadership")
    heading(doc, "2. Công tác thông tin, tuyên truyền")
    paragraph_loop(doc, "communication")
    heading(doc, "3. Công tác ban hành các cơ chế, chính sách, văn bản, quy định")
    paragraph_loop(doc, "policies")
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
    paragraph_loop(doc, "c.figures", "f")
    tag(doc, "{%p if c.evidence %}")
    body(doc, R("({{ c.id }}. Tài liệu minh chứng kèm theo)", italic=True))
    paragraph_loop(doc, "c.evidence", "e", "- {{ e }}")
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
    paragraph_loop(doc, "advantages")
    subheading(doc, "1.2. Khó khăn, tồn tại")
    paragraph_loop(doc, "difficulties")
    subheading(doc, "1.3. Nguyên nhân")
    paragraph_loop(doc, "causes")
    tag(doc, "{%p if practices %}")
    heading(doc, "2. Một số mô hình chuyển đổi số nổi bật")
    tag(doc, "{%p for m in practices %}")
    subheading(doc, "2.{{ loop.index }}. Tên mô hình {{ loop.index }}: {{ m.name }}")
    body(doc, "- Mô tả: {{ m.description }}")
    body(doc, "- Nhận xét (tính hiệu quả): {{ m.effectiveness }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    heading(doc, "IV. NHIỆM VỤ, GIẢI PHÁP TIẾP THEO")
    paragraph_loop(doc, "tasks")
    tag(doc, "{%p if recommendations %}")
    heading(doc, "V. KIẾN NGHỊ, ĐỀ XUẤT")
    paragraph_loop(doc, "recommendations")
    tag(doc, "{%p endif %}")
    standard_closing(doc)
    appendix(doc, PHU_LUC_01)
    return doc


# --------------------------------------------------------------------------- Mẫu 02


@builder("mau-02")
def build_mau_02() -> Any:
    doc = new_document()
    header(doc)
    review_report(
        doc,
        "thẩm định",
        "UBND {{ agency_local }} báo cáo kết quả thẩm định như sau:",
        2,
        PHU_LUC_02,
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
    review_sections(doc)
    review_tail(doc, "kiểm tra", subject="đơn vị ")
    member_closing(doc)
    return doc


MEMBER = [
    R("THÀNH VIÊN", bold=True, size=14),
    R("BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH", bold=True, size=14),
    R("(Ký tên, đóng dấu)", italic=True, size=14),
]


def member_closing(doc: Any) -> None:
    """Nơi nhận and the member's signature: THÀNH VIÊN / BAN CHỈ ĐẠO ... / (Ký tên, đóng dấu)."""
    keep_last_paragraph_with_next(doc)
    table = borderless_table(doc, CLOSING_WIDTHS_MM)
    left, right = table.rows[0].cells
    recipients_cell(left, RECIPIENTS_LOOP)
    signature_cell(right, MEMBER, "{{ signer_name }}", first_before=6)
    _drop_first_empty(left)


# --------------------------------------------------------------------------- Mẫu 04


@builder("mau-04")
def build_mau_04() -> Any:
    doc = new_document()
    header(doc)
    review_report(
        doc,
        "thẩm tra",
        "Sở Thông tin và Truyền thông báo cáo kết quả thẩm tra về hồ sơ và kết quả thực "
        "hiện các tiêu chí chuyển đổi số của {{ commune_with_district }} như sau:",
        3,
        PHU_LUC_03,
    )
    return doc
