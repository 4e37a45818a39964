"""Vietnamese words for the usage errors the command-line library prints in English.

The people who run ``hoso`` are officials, not programmers: a mistyped option
must read "Không có tùy chọn --foo", not "No such option". typer (which now
carries its own copy of click) builds these texts inside its exceptions and
offers no hook to word them, so :func:`run` drives the command in
non-standalone mode and prints the Vietnamese text of each usage error here,
keeping the usual exit codes (2 for usage, 1 for an abort). The ``--help``
line of every command is reworded the same way.

The exceptions are told apart by class name and read through their documented
attributes (``option_name``, ``possibilities``, ``param``), which click and
typer's copy share; typer explains a bad value with a pydantic error, whose
error types are pydantic's stable vocabulary.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

HELP_TEXT = "Hiện hướng dẫn này rồi thoát."


def translate_help_options(command: Any) -> None:
    """Give ``--help`` a Vietnamese description on ``command`` and every sub-command."""
    option = command.get_help_option(command.context_class(command))
    if option is not None:
        option.help = HELP_TEXT
    for sub in getattr(command, "commands", {}).values():
        translate_help_options(sub)


def _param_label(param: Any, hint: str | None = None) -> str:
    if param is None:
        return hint.strip("'\"") if hint else "tham số"
    if getattr(param, "param_type_name", "") == "option":
        return "tùy chọn " + "/".join(param.opts)
    return f"tham số {(param.name or '').upper()}"


def _pydantic_reason(cause: BaseException | None) -> str | None:
    """Why typer refused a value, from the pydantic error behind it."""
    errors = getattr(cause, "errors", None)
    if not callable(errors):
        return None
    try:
        first = errors()[0]
    except (IndexError, TypeError):
        return None
    kind, ctx = first.get("type", ""), first.get("ctx") or {}
    reasons = {
        "int_parsing": "phải là một số nguyên",
        "int_from_float": "phải là một số nguyên",
        "float_parsing": "phải là một số",
        "bool_parsing": "phải là có hoặc không (true/false)",
        "datetime_parsing": "phải là ngày giờ dạng 2024-06-01T08:00:00+07:00",
        "datetime_from_date_parsing": "phải là ngày giờ dạng 2024-06-01T08:00:00+07:00",
        "date_parsing": "phải là ngày dạng 2024-06-01",
        "greater_than_equal": f"phải từ {ctx.get('ge')} trở lên",
        "greater_than": f"phải lớn hơn {ctx.get('gt')}",
        "less_than_equal": f"không được lớn hơn {ctx.get('le')}",
        "less_than": f"phải nhỏ hơn {ctx.get('lt')}",
        "enum": f"phải là một trong: {ctx.get('expected')}",
        "literal_error": f"phải là một trong: {ctx.get('expected')}",
        "path_not_file": "phải là đường dẫn tới một tệp",
        "path_not_directory": "phải là đường dẫn tới một thư mục",
    }
    return reasons.get(kind)


def _has_vietnamese(text: str) -> bool:
    """hoso's own checks raise with Vietnamese reasons; those are printed as they are."""
    return any(ord(char) > 127 for char in text)


def usage_message(exc: Exception) -> str:
    """The Vietnamese sentence for one of the command-line library's errors."""
    kind = type(exc).__name__
    message = str(getattr(exc, "message", "") or "")
    if kind == "NoSuchOption":
        text = f"Không có tùy chọn {exc.option_name}."  # type: ignore[attr-defined]
        possibilities = getattr(exc, "possibilities", None)
        if possibilities:
            text += " Có phải ý là: " + ", ".join(sorted(possibilities)) + "?"
        return text
    if kind == "MissingParameter":
        return (
            f"Thiếu {_param_label(getattr(exc, 'param', None), getattr(exc, 'param_hint', None))}."
        )
    if kind == "BadParameter":
        if _has_vietnamese(message):
            return message
        label = _param_label(getattr(exc, "param", None), getattr(exc, "param_hint", None))
        reason = _pydantic_reason(exc.__cause__)
        return f"Giá trị của {label} không hợp lệ" + (f": {reason}." if reason else ".")
    if kind == "BadOptionUsage":
        return f"Tùy chọn {getattr(exc, 'option_name', '')} dùng sai: thiếu hoặc thừa giá trị."
    if kind == "FileError":
        return f"Không mở được tệp {getattr(exc, 'ui_filename', '')}."
    if _has_vietnamese(message):
        return message
    if "No such command" in message:
        return "Không có lệnh này. Xem danh sách lệnh: hoso --help."
    if "unexpected extra argument" in message:
        return "Thừa tham số: lệnh này không nhận thêm giá trị đó."
    return "Câu lệnh không đúng cú pháp. Xem hướng dẫn: hoso --help."


def show_usage_error(exc: Exception) -> None:
    """Print the error the way the library would, in Vietnamese, on standard error."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage()
        typer.echo(usage.replace("Usage:", "Cách dùng:", 1), err=True)
        if ctx.command.get_help_option(ctx) is not None and ctx.help_option_names:
            typer.echo(f"Xem hướng dẫn: {ctx.command_path} {ctx.help_option_names[0]}", err=True)
        typer.echo(err=True)
    typer.echo(f"Lỗi: {usage_message(exc)}", err=True)


def run(command: Any, args: list[str] | None = None) -> None:
    """Run ``command`` like standalone mode, with Vietnamese usage errors; always exits."""
    translate_help_options(command)
    try:
        result = command.main(args=args, prog_name="hoso", standalone_mode=False)
    except typer.Abort:
        typer.echo("Đã hủy.", err=True)
        sys.exit(1)
    except typer.TyperException as exc:  # the library's usage errors (click's ClickException)
        show_usage_error(exc)
        sys.exit(getattr(exc, "exit_code", 2))
    # Non-standalone mode returns the code of ``typer.Exit`` as an int, and a
    # command's own return value (hoso's commands return None) otherwise.
    sys.exit(result if isinstance(result, int) else 0)
