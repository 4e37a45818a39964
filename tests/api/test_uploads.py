"""Uploads are bounded in size (413, nothing stored) and type (415, nothing stored)."""

from __future__ import annotations

from sqlalchemy import func, select

from api.db.models import AuditEntry, Blob
from tests.api.conftest import Service


def nothing_stored(service: Service) -> bool:
    with service.runtime.db.session() as session:
        rows = session.scalar(select(func.count()).select_from(Blob))
        audit = session.scalar(select(func.count()).select_from(AuditEntry))
    temp_files = list(service.runtime.blobs.tmp.iterdir())
    return service.runtime.blobs.count() == 0 and rows == 0 and audit == 0 and not temp_files


def test_upload_over_the_limit_is_413_and_nothing_is_stored(service: Service) -> None:
    """A 6 MB PDF against a 5 MB bound: refused before parsing, no blob, no row, no temp file."""
    big = b"%PDF-1.7\n" + b"0" * (6 * 1024 * 1024)
    for path in ("/verifications", "/dossiers"):
        response = service.client.post(
            path,
            files={"file": ("lon.pdf", big, "application/pdf")},
            headers=service.as_role("reviewer"),
        )
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "UPLOAD_TOO_LARGE"
    assert nothing_stored(service)


def test_chunked_upload_over_the_limit_is_413(service: Service) -> None:
    """Without Content-Length the body is counted as it arrives."""

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(7):
            yield b"x" * (1024 * 1024)

    response = service.client.post(
        "/verifications",
        content=chunks(),
        headers=service.as_role("reviewer") | {"content-type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 413
    assert nothing_stored(service)


def test_wrong_file_type_is_415_and_nothing_is_stored(service: Service) -> None:
    """A PNG sent as evidence, a PDF sent as a dossier: both refused by magic bytes."""
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    response = service.client.post(
        "/verifications",
        files={"file": ("anh.pdf", png, "application/pdf")},
        headers=service.as_role("reviewer"),
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "UNSUPPORTED_FILE_TYPE"
    response = service.client.post(
        "/dossiers",
        files={"file": ("ho-so.zip", b"%PDF-1.7\n", "application/zip")},
        headers=service.as_role("submitter"),
    )
    assert response.status_code == 415
    assert nothing_stored(service)
