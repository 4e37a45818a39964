"""Entry point of the ``hoso`` command.

Each command group lives in its own module and registers itself on ``app``;
this module only assembles them, so adding a command never touches another's
code. Exit codes everywhere: 0 success/passed (or a monitoring set, which has
no verdict), 1 evaluated but not passed or not accepted, 2 bad input or usage,
3 the recognition awaits the appraiser (criteria explained instead of evidenced).
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="hoso",
    help="Hồ sơ công nhận chuyển đổi số: bộ tiêu chí, biểu mẫu, kiểm tra chữ ký số.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: typer's rich help imports rich's Markdown renderer (~0.15 s)
    # on every ``--help``; the help texts are plain sentences anyway.
    rich_markup_mode=None,
)


def _register() -> None:
    # Imported for their side effect of adding commands to ``app``.
    from cli import (  # noqa: F401
        catalog_commands,
        check_command,
        forms_commands,
        gc_command,
        keys_commands,
        policy_commands,
        serve_command,
        trust_commands,
        verify_command,
        worker_command,
    )


_register()


def main(args: list[str] | None = None) -> None:
    """The ``hoso`` console command: the app, with usage errors worded in Vietnamese."""
    from cli.usage import run

    run(typer.main.get_command(app), args)
