"""Administrative fields (Nghị định 30/2020/NĐ-CP) read from generated documents."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.support.admin_pdf import make_admin_pdf, make_scanned_pdf
from verify.agency import agency_name
from verify.docnumber import read_number
from verify.doctypes import type_name
from verify.fields import (
    REQUIRED_FIELDS,
    TYPE_CODES,
    FieldsResult,
    extract_fields,
    fold,
    parse_fields,
)
from verify.report import FieldSource
from verify.textlayer import (
    Box,
    DocumentText,
    Line,
    PageText,
    TextOptions,
    Word,
    join_words,
    ocr_available,
    read_document,
)
from verify.vntext import YEAR


def _fields(tmp_path: Path, **kwargs: object):
    path = tmp_path / "doc.pdf"
    make_admin_pdf(path, **kwargs)  # type: ignore[arg-type]
    return extract_fields(path)


def test_every_field_of_a_decision(tmp_path: Path) -> None:
    """Each thể thức field of a QUYẾT ĐỊNH comes back as printed."""
    result = _fields(tmp_path)
    f = result.fields
    assert f.parent_agency == "UBND HUYỆN VĂN CHẤN"
    assert f.agency == "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH"
    assert f.number == "15/QĐ-UBND"
    assert f.type_code == "QĐ"
    assert result.issuer_code == "UBND"
    assert result.symbol == "QĐ-UBND"
    assert f.place == "Tân Thịnh"
    assert f.date == date(2024, 3, 12)
    assert f.type == "QUYẾT ĐỊNH"
    assert f.subject == "Về việc thành lập Tổ công nghệ số cộng đồng xã Tân Thịnh"
    assert result.signer_authority == "TM. ỦY BAN NHÂN DÂN"
    assert f.signer_title == "CHỦ TỊCH"
    assert f.signer_name == "Hoàng Văn Minh"
    assert f.source == "text"
    assert result.national_title and result.motto
    assert result.missing_fields == []
    assert result.problems == []


def test_one_line_agency_without_parent(tmp_path: Path) -> None:
    """A lone agency line is the agency, and there is no parent."""
    result = _fields(tmp_path, parent_agency=None, agency="ỦY BAN NHÂN DÂN XÃ TÂN THỊNH")
    assert result.fields.agency == "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH"
    assert result.fields.parent_agency is None


def test_agency_name_over_two_lines(tmp_path: Path) -> None:
    """An agency name broken over two bold lines is one agency, under its parent."""
    result = _fields(
        tmp_path,
        parent_agency="UBND TỈNH THANH HÓA",
        agency="SỞ THÔNG TIN VÀ\nTRUYỀN THÔNG",
        number="08/KH-STTTT",
        doc_type="KẾ HOẠCH",
    )
    assert result.fields.parent_agency == "UBND TỈNH THANH HÓA"
    assert result.fields.agency == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert result.fields.type == "KẾ HOẠCH"
    assert result.fields.type_code == "KH"
    assert result.issuer_code == "STTTT"


def test_a_minority_name_in_a_text_layer_is_not_cut_into_syllables(tmp_path: Path) -> None:
    """``ĐẠ HUOAI`` is printed so: a text layer's words are as printed, and ``HUOAI`` is
    no ``HU OAI`` (only OCR runs words together)."""
    result = _fields(
        tmp_path,
        parent_agency="UBND TỈNH LÂM ĐỒNG",
        agency="ỦY BAN NHÂN DÂN HUYỆN ĐẠ HUOAI",
        place="Đạ Huoai",
    )
    assert result.fields.agency == "ỦY BAN NHÂN DÂN HUYỆN ĐẠ HUOAI"
    assert result.fields.place == "Đạ Huoai"


def test_provincial_committee_on_two_lines_is_one_agency(tmp_path: Path) -> None:
    """``ỦY BAN NHÂN DÂN`` / ``TỈNH YÊN BÁI`` (seed 001) is one agency, not a parent and a child."""
    result = _fields(
        tmp_path,
        parent_agency=None,
        agency="ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI",
        number="02/HD-UBND",
        place="Yên Bái",
        date=date(2024, 6, 10),
        doc_type="HƯỚNG DẪN",
        subject="Về trình tự, thủ tục, hồ sơ xét, công nhận đạt chuyển đổi số",
        signer_authority="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Ngô Hạnh Phúc",
    )
    f = result.fields
    assert (f.parent_agency, f.agency) == (None, "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI")
    assert (f.number, f.type_code, f.type) == ("02/HD-UBND", "HD", "HƯỚNG DẪN")
    assert (f.place, f.date) == ("Yên Bái", date(2024, 6, 10))
    assert result.signer_authority == "KT. CHỦ TỊCH"
    assert (f.signer_title, f.signer_name) == ("PHÓ CHỦ TỊCH", "Ngô Hạnh Phúc")


def test_official_letter_with_vv_subject(tmp_path: Path) -> None:
    """A công văn has no type name: its ``V/v`` line makes it one and is its subject."""
    result = _fields(
        tmp_path,
        parent_agency="UBND TỈNH THANH HÓA",
        agency="SỞ THÔNG TIN VÀ\nTRUYỀN THÔNG",
        number="1234/STTTT-CNTT",
        place="Thanh Hóa",
        doc_type="CÔNG VĂN",
        subject="tài liệu hướng dẫn thực hiện, đánh giá, thẩm định kết quả thực hiện các "
        "tiêu chí chuyển đổi số",
        signer_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Lê Văn An",
    )
    f = result.fields
    assert f.type == "CÔNG VĂN"
    assert f.type_code is None
    assert result.issuer_code == "STTTT"
    assert f.number == "1234/STTTT-CNTT"
    assert f.subject == (
        "tài liệu hướng dẫn thực hiện, đánh giá, thẩm định kết quả thực hiện các tiêu chí "
        "chuyển đổi số"
    )
    assert result.missing_fields == []


@pytest.mark.parametrize(
    ("omit", "missing", "code"),
    [
        (("number",), ["number"], "NUMBER_MISSING"),
        (("date",), ["date"], "DATE_MISSING"),
        (("doc_type",), ["type"], "TYPE_MISSING"),
        (("agency", "parent_agency"), ["agency"], "AGENCY_MISSING"),
        (("number", "date", "doc_type"), ["number", "date", "type"], "TYPE_MISSING"),
    ],
)
def test_missing_required_fields(
    tmp_path: Path, omit: tuple[str, ...], missing: list[str], code: str
) -> None:
    """A document without number, date, type or agency lists exactly those as missing."""
    result = _fields(tmp_path, omit=omit)
    assert result.missing_fields == missing
    assert code in {p.code for p in result.problems}
    assert all(p.severity == "error" for p in result.problems if p.code.endswith("_MISSING"))


def test_blank_number_and_date_of_an_unissued_draft(tmp_path: Path) -> None:
    """``Số: /STTTT-CNTT`` and ``ngày   tháng 8 năm 2023`` (seed 003, a draft) are missing."""
    result = _fields(
        tmp_path, number="/STTTT-CNTT", date="ngày    tháng 8 năm 2023", place="Thanh Hóa"
    )
    assert result.fields.number is None
    assert result.fields.date is None
    assert result.fields.place == "Thanh Hóa"
    assert result.issuer_code == "STTTT"
    assert result.missing_fields == ["number", "date"]
    codes = {p.code for p in result.problems}
    assert {"NUMBER_BLANK", "DATE_BLANK"} <= codes
    assert not codes & {"NUMBER_MISSING", "DATE_MISSING"}


def test_missing_national_title_and_motto_are_warnings(tmp_path: Path) -> None:
    """Quốc hiệu and Tiêu ngữ are reported but do not make a field missing."""
    result = _fields(tmp_path, omit=("national_title", "motto"))
    assert not result.national_title and not result.motto
    assert result.missing_fields == []
    assert {(p.code, p.severity) for p in result.problems} == {
        ("NATIONAL_TITLE_MISSING", "warning"),
        ("MOTTO_MISSING", "warning"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (date(2024, 1, 5), date(2024, 1, 5)),
        ("ngày 12 tháng 3 năm 2024", date(2024, 3, 12)),
        ("ngày 05/01/2024", date(2024, 1, 5)),
        ("ngày 5-1-2024", date(2024, 1, 5)),
        ("ngày 30.12.2023", date(2023, 12, 30)),
    ],
)
def test_date_forms(tmp_path: Path, text: date | str, expected: date) -> None:
    """The date is read whether spelled out the NĐ 30 way or written with separators."""
    assert _fields(tmp_path, date=text).fields.date == expected


def _page(*texts: tuple[str, float, float]) -> DocumentText:
    """A one-page document of lines (text, x0, top) as OCR would give them: no font weight."""
    lines = tuple(
        Line(text=t, x0=x0, x1=x0 + 0.012 * len(t), top=top, bottom=top + 0.012)
        for t, x0, top in texts
    )
    page = PageText(index=0, source="ocr", lines=lines)
    return DocumentText(page_count=1, first=page, last=page)


def test_ocr_noise_in_date_and_number() -> None:
    """OCR that drops diacritics and reads 1 as l or 0 as O still gives the date and number."""
    result = parse_fields(
        _page(
            ("UBND HUYEN VAN CHAN", 0.17, 0.08),
            ("CONG HOA XA HOI CHU NGHIA VIET NAM", 0.49, 0.08),
            ("UY BAN NHAN DAN XA TAN THINH", 0.16, 0.10),
            ("Doc lap - Tu do - Hanh phuc", 0.56, 0.10),
            ("Sô : 15 / QÐ-UBND", 0.22, 0.15),
            ("Tân Thinh, ngay l2 thang O3 nam 2O24", 0.53, 0.15),
            ("QUYET DINH", 0.46, 0.20),
            ("Ve viec thanh lap To cong nghe so", 0.24, 0.225),
        )
    )
    f = result.fields
    assert f.number == "15/QĐ-UBND"
    assert f.type_code == "QĐ"
    assert f.date == date(2024, 3, 12)
    assert f.type == "QUYẾT ĐỊNH"
    # The generic words of the name are written back in full, the names of the units
    # as the units' list writes them (Tân Thịnh, a commune of Văn Chấn), flagged.
    assert (f.parent_agency, f.agency) == ("UBND HUYỆN VĂN CHẤN", "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH")
    assert f.place == "Tân Thịnh"
    assert all(result.details[n].uncertain for n in ("parent_agency", "agency", "place"))
    assert result.national_title and result.motto
    assert f.source == "ocr"
    assert "FIELDS_FROM_OCR" in {p.code for p in result.problems}


def test_unreadable_file_lacks_every_field(tmp_path: Path) -> None:
    """A PNG named .pdf is not an error: it has no fields, and says why."""
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    result = extract_fields(path)
    assert result.missing_fields == list(REQUIRED_FIELDS)
    assert [p.code for p in result.problems] == ["TEXT_UNREADABLE"]


def test_type_code_table_is_phu_luc_iii() -> None:
    """The codes of Phụ lục III the checks rely on, spelled as the decree spells them."""
    assert TYPE_CODES["QUYẾT ĐỊNH"] == "QĐ"
    assert TYPE_CODES["QUY ĐỊNH"] == "QyĐ"
    assert TYPE_CODES["TỜ TRÌNH"] == "TTr"
    assert TYPE_CODES["CHƯƠNG TRÌNH"] == "CTr"
    assert TYPE_CODES["GIẤY MỜI"] == "GM"
    assert len(set(TYPE_CODES.values())) == len(TYPE_CODES)


def test_fold_keeps_positions() -> None:
    """Folding maps one character to one, so folded positions cut the original."""
    text = "Tân Thịnh, ngày 12 tháng 3 năm 2024 — ĐỦ"
    assert fold(text) == "tan thinh, ngay 12 thang 3 nam 2024 — du"
    assert len(fold(text)) == len(text)


def _ocr_ready() -> bool:
    return ocr_available("vie")


@pytest.mark.tesseract
@pytest.mark.skipif(not _ocr_ready(), reason="Tesseract with the Vietnamese model is not installed")
def test_scanned_decision_through_ocr(tmp_path: Path) -> None:
    """A scan without a text layer gives the same fields, marked as coming from OCR."""
    path = tmp_path / "scan.pdf"
    make_scanned_pdf(path, dpi=200)
    result = extract_fields(path, TextOptions(ocr_dpi=200))
    f = result.fields
    assert f.source == "ocr"
    assert f.agency == "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH"
    assert f.parent_agency == "UBND HUYỆN VĂN CHẤN"
    assert f.number == "15/QĐ-UBND"
    assert f.date == date(2024, 3, 12)
    assert f.type == "QUYẾT ĐỊNH"
    assert f.signer_name == "Hoàng Văn Minh"
    assert result.missing_fields == []
    assert "FIELDS_FROM_OCR" in {p.code for p in result.problems}


@pytest.mark.parametrize(
    ("doc_type", "code"),
    [("BÁO CÁO", "BC"), ("TỜ TRÌNH", "TTr"), ("BIÊN BẢN", "BB"), ("QUY ĐỊNH", "QyĐ")],
)
def test_types_and_a_subject_over_two_lines(tmp_path: Path, doc_type: str, code: str) -> None:
    """Each type name is recognised with its code, and a wrapped subject is read whole."""
    subject = (
        "Kết quả thực hiện Bộ tiêu chí chuyển đổi số cấp xã năm 2024 trên địa bàn "
        "xã Tân Thịnh, huyện Văn Chấn, tỉnh Yên Bái"
    )
    result = _fields(tmp_path, doc_type=doc_type, number=f"07/{code}-UBND", subject=subject)
    assert (result.fields.type, result.fields.type_code) == (doc_type, code)
    assert result.fields.subject == subject


def test_signer_without_authority(tmp_path: Path) -> None:
    """A head who signs in their own name has a title and a name but no KT./TM. line."""
    result = _fields(
        tmp_path, signer_authority=None, signer_title="GIÁM ĐỐC", signer_name="Trần Thị Mai"
    )
    assert result.signer_authority is None
    assert (result.fields.signer_title, result.fields.signer_name) == ("GIÁM ĐỐC", "Trần Thị Mai")


def test_text_header_as_in_seed_001() -> None:
    """Dashed rules typed as text, and an agency over two lines of the same weight (seed 001)."""
    result = parse_fields(
        _page(
            ("ỦY BAN NHÂN DÂN", 0.20, 0.08),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.50, 0.08),
            ("TỈNH YÊN BÁI", 0.22, 0.10),
            ("Độc lập - Tự do - Hạnh phúc", 0.56, 0.10),
            ("-------", 0.26, 0.115),
            ("---------------", 0.60, 0.115),
            ("Số: 02/HD-UBND", 0.22, 0.14),
            ("Yên Bái, ngày 10 tháng 6 năm 2024", 0.55, 0.14),
            ("HƯỚNG DẪN", 0.46, 0.19),
            ("VỀ TRÌNH TỰ, THỦ TỤC, HỒ SƠ XÉT, CÔNG NHẬN", 0.22, 0.205),
            ("Thực hiện Quyết định 240/QĐ-UBND ngày 06/02/2024", 0.20, 0.25),
        )
    )
    f = result.fields
    assert (f.parent_agency, f.agency) == (None, "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI")
    assert (f.number, f.type, f.place, f.date) == (
        "02/HD-UBND",
        "HƯỚNG DẪN",
        "Yên Bái",
        date(2024, 6, 10),
    )
    assert f.subject == "VỀ TRÌNH TỰ, THỦ TỤC, HỒ SƠ XÉT, CÔNG NHẬN"


def _ocr_line(text: str, x0: float, top: float, confidence: float) -> Line:
    words = []
    x = x0
    for token in text.split():
        words.append(Word(token, x, x + 0.012 * len(token), top, top + 0.012, None, confidence))
        x += 0.012 * (len(token) + 1)
    return Line(text=text, x0=x0, x1=x, top=top, bottom=top + 0.012, words=tuple(words))


def _ocr_page(*lines: Line) -> DocumentText:
    page = PageText(index=0, source="ocr", lines=lines)
    return DocumentText(page_count=1, first=page, last=page)


def test_number_restored_from_ocr_is_flagged() -> None:
    """``1232TBUBND`` on a THÔNG BÁO gets its ``/`` and ``-`` back, marked for the reviewer."""
    result = parse_fields(
        _ocr_page(
            _ocr_line("UBND HUYỆN CƯ JÚT", 0.17, 0.08, 0.95),
            _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.5, 0.08, 0.95),
            _ocr_line("ỦY BAN NHÂN DÂN XÃ TRÚC SƠN", 0.15, 0.10, 0.95),
            _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.56, 0.10, 0.95),
            _ocr_line("Số: 1232TBUBND", 0.22, 0.15, 0.9),
            _ocr_line("Trúc Sơn, ngày 9 tháng 9 năm 2025", 0.55, 0.15, 0.95),
            _ocr_line("THÔNG BÁO", 0.46, 0.20, 0.95),
        )
    )
    assert result.fields.number == "1232/TB-UBND"
    detail = result.details["number"]
    assert (detail.source, detail.uncertain, detail.page) == ("ocr", True, 1)
    assert detail.note is not None and "khôi phục" in detail.note
    warning = next(p for p in result.problems if p.code == "FIELD_UNCERTAIN")
    assert warning.severity == "warning" and "1232/TB-UBND" in warning.message


def test_low_confidence_value_is_a_warning_not_an_error() -> None:
    """A value Tesseract doubts keeps its value, its confidence, and a warning."""
    result = parse_fields(
        _ocr_page(
            _ocr_line("UBND HUYỆN CƯ JÚT", 0.17, 0.08, 0.95),
            _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.5, 0.08, 0.95),
            _ocr_line("ỦY BAN NHÂN DÂN XÃ TRÚC SƠN", 0.15, 0.10, 0.41),
            _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.56, 0.10, 0.95),
            _ocr_line("Số: 12/TB-UBND", 0.22, 0.15, 0.9),
            _ocr_line("Trúc Sơn, ngày 9 tháng 9 năm 2025", 0.55, 0.15, 0.95),
            _ocr_line("THÔNG BÁO", 0.46, 0.20, 0.95),
        )
    )
    assert result.fields.agency == "ỦY BAN NHÂN DÂN XÃ TRÚC SƠN"
    assert result.details["agency"].confidence == 0.41
    assert result.details["agency"].uncertain
    assert not result.details["number"].uncertain
    codes = {(p.code, p.severity) for p in result.problems}
    assert ("FIELD_UNCERTAIN", "warning") in codes
    assert not any(p.severity == "error" for p in result.problems)


@pytest.mark.parametrize("label", ["V/", "/v", "//v", "V/W", "'y"])
def test_ocr_letter_whose_vv_lost_a_v(label: str) -> None:
    """``V/ đôn đốc …``, ``/v …``, ``V/W …`` or ``'y …`` under the number of a letter is its ``V/v``
    subject, and a vowel OCR read twice in the agency's name is written once."""
    result = parse_fields(
        _ocr_page(
            _ocr_line("UBND HUYỆN ĐẶẮK HÀ", 0.17, 0.08, 0.9),
            _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.5, 0.08, 0.95),
            _ocr_line("ỦY BAN NHÂN DÂN XÃ HIỆP THẠNH", 0.15, 0.10, 0.9),
            _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.56, 0.10, 0.95),
            _ocr_line("Số: 2384/UBND-VP", 0.22, 0.15, 0.9),
            _ocr_line("Hiệp Thạnh, ngày 13 tháng 5 năm 2023", 0.55, 0.15, 0.95),
            _ocr_line(f"{label} đôn đốc triển khai nền tảng số tại xã", 0.15, 0.18, 0.86),
            _ocr_line("Hiệp Thạnh", 0.27, 0.193, 0.96),
            _ocr_line(
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                0.15,
                0.25,
                0.93,
            ),
        )
    )
    f = result.fields
    assert (f.type, f.number) == ("CÔNG VĂN", "2384/UBND-VP")
    assert f.subject == "đôn đốc triển khai nền tảng số tại xã Hiệp Thạnh"
    assert f.parent_agency == "UBND HUYỆN ĐẮK HÀ"


@pytest.mark.parametrize(
    ("read", "confidence", "subject"),
    [
        # V/v misread as a word of two letters
        (
            "Jv đôn đốc triển khai nền tảng số tại xã",
            0.31,
            "đôn đốc triển khai nền tảng số tại xã Hiệp Thạnh",
        ),
        # … as three letters, its slash read as a letter too
        (
            "WWw đôn đốc triển khai nền tảng số tại xã",
            0.34,
            "đôn đốc triển khai nền tảng số tại xã Hiệp Thạnh",
        ),
        # a word Tesseract is sure of is no label it misread
        ("Jv đôn đốc triển khai nền tảng số tại xã", 0.9, None),
        # nothing in lower case after it
        ("Xã Hiệp Thạnh triển khai nền tảng số tại xã", 0.31, None),
    ],
)
def test_a_vv_label_misread_and_doubted_is_left_out(
    read: str, confidence: float, subject: str | None
) -> None:
    """``Jv đôn đốc …`` under the number of a letter: ``V/v`` read as a word of two letters
    Tesseract doubts. Left out, the line is a subject in lower case, flagged."""
    opening = _ocr_line(read, 0.15, 0.166, 0.96)
    first, *rest = opening.words
    opening = replace(opening, words=(replace(first, confidence=confidence), *rest))
    result = parse_fields(
        _ocr_page(
            _ocr_line("UBND HUYỆN ĐẮK HÀ", 0.17, 0.08, 0.9),
            _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.5, 0.08, 0.95),
            _ocr_line("ỦY BAN NHÂN DÂN XÃ HIỆP THẠNH", 0.15, 0.10, 0.9),
            _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.56, 0.10, 0.95),
            _ocr_line("Số: 2384/UBND-VP", 0.22, 0.15, 0.9),
            _ocr_line("Hiệp Thạnh, ngày 13 tháng 5 năm 2023", 0.55, 0.15, 0.95),
            opening,
            _ocr_line("Hiệp Thạnh", 0.27, 0.18, 0.96),
            _ocr_line(
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6", 0.15, 0.25, 0.93
            ),
        )
    )
    assert result.fields.subject == subject
    if subject is not None:
        assert result.details["subject"].uncertain


@pytest.mark.parametrize(
    ("read", "written"),
    [
        ("Số: 2847/BC-UBND", "2847/BC-UBND"),
        ("$ố: 2847/BC-UBND", "2847/BC-UBND"),  # S read as a dollar
        ("5ố 2847/BC-UBND", "2847/BC-UBND"),  # … as a five
        ("3ố:2847BC-UBND", "2847/BC-UBND"),  # … as a three, with its colon
        ("8ố: 103/QĐ-UBND", "103/QĐ-UBND"),  # … as an eight, with its colon
        ("S6:2847/BC-UBND", "2847/BC-UBND"),  # its ố read as a six, with its colon
        ("36: 2847BCUBND", "2847/BC-UBND"),  # both: a three and a six, with its colon
        ("36 2847/BC-UBND", None),  # without: a number
        ("80 103/QĐ-UBND", None),
        ("30/4 2847/BC-UBND", None),  # a three and a zero are no label
        ("Số: I§4/BC-UBND", "184/BC-UBND"),  # digits read as a letter and a sign
    ],
)
def test_the_number_label_as_ocr_reads_it(read: str, written: str | None) -> None:
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[4] = _ocr_line(read, 0.2, 0.15, 0.9)
    assert parse_fields(_ocr_page(*lines)).fields.number == written


@pytest.mark.parametrize(
    ("read", "doc_type", "written", "restored"),
    [
        ("2339/GM-STTIT", "GIẤY MỜI", "2339/GM-STTTT", True),  # T read as I
        ("56GM-UBND", "GIẤY MỜI", "56/GM-UBND", True),  # only the ``/`` lost: one ``-``
        ("123UBND-VP", "CÔNG VĂN", "123/UBND-VP", True),
        ("123/STTIT-VP", "CÔNG VĂN", "123/STTTT-VP", True),  # a letter: the issuer first
        ("12/QĐ-SKHCN", "QUYẾT ĐỊNH", "12/QĐ-SKHCN", False),  # another issuer, two letters off
        ("5/BC-SNV", "BÁO CÁO", "5/BC-SNV", False),
        ("7/TB-UBKT", "THÔNG BÁO", "7/TB-UBKT", False),  # Ủy ban Kiểm tra, not UBND
        ("15/QĐ-BTTTT", "QUYẾT ĐỊNH", "15/QĐ-BTTTT", False),  # the Ministry, not STTTT
        ("5/NQ-HĐTĐ", "NGHỊ QUYẾT", "5/NQ-HĐTĐ", False),  # Hội đồng thẩm định, not HĐND
        ("1436/KH-STITTT", "KẾ HOẠCH", "1436/KH-STTTT", True),  # a stroke read as a letter
        ("1024/BB-STTT", "BIÊN BẢN", "1024/BB-STTTT", True),  # a run of T one short
        ("2539/GM-STTTTT", "GIẤY MỜI", "2539/GM-STTTT", True),  # … one long
        ("12/QĐ-SNVV", "QUYẾT ĐỊNH", "12/QĐ-SNVV", False),  # SNV has three letters: too few
        ("8§3/BC-UBND", "BÁO CÁO", "883/BC-UBND", True),  # an 8 read as a section sign
        ("§12/BC-UBND", "BÁO CÁO", "812/BC-UBND", True),
        ("12§/BC-UBND", "BÁO CÁO", "128/BC-UBND", True),
        ("321/QD-STTTT", "QUYẾT ĐỊNH", "321/QĐ-STTTT", True),  # Đ read without its bar
        ("2679/UBND-.VP", "CÔNG VĂN", "2679/UBND-VP", False),  # a speck by the dash
    ],
)
def test_number_and_symbol_put_back_from_ocr(
    read: str, doc_type: str, written: str, restored: bool
) -> None:
    """A lost ``/`` is put back without doubling the ``-`` that was read; a known issuer's
    code read with one wrong letter is written back and flagged; a code that is not one
    letter off exactly one known issuer is kept as read. A text layer's code is what the
    document prints."""
    reading = read_number(read, doc_type, ocr=True)
    assert (reading.number, reading.restored) == (written, restored)
    assert read_number("2339/GM-STTIT", "GIẤY MỜI").number == "2339/GM-STTIT"
    assert read_number("321/QD-STTTT", "QUYẾT ĐỊNH").number == "321/QD-STTTT"


@pytest.mark.parametrize(
    ("read", "agency", "written", "restored"),
    [
        # any one letter off the code the header's agency abbreviates to
        ("1930/QĐ-STLTT", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "1930/QĐ-STTTT", True),
        ("19/QĐ-SKHĐI", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "19/QĐ-SKHĐT", True),
        # or two letters OCR confuses with its (a T read as F, another as I)
        ("1216/QĐ-STFTI", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "1216/QĐ-STTTT", True),
        ("1216/QĐ-SKFTI", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "1216/QĐ-SKFTI", False),
        ("7/BC-SGDĐT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "7/BC-SGDĐT", False),  # its own code
        ("7/BC-SGDĐT", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "7/BC-SGDĐT", False),  # another's
        ("19/QĐ-SYTE", "SỞ Y TẾ", "19/QĐ-SYTE", False),  # not its code's length
        # a prefix of the initials is no code: a T lost, put back as without the agency
        ("1024/BB-STTT", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "1024/BB-STTTT", True),
        ("5/BC-UBNO", "UBND XÃ TÂN AN", "5/BC-UBND", True),  # the initials before its unit
        # a letter of its code lost (the ``D`` blurred away), of four letters or more
        ("2399/BC-UBN", "ỦY BAN NHÂN DÂN HUYỆN VŨNG LIÊM", "2399/BC-UBND", True),
        ("12/BC-SN", "SỞ NỘI VỤ", "12/BC-SN", False),
        # its code read as two words; a word after a whole code stays out
        ("486/BC-STT TT", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "486/BC-STTTT", True),
        ("486/BC-UBND TT", "UBND XÃ TÂN AN", "486/BC-UBND", False),
    ],
)
def test_the_issuer_code_read_against_the_agency_the_header_names(
    read: str, agency: str, written: str, restored: bool
) -> None:
    """The number abbreviates the agency the header names: a code one letter off that
    agency's initials is its code misread, written back and flagged; on a scan only."""
    reading = read_number(read, "BÁO CÁO", ocr=True, agency=agency)
    assert (reading.number, reading.restored) == (written, restored)
    assert read_number(read, "BÁO CÁO", agency=agency).number == read.split()[0]


@pytest.mark.parametrize(
    ("read", "written", "restored"),
    [
        # the ``-`` lost and a letter misread: split at the agency's code, then put right
        ("1393/STTITVP", "1393/STTTT-VP", True),
        ("1393/STLTTVP", "1393/STTTT-VP", True),
        # two letters off the agency's code: no misreading of it, kept as read
        ("1393/SKLTTVP", "1393/SKLTTVP", False),
        # the unit's code of one letter is none: nothing to split
        ("1393/STTITV", "1393/STTITV", False),
    ],
)
def test_a_letters_code_glued_to_its_unit_is_split_at_the_agencys_own_code(
    read: str, written: str, restored: bool
) -> None:
    """A letter numbers as ``agency-unit`` (``STTTT-VP``). On a scan that lost the ``-``
    and misread a letter of the agency's code (``STTITVP``), the header's agency says
    where its code ends; the code is then put right as one letter off it."""
    agency = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    reading = read_number(read, "CÔNG VĂN", ocr=True, agency=agency)
    assert (reading.number, reading.restored) == (written, restored)
    assert read_number(read, "CÔNG VĂN", agency=agency).number == read


def _letter_head(agency: str, place: str = "Võ Miếu") -> list[Line]:
    return [
        _ocr_line("UBND HUYỆN THANH SƠN", 0.17, 0.08, 0.92),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.5, 0.08, 0.95),
        _ocr_line(agency, 0.15, 0.10, 0.95),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.56, 0.10, 0.95),
        _ocr_line("Số: 2847/BC-UBND", 0.2, 0.15, 0.92),
        _ocr_line(f"{place}, ngày 20 tháng 10 năm 2024", 0.5, 0.15, 0.96),
        _ocr_line("BÁO CÁO", 0.46, 0.20, 0.91),
        _ocr_line("Tình hình thực hiện chuyển đổi số năm 2024", 0.2, 0.225, 0.95),
    ]


def test_a_unit_name_ocr_lost_is_the_place_of_the_date_line() -> None:
    """``ỦY BAN NHÂN DÂN XÃ`` with its name unread on the scan is named after the place
    (NĐ 30: a local body writes its own unit as the place), and flagged."""
    result = parse_fields(_ocr_page(*_letter_head("ỦY BAN NHÂN DÂN XÃ")))
    assert result.fields.agency == "ỦY BAN NHÂN DÂN XÃ VÕ MIẾU"
    assert result.details["agency"].uncertain
    assert "địa danh" in (result.details["agency"].note or "")
    whole = parse_fields(_ocr_page(*_letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")))
    assert whole.fields.agency == "ỦY BAN NHÂN DÂN XÃ VÕ MIẾU"
    assert not whole.details["agency"].uncertain


def test_unit_names_with_misread_marks_are_written_as_the_units_are() -> None:
    """``HUYỆN CHƯ SE`` under ``TỈNH GIA LAI`` is Chư Sê (the gazetteer), flagged with
    what OCR read; a name read right is left unflagged."""
    lines = _letter_head("ỦY BAN NHÂN DÂN HUYỆN CHƯ SE", "Chư Se")
    lines[0] = _ocr_line("UBND TỈNH GIA LAI", 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.agency == "ỦY BAN NHÂN DÂN HUYỆN CHƯ SÊ"
    assert result.fields.place == "Chư Sê"
    assert result.fields.parent_agency == "UBND TỈNH GIA LAI"
    for name in ("agency", "place"):
        assert result.details[name].uncertain
        assert "“CHƯ SE”" in (result.details[name].note or "").upper()
    assert not result.details["parent_agency"].uncertain
    text_layer = parse_fields(
        DocumentText(
            page_count=1,
            first=PageText(index=0, source="text", lines=tuple(lines)),
            last=PageText(index=0, source="text", lines=tuple(lines)),
        )
    )
    assert text_layer.fields.agency == "ỦY BAN NHÂN DÂN HUYỆN CHƯ SE"  # printed so: kept


def test_unit_names_misread_in_the_subject_are_written_as_the_units_are() -> None:
    """``… tại xã la Glai`` in a letter of Chư Sê's ``XÃ 1A GLAI``: the subject's unit put
    right inside the units the header names, flagged with what OCR read; the rest of the
    subject and a name read right are kept."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ 1A GLAI", "la Giai")
    lines[0] = _ocr_line("UBND HUYỆN CHƯ SÊ", 0.17, 0.08, 0.92)
    lines[-1] = _ocr_line(
        "Kết quả chuyển đổi số tại xã la Glai và xã Ia Blứ, huyện Chư Sê", 0.2, 0.225, 0.95
    )
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.agency == "ỦY BAN NHÂN DÂN XÃ IA GLAI"
    assert result.fields.place == "Ia Glai"
    assert (
        result.fields.subject == "Kết quả chuyển đổi số tại xã Ia Glai và xã Ia Blứ, huyện Chư Sê"
    )
    detail = result.details["subject"]
    assert detail.uncertain and "“la Glai”" in (detail.note or "")
    lines[-1] = _ocr_line("Kết quả chuyển đổi số tại xã Ia Glai", 0.2, 0.225, 0.95)
    assert not parse_fields(_ocr_page(*lines)).details["subject"].uncertain


@pytest.mark.parametrize(
    ("read", "written"),
    [
        ("Chuyển đổi số huyên Thanh Sơn năm 2024", "Chuyển đổi số huyện Thanh Sơn năm 2024"),
        ("Chuyển đổi số tại xa Võ Miếu năm 2024", "Chuyển đổi số tại xã Võ Miếu năm 2024"),
        # no district of Thanh Sơn's is so named: as read
        ("Chuyển đổi số huyên Tân Lập năm 2024", "Chuyển đổi số huyên Tân Lập năm 2024"),
    ],
)
def test_a_unit_word_misread_before_a_unit_the_header_named(read: str, written: str) -> None:
    """``huyên Thanh Sơn``, ``tính Cần Thơ``: the marks OCR misread on a unit word, before
    a unit of its level inside those the header named; flagged with what OCR read."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[-1] = _ocr_line(read, 0.2, 0.225, 0.95)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.subject == written
    assert result.details["subject"].uncertain == (written != read)


def _letter(number: str, under: str, source: FieldSource = "ocr") -> DocumentText:
    lines = (
        _ocr_line("UBND TỈNH TIỀN GIANG", 0.17, 0.076, 0.92),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.49, 0.076, 0.95),
        _ocr_line("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 0.17, 0.094, 0.93),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.53, 0.116, 0.95),
        _ocr_line(f"Số: {number}", 0.2, 0.155, 0.92),
        _ocr_line("Tiền Giang, ngày 14 tháng 7 năm 2025", 0.49, 0.155, 0.96),
        _ocr_line(under, 0.21, 0.172, 0.9),
        _ocr_line("tảng số tại tỉnh Tiền Giang", 0.17, 0.19, 0.9),
        _ocr_line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6", 0.2, 0.25, 0.95),
    )
    page = PageText(index=0, source=source, lines=lines)
    return DocumentText(page_count=1, first=page, last=page)


def test_a_letter_s_subject_whose_v_v_ocr_lost_is_the_lines_under_its_number() -> None:
    """A công văn's number has no type code and its subject sits right under it: with the
    ``V/v`` lost on the scan, those lines are still the subject, and both fields flagged."""
    result = parse_fields(_letter("2312/STTTT-VP", "đôn đốc triển khai nền"))
    assert result.fields.subject == "đôn đốc triển khai nền tảng số tại tỉnh Tiền Giang"
    assert result.fields.type == "CÔNG VĂN"
    assert result.details["subject"].uncertain and result.details["type"].uncertain
    assert "V/v" in (result.details["subject"].note or "")
    labelled = parse_fields(_letter("2312/STTTT-VP", "V/v đôn đốc triển khai nền"))
    assert labelled.fields.subject == "đôn đốc triển khai nền tảng số tại tỉnh Tiền Giang"
    assert not labelled.details["subject"].uncertain
    # a number with a type code is no letter; a text layer prints what it says
    assert parse_fields(_letter("2312/QĐ-STTTT", "đôn đốc triển khai nền")).fields.subject is None
    text = parse_fields(_letter("2312/STTTT-VP", "đôn đốc triển khai nền", source="text"))
    assert text.fields.subject is None


@pytest.mark.parametrize("read", ["7M. SỞ", "1M. SỞ"])
def test_an_authority_whose_t_ocr_read_as_7_is_still_the_authority(read: str) -> None:
    """``7M. SỞ`` (or ``1M. SỞ``) over ``GIÁM ĐỐC``: the title is ``GIÁM ĐỐC``, the
    authority ``TM. SỞ``."""
    lines = [
        *_letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU"),
        _ocr_line(read, 0.65, 0.63, 0.52),
        _ocr_line("GIÁM ĐỐC", 0.63, 0.65, 0.93),
        _ocr_line("Lò Văn Hưởng", 0.61, 0.74, 0.95),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.signer_title == "GIÁM ĐỐC"
    assert result.signer_authority == "TM. SỞ"
    assert result.fields.signer_name == "Lò Văn Hưởng"
    lines[-3] = _ocr_line("MẶT ĐƯỜNG RỘNG 7M, BÊ TÔNG", 0.55, 0.63, 0.9)  # a width, no authority
    assert parse_fields(_ocr_page(*lines)).signer_authority is None


@pytest.mark.parametrize(
    ("read", "title"),
    [
        ("PHO TỊCH", "PHÓ CHỦ TỊCH"),  # a word lost
        ("GLÁM ĐỐC", "GIÁM ĐỐC"),  # an I read as an L
        ("HỦ TỊCH", "CHỦ TỊCH"),  # a letter lost
        ("PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH"),  # read right
        ("GIÁM", "GIÁM"),  # Giám đốc or Phó Giám đốc: left as read
        ("PHÓ HO CHỦ TỊCH", "PHÓ CHỦ TỊCH"),  # a speck read as a word between two
        ("PHÓ GIÁM ĐỐC SỞ", "PHÓ GIÁM ĐỐC SỞ"),  # a short word after them: printed so
    ],
)
def test_a_title_ocr_read_in_part_is_the_one_it_can_be(read: str, title: str) -> None:
    """``PHO TỊCH`` under ``KT. CHỦ TỊCH`` is ``PHÓ CHỦ TỊCH``, flagged with what was read."""
    lines = [
        *_letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU"),
        _ocr_line("KT. CHỦ TỊCH", 0.65, 0.63, 0.93),
        _ocr_line(read, 0.63, 0.65, 0.93),
        _ocr_line("Lò Văn Hưởng", 0.61, 0.74, 0.95),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.signer_title == title
    assert result.details["signer_title"].uncertain == (read != title)
    if read != title:
        assert read in (result.details["signer_title"].note or "")


@pytest.mark.parametrize(
    ("place", "read"),
    [
        ("Quận 1", "Quận 1"),
        ("Phường 12", "Phường 12"),
        ("12 Võ Miếu", None),
        ("Tam Xuân 1", "Tam Xuân I"),  # a Roman numeral OCR read as a digit
        ("Võ Miếu 1", None),  # … only where the list knows the name so
    ],
)
def test_a_numbered_district_is_a_place(place: str, read: str | None) -> None:
    """``Quận 1, ngày …``: Hồ Chí Minh City's numbered districts and wards are places, and
    so is a name ending in a Roman numeral that OCR read as digits (flagged); any other
    digit before the date is not part of one."""
    result = parse_fields(_ocr_page(*_letter_head("ỦY BAN NHÂN DÂN QUẬN 1", place)))
    assert result.fields.place == read
    if read is not None and read != place:
        assert result.details["place"].uncertain


def test_a_place_whose_ia_ocr_read_with_a_one_is_a_place() -> None:
    """``1a Lốp, ngày …`` under ``ỦY BAN NHÂN DÂN XÃ IA LỐP``: the ``I`` of ``Ia`` read as a
    one. The digit is the name's letter: the place is Ia Lốp, flagged."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ IA LỐP", "1a Lốp")
    lines[0] = _ocr_line("UBND HUYỆN EA SÚP", 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.place == "Ia Lốp"
    assert result.details["place"].uncertain


def test_the_letter_that_ends_a_unit_name_is_no_dust() -> None:
    """``HUYỆN CHÂU THÀNH A``: a lone capital ends the name when the list knows it so;
    elsewhere a lone letter after an agency's name is a speck OCR read."""
    lines = _letter_head("ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH A", "Châu Thành A")
    lines[0] = _ocr_line("UBND TỈNH HẬU GIANG", 0.17, 0.08, 0.92)
    assert parse_fields(_ocr_page(*lines)).fields.agency == "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH A"
    lines[2] = _ocr_line("ỦY BAN NHÂN DÂN HUYỆN THANH SƠN I", 0.15, 0.10, 0.95)
    assert parse_fields(_ocr_page(*lines)).fields.agency == "ỦY BAN NHÂN DÂN HUYỆN THANH SƠN"
    # … even where name and speck together spell another unit (Kỳ Hải beside Kỳ Hà)
    lines[0] = _ocr_line("UBND THỊ XÃ KỲ ANH", 0.17, 0.08, 0.92)
    lines[2] = _ocr_line("ỦY BAN NHÂN DÂN XÃ KỲ HÀ I", 0.15, 0.10, 0.95)
    assert parse_fields(_ocr_page(*lines)).fields.agency == "ỦY BAN NHÂN DÂN XÃ KỲ HÀ"


@pytest.mark.tesseract
@pytest.mark.skipif(not _ocr_ready(), reason="Tesseract with the Vietnamese model is not installed")
def test_a_scan_s_year_read_again_alone(tmp_path: Path) -> None:
    """The second look renders only the year's box and reads its digits: it confirms
    the page's ``2024`` (nothing to change) and overrules a wrong one (``2025``)."""
    path = tmp_path / "scan.pdf"
    make_scanned_pdf(path, dpi=200)
    document = read_document(path, TextOptions(ocr_dpi=200))
    year = YEAR.pattern
    try:
        assert document.first is not None
        word = next(w for ln in document.first.lines for w in ln.words if w.text[:4] == "2024")
        box = word.box
        assert document.digits_read_alone(0, box, year, "2024") is None
        assert document.digits_read_alone(0, box, year, "2025") == "2024"
        assert document.digits_read_alone(0, (0.0, 0.0, 0.05, 0.02), year, "2025") is None
    finally:
        document.close()


class _DigitsReadAlone:
    """A scan's loader whose second look reads ``digits`` in every box (what the
    pattern asked for finds in them: a day of two digits, a year of four); given a
    list, one item per look, in turn."""

    def __init__(self, digits: str | list[str] | None) -> None:
        self.digits = digits
        self.boxes: list[Box] = []

    def __call__(self, index: int, upto: float) -> PageText | None:
        return None

    def digits_read_alone(
        self,
        index: int,
        box: Box,
        pattern: str,
        read: str,
        characters: str,
    ) -> str | None:
        self.boxes.append(box)
        digits = self.digits.pop(0) if isinstance(self.digits, list) else self.digits
        found = re.findall(pattern, digits or "")
        return found[-1] if found and found[-1] != read else None


def _date_read_alone(
    date_line: str, alone: str | list[str] | None, number_line: str = "Số: 2847/BC-UBND"
) -> tuple[FieldsResult, _DigitsReadAlone]:
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[4] = _ocr_line(number_line, 0.2, 0.15, 0.92)
    lines[5] = _ocr_line(date_line, 0.5, 0.15, 0.96)
    page = PageText(index=0, source="ocr", lines=tuple(lines))
    loader = _DigitsReadAlone(alone)
    result = parse_fields(DocumentText(page_count=1, first=page, last=page, loader=loader))
    return result, loader


@pytest.mark.parametrize(("alone", "year"), [("2023", 2023), (None, 2025)])
def test_the_year_of_a_scan_is_read_again_alone(alone: str | None, year: int) -> None:
    """``2023`` read ``2025`` on the whole page, ``2023`` alone: the second reading is
    kept and the date flagged; when it confirms nothing else the date stays as read."""
    result, loader = _date_read_alone("Võ Miếu, ngày 20 tháng 10 năm 2025", alone)
    assert result.fields.date == date(year, 10, 20)
    assert result.details["date"].uncertain == (year != 2025)
    ((left, top, right, bottom),) = loader.boxes
    assert 0.8 < left < right and 0.15 <= top < bottom  # the box of ``2025``, at the end


@pytest.mark.parametrize(
    ("read", "alone", "written"),
    [
        ("ngày 1ó tháng 02 năm 2024", "16", date(2024, 2, 16)),
        ("ngày 2Š tháng 5 năm 2025", "28", date(2025, 5, 28)),
        ("ngày 12 tháng 1] năm 2023", "11", date(2023, 11, 12)),
        ("ngày 1ó tháng 02 năm 2024", None, date(2024, 2, 16)),  # none: ó is the 6's look-alike
        ("ngày 1o tháng 02 năm 2024", None, date(2024, 2, 10)),  # … and o the 0's
        ("ngày lT tháng 12 năm 2023", None, date(2023, 12, 11)),  # … and T the 1's
        # a second reading with a digit fewer than the glyphs read lost one: not taken
        ("ngày 2ó tháng 10 năm 2023", "2", date(2023, 10, 26)),
    ],
)
def test_a_day_or_month_ocr_read_with_a_letter_is_read_again_alone(
    read: str, alone: str | None, written: date
) -> None:
    """``1ó``: the word read again alone, as digits, is ``16``; without a second reading
    that holds, a letter is read as the digit it looks like (``ó`` 6, ``o`` 0, ``]`` 1).
    The date is flagged either way, with what OCR read."""
    result, loader = _date_read_alone(f"Võ Miếu, {read}", alone)
    assert result.fields.date == written
    assert result.details["date"].uncertain
    note = result.details["date"].note or ""
    assert read.split()[1] in note or read.split()[3] in note
    assert len(loader.boxes) == 2  # the day or month's word, then the year's


@pytest.mark.parametrize(("alone", "written"), [("22", date(2024, 10, 22)), (None, None)])
def test_a_day_ocr_lost_between_its_words_is_read_in_the_gap(
    alone: str | None, written: date | None
) -> None:
    """``Võ Miếu, ngày`` … ``tháng 10 năm 2024``: Tesseract lost the day and split the line
    there (two boxes of one row, of different heights). The gap between ``ngày`` and
    ``tháng`` is read alone: its digits are the day, flagged; a gap with no digit in it is
    a blank the agency left."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    # the first piece's box taller (its capital and marks), as Tesseract gave it
    lines[5] = replace(_ocr_line("Võ Miếu, ngày", 0.5, 0.147, 0.96), bottom=0.1635)
    lines.insert(6, _ocr_line("tháng 10 năm 2024", 0.70, 0.15, 0.96))
    page = PageText(index=0, source="ocr", lines=tuple(lines))
    loader = _DigitsReadAlone(alone)
    result = parse_fields(DocumentText(page_count=1, first=page, last=page, loader=loader))
    assert (result.fields.place, result.fields.date) == ("Võ Miếu", written)
    (left, _, right, _), *year = loader.boxes
    assert 0.656 < left < right < 0.70  # between ``ngày`` and ``tháng``
    # the year read whole is read again too (a gap with no digit ends the look before it)
    assert [box[0] > 0.8 for box in year] == ([True] if written else [])
    blank = [p for p in result.problems if p.code == "DATE_BLANK"]
    assert bool(blank) == (written is None)
    if written is not None:
        assert result.details["date"].uncertain
        assert "22" in (result.details["date"].note or "")


def test_a_date_left_blank_is_not_read_again() -> None:
    """``ngày tháng 10 năm 2024``, the day never filled in: no room for a digit between the
    words, nothing to read again; the blank is the agency's."""
    result, loader = _date_read_alone("Võ Miếu, ngày tháng 10 năm 2024", "22")
    assert result.fields.date is None
    assert [p.code for p in result.problems if p.code == "DATE_BLANK"] == ["DATE_BLANK"]
    assert loader.boxes == []


@pytest.mark.parametrize(
    ("read", "alone", "written", "quoted"),
    [
        # a glyph no digit looks like: the day's word read again alone
        ("ngày Ù8 tháng 7 năm 2024", "08", date(2024, 7, 8), "Ù8"),
        ("ngày J9 tháng 8 năm 2024", "19", date(2024, 8, 19), "J9"),
        # the year's words, read as brackets and a letter
        ("ngày 11 tháng 6 năm 2()2S", "2025", date(2025, 6, 11), "2()2S"),
        # nothing read alone that holds: unread, and said so
        ("ngày Ù8 tháng 7 năm 2024", None, None, None),
        # a second look that drops a digit the page read there is wrong: unread
        ("ngày 14 tháng 01 năm 2()S3", "2025", None, None),
        ("ngày 14 tháng 01 năm 2()S3", "2023", date(2023, 1, 14), "2()S3"),
    ],
)
def test_a_part_of_the_date_ocr_read_as_no_digit_is_read_again_in_its_place(
    read: str, alone: str | None, written: date | None, quoted: str | None
) -> None:
    """``ngày Ù8 tháng 7``, ``năm 2()2S`` on a rough scan: the words around a part say it
    is the day or the year, so its words are read again alone, as digits. What holds is
    taken and flagged with what OCR read; else the date stays unread (``DATE_BLANK``,
    saying the scan could not be read), never a guess from the look of the glyphs."""
    result, loader = _date_read_alone(f"Võ Miếu, {read}", alone)
    assert result.fields.date == written
    blank = [p for p in result.problems if p.code == "DATE_BLANK"]
    if written is None:
        assert len(blank) == 1 and "bản quét" in blank[0].message
        return
    assert not blank
    assert result.details["date"].uncertain
    assert quoted in (result.details["date"].note or "")
    garbled = next(i for i, word in enumerate(read.split()) if word == quoted)
    left = 0.5 + 0.012 * (len(" ".join(("Võ", "Miếu,", *read.split()[:garbled]))) + 1)
    assert loader.boxes[0][0] == pytest.approx(left)  # the part's own word


@pytest.mark.parametrize("alone", ["2033", "2023", None])
def test_a_year_with_a_speck_among_its_digits_is_those_digits(alone: str | None) -> None:
    """``năm 202.3``: a speck read as a point among the year's four digits. They are the
    year, flagged with what OCR read; no second look overrules them (at 120 dpi two frames
    read this very word ``2033``)."""
    result, _ = _date_read_alone("Võ Miếu, ngày 14 tháng 01 năm 202.3", alone)
    assert result.fields.date == date(2023, 1, 14)
    assert result.details["date"].uncertain
    assert "202.3" in (result.details["date"].note or "")


@pytest.mark.parametrize(
    ("read", "alone", "day"),
    [("!1", "11", 11), ("!1", None, 11), ("!6", None, 16), ("*6", None, 6)],
)
def test_a_sign_glued_before_a_day_is_read_again_with_it(
    read: str, alone: str | None, day: int
) -> None:
    """``ngày !1``: the ``!`` is the first ``1`` of ``11`` OCR misread. The word is read
    again alone, two digits; without a reading that holds, a ``!`` is that ``1`` (``!6``
    is 16), and another sign leaves the day read; flagged either way."""
    result, _ = _date_read_alone(f"Võ Miếu, ngày {read} tháng 6 năm 2025", alone)
    assert result.fields.date == date(2025, 6, day)
    assert result.details["date"].uncertain
    assert read in (result.details["date"].note or "")


def test_a_date_read_in_part_with_a_sign_glued_to_its_day_reads_the_day_again() -> None:
    """``ngày !1 thiíng 6 năm 2()2S``: the year must be read again in its place, and the
    day with it: the ``!`` the page's reading dropped is the first ``1`` of ``11``."""
    result, loader = _date_read_alone("Võ Miếu, ngày !1 thiíng 6 năm 2()2S", ["11", "2025"])
    assert result.fields.date == date(2025, 6, 11)
    note = result.details["date"].note or ""
    assert "“!1”" in note and "“2()2S”" in note
    assert len(loader.boxes) == 2


def test_a_second_look_cuts_the_tilted_scan_where_the_word_is() -> None:
    """OCR's boxes of a tilted scan are turned back so that a printed line shares a top;
    the second look cuts the word from the scan as it is, tilted: lower on the right
    of a page that runs down to the right."""
    page = PageText(index=0, source="ocr", lines=(), tilt=0.04)
    loader = _DigitsReadAlone("2025")
    document = DocumentText(page_count=1, first=page, last=page, loader=loader)
    document.digits_read_alone(0, (0.8, 0.1, 0.9, 0.11), r"\d{4}", "2024")
    document.digits_read_alone(0, (0.1, 0.1, 0.2, 0.11), r"\d{4}", "2024")
    right, left = loader.boxes
    assert right == pytest.approx((0.8, 0.1 + 0.04 * 0.35, 0.9, 0.11 + 0.04 * 0.35))
    assert left == pytest.approx((0.1, 0.1 - 0.04 * 0.35, 0.2, 0.11 - 0.04 * 0.35))


@pytest.mark.parametrize(
    ("read", "alone", "written"),
    [
        ("1ó28/BC-UBND", "1628/", "1628/BC-UBND"),
        ("8§3/BC-UBND", "853/", "853/BC-UBND"),  # the second look overrules § as 8
        ("8§3/BC-UBND", None, "883/BC-UBND"),  # none: § taken for 8, flagged
        ("1ó28/BC-UBND", None, "1628/BC-UBND"),  # none: ó taken for 6, flagged
    ],
)
def test_a_number_ocr_read_with_a_sign_among_its_digits_is_read_again_alone(
    read: str, alone: str | None, written: str
) -> None:
    """``1ó28``: the number's word is read again alone, digits and ``/`` only; the digits
    before the ``/`` replace those read when two frames agree. Flagged either way."""
    date_line = "Võ Miếu, ngày 20 tháng 10 năm 2024"
    result, _ = _date_read_alone(date_line, alone, number_line=f"Số: {read}")
    assert result.fields.number == written
    assert result.details["number"].uncertain
    assert result.fields.date == date(2024, 10, 20)


@pytest.mark.parametrize(
    ("confidence", "alone", "written"),
    [
        (0.0, "1447/", "1447/BC-UBND"),
        (0.0, "247/", "247/BC-UBND"),  # a digit misread
        (0.0, None, "147/BC-UBND"),
        (0.0, "47/", "147/BC-UBND"),  # a frame that cut a digit the page read
        (0.9, "1447/", "147/BC-UBND"),
    ],
)
def test_a_number_ocr_doubts_is_read_again_alone(
    confidence: float, alone: str | None, written: str
) -> None:
    """``147/BC-UBND`` in a word Tesseract doubts (0 %: a ``4`` of ``1447`` lost): its
    digits are read again alone, as those with a sign among them are, and never taken
    fewer; a number read with confidence is not looked at again."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[4] = _ocr_line("Số: 147/BC-UBND", 0.2, 0.15, confidence)
    page = PageText(index=0, source="ocr", lines=tuple(lines))
    loader = _DigitsReadAlone(alone)
    result = parse_fields(DocumentText(page_count=1, first=page, last=page, loader=loader))
    assert result.fields.number == written
    looked_again = written != "147/BC-UBND"
    assert (written.split("/")[0] in (result.details["number"].note or "")) == looked_again


def test_a_year_read_with_a_digit_no_year_has_is_read_again() -> None:
    """``năm 3033``: no year of a document's; the year's word is read again alone, and
    what two frames read (``2023``) is the year, flagged."""
    result, loader = _date_read_alone("Võ Miếu, ngày 08 tháng 10 năm 3033", "2023")
    assert result.fields.date == date(2023, 10, 8)
    assert result.details["date"].uncertain
    assert "3033" in (result.details["date"].note or "")
    assert [box[0] > 0.85 for box in loader.boxes] == [True]  # the year's own word


def test_a_month_lost_where_ocr_split_the_line_and_a_year_wrapped_under_it() -> None:
    """``Khánh Hòa, ngày 26 tháng`` … ``năm`` on one row (Tesseract lost the italic ``11``
    between them and split the row there), the year wrapped onto the line below: the
    three are the date line, and the gap between ``tháng`` and ``năm`` is read alone."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[5] = _ocr_line("Võ Miếu, ngày 26 tháng", 0.5, 0.15, 0.96)
    # a gap of less than twice the line's height: two thin digits in it
    lines.insert(6, _ocr_line("năm", 0.784, 0.15, 0.96))
    lines.insert(7, _ocr_line("2024", 0.66, 0.165, 0.96))
    page = PageText(index=0, source="ocr", lines=tuple(lines))
    loader = _DigitsReadAlone("11")
    result = parse_fields(DocumentText(page_count=1, first=page, last=page, loader=loader))
    assert (result.fields.place, result.fields.date) == ("Võ Miếu", date(2024, 11, 26))
    (left, _, right, _), *_ = loader.boxes
    assert 0.764 < left < right < 0.784  # between ``tháng`` and ``năm``
    assert result.details["date"].uncertain


@pytest.mark.parametrize(
    ("read", "agency"),
    [
        # the hook of ``Ủ`` read as an ``L``: one letter off the whole phrase
        ("LÝ BẠN NHÂN DÂN HUYỆN BẮC MÊ", "ỦY BAN NHÂN DÂN HUYỆN BẮC MÊ"),
        ("ỦY BAN NHÂN DÂN HUYỆN BẮC MÊ", "ỦY BAN NHÂN DÂN HUYỆN BẮC MÊ"),
    ],
)
def test_an_agency_whose_first_letter_ocr_misread_still_begins_a_name(
    read: str, agency: str
) -> None:
    """``LÝ BẠN NHÂN DÂN HUYỆN BẮC MÊ`` under ``UBND TỈNH HÀ GIANG``: ``LÝ BAN`` begins no
    agency, but ``… BAN NHÂN DÂN`` one letter off ``ỦY BAN NHÂN DÂN`` does; the name is
    not run into its parent's, and its generic words are written back."""
    lines = _letter_head(read, "Bắc Mê")
    lines[0] = _ocr_line("UBND TỈNH HÀ GIANG", 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.parent_agency == "UBND TỈNH HÀ GIANG"
    assert result.fields.agency == agency


@pytest.mark.parametrize(
    "read", ["UBND.TÍNH HUẾ", "JUBND TỈNH HUẾ", "UBND TỈNH HUẾ", "UBND TĨNH: HUẾ"]
)
def test_specks_glued_to_ubnd_are_no_part_of_the_parent(read: str) -> None:
    """A speck read as a letter before ``UBND``, as a stop after it, or as a colon after
    a word: the parent's name is ``UBND TỈNH HUẾ``, its unit word's marks written back
    once it stands alone."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ PHÚ VANG", "Phú Vang")
    lines[0] = _ocr_line(read, 0.17, 0.08, 0.92)
    assert parse_fields(_ocr_page(*lines)).fields.parent_agency == "UBND TỈNH HUẾ"


@pytest.mark.parametrize(
    ("read", "number"),
    [
        ("2847/BC-UBND_", "2847/BC-UBND"),  # ``Số:`` lost, a speck after
        ("Số: 2847/BC-UBND", "2847/BC-UBND"),
        ("Tháng 10/2024", None),  # no number's symbol: no number
    ],
)
def test_a_number_whose_label_ocr_lost_is_the_number(read: str, number: str | None) -> None:
    """``2216/KH-STTTT`` alone on its line of the header's left column, its ``Số:`` lost
    on the scan: no other line of a header reads as a number and symbol alone."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[4] = _ocr_line(read, 0.2, 0.15, 0.58)
    assert parse_fields(_ocr_page(*lines)).fields.number == number


def test_generic_words_ocr_misread_twice_are_written_back() -> None:
    """``SƠ THÔÒNG TTN VÀ TRUYEN THONG``: a mark read as a vowel of its own and a letter
    misread in one phrase of five words; no other phrase is so near it."""
    lines = _letter_head("SƠ THÔÒNG TTN VÀ TRUYEN THONG", "Tiền Giang")
    lines[0] = _ocr_line("UBND TỈNH TIỀN GIANG", 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.agency == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"


def test_a_unit_name_wrapped_under_its_unit_word_stays_with_the_agency() -> None:
    """``ỦY BAN NHÂN DÂN HUYỆN`` / ``HỘI AN``: the name on the next line begins like an
    agency (``Hội …``), but a line ending with a unit word is waiting for its name."""
    lines = _letter_head("ỦY BAN NHÂN DÂN HUYỆN", "Hội An")
    lines[0] = _ocr_line("UBND TỈNH QUẢNG NAM", 0.17, 0.08, 0.92)
    lines.insert(3, _ocr_line("HỘI AN", 0.25, 0.115, 0.95))
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.parent_agency == "UBND TỈNH QUẢNG NAM"
    assert result.fields.agency == "ỦY BAN NHÂN DÂN HUYỆN HỘI AN"


def _read_as(lines: list[Line], *, ocr: bool) -> DocumentText:
    """A one-page document of ``lines``: as OCR read them, or as a text layer gives them
    (no confidence)."""
    if not ocr:
        lines = [
            replace(line, words=tuple(replace(w, confidence=None) for w in line.words))
            for line in lines
        ]
    page = PageText(index=0, source="ocr" if ocr else "text", lines=tuple(lines))
    return DocumentText(page_count=1, first=page, last=page)


@pytest.mark.parametrize(
    ("parent", "first", "second", "place", "confidence"),
    [
        # a head alone on its line ends the name above (here in the text layer, and by OCR)
        ("UBND HUYỆN HẢI HẬU", "ỦY BAN NHÂN DÂN XÃ HẢI", "PHONG", "Hải Phong", None),
        ("UBND HUYỆN HẢI HẬU", "ỦY BAN NHÂN DÂN XÃ HẢI", "PHONG", "Hải Phong", 0.95),
        # the text layer's marks are exact: ``TỜ MỐT`` is not ``TỔ …``
        ("UBND HUYỆN EA SÚP", "ỦY BAN NHÂN DÂN XÃ YA", "TỜ MỐT", "Ya Tờ Mốt", None),
    ],
)
def test_a_unit_name_wrapped_mid_name_stays_with_the_agency(
    parent: str, first: str, second: str, place: str, confidence: float | None
) -> None:
    """Header lines all of one weight are grouped by the words an agency begins with;
    the second half of a unit's name must not start an agency of its own."""
    lines = _letter_head(first, place)
    lines[0] = _ocr_line(parent, 0.17, 0.08, 0.92)
    lines.insert(3, _ocr_line(second, 0.27, 0.115, 0.95))
    result = parse_fields(_read_as(lines, ocr=confidence is not None))
    assert result.fields.parent_agency == parent
    assert result.fields.agency == f"{first} {second}"


def test_a_date_ocr_read_in_part_is_not_called_blank() -> None:
    """A year OCR lost (wrapped onto a line of its own and read ``923``) is no date the
    agency left blank: the message says the scan could not be read, and to compare."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[5] = _ocr_line("Võ Miếu, ngày 17 tháng 9 năm", 0.5, 0.15, 0.96)
    problem = next(p for p in parse_fields(_ocr_page(*lines)).problems if p.code == "DATE_BLANK")
    assert problem.severity == "error"
    assert "bản quét" in problem.message and "đối chiếu" in problem.message


@pytest.mark.parametrize(
    "read",
    [
        "Nam Quang, ngùy 08 tháng 5 năm 2024",
        "Nam Quang, ngày 08 tháúng 5 năm 2024",
        "Nam Quang, ngà 08 tháng 5 năm 2024",
        "Nam Quang, ngày 08 tháng 5 nẽm 2024",
    ],
)
def test_a_date_line_whose_ngay_ocr_misread_is_read(read: str) -> None:
    """``ngùy 08 tháng 5 năm 2024``, ``tháúng`` (its mark read as a second vowel), ``ngà``
    (the thin ``y`` lost), ``nẽm``: the day, month and year around them leave no doubt."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ NAM QUANG")
    lines[0] = _ocr_line("UBND HUYỆN BẢO LÂM", 0.17, 0.08, 0.92)
    lines[5] = _ocr_line(read, 0.5, 0.15, 0.96)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.date == date(2024, 5, 8)
    assert result.fields.place == "Nam Quang"


@pytest.mark.parametrize(
    ("read", "written", "flagged"),
    [
        ("Nam Quang. ngày 1 4 tháng 6 năm 2025", date(2025, 6, 14), True),
        ("Nam Quang, ngày 5 tháng 1 1 năm 2025", date(2025, 11, 5), True),
        ("Nam Quang, ngày 1 tháng 4 năm 2025", date(2025, 4, 1), False),
    ],
)
def test_a_day_or_month_ocr_read_as_two_words_is_one_number(
    read: str, written: date, flagged: bool
) -> None:
    """``ngày 1 4 tháng 6``: Tesseract made two words of the day's two digits (and a
    period of the comma after the place). Flagged with what OCR read; a day of one
    digit is still that digit."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ NAM QUANG")
    lines[0] = _ocr_line("UBND HUYỆN BẢO LÂM", 0.17, 0.08, 0.92)
    lines[5] = _ocr_line(read, 0.5, 0.15, 0.96)
    result = parse_fields(_ocr_page(*lines))
    assert (result.fields.date, result.fields.place) == (written, "Nam Quang")
    assert result.details["date"].uncertain == flagged


@pytest.mark.parametrize(
    ("read", "written"),
    [
        ("ngày 2] tháng 12 năm 2024", date(2024, 12, 21)),
        ("ngày 22 tháng 1] năm 2023", date(2023, 11, 22)),
    ],
)
def test_a_one_of_the_date_ocr_read_as_a_bracket_is_a_one(read: str, written: date) -> None:
    """``2]``: Tesseract read the ``1`` as ``]``; the date must not become the 2nd. The
    date is flagged with what OCR read."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[5] = _ocr_line(f"Võ Miếu, {read}", 0.5, 0.15, 0.96)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.date == written
    assert result.details["date"].uncertain
    assert "]" in (result.details["date"].note or "")


@pytest.mark.parametrize(
    ("agency", "read", "written"),
    [
        ("ỦY BAN NHÂN DÂN HUYỆN BÁ THƯỚC", "Thước", "Bá Thước"),  # the first word lost
        ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hóa", "Thanh Hóa"),  # the parent's province
        ("ỦY BAN NHÂN DÂN HUYỆN BÁ THƯỚC", "Bá Thước", "Bá Thước"),  # read right
        ("ỦY BAN NHÂN DÂN HUYỆN BÁ THƯỚC", "Sầm Sơn", "Sầm Sơn"),  # a unit of its own
    ],
)
def test_a_place_read_without_its_first_word_is_the_agency_unit(
    agency: str, read: str, written: str
) -> None:
    """``Thước, ngày …`` under ``… HUYỆN BÁ THƯỚC``: OCR lost the line's first word. No unit
    is named ``Thước`` and the agency's unit's name ends so: the place is that name,
    flagged with what OCR read."""
    lines = _letter_head(agency, read)
    lines[0] = _ocr_line("UBND TỈNH THANH HÓA", 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.place == written
    assert result.details["place"].uncertain == (read != written)


@pytest.mark.parametrize(("confidence", "written"), [(0.24, "Ea Wy"), (0.92, "kai Wy")])
def test_a_place_whose_first_word_ocr_doubts_is_the_agency_unit_it_ends(
    confidence: float, written: str
) -> None:
    """``kai Wy, ngày …`` under ``… XÃ EA WY``, ``kai`` a blur Tesseract doubts: no unit
    is so named, and the rest ends the agency's unit's name. A first word read surely is
    no blur: the place stays as read."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ EA WY", "kai Wy")
    lines[0] = _ocr_line("UBND HUYỆN EA H'LEO", 0.17, 0.08, 0.92)
    date_line = lines[5]
    first = replace(date_line.words[0], confidence=confidence)
    lines[5] = replace(date_line, words=(first, *date_line.words[1:]))
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.place == written


def test_a_place_with_one_vowel_misread_is_the_agency_unit() -> None:
    """``Thượng Cót`` is no unit's name; inside ``BẮC TỪ LIÊM`` one vowel apart is only
    ``Thượng Cát``, the agency's own ward: written so, and flagged."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ THƯỢNG CÁT", "Thượng Cót")
    lines[0] = _ocr_line("UBND HUYỆN BẮC TỪ LIÊM", 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.place == "Thượng Cát"
    assert result.details["place"].uncertain
    assert "Thượng Cót" in (result.details["place"].note or "")


@pytest.mark.parametrize(
    ("parent", "agency", "place", "written"),
    [
        # Quế Sơn lies in Quảng Nam only: the parent's name cut short is that
        ("UBND TỈNH QUẢNG", "ỦY BAN NHÂN DÂN HUYỆN QUẾ SƠN", "Quế Sơn", "UBND TỈNH QUẢNG NAM"),
        # a mark read as a letter of its own
        ("UBND THỊ XÃ KỲÈ ANH", "ỦY BAN NHÂN DÂN XÃ KỲ HẢI", "Kỳ Hải", "UBND THỊ XÃ KỲ ANH"),
        # Tân Thịnh lies in several provinces: nothing is guessed
        ("UBND TỈNH QUẢNG", "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH", "Tân Thịnh", "UBND TỈNH QUẢNG"),
        # Thanh is a commune's name, no province's: cut short all the same
        ("UBND TỈNH THANH", "ỦY BAN NHÂN DÂN HUYỆN HẬU LỘC", "Hậu Lộc", "UBND TỈNH THANH HÓA"),
        # the district's name unread, named after the place first
        ("UBND TỈNH THANH", "ỦY BAN NHÂN DÂN HUYỆN", "Hậu Lộc", "UBND TỈNH THANH HÓA"),
        # a department's place is its province: the parent's name so begins
        ("UBND TỈNH THANH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Thanh Hóa", "UBND TỈNH THANH HÓA"),
        # … or a unit in it: of the provinces holding a Thanh Sơn, one so begins
        ("UBND TỈNH THANH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Thanh Sơn", "UBND TỈNH THANH HÓA"),
        # … and none where the place is no unit's name
        ("UBND TỈNH THANH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Võ Miếu", "UBND TỈNH THANH"),
        # a province's name as written is left, whatever the agency below
        ("UBND TỈNH NGHỆ AN", "ỦY BAN NHÂN DÂN HUYỆN HẬU LỘC", "Hậu Lộc", "UBND TỈNH NGHỆ AN"),
        # a commune dates at its own name, which says nothing of its parent's, though a
        # district is so named (huyện Ninh Hải); a speck glued before UBND is no letter
        ("LUBND HUYỆN NINH", "ỦY BAN NHÂN DÂN XÃ NINH HẢI", "Ninh Hải", "UBND HUYỆN NINH"),
    ],
)
def test_a_parent_cut_short_is_the_unit_its_agency_lies_in(
    parent: str, agency: str, place: str, written: str
) -> None:
    """``UBND TỈNH QUẢNG`` (Tesseract lost ``NAM``) above ``HUYỆN QUẾ SƠN``: the province
    the district lies in, whose name begins so; flagged with what OCR read."""
    lines = _letter_head(agency, place)
    lines[0] = _ocr_line(parent, 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.parent_agency == written
    assert result.details["parent_agency"].uncertain == (written != parent.lstrip("L"))


def test_glyphs_no_vietnamese_word_has_around_a_subject_are_dropped() -> None:
    """``ÖÒ Tình hình … ˆ``: specks or a rule Tesseract read as letters Vietnamese does
    not write, before and after the subject; the subject is what lies between."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[7] = _ocr_line("ÖÒ Tình hình thực hiện chuyển đổi số năm 2024 ˆ", 0.2, 0.225, 0.95)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.subject == "Tình hình thực hiện chuyển đổi số năm 2024"


@pytest.mark.parametrize(
    ("read", "written", "flagged"),
    [
        ("luận của Chủ tịch UBND xã Võ Miếu", "Kết luận của Chủ tịch UBND xã Võ Miếu", True),
        ("khai chuyển đổi số năm 2024", "Triển khai chuyển đổi số năm 2024", True),
        # the first letters of the phrase's first word lost at the scan's edge
        ("ết luận của Chủ tịch UBND xã Võ Miếu", "Kết luận của Chủ tịch UBND xã Võ Miếu", True),
        ("t luận của Chủ tịch", "Kết luận của Chủ tịch", True),
        # the last letters of a phrase's last word lost at the other edge
        ("Kết luận về chuyển đổi s", "Kết luận về chuyển đổi số", True),
        ("Tình hình chuyển đổi", "Tình hình chuyển đổi", False),  # ``chuyển đổi`` is a word
        # a whole phrase in lower case lost no word (``kết`` also ends ``tổng kết``)
        ("kết luận của Chủ tịch", "kết luận của Chủ tịch", False),
        # the rest of several phrases (``đề nghị``, ``hội nghị``): none is guessed
        ("nghị công nhận xã Võ Miếu", "nghị công nhận xã Võ Miếu", False),
    ],
)
def test_a_subject_whose_first_or_last_letters_ocr_lost_gets_them_back(
    read: str, written: str, flagged: bool
) -> None:
    """A subject under a type name begins with a capital: on a scan, one beginning with
    the rest of a fixed phrase in lower case lost the phrase's first word, or its first
    letters; one ending with a phrase's last word begun lost the word's last letters."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[7] = _ocr_line(read, 0.3, 0.225, 0.95)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.subject == written
    assert result.details["subject"].uncertain == flagged
    text_layer = parse_fields(_read_as(lines, ocr=False)).fields.subject
    assert text_layer == read  # a text layer prints what the document says


@pytest.mark.parametrize("confidence", [None, 0.95])
def test_a_district_named_like_a_type_is_no_type(confidence: float | None) -> None:
    """``HỒNG DÂN`` is one letter from ``HƯỚNG DẪN``: in a text layer a type name must be
    read whole, and on a scan a misread one only on a line centred on the page."""
    lines = _letter_head("ỦY BAN NHÂN DÂN HUYỆN", "Hồng Dân")
    lines[0] = _ocr_line("UBND TỈNH BẠC LIÊU", 0.17, 0.08, 0.92)
    lines.insert(3, _ocr_line("HỒNG DÂN", 0.25, 0.115, 0.95))
    lines[7] = _ocr_line("BIÊN BẢN", 0.45, 0.20, 0.91)
    result = parse_fields(_read_as(lines, ocr=confidence is not None))
    assert result.fields.agency == "ỦY BAN NHÂN DÂN HUYỆN HỒNG DÂN"
    assert result.fields.type == "BIÊN BẢN"
    assert result.fields.number == "2847/BC-UBND"


def test_a_type_name_is_matched_loosely_only_as_ocr_read_it() -> None:
    assert type_name("Q U Y Ế T  Đ Ị N H") == "QUYẾT ĐỊNH"  # spacing and case
    assert type_name("QUYẾT ĐỊNI") is None
    assert type_name("QUYẾT ĐỊNI", misread=True) == "QUYẾT ĐỊNH"  # one OCR letter


def test_a_unit_name_ocr_read_in_part_is_the_place_of_the_date_line() -> None:
    """``… XÃ AN`` (the line ``HẢI`` below it unread) where the place is ``An Hải``, a
    commune of An Dương: the agency is named after the place, and flagged."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ AN", "An Hải")
    lines[0] = _ocr_line("UBND HUYỆN AN DƯƠNG", 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.agency == "ỦY BAN NHÂN DÂN XÃ AN HẢI"
    assert result.details["agency"].uncertain
    lines[2] = _ocr_line("ỦY BAN NHÂN DÂN XÃ AN HẢI", 0.15, 0.10, 0.95)  # read whole: as read
    assert not parse_fields(_ocr_page(*lines)).details["agency"].uncertain


def test_a_place_ocr_split_at_a_vowel_read_twice_is_joined() -> None:
    """``Chiê ềng Sơn``: Tesseract read the ``ề`` twice and split the word there."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ CHIỀNG SƠN", "Chiê ềng Sơn")
    lines[0] = _ocr_line("UBND HUYỆN MỘC CHÂU", 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.place == "Chiềng Sơn"
    assert result.details["place"].uncertain


@pytest.mark.parametrize(
    ("parent", "agency", "place"),
    [
        # ``văn phòng`` is a phrase hoso restores, but here the name of a commune
        ("UBND HUYỆN CÁT HẢI", "ỦY BAN NHÂN DÂN XÃ VĂN PHONG", "Văn Phong"),
        # a doubled vowel OCR would have read twice, here the name's own
        ("UBND HUYỆN NAM GIANG", "ỦY BAN NHÂN DÂN XÃ LA ÊÊ", "La Êê"),
        # ``QUÂN`` without its dot is no ``QUẬN``
        ("UBND HUYỆN ĐIỆN BIÊN ĐÔNG", "ỦY BAN NHÂN DÂN XÃ XA DUNG", "Xa Dung"),
    ],
)
def test_unit_names_read_right_are_kept(parent: str, agency: str, place: str) -> None:
    lines = _letter_head(agency, place)
    lines[0] = _ocr_line(parent, 0.17, 0.08, 0.92)
    result = parse_fields(_ocr_page(*lines))
    assert (result.fields.parent_agency, result.fields.agency) == (parent, agency)
    assert result.fields.place == place
    assert not any(result.details[n].uncertain for n in ("parent_agency", "agency", "place"))


@pytest.mark.parametrize(
    ("agency", "place", "read"),
    [
        (
            "ỦY BAN NHÂN DÂN THÀNH PHỐ",
            "Thành phố Hồ Chí Minh",
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
        ),
        ("CÔNG ĐOÀN CƠ QUAN", "Tân Thịnh", "CÔNG ĐOÀN CƠ QUAN"),  # no unit word: kept
    ],
)
def test_the_place_names_only_a_bare_unit(agency: str, place: str, read: str) -> None:
    """A place written with its unit is not doubled; ``CƠ QUAN`` (``quan`` without its
    marks) is no ``QUẬN``."""
    result = parse_fields(_ocr_page(*_letter_head(agency, place)))
    assert result.fields.agency == read


class _IsolatedNameLoader:
    """A scan whose layout reading left out the signer's name, found on a second reading."""

    def __init__(self, name: Line) -> None:
        self.name = name
        self.asked: list[int] = []

    def __call__(self, index: int, upto: float) -> PageText | None:
        return None

    def add_isolated_text(self, page: PageText) -> PageText:
        self.asked.append(page.index)
        return PageText(index=page.index, source="ocr", lines=(*page.lines, self.name))


def test_a_signer_name_standing_alone_is_looked_for_again_on_a_scan() -> None:
    """Tesseract's page layout sometimes drops the name standing alone under the space for
    the signature; the last page is read again for isolated lines before the block is
    given up."""
    lines = [
        *_letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU"),
        _ocr_line("Nơi nhận:", 0.14, 0.60, 0.96),
        _ocr_line("CHỦ TỊCH", 0.65, 0.60, 0.95),
        _ocr_line("Lưu: VT.", 0.15, 0.64, 0.92),
    ]
    loader = _IsolatedNameLoader(_ocr_line("Vũ Đức Thắng", 0.62, 0.72, 0.96))
    document = _ocr_page(*lines)
    document.loader = loader
    result = parse_fields(document)
    assert loader.asked == [0]
    assert (result.fields.signer_title, result.fields.signer_name) == ("CHỦ TỊCH", "Vũ Đức Thắng")


class _IsolatedRowLoader:
    """A scan whose layout reading left out lines, found on a second reading (``rows``)."""

    def __init__(self, *rows: Line) -> None:
        self.rows = rows
        self.asked: list[tuple[int, float]] = []

    def __call__(self, index: int, upto: float) -> PageText | None:
        return None

    def add_isolated_text(self, page: PageText) -> PageText:
        self.asked.append((page.index, page.upto))
        lines = sorted((*page.lines, *self.rows), key=lambda line: (line.top, line.x0))
        return replace(page, lines=tuple(lines))


@pytest.mark.parametrize("row_lost", [True, False])
def test_a_header_row_the_layout_left_out_is_looked_for_again(row_lost: bool) -> None:
    """A scan's header with its agency, the motto and a type name but neither ``Số:``
    nor the date: Tesseract's layout left their row out. The region is read again for
    lines standing alone; a header that has its row is not."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    row = (lines.pop(4), lines.pop(4))  # ``Số: 2847/BC-UBND`` and the date beside it
    if not row_lost:
        lines[4:4] = row
    page = PageText(index=0, source="ocr", lines=tuple(lines), upto=0.5)
    loader = _IsolatedRowLoader(*row)
    result = parse_fields(DocumentText(page_count=1, first=page, last=None, loader=loader))
    assert loader.asked == ([(0, 0.5)] if row_lost else [])
    assert result.fields.number == "2847/BC-UBND"
    assert result.fields.date == date(2024, 10, 20)


def test_a_family_name_repaired_from_ocr_is_flagged() -> None:
    """``Định Văn Khải`` read by OCR is ``Đinh Văn Khải``, and the reviewer is told."""
    lines = [
        *_letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU"),
        _ocr_line("CHỦ TỊCH", 0.65, 0.60, 0.95),
        _ocr_line("Định Văn Khải", 0.62, 0.72, 0.96),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.signer_name == "Đinh Văn Khải"
    detail = result.details["signer_name"]
    assert detail.uncertain and "Định" in (detail.note or "")


def test_header_columns_that_touch_are_cut_where_the_national_title_starts() -> None:
    """Table cells that touch leave no wider gap between ``TRỌNG`` and ``CỘNG`` than between
    any two words: the title's own first word says where the right column starts."""
    lines = [
        _ocr_line("UBND HUYỆN ĐỨC TRỌNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.158, 0.078, 1.0),
        _ocr_line("ỦY BAN NHÂN DÂN XÃ", 0.18, 0.102, 1.0),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.537, 0.102, 1.0),
        _ocr_line("HIỆP THẠNH", 0.237, 0.126, 1.0),
        _ocr_line("Hiệp Thạnh, ngày 22 tháng 7 năm 2023", 0.489, 0.15, 1.0),
        _ocr_line("Số: 998/UBND-VP", 0.212, 0.174, 1.0),
        _ocr_line("V/v đôn đốc triển khai nền", 0.175, 0.198, 1.0),
        _ocr_line("tảng số tại xã Hiệp Thạnh", 0.177, 0.222, 1.0),
        _ocr_line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm", 0.2, 0.25, 1.0),
    ]
    page = PageText(index=0, source="text", lines=tuple(lines))
    result = parse_fields(DocumentText(page_count=1, first=page, last=page))
    f = result.fields
    assert (f.parent_agency, f.agency) == ("UBND HUYỆN ĐỨC TRỌNG", "ỦY BAN NHÂN DÂN XÃ HIỆP THẠNH")
    assert (f.number, f.place, f.type) == ("998/UBND-VP", "Hiệp Thạnh", "CÔNG VĂN")
    assert result.national_title


@pytest.mark.parametrize(
    ("last", "x0", "height", "kept"),
    [
        # the rule under the name made Tesseract doubt its last line: kept, marks put back
        ("THONG", 0.26, 0.012, True),
        ("THHÔNG", 0.26, 0.012, True),  # … and a letter read twice
        ("THONG.", 0.26, 0.012, True),  # … and a speck read as a full stop after it
        # not the name's line; the fixed phrase it stops inside is finished instead
        ("ee", 0.26, 0.012, False),  # a speck: no syllable
        ("HA", 0.26, 0.003, False),  # a speck: too small for a letter
        ("THONG", 0.6, 0.012, False),  # not under the name
    ],
)
def test_the_doubted_last_line_of_an_agency_name(
    last: str, x0: float, height: float, kept: bool
) -> None:
    lines = [
        _ocr_line("UBND TỈNH BẠC LIÊU", 0.19, 0.074, 0.92),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.48, 0.074, 0.96),
        _ocr_line("SỞ THÔNG TIN VÀ TRUYỀN", 0.153, 0.093, 0.92),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.536, 0.116, 0.95),
        replace(_ocr_line(last, x0, 0.117, 0.38), bottom=0.117 + height),
        _ocr_line("Số: 2575/TB-STTTT", 0.208, 0.155, 0.92),
        _ocr_line("Bạc Liêu, ngày 10 tháng 11 năm 2025", 0.5, 0.155, 0.95),
        _ocr_line("THÔNG BÁO", 0.45, 0.2, 0.93),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.agency == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    detail = result.details["agency"]
    assert detail.uncertain
    assert ("thiếu chữ" in (detail.note or "")) == (not kept)


def test_a_doubted_unit_line_under_a_local_body_ends_its_name() -> None:
    """``ỦY BAN NHÂN DÂN`` over ``HUYỆN TÂNUYÊN``, a line Tesseract doubts in every word
    and glued: a local body is named by its unit, which is that line (its words cut into
    syllables to be checked); the place and the units' list confirm it."""
    lines = [
        _ocr_line("UBND TỈNH BÌNH DƯƠNG", 0.19, 0.075, 0.92),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.47, 0.075, 0.96),
        _ocr_line("ỦY BAN NHÂN DÂN", 0.17, 0.097, 0.95),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.5, 0.1, 0.95),
        _ocr_line("HUYỆN TÂNUYÊN", 0.18, 0.114, 0.0),
        _ocr_line("Số: 393/BC-UBND", 0.2, 0.14, 0.92),
        _ocr_line("Tân Uyên, ngày 28 tháng 3 năm 2024", 0.47, 0.14, 0.96),
        _ocr_line("BÁO CÁO", 0.45, 0.2, 0.93),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.agency == "ỦY BAN NHÂN DÂN HUYỆN TÂN UYÊN"
    assert result.fields.parent_agency == "UBND TỈNH BÌNH DƯƠNG"


@pytest.mark.parametrize(
    ("first", "last", "written"),
    [
        # the last line read as glyphs Tesseract doubts: the fixed phrase is finished
        ("SỞ THÔNG TIN VÀ TRUYỀN", "THÔN ...k", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
        ("SỞ THÔNG TIN VÀ TRUYỀN", None, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
        # two words of a phrase may end a name: a district's office of culture
        ("PHÒNG VĂN HÓA VÀ THÔNG TIN", None, "PHÒNG VĂN HÓA VÀ THÔNG TIN"),
        # a word inside the phrase lost
        ("SỞ THÔNG VÀ TRUYỀN THÔNG", None, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
    ],
)
def test_an_agency_that_stops_inside_a_fixed_phrase_is_finished(
    first: str, last: str | None, written: str
) -> None:
    """``SỞ THÔNG TIN VÀ TRUYỀN``: OCR lost the name's last line. No name stops there, so
    the phrase's last word is written, flagged with what OCR read."""
    lines = [
        _ocr_line("UBND TỈNH NAM ĐỊNH", 0.19, 0.078, 0.92),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.48, 0.077, 0.96),
        _ocr_line(first, 0.17, 0.102, 0.92),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.55, 0.104, 0.95),
        _ocr_line("Nam Định, ngày 03 tháng 6 năm 2023", 0.5, 0.155, 0.95),
        _ocr_line("Số: 280/QĐ-STTTT", 0.21, 0.179, 0.93),
        _ocr_line("QUYẾT ĐỊNH", 0.47, 0.224, 0.96),
    ]
    if last is not None:
        lines.insert(4, _ocr_line(last, 0.26, 0.126, 0.05))
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.agency == written
    assert result.details["agency"].uncertain == (written != first)


def test_an_agency_line_opened_by_a_speck_still_starts_the_agency() -> None:
    """``ˆ ÙY BAN NHÂN DÂN XÃ NGỌC HÀ`` under ``UBND HUYỆN BA ĐÌNH``: glyphs no Vietnamese
    word has, read before the head, neither hide the head nor join the two names."""
    lines = [
        _ocr_line("UBND HUYỆN BA ĐÌNH", 0.12, 0.055, 0.9),
        _ocr_line("ˆ` ÙY BAN NHÂN DÂN XÃ NGỌC HÀ", 0.10, 0.075, 0.9),
        _ocr_line("Số: 2104/QĐ-UBND", 0.12, 0.105, 0.96),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.12, 0.127, 0.92),
        _ocr_line("Độc lập Tự do Hạnh phúc", 0.12, 0.152, 0.91),
        _ocr_line("Ngọc Hà, ngày 04 tháng 12 năm 2024", 0.13, 0.178, 0.96),
        _ocr_line("QUYẾT ĐỊNH", 0.42, 0.241, 0.96),
    ]
    f = parse_fields(_ocr_page(*lines)).fields
    assert (f.parent_agency, f.agency) == ("UBND HUYỆN BA ĐÌNH", "ỦY BAN NHÂN DÂN XÃ NGỌC HÀ")


def test_a_header_line_tesseract_read_in_two_with_a_word_lost() -> None:
    """``UBND HUYỆN`` and ``THƯỚC`` on one row, ``BÁ`` between them lost and ``THƯỚC``
    doubted; under them ``BẢN NHÂN DÂN XÃ HẠ TRUNG``, its ``ỦY`` lost. The doubted word
    ends the parent's name, which is the district Hạ Trung lies in (Bá Thước), and the
    agency gets its first word back; both flagged."""
    lines = [
        _ocr_line("UBND HUYỆN", 0.14, 0.057, 0.92),
        _ocr_line("THƯỚC", 0.31, 0.055, 0.11),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.50, 0.056, 0.96),
        _ocr_line("BẢN NHÂN DÂN XÃ HẠ TRUNG", 0.13, 0.074, 0.75),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.56, 0.075, 0.95),
        _ocr_line("Số: 432/QĐ-UBND", 0.17, 0.101, 0.96),
        _ocr_line("Hạ Trung, ngày 18 tháng 11 năm 2024", 0.52, 0.102, 0.96),
        _ocr_line("QUYẾT ĐỊNH", 0.45, 0.15, 0.96),
    ]
    result = parse_fields(_ocr_page(*lines))
    f = result.fields
    assert (f.parent_agency, f.agency) == ("UBND HUYỆN BÁ THƯỚC", "ỦY BAN NHÂN DÂN XÃ HẠ TRUNG")
    assert result.details["parent_agency"].uncertain and result.details["agency"].uncertain
    lines[3] = _ocr_line("BAN NHÂN DÂN ẤP TÂN LẬP", 0.13, 0.074, 0.95)  # a hamlet's
    assert parse_fields(_ocr_page(*lines)).fields.agency == "BAN NHÂN DÂN ẤP TÂN LẬP"


def test_a_rule_read_over_the_name_is_no_line_of_it() -> None:
    """On a scan skewed by two degrees Tesseract read the rule under ``… HUYỆN ĐẦM DƠI``
    as ``V ĐÀN HƯ``, sure of it, starting a third of a line below the name's top and
    within its width: read over the name, not a line of its own. The name's next line
    starts a line lower and is kept."""
    lines = [
        _ocr_line("UBND TỈNH CÀ MAU", 0.19, 0.055, 0.92),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.48, 0.055, 0.96),
        _ocr_line("ỦY BAN NHÂN DÂN HUYỆN ĐẦM DƠI", 0.06, 0.072, 0.92),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.536, 0.075, 0.95),
        _ocr_line("V ĐÀN HƯ", 0.20, 0.076, 0.9),
        _ocr_line("Số: 1159/BB-UBND", 0.16, 0.103, 0.92),
        _ocr_line("Đầm Dơi, ngày 14 tháng 10 năm 2023", 0.5, 0.103, 0.95),
        _ocr_line("BIÊN BẢN", 0.45, 0.13, 0.93),
    ]
    assert parse_fields(_ocr_page(*lines)).fields.agency == "ỦY BAN NHÂN DÂN HUYỆN ĐẦM DƠI"
    lines[2] = _ocr_line("ỦY BAN NHÂN DÂN HUYỆN", 0.06, 0.072, 0.92)
    lines[4] = _ocr_line("ĐẦM DƠI", 0.12, 0.086, 0.9)
    assert parse_fields(_ocr_page(*lines)).fields.agency == "ỦY BAN NHÂN DÂN HUYỆN ĐẦM DƠI"


def test_letters_read_between_the_words_of_a_title_are_no_name() -> None:
    """``PHÓ``, ``Ó Gl``, ``GIÁM ĐỐC``: one skewed title line that Tesseract read in three,
    the middle one capitalised words like a name's; the title runs on past it, and the
    name is the one under the title."""
    lines = [
        *_letter_head("SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
        _ocr_line("KT. GIÁM ĐỐC", 0.63, 0.634, 0.93),
        # the boxes as Tesseract gave them
        replace(_ocr_line("PHÓ", 0.63, 0.656, 0.93), bottom=0.672),
        replace(_ocr_line("Ó Gl", 0.66, 0.659, 0.3), bottom=0.672),
        replace(_ocr_line("GIÁM ĐỐC", 0.71, 0.654, 0.93), bottom=0.672),
        _ocr_line("Hoàng Hữu Bình", 0.62, 0.754, 0.95),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert (result.fields.signer_title, result.fields.signer_name) == (
        "PHÓ GIÁM ĐỐC",
        "Hoàng Hữu Bình",
    )


def test_a_speck_between_the_lines_of_a_title_is_no_word_of_it() -> None:
    """``ỦT``, one doubted word read between ``KT. CHỦ TỊCH`` and ``PHÓ CHỦ TỊCH``: no
    line of the title."""
    lines = [
        *_letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU"),
        _ocr_line("KT. CHỦ TỊCH", 0.61, 0.643, 0.95),
        _ocr_line("Nơi nhận:", 0.15, 0.646, 0.74),
        _ocr_line("ỦT", 0.71, 0.664, 0.54),
        _ocr_line("PHÓ CHỦ TỊCH", 0.61, 0.668, 0.95),
        _ocr_line("Cầm Thanh Hưởng", 0.59, 0.755, 0.95),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert (result.fields.signer_title, result.fields.signer_name) == (
        "PHÓ CHỦ TỊCH",
        "Cầm Thanh Hưởng",
    )


@pytest.mark.parametrize(
    ("parent", "name", "ghost"),
    [
        ("UBND TỈNH LONG AN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "TY NU"),
        ("UBND HUYỆN VĨNH THUẬN", "ỦY BAN NHÂN DÂN XÃ VĨNH THUẬN", "AA"),
    ],
)
def test_a_rule_read_as_syllables_under_a_complete_name_is_no_part_of_it(
    parent: str, name: str, ghost: str
) -> None:
    """On a scan skewed by two degrees Tesseract read the rule under the agency as
    ``TY NU`` or ``AA``, centred under it: syllables that complete no phrase and no
    unit's name, so not the name's last line."""
    lines = [
        _ocr_line(parent, 0.19, 0.074, 0.92),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.48, 0.074, 0.96),
        _ocr_line(name, 0.10, 0.093, 0.92),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.536, 0.116, 0.95),
        _ocr_line(ghost, 0.22, 0.117, 0.5),
        _ocr_line("Số: 2575/TB-STTTT", 0.208, 0.155, 0.92),
        _ocr_line("Long An, ngày 10 tháng 11 năm 2025", 0.5, 0.155, 0.95),
        _ocr_line("THÔNG BÁO", 0.45, 0.2, 0.93),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.agency == name


def test_a_type_read_in_part_under_a_one_column_header() -> None:
    """A one-column header stacks the national title, the motto and the date under the
    number, the title nearly centred: the type line is the first centred line after them."""
    lines = [
        _ocr_line("UBND HUYỆN THẠNH PHÚ", 0.144, 0.055, 0.93),
        _ocr_line("ỦY BAN NHÂN DÂN XÃ THẠNH PHONG", 0.143, 0.073, 0.93),
        _ocr_line("Số: 1310/KH-UBND", 0.144, 0.096, 0.92),
        # the scan's title line: 0.143–0.674 wide, its centre 0.41
        replace(_ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.143, 0.113, 0.95), x1=0.674),
        _ocr_line("Độc lập Tự do Hạnh phúc", 0.143, 0.137, 0.95),
        _ocr_line("Thạnh Phong, ngày 10 tháng 11 năm 2025", 0.143, 0.158, 0.95),
        _ocr_line("HOẠCH", 0.475, 0.213, 0.9),
        _ocr_line("Triển khai chuyển đổi số xã Thạnh Phong năm 2025", 0.183, 0.232, 0.93),
        _ocr_line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6", 0.142, 0.262, 0.95),
    ]
    f = parse_fields(_ocr_page(*lines)).fields
    assert (f.type, f.subject) == ("KẾ HOẠCH", "Triển khai chuyển đổi số xã Thạnh Phong năm 2025")


def test_a_type_name_ocr_read_in_part_is_named_by_the_number() -> None:
    """``TRÌNH`` alone where ``TỜ TRÌNH`` is printed: the number's code ``TTr`` names the
    type, flagged for the reviewer, and the subject under it is read."""
    lines = [
        *_letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")[:4],
        _ocr_line("Số: 1158/TTr-UBND", 0.2, 0.15, 0.92),
        _ocr_line("Võ Miếu, ngày 23 tháng 5 năm 2025", 0.5, 0.15, 0.96),
        _ocr_line("TRÌNH", 0.5, 0.20, 0.15),
        _ocr_line("Đề nghị công nhận xã Võ Miếu đạt chuẩn", 0.28, 0.22, 0.81),
        _ocr_line(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm", 0.2, 0.26, 0.96
        ),
    ]
    result = parse_fields(_ocr_page(*lines))
    f = result.fields
    assert (f.type, f.type_code) == ("TỜ TRÌNH", "TTr")
    assert result.details["type"].uncertain
    assert f.subject == "Đề nghị công nhận xã Võ Miếu đạt chuẩn"
    # letters lost inside the name: ``GIMỜI`` for ``GIẤY MỜI``, at least half of them read
    lines[4] = _ocr_line("Số: 9/GM-UBND", 0.2, 0.15, 0.92)
    lines[6] = _ocr_line("GIMỜI", 0.45, 0.20, 0.0)
    assert parse_fields(_ocr_page(*lines)).fields.type == "GIẤY MỜI"
    lines[6] = _ocr_line("GMI", 0.47, 0.20, 0.0)  # too little of it
    assert parse_fields(_ocr_page(*lines)).fields.type is None


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("GIẤYMỜA", "GIẤY MỜI"),  # a letter misread, the space lost
        ("BIÊN BẢM", "BIÊN BẢN"),
        ("THÔNG DÁO", None),  # one letter from THÔNG BÁO and from THÔNG CÁO
        ("ĐỀ ÁM", None),  # too short to tell
    ],
)
def test_a_type_name_ocr_read_with_one_letter_wrong(read: str, name: str | None) -> None:
    assert type_name(read, misread=True) == name
    assert type_name(read) is None  # a text layer's letters are exact


def test_a_type_name_misread_on_a_line_a_little_off_the_page_s_centre() -> None:
    """``GIẤYMỜA`` centred five hundredths right of the page's centre (a browser's
    margins): still where NĐ 30 prints the type, so read with its letter wrong."""
    lines = _letter_head("SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    lines[4] = _ocr_line("Số: 2340/GM-STTTT", 0.2, 0.15, 0.92)
    lines[6] = _ocr_line("GIẤYMỜA", 0.50, 0.20, 0.4)
    assert abs(lines[6].centre - 0.5) > 0.04
    assert parse_fields(_ocr_page(*lines)).fields.type == "GIẤY MỜI"


def test_a_units_name_centred_in_a_one_column_header_is_no_type_misread() -> None:
    """``ĐỒNG VĂN`` ending the agency of a one-column header is one letter from
    ``CÔNG VĂN``: a unit's name as the list writes it is not read as a type, so the
    header goes on to its number, date and the type below."""
    lines = [
        _ocr_line("UBND TỈNH HÀ GIANG", 0.144, 0.055, 0.93),
        _ocr_line("ỦY BAN NHÂN DÂN HUYỆN", 0.143, 0.073, 0.93),
        _ocr_line("ĐỒNG VĂN", 0.45, 0.091, 0.93),
        _ocr_line("Số: 131/BC-UBND", 0.144, 0.109, 0.92),
        replace(_ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.143, 0.127, 0.95), x1=0.674),
        _ocr_line("Độc lập Tự do Hạnh phúc", 0.143, 0.145, 0.95),
        _ocr_line("Đồng Văn, ngày 10 tháng 11 năm 2025", 0.143, 0.163, 0.95),
        _ocr_line("BÁO CÁO", 0.46, 0.21, 0.9),
        _ocr_line("Kết quả chuyển đổi số năm 2025", 0.183, 0.23, 0.93),
        _ocr_line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6", 0.142, 0.26, 0.95),
    ]
    f = parse_fields(_ocr_page(*lines)).fields
    assert (f.agency, f.type, f.number) == (
        "ỦY BAN NHÂN DÂN HUYỆN ĐỒNG VĂN",
        "BÁO CÁO",
        "131/BC-UBND",
    )


def test_a_numbers_digits_ocr_read_as_two_words_are_one_number() -> None:
    """``Số: 1 12/BB-STTTT``: nothing but the number's digits stands before the ``/``, so
    ``112/BB-STTTT``, flagged as put back; a legal document's number and year are not
    joined, and a text layer's number is as printed."""
    lines = [
        *_letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")[:4],
        _ocr_line("Số: 1 12/BB-UBND", 0.2, 0.15, 0.92),
        _ocr_line("Võ Miếu, ngày 23 tháng 5 năm 2025", 0.5, 0.15, 0.96),
        _ocr_line("BIÊN BẢN", 0.46, 0.20, 0.91),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.number == "112/BB-UBND"
    assert result.details["number"].uncertain
    assert "tách các chữ số" in (result.details["number"].note or "")
    assert read_number("45 2024/QĐ-UBND", "QUYẾT ĐỊNH", ocr=True).number == "45"
    assert read_number("1 12/BB-UBND", "BIÊN BẢN").number == "1"


def test_the_place_of_a_date_line_ocr_read_in_part() -> None:
    """``Đắk Mil. ngày 28 tháng`` and the year on a row of its own, the month and ``năm``
    lost: the line still names the place; the date is reported as not read whole,
    quoting what OCR read, not as missing."""
    lines = [
        _ocr_line("UBND TỈNH ĐẮK NÔNG", 0.12, 0.057, 0.91),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.46, 0.056, 0.95),
        _ocr_line("ỦY BAN NHÂN DÂN HUYỆN ĐẮK MIL", 0.05, 0.076, 0.93),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.54, 0.079, 0.95),
        _ocr_line("Số: 639/BB-UBND", 0.15, 0.108, 0.9),
        _ocr_line("Đắk Mil. ngày 28 tháng", 0.52, 0.108, 0.9),
        _ocr_line("202.3", 0.78, 0.110, 0.65),
        _ocr_line("BIÊN BẢN", 0.43, 0.14, 0.93),
        _ocr_line("Kiểm tra kết quả thực hiện các tiêu chí chuyển đổi số", 0.25, 0.161, 0.95),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.place == "Đắk Mil"
    assert result.fields.date is None
    blank = next(p for p in result.problems if p.code == "DATE_BLANK")
    assert "Đắk Mil. ngày 28 tháng" in blank.message
    assert not any(p.code == "DATE_MISSING" for p in result.problems)


def test_a_doubted_line_that_runs_a_known_units_name_on_ends_the_agency() -> None:
    """``… XÃ THANH`` (a commune of that name exists) over ``NHẬT``, which the rule drawn
    under it made Tesseract doubt: the two lines name Thanh Nhật, a commune the list
    knows, so ``NHẬT`` ends the agency's name; a doubted speck naming nothing does not."""
    lines = [
        _ocr_line("UBND HUYỆN HẠ LANG", 0.22, 0.125, 0.6),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.52, 0.122, 0.96),
        _ocr_line("ỦY BAN NHÂN DÂN XÃ THANH", 0.18, 0.158, 0.95),
        _ocr_line("NHẬT", 0.30, 0.180, 0.39),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.55, 0.18, 0.95),
        _ocr_line("Số: 2610/GM-UBND", 0.23, 0.282, 0.9),
        _ocr_line("Thanh Nhật, ngày 5 tháng 7 năm 2025", 0.53, 0.283, 0.9),
        _ocr_line("GIẤY MỜI", 0.45, 0.336, 0.93),
    ]
    assert parse_fields(_ocr_page(*lines)).fields.agency == "ỦY BAN NHÂN DÂN XÃ THANH NHẬT"
    lines[3] = _ocr_line("AA", 0.30, 0.180, 0.39)
    assert parse_fields(_ocr_page(*lines)).fields.agency == "ỦY BAN NHÂN DÂN XÃ THANH"


def test_a_unit_line_glued_whose_unit_word_lost_its_mark_ends_a_local_bodys_name() -> None:
    """``XAXUÂNAN`` under ``UY BẠN NHÂN DÂN`` named alone: cut into syllables and its unit
    word's mark put back, it names Xuân An, a commune the list knows."""
    lines = [
        _ocr_line("UBND HUYỆN LONG KHÁNH", 0.18, 0.075, 0.9),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.48, 0.073, 0.96),
        _ocr_line("UY BẠN NHÂN DÂN", 0.18, 0.116, 0.8),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.51, 0.116, 0.95),
        _ocr_line("XAXUÂNAN", 0.23, 0.135, 0.53),
        _ocr_line("Xuân An, ngày 09 tháng 02 năm 2023", 0.47, 0.154, 0.96),
        _ocr_line("Số: 1244/TB-UBND", 0.2, 0.17, 0.92),
        _ocr_line("THÔNG BÁO", 0.45, 0.22, 0.93),
    ]
    assert parse_fields(_ocr_page(*lines)).fields.agency == "ỦY BAN NHÂN DÂN XÃ XUÂN AN"


@pytest.mark.parametrize(
    ("read", "written"),
    [
        ("LBND HUYỆN THANH BÌNH", "UBND HUYỆN THANH BÌNH"),  # U read as L
        ("UBNĐ TỈNH ĐỒNG THÁP", "UBND TỈNH ĐỒNG THÁP"),
        ("LBND", "LBND"),  # no unit word after it: as read
    ],
)
def test_ubnd_with_a_letter_misread_before_a_unit_word(read: str, written: str) -> None:
    assert agency_name([_ocr_line(read, 0.18, 0.07, 0.9)], ocr=True) == written


def test_a_year_ocr_read_as_two_words_is_the_year() -> None:
    """``năm 202 3``: a year's four digits read as two words are the year."""
    lines = [
        _ocr_line("UBND TỈNH ĐẮK NÔNG", 0.12, 0.055, 0.92),
        _ocr_line("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 0.12, 0.073, 0.91),
        _ocr_line("Số: 1790/QĐ-STTTT", 0.12, 0.095, 0.9),
        replace(_ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.12, 0.111, 0.96), x1=0.6),
        _ocr_line("Độc lập Tự do Hạnh phúc", 0.13, 0.132, 0.95),
        _ocr_line("Đắk Nông, ngày 28 tháng 4 năm 202 3", 0.13, 0.150, 0.9),
        _ocr_line("QUYẾT ĐỊNH", 0.41, 0.198, 0.96),
        _ocr_line("Về việc kiện toàn Tổ công nghệ số cộng đồng", 0.2, 0.22, 0.96),
        _ocr_line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6", 0.13, 0.25, 0.96),
    ]
    f = parse_fields(_ocr_page(*lines)).fields
    assert (f.place, f.date) == ("Đắk Nông", date(2023, 4, 28))


def test_a_date_line_centred_under_the_title_is_not_cut_at_a_lost_dash() -> None:
    """``Bà Hịa Vũng Tàu, ngày …``: a long place starts left of the national title, and
    the dash OCR lost leaves a wide gap near the title's start. The line is centred
    under the title, as NĐ 30 sets it: one line of the right column, its place whole
    (written as the units' list writes it, flagged)."""
    place_words = _ocr_line("Bà Hịa", 0.46, 0.15, 0.9).words
    rest = _ocr_line("Vũng Tàu, ngày 16 tháng 11 năm 2023", 0.562, 0.15, 0.96).words
    date_line = join_words((*place_words, *rest))
    assert date_line is not None
    lines = [
        _ocr_line("UBND TỈNH BÀ RỊA - VŨNG TÀU", 0.12, 0.08, 0.92),
        _ocr_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.5, 0.08, 0.95),
        _ocr_line("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 0.12, 0.10, 0.95),
        _ocr_line("Độc lập - Tự do - Hạnh phúc", 0.56, 0.10, 0.95),
        _ocr_line("Số: 2223/GM-STTTT", 0.15, 0.13, 0.92),
        date_line,
        _ocr_line("GIẤY MỜI", 0.46, 0.20, 0.91),
        _ocr_line("Dự hội nghị sơ kết công tác chuyển đổi số năm 2023", 0.2, 0.225, 0.95),
    ]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.place == "Bà Rịa - Vũng Tàu"
    assert result.fields.date == date(2023, 11, 16)
    assert result.details["place"].uncertain


def test_a_subject_stops_at_a_basis_whose_can_ocr_lost() -> None:
    """``cứ Luật Tổ chức …`` under the subject: the body's first ``Căn cứ``, ``Căn`` lost at
    the scan's edge, is no line of the subject though it is as wide and near."""
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[6] = _ocr_line("TỜ TRÌNH", 0.44, 0.20, 0.91)
    lines[7] = _ocr_line("Đề nghị công nhận xã đạt chuẩn chuyển đổi số năm 2025", 0.17, 0.225, 0.95)
    lines.append(_ocr_line("cứ Luật Tổ chức chính quyền địa phương ngày 19", 0.17, 0.239, 0.96))
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.subject == "Đề nghị công nhận xã đạt chuẩn chuyển đổi số năm 2025"


def test_a_subject_line_read_in_two_pieces_of_unequal_height_is_one_line() -> None:
    """``… chuyển đổi s`` and ``ố năm 2024``: Tesseract split the subject's line inside a
    word, the left piece's box swollen by its marks, the right's shorter (not one row by
    their overlap). The right piece is beside the left: one line, the word whole."""
    read = _ocr_line("Dự hội nghị sơ kết công tác chuyển đổi s", 0.17, 0.2235, 0.95).words
    left = join_words([replace(w, bottom=0.2435) for w in read])
    pieces = _ocr_line("ố năm 2024", read[-1].x1 + 0.002, 0.225, 0.95).words
    right = join_words([replace(w, bottom=0.238) for w in pieces])
    assert left is not None and right is not None
    lines = _letter_head("ỦY BAN NHÂN DÂN XÃ VÕ MIẾU")
    lines[6] = _ocr_line("GIẤY MỜI", 0.45, 0.20, 0.91)
    lines[7:] = [left, right]
    result = parse_fields(_ocr_page(*lines))
    assert result.fields.subject == "Dự hội nghị sơ kết công tác chuyển đổi số năm 2024"
