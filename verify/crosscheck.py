"""Cross-checks between a document's printed fields and its signatures.

Each field can look right on its own and still contradict another: a
``Số: 15/KH-UBND`` on a QUYẾT ĐỊNH, a signature made before the date printed
on the document, a certificate issued to a different agency than the one in
the header. These are reported as :class:`~verify.report.Problem` values
with stable codes; they never change the signature verdict, which the
signature checks alone decide.

Names are compared without diacritics or case, and common abbreviations are
expanded first (``UBND`` = ``Ủy ban nhân dân``), because certificates are
issued with whatever spelling the registration form had.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, timedelta, timezone

from verify.doctypes import TYPE_CODES, type_for_code
from verify.report import AdministrativeFields, Problem, SignatureReport
from verify.vntext import compact, fold

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")
"""Documents are dated in Vietnam's time; a signature at 23:30 UTC is the next day there."""

# Abbreviations found in agency names and in certificate subjects, folded.
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "tttt": "thong tin va truyen thong",
    "tt&tt": "thong tin va truyen thong",
    "stttt": "so thong tin va truyen thong",
    "tp": "thanh pho",
    "tp.": "thanh pho",
    "tx": "thi xa",
    "tx.": "thi xa",
    "vp": "van phong",
    "bchq": "ban chi huy quan su",
    "bhxh": "bao hiem xa hoi",
}


def cross_check(
    fields: AdministrativeFields, signatures: Sequence[SignatureReport]
) -> list[Problem]:
    """Every contradiction between ``fields`` and ``signatures``, in a stable order."""
    problems: list[Problem] = []
    problems.extend(_type_code_problems(fields))
    for index, signature in enumerate(signatures, start=1):
        problems.extend(_timing_problems(fields, signature, index))
        problems.extend(_agency_problems(fields, signature, index))
    return problems


def _type_code_problems(fields: AdministrativeFields) -> list[Problem]:
    if fields.type is None or fields.type_code is None:
        return []
    named = type_for_code(fields.type_code)
    if named is not None and compact(named) == compact(fields.type):
        return []
    expected = TYPE_CODES.get(fields.type)
    if expected is not None and fold(expected) == fold(fields.type_code):
        return []  # ``QD`` typed for ``QĐ``: the same code without its stroke
    if expected is not None:
        fix = f"với {fields.type.lower()} ký hiệu phải là “{expected}”"
    else:
        fix = f"{fields.type.lower()} không có ký hiệu tên loại trong số văn bản"
    return [
        Problem(
            code="TYPE_CODE_MISMATCH",
            severity="error",
            message=(
                f"Ký hiệu “{fields.type_code}” trong số “{fields.number}” không khớp tên loại "
                f"văn bản “{fields.type}”: {fix} (Phụ lục III Nghị định 30/2020/NĐ-CP). "
                "Kiểm tra lại đây có đúng là văn bản được yêu cầu."
            ),
        )
    ]


def _timing_problems(
    fields: AdministrativeFields, signature: SignatureReport, index: int
) -> list[Problem]:
    if fields.date is None or signature.signing_time is None:
        return []
    signed_on = _vietnam_date(signature)
    if signed_on >= fields.date:
        return []
    source = "dấu thời gian" if signature.signing_time_source == "timestamp" else "thời điểm ký"
    return [
        Problem(
            code="SIGNED_BEFORE_DOCUMENT_DATE",
            severity="error",
            message=(
                f"Chữ ký số thứ {index} có {source} {signed_on:%d/%m/%Y}, trước ngày ban hành "
                f"ghi trên văn bản {fields.date:%d/%m/%Y}: văn bản đã bị sửa sau khi ký hoặc "
                "ngày ban hành ghi sai; hãy nộp bản được ký số sau khi hoàn thiện."
            ),
        )
    ]


def _vietnam_date(signature: SignatureReport) -> date:
    moment = signature.signing_time
    assert moment is not None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VIETNAM_TIME).date()


def _agency_problems(
    fields: AdministrativeFields, signature: SignatureReport, index: int
) -> list[Problem]:
    """The certificate must name the issuing agency (or, for a personal certificate, the signer)."""
    if fields.agency is None:
        return []
    names = [n for n in (signature.signer.common_name, signature.signer.organization) if n]
    if not names:
        return []
    # Only the issuing agency itself: a document of a commune signed with its
    # district's certificate is exactly what this check exists to catch.
    if any(agency_matches(fields.agency, name) for name in names):
        return []
    if fields.signer_name and any(compact(fields.signer_name) == compact(n) for n in names):
        return []  # a personal certificate of the person who signs in the signature block
    shown = " / ".join(names)
    return [
        Problem(
            code="SIGNER_AGENCY_MISMATCH",
            severity="warning",
            message=(
                f"Chứng thư số của chữ ký thứ {index} cấp cho “{shown}”, không khớp cơ quan "
                f"ban hành “{fields.agency}” ghi trên văn bản: kiểm tra văn bản được ký bằng "
                "chứng thư số của đúng cơ quan ban hành."
            ),
        )
    ]


def normalise_agency(name: str) -> str:
    """``UBND xã Tân Thịnh`` → ``uy ban nhan dan xa tan thinh``: folded, abbreviations expanded."""
    words = re.split(r"[\s,;()\-–]+", fold(name))
    expanded = [_ABBREVIATIONS.get(w, w) for w in words if w]
    return " ".join(" ".join(expanded).replace(".", " ").split())


# Words naming an administrative level, which certificates often leave out
# (``UBND Yên Bái`` for ``Ủy ban nhân dân tỉnh Yên Bái``).
_LEVEL_WORDS = frozenset({"tinh", "huyen", "xa", "phuong", "quan"})


def agency_matches(agency: str, certificate_name: str) -> bool:
    """Whether the two names agree word for word, after normalising both.

    The certificate may say more than the header (``Sở Thông tin và Truyền
    thông tỉnh Thanh Hóa`` for ``SỞ THÔNG TIN VÀ TRUYỀN THÔNG``) or a little
    less (``UBND Yên Bái`` for ``ỦY BAN NHÂN DÂN TỈNH YÊN BÁI``), but not
    only a generic part of it (``Ủy ban nhân dân`` alone).
    """
    a = set(normalise_agency(agency).split()) - _LEVEL_WORDS
    b = set(normalise_agency(certificate_name).split()) - _LEVEL_WORDS
    if not a or not b:
        return False
    return a <= b or (b <= a and len(b) >= 0.75 * len(a))
