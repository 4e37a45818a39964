"""Yên Bái Biểu 01–04: each renders from its example, says what the seed says, and is laid out
as Nghị định 30/2020 requires; bad input is reported whole and never rendered."""

from __future__ import annotations

import copy
import io
import json
import unicodedata
from typing import Any

import docx
import pytest
from docx.shared import Mm

import docgen
from docgen.errors import FormInputError
from docgen.typography import plain
from tests.support.docx_helpers import docx_is_valid, docx_text, squash, string_leaves

FORMS = ["bieu-01", "bieu-02", "bieu-03", "bieu-04"]

# Values that are codes or enums: they appear in the document in another form (a label, a
# formatted date), checked separately below.
CODE_KEYS = {
    "tier",
    "level",
    "catalog",
    "area_type",
    "date",
    "meeting_date",
    "start",
    "end",
    "status",
    "code",
    "province",
}


def example(form_id: str) -> dict[str, Any]:
    return docgen.get_form(form_id).example()


def free_text(data: Any) -> list[str]:
    """The caller's free-text strings (codes and dates excluded)."""
    if isinstance(data, dict):
        return [s for k, v in data.items() if k not in CODE_KEYS for s in free_text(v)]
    return list(string_leaves(data))


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {form_id: docgen.render(form_id, example(form_id)) for form_id in FORMS}


@pytest.mark.parametrize("form_id", FORMS)
def test_example_renders_to_valid_docx(form_id: str, rendered: dict[str, bytes]) -> None:
    """Each form's shipped example renders to a DOCX that Word-compatible readers open."""
    docx_is_valid(rendered[form_id])


@pytest.mark.parametrize("form_id", FORMS)
def test_every_input_value_appears(form_id: str, rendered: dict[str, bytes]) -> None:
    """No caller text is dropped: every free-text value of the example is in the document."""
    text = squash(docx_text(rendered[form_id]))
    missing = [value for value in free_text(example(form_id)) if squash(value) not in text]
    assert missing == []


def test_dates_numbers_and_labels_are_written_the_decree_way(rendered: dict[str, bytes]) -> None:
    """Codes and dates come out as the decree writes them (leading zeros, Số line, tier label)."""
    text = docx_text(rendered["bieu-01"])
    assert "Văn Chấn, ngày 05 tháng 7 năm 2024" in text
    assert "Số: 15/TTr-UBND" in text
    assert "Căn cứ biên bản cuộc họp ngày 03/07/2024" in text
    assert "đạt chuyển đổi số năm 2024" in text
    text2 = docx_text(rendered["bieu-02"])
    assert "vào hồi 08 giờ 00 phút ngày 03/07/2024" in text2
    assert "là 9/tổng số 10 thành viên tham dự cuộc họp, đạt 90%." in text2
    assert "kết thúc hồi 11 giờ 30 phút ngày 03/07/2024" in text2
    text3 = docx_text(rendered["bieu-03"])
    assert "Số: 42/BC-UBND" in text3
    assert "Tân Thịnh, ngày 15 tháng 10 năm 2024" in text3


# Fixed sentences quoted from seed 001 (Biểu 01–04), with the seed's dotted blanks cut out.
FIXED = {
    "bieu-01": [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỜ TRÌNH",
        "Kính gửi:",
        "- Ủy ban nhân dân tỉnh;",
        "- Sở Thông tin và Truyền thông.",
        "Căn cứ Quyết định 240/QĐ-UBND ngày 06/02/2024 của Ủy ban nhân dân tỉnh ban hành Bộ tiêu "
        "chí đánh giá, công nhận sở, ban, ngành; huyện, thị xã, thành phố; xã, phường, thị trấn "
        "đạt chuyển đổi số/chuyển đổi số nâng cao trên địa bàn tỉnh Yên Bái giai đoạn 2023-2025;",
        "của Ủy ban nhân dân tỉnh về trình tự, thủ tục, hồ sơ xét, công nhận, công bố các sở, ban, "
        "ngành; huyện, thị xã, thành phố; xã, phường, thị trấn đạt chuyển đổi số/chuyển đổi số "
        "nâng cao trên địa bàn tỉnh Yên Bái giai đoạn 2023-2025;",
        "kính đề nghị Ủy ban nhân dân tỉnh thẩm định, xét, công nhận",
        "Hồ sơ kèm theo Tờ trình này, gồm có:",
        "1. Biên bản cuộc họp đề nghị xét, công nhận",
        "về kết quả thực hiện Bộ tiêu chí tạm thời đánh giá, công nhận",
        "3. Các tài liệu kiểm chứng, minh họa về kết quả thực hiện Bộ tiêu chí.",
        "kính và đề nghị Ủy ban nhân dân tỉnh xem xét, thẩm định, công nhận",
        "Nơi nhận:",
    ],
    "bieu-02": [
        "BIÊN BẢN",
        "Họp xét, đề nghị công nhận",
        "I. THÀNH PHẦN THAM GIA CUỘC HỌP",
        "- Chủ trì cuộc họp;",
        "- Thư ký cuộc họp.",
        "II. NỘI DUNG CUỘC HỌP",
        "trình bày báo cáo kết quả thực hiện kế hoạch xây dựng",
        "(kết quả thực hiện Bộ tiêu chí tạm thời đánh giá, công nhận sở, ban, địa phương đạt "
        "chuyển đổi số/chuyển đổi số nâng cao).",
        "2. Ý kiến phát biểu thảo luận của các thành viên tham dự cuộc họp về đề nghị xét, công nhận",
        "3. Kết quả bỏ phiếu: Số thành viên tham dự cuộc hợp nhất trí đề nghị xét, công nhận",
        "thành viên tham dự cuộc họp, đạt",
        "đã thông qua cho các thành viên tham dự cuộc họp cùng nghe và nhất trí",
        "THƯ KÝ CUỘC HỌP",
        "(Ký, ghi rõ họ tên)",
        "CHỦ TRÌ CUỘC HỌP",
        "(Ký, đóng dấu, ghi rõ họ tên)",
    ],
    "bieu-03": [
        "BÁO CÁO",
        "Kết quả thực hiện Bộ tiêu chí đánh giá, công nhận",
        "1. Khái quát đặc điểm tình hình",
        "- Đặc điểm tự nhiên, xã hội.",
        "- Thuận lợi, khó khăn.",
        "- Thực trạng công tác chuyển đổi số trước khi thực hiện Bộ tiêu chí.",
        "2. Công tác chỉ đạo, triển khai",
        "- Công tác chỉ đạo, điều hành",
        "- Công tác truyền thông, đào tạo, tập huấn",
        "- Các giải pháp đã triển khai",
        "3. Kết quả thực hiện Bộ tiêu chí",
        "- Căn cứ kết quả thực hiện Bộ tiêu chí nêu trên; Hướng dẫn của Ủy ban nhân dân tỉnh về "
        "trình tự, thủ tục, hồ sơ xét, công nhận, công bố các sở, ban, ngành; huyện, thị xã, "
        "thành phố; xã, phường, thị trấn đạt chuyển đổi số/chuyển đổi số nâng cao trên địa bàn "
        "tỉnh Yên Bái giai đoạn 2023-2025. Kết luận:",
        "4. Phương hướng nhiệm vụ thời gian tới",
        "5. Đề xuất, kiến nghị",
        "Nơi nhận:",
    ],
    "bieu-04": [
        "HƯỚNG DẪN LẤY SỐ LIỆU, TÀI LIỆU KIỂM CHỨNG PHỤC VỤ ĐÁNH GIÁ THẨM ĐỊNH CÔNG NHẬN CÁC XÃ, "
        "PHƯỜNG, THỊ TRẤN ĐẠT CHUYỂN ĐỔI SỐ/CHUYỂN ĐỔI SỐ NÂNG CAO",
        "Nhóm tiêu chí/Tên tiêu chí",
        "Đơn vị tính",
        "Mức độ",
        "Cách lấy số liệu, phương pháp tính",
        "Tài liệu kiểm chứng",
        "Cơ quan chủ trì, phối hợp thẩm định",
        "Bắt buộc/ Mở rộng",
        "CHÍNH QUYỀN SỐ",
        "Tỷ lệ hồ sơ thủ tục hành chính được người dân, doanh nghiệp nộp trực tuyến trên Cổng "
        "dịch vụ công",
    ],
}


@pytest.mark.parametrize("form_id", FORMS)
def test_fixed_sentences_appear_as_the_seed_writes_them(
    form_id: str, rendered: dict[str, bytes]
) -> None:
    text = " ".join(docx_text(rendered[form_id]).split())
    missing = [sentence for sentence in FIXED[form_id] if sentence not in text]
    assert missing == []


def test_bieu03_section3_is_the_evaluation_of_every_criterion(rendered: dict[str, bytes]) -> None:
    """Section 3 lists every criterion of the evaluated assessment with its status and conclusion."""
    data = example("bieu-03")
    evaluated = docgen_evaluate(data["assessment"])
    document = docx.Document(io.BytesIO(rendered["bieu-03"]))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    names = [plain(row.cells[1].text) for row in table.rows[1:]]
    for result in evaluated.criteria:
        assert result.name in names
    statuses = "\n".join(row.cells[5].text for row in table.rows[1:])
    assert "Không đạt" in statuses and "Thẩm định: Đạt" in statuses
    text = docx_text(rendered["bieu-03"])
    assert "Kết luận: xã Tân Thịnh đạt chuyển đổi số." in text
    assert "Tổng hợp: đạt 24/24 tiêu chí bắt buộc; 7/18 tiêu chí mở rộng (38,9%)." in text
    assert "(chưa hợp lệ): chưa có chữ ký số" in text


def docgen_evaluate(assessment: dict[str, Any]) -> Any:
    from criteria import evaluate

    return evaluate(assessment)


def test_bieu04_lists_the_whole_catalog_of_the_level() -> None:
    """Biểu 04 of each level lists every criterion of that level's catalog, in order."""
    from criteria import load_catalog

    for level in ("so", "huyen", "xa"):
        content = docgen.render("bieu-04", {"level": level})
        text = squash(docx_text(content))
        for criterion in load_catalog(f"yenbai-2024-{level}").criteria:
            assert squash(criterion.name) in text


def test_optional_parts_leave_no_heading_or_stray_dots() -> None:
    """Without proposals there is no '5. Đề xuất' heading; no dotted blank remains anywhere."""
    data = example("bieu-03")
    data["proposals"] = []
    data["issue"]["number"] = None
    text = docx_text(docgen.render("bieu-03", data))
    assert "5. Đề xuất, kiến nghị" not in text
    assert "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND" in text
    for form_id in FORMS:
        body = docx_text(docgen.render(form_id, example(form_id)))
        assert "……" not in body and "...." not in body


@pytest.mark.parametrize("form_id", FORMS)
def test_page_is_a4_with_decree_margins_and_times_new_roman(
    form_id: str, rendered: dict[str, bytes]
) -> None:
    document = docx.Document(io.BytesIO(rendered[form_id]))
    for section in document.sections:
        short, long = sorted((section.page_width, section.page_height))
        assert abs(short - Mm(210)) < Mm(1) and abs(long - Mm(297)) < Mm(1)
        assert Mm(20) <= section.top_margin <= Mm(25)
        assert Mm(20) <= section.bottom_margin <= Mm(25)
        assert Mm(30) <= section.left_margin <= Mm(35)
        assert Mm(15) <= section.right_margin <= Mm(20)
    assert document.styles["Normal"].font.name == "Times New Roman"
    fonts = {run.font.name for p in document.paragraphs for run in p.runs} - {None}
    assert fonts <= {"Times New Roman"}


def test_page_numbers_from_page_two() -> None:
    """Different first page; the other pages carry a centred PAGE field in the top margin."""
    document = docx.Document(io.BytesIO(docgen.render("bieu-01", example("bieu-01"))))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


INJECTED = "A & B <b>\"q\" 'x' {{ 7*7 }} {% if true %}X{% endif %} ]]>"


@pytest.mark.parametrize(
    ("form_id", "path"),
    [
        ("bieu-01", ("agency", "name")),
        ("bieu-02", ("discussion", 0)),
        ("bieu-03", ("plans", 0)),
        ("bieu-04", ("unit",)),
    ],
)
def test_template_syntax_and_xml_in_input_stay_literal(form_id: str, path: tuple) -> None:  # type: ignore[type-arg]
    data = copy.deepcopy(example(form_id))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = INJECTED
    content = docgen.render(form_id, data)
    docx_is_valid(content)
    text = docx_text(content)
    assert INJECTED in text or INJECTED.upper() in text
    assert "49" not in text.replace("2024", "")  # {{ 7*7 }} was not evaluated


def test_nfd_input_comes_out_nfc() -> None:
    data = example("bieu-01")
    data["agency"]["name"] = unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Lục Yên")
    text = docx_text(docgen.render("bieu-01", data))
    assert "Ủy ban nhân dân huyện Lục Yên" in text
    assert unicodedata.normalize("NFD", "Lục Yên") not in text
    assert text == unicodedata.normalize("NFC", text)


def test_long_names_wrap_without_breaking_the_document() -> None:
    data = example("bieu-01")
    data["agency"]["name"] = "Ủy ban nhân dân " + "huyện rất dài " * 30
    docx_is_valid(docgen.render("bieu-01", data))


def test_invalid_input_lists_every_problem_with_its_path() -> None:
    """Missing field, wrong type and a vote above the total: one error, every path."""
    data = example("bieu-02")
    del data["meeting"]["place"]
    data["year"] = "năm nay"
    data["vote"] = {"total": 5, "yes": 7}
    with pytest.raises(FormInputError) as caught:
        docgen.render("bieu-02", data)
    paths = {p.path for p in caught.value.problems}
    assert {"meeting.place", "year", "vote.yes"} <= paths
    assert caught.value.code == "FORM_INPUT_INVALID"


def test_unknown_criterion_id_is_reported_with_the_other_problems() -> None:
    data = example("bieu-03")
    data["assessment"]["criteria"]["IX.99"] = {"value": True}
    data["evidence"]["Z.1"] = [{"title": "x"}]
    del data["signer"]
    with pytest.raises(FormInputError) as caught:
        docgen.render("bieu-03", data)
    paths = {p.path for p in caught.value.problems}
    assert 'assessment.criteria["IX.99"]' in paths
    assert 'evidence["Z.1"]' in paths
    assert "signer" in paths


def test_unknown_form_is_form_not_found() -> None:
    with pytest.raises(docgen.FormNotFound):
        docgen.render("bieu-99", {})


@pytest.mark.parametrize("form_id", FORMS)
def test_json_schema_is_published(form_id: str) -> None:
    schema = docgen.get_form(form_id).json_schema()
    assert schema["type"] == "object" and schema["properties"]
    json.dumps(schema, ensure_ascii=False)


def test_bieu03_prints_no_drafting_instruction_and_exactly_one_conclusion() -> None:
    """The seed's "- Đánh giá chi tiết … kèm số liệu, hình ảnh cụ thể chứng minh." tells the
    drafter what to write; it is not output. One conclusion, the seed's own sentence; a
    criterion's narrative result is written below the table, not in a 2 cm column."""
    text = docx_text(docgen.render("bieu-03", example("bieu-03")))
    assert "Đánh giá chi tiết kết quả đạt được" not in text
    assert "hình ảnh cụ thể chứng minh" not in text
    assert text.count("Kết luận") == 1
    assert "- Tiêu chí I.1 (" in text and "Xã đã ban hành Kế hoạch chuyển đổi số năm 2024." in text


def test_an_impossible_date_gets_its_own_message() -> None:
    """2024-02-30 is written the right way but is on no calendar: the message says so."""
    data = example("bieu-01")
    data["issue"]["date"] = "2024-02-30"
    data["meeting_date"] = "2024-13-01"
    with pytest.raises(FormInputError) as caught:
        docgen.render("bieu-01", data)
    messages = {p.path: p.message for p in caught.value.problems}
    assert "tháng 02/2024 chỉ có 29 ngày" in messages["issue.date"]
    assert "tháng phải từ 01 đến 12" in messages["meeting_date"]
    data["issue"]["date"] = "30/02/2024"
    with pytest.raises(FormInputError) as wrong_format:
        docgen.render("bieu-01", data)
    assert "YYYY-MM-DD" in {p.path: p.message for p in wrong_format.value.problems}["issue.date"]


def test_contradicting_facts_are_warnings_not_errors() -> None:
    """A Tờ trình citing later documents, votes out of more members than attended: the
    document is still rendered, the caller gets each fact with its path."""
    assert docgen.input_warnings("bieu-01", example("bieu-01")) == []
    assert docgen.input_warnings("bieu-02", example("bieu-02")) == []
    early = example("bieu-01")
    early["issue"]["date"] = "2024-01-05"
    docgen.render("bieu-01", early)
    warned = {p.path: p for p in docgen.input_warnings("bieu-01", early)}
    assert set(warned) == {"issue.date", "guidance.date", "meeting_date"}
    assert "Hướng dẫn 02/HD-UBND ngày 10/06/2024" in warned["guidance.date"].message
    few = example("bieu-02")
    few["attendees"]["members"] = few["attendees"]["members"][:2]
    docgen.render("bieu-02", few)
    (votes,) = docgen.input_warnings("bieu-02", few)
    assert votes.code == "VOTES_EXCEED_ATTENDEES" and votes.path == "vote.total"
    assert "chỉ ghi 4 người tham dự" in votes.message
