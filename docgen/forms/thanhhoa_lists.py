"""Thanh Hóa list forms (seed 003, phần C): Mẫu 1.4, 2.5, 2.6, 3.3, 4.1, 4.5.

Each list is the evidence behind one or more criteria (1.4/4.3, 2.5, 2.6,
3.3/3.4/3.10/3.11, 4.1, 4.5). The caller gives the rows; every total and
rate under the table is counted here from those rows, so the figures in the
list can never disagree with the list itself.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator

from criteria.numbers import format_count, format_rate
from docgen.forms._common import Agency, FormInput, PlaceDate
from docgen.forms.thanhhoa_frame import header
from docgen.registry import FormSpec, register

FAMILY = "Thanh Hóa — Hướng dẫn của Sở TT&TT (tháng 8/2023), phần C: các mẫu bảng biểu"

Text = Annotated[str, Field(min_length=1)]
Note = Field(None, description="Ghi chú")


class Compiler(FormInput):
    """Who compiled the list (Người thống kê / Cán bộ tổng hợp)."""

    name: Text = Field(description="Họ và tên")
    phone: str | None = Field(None, description="Số điện thoại liên hệ")


class _ListForm(FormInput):
    """What every list shares: the commune, place and date, who compiled and who confirms."""

    agency: Agency = Field(description="UBND xã lập danh sách, ví dụ 'Ủy ban nhân dân xã …'")
    place_date: PlaceDate
    compiler: Compiler | None = Field(None, description="Người thống kê / cán bộ tổng hợp")
    chairman: str | None = Field(None, description="Họ và tên Chủ tịch UBND xã xác nhận")


def _rate(part: int, total: int) -> str:
    return format_rate(part / total * 100) if total else "0%"


def _yes(value: bool) -> str:
    return "Có" if value else "Không"


def _frame(data: _ListForm) -> dict[str, Any]:
    compiler = data.compiler
    return {
        "header": header(
            data.agency,
            data.place_date,
            None,
            data.place_date.date.year if data.place_date.date else None,
        ),
        "compiler": compiler.name if compiler else "",
        "compiler_phone": compiler.phone or "" if compiler else "",
        "chairman": data.chairman or "",
    }


def _register(form_id: str, title: str, model: type[_ListForm], build: Any) -> FormSpec:
    return register(
        FormSpec(
            id=form_id,
            title=title,
            model=model,
            template=f"{form_id}.docx",
            build_context=build,
            family=FAMILY,
        )
    )


# --------------------------------------------------------------------------- Mẫu 1.4


class Official(FormInput):
    name: Text = Field(description="Họ tên")
    position: Text = Field(description="Chức vụ")
    has_computer: bool = Field(description="Có máy tính làm việc")
    email: str | None = Field(None, description="Địa chỉ hộp thư điện tử công vụ (nếu được cấp)")
    note: str | None = Note


class Mau14Input(_ListForm):
    """Mẫu 1.4 — Danh sách cán bộ, công chức có máy tính và được cấp hộp thư điện tử công vụ."""

    officials: list[Official] = Field(min_length=1, description="Mọi cán bộ, công chức của xã")


def mau14_context(data: Mau14Input) -> dict[str, Any]:
    total = len(data.officials)
    computers = sum(1 for o in data.officials if o.has_computer)
    mailboxes = sum(1 for o in data.officials if o.email)
    return {
        **_frame(data),
        "rows": [
            {
                **o.model_dump(),
                "computer": _yes(o.has_computer),
                "email": o.email or "",
                "note": o.note or "",
            }
            for o in data.officials
        ],
        "total": total,
        "computers": computers,
        "mailboxes": mailboxes,
        "computer_rate": _rate(computers, total),
        "mail_rate": _rate(mailboxes, total),
    }


_register(
    "mau-1.4",
    "Mẫu 1.4 — Danh sách cán bộ, công chức có máy tính và được cấp hộp thư điện tử công vụ",
    Mau14Input,
    mau14_context,
)


# --------------------------------------------------------------------------- Mẫu 2.5


class ContractUser(FormInput):
    name: Text = Field(description="Tên doanh nghiệp")
    phone: str | None = Field(None, description="Số điện thoại liên hệ")
    uses_e_contract: bool = Field(description="Sử dụng hợp đồng điện tử: Có (true) / Không (false)")
    provider: str | None = Field(None, description="Đơn vị cung cấp hợp đồng điện tử")
    note: str | None = Note

    @field_validator("provider")
    @classmethod
    def _provider_needs_use(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and info.data.get("uses_e_contract") is False:
            raise ValueError(
                "Doanh nghiệp không sử dụng hợp đồng điện tử thì không ghi đơn vị cung cấp."
            )
        return value


class Mau25Input(_ListForm):
    """Mẫu 2.5 — Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử."""

    businesses: list[ContractUser] = Field(
        min_length=1, description="Mọi doanh nghiệp nhỏ và vừa trên địa bàn"
    )


def mau25_context(data: Mau25Input) -> dict[str, Any]:
    total = len(data.businesses)
    users = sum(1 for b in data.businesses if b.uses_e_contract)
    return {
        **_frame(data),
        "rows": [
            {
                "name": b.name,
                "phone": b.phone or "",
                "uses": _yes(b.uses_e_contract),
                "provider": b.provider or "",
                "note": b.note or "",
            }
            for b in data.businesses
        ],
        "total": total,
        "users": users,
        "rate": _rate(users, total),
    }


_register(
    "mau-2.5", "Mẫu 2.5 — Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử", Mau25Input, mau25_context
)


# --------------------------------------------------------------------------- Mẫu 2.6


class PlatformUser(FormInput):
    name: Text = Field(description="Tên doanh nghiệp")
    phone: str | None = Field(None, description="Số điện thoại liên hệ")
    platforms: list[Text] = Field(
        default_factory=list,
        description="Các nền tảng số đang sử dụng (kế toán, hóa đơn điện tử, chữ ký số, ...); "
        "danh sách trống: không sử dụng",
    )
    note: str | None = Note


class Mau26Input(_ListForm):
    """Mẫu 2.6 — Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số."""

    businesses: list[PlatformUser] = Field(
        min_length=1, description="Mọi doanh nghiệp nhỏ và vừa trên địa bàn"
    )


def mau26_context(data: Mau26Input) -> dict[str, Any]:
    total = len(data.businesses)
    users = sum(1 for b in data.businesses if b.platforms)
    return {
        **_frame(data),
        "rows": [
            {
                "name": b.name,
                "phone": b.phone or "",
                "platforms": "; ".join(b.platforms) if b.platforms else "Không",
                "note": b.note or "",
            }
            for b in data.businesses
        ],
        "total": total,
        "users": users,
        "rate": _rate(users, total),
    }


_register(
    "mau-2.6",
    "Mẫu 2.6 — Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số",
    Mau26Input,
    mau26_context,
)


# --------------------------------------------------------------------------- Mẫu 3.3


class Adult(FormInput):
    name: Text = Field(description="Họ và tên")
    phone: str | None = Field(None, description="Số điện thoại liên hệ")
    smartphone: bool = Field(description="Có điện thoại thông minh")
    security_app: bool = Field(description="Có cài đặt phần mềm an toàn thông tin mạng (PM ATTT)")
    digital_signature: bool = Field(description="Có chữ ký số")
    online_services: bool = Field(description="Có sử dụng dịch vụ công trực tuyến")
    note: str | None = Note

    @field_validator("security_app")
    @classmethod
    def _app_needs_phone(cls, value: bool, info: ValidationInfo) -> bool:
        if value and info.data.get("smartphone") is False:
            raise ValueError("Không có điện thoại thông minh thì không thể cài phần mềm ATTT.")
        return value


class Mau33Input(_ListForm):
    """Mẫu 3.3 — Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần mềm ATTT cơ bản."""

    adults: list[Adult] = Field(
        min_length=1, description="Dân số trưởng thành của xã, mỗi người một dòng"
    )


def mau33_context(data: Mau33Input) -> dict[str, Any]:
    people = data.adults
    total = len(people)
    phones = sum(1 for p in people if p.smartphone)
    apps = sum(1 for p in people if p.security_app)
    signatures = sum(1 for p in people if p.digital_signature)
    online = sum(1 for p in people if p.online_services)
    return {
        **_frame(data),
        "rows": [
            {
                "name": p.name,
                "phone": p.phone or "",
                "smartphone": _yes(p.smartphone),
                "security_app": _yes(p.security_app),
                "signature": _yes(p.digital_signature),
                "online": _yes(p.online_services),
                "note": p.note or "",
            }
            for p in people
        ],
        "total": format_count(total),
        "smartphone_rate": f"{_rate(phones, total)} ({phones}/{total})",
        # Installed apps are counted among smartphone subscribers, as the seed's ratio says.
        "app_rate": f"{_rate(apps, phones)} ({apps}/{phones})",
        "signature_rate": f"{_rate(signatures, total)} ({signatures}/{total})",
        "online_rate": f"{_rate(online, total)} ({online}/{total})",
    }


_register(
    "mau-3.3",
    "Mẫu 3.3 — Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần mềm an toàn thông "
    "tin mạng cơ bản",
    Mau33Input,
    mau33_context,
)


# --------------------------------------------------------------------------- Mẫu 4.1


class CableBox(FormInput):
    address: Text = Field(description="Địa chỉ lắp đặt")
    operator: Text = Field(
        description="Cột 'Mạng thông tin di động (ghi tên doanh nghiệp)': doanh nghiệp quản lý hộp cáp"
    )
    note: str | None = Note


class Station(FormInput):
    village: Text = Field(description="Tên thôn/bản/khu phố")
    description: Text = Field(
        description="Cột 'Hộp cáp cung cấp dịch vụ truy cập Internet băng rộng' của văn bản nguồn: "
        "mô tả trạm (doanh nghiệp, công nghệ 4G/5G)"
    )
    note: str | None = Note


class Mau41Input(_ListForm):
    """Mẫu 4.1 — Hạ tầng mạng băng rộng cáp quang, mạng thông tin di động 4G/5G."""

    cable_boxes: list[CableBox] = Field(
        min_length=1, description="1. Danh sách hộp cáp cung cấp dịch vụ Internet băng thông rộng"
    )
    stations: list[Station] = Field(
        min_length=1, description="2. Danh sách các trạm thu, phát sóng thông tin di động"
    )
    enterprises: list[Text] = Field(
        default_factory=lambda: ["VNPT", "Viettel", "Mobifone"],
        description="Doanh nghiệp viễn thông xác nhận (mặc định VNPT, Viettel, Mobifone)",
    )


def mau41_context(data: Mau41Input) -> dict[str, Any]:
    return {
        **_frame(data),
        "boxes": [{**b.model_dump(), "note": b.note or ""} for b in data.cable_boxes],
        "stations": [{**s.model_dump(), "note": s.note or ""} for s in data.stations],
        "box_total": len(data.cable_boxes),
        "station_total": len(data.stations),
        "enterprises": data.enterprises,
    }


_register(
    "mau-4.1",
    "Mẫu 4.1 — Hạ tầng mạng băng rộng cáp quang, mạng thông tin di động 4G/5G",
    Mau41Input,
    mau41_context,
)


# --------------------------------------------------------------------------- Mẫu 4.5


class Hotspot(FormInput):
    place: Text = Field(description="Khu vực/tên điểm du lịch cộng đồng, ví dụ 'Khu vực UBND xã'")
    address: str | None = Field(None, description="Địa chỉ (Số nhà/thôn)")
    note: str | None = Note


class Mau45Input(_ListForm):
    """Mẫu 4.5 — Danh sách khu vực công cộng, điểm du lịch cộng đồng có wifi công cộng."""

    hotspots: list[Hotspot] = Field(min_length=1, description="Các điểm có wifi công cộng")


def mau45_context(data: Mau45Input) -> dict[str, Any]:
    return {
        **_frame(data),
        "rows": [
            {"place": h.place, "address": h.address or "", "note": h.note or ""}
            for h in data.hotspots
        ],
        "total": len(data.hotspots),
    }


_register(
    "mau-4.5",
    "Mẫu 4.5 — Danh sách các khu vực công cộng, điểm du lịch cộng đồng có wifi công cộng",
    Mau45Input,
    mau45_context,
)
