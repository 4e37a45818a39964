"""The signing time: a valid signature timestamp when there is one, else the claimed time.

A claimed time (the CMS ``signingTime`` attribute or the dictionary's ``/M``)
is only the signer's word; a timestamp token from a trusted TSA is proof of
existence. The report says which one was used (``signing_time_source``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pyhanko.sign.validation.generic_cms import collect_timing_info
from pyhanko.sign.validation.status import TimestampSignatureStatus
from pyhanko_certvalidator import ValidationContext

from verify.sigdata import SignatureData


@dataclass
class SigningTime:
    """The moment used for the certificate checks and where it came from."""

    moment: datetime | None
    source: Literal["timestamp", "claimed"] | None
    message: str | None = None


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
            return SigningTime(status.timestamp, "timestamp")
        message = (
            "Dấu thời gian kèm chữ ký không hợp lệ hoặc của đơn vị cấp dấu thời gian không tin cậy; "
            "dùng thời điểm ký khai báo."
        )
    if data.claimed_time is not None:
        return SigningTime(data.claimed_time, "claimed", message)
    return SigningTime(None, None, message)
