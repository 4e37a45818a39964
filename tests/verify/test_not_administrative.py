"""Signed files that are not administrative documents: one clear problem, no noise."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.nonadmin_pdf import KINDS, make_nonadmin_pdf
from tests.support.pki import SamplePKI
from tests.support.signing import sign_pdf
from verify import EvidenceReport

Check = Callable[..., EvidenceReport]


@pytest.mark.parametrize("kind", KINDS)
def test_signed_non_administrative_file(kind: str, check: Check, pki: SamplePKI) -> None:
    """A contract, an application, an invoice or a newsletter gets exactly NOT_ADMINISTRATIVE.

    No DATE_MISSING/NUMBER_MISSING list, no signer-vs-agency comparison (the
    phone numbers and names of the body are no agency), never accepted.
    """
    signed = sign_pdf(make_nonadmin_pdf(kind), pki.good, crls=[pki.crl_der])
    report = check(signed, check_fields=True)
    assert report.verdict == "valid"
    assert report.administrative is False
    assert report.accepted is False
    assert [p.code for p in report.problems] == ["NOT_ADMINISTRATIVE"]
    assert "Nghị định 30/2020/NĐ-CP" in report.problems[0].message
    assert report.missing_fields == []
    assert report.fields.agency is None


@pytest.mark.parametrize("family", ["DejaVuSans", "LiberationSans"])
def test_other_fonts_same_answer(family: str, check: Check) -> None:
    """The answer does not depend on the font the file was set in."""
    report = check(make_nonadmin_pdf("contract", family), check_fields=True)
    assert [p.code for p in report.problems] == ["UNSIGNED", "NOT_ADMINISTRATIVE"]


def test_administrative_file_is_said_so(check: Check, signed_good: bytes) -> None:
    """The generated decision is administrative, accepted, with no NOT_ADMINISTRATIVE."""
    report = check(signed_good, check_fields=True)
    assert report.administrative is True and report.accepted is True
    assert "NOT_ADMINISTRATIVE" not in {p.code for p in report.problems}
