"""Each reason a criterion is not evidenced, and the recomputed decision (fake verifier)."""

from __future__ import annotations

from tests.verify.dossier.fakes import spec
from verify.dossier import check_dossier


def _codes(result, criterion_id):
    row = result.appraisal.criterion(criterion_id)
    assert row is not None
    return row, [r.code for r in row.reasons]


def test_every_criterion_evidenced_passes(make_dossier, options):
    """A dossier with a valid, matching document per criterion keeps its ĐẠT."""
    result = check_dossier(make_dossier(), options)
    assert result.passed
    assert all(c.evidenced for c in result.appraisal.criteria)
    assert result.appraisal.self_decision.passed


def test_no_folder_and_empty_folder(make_dossier, options):
    """No folder, and a folder without files, are two different reasons."""
    root = make_dossier(skip=("I.1", "I.2"))
    (root / "I.2").mkdir()
    result = check_dossier(root, options)
    row, codes = _codes(result, "I.1")
    assert codes == ["NO_FOLDER"] and row.status == "khong_dat" and row.self_status == "dat"
    assert _codes(result, "I.2")[1] == ["EMPTY_FOLDER"]
    assert not result.passed, "I.1 and I.2 are mandatory: the checked decision fails"
    assert result.appraisal.self_decision.passed


def test_only_unsigned_files(make_dossier, options):
    """An unsigned PDF and a photo: illustrations alone never evidence a criterion."""
    root = make_dossier({"I.1": {"a.pdf": spec(verdict="unsigned"), "anh.jpg": b"\xff\xd8\xff"}})
    row, codes = _codes(check_dossier(root, options), "I.1")
    assert codes == ["ONLY_UNSIGNED", "FILE_UNSIGNED"]
    assert "Báo cáo tổng hợp số liệu" in row.reasons[0].message, "names what is needed"


def test_signature_invalid_untrusted_and_unreadable(make_dossier, options):
    """Invalid, untrusted and unreadable files each get their own reason."""
    root = make_dossier(
        {
            "I.1": {"a.pdf": spec(verdict="invalid")},
            "I.2": {"a.pdf": spec(verdict="indeterminate", trusted=False)},
            "I.3": {"a.pdf": spec(verdict="unreadable")},
        }
    )
    result = check_dossier(root, options)
    assert _codes(result, "I.1")[1] == ["SIGNATURE_INVALID", "REQUIRED_DOCUMENT_MISSING"]
    assert _codes(result, "I.2")[1] == ["SIGNATURE_UNTRUSTED", "REQUIRED_DOCUMENT_MISSING"]
    assert "FILE_UNREADABLE" in _codes(result, "I.3")[1]


def test_wrong_type_missing_fields_outside_year_and_foreign_signer(make_dossier, options):
    """Type, number, date, year and signer are each checked and each reported."""
    root = make_dossier(
        {
            "I.1": {"a.pdf": spec(type="TỜ TRÌNH", number="3/TTr-UBND")},
            "I.2": {"a.pdf": spec(number=None)},
            "I.3": {"a.pdf": spec(date=None)},
            "I.4": {"a.pdf": spec(date="2022-12-30")},
            "I.5": {"a.pdf": spec(org="UBND xã Sơn Thịnh", agency="UBND XÃ SƠN THỊNH")},
        }
    )
    result = check_dossier(root, options)
    missing = "REQUIRED_DOCUMENT_MISSING"
    assert _codes(result, "I.1")[1] == ["WRONG_DOCUMENT_TYPE", missing]
    assert _codes(result, "I.2")[1] == ["NUMBER_MISSING", missing]
    assert _codes(result, "I.3")[1] == ["DATE_MISSING", missing]
    assert _codes(result, "I.4")[1] == ["DATE_OUTSIDE_YEAR", missing]
    assert _codes(result, "I.5")[1] == ["WRONG_ISSUER", missing]
    message = result.appraisal.criterion("I.1").reasons[0].message
    assert "Tờ trình" in message and "Báo cáo" in message
    assert "SƠN THỊNH" in result.appraisal.criterion("I.5").reasons[0].message


def test_every_reason_of_every_file_is_listed(make_dossier, options):
    """Two bad files: both files' reasons, all at once."""
    root = make_dossier(
        {
            "I.1": {
                "a.pdf": spec(verdict="invalid"),
                "b.pdf": spec(date="2021-01-01", type="TỜ TRÌNH"),
            }
        }
    )
    _row, codes = _codes(check_dossier(root, options), "I.1")
    assert codes == ["SIGNATURE_INVALID", "WRONG_DOCUMENT_TYPE", "REQUIRED_DOCUMENT_MISSING"]


def test_a_certificate_of_the_parent_backs_the_units_document(make_dossier, options):
    """The commune's report signed with a certificate of its district still counts."""
    root = make_dossier({"I.1": {"a.pdf": spec(org="UBND huyện Văn Chấn")}})
    row, _ = _codes(check_dossier(root, options), "I.1")
    assert row.evidenced


def test_a_header_of_one_agency_signed_by_another_does_not_count(make_dossier, options):
    """The commune's header but another commune's certificate: the signer is not the issuer."""
    root = make_dossier({"I.1": {"a.pdf": spec(org="UBND xã Sơn Thịnh")}})
    row, codes = _codes(check_dossier(root, options), "I.1")
    assert not row.evidenced and codes == ["SIGNER_NOT_ISSUER", "REQUIRED_DOCUMENT_MISSING"]


def test_one_good_file_is_enough_and_a_missed_target_stays_missed(make_dossier, options):
    """At least one accepted PDF evidences; evidence never makes a missed target count."""
    root = make_dossier({"I.1": {"a.pdf": spec(verdict="invalid"), "b.pdf": spec()}})
    data = root / "assessment.json"
    text = data.read_text("utf-8").replace('"a": 16', '"a": 1', 1)
    data.write_text(text, "utf-8")
    row, _ = _codes(check_dossier(root, options), "I.1")
    assert row.evidenced and row.self_status == "khong_dat" and row.status == "khong_dat"


def test_unmatched_folders_other_formats_and_stray_files_are_reported(make_dossier, options):
    """Nothing is silently ignored: folder of no criterion, .docx, file at the root."""
    root = make_dossier(
        {"II.12 - Camera": {"a.pdf": spec()}, "I.1": {"x.docx": b"PK", "a.pdf": spec()}}
    )
    (root / "ghi chú.txt").write_text("x", "utf-8")
    result = check_dossier(root, options)
    codes = {p.code for p in result.problems}
    assert codes == {"FOLDER_NOT_A_CRITERION", "FILE_OUTSIDE_CRITERIA"}
    assert "FORMAT_NOT_ACCEPTED" in _codes(result, "I.1")[1]
    assert _codes(result, "I.1")[0].evidenced, "a.pdf still counts"


def test_folder_names_with_titles(make_dossier, options):
    """``I.1. Tỷ lệ …``, ``I.2 - …``, ``Tiêu chí I.3`` all match their criterion."""
    root = make_dossier(
        {
            "I.1. Tỷ lệ hồ sơ": {"a.pdf": spec()},
            "I.2 - Dịch vụ công": {"a.pdf": spec()},
            "Tiêu chí I.3": {"a.pdf": spec()},
        }
    )
    result = check_dossier(root, options)
    assert result.problems == []
    assert result.appraisal.criterion("I.1").folder == "I.1. Tỷ lệ hồ sơ"


def test_html_report_escapes_names_from_the_dossier(make_dossier, options):
    """A file named like markup shows as text in the reviewers' page."""
    from verify.dossier.report_html import render_html

    root = make_dossier({"I.1": {"<img src=x onerror=alert(1)>.pdf": spec(verdict="invalid")}})
    page = render_html(check_dossier(root, options)).decode()
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page
