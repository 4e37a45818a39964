"""Viet Nam time (+07:00): every moment a reviewer reads is shown in it, with its offset.

Signatures carry times in whatever offset the signer's software chose (UTC
in the CMS ``signingTime``, local time in ``/M``); a reviewer compares them
with the date printed on the document, so the report converts every moment
to +07:00 once, here, and prints it with the offset so it is never ambiguous.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7))
"""Giờ Việt Nam (UTC+07:00, no daylight saving)."""


def in_vietnam(moment: datetime) -> datetime:
    """The same instant in +07:00 (a naive value is taken as UTC, as PDF dates without offset are)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VIETNAM)


def shown(moment: datetime, *, seconds: bool = False) -> str:
    """``15/03/2021 09:00 (+07:00)``: the way every report prints a moment."""
    local = in_vietnam(moment)
    pattern = "%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M"
    return f"{local.strftime(pattern)} (+07:00)"


def shown_date(moment: datetime) -> str:
    """``15/03/2021``: the Viet Nam calendar date of a moment."""
    return in_vietnam(moment).strftime("%d/%m/%Y")
