"""``hoso verify FILE.pdf``: the evidence report of one PDF, readable or as JSON.

A thin adapter: every rule lives in ``verify``; this module parses options,
prints, and maps the verdict to the exit status (0 accepted, 1 not, 2 usage
or I/O error).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.main import app
from cli.output import EXIT_NOT_PASSED, EXIT_OK, console, fail, print_json, require_file
from cli.trust_commands import default_trust_folder

if TYPE_CHECKING:
    from verify import EvidenceReport

# ``verify`` (pyHanko, pydantic) is imported when a file is verified, not when
# ``hoso`` starts: ``hoso --help`` and the other commands must not pay for it.

_VERDICT_COLOURS = {
    "valid": "green",
    "invalid": "red",
    "indeterminate": "yellow",
    "unsigned": "red",
    "unreadable": "red",
}


def parse_moment(text: str | None) -> datetime | None:
    """ISO 8601 with an offset; a date or naive time is read as Vietnam time (+07:00)."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        fail(f"--at '{text}' không phải thời điểm ISO 8601, ví dụ 2024-06-01T08:00:00+07:00")
    if moment.tzinfo is None:
        moment = datetime.fromisoformat(text + ("T00:00:00" if "T" not in text else "") + "+07:00")
    return moment


def _print_report(report: EvidenceReport) -> None:
    from rich.table import Table

    from verify.labels import (
        COVERAGE_LABELS,
        FIELD_LABELS,
        INDICATION_LABELS,
        MODIFIED_AFTER_LABELS,
        REVOCATION_LABELS,
        SIGNING_TIME_SOURCE_LABELS,
        VERDICT_LABELS,
    )

    console.print(f"[bold]Tệp:[/bold] {report.file}", highlight=False)
    console.print(f"SHA-256: {report.sha256}", highlight=False)
    colour = _VERDICT_COLOURS[report.verdict]
    console.print(f"Kết luận chữ ký: [{colour}]{VERDICT_LABELS[report.verdict]}[/{colour}]")
    accepted = "[green]CÓ[/green]" if report.accepted else "[red]KHÔNG[/red]"
    console.print(f"Được tính là minh chứng: {accepted}")
    for index, sig in enumerate(report.signatures, start=1):
        table = Table(
            title=f"Chữ ký {index}: {sig.field or '(không gắn trường)'}", show_header=False
        )
        table.add_column("", style="bold")
        table.add_column("")
        table.add_row("Người ký", sig.signer.common_name or "?")
        table.add_row("Tổ chức", sig.signer.organization or "")
        table.add_row("Cấp bởi", sig.signer.issuer or "")
        when = f"{sig.signing_time:%d/%m/%Y %H:%M:%S %z}" if sig.signing_time else "không rõ"
        source = SIGNING_TIME_SOURCE_LABELS.get(sig.signing_time_source or "", "")
        table.add_row("Thời điểm ký", f"{when} ({source})" if source else when)
        table.add_row("Định dạng", sig.subfilter or "")
        table.add_row("Toàn vẹn", "có" if sig.intact else "không")
        table.add_row("Phạm vi ký", COVERAGE_LABELS[sig.coverage])
        table.add_row("Thay đổi sau khi ký", MODIFIED_AFTER_LABELS[sig.modified_after])
        table.add_row("Tin cậy", "có" if sig.trusted else "không")
        table.add_row("Thu hồi", REVOCATION_LABELS[sig.revocation])
        etsi = f"{sig.indication} {sig.sub_indication or ''}".strip()
        table.add_row("Kết quả", f"{INDICATION_LABELS[sig.indication]} (ETSI: {etsi})")
        console.print(table)
        for message in sig.messages:
            console.print(f"  - {message}", highlight=False)
    if report.fields.source is not None:
        origin = "OCR" if report.fields.source == "ocr" else "lớp văn bản"
        console.print(f"[bold]Thể thức văn bản[/bold] (đọc từ {origin}):")
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
            console.print(f"  {label}: {shown}", highlight=False)
    if report.missing_fields:
        missing = ", ".join(FIELD_LABELS.get(name, name) for name in report.missing_fields)
        console.print(f"Thiếu: {missing}", highlight=False)
    for problem in report.problems:
        colour = "red" if problem.severity == "error" else "yellow"
        console.print(f"[{colour}]- {problem.message}[/{colour}]", highlight=False)


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
    online: Annotated[
        bool, typer.Option("--online", help="Cho phép tra cứu CRL/OCSP trực tuyến.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="In đúng một đối tượng JSON.")] = False,
) -> None:
    """Kiểm tra chữ ký số và thể thức của một tệp PDF minh chứng."""
    from verify import VerifyError, VerifyOptions, verify_pdf
    from verify.logs import quiet_library_logs

    quiet_library_logs()
    paths = tuple(trust or ())
    if not paths and default_trust_folder().is_dir():
        paths = (default_trust_folder(),)
    require_file(file)
    try:
        options = VerifyOptions(trust=paths, validation_time=parse_moment(at), online=online)
        # One file: a single guarded child process, not a warm worker or a pool.
        report = verify_pdf(file, options, reuse_worker=False)
    except VerifyError as exc:
        fail(exc.message)
    if as_json:
        print_json(report.model_dump(mode="json"))
    else:
        _print_report(report)
    raise typer.Exit(EXIT_OK if report.accepted else EXIT_NOT_PASSED)
