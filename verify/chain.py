"""Trust, time and revocation of the signer's certificate, through pyhanko-certvalidator.

The path is built from the signer's certificate to an anchor of the
configured store; intermediates may come from the signature, the DSS, the
other files of a dossier or the store itself (never as anchors). The
certificate is judged at the signing time (a valid signature timestamp,
else the claimed time), as Nghị định 130/2018 Điều 9 asks: created while
the certificate was valid, not revoked at that time — online too: ``--online``
fetches CRLs, OCSP responses and missing issuers and judges them at the
signing time, never at the moment of the check. When the network cannot be
reached, the result is the offline one plus a warning that says so.

Revocation data offline: embedded CRLs/OCSP only. A certificate that
declares where its revocation status is published but for which none is
available is INDETERMINATE (TRY_LATER, check ``revocation_data``), never
silently good; the policy decides whether that is a failure or a warning.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from asn1crypto import crl, ocsp, x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    DisallowedAlgorithmError,
    ExpiredError,
    InsufficientRevinfoError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
    ValidationError,
)
from pyhanko_certvalidator.fetchers.api import Fetchers
from pyhanko_certvalidator.path import ValidationPath
from pyhanko_certvalidator.sig_validate import DefaultSignatureValidator
from pyhanko_certvalidator.util import get_declared_revinfo

from verify.algorithms import ANY_ALGORITHM, Allowed, ChainAlgorithms
from verify.certinfo import walk_up
from verify.issuers import find_missing, missing_message
from verify.online import OnlineAccess, describe
from verify.outcome import Finding, failed, indeterminate
from verify.report import MissingIssuer, Revocation
from verify.truststore import TrustStore, common_name, is_self_signed
from verify.vntime import shown, shown_date

logger = logging.getLogger(__name__)

SELF_SIGNED = (
    "Chứng thư số của người ký là chứng thư tự ký, không do tổ chức cung cấp dịch vụ "
    "chứng thực chữ ký số được cấp phép phát hành: không có giá trị pháp lý."
)

OnlineUse = Literal["not_used", "used", "unreachable"]


@dataclass
class ChainResult:
    """Whether a trusted path exists, the revocation status, the findings, and why."""

    trusted: bool = False
    revocation: Revocation = "unknown"
    findings: list[Finding] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    missing: MissingIssuer | None = None
    online: OnlineUse = "not_used"
    warnings: list[str] = field(default_factory=list)
    no_path: bool = False
    certs: list[x509.Certificate] = field(default_factory=list)
    """The chain from the signer's certificate up, as far as it is known (for the reviewer)."""

    @property
    def conclusive(self) -> bool:
        """Trusted with a known revocation status, or refused for a reason the network cannot change."""
        subs = {f.sub_indication for f in self.findings}
        if subs & {"NO_CERTIFICATE_CHAIN_FOUND", "TRY_LATER"}:
            return False
        return self.trusted


def validity_finding(
    cert: x509.Certificate, moment: datetime, from_timestamp: bool
) -> Finding | None:
    """Was the certificate valid at the signing time? (checked even without a path)"""
    not_before = cert["tbs_certificate"]["validity"]["not_before"].native
    not_after = cert["tbs_certificate"]["validity"]["not_after"].native
    if not_before <= moment <= not_after:
        return None
    when = "hết hạn" if moment > not_after else "chưa có hiệu lực"
    text = (
        f"Chứng thư số của người ký đã {when} tại thời điểm ký "
        f"({shown(moment)}; hiệu lực {shown_date(not_before)}–{shown_date(not_after)})."
    )
    if from_timestamp:
        return failed("EXPIRED" if moment > not_after else "NOT_YET_VALID", text)
    return indeterminate(
        "OUT_OF_BOUNDS_NO_POE",
        text + " Thời điểm ký do người ký tự khai, không có dấu thời gian để chứng minh khác.",
        "certificate_validity",
    )


def build_context(
    store: TrustStore,
    extra_certs: Sequence[x509.Certificate],
    crls: Sequence[crl.CertificateList],
    ocsps: Sequence[ocsp.OCSPResponse],
    moment: datetime,
    rules: Allowed,
    *,
    fetchers: Fetchers | None = None,
    revocation_mode: str = "hard-fail",
) -> ValidationContext:
    """A validation context over our store only (never the OS trust list), at ``moment``.

    ``moment`` is the signing time: with ``fetchers`` (``--online``) the
    fetched revocation data is judged at that time too.
    """
    return ValidationContext(
        trust_manager=store.trust_manager(),
        other_certs=[*store.intermediates, *extra_certs],
        moment=moment,
        best_signature_time=moment,
        allow_fetching=fetchers is not None,
        fetchers=fetchers,
        crls=list(crls),
        ocsps=list(ocsps),
        revocation_mode=revocation_mode,
        retroactive_revinfo=True,
        algorithm_usage_policy=ChainAlgorithms(rules),
    )


def _untrusted(
    cert: x509.Certificate, store: TrustStore, extra: Sequence[x509.Certificate]
) -> ChainResult:
    result = ChainResult(certs=walk_up(cert, [*store.intermediates, *extra, *store.anchors]))
    if is_self_signed(cert):
        result.findings.append(
            indeterminate("NO_CERTIFICATE_CHAIN_FOUND", SELF_SIGNED, "trusted_chain")
        )
        return result
    missing = find_missing(cert, [*store.intermediates, *extra], store.anchors)
    result.missing = missing
    message = (
        missing_message(missing, store.anchors)
        if missing is not None
        else "Không dựng được chuỗi chứng thư từ người ký đến một chứng thư gốc đã cài."
    )
    result.findings.append(indeterminate("NO_CERTIFICATE_CHAIN_FOUND", message, "trusted_chain"))
    return result


LEVELABLE_ERRORS = (
    InsufficientRevinfoError,
    DisallowedAlgorithmError,
    ExpiredError,
    NotYetValidError,
)
"""Chain failures a policy may relax. certvalidator raises them at the first certificate
concerned and stops: the certificates below it (the signer's included) are then
unchecked, so such a failure is reported only once the whole path is proven sound."""


async def _attempt(
    cert: x509.Certificate, context: ValidationContext
) -> tuple[ValidationPath | None, Exception | None]:
    try:
        return await CertificateValidator(
            cert, validation_context=context
        ).async_validate_path(), None
    except (PathBuildingError, ValidationError) as exc:
        return None, exc


def _signatures_hold(path: ValidationPath | None) -> bool:
    """Every certificate of the path is signed by the one above it (checked with the library)."""
    if path is None:
        return False
    certs = list(path.iter_certs(True))
    validator = DefaultSignatureValidator()
    for issuer, subject in itertools.pairwise(certs):
        try:
            validator.validate_signature(
                signature=subject["signature_value"].native,
                signed_data=subject["tbs_certificate"].dump(),
                public_key_info=issuer.public_key,
                signature_algorithm=subject["signature_algorithm"],
            )
        except Exception:  # any failure to verify means the path does not hold together
            return False
    return True


async def validate_chain(
    cert: x509.Certificate,
    context: ValidationContext,
    from_timestamp: bool,
    lenient: Callable[[], ValidationContext],
) -> ChainResult:
    """Path building and validation at the context's moment, mapped to ETSI outcomes.

    A missing path comes back as ``no_path``; ``check_chain`` explains it.
    When validation stops for a reason a policy may relax (missing revocation
    data, a weak algorithm, a certificate out of its validity), the whole
    path is validated again with ``lenient()`` (revocation soft-fail, any
    algorithm) or, for validity, its signatures are checked one by one: a
    path that does not hold together is never "trusted with a warning".
    """
    result = ChainResult()
    path, error = await _attempt(cert, context)
    if isinstance(error, PathBuildingError):
        result.no_path = True
        return result
    if error is None and path is not None:
        result.trusted = True
        result.path = _names(path)
        result.certs = _certs(path)
        has_crl, has_ocsp = get_declared_revinfo(cert)
        result.revocation = "good" if (has_crl or has_ocsp) else "unknown"
        return result
    assert error is not None
    original = getattr(error, "original_path", None)
    if isinstance(error, (ExpiredError, NotYetValidError)) and not _signatures_hold(original):
        error = ValidationError("a certificate of the path is not signed by its issuer")
    elif isinstance(error, LEVELABLE_ERRORS) and not isinstance(error, RevokedError):
        _path, structural = await _attempt(cert, lenient())
        if structural is not None and not isinstance(structural, (*LEVELABLE_ERRORS, RevokedError)):
            error = structural  # the path itself is broken: report that, never a warning
    if isinstance(error, PathValidationError):
        result.path = _names(getattr(error, "original_path", None))
        result.certs = _certs(getattr(error, "original_path", None))
    if not result.certs:
        result.certs = [cert]
    return _refused(result, error, cert, from_timestamp)


def _certs(path: ValidationPath | None) -> list[x509.Certificate]:
    """The path's certificates from the signer's up to the anchor."""
    return [] if path is None else list(reversed(list(path.iter_certs(True))))


def _names(path: ValidationPath | None) -> list[str]:
    """Common names from the signer to the anchor."""
    if path is None:
        return []
    return [
        common_name(c) or c.subject.human_friendly for c in reversed(list(path.iter_certs(True)))
    ]


def _time_finding(message: str, sub: str, from_timestamp: bool) -> Finding:
    if from_timestamp:
        return failed(sub, message)
    return indeterminate("OUT_OF_BOUNDS_NO_POE", message, "certificate_validity")


def _refused(
    result: ChainResult, error: Exception, cert: x509.Certificate, from_timestamp: bool
) -> ChainResult:
    """A path was found but did not validate: the ETSI outcome of the reason."""
    result.trusted = isinstance(error, (RevokedError, *LEVELABLE_ERRORS))
    if isinstance(error, RevokedError):
        result.revocation = "revoked"
        finding = failed(
            "REVOKED",
            f"Chứng thư số đã bị thu hồi ngày {shown_date(error.revocation_dt)}, trước thời điểm "
            "ký: chữ ký không có giá trị. Đề nghị cơ quan ban hành ký lại bằng chứng thư "
            "còn hiệu lực.",
        )
    elif isinstance(error, InsufficientRevinfoError):
        finding = indeterminate(
            "TRY_LATER",
            "Không có thông tin thu hồi (CRL/OCSP) cho chứng thư số trong tệp; "
            "kiểm tra lại có tra cứu trực tuyến.",
            "revocation_data",
        )
    elif isinstance(error, ExpiredError):
        finding = _time_finding(
            "Một chứng thư trong chuỗi đã hết hạn tại thời điểm ký.", "EXPIRED", from_timestamp
        )
    elif isinstance(error, NotYetValidError):
        finding = _time_finding(
            "Một chứng thư trong chuỗi chưa có hiệu lực tại thời điểm ký.",
            "NOT_YET_VALID",
            from_timestamp,
        )
    elif isinstance(error, DisallowedAlgorithmError):
        finding = indeterminate(
            "CRYPTO_CONSTRAINTS_FAILURE",
            "Chuỗi chứng thư dùng thuật toán yếu (SHA-1/MD5 hoặc khoá RSA dưới mức tối thiểu "
            "của chính sách): thuật toán yếu, không phải dấu hiệu giả mạo.",
            "algorithms",
        )
    else:
        logger.info("path validation failed: %s", error)
        result.trusted = False
        result.path = []
        if is_self_signed(cert):
            finding = indeterminate("NO_CERTIFICATE_CHAIN_FOUND", SELF_SIGNED, "trusted_chain")
        else:
            # a path whose signatures or constraints do not hold is no matter of policy
            finding = indeterminate(
                "CERTIFICATE_CHAIN_GENERAL_FAILURE",
                "Chuỗi chứng thư của người ký không hợp lệ (chữ ký hoặc ràng buộc của "
                "CA trung gian sai): chứng thư có thể bị giả mạo. Không dùng chữ ký này.",
            )
    result.findings.append(finding)
    return result


@dataclass
class ChainInputs:
    """Everything the chain check needs besides the certificate and the moment."""

    store: TrustStore
    extra_certs: list[x509.Certificate]
    crls: list[crl.CertificateList]
    ocsps: list[ocsp.OCSPResponse]
    rules: Allowed


async def _run(
    cert: x509.Certificate,
    inputs: ChainInputs,
    moment: datetime,
    from_timestamp: bool,
    fetchers: Fetchers | None,
) -> tuple[ChainResult, list[x509.Certificate]]:
    """The chain result, and the certificates the path builder knew (fetched issuers included)."""
    context = build_context(
        inputs.store,
        inputs.extra_certs,
        inputs.crls,
        inputs.ocsps,
        moment,
        inputs.rules,
        fetchers=fetchers,
    )

    def lenient() -> ValidationContext:
        return build_context(
            inputs.store,
            [*inputs.extra_certs, *context.certificate_registry],
            inputs.crls,
            inputs.ocsps,
            moment,
            ANY_ALGORITHM,
            revocation_mode="soft-fail",
        )

    result = await validate_chain(cert, context, from_timestamp, lenient)
    known = list(context.certificate_registry)
    if result.no_path:
        return _untrusted(cert, inputs.store, [*inputs.extra_certs, *known]), known
    return result, known


async def check_chain(
    cert: x509.Certificate,
    inputs: ChainInputs,
    moment: datetime,
    from_timestamp: bool,
    online: OnlineAccess | None,
    now: datetime,
) -> ChainResult:
    """The chain at the signing time; online when asked, else (or when unreachable) offline."""
    if online is None:
        return (await _run(cert, inputs, moment, from_timestamp, None))[0]
    seen = len(online.failures)
    result, known = await _run(cert, inputs, moment, from_timestamp, online.fetchers())
    given = {
        c.dump() for c in (*inputs.store.intermediates, *inputs.store.anchors, *inputs.extra_certs)
    }
    online.keep_issuers(c for c in known if c.dump() not in given)
    failures = online.failures_since(seen)
    if failures and not result.conclusive and result.revocation != "revoked":
        offline, _known = await _run(cert, inputs, moment, from_timestamp, None)
        offline.online = "unreachable"
        offline.warnings.append(describe(failures))
        return offline
    result.online = "used"
    not_after = cert["tbs_certificate"]["validity"]["not_after"].native
    if result.revocation == "good" and not_after < now:
        result.warnings.append(
            f"Tình trạng thu hồi được tra cứu hôm nay, khi chứng thư đã hết hạn "
            f"({shown_date(not_after)}): tổ chức cấp chứng thư có thể đã xoá chứng thư hết hạn "
            "khỏi danh sách thu hồi, nên kết quả 'chưa bị thu hồi' chỉ có giá trị tham khảo."
        )
    return result
