"""One error envelope everywhere: validation (every problem with its path), 404, 405, 500."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tests.api.conftest import Service


def error_of(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]


def test_malformed_and_invalid_assessment_lists_every_problem(service: Service) -> None:
    """Bad JSON syntax → 422; a wrong assessment → 422 with every problem and its path."""
    headers = service.as_role("submitter") | {"content-type": "application/json"}
    broken = service.client.post("/assessments/evaluate", content=b"{not json", headers=headers)
    assert broken.status_code == 422
    assert error_of(broken)["code"] == "VALIDATION_FAILED"
    assert "JSON" in error_of(broken)["details"][0]["message"]
    assert "decode" not in str(error_of(broken))
    bad = {
        "catalog": "yenbai-2024-xa",
        "tier": "cds",
        "year": 2024,
        "unit": {},
        "criteria": {"X.9": {}},
    }
    response = service.client.post("/assessments/evaluate", json=bad, headers=headers)
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "ASSESSMENT_INVALID"
    paths = [p["path"] for p in error["details"]]
    assert len(paths) >= 2 and all(isinstance(p, str) for p in paths)


def test_request_validation_error_names_each_path(service: Service) -> None:
    """A query parameter outside its choices and a missing upload field are both listed."""
    response = service.client.post(
        "/forms/bieu-01/render?format=odt", json={}, headers=service.as_role("submitter")
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "VALIDATION_FAILED"
    format_problem = next(p for p in error["details"] if p["path"] == "query.format")
    assert format_problem["message"].startswith("Giá trị không hợp lệ. Giá trị cho phép:")
    assert "Input should" not in str(error)
    missing = service.client.post("/verifications", headers=service.as_role("reviewer"))
    assert missing.status_code == 422
    assert any(p["path"] == "body.file" for p in error_of(missing)["details"])


def test_unknown_route_method_and_resource(service: Service) -> None:
    """Unknown paths, methods and ids all answer with the envelope."""
    headers = service.as_role("reviewer")
    assert error_of(service.client.get("/nowhere", headers=headers))["code"] == "NOT_FOUND"
    assert service.client.delete("/catalogs", headers=headers).status_code == 405
    missing = service.client.get("/catalogs/khong-co", headers=headers)
    assert missing.status_code == 404 and error_of(missing)["code"] == "CATALOG_NOT_FOUND"
    assert service.client.get("/forms/khong-co/schema", headers=headers).status_code == 404
    assert service.client.get("/verifications/khong-co", headers=headers).status_code == 404
    assert service.client.get("/dossiers/khong-co", headers=headers).status_code == 404


def test_an_internal_failure_leaks_no_internals(service: Service) -> None:
    """An unexpected exception is a 500 with a generic message, never a traceback."""
    router = APIRouter()

    @router.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    app = service.client.app
    app.router.routes.insert(0, router.routes[0])  # type: ignore[attr-defined]
    response = service.client.get("/boom", headers=service.as_role("reviewer"))
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "INTERNAL_ERROR"
    assert "secret" not in response.text and "Traceback" not in response.text
