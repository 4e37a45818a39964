"""Which kinds of administrative document each criterion's evidence asks for.

A criterion counts as evidenced only when a signed document *of a kind the
catalog asks for* is filed for it (issue 5): a ``Quyết định`` when the seed
asks for the decision establishing the steering committee, a ``Kế hoạch``
for the plan, a ``Báo cáo`` for the report. The seeds say this in prose
(``Báo cáo số liệu tổng hợp (Có các văn bản cử tham gia, giấy mời...)``), so
the kinds are read from the catalog's ``evidence`` text here, once, instead
of being typed again for every criterion; an official who disagrees writes
``evidence_types`` in the catalog, which always wins.

Reading rules (each exists because a seed sentence needed it):

* a kind named with a number is a *citation*, not a request:
  ``Thực hiện theo Công văn số 917/VP-CNTT``, ``Quyết định số 1829/QĐ-UBND``,
  ``Nghị định 42/2022/NĐ-CP``;
* a kind is asked for only where a list item begins: at the start, after
  punctuation, or after ``Có``, ``các``, ``hoặc``, ``và``, ``Cung cấp``,
  ``trong``, ``biểu``/``mẫu``. Elsewhere the word is prose: ``theo hướng dẫn
  của ngành Công an``, ``tài liệu hướng dẫn``, ``học tập nghị quyết``,
  ``thực hiện phương án``, and ``Báo cáo danh sách thành viên`` (a report);
* ``các văn bản:`` introduces a list and is not itself a kind.

Kinds are the upper-case names of Nghị định 30/2020/NĐ-CP (``QUYẾT ĐỊNH``,
``CÔNG VĂN``...), the vocabulary the evidence verifier prints in a report's
``fields.type``; compare with :func:`type_matches`, which ignores case and
diacritics. A criterion whose text names no kind accepts any kind
(``Hồ sơ, tài liệu chứng minh...``, ``Đường dẫn Fanpage``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from criteria.catalog import Catalog, Criterion

# Phrase as it appears in the seeds (folded: lower case, no diacritics) → kind.
_PHRASES: tuple[tuple[str, str], ...] = (
    ("quyet dinh", "QUYẾT ĐỊNH"),
    ("ke hoach", "KẾ HOẠCH"),
    ("bao cao", "BÁO CÁO"),
    ("chuong trinh", "CHƯƠNG TRÌNH"),
    ("to trinh", "TỜ TRÌNH"),
    ("bien ban", "BIÊN BẢN"),
    ("danh sach", "DANH SÁCH"),
    ("cong van", "CÔNG VĂN"),
    ("van ban", "CÔNG VĂN"),
    ("thong bao", "THÔNG BÁO"),
    ("huong dan", "HƯỚNG DẪN"),
    ("quy che", "QUY CHẾ"),
    ("quy dinh", "QUY ĐỊNH"),
    ("nghi quyet", "NGHỊ QUYẾT"),
    ("phuong an", "PHƯƠNG ÁN"),
    ("de an", "ĐỀ ÁN"),
    ("giay moi", "GIẤY MỜI"),
    ("giay trieu tap", "GIẤY MỜI"),
)

KNOWN_TYPES: tuple[str, ...] = tuple(dict.fromkeys(kind for _, kind in _PHRASES))
"""Every kind this module can name, in a stable order."""

CARRIERS: dict[str, tuple[str, ...]] = {
    "DANH SÁCH": ("BÁO CÁO", "CÔNG VĂN", "QUYẾT ĐỊNH"),
}
"""A list (danh sách) is not a Nghị định 30 kind of its own: it is issued as the
annex of a report, a letter or a decision, so those carry it."""

_LEADS = frozenset({"co", "cac", "hoac", "va", "cung cap", "trong", "bieu", "mau"})
_OPENING_PUNCTUATION = ";,(:./-–"
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without diacritics (``Đ`` → ``d``), spaces collapsed: for comparing kinds."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@dataclass(frozen=True)
class _Mention:
    kind: str
    start: int
    end: int


def _mentions(folded: str) -> list[_Mention]:
    """Every phrase of a kind in ``folded``, on word boundaries, longest first at each place."""
    found: list[_Mention] = []
    for phrase, kind in _PHRASES:
        for match in re.finditer(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", folded):
            found.append(_Mention(kind, match.start(), match.end()))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _is_citation(folded: str, mention: _Mention) -> bool:
    """``Công văn số 917/…``, ``Nghị định 42/2022/…``: a named document, not a request."""
    return re.match(r"\s*(so\s*)?\d", folded[mention.end :]) is not None


def _is_prose(folded: str, mention: _Mention) -> bool:
    """The word does not begin a list item, or it is the ``các văn bản:`` of a list."""
    if mention.kind == "CÔNG VĂN" and folded[mention.end :].lstrip().startswith(":"):
        return True
    before = folded[: mention.start].rstrip()
    if not before or before[-1] in _OPENING_PUNCTUATION:
        return False
    words = _WORD.findall(before)
    return not (words[-1:] and words[-1] in _LEADS) and " ".join(words[-2:]) not in _LEADS


def types_in_text(text: str) -> list[str]:
    """The kinds one evidence sentence asks for, in the order it names them."""
    folded = fold(text)
    kinds = [
        mention.kind
        for mention in _mentions(folded)
        if not _is_citation(folded, mention) and not _is_prose(folded, mention)
    ]
    return list(dict.fromkeys(kinds))


def derived_types(criterion: Criterion) -> list[str]:
    """The kinds the criterion's evidence sentences name (without the catalog override)."""
    kinds: list[str] = []
    for sentence in criterion.evidence:
        kinds.extend(types_in_text(sentence))
    return list(dict.fromkeys(kinds))


def evidence_types(criterion: Criterion) -> list[str]:
    """The kinds that evidence this criterion; empty means any kind.

    The catalog's explicit ``evidence_types`` wins over the reading of the
    text; names there are matched like the derived ones (case and diacritics
    do not matter).
    """
    if criterion.evidence_types is not None:
        return [_canonical(name) for name in criterion.evidence_types]
    return derived_types(criterion)


def _canonical(name: str) -> str:
    folded = fold(name)
    for phrase, kind in _PHRASES:
        if folded == phrase:
            return kind
    return name.upper()


def accepted_types(criterion: Criterion) -> list[str]:
    """The kinds a filed document may be of: the asked kinds and what carries them."""
    kinds = evidence_types(criterion)
    out: list[str] = []
    for kind in kinds:
        out.append(kind)
        out.extend(CARRIERS.get(kind, ()))
    return list(dict.fromkeys(out))


def type_matches(document_type: str | None, criterion: Criterion) -> bool:
    """Whether a document of kind ``document_type`` can evidence ``criterion``."""
    kinds = accepted_types(criterion)
    if not kinds:
        return document_type is not None
    if document_type is None:
        return False
    wanted = {fold(kind) for kind in kinds}
    return fold(document_type) in wanted


def describe_types(kinds: list[str]) -> str:
    """``Quyết định, Kế hoạch``: kinds as a sentence shows them."""
    return ", ".join(kind.capitalize() for kind in kinds) if kinds else "bất kỳ loại văn bản nào"


def catalog_types(catalog: Catalog) -> dict[str, list[str]]:
    """Criterion id → asked kinds, for every criterion of the catalog (ids repeat across tiers)."""
    return {criterion.id: evidence_types(criterion) for criterion in catalog.criteria}
