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
    ├── UploadTooLarge          body over HOSO_MAX_UPLOAD_MB            (413)
    └── UnsupportedFileType     not a PDF / not a ZIP                   (415)
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from criteria import CriteriaError
from criteria.problems import problems_from_errors
from docgen.errors import DocgenError
from verify.errors import VerifyError

log = logging.getLogger("hoso.api")

STATUS_BY_CODE: dict[str, int] = {
    # ours
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "NOT_FOUND": 404,
    "METHOD_NOT_ALLOWED": 405,
    "JOB_NOT_FINISHED": 409,
    "UPLOAD_TOO_LARGE": 413,
    "UNSUPPORTED_FILE_TYPE": 415,
    "VALIDATION_FAILED": 422,
    "FORM_NOT_FROM_DOSSIER": 404,
    "INTERNAL_ERROR": 500,
    # criteria
    "CATALOG_NOT_FOUND": 404,
    "ASSESSMENT_INVALID": 422,
    # docgen
    "FORM_NOT_FOUND": 404,
    "FORM_INPUT_INVALID": 422,
    "CONVERTER_UNAVAILABLE": 503,
    "CONVERSION_TIMEOUT": 504,
    "CONVERSION_FAILED": 500,
    # verify
    "OPTIONS_INVALID": 422,
    # dossier checks (a failed job's report answers with the checker's code)
    "DOSSIER_INVALID": 422,
    "DOSSIER_ERROR": 422,
    "DOSSIER_LAYOUT_INVALID": 422,
    "DOSSIER_NOT_FOUND": 422,
    "ARCHIVE_INVALID": 422,
    "ARCHIVE_TOO_LARGE": 422,
}
"""Error code → HTTP status. Codes not listed are internal failures (500)."""

MESSAGES_BY_STATUS = {
    401: "Cần khóa API hợp lệ (Authorization: Bearer KHÓA).",
    403: "Khóa API này không có quyền thực hiện thao tác.",
    404: "Không tìm thấy.",
    405: "Phương thức không được hỗ trợ.",
    413: "Tệp tải lên quá lớn.",
    500: "Lỗi nội bộ của dịch vụ; chi tiết đã được ghi vào nhật ký.",
}


TOLD_AS_IS = frozenset({"CONVERTER_UNAVAILABLE", "CONVERSION_TIMEOUT", "CONVERSION_FAILED"})
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


class UploadTooLarge(ApiError):
    code = "UPLOAD_TOO_LARGE"


class UnsupportedFileType(ApiError):
    code = "UNSUPPORTED_FILE_TYPE"


def status_of(code: str) -> int:
    return STATUS_BY_CODE.get(code, 500)


def envelope(code: str, message: str, details: Any = None) -> JSONResponse:
    """The one error body; 401 responses also say which scheme to use."""
    status = status_of(code)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    body = {"error": {"code": code, "message": message, "details": jsonable_encoder(details)}}
    return JSONResponse(body, status_code=status, headers=headers)


def _library_details(exc: Exception) -> Any:
    problems = getattr(exc, "problems", None)
    if not problems:
        return None
    return [p.as_dict() if hasattr(p, "as_dict") else jsonable_encoder(p) for p in problems]


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
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


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}
    codes |= {413: "UPLOAD_TOO_LARGE", 422: "VALIDATION_FAILED"}
    code = codes.get(exc.status_code, "INTERNAL_ERROR")
    message = MESSAGES_BY_STATUS.get(exc.status_code, MESSAGES_BY_STATUS[500])
    if code == "INTERNAL_ERROR":
        log.error("HTTP %s: %s", exc.status_code, exc.detail)
    return envelope(code, message)


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
    app.add_exception_handler(Exception, _unexpected)
