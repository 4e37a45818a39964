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
from verify.certfiles import load_certificates
from verify.known_roots import KNOWN_VN_CERTIFICATES
from verify.truststore import (
    INTERMEDIATES,
    TrustStore,
    add_to_folder,
    fingerprint,
    list_folder,
    store_intermediates,
)

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
    ((path, cert, anchor),) = list_folder(folder)
    assert anchor and fingerprint(cert).startswith(path.stem)


@pytest.mark.skipif(not VN_TRUST.is_dir(), reason="shared/trust/vn is absent")
def test_real_vietnamese_roots_match_the_known_fingerprints(tmp_path: Path) -> None:
    """The published roots are accepted and match the fingerprints kept in the package."""
    known = {k.sha256 for k in KNOWN_VN_CERTIFICATES}
    for pem in sorted(VN_TRUST.glob("*.pem")):
        (added,) = add_to_folder(pem, tmp_path / "trust")
        assert fingerprint(added.cert) in known
        assert added.role == ("intermediate" if "co-quan" in pem.name else "anchor")
    store = TrustStore.from_paths([tmp_path / "trust"])
    assert len(store.anchors) == 3 and len(store.intermediates) == 1


def _p7b(certs: list[x509.Certificate]) -> bytes:
    """A PKCS#7 certs-only bundle (.p7b), as CAs publish their chains."""
    from cryptography.hazmat.primitives.serialization import pkcs7

    return pkcs7.serialize_certificates(certs, serialization.Encoding.DER)


def test_bundle_goes_to_intermediates_and_unknown_roots_are_not_trusted(
    pki: SamplePKI, tmp_path: Path
) -> None:
    """A .p7b with a CA and an unknown root: the CA is an intermediate, the root is skipped."""
    bundle = tmp_path / "chain.p7b"
    bundle.write_bytes(_p7b([pki.intermediate.cert, pki.root.cert]))
    folder = tmp_path / "trust"
    added = {a.role: a for a in add_to_folder(bundle, folder)}
    assert set(added) == {"intermediate", "skipped"}
    assert added["intermediate"].path is not None
    assert added["intermediate"].path.parent == folder / INTERMEDIATES
    assert "--anchor" in (added["skipped"].note or "")
    store = TrustStore.from_paths([folder])
    assert store.anchors == [] and len(store.intermediates) == 1
    with_root = add_to_folder(bundle, tmp_path / "trust2", anchor=True)
    assert {a.role for a in with_root} == {"intermediate", "anchor"}


def test_pem_pkcs7_and_der_bundles_load(pki: SamplePKI, tmp_path: Path) -> None:
    """PEM-armoured PKCS#7, DER PKCS#7 and a PEM chain give the same certificates."""
    from cryptography.hazmat.primitives.serialization import pkcs7

    chain = [pki.intermediate.cert, pki.root.cert]
    pem_p7 = pkcs7.serialize_certificates(chain, serialization.Encoding.PEM)
    pem_chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain)
    expected = {fingerprint(c) for c in load_certificates(_p7b(chain), "x")}
    assert {fingerprint(c) for c in load_certificates(pem_p7, "x")} == expected
    assert {fingerprint(c) for c in load_certificates(pem_chain, "x")} == expected
    assert len(expected) == 2


def test_certificates_of_an_intermediate_folder_are_never_anchors(
    pki: SamplePKI, tmp_path: Path
) -> None:
    """A self-signed certificate found among intermediates (e.g. in an upload) is not trusted."""
    seen = tmp_path / "seen"
    seen.mkdir()
    (seen / "root.pem").write_bytes(pki.root.pem())
    (seen / "ca.pem").write_bytes(pki.intermediate.pem())
    store = TrustStore.from_paths([], [seen])
    assert store.anchors == [] and len(store.intermediates) == 1


def test_store_intermediates_keeps_only_new_issuing_cas(pki: SamplePKI, tmp_path: Path) -> None:
    """Only CA certificates that are not roots are kept, each once."""
    from asn1crypto import x509 as asn1_x509

    def asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    certs = [asn1(pki.intermediate.cert), asn1(pki.root.cert), asn1(pki.good.cert)]
    assert store_intermediates(tmp_path / "seen", certs) == 1
    assert store_intermediates(tmp_path / "seen", certs) == 0
