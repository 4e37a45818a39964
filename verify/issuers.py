"""When no chain reaches an anchor: which certificate is missing, and how to install it.

The path builder only says "no path". A reviewer (and the administrator
behind them) needs the name of the missing certificate: walking up from the
signer's certificate by issuer name and key identifier through every
certificate at hand (the file's, the dossier's, the store's), the first
certificate whose issuer is nowhere names it — usually the issuing CA
(e.g. "NEWTEL-CA v2") of a signature that embeds only the signer's
certificate — together with the address its certificate gives for it (AIA
caIssuers). When the walk ends at a self-signed root that is not installed,
that root is what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence

from asn1crypto import x509
from pyhanko_certvalidator.fetchers.common_utils import gather_aia_issuer_urls

from verify.known_roots import KNOWN_VN_CERTIFICATES
from verify.report import MissingIssuer
from verify.truststore import common_name, fingerprint, fold, is_self_signed

MAX_DEPTH = 10


def issued_by(cert: x509.Certificate, candidate: x509.Certificate) -> bool:
    if candidate.subject != cert.issuer:
        return False
    aki = cert.authority_key_identifier
    ski = candidate.key_identifier
    return aki is None or ski is None or aki == ski


def _name(name: x509.Name) -> str:
    value = name.native.get("common_name")
    if isinstance(value, list):
        value = value[-1] if value else None
    return str(value) if value else name.human_friendly


def find_missing(
    cert: x509.Certificate,
    available: Sequence[x509.Certificate],
    anchors: Sequence[x509.Certificate],
) -> MissingIssuer | None:
    """The first certificate missing between ``cert`` and an anchor, or ``None`` when none is."""
    anchor_prints = {fingerprint(a) for a in anchors}
    pool = [*available, *anchors]
    current = cert
    for _ in range(MAX_DEPTH):
        if fingerprint(current) in anchor_prints:
            return None
        if is_self_signed(current):
            return MissingIssuer(
                kind="root",
                name=_name(current.subject),
                subject=current.subject.human_friendly,
                named_by=None,
            )
        issuer = next((c for c in pool if issued_by(current, c)), None)
        if issuer is None:
            return MissingIssuer(
                kind="issuer",
                name=_name(current.issuer),
                subject=current.issuer.human_friendly,
                urls=list(dict.fromkeys(gather_aia_issuer_urls(current))),
                named_by=common_name(current) or current.subject.human_friendly,
                other_key_installed=any(c.subject == current.issuer for c in pool),
            )
        current = issuer
    return None


def _published_root(name: str) -> str | None:
    for known in KNOWN_VN_CERTIFICATES:
        if fold(known.common_name) == fold(name):
            return known.description
    return None


def missing_message(missing: MissingIssuer, anchors: Sequence[x509.Certificate]) -> str:
    """The Vietnamese finding: what is missing, that it is not a forgery, how to install it."""
    installed = ", ".join(f"'{common_name(a)}'" for a in anchors if common_name(a))
    if missing.kind == "root":
        published = _published_root(missing.name)
        where = (
            f"{published}; tải từ nơi công bố chính thức (rootca.gov.vn hoặc ca.gov.vn)"
            if published
            else "chỉ cài nếu đây đúng là chứng thư gốc của một tổ chức được cấp phép"
        )
        return (
            f"Chuỗi chứng thư dừng ở chứng thư gốc '{missing.name}', chứng thư này chưa được cài "
            f"vào kho tin cậy ({where}). Đề nghị quản trị hệ thống cài chứng thư này rồi kiểm "
            "tra lại."
        )
    text = (
        f"Thiếu chứng thư của CA phát hành '{missing.name}' (nơi cấp chứng thư "
        f"'{missing.named_by}'): tệp không kèm chứng thư này và kho tin cậy chưa có nó"
    )
    if missing.other_key_installed:
        text += (
            f". Kho có một chứng thư cùng tên '{missing.name}' nhưng với khoá khác: CA này đã "
            "đổi khoá (cấp lại chứng thư), cần cài đúng phiên bản đã cấp cho người ký."
        )
    else:
        text += f" (kho đã có chứng thư gốc {installed})." if installed else "."
    if missing.urls:
        text += f" Chứng thư của CA này được công bố tại {', '.join(missing.urls)}."
    text += (
        " Đề nghị quản trị hệ thống tải chứng thư CA (tệp .cer/.crt/.p7b từ địa chỉ trên hoặc "
        "trang của tổ chức cung cấp dịch vụ chứng thực), cài vào kho tin cậy rồi kiểm tra lại; "
        "hoặc kiểm tra lại có tra cứu trực tuyến để tự tải. Chữ ký không có dấu hiệu giả mạo."
    )
    if not anchors:
        text += (
            " Kho tin cậy chưa có chứng thư gốc nào: cài cả Root CA quốc gia (rootca.gov.vn) và "
            "Root CA chuyên dùng Chính phủ (ca.gov.vn)."
        )
    return text
