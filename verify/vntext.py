"""What hoso knows of written Vietnamese, to read values the way a person would.

- ``fold``/``compact``: a lowercase ASCII skeleton for matching (OCR that
  drops a diacritic still matches), one character per input character so
  positions found in the folded text cut the original.
- ``is_syllable``: Vietnamese words are written one syllable at a time, and
  a syllable is an onset, a vowel nucleus and a coda from short closed lists,
  with a tone that a stop coda (-c, -ch, -p, -t) restricts to sắc or nặng.
  OCR of a tightly set line glues syllables (``XÃTRÚCSƠN``); ``respace``
  cuts such a token back into syllables when exactly that reading is valid.
- ``clean_value``: OCR debris around and inside a value (``_``, ``|``, ``~``,
  quotes, stray dots, lone letters of dust) removed, spaces normalised.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

# Onsets of standard Vietnamese, longest first; ethnic place names (Cư Jút,
# Krông Nô, Đắk Lắk) add a few that are accepted at a small cost.
_ONSETS = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x".split()  # noqa: SIM905
_FOREIGN_ONSETS = ("kr", "bl", "dr", "j", "f", "w", "z")
# Nuclei ending in a glide take no coda (``ai``, ``ươi``); the others may.
_OPEN_NUCLEI = frozenset(
    "uya uyu iêu yêu ươi ươu uôi oai oay oao oeo uây ưa ua ia ai ao au ay âu ây eo êu iu "  # noqa: SIM905
    "oi ôi ơi ui ưi ưu".split()
)
_CLOSED_NUCLEI = "uyê iê yê ươ uô oa oă oe oo uy uơ uê uâ a ă â e ê i o ô ơ u ư y".split()  # noqa: SIM905
_NUCLEI = sorted({*_OPEN_NUCLEI, *_CLOSED_NUCLEI}, key=lambda n: (-len(n), n))
"""Longest first, so that ``uyê`` is tried before ``u``."""
_CODA_NEEDED = frozenset("ă â oă uâ iê yê uyê uô ươ".split())  # noqa: SIM905
"""Nuclei no syllable ends with (``dân``, ``tiền``, never ``dâ`` or ``tiề``: those end
``ia``, ``ua``, ``ưa``)."""
_CODAS = ("ng", "nh", "ch", "c", "m", "n", "p", "t")
_STOP_CODAS = ("c", "ch", "p", "t")
_TONE_MARKS = {
    "\u0300": "huyen",
    "\u0301": "sac",
    "\u0303": "nga",
    "\u0309": "hoi",
    "\u0323": "nang",
}

ABBREVIATIONS = frozenset(
    "UBND HĐND HDND MTTQ UBMTTQ TTTT TT&TT STTTT BHXH CNTT VP TP TX KT TM TL TUQ QĐ ĐCSVN "  # noqa: SIM905
    "CHXHCN VN BCĐ BCH HĐ".split()
)
"""Tokens written in capitals that are not syllables (kept whole by ``respace``)."""


@lru_cache(maxsize=1)
def _abbreviations_folded() -> dict[str, str]:
    """Each abbreviation by its folded letters, so OCR's ``ƯBND`` is known as ``UBND``."""
    table: dict[str, str] = {}
    for abbreviation in sorted(ABBREVIATIONS, key=lambda a: ("Đ" not in a, a)):
        table.setdefault(fold(abbreviation), abbreviation)
    return table


def abbreviation(token: str) -> str | None:
    """The abbreviation ``token`` reads as (its written form), or None.

    Only tokens of three letters or more are matched without diacritics: a
    diacritic on ``UBND`` is an OCR slip, while two-letter tokens (``TỜ``) are
    too easily real words.
    """
    if token.upper() in ABBREVIATIONS:
        return token.upper()
    if len(token) < 3:
        return None
    return _abbreviations_folded().get(fold(token))


def fold(text: str) -> str:
    """Lowercase ASCII skeleton of Vietnamese text, one character per input character.

    ``Ủy ban`` → ``uy ban``, ``Đ`` → ``d``. Length is preserved (input is
    NFC-normalised first by the caller), so an index in the folded text is an
    index in the original.
    """
    if text.isascii():
        return text.lower()
    return text.translate(_fold_table())


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Every Latin letter up to the Vietnamese block, to its lowercase base letter."""
    table = {}
    for code in range(0x00C0, 0x1F00):
        char = chr(code)
        if char in "đĐÐð":
            table[code] = "d"
            continue
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1:
            table[code] = base
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


YEAR = re.compile(r"(?:19|20)\d\d")
"""A year of a document's date, as digits."""


_OCR_CONFUSED = frozenset(
    {("i", "t"), ("i", "l"), ("i", "1"), ("o", "0"), ("o", "q"), ("u", "v"), ("f", "t")}
)
"""Letters Tesseract reads one for the other in small capitals (folded, either way). No
Vietnamese word has an ``F``: in a Vietnamese code it is a ``T`` whose foot was lost."""


def one_letter_confused(read: str, known: str) -> bool:
    """``read`` is ``known`` (both folded) but for one letter OCR confuses with the known
    one (``sttit`` for ``stttt``, ``glam doc`` for ``giam doc``)."""
    return letters_confused(read, known) == 1


def letters_confused(read: str, known: str) -> int | None:
    """How many letters of ``read`` are letters OCR confuses with ``known``'s in their
    place (``stfti`` for ``stttt``: 2), both folded; None when they differ otherwise."""
    if len(read) != len(known):
        return None
    differ = [tuple(sorted(pair)) for pair in zip(read, known, strict=True) if pair[0] != pair[1]]
    return len(differ) if all(pair in _OCR_CONFUSED for pair in differ) else None


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def edits(a: str, b: str) -> int:
    """About how many letters turn ``a`` into ``b``: insertions, deletions and
    substitutions over ``difflib``'s matching blocks (never fewer than the true
    edit distance, so a bound on it is a safe test)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


def dropped_letter(longer: str, shorter: str) -> int | None:
    """Where ``longer`` has the one letter more that ``shorter`` lacks (``chu tich`` and
    ``hu tich``: 0); None when they differ otherwise."""
    if len(longer) != len(shorter) + 1:
        return None
    return next((i for i in range(len(longer)) if longer[:i] + longer[i + 1 :] == shorter), None)


def in_order(items: Iterable[str], within: Iterable[str]) -> bool:
    """Whether ``items`` are items of ``within`` in its order, others skipped (``GIMỜI``'s
    letters in ``GIẤYMỜI``; ``pho tich`` in ``pho chu tich``)."""
    rest = iter(within)
    return all(item in rest for item in items)


@lru_cache(maxsize=4096)
def compact(text: str) -> str:
    """Folded text without spaces or punctuation, for comparing OCR output.

    Cached: the parser compares each line of a page with several names.
    """
    return _NOT_ALNUM.sub("", fold(unicodedata.normalize("NFC", text)))


def similar(a: str, b: str, at_least: float) -> bool:
    """``difflib``'s ratio of ``a`` and ``b`` reaches ``at_least``.

    Its two cheap upper bounds are tried first: most pairs a parser compares
    are far apart, and the full matching is only computed when it can decide.
    """
    matcher = SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= at_least
        and matcher.quick_ratio() >= at_least
        and matcher.ratio() >= at_least
    )


def _split_tone(syllable: str) -> tuple[str, str | None]:
    """``trúc`` → (``truc`` with vowel marks kept, ``sac``): the tone mark taken out."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tone = None
    kept = []
    for char in decomposed:
        if char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)), tone


_VIETNAMESE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâêôơưđ")


def has_foreign_letter(word: str) -> bool:
    """A letter Vietnamese does not write, tone marks aside (``Ö``, ``Ï``, ``Š``): in a
    scan's reading, a speck or a rule that Tesseract took for letters."""
    return any(c.isalpha() and c not in _VIETNAMESE_LETTERS for c in _split_tone(word)[0])


def without_stray_glyphs(text: str) -> str:
    """``ÖÒ Về việc …`` → ``Về việc …``: the first and last words of a value read by OCR
    written with a letter Vietnamese does not write (a rule or a speck Tesseract read
    as letters: ``ÖÒ``, a lone ``ˆ``), left out; one word at least is kept."""
    words = text.split()
    while len(words) > 1 and has_foreign_letter(words[0]):
        words.pop(0)
    while len(words) > 1 and has_foreign_letter(words[-1]):
        words.pop()
    return " ".join(words)


def spelling(text: str, *, bare_stop_is_sac: bool = True) -> tuple[tuple[str, str | None], ...]:
    """Each word as its letters with their vowel marks, and its tone, in any case.

    ``Hoà`` and ``Hòa``, the old and the new place of the tone mark, are one
    spelling; ``Hoa`` and ``Hòa`` are two. A syllable ending in a stop takes
    only the sắc or nặng tone in Vietnamese, so a minority name written
    without the sắc (``Đăk Hà``, the statistics office's list) is the same as
    with it (``Đắk Hà``, most documents) — unless ``bare_stop_is_sac`` is
    False: each tone then as written.
    """
    words = (_split_tone(word) for word in text.split())
    if not bare_stop_is_sac:
        return tuple(words)
    return tuple(_tone_of_stop(*word) for word in words)


def _tone_of_stop(letters: str, tone: str | None) -> tuple[str, str | None]:
    if tone is None and letters.endswith((*_STOP_CODAS, "k")):
        return letters, "sac"
    return letters, tone


@lru_cache(maxsize=4096)
def vowel_read_twice(first: str, second: str) -> bool:
    """Two letters that are one vowel Tesseract read twice (``Ặ`` and ``Ắ`` for ``Ắ``,
    ``E`` and ``Ê`` for ``Ê``).

    Under stacked marks (``Ắ``, ``Ề``) Tesseract sometimes emits two glyphs,
    each with part of the marks. No Vietnamese syllable writes one vowel twice
    (``oo`` of ``xoong``, ``soóc`` aside, so ``o`` is left alone); a pair with
    no mark at all (``ee`` of ``feedback``) is a foreign word, not OCR.
    """
    if not (first.isalpha() and second.isalpha()) or (first.isascii() and second.isascii()):
        return False
    first, second = _vietnamese_marks_only(first), _vietnamese_marks_only(second)
    bare_first, tone_first = _split_tone(first)
    bare_second, _ = _split_tone(second)
    if bare_first == bare_second:
        return bare_first in _SINGLE_VOWELS
    # the first glyph without the vowel's own mark (``TRUYEÊN``): no syllable writes a
    # plain vowel before the same vowel marked (``ưu`` is the marked one first)
    return tone_first is None and _UNMARKED.get(bare_second) == bare_first


_VIETNAMESE_MARKS = frozenset(_TONE_MARKS) | {"\u0302", "\u0306", "\u031b"}
"""The five tone marks, and the circumflex, breve and horn of â, ê, ô, ă, ơ, ư."""


def _vietnamese_marks_only(letter: str) -> str:
    """``Ï`` → ``I``: a mark Vietnamese does not write on a vowel OCR read twice is a
    piece of the other glyph's mark (``VÏ ĨNH``: the tilde of ``Ĩ`` read twice)."""
    decomposed = unicodedata.normalize("NFD", letter)
    kept = "".join(c for c in decomposed if c in _VIETNAMESE_MARKS or not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def _foreign_marked(letter: str) -> bool:
    return _vietnamese_marks_only(letter) != letter


_SINGLE_VOWELS = frozenset("aăâeêiuưyôơ")
"""Vowels never doubled in a written syllable (``o`` is: ``xoong``)."""
_UNMARKED = {"ă": "a", "â": "a", "ê": "e", "ư": "u"}
"""A vowel with its breve, circumflex or horn → the plain letter (``o`` left out, as above)."""


_DOUBLED = re.compile(r"(.)\1+")


def undouble_letters(word: str) -> str:
    """``THHÔNG`` → ``THÔNG``: every letter OCR read twice in a row, once. For matching
    only: no Vietnamese syllable doubles a letter, but names of other peoples may."""
    return _DOUBLED.sub(r"\1", word)


def undouble_vowels(text: str) -> str:
    """``ĐẶẮK`` → ``ĐẮK``: a vowel OCR read twice inside a word, written once.

    The letter kept is the one with a tone mark, the second when both have
    one (the glyph read last carries the whole mark in the cases seen); never
    one with a mark Vietnamese does not write (``KNIÏA`` → ``KNIA``).
    """
    if text.isascii():
        return text
    out: list[str] = []
    for char in text:
        if out and vowel_read_twice(out[-1], char):
            if _foreign_marked(char) or (
                _split_tone(char)[1] is None
                and _split_tone(out[-1])[1] is not None
                and not _foreign_marked(out[-1])
            ):
                continue
            out[-1] = char.upper() if out[-1].isupper() else char.lower()
            continue
        out.append(char)
    return "".join(out)


_BARE_IE = re.compile(
    "(?<!g[i])(?<=[iy])e(?=[\u0300\u0301\u0303\u0309\u0323]?[cmnptu])", re.IGNORECASE
)
"""``e`` after ``i``/``y`` before a final; not after the onset ``gi`` (``gièm``: the vowel is ``e``)."""
_TONES = frozenset(_TONE_MARKS)


def k_before_front_vowel(text: str) -> str:
    """``cết`` → ``kết``: Vietnamese writes ``k``, never ``c``, before ``e``, ``ê``, ``i``
    and ``y``, so a ``c`` there is a ``k`` OCR misread (a ``K`` cut at the scan's edge).
    Only in a word with a Vietnamese mark: ``CEO`` or ``Cisco`` are other languages'."""
    if text.isascii():
        return text
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) >= 2 and word[0] in "cC" and fold(word[1]) in "eiy" and not word.isascii():
            words[i] = ("k" if word[0] == "c" else "K") + word[1:]
    return " ".join(words)


def complete_circumflex(text: str) -> str:
    """``HIẸP`` → ``HIỆP``: the circumflex OCR dropped from ``iê``/``yê`` before a final.

    Vietnamese writes ``ie``/``ye`` followed by a final consonant or ``u`` only as
    ``iê``/``yê`` (``hiệp``, ``tiền``, ``xuyên``, ``yêu``), so the mark is certain —
    but only in a word whose tone mark OCR kept: ``VIET``, all marks lost, may be
    ``Việt`` or ``Viết`` and is left as read.
    """
    if text.isascii():
        return text
    words = []
    for word in text.split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        if _TONES.intersection(decomposed) and _BARE_IE.search(decomposed):
            word = unicodedata.normalize("NFC", _BARE_IE.sub(_with_circumflex, decomposed))
        words.append(word)
    return " ".join(words)


def _with_circumflex(match: re.Match[str]) -> str:
    return match.group() + "\u0302"


@lru_cache(maxsize=4096)
def syllable_cost(token: str) -> float | None:
    """0 for a standard syllable, 0.5 for an ethnic place-name one, None when not a syllable.

    A piece that ends where no word does (``DÂ``, ``TRUYỂ``: its nucleus needs a coda)
    costs 0.5 more: it is only what OCR makes of a word it split at a vowel read twice
    (``TRUYỂ ÊN``, put back whole later). Cutting a glued token, ``DÂNHUYỆN`` is thus
    ``DÂN HUYỆN``, not ``DÂ NHUYỆN``.
    """
    if not token or not token.isalpha():
        return None
    bare, tone = _split_tone(token)
    for onsets, cost in ((("", *_ONSETS), 0.0), (_FOREIGN_ONSETS, 0.5)):
        for onset in onsets:
            if not bare.startswith(onset):
                continue
            rest = bare[len(onset) :]
            if onset == "gi" and rest and rest[0] not in "aăâeêoôơuư":
                rest = "i" + rest  # gì, gìn: the i is the vowel
            if onset == "qu" and not rest:
                continue
            if _rhyme_ok(rest, tone):
                return cost + (0.5 if rest in _CODA_NEEDED else 0.0)
    return None


def _rhyme_ok(rest: str, tone: str | None) -> bool:
    # Vowel marks may be lost to OCR (``HUYEN``): match without them too.
    for nucleus in _NUCLEI:
        if not (rest.startswith(nucleus) or fold(rest).startswith(fold(nucleus))):
            continue
        coda = rest[len(nucleus) :]
        if coda and coda not in _CODAS:
            continue
        if coda in _STOP_CODAS and tone not in (None, "sac", "nang"):
            return False
        if coda and nucleus in _OPEN_NUCLEI:
            continue  # a nucleus ending in a glide (ai, ao, ươi...) takes no coda
        return True
    return False


def is_syllable(token: str) -> bool:
    return syllable_cost(token) is not None


def respace(token: str) -> str:
    """``XÃTRÚCSƠN`` → ``XÃ TRÚC SƠN``; a token that is one word already is returned as is.

    A token is cut only when it is not itself a syllable or a known
    abbreviation and a reading as syllables (and abbreviations) exists; the
    reading with the fewest pieces wins. ``CƯJÚT`` → ``CƯ JÚT``. A known
    abbreviation glued to a name (``UBNDTỈNH``) is cut whatever its letters.
    """
    core = token.strip()
    if len(core) < 4 or not core.isalpha():
        return token
    known = abbreviation(core)
    if known is not None:
        return known
    if is_syllable(core) or (core.isascii() and not core.isupper()):
        # Plain ASCII letters in running text are a loanword or a name as written
        # (``wifi``, ``online``, ``Zalo``, ``camera``, ``TikTok``): they split into
        # Vietnamese-looking syllables but were never glued. In capitals they may
        # be a header whose diacritics OCR dropped (``HUYENVANCHAN``), and are cut.
        return token
    parts = _title_case_parts(core)
    if len(parts) > 1 and all(is_syllable(p) for p in parts):
        return " ".join(parts)  # ``LêVănThanh``: a capital starts each glued word
    pieces = _segment(core)
    return " ".join(pieces) if pieces else token


def _title_case_parts(token: str) -> list[str]:
    parts: list[str] = []
    for i, char in enumerate(token):
        if i and char.isupper() and token[i - 1].islower():
            parts.append("")
        if not parts:
            parts.append("")
        parts[-1] += char
    return parts


def _segment(token: str) -> list[str] | None:
    """The cheapest cut of ``token`` into syllables and abbreviations (None if there is none)."""
    n = len(token)
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for end in range(1, n + 1):
        for start in range(max(0, end - 8), end):
            if best[start] is None:
                continue
            piece = token[start:end]
            known = abbreviation(piece) if len(piece) >= 2 else None
            if known is not None:
                piece, cost = known, 0.9
            else:
                syllable = syllable_cost(piece)
                if syllable is None:
                    continue
                cost = 1.0 + syllable
            base = best[start]
            assert base is not None
            total = base[0] + cost
            current = best[end]
            if current is None or total < current[0]:
                best[end] = (total, [*base[1], piece])
    final = best[n]
    return final[1] if final is not None and len(final[1]) > 1 else None


_DEBRIS_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_INNER_DEBRIS = re.compile(r"\s+[_|~¬`'\"‘’“”«»§$^*=+<>]+(?=\s|$)")


def clean_value(text: str, *, glued: bool = True) -> str:
    """A value as a person writes it: no debris at the ends, single spaces, glued words cut.

    Parentheses and a final ``./.`` are not debris only when balanced; the
    caller strips what its field cannot end with. ``glued``: words may have run
    together (OCR loses spaces) and are cut into syllables (:func:`respace`);
    False for a text layer, whose words are as printed — ``HUOAI`` of ``Đạ Huoai``
    is one word of a minority name, not ``HU OAI``.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("|", " ").replace("_", " ")
    text = _INNER_DEBRIS.sub(" ", " " + text + " ")
    words = [respace(w) if glued else w for w in text.split()]
    text = " ".join(w for w in words if w)
    return _balance_brackets(text, _DEBRIS_EDGE.sub("", text).strip())


def _balance_brackets(text: str, core: str) -> str:
    """``core`` with the brackets stripped from the ends of ``text`` that close (or open)
    one inside it: ``Cổng dịch vụ công quốc gia (DVCQG)`` keeps its ``)``."""
    if not core:
        return core
    start = text.find(core)
    head, tail = text[:start], text[start + len(core) :]
    missing_close = core.count("(") - core.count(")")
    if missing_close > 0:
        core += ")" * min(missing_close, tail.count(")"))
    missing_open = core.count(")") - core.count("(")
    if missing_open > 0:
        core = "(" * min(missing_open, head.count("(")) + core
    return core


def is_upper(text: str) -> bool:
    letters = list(filter(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def letters(text: str) -> int:
    return sum(map(str.isalpha, text))
