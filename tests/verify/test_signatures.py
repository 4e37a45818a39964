"""Signature checks on Vietnamese administrative PDFs signed with the test PKI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support import tamper
from tests.support.admin_pdf import make_admin_pdf
from tests.support.pki import SamplePKI
from tests.support.signing import sign_pdf
from verify import EvidenceReport, load_policy

Check = Callable[..., EvidenceReport]


def test_valid_signature_is_accepted_with_its_fields(check: Check, signed_good: bytes) -> None:
    """A trusted, intact, unrevoked signature on a proper document counts as evidence."""
    report = check(signed_good, check_fields=True)
    assert report.verdict == "valid"
    assert report.accepted is True
    (sig,) = report.signatures
    assert sig.indication == "TOTAL_PASSED" and sig.sub_indication is None
    assert sig.intact and sig.trusted
    assert sig.coverage == "entire_file" and sig.modified_after == "none"
    assert sig.revocation == "good"
    assert sig.signing_time_source == "claimed"
    assert sig.signer.common_name == "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH"
    assert report.fields.number == "15/QĐ-UBND" and report.fields.type == "QUYẾT ĐỊNH"
    assert report.missing_fields == []


def test_one_changed_byte_is_a_hash_failure(check: Check, signed_good: bytes) -> None:
    """Changing a single signed byte breaks the digest: TOTAL_FAILED / HASH_FAILURE."""
    report = check(tamper.change_one_byte(signed_good))
    assert report.verdict == "invalid"
    assert report.signatures[0].sub_indication == "HASH_FAILURE"
    assert report.signatures[0].intact is False


def test_page_content_replaced_in_an_update_is_invalid(check: Check, signed_good: bytes) -> None:
    """A new content stream in an incremental update is not what was signed."""
    report = check(tamper.replace_page_content(signed_good))
    sig = report.signatures[0]
    assert report.verdict == "invalid"
    assert sig.intact is True  # the signed bytes are untouched: only the update betrays it
    assert sig.coverage == "entire_revision"
    assert sig.modified_after == "other"


def test_annotation_added_after_signing_is_invalid(check: Check, signed_good: bytes) -> None:
    """An annotation drawn over the signed page changes what the reader sees."""
    report = check(tamper.add_annotation(signed_good))
    assert report.verdict == "invalid"
    assert report.signatures[0].modified_after in ("annotations", "other")


def test_bytes_appended_after_eof_are_a_format_failure(check: Check, signed_good: bytes) -> None:
    """Trailing bytes that are no proper update are unsigned content."""
    report = check(tamper.append_garbage(signed_good))
    assert report.verdict == "invalid"
    assert report.signatures[0].sub_indication == "FORMAT_FAILURE"


def test_zeroed_signature_contents_are_reported_not_crashed(
    check: Check, signed_good: bytes
) -> None:
    """A /Contents of zeros is still a signature dictionary: reported, FORMAT_FAILURE."""
    report = check(tamper.zero_signature(signed_good))
    assert report.verdict == "invalid"
    assert len(report.signatures) == 1
    assert report.signatures[0].sub_indication == "FORMAT_FAILURE"


def test_no_trust_anchor_is_indeterminate(check: Check, signed_good: bytes) -> None:
    """Without the root in the store, an intact signature cannot be valid."""
    report = check(signed_good, trust=())
    assert report.verdict == "indeterminate"
    assert report.signatures[0].sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"
    assert report.signatures[0].trusted is False
    assert report.accepted is False


def test_untrusted_and_modified_is_invalid(check: Check, signed_good: bytes) -> None:
    """ETSI precedence: a failure outranks an indeterminate result."""
    report = check(tamper.replace_page_content(signed_good), trust=())
    assert report.verdict == "invalid"
    assert report.signatures[0].indication == "TOTAL_FAILED"


def test_intermediate_from_the_trust_store(
    check: Check, admin_pdf: bytes, pki: SamplePKI, tmp_path: Path
) -> None:
    """Signatures embedding only the signer's certificate chain through store intermediates."""
    signed = sign_pdf(admin_pdf, pki.good, crls=[pki.crl_der], embed_chain=False)
    assert check(signed, trust=()).verdict == "indeterminate"
    store = tmp_path / "store"
    store.mkdir()
    (store / "root.pem").write_bytes(pki.root.pem())
    (store / "ca.pem").write_bytes(pki.intermediate.pem())
    assert check(signed, trust=(store,)).verdict == "valid"


def test_expired_certificate_is_not_valid(check: Check, admin_pdf: bytes, pki: SamplePKI) -> None:
    """A certificate expired before the signing time: never valid."""
    report = check(sign_pdf(admin_pdf, pki.expired, crls=[pki.crl_der]))
    assert report.verdict == "indeterminate"
    assert report.signatures[0].sub_indication == "OUT_OF_BOUNDS_NO_POE"


def test_revoked_certificate_is_invalid(check: Check, admin_pdf: bytes, pki: SamplePKI) -> None:
    """The embedded CRL revokes the signer before the signing time: TOTAL_FAILED / REVOKED."""
    report = check(sign_pdf(admin_pdf, pki.revoked, crls=[pki.crl_der]))
    assert report.verdict == "invalid"
    sig = report.signatures[0]
    assert (sig.sub_indication, sig.revocation) == ("REVOKED", "revoked")


def test_missing_revocation_data_is_indeterminate(
    check: Check, admin_pdf: bytes, pki: SamplePKI
) -> None:
    """Offline without the CRL the certificate declares: INDETERMINATE / TRY_LATER."""
    report = check(sign_pdf(admin_pdf, pki.good))
    assert report.verdict == "indeterminate"
    assert report.signatures[0].sub_indication == "TRY_LATER"


def test_key_encipherment_certificate_is_refused(
    check: Check, admin_pdf: bytes, pki: SamplePKI
) -> None:
    """A certificate for key encipherment only was never meant to sign."""
    report = check(sign_pdf(admin_pdf, pki.key_encipherment, crls=[pki.crl_der]))
    assert report.verdict == "indeterminate"
    assert report.signatures[0].sub_indication == "CHAIN_CONSTRAINTS_FAILURE"


def test_self_signed_certificate_has_no_chain(
    check: Check, admin_pdf: bytes, pki: SamplePKI
) -> None:
    """A self-made certificate is not issued by a licensed CA."""
    report = check(sign_pdf(admin_pdf, pki.self_signed))
    assert report.signatures[0].sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"
    assert "tự ký" in report.signatures[0].messages[0]


def test_sha1_is_a_weak_algorithm_not_a_forgery(
    check: Check, admin_pdf: bytes, pki: SamplePKI
) -> None:
    """SHA-1: INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE, and the message says why."""
    signed = sign_pdf(admin_pdf, pki.good, md_algorithm="sha1", crls=[pki.crl_der])
    report = check(signed)
    sig = report.signatures[0]
    assert report.verdict == "indeterminate"
    assert sig.intact is True
    assert sig.sub_indication == "CRYPTO_CONSTRAINTS_FAILURE"
    assert any("không phải dấu hiệu giả mạo" in m for m in sig.messages)


def test_legacy_policy_tolerates_sha1_before_its_cut_off_only(
    check: Check, admin_pdf: bytes, pki: SamplePKI, tmp_path: Path
) -> None:
    """vn-legacy accepts SHA-1 made before its cut-off, with a warning; an earlier cut-off refuses."""
    signed = sign_pdf(admin_pdf, pki.good, md_algorithm="sha1", crls=[pki.crl_der])
    report = check(signed, policy=load_policy("vn-legacy"))
    assert report.verdict == "valid"
    assert any("SHA-1" in w for w in report.signatures[0].warnings)
    earlier = tmp_path / "sha1-2023.yaml"
    earlier.write_text(
        "extends: vn-legacy\nid: vn-legacy-2023\nversion: '1'\n"
        "algorithms: {legacy: {signed_before: 2023-01-01}}\n"
    )
    assert check(signed, policy=load_policy(earlier)).verdict == "indeterminate"


def test_rsa_1024_is_a_weak_algorithm(check: Check, admin_pdf: bytes, pki: SamplePKI) -> None:
    """RSA keys under 2048 bits fail the algorithm policy (Thông tư 15/2025/TT-BKHCN)."""
    report = check(sign_pdf(admin_pdf, pki.weak_rsa, crls=[pki.crl_der]))
    assert report.signatures[0].sub_indication == "CRYPTO_CONSTRAINTS_FAILURE"
    assert any("RSA 1024" in m for m in report.signatures[0].messages)


def test_countersignature_keeps_both_valid(
    check: Check, signed_good: bytes, pki: SamplePKI
) -> None:
    """A later signature is a permitted change, told apart from form filling."""
    both = sign_pdf(signed_good, pki.good, field_name="ChuKy2", crls=[pki.crl_der])
    report = check(both)
    assert report.verdict == "valid"
    first, second = report.signatures
    assert first.modified_after == "signatures_or_validation_data"
    assert first.coverage == "entire_revision"
    assert second.modified_after == "none"
    assert [s.indication for s in report.signatures] == ["TOTAL_PASSED", "TOTAL_PASSED"]


def test_unsigned_document(check: Check, admin_pdf: bytes) -> None:
    """No signature dictionary at all: verdict unsigned, never accepted."""
    report = check(admin_pdf)
    assert report.verdict == "unsigned" and report.accepted is False
    assert report.problems[0].code == "UNSIGNED"


def test_signed_without_number_date_type_is_not_accepted(check: Check, pki: SamplePKI) -> None:
    """A valid signature on a document lacking the required fields does not count."""
    pdf = make_admin_pdf(omit={"number", "date", "doc_type"})
    report = check(sign_pdf(pdf, pki.good, crls=[pki.crl_der]), check_fields=True)
    assert report.verdict == "valid"
    assert report.accepted is False
    assert {"number", "date", "type"} <= set(report.missing_fields)
