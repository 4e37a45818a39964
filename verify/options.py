"""The options of one verification, passed explicitly (never read from the environment).

The object is a frozen dataclass of plain values (and the resolved policy,
a frozen pydantic model) so that it can cross a process boundary to the
guarded worker (see ``guard.py``) unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from verify.errors import OptionsError
from verify.policy import Policy, default_policy


@dataclass(frozen=True)
class VerifyOptions:
    """How to verify one evidence PDF.

    ``trust``: files or folders of PEM/DER/PKCS#7 certificates; self-signed
    ones are anchors, the others known intermediates, and a folder's
    ``intermediates/`` subfolder holds issuing CAs (never anchors). Empty
    means nothing is trusted (signatures can then be at best
    ``indeterminate``); the operating system's TLS store is never used.

    ``intermediates``: more folders of certificates that may complete a
    chain but are never anchors (the service's certificates seen in earlier
    uploads). ``extra_certificates``: DER certificates offered the same way
    (the issuing CAs embedded in the other files of a dossier).

    ``issuer_cache``: where issuers fetched with ``online`` are stored; it
    is read as one more intermediates folder.

    ``policy``: the validation policy (``verify.policy``); the built-in
    ``strict`` one by default.

    ``validation_time``: the moment of the check (``--at``); ``None`` = now.
    Certificates are judged at the signing time (timestamp, else claimed),
    online too.

    ``online``: fetch CRLs/OCSP responses and missing issuers (AIA).

    ``time_limit_s`` / ``memory_limit_mb``: the guard of one file;
    ``isolate=False`` runs in the calling process (tests, trusted callers)
    and then the time limit is not enforced.

    ``check_fields``: extract the administrative fields (text layer / OCR).
    """

    trust: tuple[Path, ...] = ()
    intermediates: tuple[Path, ...] = ()
    extra_certificates: tuple[bytes, ...] = ()
    issuer_cache: Path | None = None
    policy: Policy = field(default_factory=default_policy)
    validation_time: datetime | None = None
    online: bool = False
    time_limit_s: float | None = 60.0
    memory_limit_mb: int | None = 2048
    isolate: bool = True
    check_fields: bool = True

    def __post_init__(self) -> None:
        problems = []
        if self.validation_time is not None and self.validation_time.tzinfo is None:
            problems.append("validation_time: cần có múi giờ, ví dụ 2024-06-01T00:00:00+07:00")
        if self.time_limit_s is not None and self.time_limit_s <= 0:
            problems.append("time_limit_s: phải là số giây dương")
        if self.memory_limit_mb is not None and self.memory_limit_mb < 64:
            problems.append("memory_limit_mb: tối thiểu 64 MB")
        if not isinstance(self.policy, Policy):
            problems.append("policy: cần một chính sách đã nạp (verify.policy.load_policy)")
        if problems:
            raise OptionsError("Tùy chọn kiểm tra không hợp lệ: " + "; ".join(problems))
        object.__setattr__(self, "trust", tuple(Path(p) for p in self.trust))
        object.__setattr__(self, "intermediates", tuple(Path(p) for p in self.intermediates))

    def moment(self) -> datetime:
        """The validation moment: ``validation_time`` or now (UTC)."""
        return self.validation_time or datetime.now(UTC)

    def intermediate_folders(self) -> tuple[Path, ...]:
        """Every folder of untrusted intermediates, the issuer cache included."""
        cache = (self.issuer_cache,) if self.issuer_cache is not None else ()
        return (*self.intermediates, *cache)
