"""Dossier ZIPs of any catalog, checked in a moment: the chain tests' commune submissions.

Each "PDF" is the fake verifier's JSON (``tests/verify/dossier/fakes.py``)
stating the report it should get, so a whole dossier is checked by the real
``check_dossier`` (layout, evidence rules, appraisal) in well under a
second; ``FakeCheckRunner`` is the service's job runner doing exactly that.
``broken`` criteria get a document with a broken signature — the check
then advises Không đạt for them.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from criteria import load_catalog
from criteria.catalog import RequiredDocument
from criteria.document_kinds import KINDS
from tests.verify.dossier.fakes import spec

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "assessments"


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _document(required: RequiredDocument, unit: dict[str, Any], year: int, **extra: Any) -> bytes:
    if required.issuer == "body":
        agency = required.bodies[0].upper()
        parent = f"UBND TỈNH {unit.get('province', '').upper()}"
    elif required.issuer == "parent":
        agency, parent = unit["parent"].upper(), None
    else:
        agency, parent = unit["name"].upper(), (unit.get("parent") or "").upper() or None
    fields: dict[str, Any] = {
        "type": KINDS[required.kinds[0]] if required.kinds else "BÁO CÁO",
        "agency": agency,
        "parent_agency": parent,
        "org": agency,
        "date": f"{year}-03-02" if required.period != "any_date" else f"{year - 1}-08-15",
        "subject": {
            "covering_period": f"Chuyển đổi số giai đoạn {year - 1} - {year + 1}",
            "covering_year": f"Chuyển đổi số năm {year}",
            "covering": f"Chuyển đổi số năm {year}",
        }.get(required.period, f"Kết quả chuyển đổi số năm {year}"),
    }
    fields.update(extra)
    return spec(**fields)


def dossier_zip(data: dict[str, Any], broken: Iterable[str] = ()) -> bytes:
    """assessment.json plus one folder per criterion holding every document it needs."""
    catalog = load_catalog(data["catalog"])
    broken_ids = set(broken)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ho-so/assessment.json", json.dumps(data, ensure_ascii=False))
        for criterion_id in data["criteria"]:
            criterion = catalog.find(criterion_id, data["tier"])
            if criterion is None:
                continue
            for index, required in enumerate(criterion.documents, start=1):
                extra = {"verdict": "invalid"} if criterion_id in broken_ids else {}
                content = _document(required, data["unit"], data["year"], **extra)
                archive.writestr(f"ho-so/{criterion_id}. Minh chứng/{index}-tai-lieu.pdf", content)
    return buffer.getvalue()


class FakeCheckRunner:
    """The service's dossier runner with the fake verifier: the real checker, instant files."""

    def __call__(
        self, zip_path: Path, progress: Any, work_dir: Path, policy: str | None = None
    ) -> dict[str, Any]:
        from tests.verify.dossier.fakes import fake_verifier
        from verify.dossier import DossierOptions, check_dossier

        options = DossierOptions(verifier=fake_verifier, workers=1, work_dir=work_dir)
        result = check_dossier(zip_path, options, progress=lambda d, t, _p: progress(d, t))
        data: dict[str, Any] = result.model_dump(mode="json")
        return data
