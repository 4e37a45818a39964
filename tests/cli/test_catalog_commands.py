"""``hoso catalogs``, ``hoso catalog show`` and ``hoso evaluate`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "assessments"
runner = CliRunner()


def test_catalogs_lists_every_catalog() -> None:
    result = runner.invoke(app, ["catalogs"], terminal_width=250)
    assert result.exit_code == 0
    for catalog_id in ("yenbai-2024-xa", "thanhhoa-2023-xa", "daknong-2023-xa"):
        assert catalog_id in result.output


def test_catalog_show_json_has_the_published_shape() -> None:
    result = runner.invoke(app, ["catalog", "show", "daknong-2023-xa", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {"id", "title", "source", "criteria"} <= set(data)
    first = data["criteria"][0]
    assert {"id", "group", "name", "unit", "tiers"} <= set(first)
    assert set(first["tiers"]) == {"cds", "cds_nang_cao"}
    assert first["tiers"]["cds_nang_cao"] is None


def test_catalog_show_unknown_id_is_a_clear_error() -> None:
    result = runner.invoke(app, ["catalog", "show", "khong-co"])
    assert result.exit_code == 2
    assert "Không có bộ tiêu chí" in result.output


def test_evaluate_exit_status_follows_the_decision() -> None:
    passed = runner.invoke(app, ["evaluate", str(EXAMPLES / "yenbai-xa-dat.json")])
    assert passed.exit_code == 0, passed.output
    assert "ĐẠT" in passed.output
    failed = runner.invoke(app, ["evaluate", str(EXAMPLES / "yenbai-xa-khong-dat-mo-rong.json")])
    assert failed.exit_code == 1


def test_evaluate_json_prints_the_evaluated_assessment() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLES / "thanhhoa-xa.json"), "--json"])
    data = json.loads(result.output)
    assert data["decision"]["rate_text"] == "94,6%"
    assert len(data["criteria"]) == 37


def test_evaluate_bad_input_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "yenbai-xa-dat.json").read_text(encoding="utf-8"))
    data["criteria"]["I.1"] = {"a": 3, "b": 0}
    data["criteria"]["I.3"] = {"a": 9, "b": 4}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(bad)])
    assert result.exit_code == 2
    assert 'criteria["I.1"].b' in result.output and 'criteria["I.3"].a' in result.output
    assert "Traceback" not in result.output


def test_evaluate_malformed_json_and_missing_file_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(broken)])
    assert result.exit_code == 2 and "không phải JSON" in result.output
    result = runner.invoke(app, ["evaluate", str(tmp_path / "absent.json")])
    assert result.exit_code == 2 and "Không đọc được" in result.output


def test_schema_prints_the_assessment_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Assessment"
    assert {"unit", "catalog", "tier", "year"} <= set(schema["required"])


def test_catalog_show_prints_each_criterions_documents() -> None:
    """The required documents, who issues them, when, and the reading of the seed."""
    shown = runner.invoke(app, ["catalog", "show", "thanhhoa-2023-xa"]).output
    text = " ".join(shown.split())  # lines wrap at the terminal's width
    assert "Tài liệu kiểm chứng cần có" in text
    assert "1. Kế hoạch giai đoạn — Kế hoạch, của chính đơn vị, cho giai đoạn bao gồm" in text
    assert "Báo cáo, của Sở Thông tin và Truyền thông, ban hành trong năm đánh giá" in text
    assert "Không áp dụng khi: Xã không có điểm cung cấp dịch vụ bưu chính" in text
    data = json.loads(runner.invoke(app, ["catalog", "show", "thanhhoa-2023-xa", "--json"]).output)
    first = data["criteria"][0]
    assert [d["kinds"] for d in first["documents"]] == [["KH"], ["KH"], ["BC"]]
    assert first["evidence_note"]


def test_the_monitoring_set_exits_0_without_a_verdict() -> None:
    result = runner.invoke(
        app, ["evaluate", str(EXAMPLES / "yenbai-chitieu-tinh.json")], terminal_width=250
    )
    assert result.exit_code == 0, result.output
    assert "ĐẠT" not in result.output.upper()
    assert "KHÔNG XÉT CÔNG NHẬN" in result.output


def test_awaiting_the_appraiser_exits_3() -> None:
    example = EXAMPLES / "thanhhoa-xa-giai-trinh-cho-tham-dinh.json"
    result = runner.invoke(app, ["evaluate", str(example)], terminal_width=250)
    assert result.exit_code == 3, result.output
    text = " ".join(result.output.split())
    assert "CHỜ THẨM ĐỊNH" in text and "Chờ thẩm định" in text


def test_a_fixed_target_in_the_assessment_exits_2_with_its_path(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "yenbai-xa-dat.json").read_text(encoding="utf-8"))
    data["criteria"]["I.1"] = {"a": 35, "b": 100, "target": 30}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(bad)], terminal_width=250)
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert 'criteria["I.1"].target' in text and "hàng năm" in text
