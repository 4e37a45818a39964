"""``hoso forms`` and ``hoso render``: listing, schema, example, and no file on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


def test_forms_lists_the_yenbai_forms() -> None:
    result = runner.invoke(app, ["forms"])
    assert result.exit_code == 0
    for form_id in ("bieu-01", "bieu-02", "bieu-03", "bieu-04"):
        assert form_id in result.output


def test_schema_and_example_are_json() -> None:
    schema = runner.invoke(app, ["forms", "schema", "bieu-02"])
    assert schema.exit_code == 0 and "vote" in json.loads(schema.output)["properties"]
    example = runner.invoke(app, ["forms", "example", "bieu-01"])
    assert example.exit_code == 0 and json.loads(example.output)["tier"] == "cds"


def test_render_writes_docx(tmp_path: Path) -> None:
    data = tmp_path / "in.json"
    data.write_text(runner.invoke(app, ["forms", "example", "bieu-01"]).output, encoding="utf-8")
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", "bieu-01", "--data", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")


def test_bad_input_lists_every_problem_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "in.json"
    data.write_text(json.dumps({"year": "x", "vote": {"total": 1, "yes": 3}}), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", "bieu-02", "--data", str(data), "-o", str(out)])
    assert result.exit_code == 2
    assert "vote.yes" in result.output and "year" in result.output and "agency" in result.output
    assert not out.exists()


def test_contradicting_facts_are_shown_as_warnings_and_the_file_is_written(
    tmp_path: Path,
) -> None:
    example = json.loads(runner.invoke(app, ["forms", "example", "bieu-01"]).output)
    example["issue"]["date"] = "2024-01-05"
    data = tmp_path / "in.json"
    data.write_text(json.dumps(example, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", "bieu-01", "--data", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert "Cảnh báo: guidance.date: Tờ trình ngày 05/01/2024 căn cứ Hướng dẫn" in " ".join(
        result.output.split()
    )


def test_pdfa_and_signing_need_a_pdf_output(tmp_path: Path) -> None:
    data = tmp_path / "in.json"
    data.write_text(runner.invoke(app, ["forms", "example", "bieu-01"]).output, encoding="utf-8")
    out = tmp_path / "out.docx"
    for extra in (["--pdfa"], ["--sign", str(tmp_path / "k.p12")]):
        result = runner.invoke(
            app, ["render", "bieu-01", "--data", str(data), "-o", str(out), *extra]
        )
        assert result.exit_code == 2 and "chỉ dùng khi tệp kết quả là .pdf" in result.output
    assert not out.exists()
