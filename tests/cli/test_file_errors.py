"""Files that cannot be read or written end a command with exit 2 and Vietnamese words.

A folder where a file is expected, a missing file, a non-UTF-8 file, an output
path that is a folder: each is said in the user's language, never as Python's
English ``strerror`` nor as a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app

ROOT = Path(__file__).resolve().parents[2]
FORM_EXAMPLE = ROOT / "examples" / "forms" / "bieu-01.json"
runner = CliRunner()

ENGLISH = ("No such file", "Is a directory", "Errno", "Traceback", "Permission denied")


def _failed_in_vietnamese(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert not any(word in result.output for word in ENGLISH), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.output


@pytest.mark.parametrize("command", [["evaluate"], ["verify"], ["trust", "add"]])
def test_a_folder_given_as_input_file_is_named_as_a_folder(
    tmp_path: Path, command: list[str]
) -> None:
    assert "thư mục" in _failed_in_vietnamese([*command, str(tmp_path)])


def test_missing_and_non_utf8_input_files(tmp_path: Path) -> None:
    assert "kiểm tra lại đường dẫn" in _failed_in_vietnamese(
        ["render", "bieu-01", "-d", str(tmp_path / "absent.json"), "-o", str(tmp_path / "x.docx")]
    )
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"unit": "x\xe3 T\xe2n"}')
    assert "UTF-8" in _failed_in_vietnamese(["evaluate", str(latin)])


def test_render_to_a_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.mkdir()
    output = _failed_in_vietnamese(
        ["render", "bieu-01", "-d", str(FORM_EXAMPLE), "-o", str(target)]
    )
    assert "Không ghi được" in output and "thư mục" in output
