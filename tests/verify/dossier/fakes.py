"""A fake verifier for the dossier tests: each "PDF" states the report it should get.

Why: the dossier logic (layout, reasons, pool, cache) is tested in
milliseconds per file without signing anything; a few end-to-end tests use
real signed PDFs (``test_sample.py``). The fake is a module-level function so
that the pool can send it to its workers; a file asking for ``sleep`` makes the
worker hang, which is how the per-file time limit is tested (a test hook in
the verification function, not a patch of the library).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path
from typing import Any

from verify.options import VerifyOptions
from verify.report import AdministrativeFields, EvidenceReport, Problem, SignatureReport, Signer

CALLS_ENV = "HOSO_TEST_FAKE_CALLS"


def spec(**overrides: Any) -> bytes:
    """The content of a fake PDF: a valid, accepted Báo cáo of the test unit by default."""
    data: dict[str, Any] = {
        "verdict": "valid",
        "type": "BÁO CÁO",
        "number": "12/BC-UBND",
        "date": "2024-03-01",
        "agency": "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH",
        "org": "UBND xã Tân Thịnh",
        "trusted": True,
        "sleep": 0,
    }
    data.update(overrides)
    return json.dumps(data, ensure_ascii=False).encode()


def fake_verifier(path: Path, options: VerifyOptions) -> EvidenceReport:
    """Build the report the file asks for; count calls in a file when the tests ask to."""
    calls = os.environ.get(CALLS_ENV)
    if calls:
        with open(calls, "a", encoding="utf-8") as log:
            log.write(f"{path.name}\n")
    data = json.loads(path.read_bytes())
    if data.get("sleep"):
        time.sleep(float(data["sleep"]))
    verdict = data["verdict"]
    fields = AdministrativeFields(
        agency=data.get("agency"),
        number=data.get("number"),
        type=data.get("type"),
        date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        subject=data.get("subject", "Kết quả chuyển đổi số"),
        parent_agency=data.get("parent_agency"),
        source="text",
    )
    missing = [n for n in ("agency", "number", "date", "type") if getattr(fields, n) is None]
    signatures = []
    if verdict != "unsigned" and verdict != "unreadable":
        indication = {"valid": "TOTAL_PASSED", "invalid": "TOTAL_FAILED"}.get(
            verdict, "INDETERMINATE"
        )
        signatures.append(
            SignatureReport(
                field="ChuKy1",
                signer=Signer(common_name=data.get("cn"), organization=data.get("org")),
                intact=verdict != "invalid",
                trusted=bool(data.get("trusted")),
                indication=indication,  # type: ignore[arg-type]
                sub_indication=(
                    "NO_CERTIFICATE_CHAIN_FOUND"
                    if verdict == "indeterminate" and not data.get("trusted")
                    else ("HASH_FAILURE" if verdict == "invalid" else None)
                ),
                messages=["Nội dung tệp đã bị thay đổi sau khi ký."]
                if verdict == "invalid"
                else [],
            )
        )
    problems = []
    if verdict == "unreadable":
        problems.append(Problem(code="NOT_A_PDF", severity="error", message="Tệp không phải PDF."))
    return EvidenceReport(
        file=str(path),
        sha256="",
        verdict=verdict,
        accepted=verdict == "valid" and not missing,
        signatures=signatures,
        fields=fields,
        missing_fields=missing,
        problems=problems,
    )
