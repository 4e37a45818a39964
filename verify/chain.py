"""Trust, time and revocation of the signer's certificate, through pyhanko-certvalidator.

The path is built from the signer's certificate to an anchor of the
configured store; intermediates may come from the signature, the DSS or the
store itself. The certificate is judged at the signing time (a valid
signature timestamp, else the claimed time), as Nghị định 130/2018 Điều 9
asks: created while the certificate was valid, not revoked at that time.
Revocation data: embedded CRLs/OCSP only, unless ``online``. A certificate
that declares where its revocation status is published but for which none
is available is INDETERMINATE (TRY_LATER), never silently good.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

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
from pyhanko_certvalidator.policy_decl import DisallowWeakAlgorithmsPolicy
from pyhanko_certvalidator.util import get_declared_revinfo

from verify.outcome import Finding, failed, indeterminate
from verify.policy import MIN_RSA_BITS
from verify.report import Revocation
from verify.truststore import TrustStore, is_self_signed

logger = logging.getLogger(__name__)

SELF_SIGNED = (
    "Chứng thư số của người ký là chứng thư tự ký, không do tổ chức cung cấp dịch vụ "
    "chứng thực chữ ký số được cấp phép phát hành: không có giá trị pháp lý."
)


@dataclass
class ChainResult:
    """Whether a trusted path exists, the revocation status, and the findings."""

    trusted: bool = False
    revocation: Revocation = "unknown"
    findings: list[Finding] = field(default_factory=list)


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
        f"({moment:%d/%m/%Y %H:%M}; hiệu lực {not_before:%d/%m/%Y}–{not_after:%d/%m/%Y})."
    )
    if from_timestamp:
        return failed("EXPIRED" if moment > not_after else "NOT_YET_VALID", text)
    return indeterminate(
        "OUT_OF_BOUNDS_NO_POE",
        text + " Thời điểm ký do người ký tự khai, không có dấu thời gian để chứng minh khác.",
    )


def build_context(
    store: TrustStore,
    extra_certs: list[x509.Certificate],
    crls: list[crl.CertificateList],
    ocsps: list[ocsp.OCSPResponse],
    moment: datetime,
    online: bool,
    weak_digests: frozenset[str],
    revocation_mode: str = "hard-fail",
) -> ValidationContext:
    """A validation context over our store only (never the OS trust list)."""
    return ValidationContext(
        trust_manager=store.trust_manager(),
        other_certs=[*store.intermediates, *extra_certs],
        moment=None if online else moment,
        best_signature_time=moment,
        allow_fetching=online,
        crls=list(crls),
        ocsps=list(ocsps),
        revocation_mode=revocation_mode,
        retroactive_revinfo=True,
        algorithm_usage_policy=DisallowWeakAlgorithmsPolicy(
            weak_hash_algos=weak_digests, rsa_key_size_threshold=MIN_RSA_BITS
        ),
    )


async def validate_chain(
    cert: x509.Certificate,
    context: ValidationContext,
    from_timestamp: bool,
) -> ChainResult:
    """Path building and validation at the signing time, mapped to ETSI outcomes."""
    result = ChainResult()
    validator = CertificateValidator(cert, validation_context=context)
    try:
        await validator.async_validate_path()
    except PathBuildingError:
        if is_self_signed(cert):
            result.findings.append(indeterminate("NO_CERTIFICATE_CHAIN_FOUND", SELF_SIGNED))
            return result
        result.findings.append(
            indeterminate(
                "NO_CERTIFICATE_CHAIN_FOUND",
                "Không tìm thấy chuỗi chứng thư từ người ký đến một chứng thư gốc tin cậy. "
                "Hãy cài chứng thư gốc Root CA quốc gia hoặc Root CA chuyên dùng Chính phủ "
                "(hoso trust add) và các CA trung gian, rồi kiểm tra lại.",
            )
        )
        return result
    except RevokedError as exc:
        result.trusted = True
        result.revocation = "revoked"
        result.findings.append(
            failed(
                "REVOKED",
                f"Chứng thư số đã bị thu hồi ngày {exc.revocation_dt:%d/%m/%Y}, trước thời điểm "
                "ký: chữ ký không có giá trị. Đề nghị cơ quan ban hành ký lại bằng chứng thư "
                "còn hiệu lực.",
            )
        )
        return result
    except InsufficientRevinfoError:
        result.trusted = True
        result.findings.append(
            indeterminate(
                "TRY_LATER",
                "Không có thông tin thu hồi (CRL/OCSP) cho chứng thư số trong tệp; "
                "chạy lại với --online để tra cứu trực tuyến.",
            )
        )
        return result
    except ExpiredError:
        result.trusted = True
        sub = "EXPIRED" if from_timestamp else "OUT_OF_BOUNDS_NO_POE"
        make = failed if from_timestamp else indeterminate
        result.findings.append(make(sub, "Một chứng thư trong chuỗi đã hết hạn tại thời điểm ký."))
        return result
    except NotYetValidError:
        result.trusted = True
        sub = "NOT_YET_VALID" if from_timestamp else "OUT_OF_BOUNDS_NO_POE"
        make = failed if from_timestamp else indeterminate
        result.findings.append(
            make(sub, "Một chứng thư trong chuỗi chưa có hiệu lực tại thời điểm ký.")
        )
        return result
    except DisallowedAlgorithmError:
        result.trusted = True
        result.findings.append(
            indeterminate(
                "CRYPTO_CONSTRAINTS_FAILURE",
                "Chuỗi chứng thư dùng thuật toán yếu (SHA-1/MD5 hoặc khoá RSA dưới 2048 bit): "
                "thuật toán yếu, không phải dấu hiệu giả mạo.",
            )
        )
        return result
    except (PathValidationError, ValidationError) as exc:
        logger.info("path validation failed: %s", exc)
        if is_self_signed(cert):
            result.findings.append(indeterminate("NO_CERTIFICATE_CHAIN_FOUND", SELF_SIGNED))
        else:
            result.findings.append(
                indeterminate(
                    "CERTIFICATE_CHAIN_GENERAL_FAILURE",
                    "Chuỗi chứng thư của người ký không hợp lệ (chữ ký hoặc ràng buộc của "
                    "CA trung gian sai).",
                )
            )
        return result
    result.trusted = True
    has_crl, has_ocsp = get_declared_revinfo(cert)
    result.revocation = "good" if (has_crl or has_ocsp) else "unknown"
    return result
