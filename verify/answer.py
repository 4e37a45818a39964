"""The answer a reviewer can act on, per signature, in Vietnamese, first line first.

Who signed, which CA, when (Viet Nam time, proven by a timestamp or only
claimed), intact or not and which revision, trusted or why not, revocation
known or not, and the one thing to do next. The facts come from the
signature's report; this module only words them, so the CLI, the JSON and
the reviewers' page say the same thing.

When several things stand in the way, the headline lists them and the next
step is the one that must be done first under any policy (a modified file
before a missing CA, a missing CA before a weak algorithm).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from verify.labels import MODIFIED_AFTER_LABELS
from verify.outcome import Finding
from verify.report import ActionKind, SignatureReport, SignatureSummary, TimeKind
from verify.vntime import in_vietnam, shown

PRIORITY = (
    "HASH_FAILURE",
    "SIG_CRYPTO_FAILURE",
    "FORMAT_FAILURE",
    "REVOKED",
    "EXPIRED",
    "NOT_YET_VALID",
    "NO_SIGNING_CERTIFICATE_FOUND",
    "NO_CERTIFICATE_CHAIN_FOUND",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE",
    "CHAIN_CONSTRAINTS_FAILURE",
    "OUT_OF_BOUNDS_NO_POE",
    "GENERIC",
    "CRYPTO_CONSTRAINTS_FAILURE",
    "TRY_LATER",
    "NO_POE",
)

HEADLINES = {
    "TOTAL_PASSED": "HỢP LỆ",
    "TOTAL_FAILED": "KHÔNG HỢP LỆ",
    "INDETERMINATE": "CHƯA XÁC ĐỊNH ĐƯỢC",
}


def _signer(report: SignatureReport) -> str:
    signer = report.signer
    name = signer.common_name or "(không rõ tên)"
    if signer.organization and signer.organization != signer.common_name:
        return f"{name} ({signer.organization})"
    return name


def _issuer(report: SignatureReport) -> str | None:
    issuer = report.signer.issuer
    if not issuer:
        return None
    for part in issuer.split(", "):
        if part.startswith("Common Name: "):
            return part.removeprefix("Common Name: ")
    return issuer


def _time(report: SignatureReport) -> tuple[datetime | None, TimeKind, str, str | None]:
    """The moment shown, its kind, the sentence, and the callout (placeholder, out of validity)."""
    note = None
    if report.claimed_time_placeholder and report.claimed_time is not None:
        note = (
            f"thời điểm ghi trong tệp ({shown(report.claimed_time)}) là giá trị mặc định của "
            "phần mềm ký, không phải thời điểm ký thật"
        )
        return report.claimed_time, "placeholder", "không rõ — " + note, note
    moment = report.signing_time
    if moment is None:
        return None, "none", "không rõ (tệp không ghi thời điểm ký, không có dấu thời gian)", None
    if report.signing_time_source == "timestamp":
        return moment, "timestamp", f"{shown(moment)}, được chứng minh bằng dấu thời gian", None
    if any("chưa có hiệu lực tại thời điểm ký" in m for m in report.messages):
        note = "thời điểm khai báo nằm trước ngày chứng thư số có hiệu lực"
    elif any("đã hết hạn tại thời điểm ký" in m for m in report.messages):
        note = "thời điểm khai báo nằm sau ngày chứng thư số hết hạn"
    sentence = f"{shown(moment)}, chỉ do người ký khai (đồng hồ máy ký), không có dấu thời gian"
    return moment, "claimed", sentence + (f" — {note}" if note else ""), note


def _integrity(report: SignatureReport, subs: set[str | None]) -> str:
    where = ""
    if report.signed_revision is not None and report.revisions:
        where = f"; chữ ký bao phủ phiên bản {report.signed_revision}/{report.revisions} của tệp"
    if not report.intact or subs & {"HASH_FAILURE", "SIG_CRYPTO_FAILURE"}:
        return "KHÔNG — nội dung hoặc giá trị chữ ký không khớp bản đã ký" + where
    if report.modified_after not in ("none", "signatures_or_validation_data") or (
        "FORMAT_FAILURE" in subs
    ):
        change = MODIFIED_AFTER_LABELS[report.modified_after]
        return f"bản đã ký còn nguyên, nhưng tệp bị sửa sau khi ký ({change}){where}"
    after = (
        ", sau đó chỉ thêm chữ ký hoặc dữ liệu xác thực"
        if report.modified_after == "signatures_or_validation_data"
        else ""
    )
    return f"còn nguyên vẹn{where}{after}"


def _trust(report: SignatureReport, subs: set[str | None]) -> str:
    if report.trusted and report.chain:
        return "có — chuỗi " + " → ".join(report.chain)
    missing = report.missing_issuer
    if missing is not None and missing.kind == "issuer":
        url = f" (công bố tại {missing.urls[0]})" if missing.urls else ""
        return f"không — thiếu chứng thư của CA phát hành '{missing.name}'{url}"
    if missing is not None:
        return f"không — chuỗi dừng ở chứng thư gốc '{missing.name}' chưa được cài"
    if "NO_CERTIFICATE_CHAIN_FOUND" in subs:
        if any("tự ký" in m for m in report.messages):
            return "không — chứng thư tự ký, không do tổ chức được cấp phép cấp"
        return "không — không dựng được chuỗi đến chứng thư gốc đã cài"
    if "CERTIFICATE_CHAIN_GENERAL_FAILURE" in subs:
        return "không — chuỗi chứng thư không hợp lệ (chứng thư có thể bị giả mạo)"
    if report.trusted:
        return "có chuỗi đến chứng thư gốc đã cài, nhưng chuỗi không đạt yêu cầu (xem lý do)"
    return "không xác định (chữ ký không kiểm tra được đến bước này)"


def _revocation(report: SignatureReport) -> str:
    online = {
        "used": " (đã tra cứu trực tuyến)",
        "unreachable": " (không tra cứu trực tuyến được)",
    }.get(report.online, "")
    if report.revocation == "revoked":
        return "ĐÃ BỊ THU HỒI trước thời điểm ký" + online
    if report.revocation == "good":
        return "chưa bị thu hồi tại thời điểm ký" + online
    return "không xác định — không có dữ liệu thu hồi (CRL/OCSP)" + online


def _reason(sub: str | None, report: SignatureReport) -> str:
    missing = report.missing_issuer
    texts = {
        "HASH_FAILURE": "nội dung tệp đã bị thay đổi sau khi ký",
        "SIG_CRYPTO_FAILURE": "giá trị chữ ký không khớp chứng thư số",
        "FORMAT_FAILURE": "tệp hoặc chữ ký bị sửa sau khi ký, hoặc sai cấu trúc",
        "REVOKED": "chứng thư số đã bị thu hồi trước khi ký",
        "EXPIRED": "chứng thư số đã hết hạn khi ký (theo dấu thời gian)",
        "NOT_YET_VALID": "chứng thư số chưa có hiệu lực khi ký (theo dấu thời gian)",
        "NO_SIGNING_CERTIFICATE_FOUND": "chữ ký không kèm chứng thư của người ký",
        "CERTIFICATE_CHAIN_GENERAL_FAILURE": "chuỗi chứng thư không hợp lệ",
        "CHAIN_CONSTRAINTS_FAILURE": "chứng thư không dành cho ký số",
        "OUT_OF_BOUNDS_NO_POE": "không chứng minh được chứng thư còn hiệu lực khi ký",
        "GENERIC": "thời điểm ký không đáng tin",
        "CRYPTO_CONSTRAINTS_FAILURE": "thuật toán yếu (không phải dấu hiệu giả mạo)",
        "TRY_LATER": "chưa kiểm tra được tình trạng thu hồi",
        "NO_POE": "thời điểm ký không được chứng minh bằng dấu thời gian",
    }
    refused = [c for c in report.changes if not c.permitted and c.kind != "signed_bytes"]
    if sub == "FORMAT_FAILURE" and refused:
        first = refused[0].text.rstrip(".")
        more = f" và {len(refused) - 1} thay đổi khác" if len(refused) > 1 else ""
        return f"tệp bị sửa sau khi ký — {first[:1].lower()}{first[1:]}{more}"
    if sub == "NO_CERTIFICATE_CHAIN_FOUND":
        if missing is not None and missing.kind == "issuer":
            return f"thiếu chứng thư CA phát hành '{missing.name}'"
        if missing is not None:
            return f"chứng thư gốc '{missing.name}' chưa được cài"
        return "chứng thư không do tổ chức được tin cậy cấp"
    return texts.get(sub or "", "xem lý do chi tiết")


Step = tuple[str, ActionKind, Literal["reviewer", "administrator", "issuer"] | None]
"""The sentence, the kind of action (a command-line adapter adds its command), who acts."""

RESIGN = "Đề nghị cơ quan ban hành ký lại"
ADMIN = "Đề nghị quản trị hệ thống"


def _next_step(first: str | None, report: SignatureReport, warnings: bool) -> Step:
    """What to do first, in the reviewer's words: never a command line."""
    missing = report.missing_issuer
    if first in ("HASH_FAILURE", "SIG_CRYPTO_FAILURE", "FORMAT_FAILURE"):
        return (
            "Không dùng bản này làm minh chứng: đề nghị cơ quan ban hành gửi lại bản gốc đã ký "
            "số (tệp lấy trực tiếp từ hệ thống, không qua chỉnh sửa hay in lại).",
            "resubmit",
            "issuer",
        )
    if first in ("REVOKED", "EXPIRED", "NOT_YET_VALID", "CHAIN_CONSTRAINTS_FAILURE"):
        return (
            f"Không dùng bản này: {RESIGN.lower()} bằng chứng thư số còn hiệu lực, dành cho ký số.",
            "resign",
            "issuer",
        )
    if first == "NO_SIGNING_CERTIFICATE_FOUND":
        return f"{RESIGN} bằng phần mềm ký số có nhúng chứng thư của người ký.", "resign", "issuer"
    if first == "NO_CERTIFICATE_CHAIN_FOUND" and missing is not None and missing.kind == "issuer":
        where = f" (công bố tại {missing.urls[0]})" if missing.urls else ""
        fetch = (
            "; khi mạng tới máy chủ của CA thông suốt, cũng có thể kiểm tra lại có tra cứu "
            "trực tuyến để tự tải chứng thư này"
            if report.online == "unreachable"
            else ""
        )
        return (
            f"{ADMIN} cài chứng thư CA '{missing.name}'{where} vào kho chứng thư tin cậy của "
            f"hoso{fetch}, rồi kiểm tra lại tệp. Chữ ký không có dấu hiệu giả mạo; chỉ thiếu "
            "chứng thư của CA để xác nhận.",
            "install_issuer",
            "administrator",
        )
    if first == "NO_CERTIFICATE_CHAIN_FOUND" and missing is not None:
        return (
            f"{ADMIN} cài chứng thư gốc '{missing.name}' từ nơi công bố chính thức vào kho "
            "chứng thư tin cậy, nếu đó đúng là chứng thư gốc của tổ chức được cấp phép, rồi "
            "kiểm tra lại tệp.",
            "install_root",
            "administrator",
        )
    if first == "CERTIFICATE_CHAIN_GENERAL_FAILURE":
        return (
            "Không dùng chữ ký này: chứng thư của người ký không khớp với CA ghi trên đó (có thể "
            "bị giả mạo); đề nghị cơ quan ban hành gửi lại bản gốc và báo cho quản trị hệ thống.",
            "report_forgery",
            "issuer",
        )
    if first == "NO_CERTIFICATE_CHAIN_FOUND":
        return (
            f"{RESIGN} bằng chứng thư số do tổ chức cung cấp dịch vụ chứng thực được cấp phép.",
            "resign",
            "issuer",
        )
    if first in ("OUT_OF_BOUNDS_NO_POE", "GENERIC", "NO_POE") or (
        first == "CRYPTO_CONSTRAINTS_FAILURE" and report.claimed_time_placeholder
    ):
        if report.claimed_time_placeholder or report.signing_time is None:
            return (
                "Đề nghị cơ quan ban hành xác nhận ngày ký (tệp không ghi thời điểm ký thật) "
                "hoặc gửi bản ký lại có dấu thời gian.",
                "confirm_time",
                "issuer",
            )
        return f"{RESIGN} bằng chứng thư số còn hiệu lực tại thời điểm ký.", "resign", "issuer"
    if first == "CRYPTO_CONSTRAINTS_FAILURE":
        if any("vn-legacy" in m for m in report.messages):
            return (
                "Nếu văn bản được ký trước 15/08/2025, kiểm tra lại theo chính sách vn-legacy "
                f"(chấp nhận thuật toán cũ có cảnh báo); nếu không, {RESIGN.lower()} bằng "
                "thuật toán mới.",
                "check_vn_legacy",
                "reviewer",
            )
        return (
            f"{RESIGN} bằng chứng thư số và phần mềm ký mới (RSA từ 2048 bit, SHA-256).",
            "resign",
            "issuer",
        )
    if first == "TRY_LATER":
        if report.online == "unreachable":
            return (
                f"{ADMIN} kiểm tra kết nối mạng tới máy chủ tra cứu thu hồi của CA, rồi kiểm "
                "tra lại tệp có tra cứu trực tuyến.",
                "check_online",
                "administrator",
            )
        return (
            "Kiểm tra lại tệp có tra cứu trực tuyến tình trạng thu hồi (CRL/OCSP).",
            "check_online",
            "reviewer",
        )
    if warnings:
        return (
            "Có thể chấp nhận làm minh chứng; ghi nhận các cảnh báo trên vào biên bản thẩm định.",
            "accept_with_warnings",
            "reviewer",
        )
    return "Không cần làm gì thêm: chữ ký dùng được làm minh chứng.", "accept", None


def summarize(
    report: SignatureReport, findings: list[Finding], policy_id: str, now: datetime
) -> SignatureSummary:
    """The reviewer's answer for one signature, from its report and its deciding findings."""
    subs = {f.sub_indication for f in findings}
    ordered = [s for s in PRIORITY if s in subs] + sorted(
        s for s in subs if s is not None and s not in PRIORITY
    )
    first = ordered[0] if ordered else None
    moment, kind, when, note = _time(report)
    headline = HEADLINES[report.indication]
    if report.indication == "TOTAL_PASSED" and report.warnings:
        headline = f"HỢP LỆ, CÓ {len(report.warnings)} CẢNH BÁO (chính sách {policy_id})"
    reasons = "; ".join(dict.fromkeys(_reason(s, report) for s in ordered))
    signer, issuer = _signer(report), _issuer(report)
    step, action, by = _next_step(first, report, bool(report.warnings))
    first_line = f"{headline} — chữ ký của {signer}" + (f", cấp bởi {issuer}" if issuer else "")
    first_line += f": {reasons}." if reasons else "."
    summary = SignatureSummary(
        headline=first_line,
        signer=signer,
        issuer=issuer,
        time=in_vietnam(moment) if moment is not None else None,
        time_kind=kind,
        time_note=note,
        intact=report.intact,
        revision=report.signed_revision,
        revisions=report.revisions,
        trust=_trust(report, subs),
        revocation=_revocation(report),
        next_step=step,
        action=action,
        action_by=by,
        warnings=list(report.warnings),
    )
    summary.lines = [
        first_line,
        f"Người ký: {signer}",
        f"Cấp bởi: {issuer or 'không rõ'}",
        f"Thời điểm ký: {when}",
        f"Toàn vẹn: {_integrity(report, subs)}",
        f"Tin cậy: {summary.trust}",
        f"Thu hồi: {summary.revocation}",
        *(f"Cảnh báo: {w}" for w in report.warnings),
        f"Việc cần làm: {summary.next_step}",
        f"(Kiểm tra lúc {shown(now)}, theo chính sách {policy_id}.)",
    ]
    return summary
