"""A test PKI built with ``cryptography``: root, intermediate, and signers for every case.

Validity windows and the revocation date are pinned around ``SIGNING_TIME``
and ``VALIDATION_TIME``, so no test depends on the wall clock. Keys: one RSA
2048 key per role, generated once per session (key generation dominates the
cost), plus the RSA 1024 key of the weak-key case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from asn1crypto import algos as asn1_algos
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

VN = timezone(timedelta(hours=7))
SIGNING_TIME = datetime(2024, 3, 15, 9, 0, tzinfo=VN)
VALIDATION_TIME = datetime(2024, 6, 1, 8, 0, tzinfo=VN)
REVOCATION_TIME = datetime(2024, 1, 10, tzinfo=UTC)
CRL_URL = "http://crl.hoso.test/intermediate.crl"

AGENCY = "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH"
PARENT = "UBND HUYỆN VĂN CHẤN"


def name(cn: str, org: str = "Hoso Test PKI") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


@dataclass
class Identity:
    """A certificate with its private key (and the issuer chain above it)."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey
    chain: list[x509.Certificate] = field(default_factory=list)

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def issue(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    issuer: Identity | None,
    *,
    not_before: datetime,
    not_after: datetime,
    ca: bool = False,
    serial: int | None = None,
    key_usage: dict[str, bool] | None = None,
    crl_url: str | None = None,
    ca_issuers_url: str | None = None,
    ocsp_url: str | None = None,
    digest: hashes.HashAlgorithm | None = None,
) -> x509.Certificate:
    issuer_name = issuer.cert.subject if issuer else subject
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(serial or x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    usage = {
        "digital_signature": False,
        "content_commitment": False,
        "key_encipherment": False,
        "data_encipherment": False,
        "key_agreement": False,
        "key_cert_sign": ca,
        "crl_sign": ca,
        "encipher_only": False,
        "decipher_only": False,
    }
    usage.update(
        key_usage or ({} if ca else {"digital_signature": True, "content_commitment": True})
    )
    builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
    if crl_url:
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier(crl_url)], None, None, None
                    )
                ]
            ),
            critical=False,
        )
    access = []
    if ca_issuers_url:
        access.append(
            x509.AccessDescription(
                x509.AuthorityInformationAccessOID.CA_ISSUERS,
                x509.UniformResourceIdentifier(ca_issuers_url),
            )
        )
    if ocsp_url:
        access.append(
            x509.AccessDescription(
                x509.AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp_url)
            )
        )
    if access:
        builder = builder.add_extension(x509.AuthorityInformationAccess(access), critical=False)
    cert = builder.sign(signing_key, hashes.SHA256())
    if isinstance(digest, hashes.SHA1):
        cert = _resigned_with_sha1(cert, signing_key)
    return cert


def _resigned_with_sha1(cert: x509.Certificate, signing_key: rsa.RSAPrivateKey) -> x509.Certificate:
    """The same certificate signed with SHA-1 (cryptography no longer signs X.509 with SHA-1)."""
    parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    tbs = parsed["tbs_certificate"]
    algorithm = asn1_algos.SignedDigestAlgorithm({"algorithm": "sha1_rsa"})
    tbs["signature"] = algorithm
    value = signing_key.sign(tbs.dump(force=True), padding.PKCS1v15(), hashes.SHA1())
    rebuilt = asn1_x509.Certificate(
        {"tbs_certificate": tbs, "signature_algorithm": algorithm, "signature_value": value}
    )
    return x509.load_der_x509_certificate(rebuilt.dump())


@dataclass
class SamplePKI:
    """Every identity the verification tests need, and the intermediate's CRL."""

    root: Identity
    intermediate: Identity
    good: Identity
    expired: Identity
    revoked: Identity
    key_encipherment: Identity
    weak_rsa: Identity
    self_signed: Identity
    crl_der: bytes

    def write_trust(self, folder: Path) -> Path:
        """The trust folder of a deployment: the root only (intermediates come embedded)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "root.pem").write_bytes(self.root.pem())
        return folder


def build_pki() -> SamplePKI:
    root_key, inter_key, ee_key = key(), key(), key()
    start, end = datetime(2020, 1, 1, tzinfo=UTC), datetime(2040, 1, 1, tzinfo=UTC)
    root = Identity(
        issue(name("Hoso Test Root CA"), root_key, None, not_before=start, not_after=end, ca=True),
        root_key,
    )
    inter = Identity(
        issue(
            name("Hoso Test CA cơ quan nhà nước"),
            inter_key,
            root,
            not_before=start,
            not_after=datetime(2035, 1, 1, tzinfo=UTC),
            ca=True,
        ),
        inter_key,
        [root.cert],
    )
    ee_from, ee_to = datetime(2023, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)

    def signer(cn: str, key: rsa.RSAPrivateKey = ee_key, **kwargs: object) -> Identity:
        kwargs.setdefault("not_before", ee_from)
        kwargs.setdefault("not_after", ee_to)
        cert = issue(name(cn, PARENT), key, inter, crl_url=CRL_URL, **kwargs)  # type: ignore[arg-type]
        return Identity(cert, key, [inter.cert, root.cert])

    good = signer(AGENCY)
    expired = signer(
        AGENCY,
        not_before=datetime(2022, 1, 1, tzinfo=UTC),
        not_after=datetime(2023, 1, 1, tzinfo=UTC),
    )
    revoked = signer(AGENCY)
    key_enc = signer(AGENCY, key_usage={"key_encipherment": True})
    weak = signer(AGENCY, key=key(1024))
    self_key = ee_key
    self_signed = Identity(
        issue(name(AGENCY, PARENT), self_key, None, not_before=ee_from, not_after=ee_to),
        self_key,
    )
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(inter.cert.subject)
        .last_update(datetime(2024, 3, 1, tzinfo=UTC))
        .next_update(datetime(2024, 9, 1, tzinfo=UTC))
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(revoked.cert.serial_number)
            .revocation_date(REVOCATION_TIME)
            .build()
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(inter_key.public_key()),
            critical=False,
        )
        .add_extension(x509.CRLNumber(1), critical=False)
        .sign(inter_key, hashes.SHA256())
    )
    return SamplePKI(
        root=root,
        intermediate=inter,
        good=good,
        expired=expired,
        revoked=revoked,
        key_encipherment=key_enc,
        weak_rsa=weak,
        self_signed=self_signed,
        crl_der=crl.public_bytes(serialization.Encoding.DER),
    )
