"""Vietnamese words for the report's codes, for every place a person reads a report.

The JSON contract keeps stable English codes (``entire_revision``,
``TOTAL_FAILED``); reviewers read these words instead. One table, so the CLI,
the dossier reports and the web page never disagree.
"""

from __future__ import annotations

VERDICT_LABELS: dict[str, str] = {
    "valid": "HỢP LỆ",
    "invalid": "KHÔNG HỢP LỆ",
    "indeterminate": "CHƯA XÁC ĐỊNH ĐƯỢC",
    "unsigned": "KHÔNG CÓ CHỮ KÝ SỐ",
    "unreadable": "KHÔNG ĐỌC ĐƯỢC",
}

INDICATION_LABELS: dict[str, str] = {
    "TOTAL_PASSED": "hợp lệ",
    "TOTAL_FAILED": "không hợp lệ",
    "INDETERMINATE": "chưa xác định được",
}

COVERAGE_LABELS: dict[str, str] = {
    "entire_file": "toàn bộ tệp",
    "entire_revision": "toàn bộ phiên bản được ký (tệp có cập nhật sau đó)",
    "partial": "chỉ một phần tệp",
    "unclear": "không xác định",
}

MODIFIED_AFTER_LABELS: dict[str, str] = {
    "none": "không",
    "signatures_or_validation_data": "chỉ thêm chữ ký hoặc dữ liệu xác thực (được phép)",
    "form_filling": "sửa giá trị ô biểu mẫu",
    "annotations": "thêm hoặc sửa chú thích",
    "other": "sửa nội dung hoặc cấu trúc tài liệu",
}

REVOCATION_LABELS: dict[str, str] = {
    "good": "chưa bị thu hồi",
    "revoked": "ĐÃ BỊ THU HỒI",
    "unknown": "không xác định (không có dữ liệu thu hồi)",
}

SIGNING_TIME_SOURCE_LABELS: dict[str, str] = {
    "timestamp": "theo dấu thời gian",
    "claimed": "do người ký khai",
}

CHECK_LABELS: dict[str, str] = {
    "integrity": "Toàn vẹn",
    "coverage": "Phạm vi ký",
    "changes": "Thay đổi sau khi ký",
    "chain": "Chuỗi chứng thư",
    "revocation": "Thu hồi",
    "algorithms": "Thuật toán",
    "time": "Thời điểm ký",
}

CHECK_STATE_LABELS: dict[str, str] = {
    "passed": "đạt",
    "info": "lưu ý",
    "warning": "cảnh báo",
    "unknown": "chưa xác định",
    "failed": "không đạt",
    "not_checked": "chưa kiểm tra",
}

CERTIFICATE_ROLE_LABELS: dict[str, str] = {
    "signer": "Chứng thư người ký",
    "issuer": "CA phát hành",
    "root": "Chứng thư gốc",
    "missing": "CA còn thiếu",
}

FIELD_LABELS: dict[str, str] = {
    "parent_agency": "Cơ quan chủ quản",
    "agency": "Cơ quan ban hành",
    "number": "Số, ký hiệu",
    "type": "Tên loại văn bản",
    "type_code": "Mã loại",
    "place": "Địa danh",
    "date": "Ngày ban hành",
    "subject": "Trích yếu",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Người ký",
}
