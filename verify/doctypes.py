"""Document types of Nghị định 30/2020/NĐ-CP and their codes (Phụ lục III)."""

from __future__ import annotations

import re

from verify.vntext import compact, fold, is_upper, one_edit, similar

# Phụ lục III: abbreviations of document types, used in the symbol after the
# number (``15/QĐ-UBND``). Công văn has none.
TYPE_CODES: dict[str, str] = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "GN",
    "BẢN THỎA THUẬN": "TTh",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
    "BẢN SAO Y": "SY",
    "BẢN TRÍCH SAO": "TS",
    "BẢN SAO LỤC": "SL",
    # Not in Phụ lục III: a list issued on its own (Thanh Hóa's Mẫu 1.4 … 4.5, the
    # evidence of ten of its criteria), numbered ``…/DS-UBND`` when numbered at all.
    "DANH SÁCH": "DS",
}
LIST_TYPE = "DANH SÁCH"
"""A list: usually unnumbered (the province's list forms print no ``Số:``)."""
LETTER_TYPE = "CÔNG VĂN"
"""An official letter: no type name printed, its subject is the ``V/v`` line."""

# Type names printed as a title that have no code of their own in Phụ lục III.
UNCODED_TYPES = ("CÔNG VĂN", "NGHỊ ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH")
_NAMES = (*TYPE_CODES, *UNCODED_TYPES)
_COMPACT_NAMES = tuple((name, compact(name)) for name in _NAMES)


def type_name(text: str, *, misread: bool = False) -> str | None:
    """The canonical type name when ``text`` is a title line such as ``QUYẾT ĐỊNH``.

    The whole line must be the name (a title is printed alone on its line),
    up to case, marks and spacing (``Q U Y Ế T  Đ Ị N H``). ``misread``: the
    line is OCR's and may hold one letter misread, on names of six letters or
    more (``GIẤYMỜA``), when no other name is as near (``THÔNG DÁO`` is as near
    ``THÔNG BÁO`` as ``THÔNG CÁO``: no type). A text layer's letters are exact:
    ``HỒNG DÂN`` (a district's name) is one letter from ``HƯỚNG DẪN`` and no type.
    """
    stripped = text.strip(" .:;,_-|'\"")
    if not stripped or text.strip().endswith(":") or not is_upper(stripped):
        return None
    key = compact(stripped)
    for name, target in _COMPACT_NAMES:
        if key == target:
            return name
    if not misread:
        return None
    for name, target in _COMPACT_NAMES:
        if len(target) < 6 or abs(len(target) - len(key)) > 2:
            continue  # one OCR letter more or less at most: no fuzzy match needed
        if similar(key, target, 0.88):
            return name
    misread_letter = [
        name
        for name, target in _COMPACT_NAMES
        if len(target) >= 6 and len(key) == len(target) and one_edit(key, target)
    ]
    return misread_letter[0] if len(misread_letter) == 1 else None


def list_title(text: str) -> str | None:
    """What a list's one-line title lists: ``Danh sách cán bộ, công chức …`` → ``cán bộ, công chức …``.

    A list's title is often one sentence, in sentence case, the type name running
    into what is listed (Thanh Hóa's list forms print it so). None for any other
    line, and for ``DANH SÁCH`` alone, which :func:`type_name` reads.
    """
    words = text.strip(" .:;,_-|'\"").split()
    if len(words) < 3 or compact(" ".join(words[:2])) != compact(LIST_TYPE):
        return None
    return " ".join(words[2:])


_FORM_MARKER = re.compile(r"mau\s*(?:so\s*)?\d{1,2}\s*\.\s*\d{1,2}\s*\.?")


def is_list_form_marker(text: str) -> bool:
    """``Mẫu 1.4``, ``Mẫu số 4.1``: the marker a province's list form prints above its title.

    Thanh Hóa's guidance titles its lists by what they measure (``Mẫu 2.5. Tỷ lệ
    doanh nghiệp sử dụng hợp đồng điện tử``) while its criteria ask for them as
    ``Danh sách … (theo mẫu số 2.5)``: the numbered marker is what makes the page
    a list. Report forms (``Mẫu số 01``) carry a type name of their own.
    """
    return _FORM_MARKER.fullmatch(fold(text).strip()) is not None


def type_for_code(code: str) -> str | None:
    """The type name a Phụ lục III code stands for, exact first, then without diacritics."""
    for name, known in TYPE_CODES.items():
        if code.upper() == known.upper():
            return name
    for name, known in TYPE_CODES.items():
        if fold(code) == fold(known):
            return name
    return None
