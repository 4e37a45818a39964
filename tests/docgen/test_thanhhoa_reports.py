"""Thanh Hóa Mẫu 01–04 (seed 003): each renders from its example, says what the seed says, lists
every catalog criterion in its Phụ lục, computes counts and conclusions, and rejects bad input whole."""

from __future__ import annotations

import copy
import io
from typing import Any

import docx
import pytest
from docx.shared import Mm

import docgen
from criteria import evaluate, load_catalog
from docgen.errors import FormInputError
from tests.support.docx_helpers import docx_is_valid, docx_text, squash, string_leaves

FORMS = ["mau-01", "mau-02", "mau-03", "mau-04"]


def example(form_id: str) -> dict[str, Any]:
    return copy.deepcopy(docgen.get_form(form_id).example())


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {form_id: docgen.render(form_id, example(form_id)) for form_id in FORMS}


def text_of(content: bytes) -> str:
    return " ".join(docx_text(content).split())


@pytest.mark.parametrize("form_id", FORMS)
def test_example_renders_to_valid_docx(form_id: str, rendered: dict[str, bytes]) -> None:
    docx_is_valid(rendered[form_id])


# What each form prints of its input; the assessment's codes (catalog, tier, level), figures
# and dates come out formatted and are checked by the tests further down.
def shown_values(form_id: str, data: dict[str, Any]) -> list[str]:
    data = copy.deepcopy(data)
    assessment = data.pop("assessment")
    data.pop("issue")
    for key in ("agency", "signer"):
        data.pop(key, None)
    values = list(string_leaves(data))
    if form_id == "mau-01":
        values += [c["result"] for c in assessment["criteria"].values() if "result" in c]
        values += [e for c in assessment["criteria"].values() for e in c.get("evidence", [])]
    if form_id == "mau-03":
        # Mẫu 03 has no appendix: the district's appraisal only decides the statuses.
        values = list(string_leaves({k: v for k, v in data.items() if k != "appraisal"}))
    if form_id == "mau-04":
        # Phụ lục 03 shows the district's comment, and the Sở's evidence where it checked some.
        verified = data["verification"]
        values = [v for v in values if v not in string_leaves(data["appraisal"])]
        values += [r["comment"] for k, r in data["appraisal"].items() if "comment" in r]
        values += [
            e for k, r in data["appraisal"].items() if k not in verified for e in r["evidence"]
        ]
    # Status codes come out as their labels (Đạt, Không đạt), checked further down.
    return [v for v in values if v not in STATUS_CODES]


STATUS_CODES = {"dat", "khong_dat", "dang_trien_khai"}


@pytest.mark.parametrize("form_id", FORMS)
def test_every_input_value_appears(form_id: str, rendered: dict[str, bytes]) -> None:
    """No caller text is dropped (narrative, comments, evidence, recipients, names)."""
    data = example(form_id)
    text = squash(docx_text(rendered[form_id]))
    missing = [v for v in shown_values(form_id, data) if squash(v) not in text]
    signer = data.get("signer") or {}
    missing += [v for v in signer.values() if squash(v) not in text]
    assert missing == []


FIXED = {
    "mau-01": [
        "BÁO CÁO",
        "Kết quả thực hiện các tiêu chí chuyển đổi số trên địa bàn",
        "Thực hiện Quyết định số 969/QĐ-UBND ngày 18/3/2022 của Chủ tịch UBND tỉnh về việc giao "
        "chỉ tiêu hoàn thành chuyển đổi số cấp huyện, cấp xã trên địa bàn tỉnh Thanh Hóa, giai "
        "đoạn 2022 - 2025; Quyết định số 1829/QĐ-UBND ngày 30/5/2023 của Chủ tịch UBND tỉnh về "
        "việc ban hành các tiêu chí chuyển đổi số cấp xã đến năm 2025 trên địa bàn tỉnh Thanh Hóa;",
        "báo cáo kết quả thực hiện, cụ thể như sau:",
        "I. CÔNG TÁC TỔ CHỨC TRIỂN KHAI THỰC HIỆN",
        "1. Công tác lãnh đạo, chỉ đạo tổ chức triển khai thực hiện",
        "2. Công tác thông tin, tuyên truyền",
        "3. Công tác ban hành các cơ chế, chính sách, văn bản, quy định",
        "II. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ",
        "1. Chính quyền số",
        "- Chỉ tiêu đạt:",
        "- Chỉ tiêu đang triển khai:",
        "- Chỉ tiêu không hoàn thành:",
        "Cụ thể, kết quả đạt như sau:",
        "1.1. Tiêu chí số 1.1",
        "a) Yêu cầu tiêu chí:",
        "b) Kết quả:",
        "(1.1. Tài liệu minh chứng kèm theo)",
        "c) Đánh giá: Đạt.",
        "(Kết quả đánh giá cụ thể các tiêu chí chuyển đổi số như phụ lục 01 kèm theo)",
        "III. ĐÁNH GIÁ CHUNG",
        "1. Đánh giá chung",
        "1.1. Thuận lợi",
        "1.2. Khó khăn, tồn tại",
        "1.3. Nguyên nhân",
        "2. Một số mô hình chuyển đổi số nổi bật",
        "2.1. Tên mô hình 1:",
        "- Mô tả:",
        "- Nhận xét (tính hiệu quả):",
        "IV. NHIỆM VỤ, GIẢI PHÁP TIẾP THEO",
        "KIẾN NGHỊ, ĐỀ XUẤT",
        "Nơi nhận:",
        "- Lưu: VT, VP.",
        "CHỦ TỊCH",
        "PHỤ LỤC 01",
        "CHI TIẾT TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ",
        "Tên chỉ tiêu",
        "Đơn vị tính",
        "Đánh giá (Đạt/Không đạt)",
        "Tài liệu minh chứng",
    ],
    "mau-02": [
        "Về việc thẩm định hồ sơ đề nghị xét, công nhận xã Quảng Nhân hoàn thành các tiêu chí "
        "chuyển đổi số cho năm 2023",
        "Thực hiện Quyết định số 1829/QĐ-UBND ngày 30/5/2023 của Chủ tịch UBND tỉnh về việc ban "
        "hành các tiêu chí chuyển đổi số cấp xã đến năm 2025 trên địa bàn tỉnh Thanh Hóa; UBND",
        "báo cáo kết quả thẩm định như sau:",
        "I. Về hồ sơ, tài liệu minh chứng",
        "II. Về kết quả thực hiện các tiêu chí chuyển đổi số",
        "1. Chính quyền số",
        "2. Kinh tế số",
        "3. Xã hội số",
        "4. Hạ tầng và nền tảng số",
        "(Kết quả thẩm định chi tiết theo Phụ lục số 02)",
        "III. Mô hình nổi trội về chuyển đổi số",
        "IV. Kết luận",
        "Căn cứ kết quả thẩm định:",
        "Tiêu chí chuyển đổi số cấp xã năm",
        "V. Đề xuất, kiến nghị",
        "PHỤ LỤC 02",
        "KẾT QUẢ THẨM ĐỊNH CHI TIẾT THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO XÃ QUẢNG NHÂN",
        "Kết quả tự đánh giá của UBND cấp xã",
        "Kết quả thẩm định của UBND cấp huyện",
    ],
    "mau-03": [
        "UBND TỈNH THANH HÓA",
        "V/v ý kiến về hồ sơ và kết quả thực hiện các tiêu chí chuyển đổi số của đơn vị",
        "Kính gửi: UBND huyện Quảng Xương",
        "Thành viên Ban chỉ đạo chuyển đổi số tỉnh ý kiến về hồ sơ và kết quả thực hiện các tiêu "
        "chí chuyển đổi số của xã Quảng Nhân, huyện Quảng Xương như sau:",
        "I. Về hồ sơ, tài liệu minh chứng",
        "4. Hạ tầng và nền tảng số",
        "III. Mô hình nổi trội về chuyển đổi số",
        "Căn cứ kết quả kiểm tra: đơn vị xã Quảng Nhân, huyện Quảng Xương đã hoàn thành",
        "Kết quả: ĐẠT YÊU CẦU",
        "- BCĐ chuyển đổi số tỉnh (để bc);",
        "- Sở TTTT (để tổng hợp);",
        "THÀNH VIÊN",
        "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH",
        "(Ký tên, đóng dấu)",
    ],
    "mau-04": [
        "UBND TỈNH THANH HÓA",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số: 2315/BC-STTTT",
        "Về việc thẩm tra hồ sơ đề nghị xét, công nhận xã Quảng Nhân hoàn thành các tiêu chí "
        "chuyển đổi số cho năm 2023",
        "Sở Thông tin và Truyền thông báo cáo kết quả thẩm tra về hồ sơ và kết quả thực hiện các "
        "tiêu chí chuyển đổi số của xã Quảng Nhân, huyện Quảng Xương như sau:",
        "Căn cứ kết quả thẩm tra:",
        "Kết quả: ĐẠT",
        "GIÁM ĐỐC",
        "PHỤ LỤC 03",
        "KẾT QUẢ THẨM TRA CÁC TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO XÃ QUẢNG NHÂN",
        "Kết quả thẩm tra của Sở TTTT",
    ],
}


@pytest.mark.parametrize("form_id", FORMS)
def test_fixed_sentences_appear_as_the_seed_writes_them(
    form_id: str, rendered: dict[str, bytes]
) -> None:
    text = text_of(rendered[form_id])
    assert [s for s in FIXED[form_id] if s not in text] == []


def appendix_ids(content: bytes) -> list[str]:
    """The TT column of the appendix table, criteria rows only (group rows are '1'..'4')."""
    document = docx.Document(io.BytesIO(content))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    return [row.cells[0].text for row in table.rows[1:] if "." in row.cells[0].text]


@pytest.mark.parametrize("form_id", ["mau-01", "mau-02", "mau-04"])
def test_appendix_lists_every_catalog_criterion_in_order(
    form_id: str, rendered: dict[str, bytes]
) -> None:
    catalog = load_catalog("thanhhoa-2023-xa")
    assert appendix_ids(rendered[form_id]) == [c.id for c in catalog.criteria]


def test_mau01_counts_per_group_come_from_the_evaluation(rendered: dict[str, bytes]) -> None:
    """Mẫu 01's met / in progress / not met lines are the engine's group counts."""
    text = text_of(rendered["mau-01"])
    assert (
        "- Chỉ tiêu đạt: 11 (tiêu chí 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 1.10, 1.11)"
        in text
    )
    assert "- Chỉ tiêu đang triển khai: 1 (tiêu chí 4.8)" in text
    assert "c) Đánh giá: Đang triển khai." in text
    assert "Kết quả đạt: 71,2% (1.312/1.843); chỉ tiêu: 70%." in text
    catalog = load_catalog("thanhhoa-2023-xa")
    assert catalog.find("1.2").requirement_text in text  # type: ignore[union-attr]


def test_appraisal_changes_status_and_the_conclusion_is_recomputed(
    rendered: dict[str, bytes],
) -> None:
    """4.8 self-assessed in progress, appraised Đạt: 37/37, 100%, ĐẠT; the change is noted."""
    text = text_of(rendered["mau-02"])
    assert "đã hoàn thành 37/37 Tiêu chí chuyển đổi số cấp xã năm 2023, tỷ lệ đạt 100%." in text
    assert "Kết quả: ĐẠT" in text
    assert "Điều chỉnh từ “Đang triển khai” thành “Đạt”" in text


def test_without_appraisal_the_self_assessment_stands() -> None:
    data = example("mau-02")
    data["appraisal"] = {}
    text = text_of(docgen.render("mau-02", data))
    assert "đã hoàn thành 36/37 Tiêu chí chuyển đổi số cấp xã năm 2023, tỷ lệ đạt 97,3%." in text
    assert "Kết quả: KHÔNG ĐẠT" in text


def test_verification_overrides_appraisal_in_mau04() -> None:
    data = example("mau-04")
    data["verification"]["3.12"] = {"status": "khong_dat", "comment": "Số liệu chưa khớp."}
    text = text_of(docgen.render("mau-04", data))
    assert "đã hoàn thành 36/37 Tiêu chí" in text and "Kết quả: KHÔNG ĐẠT" in text
    assert "Tiêu chí 3.12: Số liệu chưa khớp." in text


def test_mau03_conclusion_is_dat_yeu_cau_or_not() -> None:
    data = example("mau-03")
    data["review"]["3.5"]["status"] = "khong_dat"
    text = text_of(docgen.render("mau-03", data))
    assert "Kết quả: KHÔNG ĐẠT YÊU CẦU" in text


def test_optional_parts_leave_no_heading_or_stray_dots() -> None:
    data = example("mau-01")
    for key in ("practices", "recommendations", "district_documents", "notes"):
        data[key] = type(data[key])()
    text = text_of(docgen.render("mau-01", data))
    assert "2. Một số mô hình chuyển đổi số nổi bật" not in text
    assert "KIẾN NGHỊ, ĐỀ XUẤT" not in text
    assert "Văn bản" not in text.split("UBND xã Quảng Nhân báo cáo")[0][-40:]
    data2 = example("mau-02")
    data2["recommendations"] = []
    data2["issue"]["number"] = None
    text2 = text_of(docgen.render("mau-02", data2))
    assert "V. Đề xuất, kiến nghị" not in text2
    for form_id in FORMS:
        body = docx_text(docgen.render(form_id, example(form_id)))
        assert "……" not in body and "....." not in body


@pytest.mark.parametrize("form_id", FORMS)
def test_pages_are_a4_with_decree_margins(form_id: str, rendered: dict[str, bytes]) -> None:
    document = docx.Document(io.BytesIO(rendered[form_id]))
    for section in document.sections:
        short, long = sorted((section.page_width, section.page_height))
        assert abs(short - Mm(210)) < Mm(1) and abs(long - Mm(297)) < Mm(1)
        # Word stores margins in twentieths of a point: 15 mm reads back as 14.99 mm.
        tolerance = Mm(0.1)
        assert Mm(20) - tolerance <= section.top_margin <= Mm(25)
        assert Mm(30) - tolerance <= section.left_margin <= Mm(35)
        assert Mm(15) - tolerance <= section.right_margin <= Mm(20)
    fonts = {run.font.name for p in document.paragraphs for run in p.runs} - {None}
    assert fonts <= {"Times New Roman"}


INJECTED = "A & B <b>\"q\" 'x' {{ 7*7 }} {% if true %}X{% endif %}"


@pytest.mark.parametrize(
    ("form_id", "path"),
    [
        ("mau-01", ("leadership", 0)),
        ("mau-01", ("assessment", "criteria", "1.1", "result")),
        ("mau-02", ("appraisal", "1.6", "comment")),
        ("mau-03", ("dossier", 0)),
        ("mau-04", ("verification", "1.9", "evidence", 0)),
    ],
)
def test_template_syntax_and_xml_in_input_stay_literal(form_id: str, path: tuple[Any, ...]) -> None:
    data = example(form_id)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = INJECTED
    content = docgen.render(form_id, data)
    docx_is_valid(content)
    assert INJECTED in docx_text(content)


def test_invalid_input_lists_every_problem_with_its_path() -> None:
    """Unknown criterion ids, a wrong type, a missing field, a bad figure: one error, all paths."""
    data = example("mau-04")
    data["appraisal"]["9.9"] = {"status": "dat"}
    data["verification"]["1.2"] = {"status": "tot"}
    del data["dossier"]
    data["assessment"]["year"] = "năm nay"
    data["assessment"]["criteria"]["1.6"]["a"] = 5000
    with pytest.raises(FormInputError) as caught:
        docgen.render("mau-04", data)
    paths = {p.path for p in caught.value.problems}
    assert {
        'appraisal["9.9"]',
        'verification["1.2"].status',
        "dossier",
        "assessment.year",
    } <= paths


def test_assessment_problems_are_reported_under_assessment() -> None:
    data = example("mau-01")
    data["assessment"]["criteria"]["1.6"]["a"] = 5000
    data["notes"]["7.7"] = "x"
    with pytest.raises(FormInputError) as caught:
        docgen.render("mau-01", data)
    paths = {p.path for p in caught.value.problems}
    assert {'assessment.criteria["1.6"].a', 'notes["7.7"]'} <= paths


def test_a_non_thanhhoa_assessment_is_refused() -> None:
    data = example("mau-02")
    yenbai = docgen.get_form("bieu-03").example()["assessment"]
    data["assessment"] = yenbai
    data["appraisal"] = {}
    with pytest.raises(FormInputError) as caught:
        docgen.render("mau-02", data)
    assert "assessment.catalog" in {p.path for p in caught.value.problems}


def test_example_assessment_evaluates() -> None:
    assert evaluate(example("mau-01")["assessment"]).decision.total == 37


@pytest.mark.parametrize(
    ("form_id", "cited"),
    [
        ("mau-01", {"969/QĐ-UBND", "1829/QĐ-UBND"}),
        ("mau-02", {"1829/QĐ-UBND"}),
        ("mau-03", {"1829/QĐ-UBND"}),
        ("mau-04", {"1829/QĐ-UBND"}),
    ],
)
def test_a_report_dated_before_the_decision_it_carries_out_is_warned(
    form_id: str, cited: set[str]
) -> None:
    """Every report opens with "Thực hiện Quyết định … 1829/QĐ-UBND ngày 30/5/2023" (Mẫu 01
    also with 969 of 18/3/2022): a date before it is a typing mistake the clerk must see,
    though the document is still rendered. An undated draft is not judged."""
    data = docgen.get_form(form_id).example()
    assert docgen.input_warnings(form_id, data) == []
    data["issue"]["date"] = "2022-01-10"
    docgen.render(form_id, data)
    warned = docgen.input_warnings(form_id, data)
    assert {p.code for p in warned} == {"CITES_LATER_DOCUMENT"}
    assert {p.path for p in warned} == {"issue.date"}
    assert {m.split("số ")[1].split(" ngày")[0] for m in (p.message for p in warned)} == cited
    assert all("ngày 10/01/2022" in p.message for p in warned)
    data["issue"]["date"] = "2023-05-30"
    assert docgen.input_warnings(form_id, data) == []
    data["issue"]["date"] = None
    assert docgen.input_warnings(form_id, data) == []
