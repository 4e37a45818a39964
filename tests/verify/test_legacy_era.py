"""Signatures shaped like the real Vietnamese files of 2020–2022, under the built-in policies.

SHA-1, RSA-1024, ``adbe.pkcs7.sha1`` and ``adbe.pkcs7.detached``, a CMS with
the signer's certificate only, no revocation data, claimed times only,
placeholder ``/M`` — verified offline at a pinned moment in 2025.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from typer.testing import CliRunner

from cli.main import app
from tests.support import tamper
from tests.support.legacy import (
    CA_NAME,
    PLACEHOLDER_M,
    SIGNED_2021,
    SIGNED_AFTER_CUTOFF,
    forged_leaf,
    legacy_ca,
    sign_legacy,
)
from tests.support.pki import SamplePKI, issue, key, name
from tests.verify.conftest import LegacyEra
from verify import EvidenceReport

Check = Callable[..., EvidenceReport]
runner = CliRunner()


@pytest.fixture
def trust_with_ca(legacy: LegacyEra, pki: SamplePKI, tmp_path: Path) -> Path:
    """A trust folder set up the way an administrator does: hoso trust add root, then the CA."""
    folder = tmp_path / "trust-with-ca"
    root = tmp_path / "root.pem"
    root.write_bytes(pki.root.pem())
    for source in (root, legacy.ca_file(tmp_path / "downloads")):
        result = runner.invoke(app, ["trust", "add", str(source), "--folder", str(folder)])
        assert result.exit_code == 0, result.output
    return folder


def test_leaf_only_signature_names_its_missing_issuer(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check
) -> None:
    """No chain: the message names the issuing CA and its AIA address, not the installed root."""
    report = legacy_check(sign_legacy(admin_pdf, legacy.signer_2021, cms_time=SIGNED_2021))
    sig = report.signatures[0]
    assert report.verdict == "indeterminate" and sig.intact
    assert sig.missing_issuer is not None
    assert sig.missing_issuer.name == CA_NAME
    assert sig.missing_issuer.urls == [f"{legacy.web.base}/ca.cer"]
    message = next(m for m in sig.messages if "Thiếu chứng thư của CA phát hành" in m)
    assert CA_NAME in message and f"{legacy.web.base}/ca.cer" in message
    assert "quản trị hệ thống" in message and "hoso trust add" not in message
    assert "kho đã có chứng thư gốc 'Hoso Test Root CA'" in message
    assert not any("Hãy cài chứng thư gốc Root CA quốc gia" in m for m in sig.messages)
    assert sig.summary is not None
    assert CA_NAME in sig.summary.headline and CA_NAME in sig.summary.next_step


@pytest.mark.parametrize("subfilter", ["adbe.pkcs7.sha1", "adbe.pkcs7.detached"])
def test_legacy_policy_accepts_the_era_once_the_ca_is_installed(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check, trust_with_ca: Path, subfilter: str
) -> None:
    """With the CA added by hoso trust add: vn-legacy accepts with warnings, strict does not."""
    signed = sign_legacy(admin_pdf, legacy.signer_2021, subfilter=subfilter, cms_time=SIGNED_2021)
    report = legacy_check(signed, trust=(trust_with_ca,))
    sig = report.signatures[0]
    assert report.verdict == "valid", sig.messages
    assert sig.indication == "TOTAL_PASSED" and sig.subfilter == subfilter
    assert sig.chain == ["ỦY BAN NHÂN DÂN XÃ TÂN THỊNH", CA_NAME, "Hoso Test Root CA"]
    warnings = " ".join(sig.warnings)
    assert "SHA-1" in warnings and "RSA 1024" in warnings and "15/08/2025" in warnings
    assert "chỉ do người ký khai" in warnings and "CRL/OCSP" in warnings
    assert sig.summary is not None and sig.summary.headline.startswith("HỢP LỆ, CÓ 3 CẢNH BÁO")
    strict = legacy_check(signed, policy="strict", trust=(trust_with_ca,))
    assert strict.verdict == "indeterminate"
    assert strict.signatures[0].sub_indication == "CRYPTO_CONSTRAINTS_FAILURE"
    assert strict.policy is not None and strict.policy.id == "strict"


def test_legacy_policy_refuses_a_signature_made_after_its_cut_off(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check, trust_with_ca: Path
) -> None:
    """The same algorithms signed on 10/09/2025 (after 15/08/2025) are not accepted."""
    signed = sign_legacy(admin_pdf, legacy.signer_2025, cms_time=SIGNED_AFTER_CUTOFF)
    report = legacy_check(signed, trust=(trust_with_ca,))
    sig = report.signatures[0]
    assert report.verdict == "indeterminate"
    assert sig.sub_indication == "CRYPTO_CONSTRAINTS_FAILURE"
    assert any("15/08/2025" in m and "không phải dấu hiệu giả mạo" in m for m in sig.messages)


def test_placeholder_signing_time_is_no_time(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check, trust_with_ca: Path
) -> None:
    """/M of 01/01/2010 without another time: called out, never used to accept the algorithms."""
    signed = sign_legacy(admin_pdf, legacy.signer_2021, m_time=PLACEHOLDER_M)
    report = legacy_check(signed, trust=(trust_with_ca,))
    sig = report.signatures[0]
    assert report.verdict == "indeterminate"
    assert sig.signing_time is None and sig.claimed_time_placeholder
    assert sig.claimed_time is not None and sig.claimed_time.year == 2010
    assert sig.summary is not None and sig.summary.time_kind == "placeholder"
    time_line = next(line for line in sig.summary.lines if line.startswith("Thời điểm ký"))
    assert "01/01/2010" in time_line and "giá trị mặc định" in time_line
    assert "xác nhận ngày ký" in sig.summary.next_step


def test_claimed_time_before_the_certificate_is_called_out(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check, trust_with_ca: Path
) -> None:
    """A claimed time before the certificate's validity: not accepted, and the answer says why."""
    early = datetime(2019, 5, 2, 8, 0, tzinfo=UTC)
    report = legacy_check(
        sign_legacy(admin_pdf, legacy.signer_2021, cms_time=early), trust=(trust_with_ca,)
    )
    sig = report.signatures[0]
    assert sig.sub_indication == "OUT_OF_BOUNDS_NO_POE"
    assert sig.summary is not None and sig.summary.time_note is not None
    assert "trước ngày chứng thư số có hiệu lực" in sig.summary.time_note


def test_every_time_is_shown_in_vietnam_time(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check, trust_with_ca: Path
) -> None:
    """A claimed time written in UTC comes back in +07:00, in the JSON and in the answer."""
    utc = datetime(2021, 3, 15, 2, 30, tzinfo=UTC)
    report = legacy_check(
        sign_legacy(admin_pdf, legacy.signer_2021, cms_time=utc), trust=(trust_with_ca,)
    )
    sig = report.signatures[0]
    assert sig.signing_time is not None
    assert sig.signing_time.isoformat() == "2021-03-15T09:30:00+07:00"
    assert sig.summary is not None
    assert any("15/03/2021 09:30 (+07:00)" in line for line in sig.summary.lines)
    dumped = report.model_dump(mode="json")["signatures"][0]
    assert dumped["summary"]["time"] == "2021-03-15T09:30:00+07:00"


@pytest.mark.parametrize(
    "attack", [tamper.change_one_byte, tamper.replace_page_content, tamper.add_annotation]
)
@pytest.mark.parametrize("policy", ["strict", "vn-legacy"])
def test_a_modified_legacy_file_is_never_accepted(
    legacy: LegacyEra,
    admin_pdf: bytes,
    legacy_check: Check,
    trust_with_ca: Path,
    attack: Callable[[bytes], bytes],
    policy: str,
) -> None:
    """Integrity is not a matter of policy: an attacked file is invalid under every policy."""
    signed = sign_legacy(admin_pdf, legacy.signer_2021, cms_time=SIGNED_2021)
    report = legacy_check(attack(signed), policy=policy, trust=(trust_with_ca,))
    assert report.verdict == "invalid"
    sig = report.signatures[0]
    assert sig.summary is not None and sig.summary.headline.startswith("KHÔNG HỢP LỆ")
    assert "Không dùng bản này" in sig.summary.next_step


@pytest.mark.parametrize("policy", ["strict", "vn-legacy"])
def test_a_forged_certificate_is_never_trusted_with_a_warning(
    pki: SamplePKI, admin_pdf: bytes, legacy_check: Check, tmp_path: Path, policy: str
) -> None:
    """A leaf naming a real CA but not signed by it stays untrusted, even where the CA's own
    revocation status is unknown offline (validation stops there before reaching the leaf)."""
    ca = legacy_ca(pki.root, "http://127.0.0.1:9", revocation_url="http://127.0.0.1:9/root.crl")
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "root.pem").write_bytes(pki.root.pem())
    (trust / "ca.pem").write_bytes(ca.ca.pem())
    forged = sign_legacy(
        admin_pdf,
        forged_leaf(ca.ca),
        subfilter="adbe.pkcs7.detached",
        digest="sha256",
        cms_time=SIGNED_2021,
    )
    report = legacy_check(forged, policy=policy, trust=(trust,))
    sig = report.signatures[0]
    assert report.verdict == "indeterminate" and not sig.trusted
    assert sig.sub_indication == "CERTIFICATE_CHAIN_GENERAL_FAILURE"
    assert sig.summary is not None and "có thể bị giả mạo" in sig.summary.trust
    assert sig.summary.next_step.startswith("Không dùng chữ ký này")
    genuine = sign_legacy(admin_pdf, ca.leaf(), cms_time=SIGNED_2021)
    honest = legacy_check(genuine, policy="vn-legacy", trust=(trust,)).signatures[0]
    assert honest.trusted and honest.indication == "TOTAL_PASSED"  # the CA's status: a warning


def test_a_re_keyed_root_is_named_as_such(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check, tmp_path: Path
) -> None:
    """Installed root of the same name but another key (a CA re-keyed, as the national root in
    2025): the answer says the installed certificate is another version, not that none is."""
    other = key()
    impostor = issue(
        name("Hoso Test Root CA"),
        other,
        None,
        not_before=datetime(2020, 1, 1, tzinfo=UTC),
        not_after=datetime(2040, 1, 1, tzinfo=UTC),
        ca=True,
    )
    trust = tmp_path / "rekeyed"
    trust.mkdir()
    (trust / "root-2025.pem").write_bytes(impostor.public_bytes(serialization.Encoding.PEM))
    signed = sign_legacy(
        admin_pdf, legacy.signer_2021, cms_time=SIGNED_2021, embed=[legacy.ca.ca.cert]
    )
    sig = legacy_check(signed, trust=(trust,)).signatures[0]
    assert sig.missing_issuer is not None and sig.missing_issuer.other_key_installed
    assert sig.missing_issuer.name == "Hoso Test Root CA"
    assert any("đổi khoá" in m for m in sig.messages)
