"""The machine-readable report: the whole result, every file's evidence report included.

One JSON object, UTF-8 (Vietnamese not escaped), so that another system can
store it, diff two runs, or show a file's signature details without running
the check again.
"""

from __future__ import annotations

import json
from typing import Any

from verify.dossier.model import DossierResult

FORMAT_VERSION = 1


def report_data(result: DossierResult) -> dict[str, Any]:
    """The report as plain JSON data (``format_version`` first)."""
    data: dict[str, Any] = {"format_version": FORMAT_VERSION, "passed": result.passed}
    data.update(result.model_dump(mode="json"))
    return data


def render_json(result: DossierResult) -> bytes:
    return json.dumps(report_data(result), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
