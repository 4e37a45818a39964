"""Access control: 401 without a valid key, 403 for the wrong role, 404 for another's dossier."""

from __future__ import annotations

import io
import zipfile

from tests.api.conftest import Service


def small_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("assessment.json", "{}")
    return buffer.getvalue()


def test_no_key_or_a_wrong_key_is_401_with_the_envelope(service: Service) -> None:
    """Missing header, wrong scheme and unknown key all get 401 and the one envelope."""
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer nope"}):
        response = service.client.get("/catalogs", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"]["code"] == "UNAUTHENTICATED"


def test_revoked_key_is_refused(service: Service) -> None:
    """Revoking through /keys (admin) makes the key fail at once."""
    key = service.new_key("reviewer")
    headers = {"Authorization": f"Bearer {key}"}
    assert service.client.get("/catalogs", headers=headers).status_code == 200
    listed = service.client.get("/keys", headers=service.as_role("admin")).json()
    key_id = next(k["id"] for k in listed if key.startswith(k["prefix"]))
    revoked = service.client.delete(f"/keys/{key_id}", headers=service.as_role("admin"))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert service.client.get("/catalogs", headers=headers).status_code == 401


def test_wrong_role_is_403(service: Service) -> None:
    """A submitter may not verify files nor manage keys; a reviewer may not manage keys."""
    pdf = {"file": ("a.pdf", b"%PDF-1.7\n", "application/pdf")}
    response = service.client.post(
        "/verifications", files=pdf, headers=service.as_role("submitter")
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "FORBIDDEN"
    assert service.client.get("/keys", headers=service.as_role("reviewer")).status_code == 403
    created = service.client.post(
        "/keys", json={"role": "reviewer"}, headers=service.as_role("admin")
    )
    assert created.status_code == 201 and created.json()["key"].startswith("hoso_")


def test_another_submitters_dossier_is_404_but_reviewers_see_it(service: Service) -> None:
    """Submitters see only their own jobs; the other's job does not exist for them."""
    files = {"file": ("ho-so.zip", small_zip(), "application/zip")}
    submitted = service.client.post("/dossiers", files=files, headers=service.as_role("submitter"))
    assert submitted.status_code == 202
    job_id = submitted.json()["id"]
    other = {"Authorization": f"Bearer {service.new_key('submitter')}"}
    for path in (f"/dossiers/{job_id}", f"/dossiers/{job_id}/report"):
        response = service.client.get(path, headers=other)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"
    assert (
        service.client.get(f"/dossiers/{job_id}", headers=service.as_role("submitter")).status_code
        == 200
    )
    assert (
        service.client.get(f"/dossiers/{job_id}", headers=service.as_role("reviewer")).status_code
        == 200
    )


def test_the_last_admin_key_cannot_be_revoked(service: Service) -> None:
    """Revoking the only active admin key is refused (409); with a second admin it works."""
    admin = service.as_role("admin")
    keys = service.client.get("/keys", headers=admin).json()
    own = next(k["id"] for k in keys if service.keys["admin"].startswith(k["prefix"]))
    refused = service.client.delete(f"/keys/{own}", headers=admin)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "LAST_ADMIN_KEY"
    assert "quản trị cuối cùng" in refused.json()["error"]["message"]
    assert service.client.get("/keys", headers=admin).status_code == 200
    second = service.client.post("/keys", json={"role": "admin"}, headers=admin).json()
    assert service.client.delete(f"/keys/{own}", headers=admin).status_code == 200
    other = {"Authorization": f"Bearer {second['key']}"}
    assert service.client.delete(f"/keys/{second['id']}", headers=other).status_code == 409
