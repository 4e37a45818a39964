"""``hoso trust add FILE`` and ``hoso trust list``: the trust folder of this installation.

The folder holds the anchors (self-signed roots) at its top and the issuing
CAs in ``intermediates/``; ``hoso verify`` and ``hoso check`` use it when no
``--trust`` is given. ``add`` takes a PEM or DER certificate, a PEM chain or
a PKCS#7 bundle (``.p7b``/``.p7c``): issuing CAs become intermediates (never
trusted by themselves), a root becomes an anchor when it is a published
Vietnamese root or the only certificate of the file, or with ``--anchor``.
It refuses a certificate that claims a known Vietnamese root's name with
another fingerprint (see ``verify.known_roots``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.main import app
from cli.output import console, fail, print_json, require_file
from cli.verify_setup import default_trust_folder

trust_app = typer.Typer(
    help="Quản lý chứng thư tin cậy (Root CA) và CA phát hành.", no_args_is_help=True
)
app.add_typer(trust_app, name="trust")

FolderOption = Annotated[
    Path | None, typer.Option("--folder", help="Thư mục tin cậy (mặc định: var/trust).")
]

ROLE_WORDS = {
    "anchor": "chứng thư gốc (tin cậy)",
    "intermediate": "CA phát hành (trung gian, không tự tin cậy)",
}


@trust_app.command("add")
def trust_add(
    file: Annotated[
        Path,
        typer.Argument(
            help="Tệp chứng thư PEM/DER (.pem .crt .cer .der) hoặc bộ PKCS#7 (.p7b .p7c)."
        ),
    ],
    folder: FolderOption = None,
    anchor: Annotated[
        bool,
        typer.Option(
            "--anchor",
            help="Tin cậy cả chứng thư gốc tự ký không thuộc danh sách Root CA Việt Nam đã công "
            "bố có trong bộ chứng thư.",
        ),
    ] = False,
) -> None:
    """Cài chứng thư gốc và CA phát hành (kiểm tra dấu vân tay của Root CA Việt Nam)."""
    from verify.errors import VerifyError
    from verify.known_roots import KNOWN_VN_CERTIFICATES
    from verify.truststore import add_to_folder, common_name, fingerprint

    target = folder or default_trust_folder()
    require_file(file)
    try:
        added = add_to_folder(file, target, anchor=anchor)
    except VerifyError as exc:
        fail(exc.message)
    known = {k.sha256 for k in KNOWN_VN_CERTIFICATES}
    for item in added:
        name = common_name(item.cert) or item.cert.subject.human_friendly
        if item.role == "skipped":
            console().print(f"[yellow]Bỏ qua '{name}': {item.note}.[/yellow]", highlight=False)
            continue
        mark = " (khớp dấu vân tay đã công bố)" if fingerprint(item.cert) in known else ""
        console().print(
            f"Đã thêm {ROLE_WORDS[item.role]} '{name}' → {item.path}{mark}", highlight=False
        )


@trust_app.command("list")
def trust_list(
    folder: FolderOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="In JSON.")] = False,
) -> None:
    """Liệt kê chứng thư gốc và CA phát hành trong thư mục tin cậy, với dấu vân tay SHA-256."""
    from rich.table import Table

    from verify.errors import VerifyError
    from verify.truststore import common_name, fingerprint, list_folder

    target = folder or default_trust_folder()
    if not target.is_dir():
        fail(f"Thư mục tin cậy {target} chưa có; dùng 'hoso trust add TỆP' để tạo.")
    try:
        entries = list_folder(target)
    except VerifyError as exc:
        fail(exc.message)
    rows = [
        {
            "file": str(path),
            "common_name": common_name(cert),
            "anchor": anchor,
            "sha256": fingerprint(cert),
            "valid_until": cert["tbs_certificate"]["validity"]["not_after"]
            .native.date()
            .isoformat(),
        }
        for path, cert, anchor in entries
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"Chứng thư tin cậy trong {target}")
    for column in ("Tên", "Loại", "SHA-256", "Hết hạn"):
        table.add_column(column)
    for row in rows:
        kind = "gốc" if row["anchor"] else "CA phát hành"
        table.add_row(str(row["common_name"]), kind, str(row["sha256"]), str(row["valid_until"]))
    console().print(table)
