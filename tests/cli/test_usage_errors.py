"""Usage mistakes on the ``hoso`` command are answered in Vietnamese, with click's exit codes."""

from __future__ import annotations

import pytest

from cli.main import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("verify", "--foo", "x"), "Lỗi: Không có tùy chọn --foo."),
        (("verify", "--polic", "x"), "Có phải ý là: --online, --policy?"),
        (("verify",), "Lỗi: Thiếu tham số FILE."),
        (
            ("check", "x", "--workers", "abc"),
            "tùy chọn --workers không hợp lệ: phải là một số nguyên",
        ),
        (
            ("worker", "--concurrency", "0"),
            "tùy chọn --concurrency không hợp lệ: phải từ 1 trở lên",
        ),
        (("khong-co-lenh",), "Lỗi: Không có lệnh này."),
        (("verify", "a.pdf", "b.pdf"), "Lỗi: Thừa tham số"),
    ],
)
def test_usage_errors_are_vietnamese(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: str
) -> None:
    """Each mistake gets exit 2, the usage line and one Vietnamese reason; no English."""
    code, _, err = _run(capsys, *args)
    assert code == 2
    assert expected in err
    assert err.startswith("Cách dùng: hoso")
    for english in ("Error:", "Usage:", "No such", "Missing", "Invalid value", "Try '"):
        assert english not in err


def test_help_line_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    """``--help`` describes itself in Vietnamese on the group and on a command, and exits 0."""
    for args in (("--help",), ("verify", "--help")):
        code, out, _ = _run(capsys, *args)
        assert code == 0
        assert "Hiện hướng dẫn này rồi thoát." in out
        assert "Show this message" not in out


def test_command_exit_codes_pass_through(capsys: pytest.CaptureFixture[str]) -> None:
    """A command's own exit code (typer.Exit) and success come through unchanged."""
    assert _run(capsys, "catalogs")[0] == 0
    code, _, err = _run(capsys, "verify", "/khong/co/tep.pdf")
    assert code == 2
    assert "Không tìm thấy tệp" in err
