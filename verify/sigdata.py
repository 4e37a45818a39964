"""The CMS container of one signature: parsed once, everything later reads from here.

Parsing is forced eagerly so that a malformed blob (a ``/Contents`` of zeros,
bad DER) is one FORMAT_FAILURE here, instead of an exception deep inside a
later check. Revocation data is gathered from every place a signer may have
put it: the SignedData ``crls`` field, the Adobe ``revocation-info-archival``
signed attribute, and (by the caller) the document's DSS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import cms, crl, ocsp, x509
from pyhanko.pdf_utils import generic, misc
from pyhanko.sign.general import (
    MultivaluedAttributeError,
    NonexistentAttributeError,
    extract_signer_info,
    find_unique_cms_attribute,
    match_issuer_serial,
)
from pyhanko.sign.validation.generic_cms import extract_self_reported_ts
from pyhanko.sign.validation.pdf_embedded import extract_contents

from verify import parsed

MAX_CONTENTS_BYTES = 2 * 1024 * 1024


class SignatureFormatError(ValueError):
    """The signature dictionary or its CMS cannot be parsed (FORMAT_FAILURE)."""


@dataclass
class SignatureData:
    """What the CMS says: signer, algorithms, embedded certificates and revocation data."""

    contents: bytes
    signed_data: cms.SignedData
    signer_info: cms.SignerInfo
    content_type: str
    digest_algorithm: str
    signer_cert: x509.Certificate | None
    other_certs: list[x509.Certificate] = field(default_factory=list)
    crls: list[crl.CertificateList] = field(default_factory=list)
    ocsps: list[ocsp.OCSPResponse] = field(default_factory=list)
    claimed_time: datetime | None = None


def read_contents(sig_dict: generic.DictionaryObject) -> bytes:
    """The raw ``/Contents`` bytes (never decrypted, as the PDF standard says)."""
    try:
        return extract_contents(sig_dict)
    except (misc.PdfReadError, KeyError) as exc:
        raise SignatureFormatError("Không đọc được giá trị chữ ký (/Contents).") from exc


def _revinfo_from_attr(signer_info: cms.SignerInfo) -> tuple[list, list]:
    try:
        attr = find_unique_cms_attribute(
            signer_info["signed_attrs"], "adobe_revocation_info_archival"
        )
    except (NonexistentAttributeError, MultivaluedAttributeError, KeyError):
        return [], []
    crls = [parsed.certificate_list(c) for c in attr["crl"]] if attr["crl"] else []
    ocsps = [parsed.ocsp_response(o) for o in attr["ocsp"]] if attr["ocsp"] else []
    return crls, ocsps


def _is_signer(sid: cms.SignerIdentifier) -> Callable[[x509.Certificate], bool]:
    """pyHanko's test of "this certificate is the signer's", the cheap comparison first.

    The serial number is compared before the issuer's name, whose comparison
    (RFC 5280 name matching) is the costly part, so the CA certificates a
    signature carries are passed over at the price of an integer.
    """
    if sid.name == "issuer_and_serial_number":
        wanted = sid.chosen
        return lambda c: (
            wanted["serial_number"] == c["tbs_certificate"]["serial_number"]
            and match_issuer_serial(wanted, c)
        )
    if sid.name == "subject_key_identifier":
        key_id = sid.chosen.native
        return lambda c: c.key_identifier == key_id
    return lambda c: False


def _certificates(
    signed_data: cms.SignedData, signer_info: cms.SignerInfo
) -> tuple[x509.Certificate | None, list[x509.Certificate]]:
    """The signer's certificate and the others, as ``extract_certificate_info`` splits them.

    Each is the process's shared parse of its bytes (``parsed.py``); as in
    pyHanko, the last certificate that matches the signer identifier is the
    signer's and every matching one is left out of the others.
    """
    certs = [
        parsed.certificate(c.chosen)
        for c in signed_data["certificates"] or []
        if c.name == "certificate"
    ]
    is_signer = _is_signer(signer_info["sid"])
    signer: x509.Certificate | None = None
    others = []
    for cert in certs:
        if is_signer(cert):
            signer = cert
        else:
            others.append(cert)
    return signer, others


def _claimed_time(
    signer_info: cms.SignerInfo, sig_dict: generic.DictionaryObject
) -> datetime | None:
    moment = extract_self_reported_ts(signer_info)
    if moment is not None:
        return moment
    try:
        return generic.parse_pdf_date(sig_dict["/M"], strict=False)
    except (KeyError, misc.PdfReadError, ValueError, TypeError):
        return None


def parse_signature(sig_dict: generic.DictionaryObject, contents: bytes) -> SignatureData:
    """Parse and eagerly validate the structure of the CMS blob."""
    if not contents.strip(b"\x00"):
        raise SignatureFormatError(
            "Giá trị chữ ký (/Contents) toàn số 0: chữ ký rỗng hoặc đã bị xoá."
        )
    if len(contents) > MAX_CONTENTS_BYTES:
        raise SignatureFormatError("Giá trị chữ ký (/Contents) lớn bất thường.")
    try:
        info = cms.ContentInfo.load(contents)
        if info["content_type"].native != "signed_data":
            raise SignatureFormatError("Giá trị chữ ký không phải CMS SignedData.")
        signed_data = info["content"]
        signer_info = extract_signer_info(signed_data)
        # touch the parts every later check reads, so bad DER fails here
        _ = signer_info["sid"].chosen, signer_info["signature"].native
        _ = signer_info["signature_algorithm"]["algorithm"].native
        eci = signed_data["encap_content_info"]
        content_type = eci["content_type"].native
        digest_algorithm = signer_info["digest_algorithm"]["algorithm"].native
        signer_cert, other = _certificates(signed_data, signer_info)
        crls: list = []
        ocsps: list = []
        for choice in signed_data["crls"] or []:
            if choice.name == "crl":
                crls.append(parsed.certificate_list(choice.chosen))
        attr_crls, attr_ocsps = _revinfo_from_attr(signer_info)
        crls.extend(attr_crls)
        ocsps.extend(attr_ocsps)
        claimed = _claimed_time(signer_info, sig_dict)
    except SignatureFormatError:
        raise
    except Exception as exc:  # asn1crypto raises many types on malformed DER
        raise SignatureFormatError(
            "Giá trị chữ ký (CMS) bị hỏng, không phân tích được: " + type(exc).__name__
        ) from exc
    return SignatureData(
        contents=contents,
        signed_data=signed_data,
        signer_info=signer_info,
        content_type=content_type,
        digest_algorithm=digest_algorithm,
        signer_cert=signer_cert,
        other_certs=other,
        crls=crls,
        ocsps=ocsps,
        claimed_time=claimed,
    )
