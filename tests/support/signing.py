"""Signing test PDFs with pyHanko, with a pinned signing time and the CRL embedded.

pyHanko takes the signing time from the wall clock and refuses to embed
revocation data for a revoked certificate (its pre-sign validation fails),
so the signer below sets both signed attributes itself: ``signingTime`` to
the pinned moment and Adobe's ``revocation-info-archival`` to the test CRL.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from asn1crypto.pdf import RevocationInfoArchival
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tests.support.pki import SIGNING_TIME, Identity


def _asn1_cert(cert: object) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))  # type: ignore[attr-defined]


class PinnedSigner(signers.SimpleSigner):
    """A SimpleSigner whose signed attributes carry a fixed time and the given CRLs."""

    def __init__(self, *args: object, signing_time: datetime, crls: list[bytes], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pinned = signing_time
        self._crls = [asn1_crl.CertificateList.load(c) for c in crls]

    async def async_sign(self, data_digest, digest_algorithm, *args, **kwargs):  # type: ignore[no-untyped-def]
        attrs = kwargs.get("signed_attr_settings")
        if attrs is not None:
            revinfo = RevocationInfoArchival({"crl": self._crls}) if self._crls else None
            kwargs["signed_attr_settings"] = dataclasses.replace(
                attrs, signing_time=self._pinned, adobe_revinfo_attr=revinfo
            )
        return await super().async_sign(data_digest, digest_algorithm, *args, **kwargs)


def make_signer(
    identity: Identity,
    *,
    crls: list[bytes] = (),  # type: ignore[assignment]
    signing_time: datetime = SIGNING_TIME,
    embed_chain: bool = True,
) -> PinnedSigner:
    key = asn1_keys.PrivateKeyInfo.load(
        identity.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    chain = [_asn1_cert(c) for c in identity.chain] if embed_chain else []
    return PinnedSigner(
        signing_cert=_asn1_cert(identity.cert),
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(chain),
        signing_time=signing_time,
        crls=list(crls),
    )


def sign_pdf(
    pdf: bytes,
    identity: Identity,
    *,
    field_name: str = "ChuKy1",
    md_algorithm: str = "sha256",
    crls: list[bytes] = (),  # type: ignore[assignment]
    signing_time: datetime = SIGNING_TIME,
    embed_chain: bool = True,
) -> bytes:
    """Sign ``pdf`` (incrementally, a new signature field) and return the bytes."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=md_algorithm,
        subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
        reason="Ban hành văn bản",
    )
    signer = make_signer(identity, crls=crls, signing_time=signing_time, embed_chain=embed_chain)
    out = signers.PdfSigner(meta, signer=signer).sign_pdf(writer)
    return out.getvalue()
