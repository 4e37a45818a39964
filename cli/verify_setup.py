"""How the CLI sets up a verification: this installation's folders, the policy, the options.

``hoso verify`` and ``hoso check`` build their ``VerifyOptions`` here, so the
trust folder, the policy lookup and the issuer cache are the same for both:

- trust folder: ``$HOSO_DATA_DIR/trust`` (``var/trust``), anchors at its top,
  issuing CAs in ``intermediates/`` (what ``hoso trust add`` writes);
- deployment policies: ``$HOSO_DATA_DIR/policies/<id>.yaml``;
- cache: ``$HOSO_CACHE_DIR``, else ``$XDG_CACHE_HOME/hoso``, else
  ``~/.cache/hoso``; issuers fetched with ``--online`` go to its ``issuers/``.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.output import fail

if TYPE_CHECKING:
    from verify import Policy, VerifyOptions


PolicyOption = Annotated[
    str | None,
    typer.Option(
        "--policy",
        help="Chính sách kiểm tra: tên (strict, vn-legacy, xem 'hoso policies') "
        "hoặc đường dẫn tệp .yaml. Mặc định: strict.",
    ),
]
OnlineOption = Annotated[
    bool,
    typer.Option(
        "--online",
        help="Tra cứu trực tuyến CRL/OCSP và tải CA phát hành còn thiếu (AIA), "
        "đánh giá tại thời điểm ký.",
    ),
]


def data_dir() -> Path:
    return Path(os.environ.get("HOSO_DATA_DIR", "var"))


def default_trust_folder() -> Path:
    """``$HOSO_DATA_DIR/trust`` (``var/trust`` by default), next to the service's data."""
    return data_dir() / "trust"


def policy_folders() -> tuple[Path, ...]:
    """Where a deployment keeps its own policies (looked up by name after the built-ins)."""
    return (data_dir() / "policies",)


def cache_folder() -> Path:
    """``$HOSO_CACHE_DIR``, else ``$XDG_CACHE_HOME/hoso``, else ``~/.cache/hoso``."""
    if os.environ.get("HOSO_CACHE_DIR"):
        return Path(os.environ["HOSO_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hoso"


def trust_paths(given: list[Path] | None) -> tuple[Path, ...]:
    """``--trust`` as given, else the installation's trust folder when it exists."""
    paths = tuple(given or ())
    if not paths and default_trust_folder().is_dir():
        paths = (default_trust_folder(),)
    return paths


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


def resolve_policy(spec: str | None, label: str = "--policy") -> Policy:
    """The policy named or given by path; a bad one ends the command with exit 2."""
    from verify import PolicyError, default_policy, load_policy

    if spec is None:
        return default_policy()
    try:
        return load_policy(spec, policy_folders())
    except PolicyError as exc:
        fail(f"{label}: {exc.message}")


def verify_options(
    trust: list[Path] | None, at: str | None, online: bool, policy: str | None
) -> VerifyOptions:
    """The ``VerifyOptions`` of ``hoso verify`` and ``hoso check`` (exit 2 on bad values)."""
    from verify import VerifyError, VerifyOptions

    try:
        return VerifyOptions(
            trust=trust_paths(trust),
            validation_time=parse_moment(at),
            online=online,
            policy=resolve_policy(policy),
            issuer_cache=cache_folder() / "issuers",
        )
    except VerifyError as exc:
        fail(exc.message)
