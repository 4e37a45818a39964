"""The signer's chain as a reviewer reads it: who, issued by whom, serial, validity.

Acrobat's certificate viewer and DSS's report both show the chain from the
signer's certificate up; a reviewer deciding whether to trust a file needs
it even when no path reaches an installed root — then the chain goes as far
as the certificates at hand allow (walking up by issuer name and key id, as
``issuers.find_missing`` does), and the missing CA is named at its end.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from asn1crypto import x509

from verify.issuers import MAX_DEPTH, issued_by
from verify.report import CertificateInfo, CertificateRole, MissingIssuer
from verify.truststore import common_name, is_self_signed
from verify.vntime import in_vietnam


def walk_up(cert: x509.Certificate, pool: Sequence[x509.Certificate]) -> list[x509.Certificate]:
    """``cert`` and its issuers found in ``pool``, up to a self-signed one or a gap."""
    chain = [cert]
    current = cert
    for _ in range(MAX_DEPTH):
        if is_self_signed(current):
            break
        issuer = next((c for c in pool if issued_by(current, c) and c not in chain), None)
        if issuer is None:
            break
        chain.append(issuer)
        current = issuer
    return chain


def _role(index: int, cert: x509.Certificate) -> CertificateRole:
    if index == 0:
        return "signer"
    return "root" if is_self_signed(cert) else "issuer"


def describe(
    chain: Sequence[x509.Certificate],
    anchors: Sequence[x509.Certificate],
    signing_time: datetime | None,
    missing: MissingIssuer | None = None,
) -> list[CertificateInfo]:
    """``chain`` (signer first) as report entries; the missing CA, when known, at the end."""
    anchor_prints = {a.sha256 for a in anchors}
    entries = []
    for index, cert in enumerate(chain):
        validity = cert["tbs_certificate"]["validity"]
        not_before, not_after = validity["not_before"].native, validity["not_after"].native
        entries.append(
            CertificateInfo(
                role=_role(index, cert),
                name=common_name(cert) or cert.subject.human_friendly,
                subject=cert.subject.human_friendly,
                issuer=cert.issuer.human_friendly,
                serial=format(cert.serial_number, "X"),
                not_before=in_vietnam(not_before),
                not_after=in_vietnam(not_after),
                valid_at_signing=(
                    None if signing_time is None else not_before <= signing_time <= not_after
                ),
                trusted_anchor=cert.sha256 in anchor_prints,
                sha256=hashlib.sha256(cert.dump()).hexdigest().upper(),
            )
        )
    if missing is not None and missing.kind == "issuer":
        entries.append(CertificateInfo(role="missing", name=missing.name, subject=missing.subject))
    return entries
