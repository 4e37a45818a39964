"""The trust store: loading anchors and intermediates, and refusing impersonated roots."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests.support.pki import SamplePKI
from verify import TrustFileInvalidError, TrustRootImpersonationError
from verify.known_roots import KNOWN_VN_CERTIFICATES
from verify.truststore import TrustStore, add_to_folder, fingerprint, list_folder

VN_TRUST = Path(__file__).resolve().parents[3] / "shared" / "trust" / "vn"


def _fake_national_root() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Vietnam National Root CA")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(datetime(2020, 1, 1, tzinfo=UTC))
        .not_valid_after(datetime(2040, 1, 1, tzinfo=UTC))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.DER)


def test_self_signed_are_anchors_others_intermediates(pki: SamplePKI, tmp_path: Path) -> None:
    """One folder may hold both; the store sorts them by being self-signed."""
    (tmp_path / "root.pem").write_bytes(pki.root.pem())
    (tmp_path / "ca.crt").write_bytes(
        pki.intermediate.cert.public_bytes(serialization.Encoding.DER)
    )
    store = TrustStore.from_paths([tmp_path])
    assert len(store.anchors) == 1 and len(store.intermediates) == 1


def test_a_non_certificate_is_refused(tmp_path: Path) -> None:
    """A wrong file in --trust is a configuration error, said in Vietnamese."""
    bad = tmp_path / "bad.pem"
    bad.write_text("không phải chứng thư")
    with pytest.raises(TrustFileInvalidError):
        TrustStore.from_paths([bad])


def test_trust_add_refuses_an_impersonated_national_root(tmp_path: Path) -> None:
    """Same name as the national root, another fingerprint: refused, folder untouched."""
    fake = tmp_path / "fake.der"
    fake.write_bytes(_fake_national_root())
    folder = tmp_path / "trust"
    with pytest.raises(TrustRootImpersonationError) as info:
        add_to_folder(fake, folder)
    assert "rootca.gov.vn" in info.value.message
    assert not folder.exists()


def test_trust_add_and_list(pki: SamplePKI, tmp_path: Path) -> None:
    """Added certificates are listed back with their fingerprints."""
    source = tmp_path / "root.pem"
    source.write_bytes(pki.root.pem())
    folder = tmp_path / "trust"
    add_to_folder(source, folder)
    (entry,) = list_folder(folder)
    assert fingerprint(entry[1]) == entry[0].stem[:16] + fingerprint(entry[1])[16:]


@pytest.mark.skipif(not VN_TRUST.is_dir(), reason="shared/trust/vn is absent")
def test_real_vietnamese_roots_match_the_known_fingerprints(tmp_path: Path) -> None:
    """The published roots are accepted and match the fingerprints kept in the package."""
    known = {k.sha256 for k in KNOWN_VN_CERTIFICATES}
    for pem in sorted(VN_TRUST.glob("*.pem")):
        ((_, cert),) = add_to_folder(pem, tmp_path / "trust")
        assert fingerprint(cert) in known
