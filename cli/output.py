"""Printing for the CLI: rich tables on a terminal, plain JSON when asked.

Errors go to stderr in Vietnamese and end the command with exit status 2;
no traceback ever reaches the user.
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True, soft_wrap=True)

EXIT_OK = 0
EXIT_NOT_PASSED = 1
EXIT_BAD_INPUT = 2


def print_json(data: Any) -> None:
    """Exactly one JSON object on stdout, UTF-8, not ASCII-escaped."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def fail(message: str, details: list[str] | None = None) -> NoReturn:
    """Report a bad input or usage error and exit with status 2."""
    err_console.print(f"[bold red]Lỗi:[/bold red] {message}", highlight=False)
    for line in details or []:
        err_console.print(f"  - {line}", highlight=False)
    raise typer.Exit(EXIT_BAD_INPUT)
