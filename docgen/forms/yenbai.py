"""Yên Bái forms: Biểu 01–04 of Hướng dẫn 02/HD-UBND ngày 10/6/2024 (seed 001).

Every fixed sentence is in the templates exactly as the seed writes it; this
module only says which data fill the dotted blanks and computes what the
caller must never type (percentages, conclusions, the criteria tables).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from criteria.catalog import Tier
from docgen.dates import short_date
from docgen.forms._common import (
    Agency,
    FormInput,
    Issue,
    Signer,
    header_context,
    recipient_lines,
    signer_context,
    tier_label,
)
from docgen.registry import FormSpec, register

FAMILY = "Yên Bái — Hướng dẫn 02/HD-UBND ngày 10/6/2024"


class Guidance(FormInput):
    """The provincial guidance the Tờ trình cites (the seed leaves its number blank)."""

    number: str = Field("02/HD-UBND", description="Số, ký hiệu Hướng dẫn của UBND tỉnh")
    date: dt.date = Field(dt.date(2024, 6, 10), description="Ngày ban hành Hướng dẫn")


# --------------------------------------------------------------------------- Biểu 01


class Bieu01Input(FormInput):
    """Biểu 01 — Tờ trình đề nghị thẩm định xét, công nhận đạt chuyển đổi số."""

    agency: Agency
    issue: Issue
    unit: str | None = Field(
        None,
        description="Tên đơn vị được đề nghị công nhận, ví dụ 'huyện Văn Chấn' (mặc định: tên cơ quan)",
    )
    year: int = Field(ge=2000, le=2100, description="Năm đề nghị công nhận")
    tier: Tier = Field(description="cds (chuyển đổi số) | cds_nang_cao (chuyển đổi số nâng cao)")
    meeting_date: dt.date = Field(description="Ngày họp xét, đề nghị công nhận (Biểu 02)")
    guidance: Guidance = Field(default_factory=Guidance)
    recipients: list[str] = Field(
        default_factory=lambda: ["Như trên", "Lưu: VT"],
        description="Nơi nhận, mỗi dòng một nơi (dấu '-' và ';' do hoso thêm)",
    )
    signer: Signer


def bieu01_context(data: Bieu01Input) -> dict[str, Any]:
    return {
        "header": header_context(data.agency, data.issue, "TTr", data.year),
        "agency_name": data.agency.name,
        "unit": data.unit or data.agency.name,
        "tier": tier_label(data.tier),
        "year": data.year,
        "meeting_date": short_date(data.meeting_date),
        "guidance_number": data.guidance.number,
        "guidance_date": short_date(data.guidance.date),
        "recipients": recipient_lines(data.recipients),
        "signer": signer_context(data.signer),
    }


BIEU_01 = register(
    FormSpec(
        id="bieu-01",
        title="Biểu 01 — Tờ trình đề nghị thẩm định xét, công nhận đạt chuyển đổi số",
        model=Bieu01Input,
        template="bieu-01.docx",
        build_context=bieu01_context,
        family=FAMILY,
    )
)
