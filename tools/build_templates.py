"""Scaffold the .docx templates under ``templates/`` with the template kit.

Run ``python -m tools.build_templates [ID ...]`` to (re)create templates. The
committed .docx files are the source of truth — an official may have edited
them in Word since — so this overwrites only the ids named, or every id with
``--all``. Each ``build_<form>`` function is the written record of how its
template was laid out.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.template_kit import (
    CENTER,
    LEFT,
    RECIPIENTS_LOOP,
    RIGHT,
    R,
    add_row,
    body,
    closing_block,
    grid_table,
    header_block,
    heading,
    multi_header_table,
    new_document,
    paragraph,
    save_slim,
    tag,
    tag_row,
    title_block,
    two_signatures,
)

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

BUILDERS: dict[str, Callable[[], Any]] = {}


def builder(form_id: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    def wrap(func: Callable[[], Any]) -> Callable[[], Any]:
        BUILDERS[form_id] = func
        return func

    return wrap


def standard_closing(doc: Any) -> None:
    closing_block(
        doc,
        recipients_loop=RECIPIENTS_LOOP,
        signer=[
            "{%p if signer.authority %}",
            "{{ signer.authority }}",
            "{%p endif %}",
            "{{ signer.title }}",
        ],
        signer_name="{{ signer.name }}",
    )


def header(doc: Any, *, numbered: bool = True) -> None:
    """The header block filled from the context's ``header`` (``docgen.forms._common``).

    ``numbered=False`` leaves the ``Số`` line out (a biên bản, a list form).
    """
    header_block(
        doc,
        parent="{{ header.parent }}",
        agency="{{ header.agency }}",
        number="{{ header.number_line }}" if numbered else None,
        date_line="{{ header.date_line }}",
    )


def paragraph_loop(doc: Any, items: str, var: str = "p", line: str | None = None) -> None:
    """One body paragraph per item of ``items`` (``{%p for %}`` leaves none when empty).

    ``line`` is the paragraph's text, by default the item itself (``{{ p }}``).
    """
    tag(doc, f"{{%p for {var} in {items} %}}")
    body(doc, f"{{{{ {var} }}}}" if line is None else line)
    tag(doc, "{%p endfor %}")


@builder("bieu-01")
def build_bieu_01() -> Any:
    doc = new_document()
    header(doc)
    title_block(
        doc,
        "TỜ TRÌNH",
        "Đề nghị thẩm định xét, công nhận {{ unit }} đạt {{ tier }} năm {{ year }}",
    )
    paragraph(doc, "Kính gửi:", align=None, left_indent_mm=35, after=0)
    paragraph(doc, "- Ủy ban nhân dân tỉnh;", left_indent_mm=55)
    paragraph(doc, "- Sở Thông tin và Truyền thông.", left_indent_mm=55, after=6)
    body(
        doc,
        "Căn cứ Quyết định 240/QĐ-UBND ngày 06/02/2024 của Ủy ban nhân dân tỉnh ban hành "
        "Bộ tiêu chí đánh giá, công nhận sở, ban, ngành; huyện, thị xã, thành phố; xã, phường, "
        "thị trấn đạt chuyển đổi số/chuyển đổi số nâng cao trên địa bàn tỉnh Yên Bái giai đoạn "
        "2023-2025;",
    )
    body(
        doc,
        "Căn cứ Hướng dẫn số: {{ guidance_number }} ngày {{ guidance_date }} của Ủy ban "
        "nhân dân tỉnh về trình tự, thủ tục, hồ sơ xét, công nhận, công bố các sở, ban, ngành; "
        "huyện, thị xã, thành phố; xã, phường, thị trấn đạt chuyển đổi số/chuyển đổi số nâng "
        "cao trên địa bàn tỉnh Yên Bái giai đoạn 2023-2025;",
    )
    body(
        doc,
        "Căn cứ biên bản cuộc họp ngày {{ meeting_date }} của {{ agency_name }} đề nghị "
        "xét, công nhận {{ unit }} đạt {{ tier }} năm {{ year }}.",
    )
    body(
        doc,
        "{{ agency_name }} kính đề nghị Ủy ban nhân dân tỉnh thẩm định, xét, công nhận "
        "{{ unit }} đạt {{ tier }} năm {{ year }}.",
    )
    body(doc, "Hồ sơ kèm theo Tờ trình này, gồm có:")
    body(doc, "1. Biên bản cuộc họp đề nghị xét, công nhận {{ unit }} đạt {{ tier }}.")
    body(
        doc,
        "2. Báo cáo của {{ agency_name }} về kết quả thực hiện Bộ tiêu chí tạm thời đánh "
        "giá, công nhận {{ unit }} đạt {{ tier }}.",
    )
    body(doc, "3. Các tài liệu kiểm chứng, minh họa về kết quả thực hiện Bộ tiêu chí.")
    body(
        doc,
        "{{ agency_name }} kính và đề nghị Ủy ban nhân dân tỉnh xem xét, thẩm định, công "
        "nhận {{ unit }} đạt {{ tier }} năm {{ year }}./.",
    )
    standard_closing(doc)
    return doc


@builder("bieu-02")
def build_bieu_02() -> Any:
    doc = new_document()
    header(doc, numbered=False)
    title_block(
        doc,
        "BIÊN BẢN",
        "Họp xét, đề nghị công nhận {{ unit }} đạt {{ tier }} năm {{ year }}",
    )
    body(
        doc,
        "Hôm nay, vào hồi {{ start }} ngày {{ date }} tại {{ place }}, {{ organizer }} tổ "
        "chức họp xét, đề nghị công nhận {{ unit }} đạt chuẩn {{ tier }} năm {{ year }}, như sau:",
    )
    heading(doc, "I. THÀNH PHẦN THAM GIA CUỘC HỌP")
    paragraph_loop(doc, "attendees", "line")
    heading(doc, "II. NỘI DUNG CUỘC HỌP")
    body(
        doc,
        "1. {{ presenter }} trình bày báo cáo kết quả thực hiện kế hoạch xây dựng {{ unit }} "
        "đạt {{ tier }} (kết quả thực hiện Bộ tiêu chí tạm thời đánh giá, công nhận sở, ban, địa "
        "phương đạt chuyển đổi số/chuyển đổi số nâng cao).",
    )
    body(
        doc,
        "2. Ý kiến phát biểu thảo luận của các thành viên tham dự cuộc họp về đề nghị xét, "
        "công nhận {{ unit }} đạt chuẩn {{ tier }} năm {{ year }}, cụ thể như sau:",
    )
    paragraph_loop(doc, "discussion", "line")
    body(
        doc,
        "3. Kết quả bỏ phiếu: Số thành viên tham dự cuộc hợp nhất trí đề nghị xét, công "
        "nhận {{ unit }} đạt {{ tier }} năm {{ year }} là {{ vote_yes }}/tổng số "
        "{{ vote_total }} thành viên tham dự cuộc họp, đạt {{ vote_rate }}.",
    )
    body(
        doc,
        "Biên bản kết thúc hồi {{ end }} ngày {{ end_date }}, đã thông qua cho các thành "
        "viên tham dự cuộc họp cùng nghe và nhất trí {{ approval }}.",
    )
    two_signatures(
        doc,
        [R("THƯ KÝ CUỘC HỌP", bold=True, size=14), R("(Ký, ghi rõ họ tên)", italic=True, size=14)],
        [
            R("CHỦ TRÌ CUỘC HỌP", bold=True, size=14),
            R("(Ký, đóng dấu, ghi rõ họ tên)", italic=True, size=14),
        ],
        "{{ secretary }}",
        "{{ chair }}",
    )
    return doc


# 11 pt: "Không đạt" needs 20 mm with the cells' margins, a document number 27 mm. Long
# narrative results go below the table (a 3,000-character result in a 2 cm column ran
# over five pages).
BIEU03_WIDTHS = [12.0, 46.0, 18.0, 20.0, 22.0, 20.0, 27.0]


@builder("bieu-03")
def build_bieu_03() -> Any:
    doc = new_document()
    header(doc)
    title_block(
        doc,
        "BÁO CÁO",
        "Kết quả thực hiện Bộ tiêu chí đánh giá, công nhận {{ unit }} đạt chuẩn {{ tier }} "
        "năm {{ year }}",
    )
    heading(doc, "1. Khái quát đặc điểm tình hình")
    body(doc, "- Đặc điểm tự nhiên, xã hội.")
    paragraph_loop(doc, "overview.natural_social", "text")
    body(doc, "- Thuận lợi, khó khăn.")
    paragraph_loop(doc, "overview.advantages_difficulties", "text")
    body(doc, "- Thực trạng công tác chuyển đổi số trước khi thực hiện Bộ tiêu chí.")
    paragraph_loop(doc, "overview.before", "text")
    heading(doc, "2. Công tác chỉ đạo, triển khai")
    body(doc, "- Công tác chỉ đạo, điều hành")
    paragraph_loop(doc, "direction.steering", "text")
    body(doc, "- Công tác truyền thông, đào tạo, tập huấn")
    paragraph_loop(doc, "direction.communication", "text")
    body(doc, "- Các giải pháp đã triển khai")
    paragraph_loop(doc, "direction.solutions", "text")
    # The seed's "- Đánh giá chi tiết kết quả đạt được của từng tiêu chí … kèm số liệu,
    # hình ảnh cụ thể chứng minh." is a drafting instruction: the table below and the
    # narrative paragraphs are what it asks for, the instruction itself is not printed.
    heading(doc, "3. Kết quả thực hiện Bộ tiêu chí")
    paragraph_loop(doc, "results", "text")
    table = grid_table(
        doc,
        BIEU03_WIDTHS,
        [
            "STT",
            "Tiêu chí",
            "Mức độ",
            "Mục tiêu",
            "Kết quả thực hiện",
            "Đánh giá",
            "Tài liệu minh chứng",
        ],
        size=11,
    )
    tag_row(table, "{%tr for g in groups %}")
    add_row(
        table,
        [R("{{ g.id }}", bold=True), R("{{ g.name }}", bold=True), "", "", "", "", ""],
        size=11,
        merge_from=1,
        keep_with_next=True,
        align=[CENTER, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    )
    tag_row(table, "{%tr for r in g.rows %}")
    add_row(
        table,
        [
            "{{ r.stt }}",
            "{{ r.name }}",
            "{{ r.requirement }}",
            "{{ r.target }}",
            "{{ r.value }}",
            "{{ r.status }}",
            "{{ r.evidence }}",
        ],
        size=11,
        align=[CENTER, LEFT, CENTER, CENTER, CENTER, CENTER, LEFT],
    )
    tag_row(table, "{%tr endfor %}")
    tag_row(table, "{%tr endfor %}")
    paragraph(doc, "", after=6)
    body(doc, "{{ tally }}")
    paragraph_loop(doc, "details", "d")
    body(
        doc,
        "- Căn cứ kết quả thực hiện Bộ tiêu chí nêu trên; Hướng dẫn của Ủy ban nhân dân "
        "tỉnh về trình tự, thủ tục, hồ sơ xét, công nhận, công bố các sở, ban, ngành; huyện, "
        "thị xã, thành phố; xã, phường, thị trấn đạt chuyển đổi số/chuyển đổi số nâng cao trên "
        "địa bàn tỉnh Yên Bái giai đoạn 2023-2025. Kết luận: {{ conclusion }}.",
    )
    heading(doc, "4. Phương hướng nhiệm vụ thời gian tới")
    paragraph_loop(doc, "plans", "text")
    tag(doc, "{%p if proposals %}")
    heading(doc, "5. Đề xuất, kiến nghị")
    paragraph_loop(doc, "proposals", "text")
    tag(doc, "{%p endif %}")
    standard_closing(doc)
    return doc


# 11 pt: "Bắt buộc" needs 17 mm with the cells' margins (16 mm printed "Bắt/buộc").
BIEU04_WIDTHS = [12.0, 46.0, 17.0, 17.0, 19.0, 17.0, 19.0, 42.0, 35.0, 28.0]


@builder("bieu-04")
def build_bieu_04() -> Any:
    doc = new_document(landscape=True)
    paragraph(doc, R("Biểu 04", bold=True, size=13), align=RIGHT)
    paragraph(
        doc,
        R(
            "HƯỚNG DẪN LẤY SỐ LIỆU, TÀI LIỆU KIỂM CHỨNG PHỤC VỤ ĐÁNH GIÁ THẨM ĐỊNH CÔNG "
            "NHẬN {{ subject }} ĐẠT CHUYỂN ĐỔI SỐ/CHUYỂN ĐỔI SỐ NÂNG CAO",
            bold=True,
            size=14,
        ),
        align=CENTER,
        before=6,
    )
    paragraph(doc, R("({{ catalog_title }})", italic=True, size=13), align=CENTER)
    tag(doc, "{%p if unit %}")
    paragraph(doc, R("Đơn vị: {{ unit }}", size=13), align=CENTER)
    tag(doc, "{%p endif %}")
    paragraph(doc, "", after=6)
    table = multi_header_table(
        doc,
        BIEU04_WIDTHS,
        [
            [
                "STT",
                "Nhóm tiêu chí/Tên tiêu chí",
                "Đơn vị tính",
                "Mức độ",
                "",
                "",
                "",
                "Cách lấy số liệu, phương pháp tính",
                "Tài liệu kiểm chứng",
                "Cơ quan chủ trì, phối hợp thẩm định",
            ],
            ["", "", "", "Chuyển đổi số", "", "Chuyển đổi số nâng cao", "", "", "", ""],
            [
                "",
                "",
                "",
                "Mục tiêu",
                "Bắt buộc/ Mở rộng",
                "Mục tiêu",
                "Bắt buộc/ Mở rộng",
                "",
                "",
                "",
            ],
        ],
        merges=[
            ((0, 0), (2, 0)),
            ((0, 1), (2, 1)),
            ((0, 2), (2, 2)),
            ((0, 3), (0, 6)),
            ((1, 3), (1, 4)),
            ((1, 5), (1, 6)),
            ((0, 7), (2, 7)),
            ((0, 8), (2, 8)),
            ((0, 9), (2, 9)),
        ],
    )
    tag_row(table, "{%tr for g in groups %}")
    add_row(
        table,
        [R("{{ g.id }}", bold=True), R("{{ g.name }}", bold=True), "", "", "", "", "", "", "", ""],
        size=11,
        merge_from=1,
        keep_with_next=True,
        align=[CENTER] + [LEFT] * 9,
    )
    tag_row(table, "{%tr for r in g.rows %}")
    add_row(
        table,
        [
            "{{ r.stt }}",
            "{{ r.name }}",
            "{{ r.unit }}",
            "{{ r.cds_target }}",
            "{{ r.cds_req }}",
            "{{ r.nc_target }}",
            "{{ r.nc_req }}",
            "{{ r.method }}",
            "{{ r.evidence }}",
            "{{ r.appraisers }}",
        ],
        size=11,
        align=[CENTER, LEFT, CENTER, CENTER, CENTER, CENTER, CENTER, LEFT, LEFT, LEFT],
    )
    tag_row(table, "{%tr endfor %}")
    tag_row(table, "{%tr endfor %}")
    return doc


def main(argv: list[str]) -> int:
    ids = sorted(BUILDERS) if argv == ["--all"] else argv
    if not ids:
        print("usage: python -m tools.build_templates ID [ID ...] | --all", file=sys.stderr)
        return 2
    for form_id in ids:
        doc = BUILDERS[form_id]()
        path = TEMPLATE_DIR / f"{form_id}.docx"
        save_slim(doc, str(path))
        print(f"wrote {path.relative_to(TEMPLATE_DIR.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
