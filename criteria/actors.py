"""Who may see and act on a dossier: units and council members, matched by name.

An actor is a unit (the commune, its district, a department, the province)
or a member of a council (the provincial steering committee, the provincial
appraisal council) — plain data, so the service can build one from an API
key and the tests from a literal. Authority follows the seeds:

* the unit itself submits and resubmits its own dossier;
* a district (``huyen``) sees and appraises the dossiers of its communes
  only (the commune's ``unit.parent``);
* a steering-committee member (``bcd``) is in charge of areas — districts —
  and sees their communes' dossiers (Thanh Hóa, Mẫu 03: "phụ trách địa
  phương");
* province-level actors (Sở TT&TT, council members, UBND tỉnh) act on the
  dossiers of their province;
* a council member (``thanh_vien``) sees and decides only the criteria the
  catalog puts in the charge of their agency (``appraisers``: the body
  before "chủ trì"); the Sở TT&TT, standing body of the Yên Bái council,
  takes its own criteria and those whose agency has no member here.

Names are compared as :mod:`criteria.issuers` compares agencies: folded (no
case, no diacritics), abbreviations expanded, and without the ``Ủy ban nhân
dân`` that a commune's name may or may not start with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from criteria.assessment import Unit
from criteria.catalog import Criterion
from criteria.issuers import normalise, same_body

STANDING_BODY = "Sở Thông tin và Truyền thông"
"""The appraisal council's standing body (Yên Bái HD 02, mục II.2–II.3)."""

PROVINCE_LEVEL = frozenset({"so_tttt", "thanh_vien", "ubnd_tinh"})


@dataclass(frozen=True)
class Actor:
    """A key's holder, as the chain sees them.

    ``unit``: the unit's name (``Ủy ban nhân dân huyện Quảng Xương``) or, for a
    council member, their agency (``Sở Y tế``); ``parent``: a commune's
    district; ``areas``: the districts a steering-committee member is in charge
    of; ``person``: who holds the key (for the record and the signature).
    """

    kind: str
    unit: str
    province: str
    parent: str | None = None
    areas: tuple[str, ...] = field(default_factory=tuple)
    person: str | None = None

    @property
    def label(self) -> str:
        return f"{self.unit} ({self.person})" if self.person else self.unit


def unit_key(name: str | None) -> str:
    """``Ủy ban nhân dân xã Quảng Tâm`` and ``UBND xã Quảng Tâm`` → ``xa quang tam``."""
    text = normalise(name or "")
    return text.removeprefix("uy ban nhan dan ").strip()


def province_key(name: str | None) -> str:
    """``Tỉnh Thanh Hóa``, ``UBND tỉnh Thanh Hóa``, ``Thanh Hóa`` → ``thanh hoa``."""
    return unit_key(name).removeprefix("tinh ").strip()


def same_unit(a: str | None, b: str | None) -> bool:
    return bool(unit_key(a)) and unit_key(a) == unit_key(b)


def _province_of(unit: Unit) -> str:
    return unit.province or ""


def is_own_unit(actor: Actor, unit: Unit) -> bool:
    """The actor is the unit the dossier is about (and in its province, when both say)."""
    if not same_unit(actor.unit, unit.name):
        return False
    return not (unit.province and actor.province) or province_key(actor.province) == province_key(
        unit.province
    )


def may_see(actor: Actor, unit: Unit) -> bool:
    """Whether the actor may see a dossier of ``unit`` at all (criteria may still be hidden)."""
    if is_own_unit(actor, unit):
        return True
    in_province = province_key(actor.province) == province_key(_province_of(unit))
    if actor.kind == "huyen":
        return in_province and same_unit(actor.unit, unit.parent)
    if actor.kind == "bcd":
        return in_province and any(same_unit(area, unit.parent) for area in actor.areas)
    return actor.kind in PROVINCE_LEVEL and in_province


def may_act(actor: Actor, kind: str, unit: Unit) -> bool:
    """Whether the actor acts as ``kind`` (a stage's actor or concluder) on this unit's dossier."""
    if actor.kind != kind or not may_see(actor, unit):
        return False
    if kind in ("xa", "so_nganh"):
        return is_own_unit(actor, unit)
    if kind == "huyen":
        return same_unit(actor.unit, unit.parent) or is_own_unit(actor, unit)
    return True


_LEAD = re.compile(r"\s+(chủ trì|chu tri)\b.*$", re.IGNORECASE | re.DOTALL)
_PARENTHESES = re.compile(r"\([^)]*\)")


def lead_appraiser(criterion: Criterion) -> str | None:
    """The agency in charge of appraising the criterion: the first body, before "chủ trì".

    ``Sở Thông tin và Truyền thông chủ trì. Sở Nội vụ phối hợp`` → ``Sở Thông tin
    và Truyền thông``; ``Văn phòng UBND tỉnh (Trung tâm PVHCC tỉnh)`` →
    ``Văn phòng UBND tỉnh`` (the unit inside the parentheses belongs to it).
    """
    if not criterion.appraisers:
        return None
    text = _LEAD.sub("", criterion.appraisers[0])
    text = _PARENTHESES.sub("", text)
    text = text.split(";")[0].strip(" .;,")
    return text or None


def same_agency(a: str | None, b: str | None) -> bool:
    """``Ngân hàng Nhà nước`` names ``Ngân hàng nhà nước chi nhánh Yên Bái`` (one holds the other)."""
    return same_body(a, b)


def criterion_keeper(
    criterion: Criterion, members: Iterable[str], standing: str = STANDING_BODY
) -> str:
    """The agency that appraises the criterion in a split stage.

    Its lead appraiser when that agency has a member among ``members`` (the
    agencies of the council members this service knows), else the standing
    body, which compiles the council's results and so takes what no member
    holds.
    """
    lead = lead_appraiser(criterion)
    if lead and (same_agency(lead, standing) or any(same_agency(lead, m) for m in members)):
        return standing if same_agency(lead, standing) else lead
    return standing


def keeps(actor: Actor, keeper: str) -> bool:
    """Whether ``actor`` is the member holding criteria kept by ``keeper``."""
    if actor.kind == "so_tttt":
        return same_agency(keeper, STANDING_BODY)
    return actor.kind == "thanh_vien" and same_agency(actor.unit, keeper)
