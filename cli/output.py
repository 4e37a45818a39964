"""Printing for the CLI: rich tables on a terminal, plain JSON when asked.

Errors go to stderr in Vietnamese and end the command with exit status 2;
no traceback ever reaches the user.
"""

from __future__ import annotations

import errno
import json
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console


@cache
def console() -> Console:
    """rich's console on stdout, made on first use: importing rich costs every command
    ~25 ms, which ``hoso verify FILE --json`` and ``hoso --help`` never print with."""
    from rich.console import Console

    return Console()


@cache
def err_console() -> Console:
    """rich's console on stderr (errors, progress), made on first use."""
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


EXIT_OK = 0
EXIT_NOT_PASSED = 1
EXIT_BAD_INPUT = 2
EXIT_AWAITING = 3
"""The unit's recognition awaits the appraiser (explanations instead of evidence)."""

OUTCOME_EXITS = {"dat": EXIT_OK, "theo_doi": EXIT_OK, "khong_dat": EXIT_NOT_PASSED}
OUTCOME_STYLES = {
    "dat": "bold green",
    "khong_dat": "bold red",
    "cho_tham_dinh": "bold yellow",
    "theo_doi": "bold",
}


def outcome_exit(outcome: str) -> int:
    """0 recognised (or a monitoring set), 1 not recognised, 3 awaiting the appraiser."""
    return OUTCOME_EXITS.get(outcome, EXIT_AWAITING)


def print_json(data: Any) -> None:
    """Exactly one JSON object on stdout, UTF-8, not ASCII-escaped."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def fail(message: str, details: list[str] | None = None) -> NoReturn:
    """Report a bad input or usage error and exit with status 2."""
    err_console().print(f"[bold red]Lỗi:[/bold red] {message}", highlight=False)
    for line in details or []:
        err_console().print(f"  - {line}", highlight=False)
    raise typer.Exit(EXIT_BAD_INPUT)


_OS_ERRORS = {
    errno.ENOENT: "không có tệp hoặc thư mục này; kiểm tra lại đường dẫn",
    errno.EISDIR: "đây là một thư mục; hãy chỉ ra một tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EACCES: "không có quyền truy cập; kiểm tra quyền của tệp",
    errno.EPERM: "không có quyền truy cập; kiểm tra quyền của tệp",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
}


def describe_os_error(exc: OSError) -> str:
    """The reason of a failed read or write in Vietnamese (``strerror`` is English)."""
    return _OS_ERRORS.get(exc.errno or 0, f"lỗi hệ thống số {exc.errno}")


def require_file(path: Path) -> None:
    """End the command with exit 2 unless ``path`` is an existing file, saying what it is instead."""
    if path.is_dir():
        fail(f"{path} là một thư mục; hãy chỉ ra một tệp.")
    if not path.is_file():
        fail(f"Không tìm thấy tệp {path}; kiểm tra lại đường dẫn.")


def read_json_file(path: Path, what: str = "tệp") -> Any:
    """A JSON input file; an unreadable or malformed one ends the command with exit 2."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        fail(f"Không đọc được {what} {path}: {describe_os_error(exc)}.")
    except UnicodeDecodeError:
        fail(
            f"{what.capitalize()} {path} không phải văn bản UTF-8: hãy lưu lại tệp JSON dạng UTF-8."
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        fail(
            f"{what.capitalize()} {path} không phải JSON hợp lệ: lỗi cú pháp ở dòng {exc.lineno}, "
            f"cột {exc.colno}."
        )


def write_file(path: Path, content: bytes, what: str = "tệp") -> None:
    """Write an output file (creating its folder); a failure ends the command with exit 2."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as exc:
        fail(f"Không ghi được {what} {path}: {describe_os_error(exc)}.")
    console().print(f"Đã ghi {path}", highlight=False)
