"""``hoso catalogs``, ``hoso catalog show`` and ``hoso evaluate``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.main import app
from cli.output import (
    OUTCOME_STYLES,
    console,
    fail,
    outcome_exit,
    print_json,
    read_json_file,
)

if TYPE_CHECKING:
    from criteria import Criterion, EvaluatedAssessment

catalog_app = typer.Typer(help="Xem một bộ tiêu chí.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")


@app.command("catalogs")
def list_catalogs() -> None:
    """Liệt kê các bộ tiêu chí: mã, tên, văn bản nguồn, số tiêu chí."""
    from rich.table import Table

    from criteria import CatalogError, all_catalogs

    try:
        catalogs = all_catalogs()
    except CatalogError as exc:
        fail(exc.message)
    table = Table(title="Các bộ tiêu chí", show_lines=False)
    table.add_column("Mã")
    table.add_column("Tên")
    table.add_column("Văn bản nguồn")
    table.add_column("Số tiêu chí", justify="right")
    for catalog in catalogs:
        counts = ", ".join(
            f"{tier}: {len(catalog.criteria_of_tier(tier))}" for tier in catalog.tiers
        )
        source = catalog.source.label
        if not catalog.complete:
            source += " (chưa đầy đủ)"
        table.add_row(catalog.id, catalog.title, source, counts)
    console().print(table)


@catalog_app.command("show")
def show_catalog(
    catalog_id: Annotated[str, typer.Argument(metavar="ID", help="Mã bộ tiêu chí")],
    as_json: Annotated[bool, typer.Option("--json", help="In bộ tiêu chí dạng JSON")] = False,
) -> None:
    """Xem toàn bộ tiêu chí của một bộ tiêu chí."""
    from rich.table import Table

    from criteria import CatalogError, load_catalog
    from criteria.catalog import REQUIREMENT_LABELS

    try:
        catalog = load_catalog(catalog_id)
    except CatalogError as exc:
        fail(exc.message)
    if as_json:
        print_json(catalog.published())
        return
    console().print(f"[bold]{catalog.title}[/bold]")
    console().print(catalog.source.label)
    if not catalog.complete:
        console().print(f"[yellow]Chưa đầy đủ:[/yellow] {catalog.completeness_note}")
    table = Table(show_lines=True)
    table.add_column("Mã")
    table.add_column("Tiêu chí")
    table.add_column("Đơn vị")
    for tier in catalog.tiers:
        table.add_column(tier)
    for criterion in catalog.criteria:
        cells = []
        for tier in catalog.tiers:
            spec = criterion.tiers.get(tier)
            if spec is None:
                cells.append("—")
            elif spec.target is not None:
                cells.append(f"{spec.target.text}\n{REQUIREMENT_LABELS[spec.requirement]}")
            else:
                assert spec.targets_by_area is not None
                by_area = "; ".join(f"{k}: {t.text}" for k, t in spec.targets_by_area.items())
                cells.append(f"{by_area}\n{REQUIREMENT_LABELS[spec.requirement]}")
        table.add_row(criterion.id, criterion.name, criterion.unit, *cells)
    console().print(table)
    console().print("[bold]Tài liệu kiểm chứng cần có[/bold]")
    for criterion in catalog.criteria:
        console().print(f"[bold]{criterion.id}[/bold]", highlight=False)
        for line in requirements_text(criterion).splitlines():
            console().print(f"    {line}", highlight=False)


def requirements_text(criterion: Criterion) -> str:
    """The documents the criterion needs, one per line, then how the seed was read."""
    from criteria.catalog import ISSUER_LABELS, PERIOD_LABELS
    from criteria.document_kinds import describe_kinds

    lines = []
    for number, required in enumerate(criterion.documents, start=1):
        issuer = (
            "của " + " hoặc ".join(required.bodies)
            if required.issuer == "body"
            else ISSUER_LABELS[required.issuer]
        )
        period = PERIOD_LABELS[required.period]
        if required.period == "last_years":
            period = f"ban hành trong {required.years} năm gần nhất (kể cả năm đánh giá)"
        extra = "; hoặc hình ảnh minh chứng" if required.illustrations else ""
        lines.append(
            f"{number}. {required.name} — {describe_kinds(required.kinds)}, {issuer}, "
            f"{period}{extra}"
        )
    if criterion.not_applicable_when:
        lines.append(f"Không áp dụng khi: {criterion.not_applicable_when}")
    if criterion.evidence_note:
        lines.append(f"Cách đọc: {criterion.evidence_note}")
    return "\n".join(lines)


@app.command("schema")
def assessment_schema() -> None:
    """In JSON Schema của tệp đánh giá (assessment) mà hệ thống khác gửi cho hoso."""
    from criteria import assessment_json_schema

    print_json(assessment_json_schema())


@app.command("evaluate")
def evaluate_command(
    assessment_file: Annotated[
        Path, typer.Argument(metavar="ASSESSMENT.json", help="Tệp đánh giá (JSON)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả đánh giá dạng JSON")] = False,
) -> None:
    """Đánh giá một đơn vị theo bộ tiêu chí.

    Mã thoát: 0 đạt (hoặc bộ chỉ tiêu chỉ để theo dõi), 1 không đạt, 2 dữ liệu sai,
    3 chờ thẩm định (có tiêu chí giải trình thay cho minh chứng).
    """
    from criteria import AssessmentError, CatalogError, evaluate

    data = read_json_file(assessment_file)
    try:
        evaluated = evaluate(data)
    except AssessmentError as exc:
        fail(
            f"Tệp {assessment_file} có {len(exc.problems)} lỗi:",
            [f"{p.path}: {p.message}" for p in exc.problems],
        )
    except CatalogError as exc:
        fail(exc.message)
    if as_json:
        print_json(evaluated.model_dump(mode="json"))
    else:
        print_evaluation(evaluated)
    raise typer.Exit(outcome_exit(evaluated.decision.outcome))


_STATUS_STYLE = {
    "dat": "green",
    "khong_dat": "red",
    "dang_trien_khai": "yellow",
    "khong_danh_gia": "dim",
    "cho_tham_dinh": "yellow",
    "khong_ap_dung": "dim",
}


def print_evaluation(evaluated: EvaluatedAssessment) -> None:
    from rich.table import Table

    console().print(
        f"[bold]{evaluated.unit.name}[/bold] — {evaluated.catalog_title} "
        f"({evaluated.tier_label}, năm {evaluated.year})"
    )
    table = Table(show_lines=False)
    for column in ("Mã", "Tiêu chí", "Loại", "Mục tiêu", "Kết quả", "Đánh giá"):
        table.add_column(column)
    for result in evaluated.criteria:
        name = result.name if len(result.name) <= 70 else result.name[:69] + "…"
        style = _STATUS_STYLE[result.status]
        table.add_row(
            result.id,
            name,
            result.requirement_label,
            result.target_text,
            result.value_text,
            f"[{style}]{result.status_label}[/{style}]",
        )
    console().print(table)
    for warning in evaluated.warnings:
        console().print(f"[yellow]Lưu ý:[/yellow] {warning}")
    decision = evaluated.decision
    style = OUTCOME_STYLES[decision.outcome]
    console().print(f"[{style}]{decision.label}[/{style}] — {decision.explanation}")
    console().print(f"[dim]Căn cứ: {decision.rule_source}[/dim]")
