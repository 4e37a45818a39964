"""ETSI precedence and the verdict rules, on their own."""

from __future__ import annotations

from verify.changes import FieldState, compare_fields
from verify.outcome import combine, failed, file_verdict, indeterminate, is_accepted
from verify.report import SignatureReport


def test_failure_outranks_indeterminate() -> None:
    """Untrusted and modified: the failure decides."""
    findings = [indeterminate("NO_CERTIFICATE_CHAIN_FOUND", "a"), failed("HASH_FAILURE", "b")]
    assert combine(findings) == ("TOTAL_FAILED", "HASH_FAILURE")
    assert combine([]) == ("TOTAL_PASSED", None)


def test_file_verdict_rules() -> None:
    """valid only if all passed; invalid if any failed; unsigned if none."""
    passed = SignatureReport(indication="TOTAL_PASSED")
    unknown = SignatureReport(indication="INDETERMINATE")
    bad = SignatureReport(indication="TOTAL_FAILED")
    assert file_verdict([]) == "unsigned"
    assert file_verdict([passed, passed]) == "valid"
    assert file_verdict([passed, unknown]) == "indeterminate"
    assert file_verdict([unknown, bad]) == "invalid"
    assert is_accepted("valid", [], True) and not is_accepted("valid", ["date"], True)
    assert not is_accepted("valid", [], False)


def test_new_signature_is_not_form_filling() -> None:
    """A signature field filled later is permitted; a changed text value is not."""
    old = {"ChuKy1": FieldState("/Sig", "x"), "ChuKy2": FieldState("/Sig", None)}
    new = {"ChuKy1": FieldState("/Sig", "x"), "ChuKy2": FieldState("/Sig", "y")}
    assert compare_fields(old, new).modified_after == "signatures_or_validation_data"
    old["SoVanBan"] = FieldState("/Tx", "15/QĐ-UBND")
    new["SoVanBan"] = FieldState("/Tx", "16/QĐ-UBND")
    assert compare_fields(old, new).modified_after == "form_filling"
    new["ChuKy1"] = FieldState("/Sig", "changed")
    assert compare_fields(old, new).modified_after == "other"
