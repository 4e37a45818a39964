"""The issuing CAs that files carry, offered to the files that lack one.

Many real signatures embed only the signer's certificate; another file,
signed through the same CA, may embed the CA's certificate. Every report
lists the issuing-CA certificates its file carries (``ca_certificates``):
the dossier check offers their union to the files of the same dossier whose
chain stopped at a missing issuing CA, and the service keeps them for later
uploads — as intermediates only: a certificate found in an uploaded file is
never trusted by itself.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable

from asn1crypto import x509

from verify import parsed
from verify.report import EvidenceReport


def _der(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def offered_certificates(reports: Iterable[EvidenceReport]) -> set[bytes]:
    """The DER of every issuing-CA certificate carried by any file."""
    out: set[bytes] = set()
    for report in reports:
        for text in report.ca_certificates:
            der = _der(text)
            if der:
                out.add(der)
    return out


def needs_offered(report: EvidenceReport, offered: set[bytes]) -> bool:
    """A signature misses its issuing CA and the dossier carries CAs this file does not."""
    missing = any(
        s.missing_issuer is not None and s.missing_issuer.kind == "issuer"
        for s in report.signatures
    )
    if not missing:
        return False
    own = {d for d in (_der(t) for t in report.ca_certificates) if d}
    return bool(offered - own)


def certificates_from_der(ders: Iterable[bytes | None]) -> list[x509.Certificate]:
    """DER blobs as parsed certificates; a broken one is skipped (it only loses the help)."""
    out = []
    for der in ders:
        if not der:
            continue
        try:
            cert = parsed.certificate(der)
            _ = cert.subject.native
        except (ValueError, TypeError, KeyError):
            continue
        out.append(cert)
    return out


def carried_certificates(report: EvidenceReport) -> list[x509.Certificate]:
    """The issuing-CA certificates a report's file carries, parsed (broken ones skipped)."""
    return certificates_from_der(_der(text) for text in report.ca_certificates)
