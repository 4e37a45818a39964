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
    body,
    closing_block,
    header_block,
    new_document,
    paragraph,
    title_block,
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
        recipients_loop=("{%p for line in recipients %}", "{{ line }}", "{%p endfor %}"),
        signer=[
            "{%p if signer.authority %}",
            "{{ signer.authority }}",
            "{%p endif %}",
            "{{ signer.title }}",
        ],
        signer_name="{{ signer.name }}",
    )


@builder("bieu-01")
def build_bieu_01() -> Any:
    doc = new_document()
    header_block(
        doc,
        parent="{{ header.parent }}",
        agency="{{ header.agency }}",
        number="{{ header.number_line }}",
        date_line="{{ header.date_line }}",
    )
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


def main(argv: list[str]) -> int:
    ids = sorted(BUILDERS) if argv == ["--all"] else argv
    if not ids:
        print("usage: python -m tools.build_templates ID [ID ...] | --all", file=sys.stderr)
        return 2
    for form_id in ids:
        doc = BUILDERS[form_id]()
        path = TEMPLATE_DIR / f"{form_id}.docx"
        doc.save(str(path))
        print(f"wrote {path.relative_to(TEMPLATE_DIR.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
