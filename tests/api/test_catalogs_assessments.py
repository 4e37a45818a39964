"""Catalogs and evaluation through HTTP give what the library gives."""

from __future__ import annotations

import json
from pathlib import Path

from tests.api.conftest import Service

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "assessments"


def test_catalog_list_and_one_catalog(service: Service) -> None:
    """Seven catalogs; one catalog carries every criterion with both tier slots."""
    headers = service.as_role("submitter")
    catalogs = service.client.get("/catalogs", headers=headers).json()
    assert len(catalogs) == 7
    ids = {c["id"] for c in catalogs}
    assert "yenbai-2024-xa" in ids
    one = service.client.get("/catalogs/yenbai-2024-xa", headers=headers).json()
    assert len(one["criteria"]) == 52
    assert set(one["criteria"][0]["tiers"]) == {"cds", "cds_nang_cao"}


def test_evaluate_an_example_assessment(service: Service) -> None:
    """The example that passes passes through HTTP too."""
    data = json.loads((EXAMPLES / "yenbai-xa-dat.json").read_text(encoding="utf-8"))
    response = service.client.post(
        "/assessments/evaluate", json=data, headers=service.as_role("reviewer")
    )
    assert response.status_code == 200
    assert response.json()["decision"]["passed"] is True


def test_assessment_schema_is_published(service: Service) -> None:
    """Other systems can fetch the schema of what they post to /assessments/evaluate."""
    response = service.client.get("/assessments/schema", headers=service.as_role("submitter"))
    assert response.status_code == 200
    assert {"unit", "catalog", "tier", "year"} <= set(response.json()["required"])


def test_labels_are_served_for_the_page(service: Service) -> None:
    """The page names fields with the same words as `hoso verify` (verify.labels)."""
    response = service.client.get("/labels")
    assert response.status_code == 200
    assert response.json()["fields"]["agency"] == "Cơ quan ban hành"
    assert response.json()["verdicts"]["invalid"] == "KHÔNG HỢP LỆ"
