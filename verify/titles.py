"""Signers' titles, and a title a scan left in part put back.

Who signs a state body's document is its head or one of the head's deputies,
or the head of its office or of one of its departments (Nghị định 30, Phụ
lục I: ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``, ``TL. GIÁM ĐỐC`` / ``CHÁNH VĂN
PHÒNG``...): the titles form a short, closed list. OCR on a scan may lose
one of a title's words (``PHO TỊCH``) or letters (``HỦ TỊCH``) or read one
letter as another it confuses with it (``GLÁM ĐỐC``); a lost space
(``GIÁMĐỐC``) is cut by ``vntext.clean_value``. A reader who knows the list
sees the title all the same when exactly one title holds the words read, in
their order, with at most one lost, or one letter off; hoso does the same,
and flags the value. A title with words of its own (``PHÓ CHỦ TỊCH THƯỜNG
TRỰC``) or a single word left (``GIÁM``: Giám đốc or Phó Giám đốc?) is kept
as read.
"""

from __future__ import annotations

from functools import lru_cache

from verify.vntext import dropped_letter, edits, fold, in_order, one_letter_confused

_HEADS = (
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "TỔNG GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "CHI CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
    "CHÁNH THANH TRA",
    "TRƯỞNG PHÒNG",
    "TRƯỞNG BAN",
    "BÍ THƯ",
    "HIỆU TRƯỞNG",
    "VIỆN TRƯỞNG",
    "TRƯỞNG ĐOÀN",
    "TỔ TRƯỞNG",
)
TITLES = (*_HEADS, *(f"PHÓ {head}" for head in _HEADS if head != "THỨ TRƯỞNG"))
"""Heads and their deputies (a Thứ trưởng is a minister's deputy, and has none)."""
_SHORT_FORMS = ("PHÓ PHÒNG", "PHÓ BAN")
"""Deputies' titles as some bodies print them: a title as it stands, nothing lost."""


@lru_cache(maxsize=1)
def _by_words() -> dict[str, tuple[str, ...]]:
    return {title: tuple(fold(title).split()) for title in TITLES}


@lru_cache(maxsize=1)
def _as_printed() -> frozenset[str]:
    return frozenset(fold(title) for title in (*TITLES, *_SHORT_FORMS))


def known_title(read: str) -> str | None:
    """The list's title that ``read`` is, when OCR lost one of its words or letters
    (``HỦ TỊCH``), read one letter as another it confuses with it (``GLÁM ĐỐC``), read
    a speck between its words as a word of two letters at most (``PHÓ HO CHỦ TỊCH``), or
    cut one of its words in two (``CHỦ TỊ CH``: the word's two pieces read as two lines;
    one piece may be a word of the title, ``PHÒ NG`` after ``PHÓ``), or broke it into
    pieces two letters off at most (``PH 0G LA ÁM ĐỌC``); None when ``read`` is a title
    as it stands, or could be none or several."""
    words = fold(read).split()
    if len(words) < 2 or " ".join(words) in _as_printed():
        return None
    found = [
        title
        for title, title_words in _by_words().items()
        if (len(title_words) - 1 == len(words) and in_order(words, title_words))
        or one_letter_confused(" ".join(words), " ".join(title_words))
        or dropped_letter(" ".join(title_words), " ".join(words)) is not None
        or _one_speck_more(words, title_words)
        or (len(words) > len(title_words) and "".join(words) == "".join(title_words))
        or _read_in_pieces(words, title_words)
    ]
    return found[0] if len(found) == 1 else None


def _one_speck_more(words: list[str], title_words: tuple[str, ...]) -> bool:
    """``words`` are ``title_words`` with one word of two letters at most between two of
    them. Not before or after them: ``… GIÁM ĐỐC SỞ`` is printed so, and ``KT`` before
    a title is its authority."""
    return len(words) == len(title_words) + 1 and any(
        len(words[i]) <= 2 and (*words[:i], *words[i + 1 :]) == title_words
        for i in range(1, len(words) - 1)
    )


_MOST_LETTERS_OFF = 2
_FEWEST_PIECES = 2


def _read_in_pieces(words: list[str], title_words: tuple[str, ...]) -> bool:
    """``words`` are the title's letters broken into pieces, two letters off at most
    (``PH 0G LA ÁM ĐỌC``, ``PH ÓC HỦ TỊ ỊCH``: a scan's marks read apart from their
    letters, an ``O`` read as a zero, an ``I`` as ``LA``).

    At least two of the words read must be no word of the title: a title printed
    with a word of its own (``GIÁM ĐỐC SỞ``, ``Q. GIÁM ĐỐC``) is two letters from
    the list's too, but its words are whole.
    """
    pieces = sum(word not in title_words for word in words)
    if pieces < _FEWEST_PIECES:
        return False
    read = "".join(words).replace("0", "o")
    return edits(read, "".join(title_words)) <= _MOST_LETTERS_OFF
