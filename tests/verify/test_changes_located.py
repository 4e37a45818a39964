"""What changed after signing, and where: the kind of change, the page, the revision.

Each tampering is made the way a tool does it (proper incremental updates);
the report must name the page and the revision, not only "the file was
modified", and the reviewer's table of checks must say which check failed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic

from tests.support import tamper
from tests.support.pki import SamplePKI
from tests.support.signing import sign_pdf
from verify import EvidenceReport, VerifyOptions, verify_pdf

Check = Callable[..., EvidenceReport]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "external"


def refused(report: EvidenceReport) -> list:  # type: ignore[type-arg]
    return [c for c in report.signatures[0].changes if not c.permitted]


def states(report: EvidenceReport) -> dict[str, str]:
    return {c.name: c.state for c in report.signatures[0].checks}


def test_an_added_annotation_is_named_with_its_page_revision_and_area(
    check: Check, signed_good: bytes
) -> None:
    report = check(tamper.add_visible_annotation(signed_good))
    sig = report.signatures[0]
    (change,) = refused(report)
    assert change.kind == "annotation_added" and change.page == 1 and change.revision == 3
    assert "So: 99/QD-UBND" in change.text
    assert change.area is not None and 0 <= change.area[0] < change.area[2] <= 1
    assert sig.signed_revision == 2 and sig.revisions == 3
    assert sig.signed_length == len(signed_good)
    assert "trên trang 1 (phiên bản 3)" in sig.messages[0]
    assert "tệp bị sửa sau khi ký — thêm chú thích" in sig.summary.headline  # type: ignore[union-attr]
    assert states(report)["changes"] == "failed" and states(report)["integrity"] == "passed"


def test_a_page_added_after_signing(check: Check, signed_good: bytes) -> None:
    (change,) = refused(check(tamper.add_page(signed_good)))
    assert change.kind == "page_added" and change.page == 2 and change.signed_page is None


def test_page_content_replaced_by_a_new_stream(check: Check, signed_good: bytes) -> None:
    (change,) = refused(check(tamper.replace_page_content(signed_good)))
    assert change.kind == "page_content" and change.page == 1 and change.signed_page == 1


def test_an_object_overwritten_under_its_own_number_is_named(
    check: Check, signed_good: bytes
) -> None:
    """The shadow "replace" attack: the page dictionary is unchanged, its content object is not."""
    (change,) = refused(check(tamper.overwrite_page_content(signed_good)))
    assert change.kind == "page_content" and change.objects and "bị ghi đè" in change.text


def test_a_changed_byte_cannot_be_located_and_says_so(check: Check, signed_good: bytes) -> None:
    report = check(tamper.change_one_byte(signed_good))
    (change,) = report.signatures[0].changes
    assert change.kind == "signed_bytes"
    assert states(report)["integrity"] == "failed"


def test_a_countersignature_is_a_permitted_change(
    check: Check, signed_good: bytes, pki: SamplePKI
) -> None:
    """Two signatures of the same signer: the first reports the second as permitted; the
    panel tells them apart by field, page and revision."""
    report = check(sign_pdf(signed_good, pki.good, crls=[pki.crl_der], field_name="ChuKy2"))
    first, second = report.signatures
    assert report.verdict == "valid"
    assert [c.kind for c in first.changes] == ["signature_added"] and first.changes[0].permitted
    assert (first.field, first.signed_revision) == ("ChuKy1", 2)
    assert (second.field, second.signed_revision, second.revisions) == ("ChuKy2", 3, 3)
    assert first.page == second.page == 1


def test_each_check_has_its_own_state(check: Check, signed_good: bytes) -> None:
    """A valid signature: every check passed except the claimed time (a note, not green)."""
    report = check(signed_good)
    sig = report.signatures[0]
    assert [c.name for c in sig.checks] == [
        "integrity",
        "coverage",
        "changes",
        "chain",
        "revocation",
        "algorithms",
        "time",
    ]
    assert states(report) == {
        "integrity": "passed",
        "coverage": "passed",
        "changes": "passed",
        "chain": "passed",
        "revocation": "passed",
        "algorithms": "passed",
        "time": "info",
    }
    assert sig.digest_algorithm == "SHA-256" and sig.key == "RSA 2048 bit"
    assert sig.validation_time is not None and sig.validation_time.isoformat().endswith("+07:00")
    assert report.checked_at == sig.validation_time


def test_the_chain_is_described_with_serials_and_validity(
    check: Check, signed_good: bytes, pki: SamplePKI
) -> None:
    certs = check(signed_good).signatures[0].certificates
    assert [c.role for c in certs] == ["signer", "issuer", "root"]
    assert certs[0].serial == format(pki.good.cert.serial_number, "X")
    assert certs[0].valid_at_signing is True and certs[2].trusted_anchor is True
    assert (
        certs[0].not_before is not None
        and certs[0].not_before.utcoffset().total_seconds() == 7 * 3600
    )  # type: ignore[union-attr]
    assert certs[1].name == "Hoso Test CA cơ quan nhà nước"


def test_a_missing_issuer_ends_the_chain_and_is_an_administrators_action(
    check: Check, admin_pdf: bytes, pki: SamplePKI
) -> None:
    report = check(sign_pdf(admin_pdf, pki.good, embed_chain=False))
    sig = report.signatures[0]
    assert [c.role for c in sig.certificates] == ["signer", "missing"]
    assert sig.certificates[1].name == "Hoso Test CA cơ quan nhà nước"
    summary = sig.summary
    assert summary is not None and summary.action == "install_issuer"
    assert summary.action_by == "administrator"
    assert summary.next_step.startswith("Đề nghị quản trị hệ thống cài chứng thư CA")
    for text in [summary.next_step, *sig.messages, *summary.lines]:
        assert "hoso trust" not in text and "--" not in text, text
    assert states(report)["chain"] == "unknown" and states(report)["revocation"] == "not_checked"


def test_fields_of_a_modified_file_are_marked_unreliable(check: Check, signed_good: bytes) -> None:
    report = check(tamper.add_visible_annotation(signed_good), check_fields=True)
    assert report.fields.number == "15/QĐ-UBND"
    assert report.fields_reliable is False
    assert "FIELDS_UNRELIABLE" in {p.code for p in report.problems}
    assert check(signed_good, check_fields=True).fields_reliable is True


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_every_modified_corpus_file_says_where_or_that_it_cannot(tmp_path: Path) -> None:
    """Other producers' attacks (shadow hide/replace, added pages, annotations): every
    signature modified after signing lists at least one refused change, and its message is
    specific when a change was located."""
    expected = json.loads((CORPUS / "expected.json").read_text("utf-8"))
    seen = 0
    for relative in expected:
        path = CORPUS / relative
        if not path.is_file():
            continue
        report = verify_pdf(path, VerifyOptions(isolate=False, check_fields=False))
        for sig in report.signatures:
            if sig.modified_after in ("none", "signatures_or_validation_data"):
                continue
            seen += 1
            located = [c for c in sig.changes if not c.permitted]
            assert located, (relative, sig.messages)
            if any(c.page for c in located):
                assert any("trang" in m for m in sig.messages), (relative, sig.messages)
    assert seen >= 10


def _rewrite_page(signed: bytes, edit: Callable[..., None]) -> bytes:
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    edit(page)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            lambda page: page.__setitem__("/Rotate", generic.NumberObject(90)), id="rotate"
        ),
        pytest.param(
            lambda page: page.__setitem__(
                "/MediaBox",
                generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 300, 300)]),
            ),
            id="mediabox",
        ),
    ],
)
def test_a_page_rewritten_with_the_same_objects_but_another_box_is_a_content_change(
    check: Check, signed_good: bytes, edit: Callable[..., None]
) -> None:
    """Only the page dictionary is rewritten, every object it uses is the same: a direct value
    that differs (the shown area, the rotation) is still a change of what the page shows."""
    (change,) = refused(check(_rewrite_page(signed_good, edit)))
    assert change.kind == "page_content" and change.page == 1


def test_a_page_rewritten_unchanged_is_no_content_change(check: Check, signed_good: bytes) -> None:
    """The page dictionary written again as it was (as some tools do): nothing it shows differs."""
    report = check(_rewrite_page(signed_good, lambda page: None))
    assert not [c for c in report.signatures[0].changes if c.kind == "page_content"]
