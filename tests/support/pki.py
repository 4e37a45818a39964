"""A test PKI and a PDF signer: a root, an intermediate and signers for Vietnamese agencies.

Why here (tests/support) and not in a conftest: the sample dossier script
(``examples/dossier/make_sample.py``) and the dossier benchmark sign documents
too, outside pytest, and a second PKI would drift from the tests' one.

Everything is pinned: certificates are valid from 2023-01-01 to 2030-12-31,
signatures claim :data:`SIGNING_TIME`, and verifications should use
:data:`VALIDATION_TIME` — never the wall clock, never the network. Keys are
RSA 2048 (the minimum of Thông tư 15/2025/TT-BKHCN), generated once per
process and cached: key generation is the slow part.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

VN = dt.timezone(dt.timedelta(hours=7))
NOT_BEFORE = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
NOT_AFTER = dt.datetime(2030, 12, 31, tzinfo=dt.UTC)
SIGNING_TIME = dt.datetime(2024, 6, 15, 9, 0, tzinfo=VN)
VALIDATION_TIME = dt.datetime(2024, 7, 1, 8, 0, tzinfo=VN)


@dataclass(frozen=True)
class Identity:
    """A certificate and its private key."""

    name: str
    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class TestPKI:
    """Root → intermediate → signers; ``stranger`` chains to a root nobody trusts."""

    root: Identity
    intermediate: Identity
    unit: Identity
    parent: Identity
    other: Identity
    stranger_root: Identity
    stranger: Identity

    def write_trust(self, folder: Path) -> Path:
        """Write the trusted root and intermediate as PEM files; return the folder."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "root.pem").write_bytes(self.root.cert_pem)
        (folder / "intermediate.pem").write_bytes(self.intermediate.cert_pem)
        return folder


@lru_cache(maxsize=16)
def _key(label: str) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str, organization: str | None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organization:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attrs)


def _certificate(
    label: str,
    subject: x509.Name,
    issuer: Identity | None,
    *,
    ca: bool,
    serial: int,
) -> Identity:
    key = _key(label)
    issuer_name = subject if issuer is None else issuer.cert.subject
    signing_key = key if issuer is None else issuer.key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    usage = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    if ca:
        usage.update(key_cert_sign=True, crl_sign=True, digital_signature=True)
    else:
        usage.update(digital_signature=True, content_commitment=True)
    builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
    cert = builder.sign(signing_key, hashes.SHA256())
    return Identity(label, cert, key)


@lru_cache(maxsize=1)
def make_pki() -> TestPKI:
    """The PKI of the tests (cached for the process: same certificates every call)."""
    root = _certificate(
        "root", _name("Hoso Test Root CA", "Hoso Test PKI"), None, ca=True, serial=1
    )
    intermediate = _certificate(
        "intermediate",
        _name("Hoso Test CA phục vụ các cơ quan nhà nước", "Hoso Test PKI"),
        root,
        ca=True,
        serial=2,
    )
    unit = _certificate(
        "unit",
        _name("Hoàng Văn Minh", "UBND xã Tân Thịnh"),
        intermediate,
        ca=False,
        serial=10,
    )
    parent = _certificate(
        "parent",
        _name("UBND huyện Văn Chấn", "UBND huyện Văn Chấn"),
        intermediate,
        ca=False,
        serial=11,
    )
    other = _certificate(
        "other",
        _name("Nguyễn Thị Lan", "UBND xã Sơn Thịnh"),
        intermediate,
        ca=False,
        serial=12,
    )
    stranger_root = _certificate(
        "stranger-root", _name("Untrusted Root", "Nobody"), None, ca=True, serial=90
    )
    stranger = _certificate(
        "stranger",
        _name("Hoàng Văn Minh", "UBND xã Tân Thịnh"),
        stranger_root,
        ca=False,
        serial=91,
    )
    return TestPKI(root, intermediate, unit, parent, other, stranger_root, stranger)


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(key: rsa.RSAPrivateKey) -> asn1_keys.PrivateKeyInfo:
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return asn1_keys.PrivateKeyInfo.load(der)


def sign_pdf(
    data: bytes,
    signer: Identity,
    chain: tuple[Identity, ...] = (),
    *,
    signing_time: dt.datetime = SIGNING_TIME,
    field_name: str = "Signature1",
) -> bytes:
    """Sign ``data`` (a PDF) with pyHanko as ``signer``, claiming ``signing_time``.

    ``chain`` are the certificates embedded next to the signer's (usually the
    intermediate); real Vietnamese signatures often embed only the signer's.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    simple = signers.SimpleSigner(
        signing_cert=_asn1_cert(signer.cert),
        signing_key=_asn1_key(signer.key),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(c.cert) for c in chain]),
    )

    class _PinnedTimeSigner(signers.PdfSigner):
        """pyHanko takes the wall clock as the claimed time; the tests pin it."""

        def init_signing_session(self, pdf_out, existing_fields_only=False):  # type: ignore[no-untyped-def]
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = signing_time
            return session

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
    )
    out = _PinnedTimeSigner(meta, signer=simple).sign_pdf(writer)
    return bytes(out.getbuffer())
