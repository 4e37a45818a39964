"""Whether a value read from a document is Vietnamese a person wrote, or debris.

A font without a Unicode map yields ``(cid:1)`` or private-use characters; a
scan yields OCR dust; a foreign document yields English or Arabic where an
agency's name should be. None of these may be shown to a reviewer as "Cơ
quan ban hành: …": the value is kept in the report (for the record), marked
``garbled`` with the reason, and every reader shows "không đọc được"
instead. The test is how Vietnamese is written: letters of the Latin script
(with Vietnamese marks), words that are syllables (``vntext.is_syllable``)
or known abbreviations.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from verify.labels import FIELD_LABELS
from verify.report import EvidenceReport, FieldDetail, Problem
from verify.vntext import ABBREVIATIONS, is_syllable

TEXT_FIELDS = (
    "parent_agency",
    "agency",
    "type",
    "place",
    "subject",
    "signer_title",
    "signer_name",
)
MIN_SYLLABLE_SHARE = 0.6
MIN_LETTER_SHARE = 0.6
_CID = re.compile(r"\(cid:\d+\)|\bcid:\d+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
"""Grave, acute, tilde, hook, dot below (tones); circumflex, breve, horn (vowel marks)."""
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1024)
def _script_ok(char: str) -> bool:
    """Letters of Vietnamese (and the Latin letters f j w z of loan words), digits,
    punctuation and spaces; no other script, no private-use or replacement character.

    Asked of every character of every value read, which a page writes with a few
    dozen distinct ones: remembered per character."""
    if char.isspace() or char.isdigit() or not char.isalpha():
        return unicodedata.category(char) not in ("Co", "Cn", "Cs") and char != "\ufffd"
    if char in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", char.lower())
    base, marks = decomposed[0], decomposed[1:]
    if not ("a" <= base <= "z"):
        return False
    return all(m in _VIETNAMESE_MARKS for m in marks) and (not marks or base in _VOWELS)


def garbled_reason(text: str) -> str | None:
    """Why ``text`` is not a reading to show (None when it reads as Vietnamese)."""
    if _CID.search(text):
        return "chữ trong tệp dùng phông không có bảng mã (hiện ra dạng (cid:…))"
    if not all(_script_ok(c) for c in text):
        return "có ký tự không phải chữ Việt (chữ nước ngoài hoặc ký tự lỗi phông)"
    visible = [c for c in text if not c.isspace()]
    if visible and sum(c.isalpha() for c in visible) < MIN_LETTER_SHARE * len(visible):
        return "phần lớn là ký tự vụn, không phải chữ (thường do nhận dạng bản quét)"
    words = [w for w in _WORD.findall(text) if not _abbreviation(w)]
    vietnamese = sum(1 for w in words if is_syllable(w))
    if len(words) >= 3 and vietnamese < MIN_SYLLABLE_SHARE * len(words):
        return "không phải tiếng Việt (từ không đọc thành âm tiết tiếng Việt)"
    if words and not vietnamese and any(len(w) > 3 for w in words):
        return "không phải tiếng Việt"
    return None


def _abbreviation(word: str) -> bool:
    """One letter, a known abbreviation, or a short word in capitals (VNPT, CNTT, TT)."""
    return len(word) < 2 or word.upper() in ABBREVIATIONS or (word.isupper() and len(word) <= 5)


def flag_garbled(report: EvidenceReport) -> None:
    """Mark every garbled text field in ``fields_detail``, with one warning naming them."""
    named = []
    for name in TEXT_FIELDS:
        value = getattr(report.fields, name)
        if not isinstance(value, str) or not value.strip():
            continue
        reason = garbled_reason(value)
        if reason is None:
            continue
        detail = report.fields_detail.get(name) or FieldDetail(
            source=report.fields.source or "text", page=1
        )
        report.fields_detail[name] = detail.model_copy(
            update={"garbled": True, "uncertain": True, "note": reason}
        )
        named.append(f"{FIELD_LABELS[name]} ({reason})")
    if named:
        report.problems.append(
            Problem(
                code="FIELD_GARBLED",
                severity="warning",
                message="Không đọc được: " + "; ".join(named) + ". Cần đối chiếu bằng mắt.",
            )
        )
