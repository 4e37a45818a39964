"""Document types of Nghị định 30/2020/NĐ-CP and their codes (Phụ lục III)."""

from __future__ import annotations

from verify.vntext import compact, fold, is_upper, similar

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
}
LETTER_TYPE = "CÔNG VĂN"
"""An official letter: no type name printed, its subject is the ``V/v`` line."""

# Type names printed as a title that have no code of their own in Phụ lục III.
UNCODED_TYPES = ("CÔNG VĂN", "NGHỊ ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH")
_NAMES = (*TYPE_CODES, *UNCODED_TYPES)
_COMPACT_NAMES = tuple((name, compact(name)) for name in _NAMES)


def type_name(text: str) -> str | None:
    """The canonical type name when ``text`` is a title line such as ``QUYẾT ĐỊNH``.

    The whole line must be the name (a title is printed alone on its line),
    up to case, spacing (``Q U Y Ế T  Đ Ị N H``) and one OCR letter on names
    of six letters or more.
    """
    stripped = text.strip(" .:;,_-|'\"")
    if not stripped or text.strip().endswith(":") or not is_upper(stripped):
        return None
    key = compact(stripped)
    for name, target in _COMPACT_NAMES:
        if key == target:
            return name
    for name, target in _COMPACT_NAMES:
        if len(target) < 6 or abs(len(target) - len(key)) > 2:
            continue  # one OCR letter more or less at most: no fuzzy match needed
        if similar(key, target, 0.88):
            return name
    return None


def type_for_code(code: str) -> str | None:
    """The type name a Phụ lục III code stands for, exact first, then without diacritics."""
    for name, known in TYPE_CODES.items():
        if code.upper() == known.upper():
            return name
    for name, known in TYPE_CODES.items():
        if fold(code) == fold(known):
            return name
    return None
