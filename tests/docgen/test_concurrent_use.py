"""Concurrent use on one machine: several processes converting at once never share a
LibreOffice profile or port, and all of them succeed.

Two ``hoso render … .pdf`` at the same time used to share
``/tmp/hoso-libreoffice-<uid>/member-0``: one of them failed every time.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pypdf
import pytest

from tests.docgen.conftest import HAVE_LIBREOFFICE

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "forms" / "bieu-01.json"
HOSO = str(Path(sys.executable).parent / "hoso")

# A library user: docgen.render_pdf through the process's default warm pool.
LIBRARY_USER = textwrap.dedent(
    """
    import sys, docgen
    data = docgen.get_form("bieu-01").example()
    open(sys.argv[1], "wb").write(docgen.render_pdf("bieu-01", data))
    """
)


@pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) is not installed")
def test_three_command_line_renders_and_a_library_user_at_once_all_succeed(
    tmp_path: Path,
) -> None:
    """Three ``hoso render`` processes and one process on the default pool, started together."""
    commands = [
        [HOSO, "render", "bieu-01", "--data", str(EXAMPLE), "-o",
         str(tmp_path / f"cli-{n}.pdf")]
        for n in range(3)
    ]  # fmt: skip
    commands.append([sys.executable, "-c", LIBRARY_USER, str(tmp_path / "library.pdf")])
    processes = [
        subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for command in commands
    ]
    outcomes = [process.communicate(timeout=180) for process in processes]
    for process, (_out, err) in zip(processes, outcomes, strict=True):
        assert process.returncode == 0, err
        assert "LibreOffice connection failed" not in err and "Traceback" not in err
    for name in ("cli-0", "cli-1", "cli-2", "library"):
        reader = pypdf.PdfReader(tmp_path / f"{name}.pdf")
        assert "TỜ TRÌNH" in reader.pages[0].extract_text()


def test_the_default_pool_of_a_process_is_its_own() -> None:
    """Each process gets a fresh profile folder (LibreOffice locks a profile)."""
    script = "import docgen; print(docgen.default_converter().options.work_dir)"
    folders = {
        subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    }
    assert len(folders) == 2
    assert all(not Path(folder).exists() for folder in folders), "removed at exit"
