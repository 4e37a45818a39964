"""Algorithm strength, judged by the policy: the signature's own algorithms and its chain's.

A weak algorithm is not a forgery: a digest or key size below the policy's
minimum yields INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE (check
``algorithms``), and the message says so. A policy may tolerate older
algorithms for signatures made before a cut-off (``algorithms.legacy``):
then the use is a finding of check ``legacy_algorithms``, at the level the
policy gives it (WARN in ``vn-legacy``), which names the cut-off and whether
the signing time is proven or only claimed.

The same rules judge the certificate chain through pyhanko-certvalidator's
``AlgorithmUsagePolicy`` interface (``ChainAlgorithms``), so a chain signed
with SHA-1 is refused or tolerated exactly as the signature itself is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asn1crypto import algos, keys
from pyhanko_certvalidator.policy_decl import AlgorithmUsageConstraint, AlgorithmUsagePolicy

from verify.outcome import Finding, indeterminate
from verify.policy import Policy, digest_label
from verify.vntime import shown_date

NEVER_ACCEPTED = frozenset({"md2", "md4", "md5"})


@dataclass(frozen=True)
class Allowed:
    """The algorithms acceptable for one signature under one policy."""

    digests: frozenset[str]
    rsa_min_bits: int
    ec_min_bits: int

    def digest_ok(self, name: str) -> bool:
        return name.lower() in self.digests

    def key_ok(self, public_key: keys.PublicKeyInfo) -> bool:
        if public_key.algorithm == "rsa":
            return public_key.bit_size >= self.rsa_min_bits
        if public_key.algorithm == "ec":
            return public_key.bit_size >= self.ec_min_bits
        return True


ANY_ALGORITHM = Allowed(
    frozenset(
        {"sha1", "sha224", "sha256", "sha384", "sha512", "sha512_224", "sha512_256"}
        | {"sha3_224", "sha3_256", "sha3_384", "sha3_512"}
    ),
    rsa_min_bits=512,
    ec_min_bits=160,
)
"""Every algorithm but the broken ones: to check a path's structure apart from its strength."""


def allowed(policy: Policy, legacy: bool) -> Allowed:
    """The policy's algorithms, widened by its legacy tolerance when that applies."""
    algos_ = policy.algorithms
    digests = {d.lower() for d in algos_.digests}
    rsa = algos_.rsa_min_bits
    if legacy and algos_.legacy is not None:
        digests |= {d.lower() for d in algos_.legacy.digests}
        if algos_.legacy.rsa_min_bits is not None:
            rsa = min(rsa, algos_.legacy.rsa_min_bits)
    return Allowed(frozenset(digests - NEVER_ACCEPTED), rsa, algos_.ec_min_bits)


def key_label(public_key: keys.PublicKeyInfo) -> str:
    name = "ECDSA" if public_key.algorithm == "ec" else public_key.algorithm.upper()
    return f"{name} {public_key.bit_size} bit"


def _weak_message(what: str, policy: Policy) -> str:
    algos_ = policy.algorithms
    message = (
        f"Chữ ký dùng thuật toán yếu ({what}), dưới mức tối thiểu của chính sách '{policy.id}' "
        f"(RSA từ {algos_.rsa_min_bits} bit, SHA-256 trở lên — Thông tư 15/2025/TT-BKHCN). "
        "Đây là thuật toán yếu, không phải dấu hiệu giả mạo"
    )
    legacy = algos_.legacy
    if legacy is None:
        return message + (
            ": nếu văn bản được ký trước 15/08/2025, kiểm tra lại theo chính sách vn-legacy; "
            "nếu không, đề nghị cơ quan ban hành ký lại bằng chứng thư "
            "số và phần mềm ký mới."
        )
    return message + (
        f"; chính sách chỉ chấp nhận thuật toán cũ cho chữ ký tạo trước "
        f"{shown_date(legacy.signed_before)} khi biết thời điểm ký. Đề nghị cơ quan ban hành "
        "ký lại bằng chứng thư số và phần mềm ký mới."
    )


def _legacy_message(what: str, policy: Policy, when: datetime, proven: bool) -> str:
    legacy = policy.algorithms.legacy
    assert legacy is not None
    how = (
        "theo dấu thời gian"
        if proven
        else "theo thời điểm do người ký khai, không có dấu thời gian"
    )
    return (
        f"Chữ ký dùng thuật toán cũ ({what}), được chấp nhận theo chính sách '{policy.id}' vì "
        f"được tạo ngày {shown_date(when)} ({how}), trước mốc {shown_date(legacy.signed_before)}."
    )


def check_algorithms(
    digest_names: list[str],
    public_key: keys.PublicKeyInfo | None,
    policy: Policy,
    signing_time: datetime | None,
    proven: bool,
) -> list[Finding]:
    """Every digest and key-size problem of one signature, all at once, tagged for the policy."""
    strict = allowed(policy, legacy=False)
    legacy_ok = policy.legacy_applies(signing_time)
    wide = allowed(policy, legacy=legacy_ok)
    weak: list[str] = []
    tolerated: list[str] = []
    for name in dict.fromkeys(d.lower() for d in digest_names):
        if strict.digest_ok(name):
            continue
        (tolerated if wide.digest_ok(name) else weak).append(digest_label(name))
    if public_key is not None and not strict.key_ok(public_key):
        (tolerated if wide.key_ok(public_key) else weak).append(key_label(public_key))
    findings: list[Finding] = []
    if weak:
        findings.append(
            indeterminate(
                "CRYPTO_CONSTRAINTS_FAILURE", _weak_message(", ".join(weak), policy), "algorithms"
            )
        )
    if tolerated and signing_time is not None:
        findings.append(
            indeterminate(
                "CRYPTO_CONSTRAINTS_FAILURE",
                _legacy_message(", ".join(tolerated), policy, signing_time, proven),
                "legacy_algorithms",
            )
        )
    return findings


class ChainAlgorithms(AlgorithmUsagePolicy):
    """The policy's allow-list for the certificate chain (certvalidator's interface)."""

    def __init__(self, rules: Allowed) -> None:
        self.rules = rules

    def digest_algorithm_allowed(
        self, algo: algos.DigestAlgorithm, moment: datetime | None
    ) -> AlgorithmUsageConstraint:
        name = algo["algorithm"].native
        if self.rules.digest_ok(name):
            return AlgorithmUsageConstraint(True)
        return AlgorithmUsageConstraint(False, failure_reason=f"digest {name} not allowed")

    def signature_algorithm_allowed(
        self,
        algo: algos.SignedDigestAlgorithm,
        moment: datetime | None,
        public_key: keys.PublicKeyInfo | None,
    ) -> AlgorithmUsageConstraint:
        if public_key is not None and not self.rules.key_ok(public_key):
            return AlgorithmUsageConstraint(False, failure_reason="key too small")
        try:
            hash_algo = algo.hash_algo
        except ValueError:
            hash_algo = None
        if hash_algo is not None and not self.rules.digest_ok(hash_algo):
            return AlgorithmUsageConstraint(False, failure_reason=f"digest {hash_algo} not allowed")
        return AlgorithmUsageConstraint(True)
