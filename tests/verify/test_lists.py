"""Lists issued as evidence (Thanh Hóa asks for ten criteria's "Danh sách … theo mẫu số x.y").

hoso's own list forms are read back in ``test_own_forms.py``; these are lists
set by another producer (reportlab), in the shapes agencies print them: the
type name alone in capitals, numbered ``…/DS-UBND``; one sentence-case title
line with no number; and a company's "Danh sách" heading, which is no list
issued by an agency.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.admin_pdf import make_admin_pdf
from verify.doctypes import is_list_form_marker, list_title
from verify.fields import FieldsResult, extract_fields


def _read(tmp_path: Path, **layout: object) -> FieldsResult:
    path = tmp_path / "list.pdf"
    make_admin_pdf(path, body_paragraphs=["1. Nguyễn Văn An - công chức Văn phòng."], **layout)
    return extract_fields(path)


def test_a_numbered_list_with_its_type_name_alone(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        number="05/DS-UBND",
        doc_type="DANH SÁCH",
        subject="Các điểm phát wifi công cộng trên địa bàn xã",
    )
    fields = result.fields
    assert (fields.type, fields.number, fields.type_code) == ("DANH SÁCH", "05/DS-UBND", "DS")
    assert fields.subject == "Các điểm phát wifi công cộng trên địa bàn xã"
    assert result.missing_fields == [] and result.problems == []


def test_an_unnumbered_list_titled_in_one_sentence(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        number=None,
        doc_type=None,
        subject="Danh sách cán bộ, công chức có máy tính phục vụ công tác",
    )
    fields = result.fields
    assert fields.type == "DANH SÁCH" and fields.number is None
    assert fields.subject == "Cán bộ, công chức có máy tính phục vụ công tác"
    assert result.administrative is True
    assert result.missing_fields == []
    assert not {p.code for p in result.problems} & {"NUMBER_MISSING", "TYPE_MISSING"}


def test_an_unnumbered_decision_still_misses_its_number(tmp_path: Path) -> None:
    result = _read(tmp_path, number=None)
    assert result.fields.type == "QUYẾT ĐỊNH"
    assert result.missing_fields == ["number"]


@pytest.mark.parametrize(
    ("doc_type", "subject"),
    [
        (None, "Danh sách thiết bị bàn giao cho khách hàng"),
        ("DANH SÁCH", "Thiết bị bàn giao cho khách hàng"),
    ],
)
def test_a_company_list_is_no_list_issued_by_an_agency(
    tmp_path: Path, doc_type: str | None, subject: str
) -> None:
    """A company's list, however titled, never passes as an agency's list (no number
    needed): it is not typed, so it cannot count as evidence."""
    result = _read(
        tmp_path,
        parent_agency=None,
        agency="CÔNG TY CỔ PHẦN VIỄN THÔNG AN PHÚ",
        number=None,
        doc_type=doc_type,
        subject=subject,
    )
    assert result.fields.type is None
    assert result.administrative is False or "TYPE_MISSING" in {p.code for p in result.problems}


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("Mẫu 1.4", True),
        ("Mẫu số 4.1", True),
        ("Mẫu số 4.5.", True),
        ("MẪU SỐ 2.6", True),
        ("Mẫu số 01", False),  # a report form: its type name is printed below
        ("Mẫu 1.4. Danh sách cán bộ", False),  # a marker is a line of its own
        ("Mẫu đơn đề nghị", False),
    ],
)
def test_list_form_markers(text: str, marker: bool) -> None:
    assert is_list_form_marker(text) is marker


def test_a_list_title_of_debris_reads_no_subject(tmp_path: Path) -> None:
    """What follows "Danh sách" may be OCR dust: the list is still typed, with no subject."""
    result = _read(tmp_path, number=None, doc_type=None, subject="Danh sách ~")
    assert result.fields.subject is None


def test_list_titles() -> None:
    assert list_title("Danh sách cán bộ, công chức có máy tính") == "cán bộ, công chức có máy tính"
    assert list_title("DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ") == "THÀNH VIÊN TỔ CÔNG NGHỆ SỐ"
    assert list_title("DANH SÁCH") is None  # the type name alone: type_name reads it
    assert list_title("Kèm theo danh sách thành viên") is None
