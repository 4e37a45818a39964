"""Signatures shaped like the real Vietnamese files of 2020–2022, made with the test PKI.

The 61 real signed PDFs behind issue 10 are not in the repository; their
shape is reproduced here: RSA-1024 signer keys certified with SHA-1, SHA-1
digests, SubFilter ``adbe.pkcs7.sha1`` (the SHA-1 of the signed bytes
encapsulated in the CMS) as well as ``adbe.pkcs7.detached``, a CMS that
embeds only the signer's certificate, no CRL/OCSP/DSS, a ``/M`` that may
be the placeholder 01/01/2010, claimed times in offsets other than +07:00,
and certificates that point (AIA, CRL DP, OCSP) to the CA's web endpoints
(``tests/support/responder.py`` on 127.0.0.1).

Signing goes through pyHanko's low-level ``PdfCMSEmbedder``, which lets the
test choose ``/SubFilter``, ``/M`` and the CMS content exactly.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.signers.cms_embedder import PdfCMSEmbedder, SigIOSetup, SigObjSetup
from pyhanko.sign.signers.pdf_byterange import SignatureObject
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tests.support.pki import AGENCY, PARENT, Identity, issue, key, name

VN = timezone(timedelta(hours=7))
SIGNED_2021 = datetime(2021, 3, 15, 9, 30, tzinfo=VN)
"""A signature of the SHA-1/RSA-1024 era, before the vn-legacy cut-off."""
SIGNED_AFTER_CUTOFF = datetime(2025, 9, 10, 14, 0, tzinfo=VN)
"""A SHA-1/RSA-1024 signature made after the cut-off (15/08/2025)."""
CHECKED_AT = datetime(2025, 10, 1, 8, 0, tzinfo=VN)
"""The pinned moment of the legacy tests: the 2021 certificates have long expired."""
CRL_ISSUED = datetime(2025, 9, 1, tzinfo=UTC)
PLACEHOLDER_M = datetime(2010, 1, 1, tzinfo=VN)
REVOKED_ON = datetime(2021, 1, 10, tzinfo=UTC)

CA_NAME = "Hoso Test NEWTEL-CA v2"


@dataclass
class LegacyCA:
    """An issuing CA of the era, under the test root, with its endpoints' base URL."""

    ca: Identity
    base: str

    def leaf(
        self,
        *,
        not_before: datetime = datetime(2020, 6, 1, tzinfo=UTC),
        not_after: datetime = datetime(2022, 6, 1, tzinfo=UTC),
        base: str | None = None,
        bits: int = 1024,
        cn: str = AGENCY,
    ) -> Identity:
        """A signer certificate: RSA ``bits``, certified with SHA-1, pointing to ``base``."""
        where = base or self.base
        signer_key = key(bits)
        cert = issue(
            name(cn, PARENT),
            signer_key,
            self.ca,
            not_before=not_before,
            not_after=not_after,
            crl_url=f"{where}/ca.crl",
            ca_issuers_url=f"{where}/ca.cer",
            ocsp_url=f"{where}/ocsp",
            digest=hashes.SHA1(),
        )
        return Identity(cert, signer_key, [self.ca.cert, *self.ca.chain])

    def crl(self, revoked: dict[int, datetime] | None = None) -> bytes:
        """The CA's CRL as issued on ``CRL_ISSUED``, listing ``revoked`` serials."""
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.ca.cert.subject)
            .last_update(CRL_ISSUED)
            .next_update(CRL_ISSUED + timedelta(days=180))
            .add_extension(x509.CRLNumber(7), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.ca.key.public_key()),
                critical=False,
            )
        )
        for serial, when in (revoked or {}).items():
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
            )
        return builder.sign(self.ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def legacy_ca(root: Identity, base: str, *, revocation_url: str | None = None) -> LegacyCA:
    """The issuing CA (RSA 2048, SHA-256 by the root), its AIA pointing to ``base``.

    ``revocation_url``: where the root publishes the CA's own CRL (real
    Vietnamese CAs declare one, so offline their status is unknown).
    """
    ca_key = key()
    cert = issue(
        name(CA_NAME, "Hoso Test CA"),
        ca_key,
        root,
        not_before=datetime(2019, 1, 1, tzinfo=UTC),
        not_after=datetime(2034, 1, 1, tzinfo=UTC),
        ca=True,
        crl_url=revocation_url,
    )
    return LegacyCA(Identity(cert, ca_key, [root.cert]), base)


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _signer(identity: Identity, embed: list[x509.Certificate]) -> signers.SimpleSigner:
    private = asn1_keys.PrivateKeyInfo.load(
        identity.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=_asn1(identity.cert),
        signing_key=private,
        cert_registry=SimpleCertificateStore.from_certs([_asn1(c) for c in embed]),
    )


def sign_legacy(
    pdf: bytes,
    identity: Identity,
    *,
    subfilter: str = "adbe.pkcs7.sha1",
    digest: str = "sha1",
    m_time: datetime = SIGNED_2021,
    cms_time: datetime | None = None,
    embed: list[x509.Certificate] | None = None,
    field_name: str = "Signature1",
) -> bytes:
    """Sign ``pdf`` the way the era's software did; leaf-only CMS unless ``embed`` says otherwise.

    ``m_time`` is written to ``/M`` (e.g. ``PLACEHOLDER_M``); ``cms_time``,
    when given, becomes the CMS ``signingTime`` attribute (the claimed time
    our verifier prefers).
    """
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    embedder = PdfCMSEmbedder().write_cms(field_name=field_name, writer=writer)
    next(embedder)
    placeholder = SignatureObject(bytes_reserved=12_000, timestamp=m_time)
    placeholder["/SubFilter"] = generic.NameObject("/" + subfilter)
    embedder.send(SigObjSetup(sig_placeholder=placeholder))
    prepared, output = embedder.send(SigIOSetup(md_algorithm=digest))
    signer = _signer(identity, embed or [])
    attrs = PdfCMSSignedAttributes(signing_time=cms_time)
    if subfilter == "adbe.pkcs7.sha1":
        content = prepared.document_digest  # SHA-1 of the ByteRange, encapsulated and signed
        job = signer.async_sign(
            hashlib.sha1(content).digest(),
            "sha1",
            signed_attr_settings=attrs,
            encap_content_info=cms.ContentInfo(
                {"content_type": "data", "content": cms.OctetString(content)}
            ),
        )
    else:
        job = signer.async_sign(prepared.document_digest, digest, signed_attr_settings=attrs)
    embedder.send(asyncio.run(job))
    return output.getvalue()


def forged_leaf(ca: Identity, *, cn: str = AGENCY) -> Identity:
    """A certificate that names ``ca`` as its issuer (name and key id) but is signed by another key."""
    forger = key(2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name(cn, PARENT))
        .issuer_name(ca.cert.subject)
        .public_key(forger.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime(2020, 6, 1, tzinfo=UTC))
        .not_valid_after(datetime(2022, 6, 1, tzinfo=UTC))
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(forger, hashes.SHA256())
    )
    return Identity(cert, forger)
