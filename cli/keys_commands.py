"""``hoso keys create --role ROLE [--actor KIND --unit … --province …]``, ``hoso keys list``,
``hoso keys revoke ID``.

Works on the service's database directly (same settings as ``hoso serve``),
so the first keys can be made before the server runs. A new key is printed
once: only its hash is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cli.main import app
from cli.output import console, fail

if TYPE_CHECKING:
    from api.db import Database

# The API's database layer (SQLAlchemy, Alembic) is imported by the commands
# that use it, not when ``hoso`` starts: ``hoso --help`` must stay instant.

keys_app = typer.Typer(help="Quản lý khóa API của dịch vụ.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


def _database() -> Database:
    from api.db import Database, upgrade_to_head
    from api.settings import get_settings

    db = Database(get_settings().effective_database_url)
    get_settings().data_dir.mkdir(parents=True, exist_ok=True)
    upgrade_to_head(db)
    return db


@keys_app.command("create")
def create(
    role: Annotated[str, typer.Option(help="submitter, reviewer hoặc admin")],
    label: Annotated[str, typer.Option(help="Ghi chú: khóa của ai, dùng vào việc gì")] = "",
    actor: Annotated[
        str | None,
        typer.Option(
            help="Vai trò trong trình tự thẩm định: xa, huyen, so_nganh, so_tttt, bcd, "
            "thanh_vien, ubnd_tinh"
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(help="Tên đơn vị (Ủy ban nhân dân xã …) hoặc cơ quan của thành viên"),
    ] = None,
    province: Annotated[str | None, typer.Option(help="Tỉnh, ví dụ 'Thanh Hóa'")] = None,
    parent: Annotated[str | None, typer.Option(help="Với xã: UBND huyện quản lý xã")] = None,
    area: Annotated[
        list[str] | None,
        typer.Option(help="Với Thành viên Ban Chỉ đạo: huyện phụ trách (lặp lại được)"),
    ] = None,
    person: Annotated[str | None, typer.Option(help="Người giữ khóa, chức vụ")] = None,
) -> None:
    """Tạo khóa mới và in ra MỘT LẦN (chỉ lưu bản băm)."""
    from pydantic import ValidationError

    from api.db.models import ROLES
    from api.key_actors import ActorBinding
    from api.keys import ActorInvalid, create_key

    if role not in ROLES:
        fail(f"Vai trò '{role}' không hợp lệ; chọn một trong: {', '.join(ROLES)}.")
    binding = None
    if actor is not None:
        try:
            binding = ActorBinding(
                kind=actor,
                unit=unit or "",
                province=province or "",
                parent=parent,
                areas=area or [],
                person=person,
            )
        except ValidationError as exc:
            problems = "; ".join(f"--{e['loc'][0]}: {e['msg']}" for e in exc.errors())
            fail(f"Thông tin vai trò chưa đúng: {problems}")
    elif unit or province or parent or area:
        fail("--unit, --province, --parent, --area đi cùng --actor (vai trò trong trình tự).")
    db = _database()
    try:
        with db.session() as session:
            new = create_key(session, role, label, binding)
    except ActorInvalid as exc:
        fail(f"Thông tin vai trò chưa đúng: {exc}")
    finally:
        db.dispose()
    who = f", {binding.unit}" if binding else ""
    console().print(
        f"Khóa số {new.id} (vai trò {new.role}{who}) — lưu lại ngay, sẽ không hiện lại:"
    )
    typer.echo(new.secret)


@keys_app.command("list")
def list_command() -> None:
    """Liệt kê các khóa (không bao giờ in khóa, chỉ phần đầu để nhận ra)."""
    from rich.table import Table

    from api.keys import list_keys

    db = _database()
    with db.session() as session:
        keys = list_keys(session)
    db.dispose()
    table = Table(title="Khóa API")
    for column in ("Số", "Đầu khóa", "Vai trò", "Đơn vị", "Ghi chú", "Tạo lúc", "Thu hồi lúc"):
        table.add_column(column)
    for info in keys:
        table.add_row(
            str(info.id),
            info.prefix + "…",
            info.role,
            f"{info.actor.kind}: {info.actor.unit}" if info.actor else "",
            info.label,
            f"{info.created_at:%Y-%m-%d %H:%M}" if info.created_at else "",
            f"{info.revoked_at:%Y-%m-%d %H:%M}" if info.revoked_at else "",
        )
    console().print(table)


@keys_app.command("revoke")
def revoke(key_id: Annotated[int, typer.Argument(metavar="ID", help="Số của khóa")]) -> None:
    """Thu hồi một khóa: các yêu cầu dùng khóa đó bị từ chối (401)."""
    from api.keys import LastAdminKey, revoke_key

    db = _database()
    try:
        with db.session() as session:
            info = revoke_key(session, key_id)
    except LastAdminKey as exc:
        fail(exc.message)
    finally:
        db.dispose()
    if info is None:
        fail(f"Không có khóa số {key_id}.")
    console().print(f"Đã thu hồi khóa số {key_id} ({info.role}).")
