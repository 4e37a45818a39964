"""``hoso forms`` and ``hoso render``: list forms, print schemas and examples, fill a form.

A thin adapter over :mod:`docgen` (DESIGN: no business rules in the CLI). The
output format follows the extension of ``-o`` (``.docx`` or ``.pdf``); on bad
input every problem is listed with its JSON path, the exit status is 2 and no
file is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cli.main import app
from cli.output import console, err_console, fail, print_json, read_json_file, write_file

if TYPE_CHECKING:
    import docgen
    from docgen.signing import SigningOptions

forms_app = typer.Typer(
    help="Biểu mẫu: danh sách, lược đồ JSON (schema) và dữ liệu mẫu.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(forms_app, name="forms")


def _spec(form_id: str) -> docgen.FormSpec:
    import docgen

    try:
        return docgen.get_form(form_id)
    except docgen.FormNotFound as exc:
        fail(exc.message)


@forms_app.callback()
def list_forms(ctx: typer.Context) -> None:
    """Liệt kê các biểu mẫu (mã, tên, tệp mẫu)."""
    from rich.table import Table

    import docgen

    if ctx.invoked_subcommand is not None:
        return
    table = Table("Mã", "Biểu mẫu", "Tệp mẫu")
    for spec in docgen.all_forms():
        table.add_row(spec.id, spec.title, f"templates/{spec.template}")
    console().print(table)


@forms_app.command("schema")
def schema(form_id: Annotated[str, typer.Argument(help="Mã biểu mẫu, ví dụ bieu-01")]) -> None:
    """In lược đồ JSON (JSON Schema) của dữ liệu đầu vào của biểu mẫu."""
    print_json(_spec(form_id).json_schema())


@forms_app.command("example")
def example(form_id: Annotated[str, typer.Argument(help="Mã biểu mẫu, ví dụ bieu-01")]) -> None:
    """In dữ liệu mẫu của biểu mẫu (dùng làm điểm xuất phát)."""
    print_json(_spec(form_id).example())


@app.command("render")
def render_command(
    form_id: Annotated[str, typer.Argument(help="Mã biểu mẫu, ví dụ bieu-01")],
    data: Annotated[Path, typer.Option("--data", "-d", help="Tệp JSON dữ liệu đầu vào")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Tệp kết quả .docx hoặc .pdf")],
    pdfa: Annotated[
        bool, typer.Option("--pdfa", help="Xuất PDF/A-2b (lưu trữ lâu dài, nhúng đủ phông chữ)")
    ] = False,
    sign: Annotated[
        Path | None,
        typer.Option(
            "--sign",
            help="Ký số bằng tệp khóa .p12/.pfx (mật khẩu: biến HOSO_SIGN_PASSWORD hoặc hỏi khi chạy)",
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--sign-token", help="Ký số bằng token PKCS#11 có nhãn này (PIN: HOSO_SIGN_PIN)"
        ),
    ] = None,
    module: Annotated[
        Path | None,
        typer.Option("--pkcs11-module", help="Thư viện PKCS#11 của token (tệp .so)"),
    ] = None,
    seal: Annotated[
        Path | None, typer.Option("--seal", help="Ảnh con dấu (PNG/JPEG) đặt dưới chữ ký")
    ] = None,
    trust: Annotated[
        list[Path] | None,
        typer.Option("--trust", help="Chứng thư tin cậy để nhúng thông tin thu hồi vào chữ ký"),
    ] = None,
) -> None:
    """Điền biểu mẫu từ dữ liệu JSON, ghi ra DOCX hoặc PDF (theo phần mở rộng của -o)."""
    suffix = output.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        fail(f"Tệp kết quả phải có phần mở rộng .docx hoặc .pdf (nhận được '{output.name}').")
    signing = sign is not None or token is not None
    if (pdfa or signing) and suffix != ".pdf":
        fail("--pdfa và --sign/--sign-token chỉ dùng khi tệp kết quả là .pdf.")
    if sign is not None and token is not None:
        fail("Chọn một trong --sign (tệp khóa) hoặc --sign-token (token PKCS#11).")
    if token is not None and module is None:
        fail("--sign-token cần --pkcs11-module (thư viện PKCS#11 của token).")
    payload = read_json_file(data, "tệp dữ liệu")
    with signer_from_options(sign, token, module) as signer:
        options = None
        if signer is not None:
            from docgen.signing import SigningOptions  # pyHanko costs a second to import
            from verify.logs import quiet_library_logs

            quiet_library_logs()  # pyHanko's and fontTools' English notes; errors are ours

            options = SigningOptions(
                signer=signer, seal_image=seal, validation_context=_trust(trust)
            )
        render_to_file(
            form_id,
            payload,
            output,
            f"Dữ liệu của biểu mẫu '{form_id}' có {{count}} lỗi:",
            pdfa=pdfa,
            signing=options,
        )


@contextmanager
def signer_from_options(
    key_file: Path | None, token: str | None, module: Path | None
) -> Iterator[Any]:
    """The signer of ``--sign`` or ``--sign-token`` (None without either). The password or
    PIN comes from the environment or a hidden prompt, never from the command line."""
    import docgen

    if key_file is None and token is None:
        yield None
        return
    from docgen.signing import load_pkcs12, pkcs11_signer

    try:
        if key_file is not None:
            password = os.environ.get("HOSO_SIGN_PASSWORD")
            if password is None:
                password = typer.prompt("Mật khẩu tệp khóa", hide_input=True, default="")
            yield load_pkcs12(key_file, password)
        elif token is not None and module is not None:
            pin = os.environ.get("HOSO_SIGN_PIN") or typer.prompt("Mã PIN token", hide_input=True)
            with pkcs11_signer(module, token, pin) as signer:
                yield signer
    except docgen.DocgenError as exc:
        fail(exc.message)


def _trust(paths: list[Path] | None) -> Any:
    from cli.trust_commands import default_trust_folder
    from docgen.signing import trust_context

    folders = tuple(paths or ())
    if not folders and default_trust_folder().is_dir():
        folders = (default_trust_folder(),)
    return trust_context(folders) if folders else None


def render_to_file(
    form_id: str,
    data: Any,
    output: Path,
    problems_intro: str,
    *,
    pdfa: bool = False,
    signing: SigningOptions | None = None,
) -> None:
    """Render ``form_id`` as DOCX or PDF (by ``output``'s suffix) and write it; on bad
    input list every problem under ``problems_intro`` (``{count}`` = how many) and exit 2,
    writing nothing.

    One PDF is converted by a LibreOffice started for it alone
    (:class:`docgen.OneShotConverter`): a warm pool pays off from the second document
    on, which a command that writes one file never reaches."""
    import docgen

    try:
        if output.suffix.lower() == ".pdf":
            content = docgen.render_pdf(
                form_id, data, converter=docgen.OneShotConverter(), pdfa=pdfa
            )
            if signing is not None:
                from docgen.signing import sign_pdf

                content = sign_pdf(content, signing)
        else:
            content = docgen.render(form_id, data)
    except docgen.FormInputError as exc:
        fail(
            problems_intro.format(count=len(exc.problems)),
            [f"{p.path}: {p.message}" for p in exc.problems],
        )
    except docgen.DocgenError as exc:
        fail(exc.message)
    write_file(output, content)
    for warning in docgen.input_warnings(form_id, data):
        err_console().print(
            f"[yellow]Cảnh báo:[/yellow] {warning.path}: {warning.message}", highlight=False
        )
