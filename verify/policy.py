"""The validation policy: which algorithms are acceptable, and its version.

Thông tư 15/2025/TT-BKHCN requires RSA keys of at least 2048 bits and SHA-256
or stronger. A weak algorithm is not a forgery: it yields INDETERMINATE /
CRYPTO_CONSTRAINTS_FAILURE, and the message says so. Many real Vietnamese
signatures of 2020–2022 use SHA-1, hence the opt-in ``accept_sha1_before``.

``POLICY_VERSION`` changes whenever a rule here or in the combination of
outcomes changes, so caches of reports (keyed on it) are invalidated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asn1crypto import keys, x509

POLICY_VERSION = "2025.1"
"""Bump when any verification rule changes; report caches are keyed on it."""

MIN_RSA_BITS = 2048
NEVER_ACCEPTED_DIGESTS = frozenset({"md2", "md4", "md5"})
SHA1_DIGESTS = frozenset({"sha1"})


@dataclass(frozen=True)
class AlgorithmFinding:
    """One unacceptable algorithm, with the Vietnamese explanation."""

    algorithm: str
    message: str


def sha1_accepted(signing_time: datetime | None, accept_sha1_before: datetime | None) -> bool:
    """SHA-1 is tolerated only for signatures made before the configured date."""
    if accept_sha1_before is None or signing_time is None:
        return False
    return signing_time < accept_sha1_before


def weak_digest_names(sha1_ok: bool) -> frozenset[str]:
    """Digest algorithms refused by the policy (for the certificate chain too)."""
    return NEVER_ACCEPTED_DIGESTS if sha1_ok else NEVER_ACCEPTED_DIGESTS | SHA1_DIGESTS


def _weak_message(what: str) -> str:
    return (
        f"Chữ ký dùng thuật toán yếu ({what}) không còn được chấp nhận theo "
        "Thông tư 15/2025/TT-BKHCN (cần RSA từ 2048 bit và SHA-256 trở lên). "
        "Đây là thuật toán yếu, không phải dấu hiệu giả mạo: đề nghị cơ quan "
        "ban hành ký lại văn bản bằng chứng thư số và phần mềm ký mới."
    )


def check_algorithms(
    digest_algorithms: list[str],
    public_key: keys.PublicKeyInfo | None,
    sha1_ok: bool,
) -> list[AlgorithmFinding]:
    """Every digest and key-size problem of one signature, all at once."""
    findings: list[AlgorithmFinding] = []
    refused = weak_digest_names(sha1_ok)
    for name in dict.fromkeys(d.lower() for d in digest_algorithms):
        if name in refused:
            findings.append(AlgorithmFinding(name, _weak_message(name.upper())))
    if public_key is not None and public_key.algorithm == "rsa":
        bits = public_key.bit_size
        if bits < MIN_RSA_BITS:
            findings.append(AlgorithmFinding(f"rsa{bits}", _weak_message(f"RSA {bits} bit")))
    return findings


def signer_public_key(cert: x509.Certificate | None) -> keys.PublicKeyInfo | None:
    """The signer's public key info, or ``None`` when there is no certificate."""
    return None if cert is None else cert.public_key
