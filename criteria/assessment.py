"""The assessment: one unit's results against one catalog, as callers post it.

This is the canonical input of hoso (DESIGN.md, "one canonical model"): every
per-criterion table of every form is a view of its evaluation. Its JSON Schema
is published (``Assessment.model_json_schema()``) for the systems that post it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from criteria.catalog import AreaType, Level, Tier


def _nfc(value: Any) -> Any:
    """Vietnamese text arrives decomposed (NFD) from some systems; store it composed."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _compose_text(cls, value: Any) -> Any:
        return _nfc(value)


class Unit(_Input):
    """The unit assessed: a sở, a huyện or a xã (or a citizen list's owner)."""

    name: str = Field(min_length=1, description="Tên đơn vị, ví dụ 'Ủy ban nhân dân xã Tân Thịnh'")
    parent: str | None = Field(None, description="Cơ quan chủ quản, ví dụ 'UBND huyện Văn Chấn'")
    level: Level = Field(description="so | huyen | xa | cong_dan | tinh")
    area_type: AreaType | None = Field(None, description="xa | phuong | thi_tran (cấp xã)")
    province: str | None = None
    place: str | None = Field(None, description="Địa danh ghi trên văn bản, ví dụ 'Tân Thịnh'")


class Citizen(_Input):
    """One person checked against the công dân số criteria (QĐ 590/QĐ-UBND)."""

    name: str | None = None
    party_member: bool = False
    criteria: dict[str, bool] = Field(
        default_factory=dict, description="Mã tiêu chí công dân số → đạt (true) / không (false)"
    )


class Explanation(_Input):
    """The unit's written explanation where evidence is missing or incomplete (Thanh Hóa, mục 3)."""

    text: str = Field(min_length=1, description="Nội dung giải trình về số liệu báo cáo")
    file: str | None = Field(
        None,
        min_length=1,
        description="Tệp văn bản giải trình trong hồ sơ (đường dẫn tính từ thư mục gốc), nếu có",
    )


class CriterionInput(_Input):
    """What the unit reports for one criterion."""

    a: float | None = Field(None, ge=0, description="Tử số a của tỷ lệ")
    b: float | None = Field(None, ge=0, description="Mẫu số b của tỷ lệ")
    value: bool | float | None = Field(
        None,
        description="Có/Không (true/false), số lượng, số người theo dõi, hoặc tỷ lệ % trực tiếp",
    )
    target: float | None = Field(
        None,
        ge=0,
        description=(
            "Chỉ tiêu được giao trong năm, chỉ cho tiêu chí 'theo chỉ tiêu giao hàng năm' "
            "(Thanh Hóa); mục tiêu cố định của tỉnh không thay đổi được"
        ),
    )
    status: Literal["dang_trien_khai"] | None = Field(
        None, description="'dang_trien_khai' khi tiêu chí đang triển khai"
    )
    result: str | None = Field(None, description="Kết quả thực hiện (văn bản tường thuật)")
    parts: dict[str, CriterionInput] | None = Field(
        None, description="Đầu vào từng phần của mục tiêu kép (ví dụ huyện I.1: cds, cds_nang_cao)"
    )
    people: list[Citizen] | None = Field(
        None, description="Danh sách người để tính tỷ lệ công dân số (ví dụ sở II.8)"
    )
    evidence: list[str] = Field(default_factory=list, description="Tài liệu minh chứng đã nộp")
    explanation: Explanation | None = Field(
        None,
        description=(
            "Giải trình thay cho tài liệu kiểm chứng: tiêu chí đạt theo số liệu thì ở trạng thái "
            "'chờ thẩm định' cho đến khi cấp thẩm định xem xét"
        ),
    )
    not_applicable: bool = Field(
        False,
        description=(
            "Tiêu chí không áp dụng cho đơn vị (chỉ với tiêu chí ghi 'nếu có' trong văn bản "
            "nguồn); không tính vào tổng số tiêu chí"
        ),
    )


class PriorRecognition(_Input):
    """The decision that recognised the unit at the lower tier (Đắk Nông nâng cao)."""

    decision: str = Field(min_length=1, description="Số quyết định, ví dụ '123/QĐ-UBND'")
    date: dt.date | None = None


class Assessment(_Input):
    """A unit, a catalog, a tier, a year, and the unit's inputs per criterion id."""

    unit: Unit
    catalog: str = Field(description="Mã bộ tiêu chí, ví dụ 'yenbai-2024-xa'")
    tier: Tier = Field(description="cds (chuyển đổi số) | cds_nang_cao (chuyển đổi số nâng cao)")
    year: int = Field(ge=2000, le=2100)
    criteria: dict[str, CriterionInput] = Field(default_factory=dict)
    people: list[Citizen] | None = Field(
        None, description="Bộ tiêu chí công dân số: danh sách người được đánh giá"
    )
    recognized_cds: PriorRecognition | None = Field(
        None, description="Quyết định công nhận chuyển đổi số (điều kiện xét nâng cao ở Đắk Nông)"
    )
    pass_threshold: float | None = Field(
        None,
        ge=0,
        le=100,
        description="Ngưỡng tỷ lệ đạt (%) để công nhận (Thanh Hóa; mặc định 100)",
    )


def assessment_json_schema() -> dict[str, Any]:
    return Assessment.model_json_schema()
