"""``hoso verify`` and ``hoso trust``: JSON contract and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from tests.support.pki import SamplePKI

runner = CliRunner()
AT = "2024-06-01T08:00:00+07:00"


def test_json_report_and_exit_zero_when_accepted(
    signed_good: bytes, trust_dir: Path, tmp_path: Path
) -> None:
    """Exactly one JSON object with the contract's keys; exit 0 for accepted evidence."""
    path = tmp_path / "qd.pdf"
    path.write_bytes(signed_good)
    result = runner.invoke(
        app, ["verify", str(path), "--trust", str(trust_dir), "--at", AT, "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "file",
        "sha256",
        "verdict",
        "accepted",
        "signatures",
        "fields",
        "fields_detail",
        "administrative",
        "missing_fields",
        "problems",
        "policy",
        "ca_certificates",
    }
    assert data["verdict"] == "valid" and data["accepted"] is True
    assert data["administrative"] is True
    assert data["fields_detail"]["number"] == {
        "source": "text",
        "confidence": None,
        "page": 1,
        "uncertain": False,
        "note": None,
    }
    assert data["policy"] == {"id": "strict", "version": "2025.2"}
    signature = data["signatures"][0]
    assert signature["signing_time_source"] == "claimed"
    assert signature["signing_time"].endswith("+07:00")
    summary = signature["summary"]
    assert summary["headline"].startswith("HỢP LỆ") and summary["time_kind"] == "claimed"
    assert summary["lines"][0] == summary["headline"]


def test_exit_one_when_not_accepted(admin_pdf: bytes, tmp_path: Path) -> None:
    """An unsigned file is a result: readable report, exit 1."""
    path = tmp_path / "chua-ky.pdf"
    path.write_bytes(admin_pdf)
    result = runner.invoke(app, ["verify", str(path), "--at", AT])
    assert result.exit_code == 1
    assert "KHÔNG CÓ CHỮ KÝ SỐ" in result.stdout


def test_exit_two_for_usage_errors(tmp_path: Path) -> None:
    """A missing file or a bad --at is a usage error: exit 2."""
    assert runner.invoke(app, ["verify", str(tmp_path / "x.pdf")]).exit_code == 2
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    assert runner.invoke(app, ["verify", str(path), "--at", "hôm qua"]).exit_code == 2


def test_trust_add_and_list_commands(pki: SamplePKI, tmp_path: Path) -> None:
    """hoso trust add writes into the folder, hoso trust list shows it."""
    source = tmp_path / "root.pem"
    source.write_bytes(pki.root.pem())
    folder = tmp_path / "trust"
    added = runner.invoke(app, ["trust", "add", str(source), "--folder", str(folder)])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["trust", "list", "--folder", str(folder), "--json"])
    assert json.loads(listed.stdout)[0]["anchor"] is True
