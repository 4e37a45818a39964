"""The signing time: a valid signature timestamp when there is one, else the claimed time.

A claimed time (the CMS ``signingTime`` attribute or the dictionary's ``/M``)
is only the signer's word; a timestamp token from a trusted TSA is proof of
existence. The report says which one was used (``signing_time_source``).

Some signing software writes a fixed value instead of the time (``/M`` of
``D:20100101000000``, the Unix epoch): such a *placeholder* is no time at
all. It is kept in the report (``claimed_time``) and called out, but never
used to judge the certificate or the algorithms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from pyhanko.sign.validation.generic_cms import collect_timing_info
from pyhanko.sign.validation.status import TimestampSignatureStatus
from pyhanko_certvalidator import ValidationContext

from verify.sigdata import SignatureData
from verify.vntime import in_vietnam

PLACEHOLDER_DAYS = frozenset({date(2010, 1, 1), date(1970, 1, 1)})
"""Fixed dates some signing software writes in ``/M`` instead of the signing time."""
EARLIEST_REAL = date(2000, 1, 1)
"""No PDF signature of a Vietnamese administrative document predates this."""


def is_placeholder(moment: datetime) -> bool:
    """A known fixed value (midnight of 01/01/2010, the epoch) or a date before 2000."""
    for seen in (moment, in_vietnam(moment)):
        if seen.date() < EARLIEST_REAL:
            return True
        if seen.date() in PLACEHOLDER_DAYS and seen.time() == time(0, 0):
            return True
    return False


@dataclass
class SigningTime:
    """The moment used for the certificate checks and where it came from.

    ``claimed`` is what the signer's software wrote, kept even when it is a
    ``placeholder`` (then ``moment`` is ``None``: the signing time is unknown).
    """

    moment: datetime | None
    source: Literal["timestamp", "claimed"] | None
    message: str | None = None
    claimed: datetime | None = None
    placeholder: bool = False


async def signing_time(
    data: SignatureData,
    ts_context: ValidationContext | None,
    range_digest: Callable[[str], bytes],
) -> SigningTime:
    """Prefer a valid, trusted signature timestamp; fall back to the claimed time."""
    message = None
    try:
        info = await collect_timing_info(data.signer_info, ts_context, raw_digest=range_digest)
        status = info.get("timestamp_validity")
    except Exception:  # a broken timestamp token is not fatal to the signature
        status = None
        message = "Dấu thời gian kèm chữ ký bị hỏng, không dùng được; dùng thời điểm ký khai báo."
    if isinstance(status, TimestampSignatureStatus):
        if status.intact and status.valid and status.trusted:
            return SigningTime(status.timestamp, "timestamp", claimed=data.claimed_time)
        message = (
            "Dấu thời gian kèm chữ ký không hợp lệ hoặc của đơn vị cấp dấu thời gian không tin cậy; "
            "dùng thời điểm ký khai báo."
        )
    claimed = data.claimed_time
    if claimed is not None and is_placeholder(claimed):
        return SigningTime(None, None, message, claimed=claimed, placeholder=True)
    if claimed is not None:
        return SigningTime(claimed, "claimed", message, claimed=claimed)
    return SigningTime(None, None, message)
