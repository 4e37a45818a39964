"""Input problems with their JSON paths, in Vietnamese, for every door JSON comes in by.

The assessment (here), the forms (docgen) and the HTTP requests (api) are all
validated by pydantic. A caller must read the same path syntax and the same
words whichever of them rejected its JSON, so the translation lives once, in
the package every other one may depend on. pydantic's own messages are
English and never reach a user.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from criteria.errors import Problem

ROOT = "(gốc)"
"""The path of the document itself (a list sent where an object was expected)."""

_QUOTED_AFTER = frozenset({"criteria"})
"""Fields whose keys are criterion ids: always quoted, ``criteria["1"]`` like ``criteria["I.1"]``."""

_MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "extra_forbidden": "Trường không được hỗ trợ (kiểm tra chính tả tên trường).",
    "string_type": "Phải là chuỗi ký tự.",
    "int_type": "Phải là số nguyên.",
    "int_parsing": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "float_type": "Phải là số.",
    "float_parsing": "Phải là số.",
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "list_type": "Phải là danh sách (mảng JSON).",
    "dict_type": "Phải là đối tượng JSON.",
    "model_type": "Phải là đối tượng JSON.",
    "model_attributes_type": "Phải là đối tượng JSON.",
    "date_type": "Phải là ngày dạng YYYY-MM-DD.",
    "date_parsing": "Phải là ngày dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "Phải là ngày dạng YYYY-MM-DD.",
    "datetime_type": "Phải là thời điểm dạng YYYY-MM-DDTHH:MM:SS.",
    "datetime_parsing": "Phải là thời điểm dạng YYYY-MM-DDTHH:MM:SS.",
    "time_type": "Phải là giờ dạng HH:MM.",
    "time_parsing": "Phải là giờ dạng HH:MM.",
    "string_too_short": "Không được để trống.",
    "string_too_long": "Quá dài.",
    "too_short": "Danh sách không được để trống.",
    "too_long": "Danh sách quá dài.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "greater_than": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "less_than": "Giá trị quá lớn.",
    "literal_error": "Giá trị không hợp lệ.",
    "enum": "Giá trị không hợp lệ.",
    "string_pattern_mismatch": "Sai định dạng.",
    "json_invalid": "Không phải JSON hợp lệ (kiểm tra dấu ngoặc, dấu phẩy, dấu nháy).",
    "json_type": "Phải là JSON.",
}
_LIMITS = {
    "greater_than_equal": "nhỏ nhất",
    "greater_than": "phải lớn hơn",
    "less_than_equal": "lớn nhất",
    "less_than": "phải nhỏ hơn",
}


def json_path(loc: Iterable[int | str]) -> str:
    """``("vote", "yes")`` → ``vote.yes``; indexes ``[2]``; criterion ids and dotted keys quoted."""
    path = ""
    previous: int | str | None = None
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif previous in _QUOTED_AFTER or not part or "." in part or " " in part:
            path += f'["{part}"]'
        else:
            path += f".{part}" if path else part
        previous = part
    return path or ROOT


def under(prefix: str, path: str) -> str:
    """A problem of a nested document, seen from the outer one: ``assessment`` + ``year``."""
    if path in ("", ROOT):
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def calendar_problem(text: str) -> str | None:
    """For a date written the right way (``YYYY-MM-DD``) that no calendar has, what is wrong
    with it: ``2024-02-30`` → "tháng 02/2024 chỉ có 29 ngày"; None for any other text."""
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return (
            f"Ngày {text.strip()} không có thật: tháng phải từ 01 đến 12 (nhận được {month:02d})."
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (
            f"Ngày {text.strip()} không có thật: tháng {month:02d}/{year} chỉ có {days} ngày "
            "(định dạng YYYY-MM-DD đúng, kiểm tra lại ngày)."
        )
    return None


def message(err: Mapping[str, Any]) -> str:
    """The Vietnamese message of one pydantic error (our validators already speak Vietnamese)."""
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err.get("msg", "")))
    base = _MESSAGES.get(kind, "Giá trị không hợp lệ.")
    if kind.startswith("date") and isinstance(err.get("input"), str):
        impossible = calendar_problem(err["input"])
        if impossible:
            return impossible
    if kind in ("literal_error", "enum") and "expected" in ctx:
        choices = str(ctx["expected"]).replace(" or ", " hoặc ")  # pydantic's "'a' or 'b'"
        return f"{base} Giá trị cho phép: {choices}."
    if kind in _LIMITS and ctx:
        limit = next(iter(ctx.values()))
        return f"{base} Giá trị {_LIMITS[kind]}: {limit}."
    return base


def problems_from_errors(
    errors: Iterable[Mapping[str, Any]], prefix: tuple[int | str, ...] = ()
) -> list[Problem]:
    """Every pydantic error (``ValidationError.errors()``) as a problem with its JSON path."""
    return [
        Problem(
            str(err.get("type", "invalid")).upper(),
            json_path(prefix + tuple(err.get("loc", ()))),
            message(err),
        )
        for err in errors
    ]


def problems_from_pydantic(
    exc: ValidationError, prefix: tuple[int | str, ...] = ()
) -> list[Problem]:
    return problems_from_errors(exc.errors(), prefix)
