"""``hoso verify FILE.pdf``: the evidence report of one PDF, readable or as JSON.

A thin adapter: every rule lives in ``verify``; this module parses options,
prints, and maps the verdict to the exit status (0 accepted, 1 not, 2 usage
or I/O error).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.main import app
from cli.output import EXIT_NOT_PASSED, EXIT_OK, console, fail, print_json, require_file
from cli.verify_setup import OnlineOption, PolicyOption, verify_options

if TYPE_CHECKING:
    from verify import EvidenceReport
    from verify.report import SignatureReport

# ``verify`` (pyHanko, pydantic) is imported when a file is verified, not when
# ``hoso`` starts: ``hoso --help`` and the other commands must not pay for it.

_VERDICT_COLOURS = {
    "valid": "green",
    "invalid": "red",
    "indeterminate": "yellow",
    "unsigned": "red",
    "unreadable": "red",
}


def _print_report(report: EvidenceReport) -> None:
    from verify.labels import FIELD_LABELS, VERDICT_LABELS

    console().print(f"[bold]Tệp:[/bold] {report.file}", highlight=False)
    console().print(f"SHA-256: {report.sha256}", highlight=False)
    colour = _VERDICT_COLOURS[report.verdict]
    console().print(f"Kết luận chữ ký: [{colour}]{VERDICT_LABELS[report.verdict]}[/{colour}]")
    accepted = "[green]CÓ[/green]" if report.accepted else "[red]KHÔNG[/red]"
    console().print(f"Được tính là minh chứng: {accepted}")
    if report.policy is not None:
        console().print(
            f"Chính sách kiểm tra: {report.policy.id} (phiên bản {report.policy.version})",
            highlight=False,
        )
    for index, sig in enumerate(report.signatures, start=1):
        _print_signature(index, sig)
    if report.fields.source is not None:
        origin = "OCR" if report.fields.source == "ocr" else "lớp văn bản"
        console().print(f"[bold]Thể thức văn bản[/bold] (đọc từ {origin}):")
        for name, label in FIELD_LABELS.items():
            value = getattr(report.fields, name)
            if value is None:
                continue
            shown = f"{value:%d/%m/%Y}" if hasattr(value, "strftime") else str(value)
            detail = report.fields_detail.get(name)
            if detail is not None and detail.confidence is not None:
                sure = f"{detail.confidence:.0%}".replace(".", ",")
                shown += f"  [dim](OCR, độ tin cậy {sure})[/dim]"
            if detail is not None and detail.uncertain:
                shown += "  [yellow]cần đối chiếu[/yellow]"
            console().print(f"  {label}: {shown}", highlight=False)
    if report.missing_fields:
        missing = ", ".join(FIELD_LABELS.get(name, name) for name in report.missing_fields)
        console().print(f"Thiếu: {missing}", highlight=False)
    for problem in report.problems:
        colour = "red" if problem.severity == "error" else "yellow"
        console().print(f"[{colour}]- {problem.message}[/{colour}]", highlight=False)


COMMAND_HINTS = {
    "install_issuer": "hoso trust add TỆP_CA (hoặc kiểm tra lại với --online để tự tải)",
    "install_root": "hoso trust add TỆP_GỐC --anchor",
    "check_online": "hoso verify TỆP --online",
    "check_vn_legacy": "hoso verify TỆP --policy vn-legacy",
}
"""The command behind each action kind of the shared answer, printed by the CLI only:
the answer itself (the page, the reports, the forms) is in the reviewer's words."""

_INDICATION_COLOURS = {"TOTAL_PASSED": "green", "TOTAL_FAILED": "red", "INDETERMINATE": "yellow"}


def _print_signature(index: int, sig: SignatureReport) -> None:
    """The reviewer's answer first, then the technical details, then every message."""
    from rich.table import Table

    from verify.labels import COVERAGE_LABELS, INDICATION_LABELS, MODIFIED_AFTER_LABELS
    from verify.vntime import shown

    console().print(f"\n[bold]Chữ ký {index}[/bold] ({sig.field or 'không gắn trường'})")
    if sig.summary is not None:
        colour = _INDICATION_COLOURS[sig.indication]
        first, *rest = sig.summary.lines
        console().print(f"[bold {colour}]{first}[/]", highlight=False)
        for line in rest:
            console().print(f"  {line}", highlight=False)
        hint = COMMAND_HINTS.get(sig.summary.action)
        if hint is not None:
            console().print(f"  Lệnh tương ứng: [cyan]{hint}[/cyan]", highlight=False)
    table = Table(title="Chi tiết kỹ thuật", show_header=False, title_justify="left")
    table.add_column("", style="bold")
    table.add_column("")
    table.add_row("Chủ thể chứng thư", sig.signer.subject or "")
    table.add_row("Số hiệu chứng thư", sig.signer.serial or "")
    if sig.claimed_time is not None:
        table.add_row("Thời điểm người ký khai", shown(sig.claimed_time, seconds=True))
    table.add_row("Định dạng", sig.subfilter or "")
    table.add_row("Phạm vi ký", COVERAGE_LABELS[sig.coverage])
    table.add_row("Thay đổi sau khi ký", MODIFIED_AFTER_LABELS[sig.modified_after])
    etsi = f"{sig.indication} {sig.sub_indication or ''}".strip()
    table.add_row("Kết quả", f"{INDICATION_LABELS[sig.indication]} (ETSI: {etsi})")
    console().print(table)
    shown_lines = set(sig.summary.warnings) if sig.summary is not None else set()
    for message in sig.messages:
        if message not in shown_lines:
            console().print(f"  - {message}", highlight=False)


@app.command("verify")
def verify_command(
    file: Annotated[Path, typer.Argument(help="Tệp PDF minh chứng cần kiểm tra.")],
    trust: Annotated[
        list[Path] | None,
        typer.Option(
            "--trust",
            help="Tệp hoặc thư mục chứng thư tin cậy (PEM/DER); lặp lại được. "
            "Mặc định: thư mục tin cậy của hoso trust add.",
        ),
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="Thời điểm kiểm tra, ISO 8601 (mặc định: bây giờ).")
    ] = None,
    online: OnlineOption = False,
    policy: PolicyOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="In đúng một đối tượng JSON.")] = False,
) -> None:
    """Kiểm tra chữ ký số và thể thức của một tệp PDF minh chứng."""
    from verify import VerifyError, verify_pdf
    from verify.logs import quiet_library_logs

    quiet_library_logs()
    options = verify_options(trust, at, online, policy)
    require_file(file)
    try:
        # One file: two guarded children (signatures, fields), not a warm worker or a pool.
        report = verify_pdf(file, options, reuse_worker=False)
    except VerifyError as exc:
        fail(exc.message)
    if as_json:
        print_json(report.model_dump(mode="json"))
    else:
        _print_report(report)
    raise typer.Exit(EXIT_OK if report.accepted else EXIT_NOT_PASSED)
