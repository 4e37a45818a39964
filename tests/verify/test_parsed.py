"""Parsed certificates shared across files: same bytes, same object, bounded, same answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import cms, x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.general import extract_certificate_info

from tests.support.pki import SamplePKI, issue, name
from tests.support.signing import sign_pdf
from verify import EvidenceReport, parsed
from verify.discovery import find_signatures
from verify.parsed import _Interned
from verify.sigdata import parse_signature, read_contents


def _der(pki: SamplePKI, name: str) -> bytes:
    return getattr(pki, name).cert.public_bytes(serialization.Encoding.DER)


def test_the_same_bytes_give_the_same_object_and_other_bytes_another(pki: SamplePKI) -> None:
    """Two files carrying one certificate share its parse; a different certificate does not."""
    first = parsed.certificate(_der(pki, "good"))
    again = parsed.certificate(x509.Certificate.load(_der(pki, "good")))
    other = parsed.certificate(_der(pki, "revoked"))
    assert first is again
    assert other is not first
    assert other.dump() == _der(pki, "revoked")


def _many(pki: SamplePKI, count: int) -> list[bytes]:
    """``count`` distinct certificates of the same size (one key, serials 1000…)."""
    window = {
        "not_before": datetime(2020, 1, 1, tzinfo=UTC),
        "not_after": datetime(2030, 1, 1, tzinfo=UTC),
    }
    return [
        issue(
            name(f"Ký số {n:02d}"), pki.good.key, pki.intermediate, serial=1000 + n, **window
        ).public_bytes(serialization.Encoding.DER)
        for n in range(count)
    ]


def test_the_cache_is_bounded_by_entries_and_bytes(pki: SamplePKI) -> None:
    """Least recently used out first; an object too large to keep is parsed but not kept."""
    ders = _many(pki, 12)
    size = len(ders[0])
    by_count = _Interned(x509.Certificate.load, max_items=3, max_bytes=10**6)
    for der in ders:
        by_count.get(der)
    assert len(by_count) == 3
    assert by_count.get(ders[-1]) is by_count.get(ders[-1])
    assert by_count.get(ders[0]).dump() == ders[0]  # evicted, parsed again
    by_bytes = _Interned(x509.Certificate.load, max_items=100, max_bytes=8 * size)
    for der in ders:
        by_bytes.get(der)
    assert len(by_bytes) == 8
    alone = _Interned(x509.Certificate.load, max_items=100, max_bytes=3 * size)
    assert alone.get(ders[0]).dump() == ders[0]
    assert len(alone) == 0  # over a quarter of the budget: not kept


def test_the_signer_certificate_is_the_one_pyhanko_picks(
    signed_good: bytes, pki: SamplePKI
) -> None:
    """Our split of the embedded certificates (serial number first) equals pyHanko's."""
    import io

    reader = PdfFileReader(io.BytesIO(signed_good), strict=False)
    (found,) = find_signatures(reader)
    contents = read_contents(found.sig_dict)
    data = parse_signature(found.sig_dict, contents)
    theirs = extract_certificate_info(cms.ContentInfo.load(contents)["content"])
    assert data.signer_cert is not None
    assert data.signer_cert.dump() == theirs.signer_cert.dump() == _der(pki, "good")
    assert [c.dump() for c in data.other_certs] == [c.dump() for c in theirs.other_certs]
    assert len(data.other_certs) >= 1


def test_a_dossier_of_one_signer_gets_the_same_reports_with_shared_parses(
    admin_pdf: bytes, pki: SamplePKI, check: Callable[..., EvidenceReport], tmp_path: Path
) -> None:
    """Verifying with every cache empty or warm gives identical reports, file after file."""
    signed = [
        sign_pdf(admin_pdf, identity, crls=[pki.crl_der])
        for identity in (pki.good, pki.revoked, pki.good, pki.expired)
    ]
    cold = []
    for data in signed:
        parsed.clear()
        cold.append(check(data).model_dump())
    warm = [check(data).model_dump() for data in signed]
    assert warm == cold
    assert [r["verdict"] for r in warm] == ["valid", "invalid", "valid", cold[3]["verdict"]]
