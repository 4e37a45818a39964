"""The options of one verification, passed explicitly (never read from the environment).

The object is a frozen dataclass of plain values so that it can cross a
process boundary to the guarded worker (see ``guard.py``) unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from verify.errors import OptionsError


@dataclass(frozen=True)
class VerifyOptions:
    """How to verify one evidence PDF.

    ``trust``: files or folders of PEM/DER certificates; self-signed ones are
    anchors, the others known intermediates. Empty means nothing is trusted
    (signatures can then be at best ``indeterminate``); the operating
    system's TLS store is never used.

    ``validation_time``: the moment of the check (``--at``); ``None`` = now.
    Certificates are judged at the signing time (timestamp, else claimed).

    ``online``: allow fetching CRLs/OCSP responses and missing intermediates.

    ``accept_sha1_before``: tolerate SHA-1 for signatures made before this
    moment (off by default, Thông tư 15/2025/TT-BKHCN).

    ``time_limit_s`` / ``memory_limit_mb``: the guard of one file;
    ``isolate=False`` runs in the calling process (tests, trusted callers)
    and then the time limit is not enforced.

    ``check_fields``: extract the administrative fields (text layer / OCR).
    """

    trust: tuple[Path, ...] = ()
    validation_time: datetime | None = None
    online: bool = False
    accept_sha1_before: datetime | None = None
    time_limit_s: float | None = 60.0
    memory_limit_mb: int | None = 2048
    isolate: bool = True
    check_fields: bool = True

    def __post_init__(self) -> None:
        problems = []
        for name in ("validation_time", "accept_sha1_before"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                problems.append(f"{name}: cần có múi giờ, ví dụ 2024-06-01T00:00:00+07:00")
        if self.time_limit_s is not None and self.time_limit_s <= 0:
            problems.append("time_limit_s: phải là số giây dương")
        if self.memory_limit_mb is not None and self.memory_limit_mb < 64:
            problems.append("memory_limit_mb: tối thiểu 64 MB")
        if problems:
            raise OptionsError("Tùy chọn kiểm tra không hợp lệ: " + "; ".join(problems))
        object.__setattr__(self, "trust", tuple(Path(p) for p in self.trust))

    def moment(self) -> datetime:
        """The validation moment: ``validation_time`` or now (UTC)."""
        return self.validation_time or datetime.now(UTC)
