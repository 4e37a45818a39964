"""``hoso trust add FILE`` and ``hoso trust list``: the trust folder of this installation.

The folder holds the anchors (and known intermediates) that ``hoso verify``
uses when no ``--trust`` is given. Adding refuses a certificate that claims a
known Vietnamese root's name with another fingerprint (see
``verify.known_roots``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from cli.main import app
from cli.output import console, fail, print_json, require_file

trust_app = typer.Typer(help="Quản lý chứng thư tin cậy (Root CA).", no_args_is_help=True)
app.add_typer(trust_app, name="trust")


def default_trust_folder() -> Path:
    """``$HOSO_DATA_DIR/trust`` (``var/trust`` by default), next to the service's data."""
    return Path(os.environ.get("HOSO_DATA_DIR", "var")) / "trust"


FolderOption = Annotated[
    Path | None, typer.Option("--folder", help="Thư mục tin cậy (mặc định: var/trust).")
]


@trust_app.command("add")
def trust_add(
    file: Annotated[Path, typer.Argument(help="Tệp chứng thư PEM hoặc DER.")],
    folder: FolderOption = None,
) -> None:
    """Thêm chứng thư vào thư mục tin cậy (kiểm tra dấu vân tay của Root CA Việt Nam)."""
    from verify.errors import VerifyError
    from verify.known_roots import KNOWN_VN_CERTIFICATES
    from verify.truststore import add_to_folder, common_name, fingerprint, is_self_signed

    target = folder or default_trust_folder()
    require_file(file)
    try:
        written = add_to_folder(file, target)
    except VerifyError as exc:
        fail(exc.message)
    known = {k.sha256 for k in KNOWN_VN_CERTIFICATES}
    for path, cert in written:
        role = "chứng thư gốc" if is_self_signed(cert) else "CA trung gian"
        mark = " (khớp dấu vân tay đã công bố)" if fingerprint(cert) in known else ""
        console.print(f"Đã thêm {role} '{common_name(cert)}' → {path}{mark}", highlight=False)


@trust_app.command("list")
def trust_list(
    folder: FolderOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="In JSON.")] = False,
) -> None:
    """Liệt kê các chứng thư trong thư mục tin cậy với dấu vân tay SHA-256."""
    from rich.table import Table

    from verify.errors import VerifyError
    from verify.truststore import common_name, fingerprint, is_self_signed, list_folder

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
            "anchor": is_self_signed(cert),
            "sha256": fingerprint(cert),
            "valid_until": cert["tbs_certificate"]["validity"]["not_after"]
            .native.date()
            .isoformat(),
        }
        for path, cert in entries
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"Chứng thư tin cậy trong {target}")
    for column in ("Tên", "Loại", "SHA-256", "Hết hạn"):
        table.add_column(column)
    for row in rows:
        kind = "gốc" if row["anchor"] else "trung gian"
        table.add_row(str(row["common_name"]), kind, str(row["sha256"]), str(row["valid_until"]))
    console.print(table)
