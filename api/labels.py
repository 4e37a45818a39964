"""``GET /labels``: the Vietnamese words for report codes, for the reviewers' page.

The page shows the same field names and outcome words as ``hoso verify`` and the
dossier reports because all of them read ``verify.labels``; the page fetches
them here instead of keeping a copy in JavaScript.
"""

from __future__ import annotations

from fastapi import APIRouter

from verify import labels

router = APIRouter(tags=["labels"])


@router.get("/labels")
def report_labels() -> dict[str, dict[str, str]]:
    return {
        "verdicts": labels.VERDICT_LABELS,
        "indications": labels.INDICATION_LABELS,
        "coverage": labels.COVERAGE_LABELS,
        "modified_after": labels.MODIFIED_AFTER_LABELS,
        "revocation": labels.REVOCATION_LABELS,
        "signing_time_source": labels.SIGNING_TIME_SOURCE_LABELS,
        "fields": labels.FIELD_LABELS,
        "checks": labels.CHECK_LABELS,
        "check_states": labels.CHECK_STATE_LABELS,
        "certificate_roles": labels.CERTIFICATE_ROLE_LABELS,
    }
