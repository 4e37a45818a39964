"""Kinds of administrative document, named by their type codes (``QĐ``, ``KH``, ``BC``).

Catalogs name the kinds of document a criterion needs by the codes of Nghị
định 30/2020/NĐ-CP, Phụ lục III — the code a document carries in its symbol
(``15/QĐ-UBND``) — because that is what an official writes and what the
evidence verifier reads (``fields.type_code``; ``fields.type`` for the name).
Two codes are hoso's own, for kinds that decree gives no code:

* ``CV`` — công văn (an official letter, numbered ``123/UBND-VP``);
* ``DS`` — danh sách (a list, such as Thanh Hóa's Mẫu 1.4, 2.5, 3.3, 4.1, 4.5):
  it is issued on its own or as the annex of a report, a letter, a notice or a
  decision, so those kinds *carry* it (:data:`CARRIERS`).

A quy chế (``QC``) or quy định (``QyĐ``) is usually issued with the decision
that adopts it; that decision carries it when its subject names it
(``Quyết định ban hành Quy chế hoạt động của Ban biên tập``).
"""

from __future__ import annotations

import unicodedata

KINDS: dict[str, str] = {
    "NQ": "NGHỊ QUYẾT",
    "QĐ": "QUYẾT ĐỊNH",
    "CT": "CHỈ THỊ",
    "QC": "QUY CHẾ",
    "QyĐ": "QUY ĐỊNH",
    "TC": "THÔNG CÁO",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "CTr": "CHƯƠNG TRÌNH",
    "KH": "KẾ HOẠCH",
    "PA": "PHƯƠNG ÁN",
    "ĐA": "ĐỀ ÁN",
    "DA": "DỰ ÁN",
    "BC": "BÁO CÁO",
    "BB": "BIÊN BẢN",
    "TTr": "TỜ TRÌNH",
    "HĐ": "HỢP ĐỒNG",
    "CĐ": "CÔNG ĐIỆN",
    "GN": "BẢN GHI NHỚ",
    "TTh": "BẢN THỎA THUẬN",
    "GUQ": "GIẤY ỦY QUYỀN",
    "GM": "GIẤY MỜI",
    "GGT": "GIẤY GIỚI THIỆU",
    "GNP": "GIẤY NGHỈ PHÉP",
    "PG": "PHIẾU GỬI",
    "PC": "PHIẾU CHUYỂN",
    "PB": "PHIẾU BÁO",
    "SY": "BẢN SAO Y",
    "TS": "BẢN TRÍCH SAO",
    "SL": "BẢN SAO LỤC",
    "CV": "CÔNG VĂN",
    "DS": "DANH SÁCH",
}
"""Type code → the type name printed on the document (Phụ lục III, plus ``CV`` and ``DS``)."""

CARRIERS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "DS": (("BC", "CV", "QĐ", "TB"), None),
    "QC": (("QĐ",), "quy che"),
    "QyĐ": (("QĐ",), "quy dinh"),
}
"""Kind → (kinds that may carry it, word the carrier's subject must contain, folded)."""


def fold(text: str) -> str:
    """Lower case without diacritics (``Đ`` → ``d``), spaces collapsed: for comparing names."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


_BY_FOLDED_CODE = {fold(code): code for code in KINDS}
_BY_FOLDED_NAME = {fold(name): code for code, name in KINDS.items()}


def known_kind(code: str) -> str | None:
    """The canonical code for ``code`` (``QD`` → ``QĐ``), or None when it names no kind."""
    if code in KINDS:
        return code
    return _BY_FOLDED_CODE.get(fold(code))


def kind_of(type_code: str | None, type_name: str | None) -> str | None:
    """A filed document's kind from what the verifier read: its code first, else its name."""
    if type_code:
        found = known_kind(type_code)
        if found is not None:
            return found
    if type_name:
        return _BY_FOLDED_NAME.get(fold(type_name))
    return None


def kind_label(code: str) -> str:
    """``KH`` → ``Kế hoạch``: the name as a sentence writes it."""
    name = KINDS.get(code, code)
    return name[:1] + name[1:].lower()


def describe_kinds(codes: list[str]) -> str:
    """``Chương trình hoặc Kế hoạch``; any kind when the list is empty."""
    if not codes:
        return "văn bản hành chính (bất kỳ loại nào)"
    labels = [kind_label(code) for code in codes]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " hoặc " + labels[-1]


def kind_satisfies(kind: str | None, subject: str | None, wanted: list[str]) -> bool:
    """Whether a document of ``kind`` (with ``subject``) is one of the ``wanted`` kinds.

    An empty ``wanted`` takes any kind the verifier could name; a carrier takes
    the place of the kind it carries (see :data:`CARRIERS`).
    """
    if kind is None:
        return False
    if not wanted or kind in wanted:
        return True
    folded_subject = fold(subject or "")
    for asked in wanted:
        carriers, word = CARRIERS.get(asked, ((), None))
        if kind in carriers and (word is None or word in folded_subject):
            return True
    return False
