"""Input pieces and context helpers shared by every administrative form.

Every form of Nghị định 30/2020 has the same frame: issuing agency and its
parent, number, place and date, recipients, signer. Declaring them once keeps
the JSON of all provinces alike (``agency.name`` means the same everywhere)
and keeps the decree's writing rules (CAPS header, ``Số: 05/...``, date line)
in one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from criteria.catalog import TIER_LABELS, Tier
from docgen.dates import date_line, number_line, short_date
from docgen.errors import Problem


class FormInput(BaseModel):
    """Base of every form's input: unknown fields are errors (typos must not vanish)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Agency(FormInput):
    """The issuing agency (``TÊN CƠ QUAN``) and its parent (``CƠ QUAN CHỦ QUẢN``)."""

    name: str = Field(
        min_length=1, description="Tên cơ quan ban hành, ví dụ 'Ủy ban nhân dân huyện Văn Chấn'"
    )
    parent: str | None = Field(
        None, description="Cơ quan chủ quản (dòng trên cùng), ví dụ 'Ủy ban nhân dân tỉnh Yên Bái'"
    )
    code: str | None = Field(
        None,
        description="Chữ viết tắt tên cơ quan trong ký hiệu văn bản, ví dụ 'UBND' (Số: 15/TTr-UBND)",
    )


class Signer(FormInput):
    """Who signs: authority line (``KT. CHỦ TỊCH``), title (``PHÓ CHỦ TỊCH``), name."""

    authority: str | None = Field(
        None, description="Thẩm quyền ký (TM., KT., TL., Q.), ví dụ 'TM. ỦY BAN NHÂN DÂN'"
    )
    title: str = Field(min_length=1, description="Chức vụ người ký, ví dụ 'CHỦ TỊCH'")
    name: str | None = Field(None, description="Họ và tên người ký (để trống nếu ký tay)")


class PlaceDate(FormInput):
    """Place and date of a document that carries no number (a biên bản)."""

    place: str = Field(min_length=1, description="Địa danh, ví dụ 'Văn Chấn'")
    date: dt.date | None = Field(None, description="Ngày ban hành YYYY-MM-DD (trống: để điền tay)")


class Issue(PlaceDate):
    """Number, place and date of the document."""

    number: str | None = Field(
        None,
        description="Số văn bản (để trống khi chưa cấp số: 'Số:    /TTr-UBND')",
    )


def upper(text: str | None) -> str:
    """CAPS as the decree writes agency names and titles; Python's upper() knows Vietnamese."""
    return (text or "").upper()


def header_context(
    agency: Agency, issue: PlaceDate, doc_type: str | None, year: int | None
) -> dict[str, Any]:
    """The header lines, already written the decree's way (no ``Số`` without ``doc_type``)."""
    number = issue.number if isinstance(issue, Issue) else None
    return {
        "parent": upper(agency.parent),
        "agency": upper(agency.name),
        "number_line": number_line(number, doc_type, agency.code or "") if doc_type else "",
        "date_line": date_line(issue.place, issue.date, year),
    }


def recipient_lines(recipients: list[str]) -> list[str]:
    """``- Như trên;`` … ``- Lưu: VT.``: a dash before, ``;`` after, ``.`` after the last."""
    items = [r.strip().rstrip(";.").strip() for r in recipients if r.strip()]
    return [
        f"- {item}{'.' if index == len(items) - 1 else ';'}" for index, item in enumerate(items)
    ]


def signer_context(signer: Signer) -> dict[str, Any]:
    return {
        "authority": upper(signer.authority),
        "title": upper(signer.title),
        "name": signer.name or "",
    }


def tier_label(tier: Tier) -> str:
    """``chuyển đổi số`` or ``chuyển đổi số nâng cao``: what the seeds' ``…/…`` choice becomes."""
    return TIER_LABELS[tier]


Citation = tuple[str, str, dt.date]
"""What a document cites: the JSON path to blame, the cited document's name, its date."""


def later_citations(document: str, issued: dt.date | None, cited: list[Citation]) -> list[Problem]:
    """A warning for each document cited that is dated after the one citing it.

    A document cannot be issued "under" or "carrying out" a decision that did
    not exist yet: one of the two dates is a typing mistake, and the clerk is
    the one who knows which. An undated draft (date left for the hand) is
    not judged.
    """
    if issued is None:
        return []
    return [
        Problem(
            "CITES_LATER_DOCUMENT",
            path,
            f"{document} ngày {short_date(issued)} căn cứ {name} ngày {short_date(date)}, sau "
            f"ngày của {document}: kiểm tra lại ngày ban hành hoặc ngày của văn bản được căn cứ.",
        )
        for path, name, date in cited
        if date > issued
    ]
