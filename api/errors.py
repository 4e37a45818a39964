"""The one error envelope of the API and the one table of statuses.

Every error the service sends looks like
``{"error": {"code": "UPPER_SNAKE", "message": "...", "details": [...] | {...} | null}}``
— our own errors, the libraries' errors (their stable ``code`` and
``problems``), request validation errors (every problem with its path, at
once) and unexpected failures (logged here with the traceback, answered with
a generic message: internals never leak).

Exception tree of the API layer::

    ApiError                    code + message + details; status from STATUS_BY_CODE
    ├── Unauthenticated         no key, unknown key, revoked key        (401)
    ├── Forbidden               the key's role may not do this          (403)
    ├── NotFound                no such resource, or not yours          (404)
    ├── Conflict                e.g. revoking the last admin key        (409)
    ├── UploadTooLarge          body over HOSO_MAX_UPLOAD_MB            (413)
    ├── UnsupportedFileType     not a PDF / not a ZIP                   (415)
    └── ServiceBusy             a bounded resource is full              (503 + Retry-After)

Client mistakes the framework finds before our code runs (a multipart body
without or with a wrong boundary, a part header too long, JSON that is not
UTF-8 or nested too deep, a body sent too slowly) arrive as Starlette's
``HTTPException`` and are answered 400/408/413 with a Vietnamese message and
one short log line — never a traceback, never a 500. A database that does
not answer (a full pool, a lost connection, a failed write) is answered 503
with ``Retry-After``: the request failed whole, nothing half-written.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from criteria import CriteriaError
from criteria.dossier_events import WorkflowError
from criteria.problems import problems_from_errors
from docgen.errors import DocgenError
from verify.errors import VerifyError

log = logging.getLogger("hoso.api")

STATUS_BY_CODE: dict[str, int] = {
    # ours
    "BAD_REQUEST": 400,
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "NOT_FOUND": 404,
    "METHOD_NOT_ALLOWED": 405,
    "REQUEST_TIMEOUT": 408,
    "JOB_NOT_FINISHED": 409,
    "LAST_ADMIN_KEY": 409,
    "UPLOAD_TOO_LARGE": 413,
    "UNSUPPORTED_FILE_TYPE": 415,
    "VALIDATION_FAILED": 422,
    "FORM_NOT_FROM_DOSSIER": 404,
    "REVISION_NOT_SIGNED": 404,
    "PICTURE_UNAVAILABLE": 422,
    "INTERNAL_ERROR": 500,
    "SERVICE_BUSY": 503,
    "DATABASE_UNAVAILABLE": 503,
    # criteria
    "CATALOG_NOT_FOUND": 404,
    "ASSESSMENT_INVALID": 422,
    # the appraisal chain (criteria.workflow)
    "CHAIN_NOT_FOUND": 422,
    "NOT_IN_CHARGE": 403,
    "STAGE_NOT_FOUND": 404,
    "STAGE_NOT_CURRENT": 409,
    "STAGE_INCOMPLETE": 409,
    "DOSSIER_CLOSED": 409,
    "DOSSIER_ALREADY_OPEN": 409,
    "CONCURRENT_UPDATE": 409,
    "FORM_NOT_READY": 409,
    "CRITERION_NOT_IN_SCOPE": 422,
    "DECISION_INVALID": 422,
    "REASON_REQUIRED": 422,
    "REASON_TOO_LONG": 422,
    "OUTCOME_INVALID": 422,
    "MEETING_INVALID": 422,
    "RESUBMISSION_INVALID": 422,
    # docgen
    "FORM_NOT_FOUND": 404,
    "FORM_INPUT_INVALID": 422,
    "CONVERTER_UNAVAILABLE": 503,
    "CONVERSION_TIMEOUT": 504,
    "CONVERSION_FAILED": 500,
    "SIGNING_FAILED": 500,
    "SIGNING_NOT_CONFIGURED": 409,
    # verify
    "OPTIONS_INVALID": 422,
    "POLICY_NOT_FOUND": 422,
    "POLICY_INVALID": 422,
    # dossier checks (a failed job's report answers with the checker's code)
    "DOSSIER_INVALID": 422,
    "DOSSIER_ERROR": 422,
    "DOSSIER_LAYOUT_INVALID": 422,
    "DOSSIER_NOT_FOUND": 422,
    "ARCHIVE_INVALID": 422,
    "ARCHIVE_TOO_LARGE": 422,
    "RESULT_TOO_LARGE": 422,
}
"""Error code → HTTP status. Codes not listed are internal failures (500)."""

MESSAGES_BY_STATUS = {
    400: "Yêu cầu không đọc được.",
    401: "Cần khóa API hợp lệ (Authorization: Bearer KHÓA).",
    403: "Khóa API này không có quyền thực hiện thao tác.",
    404: "Không tìm thấy.",
    405: "Phương thức không được hỗ trợ.",
    408: "Dữ liệu gửi lên quá chậm; yêu cầu đã bị dừng.",
    413: "Tệp tải lên quá lớn.",
    500: "Lỗi nội bộ của dịch vụ; chi tiết đã được ghi vào nhật ký.",
}


TOLD_AS_IS = frozenset(
    {"CONVERTER_UNAVAILABLE", "CONVERSION_TIMEOUT", "CONVERSION_FAILED", "SIGNING_FAILED"}
)
"""5xx library codes whose message is meant for the user (LibreOffice restarted, try again)."""


class ApiError(Exception):
    """An error answered with the envelope; the status comes from ``STATUS_BY_CODE``."""

    code = "INTERNAL_ERROR"

    def __init__(self, message: str, details: Any = None, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        if code is not None:
            self.code = code


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"


class Forbidden(ApiError):
    code = "FORBIDDEN"


class NotFound(ApiError):
    code = "NOT_FOUND"


class Conflict(ApiError):
    code = "LAST_ADMIN_KEY"


class ServiceBusy(ApiError):
    code = "SERVICE_BUSY"


class UploadTooLarge(ApiError):
    code = "UPLOAD_TOO_LARGE"


class UnsupportedFileType(ApiError):
    code = "UNSUPPORTED_FILE_TYPE"


def too_large_message(limit: int) -> str:
    return (
        f"Dữ liệu gửi lên vượt quá giới hạn {limit / (1024 * 1024):.3g} MB; không có gì được lưu."
    )


def status_of(code: str) -> int:
    return STATUS_BY_CODE.get(code, 500)


RETRY_AFTER_S = 5
"""``Retry-After`` of a 503 that has no better estimate (database busy or down)."""


def envelope(code: str, message: str, details: Any = None) -> JSONResponse:
    """The one error body; 401 says which scheme to use, 503 when to come back."""
    status = status_of(code)
    headers: dict[str, str] = {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if status == 503:
        headers["Retry-After"] = str(RETRY_AFTER_S)
    body = {"error": {"code": code, "message": message, "details": jsonable_encoder(details)}}
    return JSONResponse(body, status_code=status, headers=headers or None)


def _library_details(exc: Exception) -> Any:
    problems = getattr(exc, "problems", None)
    if isinstance(exc, WorkflowError):
        return jsonable_encoder(exc.details)
    if not problems:
        return None
    return [p.as_dict() if hasattr(p, "as_dict") else jsonable_encoder(p) for p in problems]


def _client_mistake(request: Request, status: int, code: str, message: str) -> None:
    """One short line per refused request: what and where, never a traceback."""
    log.info("%s %s → %d %s: %s", request.method, request.url.path, status, code, message[:200])


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    if status_of(exc.code) < 500:
        _client_mistake(request, status_of(exc.code), exc.code, exc.message)
    return envelope(exc.code, exc.message, exc.details)


async def _library_error(_request: Request, exc: Exception) -> JSONResponse:
    code = str(getattr(exc, "code", "INTERNAL_ERROR"))
    if status_of(code) >= 500 and code not in TOLD_AS_IS:
        log.error("library failure %s", code, exc_info=exc)
        return envelope("INTERNAL_ERROR", MESSAGES_BY_STATUS[500])
    return envelope(code, str(getattr(exc, "message", "")) or str(exc), _library_details(exc))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [p.as_dict() for p in problems_from_errors(exc.errors())]
    return envelope(
        "VALIDATION_FAILED",
        f"Yêu cầu có {len(problems)} lỗi; xem danh sách trong details.",
        problems,
    )


HTTP_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    408: "REQUEST_TIMEOUT",
    413: "UPLOAD_TOO_LARGE",
    422: "VALIDATION_FAILED",
}

MULTIPART_MESSAGES = {
    "Missing boundary in multipart.": (
        "Yêu cầu multipart/form-data thiếu tham số boundary trong tiêu đề Content-Type: "
        "hãy để trình duyệt hoặc thư viện HTTP tự tạo tiêu đề này khi gửi tệp."
    ),
    "Invalid multipart data.": (
        "Dữ liệu multipart/form-data không đúng định dạng: boundary không khớp với nội dung, "
        "hoặc phần tiêu đề của tệp (thường là tên tệp) dài quá 4.000 ký tự. Hãy đặt tên tệp "
        "ngắn hơn rồi gửi lại."
    ),
}


def _bad_body_message(exc: StarletteHTTPException) -> str:
    """Why a body could not be read, from the library's own cause."""
    cause = exc.__cause__
    if isinstance(cause, UnicodeDecodeError):
        return "Nội dung JSON không phải văn bản UTF-8: hãy lưu và gửi lại dữ liệu dạng UTF-8."
    if isinstance(cause, RecursionError):
        return NESTED_TOO_DEEP
    detail = str(exc.detail)
    if detail in MULTIPART_MESSAGES:
        return MULTIPART_MESSAGES[detail]
    if "multipart" in detail.lower() or "field" in detail.lower():
        return f"Dữ liệu multipart/form-data không đọc được ({detail}): hãy gửi lại tệp."
    return (
        "Nội dung yêu cầu không đọc được: hãy kiểm tra định dạng (JSON hoặc multipart/form-data)."
    )


NESTED_TOO_DEEP = (
    "Dữ liệu JSON lồng nhau quá sâu (hàng trăm cấp): dữ liệu hợp lệ của dịch vụ chỉ có vài cấp; "
    "hãy kiểm tra lại cách tạo dữ liệu."
)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    code = HTTP_CODES.get(status, "BAD_REQUEST" if 400 <= status < 500 else "INTERNAL_ERROR")
    if code == "INTERNAL_ERROR":
        log.error("HTTP %s: %s", status, exc.detail)
        return envelope(code, MESSAGES_BY_STATUS[500])
    details: Any = None
    message = MESSAGES_BY_STATUS.get(status, MESSAGES_BY_STATUS[400])
    if code == "BAD_REQUEST":
        message = _bad_body_message(exc)
    elif code == "UPLOAD_TOO_LARGE" and str(exc.detail).isdigit():
        limit = int(str(exc.detail))
        message, details = too_large_message(limit), {"max_bytes": limit}
    elif code == "REQUEST_TIMEOUT":
        message = (
            f"Dữ liệu gửi lên bị dừng quá {exc.detail} giây giữa chừng: yêu cầu đã bị hủy, "
            "hãy gửi lại khi đường truyền ổn định."
        )
    _client_mistake(request, status_of(code), code, message)
    response = envelope(code, message, details)
    if code in ("UPLOAD_TOO_LARGE", "REQUEST_TIMEOUT", "BAD_REQUEST"):
        response.headers["Connection"] = "close"
    return response


async def _too_deep(request: Request, _exc: Exception) -> JSONResponse:
    _client_mistake(request, 422, "VALIDATION_FAILED", NESTED_TOO_DEEP)
    return envelope("VALIDATION_FAILED", NESTED_TOO_DEEP)


async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """Pool exhausted or database down: the request failed whole; come back later."""
    log.warning(
        "database unavailable on %s %s: %s",
        request.method,
        request.url.path,
        str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__,
    )
    return envelope(
        "DATABASE_UNAVAILABLE",
        "Cơ sở dữ liệu tạm thời không phản hồi; yêu cầu chưa được thực hiện, không có gì "
        f"được lưu dở dang. Hãy thử lại sau {RETRY_AFTER_S} giây.",
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return envelope("INTERNAL_ERROR", MESSAGES_BY_STATUS[500])


def install_error_handlers(app: FastAPI) -> None:
    """Route every failure of the app to the one envelope."""
    app.add_exception_handler(ApiError, _api_error)
    for root in (CriteriaError, DocgenError, VerifyError):
        app.add_exception_handler(root, _library_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RecursionError, _too_deep)
    app.add_exception_handler(PoolTimeout, _database_unavailable)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(InterfaceError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected)
