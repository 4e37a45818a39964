"""The service answers on /health without credentials."""

from fastapi.testclient import TestClient

from api.app import create_app


def test_health_is_open_and_reports_the_catalogs() -> None:
    client = TestClient(create_app())
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["catalogs"] == 7
