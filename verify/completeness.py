"""The problems an evidence file's administrative fields raise by their absence.

:func:`verify.fields.parse_fields` finds what is printed; this module says, in
Vietnamese, what is missing and why the file is then not accepted as evidence
(a missing required field is an error; a missing national title, motto or
signer, or fields read by OCR, a warning). Kept apart from the parsing so that
the wording can be reviewed without touching the layout rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from verify.labels import FIELD_LABELS
from verify.report import FieldDetail, Problem

if TYPE_CHECKING:
    from verify.fields import FieldsResult

MISSING_MESSAGES = {
    "agency": (
        "AGENCY_MISSING",
        "Không tìm thấy tên cơ quan ban hành ở góc trên bên trái trang đầu: văn bản minh chứng "
        "phải do cơ quan nhà nước có thẩm quyền ban hành.",
    ),
    "number": (
        "NUMBER_MISSING",
        "Không tìm thấy số, ký hiệu văn bản (dòng “Số: …” dưới tên cơ quan): hãy nộp bản đã "
        "ban hành có số.",
    ),
    "date": (
        "DATE_MISSING",
        "Không tìm thấy địa danh và ngày ban hành (“…, ngày … tháng … năm …”): hãy nộp bản "
        "đã ban hành có ngày.",
    ),
    "type": (
        "TYPE_MISSING",
        "Không xác định được tên loại văn bản (QUYẾT ĐỊNH, KẾ HOẠCH, BÁO CÁO… hoặc công văn "
        "có dòng “V/v …”): văn bản chưa đúng thể thức.",
    ),
}


def completeness_problems(result: FieldsResult, *, readable: bool) -> list[Problem]:
    """One problem per missing field of ``result``, none when the page was unreadable."""
    problems: list[Problem] = []
    if not readable:
        return problems  # TEXT_UNREADABLE or OCR problems already say why nothing was found
    already = {p.code for p in result.problems}
    for name in result.missing_fields:
        code, message = MISSING_MESSAGES[name]
        if name == "number" and "NUMBER_BLANK" in already:
            continue
        if name == "date" and already & {"DATE_BLANK", "DATE_INVALID"}:
            continue
        problems.append(Problem(code=code, severity="error", message=message))
    if not result.national_title:
        problems.append(
            Problem(
                code="NATIONAL_TITLE_MISSING",
                severity="warning",
                message="Thiếu Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” ở đầu văn bản.",
            )
        )
    if not result.motto:
        problems.append(
            Problem(
                code="MOTTO_MISSING",
                severity="warning",
                message="Thiếu Tiêu ngữ “Độc lập - Tự do - Hạnh phúc” dưới Quốc hiệu.",
            )
        )
    if result.fields.signer_name is None:
        problems.append(
            Problem(
                code="SIGNER_MISSING",
                severity="warning",
                message=(
                    "Không tìm thấy chức vụ, họ tên người ký ở cuối văn bản: kiểm tra văn bản "
                    "đã được ký ban hành."
                ),
            )
        )
    uncertain = [
        (name, d) for name, d in result.details.items() if d.uncertain and name != "type_code"
    ]
    if uncertain:
        problems.append(_uncertain_problem(result, uncertain))
    if result.fields.source == "ocr":
        problems.append(
            Problem(
                code="FIELDS_FROM_OCR",
                severity="warning",
                message=(
                    "Văn bản là bản quét: các thông tin trên được nhận dạng bằng OCR, "
                    "hãy đối chiếu với bản gốc; nên nộp bản điện tử có ký số."
                ),
            )
        )
    return problems


def _uncertain_problem(result: FieldsResult, uncertain: list[tuple[str, FieldDetail]]) -> Problem:
    """One warning naming every value a person should check against the original."""
    items = []
    for name, detail in uncertain:
        value = getattr(result.fields, name, None)
        shown = f"{value:%d/%m/%Y}" if hasattr(value, "strftime") else str(value)
        why = detail.note or (
            f"độ tin cậy nhận dạng {detail.confidence:.0%}".replace(".", ",")
            if detail.confidence is not None
            else "cần đối chiếu"
        )
        items.append(f"{FIELD_LABELS.get(name, name).lower()} “{shown}” ({why})")
    return Problem(
        code="FIELD_UNCERTAIN",
        severity="warning",
        message=("Cần đối chiếu với bản gốc, hoso đọc chưa chắc chắn: " + "; ".join(items) + "."),
    )


def not_administrative_problem(title: str | None) -> Problem:
    """The one problem of a file that is not an administrative document at all."""
    named = f" (tài liệu có tiêu đề “{title}”)" if title else ""
    return Problem(
        code="NOT_ADMINISTRATIVE",
        severity="error",
        message=(
            f"Tệp không phải văn bản hành chính theo Nghị định 30/2020/NĐ-CP{named}: không có "
            "phần đầu gồm tên cơ quan ban hành, số và ký hiệu, tên loại văn bản. Hợp đồng, "
            "đơn, biểu mẫu, hóa đơn hay bản tin không được tính là minh chứng của tiêu chí; "
            "hãy nộp văn bản do cơ quan có thẩm quyền ban hành (quyết định, kế hoạch, báo cáo, "
            "công văn...) đã được ký số."
        ),
    )
