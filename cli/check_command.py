"""``hoso check DOSSIER``: verify a whole dossier, write the reports, fill the appraisal form.

A thin adapter: the check is ``verify.dossier.check_dossier``, the decision
``criteria.appraisal``, the form input ``docgen.from_appraisal``. This module
parses options, shows progress (a bar on a terminal, plain lines otherwise),
writes files and maps the checked decision to the exit status: 0 passed (or a
monitoring set), 1 not passed, 2 bad input, 3 awaiting the appraiser. ``hoso cache clear`` empties the report cache.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from cli.main import app
from cli.output import (
    OUTCOME_STYLES,
    console,
    describe_os_error,
    err_console,
    fail,
    outcome_exit,
    read_json_file,
)
from cli.verify_setup import OnlineOption, PolicyOption, cache_folder, verify_options

cache_app = typer.Typer(help="Bộ nhớ đệm kết quả kiểm tra minh chứng.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")

RENDER_FORMS = ("mau-02", "mau-04", "bieu-03")


@contextmanager
def _progress() -> Iterator[Any]:
    """A callback ``(done, total, path)``: a rich bar on a terminal, else one line per file."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if err_console().is_terminal:
        bar = Progress(
            TextColumn("Kiểm tra minh chứng"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err_console(),
            transient=True,
        )
        task = bar.add_task("", total=None)
        with bar:

            def show(done: int, total: int, path: str) -> None:
                bar.update(task, completed=done, total=total, description=path[-40:])

            yield show
        return

    def plain(done: int, total: int, path: str) -> None:
        if done:
            sys.stderr.write(f"[{done}/{total}] {path}\n")
            sys.stderr.flush()

    yield plain


def _check_usage(
    reports: list[Path], render: str | None, output: Path | None, workers: int | None
) -> None:
    from verify.dossier.reports import REPORT_SUFFIXES

    problems = [
        f"--report {p}: dùng đuôi .html, .json hoặc .xlsx"
        for p in reports
        if p.suffix.casefold() not in REPORT_SUFFIXES
    ]
    if render is not None and render not in RENDER_FORMS:
        problems.append(f"--render {render}: chỉ điền được {', '.join(RENDER_FORMS)}")
    if render is not None and (output is None or output.suffix.lower() not in (".docx", ".pdf")):
        problems.append("--render cần -o TỆP.docx hoặc -o TỆP.pdf")
    if output is not None and render is None:
        problems.append("-o chỉ dùng cùng --render")
    problems += [
        f"{p} là một thư mục; hãy chỉ ra tên tệp" for p in [*reports, output] if p and p.is_dir()
    ]
    if workers is not None and workers < 1:
        problems.append("--workers phải từ 1 trở lên")
    if problems:
        fail("Tham số không hợp lệ:", problems)


def _seconds(value: float) -> str:
    from criteria.numbers import format_number

    return format_number(value)


def _print_summary(result: Any) -> None:
    from rich.table import Table

    appraisal = result.appraisal
    table = Table(title=f"Kiểm tra hồ sơ: {result.assessment.unit.name}")
    for column in ("Mã", "Tự đánh giá", "Minh chứng", "Kết quả", "Lý do"):
        table.add_column(column)
    for row in appraisal.criteria:
        mark = "[green]✔[/green]" if row.evidenced else "[red]✘[/red]"
        colour = _ROW_COLOURS.get(row.status, "red")
        status = f"[{colour}]{row.status_label}[/]"
        reason = "" if row.evidenced else (row.reasons[0].message if row.reasons else "")
        if row.status == "cho_tham_dinh":
            reason = f"Giải trình: {row.explanation}"
        elif row.status == "khong_ap_dung":
            mark, reason = "—", ""
        more = f" (+{len(row.reasons) - 1})" if not row.evidenced and len(row.reasons) > 1 else ""
        table.add_row(row.id, row.self_status_label, mark, status, reason + more)
    console().print(table)
    for problem in result.problems:
        console().print(f"[yellow]- {problem.message}[/yellow]", highlight=False)
    stats = result.stats
    console().print(
        f"{stats.pdfs} PDF: {stats.verified} kiểm tra mới, {stats.cached} từ bộ nhớ đệm, "
        f"{stats.timed_out} quá thời gian; {_seconds(stats.seconds)} giây.",
        highlight=False,
    )
    console().print(f"Tự đánh giá: [bold]{appraisal.self_decision.label}[/bold]", highlight=False)
    style = OUTCOME_STYLES[appraisal.decision.outcome]
    console().print(
        f"Sau kiểm tra minh chứng: [{style}]{appraisal.decision.label}[/]. "
        f"{appraisal.decision.explanation}",
        highlight=False,
    )


_ROW_COLOURS = {
    "dat": "green",
    "cho_tham_dinh": "yellow",
    "dang_trien_khai": "yellow",
    "khong_ap_dung": "dim",
    "khong_danh_gia": "dim",
}


def _render(result: Any, form_id: str, output: Path, narrative: dict[str, Any]) -> None:
    from cli.forms_commands import render_to_file
    from docgen.from_appraisal import form_input

    data = form_input(form_id, result.assessment, result.appraisal, narrative)
    render_to_file(
        form_id,
        data,
        output,
        f"Không điền được biểu mẫu '{form_id}' từ kết quả kiểm tra (bổ sung bằng --form-data):",
    )


@app.command("check")
def check_command(
    dossier: Annotated[Path, typer.Argument(help="Thư mục hồ sơ hoặc tệp .zip.")],
    trust: Annotated[
        list[Path] | None,
        typer.Option("--trust", help="Tệp hoặc thư mục chứng thư tin cậy; lặp lại được."),
    ] = None,
    report: Annotated[
        list[Path] | None,
        typer.Option(
            "--report", help="Ghi báo cáo OUT.html, OUT.json hoặc OUT.xlsx; lặp lại được."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Số tiến trình kiểm tra song song (mặc định: số nhân)."),
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Thời gian tối đa cho mỗi tệp (giây).")
    ] = 60.0,
    at: Annotated[
        str | None, typer.Option("--at", help="Thời điểm kiểm tra, ISO 8601 (mặc định: bây giờ).")
    ] = None,
    online: OnlineOption = False,
    policy: PolicyOption = None,
    render: Annotated[
        str | None, typer.Option("--render", help="Điền biểu mẫu: mau-02, mau-04 hoặc bieu-03.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Tệp biểu mẫu .docx hoặc .pdf.")
    ] = None,
    form_data: Annotated[
        Path | None,
        typer.Option("--form-data", help="JSON các trường tường thuật của biểu mẫu (tùy chọn)."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Không dùng bộ nhớ đệm.")] = False,
) -> None:
    """Kiểm tra toàn bộ hồ sơ minh chứng, từng tiêu chí; ghi báo cáo và biểu mẫu thẩm định."""
    from verify import VerifyError
    from verify.dossier import DossierError, DossierOptions, check_dossier
    from verify.dossier.reports import write_report
    from verify.logs import quiet_library_logs

    quiet_library_logs()
    reports = list(report or [])
    _check_usage(reports, render, output, workers)
    narrative: Any = {} if form_data is None else read_json_file(form_data, "tệp dữ liệu biểu mẫu")
    if not isinstance(narrative, dict):
        fail(f"Tệp dữ liệu biểu mẫu {form_data} phải chứa một đối tượng JSON {{...}}.")
    verify = verify_options(trust, at, online, policy)
    try:
        options = DossierOptions(
            verify=verify,
            workers=workers,
            time_limit_s=time_limit,
            cache_dir=None if no_cache else cache_folder(),
        )
        with _progress() as progress:
            result = check_dossier(dossier, options, progress=progress)
    except DossierError as exc:
        fail(exc.message, exc.details)
    except VerifyError as exc:
        fail(exc.message)
    _print_summary(result)
    for path in reports:
        try:
            write_report(result, path)
        except OSError as exc:
            fail(f"Không ghi được báo cáo {path}: {describe_os_error(exc)}.")
        console().print(f"Đã ghi {path}", highlight=False)
    if render is not None and output is not None:
        _render(result, render, output, narrative)
    raise typer.Exit(outcome_exit(result.appraisal.decision.outcome))


@cache_app.command("clear")
def cache_clear() -> None:
    """Xóa bộ nhớ đệm kết quả kiểm tra (lần kiểm tra sau sẽ kiểm tra lại mọi tệp)."""
    from verify.dossier.cache import clear

    folder = cache_folder()
    removed = clear(folder)
    console().print(f"Đã xóa {removed} kết quả lưu trong {folder}.", highlight=False)
