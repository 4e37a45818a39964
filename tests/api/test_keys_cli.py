"""``hoso keys`` and the first admin key of ``hoso serve``, on the service's own database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.settings import get_settings
from cli.main import app
from cli.serve_command import ensure_admin_key


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("HOSO_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "var"
    get_settings.cache_clear()


def test_create_list_revoke(data_dir: Path) -> None:
    """A key is printed once; the list never shows it; a revoked key is marked."""
    runner = CliRunner()
    created = runner.invoke(app, ["keys", "create", "--role", "reviewer", "--label", "Phòng VHTT"])
    assert created.exit_code == 0, created.output
    secret = created.output.strip().splitlines()[-1]
    assert secret.startswith("hoso_")
    listed = runner.invoke(app, ["keys", "list"])
    assert listed.exit_code == 0 and "reviewer" in listed.output and secret not in listed.output
    assert runner.invoke(app, ["keys", "revoke", "1"]).exit_code == 0
    assert runner.invoke(app, ["keys", "revoke", "99"]).exit_code == 2
    assert runner.invoke(app, ["keys", "create", "--role", "boss"]).exit_code == 2
    assert (data_dir / "hoso.sqlite3").is_file()


def test_first_serve_creates_one_admin_key(data_dir: Path) -> None:
    """The first start creates an admin key; later starts do not."""
    first = ensure_admin_key()
    assert first is not None and first.startswith("hoso_")
    assert ensure_admin_key() is None


def test_the_last_admin_key_cannot_be_revoked_from_the_cli(data_dir: Path) -> None:
    """``hoso keys revoke`` refuses the only active admin key with the reason (exit 2)."""
    ensure_admin_key()
    result = CliRunner().invoke(app, ["keys", "revoke", "1"])
    assert result.exit_code == 2
    assert "quản trị cuối cùng" in result.output


def test_gc_on_an_empty_service(data_dir: Path) -> None:
    """``hoso gc`` runs on a fresh data folder and says what it removed."""
    result = CliRunner().invoke(app, ["gc", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Sẽ xóa: 0 tệp lưu trữ" in result.output


def test_a_key_for_a_unit_of_the_chain(data_dir: Path) -> None:
    """``--actor`` binds a key to a unit; what a kind needs is asked for in Vietnamese."""
    runner = CliRunner()
    district = [
        "keys", "create", "--role", "reviewer", "--actor", "huyen",
        "--unit", "UBND huyện Quảng Xương", "--province", "Thanh Hóa",
    ]  # fmt: skip
    created = runner.invoke(app, district)
    assert created.exit_code == 0, created.output
    assert "UBND huyện Quảng Xương" in created.output
    listed = runner.invoke(app, ["keys", "list"])
    assert "huyen:" in listed.output and "Xương" in listed.output  # (rich wraps the column)
    member = ["keys", "create", "--role", "reviewer", "--actor", "bcd", "--unit", "Sở Y tế",
              "--province", "Thanh Hóa"]  # fmt: skip
    refused = runner.invoke(app, member)
    assert refused.exit_code == 2 and "areas" in refused.output
    stray = runner.invoke(app, ["keys", "create", "--role", "reviewer", "--unit", "Sở Y tế"])
    assert stray.exit_code == 2 and "--actor" in stray.output
