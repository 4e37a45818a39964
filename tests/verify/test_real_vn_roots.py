"""End to end with the real Vietnamese roots of ../shared/trust/vn: the missing issuer is named.

A signer certificate that names the real "CA phục vụ các cơ quan Nhà nước
G2" as its issuer (a test key stands in for the CA's, so no real chain can
ever validate) is verified against a trust folder holding the published
roots only — the deployment the issue measured. The answer must name the
missing CA and say that the roots are already installed, never tell the
reviewer to install the national root again; once the CA is installed with
``hoso trust add`` the issuer is no longer "missing".
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from typer.testing import CliRunner

from cli.main import app
from tests.support.legacy import SIGNED_2021, sign_legacy
from tests.support.pki import AGENCY, PARENT, Identity, key, name
from verify import VerifyOptions, load_policy, verify_pdf

VN_TRUST = Path(__file__).resolve().parents[3] / "shared" / "trust" / "vn"
GOV_CA = VN_TRUST / "vgca-ca-co-quan-nha-nuoc-g2.pem"
AIA = "http://ca.example.test/cqnn-g2.crt"

pytestmark = pytest.mark.skipif(not GOV_CA.is_file(), reason="shared/trust/vn is absent")
runner = CliRunner()


def _signer_named_by_the_government_ca() -> Identity:
    real_ca = x509.load_pem_x509_certificate(GOV_CA.read_bytes())
    private = key(2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name(AGENCY, PARENT))
        .issuer_name(real_ca.subject)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime(2020, 6, 1, tzinfo=UTC))
        .not_valid_after(datetime(2023, 6, 1, tzinfo=UTC))
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(real_ca.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
        .add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        x509.AuthorityInformationAccessOID.CA_ISSUERS,
                        x509.UniformResourceIdentifier(AIA),
                    )
                ]
            ),
            critical=False,
        )
        .sign(private, hashes.SHA256())
    )
    return Identity(cert, private)


def test_missing_government_ca_is_named_with_the_real_roots_installed(
    admin_pdf: bytes, tmp_path: Path
) -> None:
    """Roots installed, CA missing: the CA is named with its AIA URL; no 'install the root'."""
    folder = tmp_path / "trust"
    for pem in sorted(VN_TRUST.glob("*.pem")):
        if pem != GOV_CA:
            assert (
                runner.invoke(app, ["trust", "add", str(pem), "--folder", str(folder)]).exit_code
                == 0
            )
    signer = _signer_named_by_the_government_ca()
    path = tmp_path / "cong-van.pdf"
    path.write_bytes(
        sign_legacy(
            admin_pdf,
            signer,
            subfilter="adbe.pkcs7.detached",
            digest="sha256",
            cms_time=SIGNED_2021,
        )
    )
    options = VerifyOptions(
        trust=(folder,), isolate=False, check_fields=False, policy=load_policy("vn-legacy")
    )
    sig = verify_pdf(path, options).signatures[0]
    assert sig.missing_issuer is not None
    assert sig.missing_issuer.name == "CA phục vụ các cơ quan Nhà nước G2"
    assert sig.missing_issuer.urls == [AIA]
    message = next(m for m in sig.messages if "Thiếu chứng thư của CA phát hành" in m)
    assert "'Vietnam National Root CA'" in message and "RootCA chuyên dùng Chính phủ G2" in message
    assert "Kho tin cậy chưa có chứng thư gốc nào" not in message
    assert sig.summary is not None and "CA phục vụ các cơ quan Nhà nước G2" in sig.summary.next_step

    installed = runner.invoke(app, ["trust", "add", str(GOV_CA), "--folder", str(folder)])
    assert installed.exit_code == 0 and "CA phát hành" in installed.stdout
    after = verify_pdf(path, options).signatures[0]
    assert after.missing_issuer is None  # found now; our stand-in key makes the chain fail
    assert after.sub_indication == "CERTIFICATE_CHAIN_GENERAL_FAILURE" and not after.trusted
