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
        "fields_reliable",
        "checked_at",
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
        "garbled": False,
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


def test_policies_lists_the_built_ins_with_what_they_accept() -> None:
    """hoso policies: strict and vn-legacy, their versions and what each accepts."""
    result = runner.invoke(app, ["policies", "--json"])
    assert result.exit_code == 0, result.output
    policies = {p["id"]: p for p in json.loads(result.stdout)}
    assert {"strict", "vn-legacy"} <= set(policies)
    legacy = policies["vn-legacy"]
    assert legacy["algorithms"]["legacy"]["signed_before"].startswith("2025-08-15")
    assert any("15/08/2025" in line for line in legacy["accepts"])
    assert policies["strict"]["algorithms"]["legacy"] is None
    text = runner.invoke(app, ["policies"]).stdout
    assert "vn-legacy" in text and "không chính sách nào chấp nhận" in text


def test_a_deployment_policy_file_is_used_and_checked(
    signed_good: bytes, trust_dir: Path, tmp_path: Path
) -> None:
    """--policy FILE works on verify; a malformed file is exit 2 naming the key at fault."""
    path = tmp_path / "qd.pdf"
    path.write_bytes(signed_good)
    own = tmp_path / "tinh.yaml"
    own.write_text(
        "extends: vn-legacy\nid: tinh-yen-bai\nversion: '1'\n"
        "algorithms: {legacy: {signed_before: 2021-01-01}}\n",
        encoding="utf-8",
    )
    ok = runner.invoke(
        app,
        [
            "verify",
            str(path),
            "--trust",
            str(trust_dir),
            "--at",
            AT,
            "--policy",
            str(own),
            "--json",
        ],
    )
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["policy"] == {"id": "tinh-yen-bai", "version": "1"}
    bad = tmp_path / "hong.yaml"
    bad.write_text("extends: strict\nid: hong\nversion: '1'\nchecks: {key_usage: MAYBE}\n")
    refused = runner.invoke(app, ["verify", str(path), "--policy", str(bad)])
    assert refused.exit_code == 2
    assert "checks.key_usage" in refused.stderr and "FAIL, WARN hoặc INFORM" in refused.stderr
    assert runner.invoke(app, ["policies", str(bad)]).exit_code == 2


def test_unknown_policy_is_a_usage_error_on_verify_and_check(tmp_path: Path) -> None:
    """An unknown name: exit 2 with the list of policies, for hoso verify and hoso check."""
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    for command in (["verify", str(path)], ["check", str(tmp_path)]):
        result = runner.invoke(app, [*command, "--policy", "khong-co"])
        assert result.exit_code == 2
        assert "khong-co" in result.stderr and "strict, vn-legacy" in result.stderr


def test_text_output_starts_with_the_reviewers_answer(
    signed_good: bytes, trust_dir: Path, tmp_path: Path
) -> None:
    """Each signature: the headline first, then who, CA, time in +07:00, and what to do."""
    path = tmp_path / "qd.pdf"
    path.write_bytes(signed_good)
    result = runner.invoke(app, ["verify", str(path), "--trust", str(trust_dir), "--at", AT])
    out = result.stdout
    assert result.exit_code == 0, out
    assert out.index("HỢP LỆ — chữ ký của") < out.index("Chi tiết kỹ thuật")
    assert "15/03/2024 09:00 (+07:00)" in out and "Việc cần làm:" in out
    assert "Chính sách kiểm tra: strict" in out


def test_trust_add_takes_a_bundle_and_keeps_cas_apart(pki: SamplePKI, tmp_path: Path) -> None:
    """A .p7b of CA + unknown root: the CA goes to intermediates, the root is not trusted."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs7

    bundle = tmp_path / "chain.p7b"
    bundle.write_bytes(
        pkcs7.serialize_certificates(
            [pki.intermediate.cert, pki.root.cert], serialization.Encoding.DER
        )
    )
    folder = tmp_path / "trust"
    added = runner.invoke(app, ["trust", "add", str(bundle), "--folder", str(folder)])
    assert added.exit_code == 0, added.output
    assert "CA phát hành" in added.stdout and "Bỏ qua 'Hoso Test Root CA'" in added.stdout
    rows = json.loads(
        runner.invoke(app, ["trust", "list", "--folder", str(folder), "--json"]).stdout
    )
    assert [r["anchor"] for r in rows] == [False]
    assert "intermediates" in rows[0]["file"]
