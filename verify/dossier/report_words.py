"""The words both dossier reports (HTML and XLSX) use, written once.

Verdicts and file kinds in Vietnamese, the catalog by its title, when the
check ran (and at which moment the signatures were judged, when a moment was
given), and a signature in three short lines: who, which CA, when and how
that time is known.
"""

from __future__ import annotations

from functools import lru_cache

from verify.dossier.model import DossierResult
from verify.report import SignatureReport
from verify.vntime import shown

VERDICT_LABELS = {
    "valid": "Chữ ký hợp lệ",
    "invalid": "Chữ ký không hợp lệ",
    "indeterminate": "Chưa xác định được chữ ký",
    "unsigned": "Chưa ký số",
    "unreadable": "Không đọc được",
}
KIND_LABELS = {
    "pdf": "PDF",
    "illustration": "Ảnh/video/âm thanh minh họa",
    "other": "Định dạng không chấp nhận",
    "ignored": "Tệp hệ thống (bỏ qua)",
    "refused": "Liên kết (từ chối)",
}
TIME_SOURCES = {
    "timestamp": "theo dấu thời gian",
    "claimed": "do người ký tự khai",
    "placeholder": "không rõ (giá trị mặc định của phần mềm ký)",
    "none": "không rõ",
}


def tier_label(tier: str) -> str:
    from criteria.catalog import TIER_LABELS

    return TIER_LABELS.get(tier, tier)


@lru_cache(maxsize=32)
def catalog_title(catalog_id: str) -> str:
    """``Bộ tiêu chí … (thanhhoa-2023-xa)``; the id alone when the catalog cannot be loaded."""
    try:
        from criteria import load_catalog

        title = load_catalog(catalog_id).title
    except Exception:  # an unknown or broken catalog still gets a report
        return catalog_id
    return f"{title} ({catalog_id})"


def checked_line(result: DossierResult) -> str:
    """When the check ran, in Viet Nam time; the judging moment too when one was given."""
    when = shown(result.checked_at) if result.checked_at is not None else "không rõ"
    text = f"{when}, giờ Việt Nam"
    if result.validation_time is not None:
        text += f"; chữ ký được đánh giá tại thời điểm {shown(result.validation_time)}"
    return text


def signer_of(sig: SignatureReport) -> str:
    summary = sig.summary
    if summary is not None:
        return summary.signer
    who = sig.signer
    return ", ".join(x for x in (who.common_name, who.organization) if x) or "không rõ"


def issuer_of(sig: SignatureReport) -> str:
    return (sig.summary.issuer if sig.summary is not None else None) or "không rõ"


def signing_time_of(sig: SignatureReport) -> str:
    summary = sig.summary
    kind = summary.time_kind if summary is not None else "none"
    moment = summary.time if summary is not None else sig.signing_time
    if moment is None or kind == "placeholder":
        return TIME_SOURCES[kind]
    return f"{shown(moment)}, {TIME_SOURCES[kind]}"


def signature_lines(sig: SignatureReport) -> list[str]:
    """Who, which CA, when: the three lines a reviewer checks on each signature."""
    return [
        f"Người ký: {signer_of(sig)}",
        f"CA: {issuer_of(sig)}",
        f"Ký lúc: {signing_time_of(sig)}",
    ]
