"""The service answers on /health without credentials, with database and converter status."""

from __future__ import annotations

from tests.api.conftest import Service


def test_health_is_open_and_reports_database_and_converter(service: Service) -> None:
    """No key needed; the database answers; the converter's state is reported."""
    response = service.client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["catalogs"] == 7
    assert body["database"]["status"] == "ok"
    assert body["converter"]["status"] in ("stopped", "starting", "ready", "unavailable")
