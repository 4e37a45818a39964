"""Yên Bái forms: Biểu 01–04 of Hướng dẫn 02/HD-UBND ngày 10/6/2024 (seed 001).

Every fixed sentence is in the templates exactly as the seed writes it; this
module only says which data fill the dotted blanks and computes what the
caller must never type (percentages, conclusions, the criteria tables).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, ValidationInfo, field_validator

from criteria.catalog import Tier
from criteria.numbers import format_rate
from docgen.dates import clock, short_date
from docgen.errors import Problem
from docgen.forms._common import (
    Agency,
    FormInput,
    Issue,
    PlaceDate,
    Signer,
    header_context,
    later_citations,
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


DECISION_240_DATE = dt.date(2024, 2, 6)
"""Quyết định 240/QĐ-UBND, which every Tờ trình cites first."""


def bieu01_warnings(data: Bieu01Input) -> list[Problem]:
    """The Tờ trình cites the decision, the guidance and the meeting: none may come after it."""
    return later_citations(
        "Tờ trình",
        data.issue.date,
        [
            ("issue.date", "Quyết định 240/QĐ-UBND", DECISION_240_DATE),
            ("guidance.date", f"Hướng dẫn {data.guidance.number}", data.guidance.date),
            ("meeting_date", "biên bản cuộc họp", data.meeting_date),
        ],
    )


BIEU_01 = register(
    FormSpec(
        id="bieu-01",
        title="Biểu 01 — Tờ trình đề nghị thẩm định xét, công nhận đạt chuyển đổi số",
        model=Bieu01Input,
        template="bieu-01.docx",
        build_context=bieu01_context,
        family=FAMILY,
        warnings=(bieu01_warnings,),
    )
)


# --------------------------------------------------------------------------- Biểu 02


class Person(FormInput):
    """One attendee: ``Ông (bà): <name> - <chức vụ, đơn vị công tác>``."""

    honorific: str = Field(
        "Ông (bà)", description="Cách xưng hô: 'Ông', 'Bà' (mặc định 'Ông (bà)')"
    )
    name: str = Field(min_length=1, description="Họ và tên")
    position: str = Field(min_length=1, description="Chức vụ, đơn vị công tác")


class Attendees(FormInput):
    chair: Person = Field(description="Chủ trì cuộc họp")
    members: list[Person] = Field(default_factory=list, description="Các thành viên khác")
    secretary: Person = Field(description="Thư ký cuộc họp")


class Vote(FormInput):
    """The vote; the percentage is computed by hoso, never typed."""

    total: int = Field(ge=1, description="Tổng số thành viên tham dự cuộc họp")
    yes: int = Field(ge=0, description="Số thành viên nhất trí đề nghị công nhận")

    @field_validator("yes")
    @classmethod
    def _not_above_total(cls, yes: int, info: ValidationInfo) -> int:
        total = info.data.get("total")
        if isinstance(total, int) and yes > total:
            raise ValueError(
                f"Số thành viên nhất trí ({yes}) lớn hơn tổng số thành viên tham dự ({total})."
            )
        return yes


class Meeting(FormInput):
    date: dt.date = Field(description="Ngày họp")
    start: dt.time = Field(description="Giờ bắt đầu (HH:MM)")
    end: dt.time = Field(description="Giờ kết thúc (HH:MM)")
    end_date: dt.date | None = Field(None, description="Ngày kết thúc nếu khác ngày họp")
    place: str = Field(min_length=1, description="Địa điểm họp")
    organizer: str | None = Field(
        None,
        description="Ai tổ chức họp (mặc định 'Ban Chỉ đạo về chuyển đổi số' + tên đơn vị)",
    )
    presenter: str = Field(
        min_length=1,
        description="Thành viên thường trực của Ban chỉ đạo trình bày báo cáo (họ tên, chức vụ)",
    )


class Bieu02Input(FormInput):
    """Biểu 02 — Biên bản họp xét, đề nghị công nhận đạt chuyển đổi số."""

    agency: Agency
    issue: PlaceDate
    unit: str | None = Field(
        None, description="Tên đơn vị được đề nghị công nhận (mặc định: tên cơ quan)"
    )
    year: int = Field(ge=2000, le=2100)
    tier: Tier
    meeting: Meeting
    attendees: Attendees
    discussion: list[str] = Field(
        min_length=1, description="Ý kiến phát biểu thảo luận, mỗi ý kiến một dòng"
    )
    vote: Vote
    approval_percent: float = Field(
        100, ge=0, le=100, description="Tỷ lệ nhất trí thông qua biên bản (%)"
    )


def _person_line(person: Person, role: str | None, last: bool) -> str:
    tail = f" - {role}" if role else ""
    return f"- {person.honorific}: {person.name} - {person.position}{tail}{'.' if last else ';'}"


def bieu02_context(data: Bieu02Input) -> dict[str, Any]:
    unit = data.unit or data.agency.name
    people = data.attendees
    return {
        "header": header_context(data.agency, data.issue, None, data.year),
        "unit": unit,
        "tier": tier_label(data.tier),
        "year": data.year,
        "start": clock(data.meeting.start),
        "end": clock(data.meeting.end),
        "date": short_date(data.meeting.date),
        "end_date": short_date(data.meeting.end_date or data.meeting.date),
        "place": data.meeting.place,
        "organizer": data.meeting.organizer or f"Ban Chỉ đạo về chuyển đổi số {unit}",
        "presenter": data.meeting.presenter,
        "attendees": [
            _person_line(people.chair, "Chủ trì cuộc họp", False),
            *(_person_line(member, None, False) for member in people.members),
            _person_line(people.secretary, "Thư ký cuộc họp", True),
        ],
        "discussion": [f"- {item}" for item in data.discussion],
        "vote_yes": data.vote.yes,
        "vote_total": data.vote.total,
        "vote_rate": format_rate(100 * data.vote.yes / data.vote.total),
        "approval": format_rate(data.approval_percent),
        "chair": people.chair.name,
        "secretary": people.secretary.name,
    }


def bieu02_warnings(data: Bieu02Input) -> list[Problem]:
    """Votes counted out of more members than the minutes list as present; a meeting ending
    before it began."""
    problems = []
    present = 2 + len(data.attendees.members)
    if data.vote.total > present:
        problems.append(
            Problem(
                "VOTES_EXCEED_ATTENDEES",
                "vote.total",
                f"Biểu quyết tính trên {data.vote.total} thành viên tham dự nhưng biên bản chỉ "
                f"ghi {present} người tham dự (chủ trì, {len(data.attendees.members)} thành viên, "
                "thư ký): bổ sung thành phần tham dự hoặc sửa tổng số.",
            )
        )
    end_date = data.meeting.end_date or data.meeting.date
    if (end_date, data.meeting.end) < (data.meeting.date, data.meeting.start):
        problems.append(
            Problem(
                "MEETING_ENDS_BEFORE_START",
                "meeting.end",
                f"Cuộc họp kết thúc lúc {clock(data.meeting.end)} ngày {short_date(end_date)}, "
                f"trước giờ bắt đầu {clock(data.meeting.start)} ngày "
                f"{short_date(data.meeting.date)}.",
            )
        )
    return problems


BIEU_02 = register(
    FormSpec(
        id="bieu-02",
        title="Biểu 02 — Biên bản họp xét, đề nghị công nhận đạt chuyển đổi số",
        model=Bieu02Input,
        template="bieu-02.docx",
        build_context=bieu02_context,
        family=FAMILY,
        warnings=(bieu02_warnings,),
    )
)
