"""What a finished dossier job is turned into, by the owning packages' own code.

The HTML and XLSX reports are written by ``verify.dossier`` (the same writers
as ``hoso check --report``), the appraisal forms' input by
``docgen.from_appraisal`` (the same as ``hoso check --render``); the API only
re-reads the stored result and hands it over, so the CLI and the API cannot
disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from api.errors import ApiError
from docgen.from_appraisal import APPRAISAL_FORMS, form_input
from verify.dossier import DossierResult
from verify.dossier.reports import render_report


def report_bytes(result: dict[str, Any], fmt: str) -> bytes:
    """The dossier report in ``html`` or ``xlsx`` (``json`` is the stored result itself)."""
    return render_report(DossierResult.model_validate(result), f".{fmt}")


def form_data(
    result: dict[str, Any], form_id: str, narrative: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The input of an appraisal form filled from the check; ``narrative`` wins on its fields."""
    if form_id not in APPRAISAL_FORMS:
        raise ApiError(
            f"Biểu mẫu '{form_id}' không điền từ kết quả kiểm tra hồ sơ; "
            f"chọn một trong: {', '.join(APPRAISAL_FORMS)}.",
            {"form": form_id, "allowed": list(APPRAISAL_FORMS)},
            code="FORM_NOT_FROM_DOSSIER",
        )
    checked = DossierResult.model_validate(result)
    return form_input(form_id, checked.assessment, checked.appraisal, narrative)
