"""The layout check: what a clerk looks for before sending a generated PDF.

:func:`layout_problems` reads a rendered PDF with pdfplumber (positions of
characters, ruled tables) and the DOCX it came from (python-docx, for the
texts of the signature and "Nơi nhận" blocks), and lists in plain words every
defect that stops a clerk from sending the document as it is:

- a page that holds only the signature block or only the "Nơi nhận" block;
- text outside the margins of Nghị định 30/2020 (A4, top and bottom 20 mm,
  left 30 mm, right 15 mm; the page number sits in the top margin);
- a table row split across pages (the next page goes on with a row whose STT
  cell is empty) or a table going on without its header row;
- an e-mail address, a phone number or a document number broken over lines;
- an appendix (``PHỤ LỤC``) whose pages go on with the report's numbers.

:func:`long_input` and :func:`empty_input` derive hostile inputs from a form's
example, so that every form is checked on more than the example it ships with.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from typing import Any

import docx
import pdfplumber

from tests.support.docx_helpers import string_leaves

MM = 72 / 25.4
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TOLERANCE = 1.5  # points: glyph side bearings, rounding of the margins to twips

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\d/])(?:\+84|0)\d{2,3}(?:[ .\u00a0]?\d{3,4}){2}(?![\d/])")
DOCUMENT_NUMBER = re.compile(r"\b\d{1,4}/(?:\d{4}/)?[A-ZĐ]{1,6}(?:-[A-ZĐ0-9]{1,8})+\b")


def protected_tokens(data: Any) -> set[str]:
    """E-mail addresses, phone numbers and document numbers in the input: none may be broken."""
    tokens: set[str] = set()
    for text in string_leaves(data):
        for pattern in (EMAIL, PHONE, DOCUMENT_NUMBER):
            tokens.update(match.group(0) for match in pattern.finditer(text))
    return tokens


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def closing_words(docx_bytes: bytes) -> set[str]:
    """The words of the signature and "Nơi nhận" blocks: every borderless layout table
    after the header (the first table), i.e. the closing and signature tables."""
    document = docx.Document(io.BytesIO(docx_bytes))
    words: set[str] = set()
    for table in document.tables[1:]:
        borders = table._tbl.tblPr.find(docx.oxml.ns.qn("w:tblBorders"))
        ruled = borders is not None and any(
            edge.get(docx.oxml.ns.qn("w:val")) not in (None, "nil", "none") for edge in borders
        )
        if ruled:
            continue
        for row in table.rows:
            for cell in row.cells:
                words.update(cell.text.split())
    return words


def _body_lines(page: Any) -> list[dict[str, Any]]:
    top = MARGINS_MM["top"] * MM - TOLERANCE
    return [line for line in page.extract_text_lines() if line["top"] >= top]


def _page_number(page: Any) -> str:
    top = MARGINS_MM["top"] * MM - TOLERANCE
    return "".join(c["text"] for c in page.chars if c["bottom"] <= top).strip()


def layout_problems(pdf: bytes, docx_bytes: bytes, data: Any) -> list[str]:
    """Every layout defect of the PDF, as ``trang N: ...`` sentences (empty: ready to send)."""
    problems: list[str] = []
    closing = closing_words(docx_bytes)
    tokens = protected_tokens(data)
    appendix_start: int | None = None
    seen: dict[Any, Any] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            problems += [f"trang {number}: {p}" for p in _margin_problems(page)]
            lines = _body_lines(page)
            text = " ".join(line["text"] for line in lines)
            words = text.split()
            if number > 1 and words and set(words) <= closing:
                problems.append(f"trang {number}: chỉ có khối chữ ký / nơi nhận")
            problems += [f"trang {number}: {p}" for p in _table_problems(page, number, seen)]
            problems += [
                f"trang {number}: '{token}' bị ngắt xuống dòng" for token in _broken(page, tokens)
            ]
            if appendix_start is None and number > 1 and text.lstrip().startswith("PHỤ LỤC"):
                appendix_start = number
            shown = _page_number(page)
            if appendix_start is not None and number > appendix_start:
                expected = str(number - appendix_start + 1)
                if shown != expected:
                    problems.append(
                        f"trang {number}: số trang của phụ lục là '{shown}', phải là "
                        f"'{expected}' (phụ lục đánh số riêng)"
                    )
    return problems


def _broken(page: Any, tokens: set[str]) -> list[str]:
    """Tokens whose characters lie on more than one line. Words are taken in the order
    LibreOffice wrote them (cell by cell, line by line), so a token broken inside a
    table cell is found although the cells beside it share its lines."""
    words = page.extract_words(use_text_flow=True)
    stream, owners = "", []
    for index, word in enumerate(words):
        text = _squash(word["text"])
        stream += text
        owners += [index] * len(text)
    broken = []
    for token in sorted(tokens):
        target = _squash(token)
        start = stream.find(target)
        while start >= 0:
            tops = [words[i]["top"] for i in set(owners[start : start + len(target)])]
            if max(tops) - min(tops) > 2:
                broken.append(token)
                break
            start = stream.find(target, start + 1)
    return broken


def _margin_problems(page: Any) -> list[str]:
    left = MARGINS_MM["left"] * MM - TOLERANCE
    right = page.width - MARGINS_MM["right"] * MM + TOLERANCE
    top = MARGINS_MM["top"] * MM - TOLERANCE
    bottom = page.height - MARGINS_MM["bottom"] * MM + TOLERANCE
    outside = [
        c
        for c in page.chars
        if c["text"].strip()
        and (c["x0"] < left or c["x1"] > right or c["bottom"] > bottom)
        and not (c["bottom"] <= top and c["text"].isdigit())  # the page number
    ]
    outside += [c for c in page.chars if c["text"].strip() and c["top"] < top - 30]
    if not outside:
        return []
    sample = "".join(c["text"] for c in outside[:20])
    return [f"chữ nằm ngoài lề ({len(outside)} ký tự, ví dụ '{sample}')"]


HEADER_FIRST_CELLS = {"STT", "TT"}


def _row_key(row: list[str | None]) -> tuple[str, ...]:
    return tuple(" ".join((cell or "").split()) for cell in row)


def _table_problems(page: Any, number: int, seen: dict[Any, Any]) -> list[str]:
    """``seen["headers"]``: header row count of every table seen so far, by its first row
    (a header of several rows, Biểu 04's, is learnt from the table's first page);
    ``seen["last_row"]``: height of the last table row of the previous page;
    ``seen["headings_only"]``: the table whose first page held its header (and a group
    heading) but no data row. A row taller than a whole page has to split, and is not
    reported."""
    headers = seen.setdefault("headers", {})
    body_height = page.height - (MARGINS_MM["top"] + MARGINS_MM["bottom"]) * MM
    problems = []
    last_row = seen.pop("last_row", 0.0)
    headings_only = seen.pop("headings_only", None)
    for table in page.find_tables():
        rows = table.extract()
        if not rows:
            continue
        first = " ".join((rows[0][0] or "").split())
        if first not in HEADER_FIRST_CELLS:
            problems.append("bảng tiếp tục mà không lặp lại hàng tiêu đề")
            continue
        key = _row_key(rows[0])
        if key not in headers:  # the table's first page: header rows until the first data row
            count = 1
            while count < len(rows) and not (rows[count][0] or "").strip():
                count += 1
            headers[key] = count
            if _only_headings(rows[count:]):
                seen["headings_only"] = key
        elif key == headings_only:
            problems.append(
                "hàng tiêu đề của bảng đứng một mình ở cuối trang trước, xa hàng đầu tiên của nó"
            )
        elif len(rows) > headers[key]:
            cells = [(cell or "").strip() for cell in rows[headers[key]]]
            row_box = table.rows[headers[key]].bbox
            height = last_row + (row_box[3] - row_box[1])
            if (
                not cells[0]
                and any(cells[1:])
                and _is_continuation(rows[headers[key]])
                and height < body_height - 20
            ):
                problems.append(
                    f"một hàng của bảng bị tách sang trang này ('{' '.join(cells)[:60]}')"
                )
        box = table.rows[-1].bbox
        seen["last_row"] = box[3] - box[1]
    return problems


def _only_headings(rows: list[list[str | None]]) -> bool:
    """No data row under the header on this page: nothing, or one group heading (a row
    with text only in its first two cells, the rest merged into the second)."""
    if not rows:
        return True
    if len(rows) > 1:
        return False
    cells = [(cell or "").strip() for cell in rows[0]]
    return bool(cells[0]) and bool(cells[1]) and not any(cells[2:])


def _is_continuation(row: list[str | None]) -> bool:
    """A row whose STT cell is empty but others hold text: the rest of a row of the previous
    page (a total row says 'Tổng cộng' and is not one)."""
    return not any((cell or "").strip().startswith(("Tổng cộng", "...")) for cell in row)


# --------------------------------------------------------------------------- hostile inputs

FILLER = (
    "Ủy ban nhân dân xã đã chỉ đạo các bộ phận chuyên môn rà soát, cập nhật số liệu, "
    "tổ chức tuyên truyền sâu rộng đến từng thôn, bản, tổ dân phố và hướng dẫn người dân "
    "sử dụng dịch vụ công trực tuyến, thanh toán không dùng tiền mặt, chữ ký số cá nhân. "
)
LONG_EMAIL = "nguyenthithanhhuong@quangnhan.thanhhoa.gov.vn"  # 45 characters


def _lengthen(text: str, budget: list[int]) -> str:
    if EMAIL.fullmatch(text):
        return LONG_EMAIL
    if PHONE.fullmatch(text) or DOCUMENT_NUMBER.fullmatch(text) or len(text) < 3:
        return text
    if len(text) >= 40 and budget[0] > 0:  # a few narratives of 3,000 characters
        budget[0] -= 1
        return (text + " " + FILLER * 20)[:3000]
    if len(text) >= 40:
        return (text + " " + FILLER * 3)[: len(text) * 3]
    return (text + " " + FILLER)[: max(len(text) * 2, 60)]


def _transform(value: Any, valid: Callable[[], bool], change: Callable[[Any, bool], Any]) -> None:
    """Replace each part of ``value`` by ``change(part, in_row)`` where the whole input stays
    valid (``valid()``); ``in_row``: the part belongs to an item of a list (a table row)."""

    def walk(node: Any, in_row: bool) -> None:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        for key in keys:
            item = node[key]
            # A part of a table row: an item of a list of items, or the entry of one
            # criterion (``evidence["1.1"]``: criterion ids hold digits).
            inner = in_row or any(ch.isdigit() for ch in str(key))
            new = change(item, inner)
            if new is not None and new != item:
                node[key] = new
                if not valid():
                    node[key] = item
            current = node[key]
            if isinstance(current, dict | list):
                walk(current, inner or isinstance(current, list))

    walk(value, False)


def long_input(example: dict[str, Any], valid: Callable[[Any], bool]) -> dict[str, Any]:
    """The example with longer texts (three narratives of 3,000 characters), five times as
    many table rows, three times as many paragraphs, a long e-mail address: whatever stays
    valid. Lists inside a row (an enterprise's platforms) keep their length: a row taller
    than a page has to split, and no clerk writes one."""
    data = copy.deepcopy(example)
    budget = [3]

    def change(item: Any, in_row: bool) -> Any | None:
        if isinstance(item, str):
            return _lengthen(item, budget)
        if isinstance(item, list) and item and not in_row and len(item) < 20:
            copies = 5 if isinstance(item[0], dict) else 3
            return [copy.deepcopy(x) for _ in range(copies) for x in item]
        return None

    _transform(data, lambda: valid(data), change)
    return data


def empty_input(example: dict[str, Any], valid: Callable[[Any], bool]) -> dict[str, Any]:
    """The example with every list emptied and every optional field left out that may be."""
    data = copy.deepcopy(example)

    def drop(value: Any) -> None:
        if isinstance(value, dict):
            for key in list(value):
                saved = value[key]
                if isinstance(saved, list) and saved:
                    value[key] = []
                    if valid(data):
                        continue
                    value[key] = saved
                del value[key]
                if not valid(data):
                    value[key] = saved
                    drop(saved)
        elif isinstance(value, list):
            for item in value:
                drop(item)

    drop(data)
    return data
