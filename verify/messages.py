"""The Vietnamese sentences of signature reports, in one place.

Each says what is wrong and, where the reader can act, what to do. Kept
apart from the checks so that wording can be reviewed (and changed) without
touching logic.
"""

from __future__ import annotations

from datetime import datetime

from verify.vntime import shown

PASSED = "Chữ ký số hợp lệ: nội dung không bị sửa sau khi ký, chứng thư số tin cậy và còn hiệu lực tại thời điểm ký."


def passed(policy_id: str, warnings: int) -> str:
    """The first message of a passing signature, naming the policy and its warnings."""
    if not warnings:
        return PASSED
    return (
        f"Chữ ký số hợp lệ theo chính sách '{policy_id}', kèm {warnings} cảnh báo cần đọc: nội "
        "dung không bị sửa sau khi ký, chứng thư số tin cậy."
    )


HASH_FAILURE = (
    "Nội dung tệp đã bị thay đổi sau khi ký (giá trị băm không khớp): "
    "bản này không phải bản đã được ký. Đề nghị nộp lại bản gốc đã ký số."
)
SIG_CRYPTO_FAILURE = (
    "Giá trị chữ ký không khớp với khoá công khai của chứng thư số: chữ ký không hợp lệ. "
    "Đề nghị nộp lại bản gốc đã ký số."
)
SIGNED_BYTES_CHANGED = (
    "Nội dung trong phạm vi đã ký bị thay đổi (giá trị băm không khớp): không xác định được "
    "vị trí sửa vì tệp không còn giữ bản đã ký để so sánh."
)
MODIFIED = "Tệp đã bị sửa sau khi ký: chữ ký không còn bảo đảm cho nội dung đang hiển thị."
TRAILING_GARBAGE = (
    "Có dữ liệu lạ sau dấu kết thúc tệp (%%EOF) không thuộc bản cập nhật hợp lệ nào: "
    "phần này không được ký. Đề nghị nộp lại bản gốc đã ký số."
)
NO_SIGNER_CERT = (
    "Chữ ký không kèm chứng thư số của người ký nên không xác định được người ký. "
    "Đề nghị ký lại bằng phần mềm ký số có nhúng chứng thư."
)
WRONG_KEY_USAGE = (
    "Chứng thư số của người ký không được cấp cho mục đích ký số (chỉ dùng để mã hoá khoá): "
    "không được dùng để ký văn bản."
)
NO_REVOCATION_POINTER = (
    "Chứng thư số không khai báo nơi tra cứu tình trạng thu hồi; không kiểm tra được thu hồi."
)
LEGACY_SHA1_SUBFILTER = (
    "Chữ ký theo định dạng cũ adbe.pkcs7.sha1 (băm SHA-1), thường gặp ở văn bản ký 2020–2022."
)


def unknown_subfilter(subfilter: str) -> str:
    return (
        f"Định dạng chữ ký /SubFilter '{subfilter}' không được hỗ trợ hoặc không được chấp nhận; "
        "đề nghị ký lại theo chuẩn PAdES hoặc adbe.pkcs7.detached."
    )


def signing_time_in_future(moment: datetime, now: datetime) -> str:
    return (
        f"Thời điểm ký khai báo ({shown(moment)}) nằm sau thời điểm kiểm tra "
        f"({shown(now)}): không tin được thời điểm ký."
    )


def claimed_time(moment: datetime) -> str:
    return (
        f"Thời điểm ký {shown(moment)} chỉ do người ký khai (theo đồng hồ máy ký), không có "
        "dấu thời gian của tổ chức cấp dấu thời gian để chứng minh."
    )


def placeholder_time(moment: datetime) -> str:
    return (
        f"Thời điểm ký ghi trong tệp ({shown(moment)}) là giá trị mặc định của phần mềm ký, "
        "không phải thời điểm ký thật, và không có dấu thời gian: không biết chữ ký được tạo "
        "khi nào."
    )


def unknown_time_validity(now: datetime, not_before: datetime, not_after: datetime) -> str:
    return (
        f"Không biết thời điểm ký, và tại thời điểm kiểm tra ({shown(now)}) chứng thư số của "
        f"người ký không còn hiệu lực (hiệu lực {not_before:%d/%m/%Y}–{not_after:%d/%m/%Y}): "
        "không xác định được chứng thư còn hiệu lực khi ký."
    )
