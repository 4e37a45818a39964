"""The issuing agency and its parent, from the lines at the top of the header's left column.

NĐ 30 prints the parent (``cơ quan chủ quản``) in regular capitals and the
issuing agency under it in bold capitals, each over one or two lines. With
font information the agency is the trailing run of bold lines. Without it
(OCR), or when every line has the same weight, lines are grouped into names
by the words an agency's name begins with (``ỦY BAN``, ``UBND``, ``SỞ``…):
a line beginning with one starts a new name, any other continues the one
above it (``ỦY BAN NHÂN DÂN`` / ``TỈNH YÊN BÁI`` is one agency).

Generic words of agency names misread by OCR (``TÏNH`` for ``TỈNH``) are
written back in full; place names are kept as read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from verify.gazetteer import (
    ends_with_unit_word,
    is_unit_word,
    key,
    look_up,
    unit_in,
    with_unit_word_written,
)
from verify.lexicon import phrase_across, phrase_cut_short
from verify.textlayer import DOUBTED, Line
from verify.vntext import (
    clean_value,
    fold,
    is_syllable,
    letters,
    one_edit,
    similar,
    undouble_letters,
    without_stray_glyphs,
)

# Words that begin an agency's name, as written (OCR puts their diacritics back from
# these); a header line starting with one of them starts a new agency.
_HEADS_WRITTEN = tuple(
    unicodedata.normalize("NFC", h)
    for h in (
        "ủy ban",
        "uỷ ban",
        "ubnd",
        "hội đồng",
        "hđnd",
        "sở ",
        "phòng ",
        "ban ",
        "văn phòng",
        "trung tâm",
        "trường ",
        "công an",
        "bộ ",
        "cục ",
        "tổng cục",
        "chi cục",
        "viện ",
        "thanh tra",
        "kho bạc",
        "bhxh",
        "bảo hiểm",
        "đảng ủy",
        "đảng uỷ",
        "mặt trận",
        "đoàn ",
        "hội ",
        "bệnh viện",
        "trạm ",
        "chi nhánh",
        "ngân hàng",
        "công ty",
        "tổ ",
        "học viện",
        "đại học",
        "tỉnh ủy",
        "huyện ủy",
        "thành ủy",
        "quận ủy",
        "bch ",
        "ban chỉ huy",
        "thường trực",
        "đảng bộ",
        "chi bộ",
        "công đoàn",
        "liên đoàn",
    )
)
AGENCY_HEADS = tuple(dict.fromkeys(fold(head) for head in _HEADS_WRITTEN))
"""The same words folded (``ủy ban`` → ``uy ban``), to match any reading of them."""

# Generic words of agency names, as they must be written; matched folded.
_GENERIC = (
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "ỦY BAN MẶT TRẬN TỔ QUỐC",
    "THÔNG TIN VÀ TRUYỀN THÔNG",
    "VĂN PHÒNG",
    "TRUNG TÂM",
    "THỊ TRẤN",
    "THỊ XÃ",
    "THÀNH PHỐ",
    "PHƯỜNG",
    "HUYỆN",
    "TỈNH",
    "QUẬN",
    "SỞ",
    "XÃ",
)
_LEVEL_AFTER = re.compile(r"^(ubnd|hdnd|uy ban nhan dan|hoi dong nhan dan)$")


def is_agency_name(text: str) -> bool:
    """Whether ``text`` begins the way an agency's name does (``ỦY BAN``, ``SỞ``, ``BAN``...).

    Diacritics count where the text has them (``BẢN TIN`` is not ``BAN``);
    a head read by OCR without them (``UY BAN``) is matched without.
    """
    lower = unicodedata.normalize("NFC", text).lower().strip() + " "
    for head in _HEADS_WRITTEN:
        part = lower[: len(head)]
        if part == head or (part.isascii() and part == fold(head)):
            return True
    return False


def split_agencies(lines: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """(parent lines, agency lines) from the agency block, top to bottom.

    A short OCR line that Tesseract doubts in every word (the rule under the
    agency, a speck) is not part of a name, nor is one read over the line above.
    """
    kept: list[Line] = []
    for line in lines:
        above = kept[-1] if kept else None
        if letters(line.text) >= 2 and not _doubtful(line, above) and not _read_over(line, above):
            kept.append(line)
    lines = kept
    if not lines:
        return [], []
    weights = {line.bold for line in lines}
    if None not in weights and len(weights) == 2 and lines[-1].bold:
        cut = len(lines)
        while cut > 0 and lines[cut - 1].bold:
            cut -= 1
        if all(not line.bold for line in lines[:cut]):
            return list(lines[:cut]), list(lines[cut:])
    groups: list[list[Line]] = []
    for line in lines:
        if not groups or (_starts_name(line) and not _wants_name(groups[-1][-1])):
            groups.append([line])
        else:
            groups[-1].append(line)
    parent = [line for group in groups[:-1] for line in group]
    return parent, groups[-1]


def _starts_name(line: Line) -> bool:
    """A line that begins an agency's name: its first words are an agency's (``ỦY BAN``,
    ``PHÒNG``…) and more follow them.

    A text layer's marks are exact, so there the words must be written as an
    agency's are: ``PHONG`` or ``BẢN`` is a unit's name, not ``PHÒNG`` or
    ``BAN``; only OCR (or a text without any mark) is matched without them.
    And a head alone on its line (``PHONG`` under ``… XÃ HẢI``) is the end of
    the name above it: no agency is called ``PHÒNG`` and nothing else.
    """
    text = clean_value(line.text)
    if ocr := any(word.confidence is not None for word in line.words):
        text = without_stray_glyphs(text)  # ``ˆ` ÙY BAN …``: a speck read before it
    folded = fold(text).strip() + " "
    head = next((h for h in AGENCY_HEADS if folded.startswith(h)), None)
    if head is None and ocr:
        head = _generic_head(folded)
    if head is None or len(folded.split()) <= len(head.split()):
        return False
    if ocr or text.isascii():
        return True
    return unicodedata.normalize("NFC", text).lower().startswith(_HEADS_WRITTEN)


def _wants_name(line: Line) -> bool:
    """A line that ends with a unit word (``ỦY BAN NHÂN DÂN HUYỆN``): the unit's name is
    on the next line, even one that begins like an agency (``HỘI AN``, ``BAN CÔNG``)."""
    return ends_with_unit_word(clean_value(line.text))


def _doubtful(line: Line, above: Line | None) -> bool:
    """A speck or the rule under the name, not a word of it: one or two words that
    Tesseract doubts, unless they end the name above (:func:`_ends_name`)."""
    confidences = [w.confidence for w in line.words if w.confidence is not None]
    if not (confidences and len(line.words) <= 2 and max(confidences) < DOUBTED):
        return False
    return not _ends_name(line, above)


def _read_over(line: Line, above: Line | None) -> bool:
    """An OCR line that starts in the upper half of the line above and lies within its
    width: not a line of its own but the rule under a name, which a scan skewed by a
    degree or two makes Tesseract read as syllables over the name's letters
    (``V ĐÀN HƯ`` under ``… HUYỆN ĐẦM DƠI``), however sure it is of them. A name's
    next line starts a line's height lower."""
    return (
        above is not None
        and any(word.confidence is not None for word in line.words)
        and line.top < above.top + 0.5 * above.height
        and above.x0 <= line.x0
        and line.x1 <= above.x1
    )


def _ends_name(line: Line, above: Line | None) -> bool:
    """Syllables centred right under the line above, or beside it on its row
    (:meth:`Line.beside`: ``THƯỚC`` a word or two after ``UBND HUYỆN``, Tesseract having
    lost ``BÁ`` between them), that complete its name: the last line of a name, which
    the rule drawn through or under it made Tesseract doubt (``THONG`` or ``THHÔNG``
    under ``… TRUYỀN``, ``PO`` under ``… XÃ EA``, ``HUYỆN TÂNUYÊN`` under ``ỦY BAN NHÂN
    DÂN``: :func:`_names_a_unit`). Its marks and letters are put back by
    the phrases and the units' list.

    Completing means a fixed phrase or a unit's name that runs on from the line above
    into this one; on a scan skewed by a degree or two Tesseract also reads the rule
    under a complete name as syllables of its own (``TY NU`` under ``… TRUYỀN THÔNG``,
    ``AA`` under ``… XÃ VĨNH THUẬN``), which complete nothing.
    """
    if above is None:
        return False
    below = line.top - above.bottom < 1.5 * above.height and above.x0 <= line.centre <= above.x1
    if not (below or above.beside(line)) or line.height <= 0.5 * above.height:
        return False  # not under the name or beside it, or a speck's size
    name = clean_value(above.text)
    if _LEVEL_AFTER.search(fold(name).strip()):
        return _names_a_unit(line)
    return all(
        is_syllable(undouble_letters(clean_value(word.text))) for word in line.words
    ) and _completes(name, clean_value(line.text))


def _names_a_unit(line: Line) -> bool:
    """Under a local body named alone (``ỦY BAN NHÂN DÂN``), whose unit must follow: a
    line that names a unit the list knows, OCR's glued words cut into syllables first
    (``HUYỆN TÂNUYÊN``) and the unit word's marks put back (``XAXUÂNAN``). Glyphs that
    only make syllables once cut (``XÃ TIÂN TIẾN``) are no unit's name, and are left."""
    unit = with_unit_word_written(clean_value(line.text, glued=True))
    return unit_in(unit) is not None and look_up(unit) is not None


def _completes(name: str, more: str) -> bool:
    """``more`` may end the name begun on the line above: that name stops inside a fixed
    phrase (``… VÀ TRUYỀN``) or at ``VÀ``, a phrase runs across the two, or the name
    ends with a unit word or names a unit the list does not know as it stands
    (``… XÃ EA``, ``… XÃ TÂY``: the rest of the unit's name is below), or one it knows
    that runs on into a longer one it knows too (``… XÃ THANH`` and ``NHẬT``: Thanh Nhật)."""
    if phrase_cut_short(name) or phrase_across(name, more) or fold(name).endswith(" va"):
        return True
    if ends_with_unit_word(name):
        return True
    if unit_in(name) is None:
        return False
    return look_up(name) is None or look_up(f"{name} {more}") is not None


_UY_LOST = re.compile(r"^ban nhan dan (?:xa|huyen|tinh|phuong|quan|thi tran|thi xa|thanh pho)\b")


def with_lost_head(name: str) -> str | None:
    """``BAN NHÂN DÂN XÃ HẠ TRUNG`` → ``ỦY BAN NHÂN DÂN XÃ HẠ TRUNG``: the ``ỦY`` OCR lost
    at the start of the line. A Ban nhân dân is a hamlet's or a quarter's, never named
    with a unit word; None for any other name."""
    if not _UY_LOST.match(fold(name)):
        return None
    return _restore_generic(f"ỦY {name}")


def agency_name(lines: Sequence[Line], *, ocr: bool) -> str | None:
    """The name written on ``lines``, debris removed; generic words restored after OCR."""
    text = clean_value(" ".join(line.text for line in lines), glued=ocr)
    if ocr:
        text = _SPECK_AFTER_UBND.sub(" ", _SPECK_BEFORE_UBND.sub("", text))
        text = _SIGN_AFTER_WORD.sub("", text)
        text = _restore_generic(_strip_lowercase_tail(without_stray_glyphs(text)))
        text = _ubnd_misread(text)
    return text or None


def _ubnd_misread(text: str) -> str:
    """``LBND HUYỆN THANH BÌNH`` → ``UBND HUYỆN THANH BÌNH``: four capitals one letter off
    ``UBND`` before a unit word are the abbreviation, a letter of it misread."""
    first, *rest = text.split() or [""]
    if first == "UBND" or len(first) != 4 or not first.isupper() or not rest:
        return text
    if not any(is_unit_word(" ".join(rest[:n])) for n in (1, 2)):
        return text
    return " ".join(["UBND", *rest]) if one_edit(fold(first), "ubnd") else text


_SPECK_BEFORE_UBND = re.compile(r"^\S(?=UBND\b)")
"""A speck or a rule's end read as a letter glued before ``UBND`` (``LUBND``, ``JUBND``):
no word ends so, and the name begins at ``UBND``."""
_SPECK_AFTER_UBND = re.compile(r"(?<=^UBND)[.,:;_]+(?=\w)")
"""A speck read as a stop between ``UBND`` and the next word (``UBND.TÍNH HUẾ``)."""
_SIGN_AFTER_WORD = re.compile(r"(?<=\w)[:;]+(?=\s)")
"""A speck read as a colon or semicolon after a word inside the name (``UBND TĨNH: ĐỒNG
THÁP``): no agency's name is so punctuated."""


def _strip_lowercase_tail(text: str) -> str:
    """Agency names are in capitals: trailing lower-case or one-letter tokens are dust,
    but for the letter that ends a unit's name (``HUYỆN CHÂU THÀNH A``)."""
    words = text.split()
    while words and (not any(c.isupper() for c in words[-1]) or letters(words[-1]) < 2):
        if words[-1].isupper() and _ends_unit_name(words):
            break
        words.pop()
    while words and (not any(c.isupper() for c in words[0]) or letters(words[0]) < 2):
        words.pop(0)
    return " ".join(words)


def _ends_unit_name(words: list[str]) -> bool:
    """The last word is the last word of the unit's name the list finds for them."""
    found = look_up(" ".join(words))
    return found is not None and key(found.written).split()[-1:] == key(words[-1]).split()


def _same_phrase(read: str, phrase: str) -> bool:
    """Equal without diacritics; a phrase of three words or more may have one OCR letter
    off, and a letter read twice (``THÔÒNG``: the mark read as a vowel of its own)."""
    a, b = fold(read), fold(phrase)
    if a == b:
        return True
    if len(phrase.split()) < 3:
        return False
    a = undouble_letters(a)
    return a == b or similar(a, b, 0.95) or _one_letter_off(a, b)


def _one_letter_off(read: str, phrase: str) -> bool:
    """One letter read as another (``ly ban nhan dan``: the hook of ``Ủ`` read as ``L``)."""
    return len(read) == len(phrase) and one_edit(read, phrase)


def _generic_head(folded: str) -> str | None:
    """The generic phrase of three words or more a folded OCR line begins with, one letter
    off (``ly ban nhan dan huyen …``); such a phrase says an agency's name begins."""
    for phrase in _GENERIC:
        if len(phrase.split()) >= 3:
            written = fold(phrase)
            start = folded[: len(written)]
            if folded[len(written) : len(written) + 1] == " " and _one_letter_off(start, written):
                return written
    return None


def _restore_generic(text: str) -> str:
    """Generic words written back, up to the unit word: what follows it is the unit's
    name, kept as read (``XÃ VĂN PHONG`` is no ``VĂN PHÒNG``)."""
    words = text.split()
    out: list[str] = []
    i = 0
    named = False
    while i < len(words):
        if named:
            out.extend(words[i:])
            break
        for phrase in _GENERIC:
            size = len(phrase.split())
            chunk = words[i : i + size]
            if len(chunk) < size or not _same_phrase(" ".join(chunk), phrase):
                continue
            level = size == 1
            previous = fold(" ".join(out[-4:])) if out else ""
            if level and not (
                i == 0
                or _LEVEL_AFTER.search(previous)
                or previous.endswith(("ubnd", "hdnd", "nhan dan"))
            ):
                continue  # ``XA`` inside a place name stays as read
            out.append(phrase)
            named = is_unit_word(phrase)
            i += size
            break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)
