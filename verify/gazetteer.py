"""Việt Nam's administrative units by name, to put back tone marks OCR misread in them.

Tesseract reads ``CHƯ SÊ`` as ``CHƯ SE`` and ``BẠCH ĐẰNG`` as ``BẠCH ĐĂNG``:
the letters are right, the marks are not, and each word is still a valid
syllable, so no spelling rule can tell. A reader who knows the country can:
there is a district Chư Sê in Gia Lai and no Chư Se anywhere. The names come
from ``vietnamadminunits`` (MIT; the General Statistics Office's lists):
provinces, districts and communes before 1 July 2025 (63 provinces, three
levels) and after (34 provinces, two levels), since a dossier holds
documents of both.

A name is rewritten only when its letters without marks are those of exactly
one spelling among the units of its level — inside the enclosing unit when
the document names a known one (``UBND HUYỆN THANH SƠN`` above ``ỦY BAN NHÂN
DÂN XÃ VÕ MIỀU``) — and the name as read is not itself a unit's name there.
Two communes ``Tân Hòa`` and ``Tấn Hòa`` in one province: nothing is
guessed. Letters OCR lost or added are never made up. A name read with no
mark at all gets its marks too: unlike a person's name, which may be written
without them, a unit's name in an administrative document never is. The
caller flags every change for the reviewer.

The package's data files are read without importing the package, which
would import shapely and geopy for its address geocoding that hoso does not
use.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from verify.vntext import fold, spelling

DATA_PACKAGE = "vietnamadminunits"
PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"

_UNIT_WORDS = {
    "tinh": (PROVINCE,),
    "thanh pho": (PROVINCE, DISTRICT),
    "tp": (PROVINCE, DISTRICT),
    "huyen": (DISTRICT,),
    "quan": (DISTRICT,),
    "thi xa": (DISTRICT,),
    "xa": (COMMUNE,),
    "phuong": (COMMUNE,),
    "thi tran": (COMMUNE,),
    "dac khu": (COMMUNE,),
}
"""A unit word (folded) and the levels of the units it names."""

_LOCAL_BODIES = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd")
"""Bodies named by their unit alone: after them a one-word name is still a unit's name."""

_APOSTROPHES = str.maketrans({c: "'" for c in "’‘`´ʼ"})
_KEY_WORDS = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Unit:
    """One administrative unit: its name without the unit word, and where it lies."""

    name: str
    level: str
    province: str
    district: str | None = None


@dataclass(frozen=True)
class Restored:
    """A value whose unit name was rewritten: the new value and the name as OCR read it."""

    value: str
    read: str
    name: str


def key(name: str) -> str:
    """Letters of a name without marks, case or punctuation (``Ea H’Leo`` → ``ea h'leo``)."""
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHES)
    return " ".join(_KEY_WORDS.findall(fold(text)))


class Gazetteer:
    """Units by the letters of their names, with the enclosing units' names."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._by_key: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        self._enclosing: set[str] = set()
        for unit in units:
            self._by_key[(unit.level, key(unit.name))].append(unit)
            if unit.level != COMMUNE:
                self._enclosing.add(key(unit.name))

    def spelling(self, name: str, levels: Iterable[str], within: Iterable[str] = ()) -> str | None:
        """The one spelling of ``name``'s letters among units of ``levels``, else None.

        ``within``: names of enclosing units as the document gives them; those
        known as units narrow the search to the units inside them.
        """
        found = self._named(name, levels)
        if not found and name[:1] in _READ_FOR_I:
            found = self._named(f"I{name[1:]}", levels)  # ``la Glai``: Ia Glai (Gia Lai)
        places = {key(w) for w in within} & self._enclosing
        if places:
            found = [u for u in found if _inside(u, places)]
        spellings = {spelling(u.name): u.name for u in found}
        if len(spellings) != 1 or spelling(name) in spellings:
            return None  # none or several, or read right (``HOÀ`` is ``Hòa`` too)
        return spellings.popitem()[1]

    def _named(self, name: str, levels: Iterable[str]) -> list[Unit]:
        return [u for level in levels for u in self._by_key.get((level, key(name)), ())]


_READ_FOR_I = frozenset("lL1|")
"""What Tesseract reads for the capital ``I`` that starts the Jarai and Ê Đê names
of the Central Highlands (``Ia``, water): a name read so is looked up with it too."""


def _inside(unit: Unit, places: set[str]) -> bool:
    return (
        key(unit.province) in places
        or (unit.district is not None and key(unit.district) in places)
        or key(unit.name) in places  # the enclosing unit itself (a place that is the agency's)
    )


def restore_agency(agency: str, within: Iterable[str] = ()) -> Restored | None:
    """``ỦY BAN NHÂN DÂN HUYỆN CHƯ SE`` → ``… CHƯ SÊ``: the unit's name after its unit word."""
    split = unit_in(agency)
    if split is None:
        return None
    head, levels, name = split
    spelling = gazetteer().spelling(name, levels, within)
    if spelling is None:
        return None
    return Restored(f"{head} {_cased(spelling, name)}", name, spelling)


def restore_place(place: str, within: Iterable[str] = ()) -> Restored | None:
    """``Chư Se`` → ``Chư Sê``: the place of the date line, a unit of any level."""
    split = unit_in(place)
    head, levels, name = split if split is not None else ("", (PROVINCE, DISTRICT, COMMUNE), place)
    spelling = gazetteer().spelling(name, levels, within)
    if spelling is None:
        return None
    return Restored(f"{head} {_cased(spelling, name)}".strip(), name, spelling)


def unit_in(text: str) -> tuple[str, tuple[str, ...], str] | None:
    """``ỦY BAN NHÂN DÂN THỊ XÃ AN KHÊ`` → (``ỦY BAN NHÂN DÂN THỊ XÃ``, levels, ``AN KHÊ``).

    The last unit word of the text and the name after it. A one-word name
    counts only after a local body's own name (``… VÀ XÃ HỘI`` is no commune).
    """
    words = text.split()
    folded = [key(w) for w in words]
    for start in range(len(words) - 2, -1, -1):
        for width in (2, 1):
            unit = " ".join(folded[start : start + width])
            if start + width >= len(words) or unit not in _UNIT_WORDS:
                continue
            if width == 1 and start > 0 and f"{folded[start - 1]} {unit}" in _UNIT_WORDS:
                continue  # the ``XÃ`` of ``THỊ XÃ``: the unit starts a word earlier
            name = words[start + width :]
            head = " ".join(folded[:start])
            if len(name) == 1 and not (start == 0 or head.endswith(_LOCAL_BODIES)):
                return None
            if any(any(ch.isdigit() for ch in w) for w in name):
                return None  # ``PHƯỜNG 5`` or a number that ran into the line
            return " ".join(words[: start + width]), _UNIT_WORDS[unit], " ".join(name)
    return None


def _cased(spelling: str, read: str) -> str:
    return spelling.upper() if read.isupper() else spelling


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The units of both systems, read once per process (only OCR needs them)."""
    folder = _data_folder()
    return Gazetteer([*_units_before_2025(folder), *_units_from_2025(folder)])


def _data_folder() -> Path:
    spec = importlib.util.find_spec(DATA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{DATA_PACKAGE} is not installed (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read(folder: Path, name: str) -> dict:
    with (folder / name).open(encoding="utf-8") as stream:
        return json.load(stream)


def _provinces(data: dict) -> dict[str, str]:
    return {k: v["provinceShort"] for k, v in data["DICT_PROVINCE"].items()}


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
            districts[(pkey, dkey)] = district["districtShort"]
            yield Unit(district["districtShort"], DISTRICT, province)
    for table in (
        "DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED",
        "DICT_PROVINCE_DISTRICT_WARD_ACCENTED",
        "DICT_PROVINCE_DISTRICT_WARD_SHORT_ACCENTED",
    ):
        for pkey, by_district in data[table].items():
            for dkey, wards in by_district.items():
                for ward in _named(wards.values()):
                    yield Unit(
                        ward["wardShort"],
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
                yield Unit(ward["wardShort"], COMMUNE, provinces[pkey])
