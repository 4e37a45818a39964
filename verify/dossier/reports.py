"""Writing the reports of a dossier check, chosen by the output file's suffix.

``.json`` for machines, ``.html`` for reviewers in a browser, ``.xlsx`` for
the appraisal council's spreadsheets. Each writer renders to bytes first and
the file is replaced in one step, so a failed run never leaves half a report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from verify.dossier.errors import DossierError
from verify.dossier.model import DossierResult

Renderer = Callable[[DossierResult], bytes]


def _renderers() -> dict[str, Renderer]:
    from verify.dossier.report_html import render_html
    from verify.dossier.report_json import render_json
    from verify.dossier.report_xlsx import render_xlsx

    return {".json": render_json, ".html": render_html, ".htm": render_html, ".xlsx": render_xlsx}


REPORT_SUFFIXES = (".json", ".html", ".htm", ".xlsx")


class ReportFormatError(DossierError):
    """The report file's suffix names no known format."""

    code = "REPORT_FORMAT_UNKNOWN"


def check_report_path(path: Path) -> None:
    """Refuse an unknown suffix before any work is done."""
    if path.suffix.casefold() not in REPORT_SUFFIXES:
        raise ReportFormatError(
            f"Không biết định dạng báo cáo “{path.name}”: dùng đuôi .html, .json hoặc .xlsx."
        )


def render_report(result: DossierResult, suffix: str) -> bytes:
    return _renderers()[suffix.casefold()](result)


def write_report(result: DossierResult, path: Path) -> None:
    """Render and atomically write one report."""
    check_report_path(path)
    data = render_report(result, path.suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".hoso-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the report from the reviewers' group
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
