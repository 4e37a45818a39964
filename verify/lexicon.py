"""Diacritics that OCR got wrong, put back from the fixed phrases of administrative texts.

Tesseract often reads a tone mark as its neighbour (``chuyến đối số`` for
``chuyển đổi số``): the letters are right, the marks are not, and each word
is still a valid syllable, so no spelling rule can tell. A whole phrase can:
``chuyen doi so`` is always ``chuyển đổi số``. The phrases are the fixed
collocations of Nghị định 30 documents and of this domain (document types,
``về việc``, ``ủy ban nhân dân``, ``thành lập``, ``triển khai``...), two
words or more, matched whole and without diacritics; a single word is never
changed (``đối``/``đổi`` both exist), nor are names of people or places.
In a phrase of three words or more, one vowel OCR read as another (``nần
tảng số``) is put back too: the other words leave no doubt.
(Pairs learnt from the catalogs' text were tried and dropped: pairs across
word boundaries, ``tỷ lệ văn bản``, turned ``Lê Văn`` into ``Lệ Văn``.)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from verify.doctypes import TYPE_CODES, UNCODED_TYPES
from verify.vntext import fold, undouble_letters, undouble_vowels, vowel_read_twice

_PHRASES = (
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Mặt trận Tổ quốc",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập Tự do Hạnh phúc",
    "thông tin và truyền thông",
    "Ban Chỉ đạo",
    "Tổ công nghệ số cộng đồng",
    "chuyển đổi số",
    "nền tảng số",
    "công nghệ số",
    "chính quyền số",
    "kinh tế số",
    "xã hội số",
    "công dân số",
    "dịch vụ công trực tuyến",
    "về việc",
    "thành lập",
    "triển khai",
    "đôn đốc",
    "hướng dẫn",
    "tăng cường",
    "đẩy mạnh",
    "phê duyệt",
    "sơ kết",
    "rà soát",
    "kiện toàn",
    "thực hiện",
    "kết quả",
    "tình hình",
    "kết luận",
    "đề nghị",
    "công nhận",
    "đạt chuẩn chuyển đổi số",
    "đạt chuẩn nông thôn mới",
    "dự hội nghị",  # what a GIẤY MỜI invites to
    "hội nghị",
    "cuộc họp",
    "buổi làm việc",
    "ban hành",
    "quy chế",
    "tổ chức",
    "hoạt động",
    "nhiệm vụ",
    "đánh giá",
    "thẩm định",
    "kiểm tra",
    "tổng kết",
    "tiêu chí",
    "phó chủ tịch",
    "chủ tịch",
    "phó giám đốc",
    "giám đốc",
    "chánh văn phòng",
    "trưởng phòng",
    "văn phòng",
    "nơi nhận",
    "như trên",
    *TYPE_CODES,
    *UNCODED_TYPES,
)
_WORD = re.compile(r"[^\W\d_]+(?:0[^\W\d_]*)*", re.UNICODE)
"""A word: letters, among which OCR may have read an ``o`` as a zero (``s0`` in ``nền tảng
s0``), which a phrase's word replaces when the phrase matches."""


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Folded words of each phrase → its written words (lower case), longest first."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for phrase in sorted(_PHRASES, key=lambda p: -len(p.split())):
        words = tuple(w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", phrase)))
        if len(words) >= 2:
            table.setdefault(tuple(_key(w) for w in words), words)
    return table


MIN_WORDS_FOR_A_VOWEL = 3
"""Words of a phrase at least, for one of them to be matched with a vowel OCR misread."""
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1)
def _phrases_but_one() -> dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]:
    """Each phrase of three words or more with one word left out (``*``) → the phrase's
    written words and the folded word left out."""
    table: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
    for key, words in _phrases().items():
        if len(key) >= MIN_WORDS_FOR_A_VOWEL:
            for j, left_out in enumerate(key):
                wild = (*key[:j], "*", *key[j + 1 :])
                table.setdefault(wild, []).append((words, left_out))
    return table


def _one_vowel_apart(read: str, known: str) -> bool:
    """``nan`` and ``nen``: the same letters but one vowel for another (``nền`` read
    ``nần``), which no mark can explain. Words of three letters or more: in a shorter
    one a vowel is half the word (``kinh tế sa sút`` is no ``kinh tế số``)."""
    if len(read) != len(known) or len(read) < 3:
        return False
    apart = [(a, b) for a, b in zip(read, known, strict=True) if a != b]
    return len(apart) == 1 and apart[0][0] in _VOWELS and apart[0][1] in _VOWELS


def _phrase_at(folded: list[str]) -> tuple[str, ...] | None:
    """The written words of the phrase ``folded`` is, exactly or, for a phrase of three
    words or more, with one vowel of one word misread (``nan tang so`` → ``nền tảng số``)."""
    exact = _phrases().get(tuple(folded))
    if exact is not None or len(folded) < MIN_WORDS_FOR_A_VOWEL:
        return exact
    found = {
        words
        for j in range(len(folded))
        for words, left_out in _phrases_but_one().get((*folded[:j], "*", *folded[j + 1 :]), ())
        if _one_vowel_apart(folded[j], left_out)
    }
    return found.pop() if len(found) == 1 else None


def _key(word: str) -> str:
    """A word as phrases are matched: folded, a letter OCR read twice once (``ĐOỌC`` is
    ``doc``; no word of a phrase doubles a letter), a zero among its letters an ``o``."""
    return undouble_letters(fold(word).replace("0", "o"))


def restore_diacritics(text: str) -> str:
    """``chuyến đối số`` → ``chuyển đổi số``; words outside a known phrase are kept.

    A word of a phrase that OCR split in two at a vowel it read twice
    (``TRUYỂ ÊN THÔNG``) is joined first, but only when the joined word then
    completes a phrase: elsewhere two words may well meet at the same vowel
    (``Hòa An``).
    """
    text = _rejoin_split_words(text)
    restored, _ = _restore(text)
    return _YEAR_WORD.sub(_year_word, restored)


_YEAR_WORD = re.compile(r"\b([^\W\d_]{3})(?=\s+(?:19|20)\d\d\b)")
"""A word of three letters before a year: ``năm`` (``năm 2024``) when it folds so."""


def _year_word(match: re.Match[str]) -> str:
    """``nắm 2024`` → ``năm 2024``: before a year, ``nam`` with any mark but a breve is
    ``năm`` misread (no ``nằm``, ``nấm``… comes before a year). Bare ``nam`` is left: it
    is a word (``phía nam``), and the place names ``Nam`` end with it."""
    word = match.group(1)
    if fold(word) != "nam" or word.lower() in ("nam", "năm"):
        return word
    return _same_case(word, "năm")


def phrase_across(before: str, after: str) -> bool:
    """Whether a fixed phrase begins in ``before`` and ends in ``after`` (``… TRUYỀN`` and
    ``THONG``: ``thông tin và truyền thông``), whatever OCR did to its marks."""
    _, phrases = _restore(f"{before} {after}")
    return any(start < len(before) < end for start, end in phrases)


def phrase_cut_short(text: str) -> bool:
    """Whether ``text`` ends with the first two words or more of a fixed phrase, not all of
    them (``SỞ THÔNG TIN VÀ TRUYỀN``): the phrase goes on after it."""
    return bool(_phrases_begun(text, 2))


MIN_WORDS_FOR_A_REST = 3
"""Words of a phrase read at least, for the rest of it to be written after them."""


def phrase_rest(text: str) -> str | None:
    """The words that end the fixed phrase ``text`` stops inside (``SỞ THÔNG TIN VÀ
    TRUYỀN`` → ``thông``), written with their marks in lower case; None when it stops
    inside none, or inside phrases that end differently. The longest beginning
    matched decides (``… TIN VÀ TRUYỀN`` begins one phrase only), and it must be
    three words at least: two may end a name of their own (``PHÒNG VĂN HÓA VÀ
    THÔNG TIN`` is complete)."""
    found = _phrases_begun(text, MIN_WORDS_FOR_A_REST)
    if not found:
        return None
    longest = max(size for size, _ in found)
    rests = {rest for size, rest in found if size == longest}
    return rests.pop() if len(rests) == 1 else None


def _phrases_begun(text: str, least: int) -> list[tuple[int, str]]:
    """For each fixed phrase whose first words, ``least`` of them or more but not all,
    end ``text``: how many words of it ``text`` ends with (the most), and its rest."""
    words = [_key(w) for w in _WORD.findall(text)]
    found: list[tuple[int, str]] = []
    for key, written in _phrases().items():
        for size in range(min(len(key) - 1, len(words)), least - 1, -1):
            if tuple(words[-size:]) == key[:size]:
                found.append((size, " ".join(written[size:])))
                break
    return found


def phrase_head(text: str) -> str | None:
    """The first word of the fixed phrase whose rest ``text`` begins with, lost before it
    (``luận của Chủ tịch …`` → ``kết``, ``khai chuyển đổi số …`` → ``triển``), in lower
    case; None when ``text`` begins with a whole phrase itself (``kết luận`` is no rest
    of ``tổng kết``), with no phrase's rest, or with those of several phrases (``nghị``
    ends ``đề nghị`` and ``hội nghị``)."""
    words = [_key(w) for w in _WORD.findall(text)]
    phrases = _phrases()
    if any(tuple(words[: len(key)]) == key for key in phrases):
        return None
    heads = {
        written[0] for key, written in phrases.items() if tuple(words[: len(key) - 1]) == key[1:]
    }
    return heads.pop() if len(heads) == 1 else None


MIN_WORDS_FOR_A_LOST_WORD = 5
"""Words of a phrase at least for one lost inside it to be put back: four read in its
order leave no other phrase."""


@lru_cache(maxsize=1)
def _phrases_with_a_word_lost() -> dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]]:
    """Each phrase of five words or more without one of its inner words → the phrase's
    written words and where the word lost stood."""
    table: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = {}
    for key, written in _phrases().items():
        if len(key) >= MIN_WORDS_FOR_A_LOST_WORD:
            for j in range(1, len(key) - 1):
                table.setdefault((*key[:j], *key[j + 1 :]), []).append((written, j))
    return table


def with_lost_word(text: str) -> str | None:
    """``SỞ THÔNG VÀ TRUYỀN THÔNG`` → ``SỞ THÔNG TIN VÀ TRUYỀN THÔNG``: a fixed phrase of
    five words or more read with one word inside it lost (a blur, a speck over it), the
    word put back in the text's case; None when no such phrase is read so, or several."""
    words = list(_WORD.finditer(text))
    keys = [_key(w.group()) for w in words]
    lost = _phrases_with_a_word_lost()
    found: set[str] = set()
    for size in {len(rest) for rest in lost}:
        for i in range(len(keys) - size + 1):
            for written, j in lost.get(tuple(keys[i : i + size]), ()):
                at = words[i + j].start()
                word = _same_case(words[i + j - 1].group(), written[j])
                found.add(f"{text[:at]}{word} {text[at:]}")
    return found.pop() if len(found) == 1 else None


def head_cut_short(text: str) -> str | None:
    """The first word of the fixed phrase ``text`` begins with, read without its first
    letters (``ết luận của …``: the ``K`` of ``Kết`` lost at the scan's edge) → ``kết``,
    in lower case; None when ``text`` begins with a whole phrase, or the words after the
    first are no phrase's rest, or those of several phrases."""
    return _word_cut_short(text, at_start=True)


def tail_cut_short(text: str) -> str | None:
    """The last word of the fixed phrase ``text`` ends with, read without its last
    letters (``… về chuyển đổi s``: ``ố`` lost at the scan's edge) → ``số``; None as
    :func:`head_cut_short` is, at the other end."""
    return _word_cut_short(text, at_start=False)


def _word_cut_short(text: str, *, at_start: bool) -> str | None:
    """:func:`head_cut_short`, or with words and phrases read from the end the same."""
    step = 1 if at_start else -1
    words = [_key(w) for w in _WORD.findall(text)][::step]
    phrases = {key[::step]: written[::step] for key, written in _phrases().items()}
    if not words or any(tuple(words[: len(key)]) == key for key in phrases):
        return None
    found = {
        written[0]
        for key, written in phrases.items()
        if tuple(words[1 : len(key)]) == key[1:]
        and (key[0].endswith(words[0]) if at_start else key[0].startswith(words[0]))
    }
    return found.pop() if len(found) == 1 else None


MAX_REJOINED = 8
"""Split words joined in one value at most (each join re-reads the phrases)."""


def _rejoin_split_words(text: str) -> str:
    for _ in range(MAX_REJOINED):
        matches = list(_WORD.finditer(text))
        _, before = _restore(text)
        for first, second in pairwise(matches):
            if text[first.end() : second.start()].strip() or not vowel_read_twice(
                first.group()[-1], second.group()[0]
            ):
                continue
            if _covered(first.start(), before):
                continue  # already a phrase's word (``KẾT QUẢ Ả``): nothing was split
            joined = undouble_vowels(first.group() + second.group())
            candidate = text[: first.start()] + joined + text[second.end() :]
            _, phrases = _restore(candidate)
            if _covered(first.start(), phrases):
                text = candidate
                break
        else:
            return text
    return text


def _covered(at: int, phrases: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in phrases)


def _restore(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with each known phrase's diacritics put back, and where the phrases are."""
    table = _phrases()
    longest = max(len(k) for k in table)
    matches = list(_WORD.finditer(text))
    folded = [_key(m.group()) for m in matches]
    replaced: dict[int, str] = {}
    phrases: list[tuple[int, int]] = []
    i = 0
    while i < len(matches):
        for size in range(min(longest, len(matches) - i), 1, -1):
            span = matches[i : i + size]
            if any(text[a.end() : b.start()].strip() for a, b in pairwise(span)):
                continue  # punctuation inside: not one phrase
            words = _phrase_at(folded[i : i + size])
            if words is None:
                continue
            phrases.append((span[0].start(), span[-1].end()))
            for match, word in zip(span, words, strict=True):
                if match.group().lower() != word:
                    replaced[match.start()] = _same_case(match.group(), word)
            i += size
            break
        else:
            i += 1
    if not replaced:
        return text, phrases
    out = []
    last = 0
    for match in matches:
        if match.start() in replaced:
            out.append(text[last : match.start()])
            out.append(replaced[match.start()])
            last = match.end()
    out.append(text[last:])
    return "".join(out), phrases


def _same_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_FAMILY_NAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào "
    "Cao Lâm Trịnh Mai Lương Tạ Hà Tô Vương Triệu Quách Lưu Thái Phùng Kiều Từ Chu "
    "Tăng Lại Nông Lò Hứa Châu Doãn Khổng Nghiêm Tôn Thân Âu La Giang Kim Quan Hầu "
    "Mạc Đoàn Tống Diệp Cù Ông Lục Đàm Đồng Bế Khúc Nhữ Ninh Lã Thạch Trương Vi Ma "
    "Sầm Mông Đới Bạch Văn Yên Ứng Ưng Cấn Hàn Lường Quang Đèo "
    # families of the H'Mông, Thái, Dao, Tày… of the northern provinces
    "Tòng Giàng Vừ Vì Mã Quàng Phàn Lô Hờ Cứ Lỳ Ly Sùng Thào Lầu Mùa Hạng Vàng Lù Tẩn "
    "Sìn Chảo Bàn Lãnh Sa Khà Cầm Lừ Pờ Chẻo Xồng"
)
SURNAMES = frozenset(_FAMILY_NAMES.split())
"""Vietnamese family names: a signer's full name starts with one."""


@lru_cache(maxsize=1)
def _surnames_by_letters() -> dict[str, str | None]:
    """Each surname by its folded letters; None where two surnames share them."""
    table: dict[str, str | None] = {}
    for name in sorted(SURNAMES):
        key = fold(name)
        table[key] = name if table.get(key, name) == name else None
    return table


def restore_surname(name: str) -> str:
    """``Định Văn Khải`` → ``Đinh Văn Khải``: a family name whose tone mark OCR misread.

    Changed only when the first word is no family name as read and its letters
    are those of exactly one (``Định``, ``Đỉnh`` → ``Đinh``; ``Vi`` and ``Vì`` share
    theirs, so ``Vị`` is not guessed); given names are left as read
    (``Đức``/``Đúc`` are both names' syllables). The caller flags the change.
    """
    first, _, rest = name.partition(" ")
    if not rest or name.isascii() or first.title() in SURNAMES:
        return name  # one word, or every mark lost (``Nguyen Van A``): left as read
    known = _surnames_by_letters().get(fold(first))
    if known is None:
        return name
    return f"{known.upper() if first.isupper() else known} {rest}"
