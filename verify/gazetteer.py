"""Việt Nam's administrative units by name, to put back tone marks OCR misread in them.

Tesseract reads ``CHƯ SÊ`` as ``CHƯ SE`` and ``BẠCH ĐẰNG`` as ``BẠCH ĐĂNG``:
the letters are right, the marks are not, and each word is still a valid
syllable, so no spelling rule can tell. A reader who knows the country can:
there is a district Chư Sê in Gia Lai and no Chư Se anywhere. The names come
from ``vietnamadminunits`` (MIT; the General Statistics Office's lists):
provinces, districts and communes before 1 July 2025 (63 provinces, three
levels) and after (34 provinces, two levels), since a dossier holds
documents of both.

A name is rewritten only when
- it follows a unit word written as such (``HUYỆN``, ``XÃ``, ``THỊ XÃ``…; a
  ``QUÂN`` or ``TỊNH`` is a name's own word), or is the place of the date line;
- it is no unit's name as read, at any level, in either list (the list itself
  writes ``Mù Cang Chải`` and ``Mù Căng Chải``: both are right); ``Hoà`` and
  ``Hòa``, ``H’Leo`` and ``H'Leo``, ``Bà Rịa-Vũng Tàu`` and ``Bà Rịa - Vũng Tàu``
  are the same spelling, and so are ``Đăk`` and ``Đắk`` (a minority name's
  syllable in ``k`` is written both ways) — not ``Bat`` read for the list's
  ``Bát``: any other stop syllable read without a tone lost it;
- its letters without marks are those of exactly one spelling among the
  units of its level, inside the enclosing units the document names when it
  names known ones (``UBND HUYỆN THANH SƠN`` above ``ỦY BAN NHÂN DÂN XÃ VÕ
  MIỀU``). Two communes ``Tân Hòa`` and ``Tấn Hòa`` in one province: nothing
  is guessed.
Only marks change — tone and vowel marks, the stroke of ``Đ``, an apostrophe
OCR lost (``Cư M Lan``) — and, for the Central Highlands' names, the ``I`` of
``Ia`` that Tesseract reads ``l``. Inside the enclosing units the document
names, and only there, one ``l`` read as ``i`` or the reverse is put back too
(``la Giai`` in a document of Chư Sê's ``XÃ IA GLAI`` → ``Ia Glai``), and so
are one thin letter a scan lost (``TÂY HẾU`` under ``HUYỆN THÁI HÒA`` → ``TÂY
HIẾU``) and one vowel read as another (``Thượng Cót`` under ``HUYỆN BẮC TỪ
LIÊM`` → ``Thượng Cát``), then one consonant read as another (``GIÁ HAI`` under
``UBND TỈNH BẠC LIÊU`` → ``GIÁ RAI``), then one vowel with its marks lost whole
(``GÒ DU`` under ``UBND TỈNH TÂY NINH`` → ``GÒ DẦU``); and a name the list knows
but of no unit inside them is theirs when a speck beside a word made a letter
more (``Phúc Yên`` under ``UBND TỈNH PHÚ YÊN``). A word OCR split at a vowel it
read twice (``Chiê ềng Sơn``) is joined when the list knows the name so joined,
and words OCR glued (``ĐẮKLẮK``) are found when they are the name's words run
together, as is a minority name's word that is no Vietnamese syllable and that
hoso's syllable splitter cut (``ĐẠ HU OAI``). Other letters OCR lost or added
are never made up. A name read with no mark at all gets its marks too: unlike a
person's name, which may be written without them, a unit's name in an
administrative document never is. The caller flags every change for the
reviewer.

The package's data files are read without importing the package, which
would import shapely and geopy for its address geocoding that hoso does not
use.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from verify.vntext import (
    dropped_letter,
    fold,
    is_syllable,
    spelling,
    undouble_vowels,
    vowel_read_twice,
)

logger = logging.getLogger(__name__)

DATA_PACKAGE = "vietnamadminunits"
PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"
ANY_LEVEL = (PROVINCE, DISTRICT, COMMUNE)

_UNIT_WORDS = {
    "tỉnh": (PROVINCE,),
    "thành phố": (PROVINCE, DISTRICT),
    "tp": (PROVINCE, DISTRICT),
    "huyện": (DISTRICT,),
    "quận": (DISTRICT,),
    "thị xã": (DISTRICT,),
    "xã": (COMMUNE,),
    "phường": (COMMUNE,),
    "thị trấn": (COMMUNE,),
    "đặc khu": (COMMUNE,),
}
"""A unit word, as written, and the levels of the units it names."""
_UNITS: dict[Hashable, tuple[str, ...]] = {
    spelling(word): levels for word, levels in _UNIT_WORDS.items()
}
"""The same by spelling: a unit word read without its marks (``XA``, ``QUAN``) is
not taken for one — ``Xa Dung``, ``QUÂN CHU`` are names."""

_LOCAL_BODIES = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd")
"""Bodies named by their unit alone: after them a one-word name is still a unit's name."""

_APOSTROPHES = str.maketrans({c: "'" for c in "’‘`´ʼ"})
_KEY_WORDS = re.compile(r"[a-z0-9]+")
_NAME_WORDS = re.compile(r"[\w']+")
_IA = re.compile(r"^[lL1|][aA]\b")
_IA_GLUED = re.compile(
    r"^[lL1|][aA](?=[A-ZĐ]|[ÀÁẢÃẠÂẤẦẨẪẬĂẮẰẲẴẶÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ])"
)
"""``la``, ``lA``, ``1a``: Tesseract's reading of ``Ia`` (water), which begins the
Jarai and Ê Đê names of the Central Highlands (``Ia Glai``, ``Ia Grai``); ``_IA_GLUED``
the same run into the name's next word, a capital (``laTiêm``)."""


@dataclass(frozen=True)
class Unit:
    """One administrative unit: its name without the unit word, and where it lies."""

    name: str
    level: str
    province: str
    district: str | None = None


@dataclass(frozen=True)
class UnitName:
    """A unit's name in a value: the text before it, the name as read and as written.

    ``written`` is ``read`` when the list knows the name as read, else the one
    spelling the list has for its letters (cased as read).
    """

    head: str
    read: str
    written: str

    @property
    def corrected(self) -> bool:
        return self.written != self.read


def key(name: str) -> str:
    """Letters of a name without marks, case or punctuation (``Cư M’Lan`` → ``cu m lan``:
    OCR loses the apostrophe too)."""
    return " ".join(_KEY_WORDS.findall(fold(_normal(name))))


def _spelled(name: str, *, bare_stop_is_sac: bool = True) -> tuple[tuple[str, str | None], ...]:
    """The spelling of a name, punctuation aside but its apostrophes (``M’Gar`` = ``M'gar``)."""
    words = " ".join(_NAME_WORDS.findall(_normal(name)))
    return spelling(words, bare_stop_is_sac=bare_stop_is_sac)


def _read_as_written(read: str, known: str) -> bool:
    """``read`` is the list's ``known`` name: the same spelling, and no stop syllable the
    list marks read bare.

    ``BAT XÁT`` read where the list writes ``Bát Xát`` is a sắc OCR lost: a
    Vietnamese syllable ending in a stop always carries one. A minority name's
    syllable in ``k`` is another matter: ``Đăk``, ``Lăk``, ``Buk`` are written
    without it as often as with it (the list writes ``Đăk Song`` beside
    ``Đắk Mil``), so either way it is the document's spelling.
    """
    if _spelled(read) != _spelled(known):
        return False
    as_read, as_known = (
        _spelled(read, bare_stop_is_sac=False),
        _spelled(known, bare_stop_is_sac=False),
    )
    return not any(
        tone is None and known_tone is not None and not letters.endswith("k")
        for (letters, tone), (_, known_tone) in zip(as_read, as_known, strict=True)
    )


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_APOSTROPHES)


class Gazetteer:
    """Units by the letters of their names, with the enclosing units' names."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._units = tuple(units)
        self._by_key: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        self._by_letters: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        self._names: dict[str, set[str]] = defaultdict(set)
        self._enclosing: set[str] = set()
        for unit in self._units:
            name_key = key(unit.name)
            self._by_key[(unit.level, name_key)].append(unit)
            self._by_letters[(unit.level, name_key.replace(" ", ""))].append(unit)
            self._names[name_key].add(unit.name)
            if unit.level != COMMUNE:
                self._enclosing.add(name_key)

    def units(self) -> tuple[Unit, ...]:
        return self._units

    def written(self, name: str, levels: Iterable[str], within: Iterable[str] = ()) -> str | None:
        """How the list writes ``name``: ``name`` itself when it knows it as read, else the
        one spelling of its letters among units of ``levels``; None when it cannot tell.

        ``within``: names of enclosing units as the document gives them; those the
        list knows narrow the search to units in a province or district so named.
        """
        levels, within = tuple(levels), tuple(within)
        if any(_read_as_written(name, known) for known in self._names.get(key(name), ())):
            return self._speck_within(name, levels, within) or name
        readings = [name]
        if _IA.match(name) or _IA_GLUED.match(name):
            readings.append(f"I{name[1:]}")
        if (rejoined := _rejoined(name)) != name:
            readings.append(rejoined)
        keys = list(dict.fromkeys(key(reading) for reading in readings))
        found = next(filter(None, (self._units_with_key(k, levels) for k in keys)), [])
        if not found:  # words regrouped (``ĐẮKLẮK``, ``HU OAI``): the same letters
            found = [
                unit
                for k in keys
                for level in levels
                for unit in self._by_letters.get((level, k.replace(" ", "")), ())
                if _joins_words(k, key(unit.name))
            ]
        places = self.enclosing_named(within)
        if places:
            found = _within(found, places)
            if not found:
                found = self._misread_within(keys, levels, places)
        return _one_spelling(found)  # None: unknown, or namesakes with other marks

    def enclosing_named(self, names: Iterable[str]) -> set[str]:
        """The keys of ``names`` that are names of provinces or districts."""
        return {key(name) for name in names} & self._enclosing

    def named(self, name: str, levels: Iterable[str]) -> list[Unit]:
        """The units of ``levels`` whose name is ``name`` as written."""
        return [
            unit
            for unit in self._units_with_key(key(name), tuple(levels))
            if _read_as_written(name, unit.name)
        ]

    def _speck_within(
        self, name: str, levels: tuple[str, ...], within: tuple[str, ...]
    ) -> str | None:
        """``Phúc Yên`` dated by ``SỞ …`` of ``UBND TỈNH PHÚ YÊN``: a name the list knows,
        but of no unit inside the enclosing units the document names (Phúc Yên lies in
        Vĩnh Phúc), which is one of theirs with a letter more at a word's edge, where a
        speck of the scan beside the word is read as one (:func:`_speck_read`). NĐ 30
        has a body date at, and name, units it lies in; so the name is theirs."""
        places = self.enclosing_named(within)
        if not places or _within(self._units_with_key(key(name), levels), places):
            return None
        variants = dict.fromkeys(_speck_read(key(name)))
        found = _within([u for v in variants for u in self._units_with_key(v, levels)], places)
        return _one_spelling(found)

    def _misread_within(
        self, keys: list[str], levels: tuple[str, ...], places: set[str]
    ) -> list[Unit]:
        """The units inside ``places`` whose name the name read (``keys``) is, one letter
        misread: by :func:`_misread`, else :func:`_consonant_misread`, else a vowel with
        its marks lost whole (:func:`_marked_vowel_lost`)."""
        for misread in (_misread, _consonant_misread):
            variants = dict.fromkeys(variant for k in keys for variant in misread(k))
            found = _within([u for v in variants for u in self._units_with_key(v, levels)], places)
            if found:
                return found
        variants = dict.fromkeys(variant for k in keys for variant in _marked_vowel_lost(k))
        return _within(
            [
                unit
                for v in variants
                for unit in self._units_with_key(v, levels)
                if any(_lost_a_marked_vowel(k, unit.name) for k in keys)
            ],
            places,
        )

    def _units_with_key(self, name_key: str, levels: tuple[str, ...]) -> list[Unit]:
        return [u for level in levels for u in self._by_key.get((level, name_key), ())]


def _one_spelling(units: Iterable[Unit]) -> str | None:
    """The name the units share, when they are written one way; else None."""
    spellings = {_spelled(unit.name): unit.name for unit in units}
    return spellings.popitem()[1] if len(spellings) == 1 else None


def _joins_words(read_key: str, name_key: str) -> bool:
    """The words read are the name's, regrouped as OCR and hoso regroup them: words of the
    name run together (``daklak`` of ``dak lak``: OCR lost a space), or a word of the name
    that is no Vietnamese syllable cut in pieces (``hu oai`` of ``huoai``: hoso cuts OCR's
    glued words into syllables, :func:`verify.vntext.respace`), or a letter or two of
    two words read on the other side of the space between them (``hu ngyen`` of
    ``hung yen``: ``ng`` is one consonant). A syllable is never cut, so ``ky ha i``
    (a speck after Kỳ Hà) is no ``ky hai``."""
    read, name = read_key.split(), name_key.split()
    i = j = 0
    while i < len(read) and j < len(name):
        if read[i] == name[j]:
            i, j = i + 1, j + 1
            continue
        glued, end = name[j], j + 1
        while len(glued) < len(read[i]) and end < len(name):
            glued, end = glued + name[end], end + 1
        if glued == read[i]:
            i, j = i + 1, end
            continue
        if (
            i + 1 < len(read)
            and j + 1 < len(name)
            and read[i] + read[i + 1] == name[j] + name[j + 1]
            and abs(len(read[i]) - len(name[j])) <= 2
        ):
            i, j = i + 2, j + 2
            continue
        pieces, end = read[i], i + 1
        while len(pieces) < len(name[j]) and end < len(read):
            pieces, end = pieces + read[end], end + 1
        if pieces != name[j] or is_syllable(name[j]):
            return False
        i, j = end, j + 1
    return i == len(read) and j == len(name)


def _rejoined(name: str) -> str:
    """``Chiê ềng Sơn`` → ``Chiềng Sơn``: a word OCR split at a vowel it read twice, whole."""
    words = name.split()
    out = words[:1]
    for word in words[1:]:
        if vowel_read_twice(out[-1][-1], word[0]):
            out[-1] = undouble_vowels(out[-1] + word)
        else:
            out.append(word)
    return " ".join(out)


_CONFUSED = {"i": "l", "l": "i"}
"""Letters Tesseract takes for one another in a name (``Glai`` read ``Giai``): a lowercase
``l`` and an ``i`` whose dot the scan lost or a speck made."""
_THIN = "iltfjr"
"""Letters narrow enough for a scan to lose whole (``Hiếu`` read ``Hếu``, ``Thít`` ``Thí``)."""
_VOWELS = "aeiouy"
"""A vowel and its marks are small: a scan makes one another (``Cát`` read ``Cót``)."""


def _misread(name_key: str) -> Iterator[str]:
    """``ia giai`` → ``la giai``, ``ia glai``, ``ia gial``; ``tay heu`` → … ``tay hieu``;
    ``thuong cot`` → … ``thuong cat``: one confused letter put back, one thin letter the
    scan lost, or one vowel read as another.

    Tried only inside the enclosing units the document names, where a name
    that is no unit's anywhere is most likely one of theirs misread.
    """
    for i, char in enumerate(name_key):
        other = _CONFUSED.get(char)
        if other is not None:
            yield name_key[:i] + other + name_key[i + 1 :]
    for i in range(len(name_key) + 1):
        for letter in _THIN:
            yield name_key[:i] + letter + name_key[i:]
    for i, char in enumerate(name_key):
        if char in _VOWELS:
            for vowel in _VOWELS.replace(char, ""):
                yield name_key[:i] + vowel + name_key[i + 1 :]


_CONSONANTS = "bcdghklmnpqrstvx"


def _consonant_misread(name_key: str) -> Iterator[str]:
    """``gia hai`` → … ``gia rai``: one consonant read as another, any (a blurred ``R``
    read ``H``). Tried last, when :func:`_misread` finds no unit inside the enclosing
    ones: among their few dozen names, one a consonant off the one read is it."""
    for i, char in enumerate(name_key):
        if char in _CONSONANTS:
            for other in _CONSONANTS.replace(char, ""):
                yield name_key[:i] + other + name_key[i + 1 :]


def _speck_read(name_key: str) -> Iterator[str]:
    """``phuc yen`` → ``huc yen``, ``phu yen``, …: the first or last letter of a word
    dropped, one a speck beside it may have made."""
    words = name_key.split()
    for i, word in enumerate(words):
        if len(word) > 1:
            for rest in (word[1:], word[:-1]):
                yield " ".join((*words[:i], rest, *words[i + 1 :]))


def _marked_vowel_lost(name_key: str) -> Iterator[str]:
    """``go du`` → … ``go dau``: a vowel put back anywhere.

    A vowel with its marks is the tallest glyph of a word (``DẦU``, ``HÓA``,
    ``HƯNG``): on a low scan, a name's last word alone on its line over the rule,
    OCR may drop it whole and read the rest (``DU``, ``HA``, ``HNG``). The units
    found are kept only when the vowel put back bears a mark in their name
    (:func:`_lost_a_marked_vowel`); tried last, inside the units named."""
    for i in range(len(name_key) + 1):
        for vowel in _VOWELS:
            yield name_key[:i] + vowel + name_key[i:]


def _lost_a_marked_vowel(read_key: str, name: str) -> bool:
    """``name`` without one of its vowels that bear a mark has the letters read."""
    return any(
        len(unicodedata.normalize("NFD", char)) > 1
        and key(char) in _VOWELS
        and key(name[:i] + name[i + 1 :]) == read_key
        for i, char in enumerate(_normal(name))
    )


def _inside(unit: Unit, places: set[str]) -> bool:
    return _enclosed(unit, places) or key(unit.name) in places  # the agency's own unit


def _enclosed(unit: Unit, places: set[str]) -> bool:
    return key(unit.province) in places or (
        unit.district is not None and key(unit.district) in places
    )


def _within(units: Iterable[Unit], places: set[str]) -> list[Unit]:
    """``units`` inside ``places``: those whose province or district is one of them
    first, else those bearing a place's name (the agency's own unit, named as the place
    is). Names are matched without marks, so a namesake elsewhere (Hoàng Hoa of Vĩnh
    Phúc) bears the name of Hoằng Hóa too; it is no unit of Thanh Hóa."""
    inside = [u for u in units if _inside(u, places)]
    return [u for u in inside if _enclosed(u, places)] or inside


def is_unit_word(text: str) -> bool:
    """``XÃ``, ``Thị xã``, ``TP.``: a word naming a kind of unit, written with its marks."""
    return _spelled(text) in _UNITS


def ends_with_unit_word(text: str) -> bool:
    """``ỦY BAN NHÂN DÂN XÃ``: a unit word with no name after it (``… CƠ QUAN`` has none)."""
    words = text.split()
    return any(is_unit_word(" ".join(words[-n:])) for n in (2, 1) if len(words) >= n)


def without_unit_word(name: str) -> str:
    """``Thành phố Hồ Chí Minh`` → ``Hồ Chí Minh``: a name written with its unit, without."""
    words = name.split()
    for n in (2, 1):
        if len(words) > n and is_unit_word(" ".join(words[:n])):
            return " ".join(words[n:])
    return name


def look_up(value: str, within: Iterable[str] = (), *, place: bool = False) -> UnitName | None:
    """The unit's name in ``value`` (after its unit word; for the ``place`` of the date
    line, the whole value when it has none), as read and as the list writes it."""
    split = unit_in(value)
    if split is None and not place:
        return None
    head, levels, name = split if split is not None else ("", ANY_LEVEL, value.strip())
    written = gazetteer().written(name, levels, within)
    if written is None:
        return None
    return UnitName(head, name, _cased(written, name))


def enclosing(parent: str, child: str) -> UnitName | None:
    """The unit ``parent`` names, from the unit ``child`` names inside it, when OCR cut
    the parent's name short or read it with one letter more (``UBND TỈNH QUẢNG`` above
    ``ỦY BAN NHÂN DÂN HUYỆN QUẾ SƠN``: Quế Sơn lies in Quảng Nam; ``THỊ XÃ KỲÈ ANH``
    above a commune of Kỳ Anh).

    Only when the child is a unit the list knows as written, every unit so named
    lies in one unit of the parent's level, and the parent's name is that unit's
    cut short at a word, at either end (``THƯỚC`` of ``BÁ THƯỚC``), or with one letter
    more. A parent's name that a unit of its own level bears is as written; one that
    only a unit of another level bears is not (``UBND TỈNH THANH``: Thanh is a commune
    of Quảng Trị, and no province).
    """
    split_parent, split_child = unit_in(parent), unit_in(child)
    if split_parent is None or split_child is None:
        return None
    head, levels, name = split_parent
    if gazetteer().named(name, levels):
        return None
    _, child_levels, child_name = split_child
    units = gazetteer().named(child_name, child_levels)
    around = {
        unit.province if level == PROVINCE else unit.district
        for unit in units
        for level in levels
        if level in (PROVINCE, DISTRICT)
    }
    if len(around) != 1 or None in around:
        return None
    (written,) = around
    assert written is not None
    read, known = key(name), key(written)
    cut = known.startswith(read + " ") or known.endswith(" " + read)
    if not (cut or dropped_letter(read, known) is not None):
        return None
    return UnitName(head, name, _cased(written, name))


def completed_by_place(parent: str, place: str) -> UnitName | None:
    """The unit ``parent`` names cut short at a word (``UBND TỈNH THANH``), completed by
    the place of the date line: the place itself when it is a unit of the parent's
    level whose name begins so (``Thanh Hóa``: a province's department writes its
    province as the place), else the one unit of that level so begun that encloses a
    unit named as the place (``UBND TỈNH QUẢNG`` over a district dated at ``Tây
    Giang``: of the provinces with a unit so named, only Quảng Nam). None when the
    parent's name is a unit of its level as it stands, or several fit."""
    split = unit_in(parent)
    if split is None:
        return None
    head, levels, name = split
    if gazetteer().named(name, levels):
        return None
    units = gazetteer().named(place, ANY_LEVEL)
    candidates = {unit.name for unit in units if unit.level in levels} or {
        around
        for unit in units
        for around in (
            unit.province if PROVINCE in levels else None,
            unit.district if DISTRICT in levels else None,
        )
        if around is not None
    }
    begun = {written for written in candidates if key(written).startswith(key(name) + " ")}
    return UnitName(head, name, _cased(begun.pop(), name)) if len(begun) == 1 else None


def ended_by(text: str, tail: str) -> str | None:
    """The name of the unit ``text`` names (``ỦY BAN NHÂN DÂN HUYỆN BÁ THƯỚC``), as the
    list writes it, when ``tail`` is its last words but not all of them (``Thước``);
    None when the list knows no unit so named as written, or the name ends otherwise."""
    split = unit_in(text)
    if split is None:
        return None
    _, levels, name = split
    if not key(name).endswith(" " + key(tail)) or not key(tail):
        return None
    units = gazetteer().named(name, levels)
    return units[0].name if units else None


def unit_in(text: str) -> tuple[str, tuple[str, ...], str] | None:
    """``ỦY BAN NHÂN DÂN THỊ XÃ AN KHÊ`` → (``ỦY BAN NHÂN DÂN THỊ XÃ``, levels, ``AN KHÊ``).

    The last unit word of the text, written with its marks, and the name after
    it. A one-word name counts only after a local body's own name (``… VÀ XÃ
    HỘI`` is no commune); a name with a digit (``PHƯỜNG 5``) is not looked up.
    """
    words = text.split()
    for start in range(len(words) - 2, -1, -1):
        for width in (2, 1):
            if start + width >= len(words):
                continue
            levels = _UNITS.get(_spelled(" ".join(words[start : start + width])))
            if levels is None:
                continue
            if width == 1 and start > 0 and is_unit_word(" ".join(words[start - 1 : start + 1])):
                continue  # the ``XÃ`` of ``THỊ XÃ``: the unit starts a word earlier
            name = words[start + width :]
            head = fold(" ".join(words[:start]))
            if len(name) == 1 and not (start == 0 or head.endswith(_LOCAL_BODIES)):
                return None
            if any(ch.isdigit() for ch in _IA.sub("Ia", " ".join(name))):
                return None  # ``PHƯỜNG 5``; the ``1`` of ``1A GLAI`` is Tesseract's ``I``
            return " ".join(words[: start + width]), levels, " ".join(name)
    return None


MAX_NAME_WORDS = 4
"""Words of a unit's name in running text at most (``Phước Long Thọ``; ``Ia Glai``)."""
_END_OF_NAME = ",.;:)"


def names_in_text(text: str, within: Iterable[str] = ()) -> Iterator[UnitName]:
    """Units' names in running text (a subject: ``… tại xã la Glai, huyện Chư Sê``).

    A name is the capitalised words after a unit word written with its marks,
    up to a punctuation mark or a word in lower case. Of its runs, the longest
    the list knows as read wins (``xã Tam Quan Năm 2025`` is Tam Quan: the
    year's ``Năm`` is no part of it), else the longest it can write. A run that
    goes on with a number or a dash (``phường Cam Ly - Đà Lạt``, ``Đại Ân 1``)
    is part of a name the list does not hold: left alone. ``head`` is empty:
    the name is found in place with ``read``.
    """
    words = text.split()
    within = tuple(within)
    i = 0
    while i < len(words):
        width = next(
            (w for w in (2, 1) if i + w < len(words) and is_unit_word(" ".join(words[i : i + w]))),
            0,
        )
        if not width:
            i += 1
            continue
        levels = _UNITS[_spelled(" ".join(words[i : i + width]))]
        i += width
        run = _name_run(words[i : i + MAX_NAME_WORDS])
        if not run or _name_goes_on(words[i + len(run) - 1 : i + len(run) + 1]):
            continue
        readings = [
            UnitName("", name, _cased(written, name))
            for size in range(len(run), 0, -1)
            if (written := gazetteer().written(name := " ".join(run[:size]), levels, within))
        ]
        found = next((r for r in readings if not r.corrected), readings[0] if readings else None)
        if found is not None:
            yield found
            i += len(found.read.split())


_MISREAD_UNIT_WORDS = {fold(word): word for word in ("tỉnh", "huyện", "quận", "xã", "phường")}


def with_unit_word_written(text: str) -> str:
    """``XA XUÂN AN`` → ``XÃ XUÂN AN``: a text that opens with a unit word whose marks OCR
    lost or misread, that word written with them. For a line that must name a unit (under
    a local body named alone); elsewhere ``xa`` (far) is a word of its own."""
    first, _, rest = text.partition(" ")
    written = _MISREAD_UNIT_WORDS.get(fold(first))
    if written is None or not rest:
        return text
    return f"{_cased(written, first)} {rest}"


def misread_unit_words(text: str, within: Iterable[str]) -> Iterator[UnitName]:
    """A unit word in running text whose marks OCR misread (``tính Cần Thơ``, ``huyên Bá
    Thước``), before the name of a unit of its level that lies in the units the header
    named (``within``): ``read`` the two as read, ``written`` with the unit word's
    marks. Only there: ``xa`` (far) is a word of its own elsewhere."""
    places = gazetteer().enclosing_named(within)
    if not places:
        return
    words = text.split()
    for i, word in enumerate(words[:-1]):
        written = _MISREAD_UNIT_WORDS.get(fold(word))
        if written is None or word == written or not word[:1].islower():
            continue
        run = _name_run(words[i + 1 : i + 1 + MAX_NAME_WORDS])
        levels = _UNIT_WORDS[written]
        for size in range(len(run), 0, -1):
            name = " ".join(run[:size])
            if any(_inside(unit, places) for unit in gazetteer().named(name, levels)):
                yield UnitName("", f"{word} {name}", f"{written} {name}")
                break


def _name_goes_on(last_and_next: list[str]) -> bool:
    """A number or a dash right after a run's last word (as written, with no punctuation
    ending the run): the name is longer than the run."""
    if len(last_and_next) < 2 or last_and_next[0][-1] in _END_OF_NAME:
        return False
    word = last_and_next[1].rstrip(_END_OF_NAME)
    return word in ("-", "–") or (word.isdigit() and len(word) <= 2)


def _name_run(words: list[str]) -> list[str]:
    """The leading words that can be a unit's name: capitalised (the ``l`` of ``la``
    read for ``Ia`` too, and the second half of a word OCR split at a vowel it read
    twice: ``Chiế ềng``), without digits, up to a punctuation mark."""
    run: list[str] = []
    for word in words:
        bare = word.rstrip(_END_OF_NAME)
        first = bare[:1]
        ia = not run and _IA.match(bare)
        if not bare or any(ch.isdigit() for ch in (bare[2:] if ia else bare)):
            break
        split_at_a_vowel = bool(run) and vowel_read_twice(run[-1][-1], first)
        if not (first.isupper() or ia or split_at_a_vowel):
            break
        run.append(bare)
        if bare != word:
            break
    return run


def _cased(written: str, read: str) -> str:
    """The list's spelling in the case it was read in (a name read as read stays so)."""
    return written.upper() if read.isupper() else written


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The units of both systems, read once per process (only OCR needs them).

    Without the data (a broken install) the list is empty: names are then
    left as read, and the reading goes on.
    """
    try:
        folder = _data_folder()
        return Gazetteer([*_units_before_2025(folder), *_units_from_2025(folder)])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.warning("the units' list of %s cannot be read: %s", DATA_PACKAGE, exc)
        return Gazetteer([])


def _data_folder() -> Path:
    spec = importlib.util.find_spec(DATA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise OSError(f"{DATA_PACKAGE} is not installed (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read(folder: Path, name: str) -> dict:
    with (folder / name).open(encoding="utf-8") as stream:
        return json.load(stream)


def _provinces(data: dict) -> dict[str, str]:
    return {k: _short(v["provinceShort"]) for k, v in data["DICT_PROVINCE"].items()}


_KIND_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")
"""``Kỳ Anh (Huyện)``: the list's way of telling a district from its namesake town."""


def _short(name: str) -> str:
    return _KIND_SUFFIX.sub("", name)


def _named(wards: Iterable[dict]) -> Iterator[dict]:
    """Communes with a name (a district without communes, e.g. an island, has a NaN row)."""
    return (w for w in wards if isinstance(w.get("wardShort"), str))


def _units_before_2025(folder: Path) -> Iterator[Unit]:
    """63 provinces, their districts and communes (``parser_legacy.json``)."""
    data = _read(folder, "parser_legacy.json")
    provinces = _provinces(data)
    districts: dict[tuple[str, str], str] = {}
    for pkey, province in provinces.items():
        yield Unit(province, PROVINCE, province)
        for dkey, district in data["DICT_PROVINCE_DISTRICT"].get(pkey, {}).items():
            districts[(pkey, dkey)] = _short(district["districtShort"])
            yield Unit(districts[(pkey, dkey)], DISTRICT, province)
    for table in (
        "DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED",
        "DICT_PROVINCE_DISTRICT_WARD_ACCENTED",
        "DICT_PROVINCE_DISTRICT_WARD_SHORT_ACCENTED",
    ):
        for pkey, by_district in data[table].items():
            for dkey, wards in by_district.items():
                for ward in _named(wards.values()):
                    yield Unit(
                        _short(ward["wardShort"]),
                        COMMUNE,
                        provinces[pkey],
                        districts.get((pkey, dkey)),
                    )


def _units_from_2025(folder: Path) -> Iterator[Unit]:
    """34 provinces and their communes (``parser_from_2025.json``)."""
    data = _read(folder, "parser_from_2025.json")
    provinces = _provinces(data)
    for province in provinces.values():
        yield Unit(province, PROVINCE, province)
    for table in (
        "DICT_PROVINCE_WARD_NO_ACCENTED",
        "DICT_PROVINCE_WARD_ACCENTED",
        "DICT_PROVINCE_WARD_SHORT_ACCENTED",
    ):
        for pkey, wards in data[table].items():
            for ward in _named(wards.values()):
                yield Unit(_short(ward["wardShort"]), COMMUNE, provinces[pkey])
