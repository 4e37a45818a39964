"""What a finished dossier job can be turned into, by the dossier package's own code.

HTML and XLSX reports and the appraisal forms (Mẫu 02, Mẫu 04, Biểu 03)
are written by ``verify.dossier`` from its result; the API only hands the
stored result back to it. Until that package is installed the formats it
provides answer 422 ``FORMAT_NOT_AVAILABLE``.
"""

from __future__ import annotations

from typing import Any

from api.errors import ApiError


def _unavailable(what: str) -> ApiError:
    return ApiError(
        f"Chưa tạo được {what}: chức năng kiểm tra hồ sơ chưa có trong bản cài đặt này.",
        code="FORMAT_NOT_AVAILABLE",
    )


def report_bytes(result: dict[str, Any], fmt: str) -> bytes:
    """The dossier report in ``html`` or ``xlsx``."""
    raise _unavailable(f"báo cáo {fmt.upper()}")


def form_data(result: dict[str, Any], form_id: str) -> dict[str, Any]:
    """The input of an appraisal form filled from the check's result."""
    raise _unavailable(f"biểu mẫu {form_id}")
