"""Who a key stands for in the appraisal chain.

A key may belong to a unit (a commune, a district, a department, the
province's UBND, the Sở TT&TT) or to a council member (the provincial
steering committee, the provincial appraisal council) — its *actor*, kept on
the key's row. The role (submitter, reviewer, admin) still says which
endpoints a key may call; the actor says on which dossiers, at which stage,
for which criteria it may act (``criteria.actors``). A key without an actor
takes no part in any chain; an admin key sees every dossier, read-only.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.db.models import ACTOR_KINDS, ApiKey
from criteria.actors import Actor
from criteria.chain import ACTOR_LABELS

KIND_HELP = ", ".join(f"{k} ({ACTOR_LABELS[k]})" for k in ACTOR_KINDS)


class ActorBinding(BaseModel):
    """The chain identity of a key: what it is, which unit, which province."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: str = Field(description=f"Vai trò trong trình tự thẩm định: {KIND_HELP}")
    unit: str = Field(
        min_length=1,
        max_length=200,
        description="Tên đơn vị (Ủy ban nhân dân xã …) hoặc cơ quan của thành viên (Sở Y tế)",
    )
    province: str = Field(min_length=1, max_length=100, description="Tỉnh, ví dụ 'Thanh Hóa'")
    parent: str | None = Field(
        None, max_length=200, description="Với xã: UBND huyện quản lý xã (bắt buộc)"
    )
    areas: list[str] = Field(
        default_factory=list,
        description="Với thành viên Ban Chỉ đạo tỉnh: các huyện phụ trách (bắt buộc)",
    )
    person: str | None = Field(None, max_length=200, description="Người giữ khóa, chức vụ")

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in ACTOR_KINDS:
            raise ValueError(f"vai trò '{kind}' không có; chọn một trong: {KIND_HELP}")
        return kind

    @field_validator("areas")
    @classmethod
    def _areas(cls, areas: list[str]) -> list[str]:
        cleaned = [a.strip() for a in areas if a.strip()]
        if any(len(a) > 200 for a in cleaned) or len(cleaned) > 50:
            raise ValueError("tối đa 50 huyện, mỗi tên không quá 200 ký tự")
        return cleaned

    def problems(self) -> list[str]:
        """What a kind needs beyond the common fields, in Vietnamese."""
        found = []
        if self.kind == "xa" and not self.parent:
            found.append("khóa của xã cần 'parent': UBND huyện quản lý xã")
        if self.kind == "bcd" and not self.areas:
            found.append("khóa của Thành viên Ban Chỉ đạo cần 'areas': các huyện phụ trách")
        return found


def binding_of(key: ApiKey) -> ActorBinding | None:
    if not key.actor_kind:
        return None
    return ActorBinding(
        kind=key.actor_kind,
        unit=key.actor_unit or "",
        province=key.actor_province or "",
        parent=key.actor_parent,
        areas=list(key.actor_areas or []),
        person=key.actor_person,
    )


def bind(key: ApiKey, binding: ActorBinding) -> None:
    key.actor_kind = binding.kind
    key.actor_unit = binding.unit
    key.actor_province = binding.province
    key.actor_parent = binding.parent
    key.actor_areas = list(binding.areas) or None
    key.actor_person = binding.person


def actor_of(key: ApiKey) -> Actor | None:
    """The chain actor of a key (``None``: the key takes no part in any chain)."""
    binding = binding_of(key)
    if binding is None:
        return None
    return Actor(
        kind=binding.kind,
        unit=binding.unit,
        province=binding.province,
        parent=binding.parent,
        areas=tuple(binding.areas),
        person=binding.person,
    )


def actor_json(key: ApiKey) -> dict[str, Any] | None:
    binding = binding_of(key)
    if binding is None:
        return None
    return binding.model_dump() | {"kind_label": ACTOR_LABELS[binding.kind]}
