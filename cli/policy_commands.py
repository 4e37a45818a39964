"""``hoso policies [NAME|FILE]``: the validation policies, side by side, and what each accepts.

Without an argument: every built-in policy and every policy of this
installation's policy folder (``$HOSO_DATA_DIR/policies``). With a name or a
file: that policy in full — which also checks a deployment's policy file
before it is used (exit 2 with the reason when it is malformed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from cli.main import app
from cli.output import console, fail, print_json
from cli.verify_setup import policy_folders, resolve_policy

if TYPE_CHECKING:
    from verify.policy import Policy


def _as_json(policy: Policy) -> dict[str, Any]:
    data: dict[str, Any] = policy.model_dump(mode="json")
    data["accepts"] = policy.accepts()
    return data


def _print(policy: Policy) -> None:
    from verify.vntime import VIETNAM

    console().print(
        f"\n[bold]{policy.id}[/bold] (phiên bản {policy.version}) — {policy.title}", highlight=False
    )
    console().print(f"  {policy.summary}", highlight=False)
    console().print("  Chấp nhận gì:", highlight=False)
    for line in policy.accepts():
        console().print(f"    - {line}", highlight=False)
    legacy = policy.algorithms.legacy
    if legacy is not None:
        cut = legacy.signed_before.astimezone(VIETNAM)
        console().print(f"  Mốc thuật toán cũ ({cut:%d/%m/%Y}): {legacy.basis}", highlight=False)
    for source in policy.sources:
        console().print(f"  Căn cứ: {source}", highlight=False)
    for note in policy.notes:
        console().print(f"  [yellow]Lưu ý: {note}[/yellow]", highlight=False)


@app.command("policies")
def policies_command(
    policy: Annotated[
        str | None,
        typer.Argument(help="Tên hoặc tệp chính sách cần xem (bỏ trống: liệt kê tất cả)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="In JSON.")] = False,
) -> None:
    """Các chính sách kiểm tra chữ ký số và điều mỗi chính sách chấp nhận."""
    from verify.errors import PolicyError
    from verify.policy import LEVEL_WORDS, PolicyLoader

    if policy is not None:
        chosen = [resolve_policy(policy, label="Chính sách")]
    else:
        try:
            chosen = PolicyLoader(policy_folders()).all()
        except PolicyError as exc:  # a broken deployment policy: say which and why
            fail(exc.message)
    if as_json:
        print_json([_as_json(p) for p in chosen])
        return
    if policy is None:
        console().print(
            "Mức của mỗi kiểm tra: "
            + "; ".join(f"{k} = {v}" for k, v in LEVEL_WORDS.items())
            + ". Tệp bị sửa sau khi ký, chữ ký sai, chứng thư bị thu hồi: không chính sách "
            "nào chấp nhận.",
            highlight=False,
        )
    for item in chosen:
        _print(item)
