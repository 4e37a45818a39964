"""Input validation: one answer listing every problem, each with its JSON path.

pydantic stops nothing at the first error, which is what callers need
(DESIGN: "errors tell the user everything at once"); this module turns its
errors into :class:`~docgen.errors.Problem` objects with JSON paths
(``attendees.members[2].name``, ``assessment.criteria["I.1"].a``) and Vietnamese
messages, then adds the problems of the form's own checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from docgen.errors import FormInputError, Problem
from docgen.normalize import normalize_data
from docgen.registry import FormSpec

_MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "extra_forbidden": "Trường không được hỗ trợ (kiểm tra chính tả tên trường).",
    "string_type": "Phải là chuỗi ký tự.",
    "int_type": "Phải là số nguyên.",
    "int_parsing": "Phải là số nguyên.",
    "float_type": "Phải là số.",
    "float_parsing": "Phải là số.",
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "list_type": "Phải là danh sách (mảng JSON).",
    "dict_type": "Phải là đối tượng JSON.",
    "model_type": "Phải là đối tượng JSON.",
    "date_type": "Phải là ngày dạng YYYY-MM-DD.",
    "date_parsing": "Phải là ngày dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "Phải là ngày dạng YYYY-MM-DD.",
    "time_type": "Phải là giờ dạng HH:MM.",
    "time_parsing": "Phải là giờ dạng HH:MM.",
    "string_too_short": "Không được để trống.",
    "too_short": "Danh sách không được để trống.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "greater_than": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "literal_error": "Giá trị không hợp lệ.",
}


def json_path(loc: tuple[int | str, ...]) -> str:
    """``('vote', 'yes')`` → ``vote.yes``; list indexes in brackets; keys with dots quoted."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif "." in part or " " in part or not part:
            path += f'["{part}"]'
        else:
            path += f".{part}" if path else part
    return path or "(gốc)"


def _message(err: Any) -> str:
    if err["type"] in ("value_error", "assertion_error"):
        return str(err.get("ctx", {}).get("error", err["msg"]))
    base = _MESSAGES.get(err["type"])
    if base is None:
        return f"Giá trị không hợp lệ ({err['msg']})."
    if err["type"] == "literal_error":
        return f"{base} Giá trị cho phép: {err['ctx']['expected']}."
    if err["type"] in ("greater_than_equal", "less_than_equal", "greater_than"):
        limit = next(iter(err.get("ctx", {}).values()), "")
        return f"{base} (giới hạn: {limit})."
    return base


def problems_from_pydantic(
    exc: ValidationError, prefix: tuple[int | str, ...] = ()
) -> list[Problem]:
    return [
        Problem(str(err["type"]).upper(), json_path(prefix + tuple(err["loc"])), _message(err))
        for err in exc.errors()
    ]


def validate(spec: FormSpec, data: Any) -> BaseModel:
    """The form's input model built from ``data``; raises FormInputError with every problem."""
    if isinstance(data, spec.model):
        data = data.model_dump(mode="json")
    if not isinstance(data, Mapping):
        raise FormInputError(
            spec.id, [Problem("DICT_TYPE", "(gốc)", "Dữ liệu phải là một đối tượng JSON.")]
        )
    data = normalize_data(dict(data))
    problems: list[Problem] = []
    model: BaseModel | None = None
    try:
        model = spec.model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from_pydantic(exc))
    seen = {p.path for p in problems}
    for check in spec.checks:
        for problem in check(data):
            if problem.path not in seen:
                problems.append(problem)
                seen.add(problem.path)
    if problems or model is None:
        raise FormInputError(spec.id, problems)
    return model
