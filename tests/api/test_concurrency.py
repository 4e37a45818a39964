"""Concurrent uploads of the same bytes: one blob row, no 500 (found by the load run)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from api.db.models import Blob
from tests.api.conftest import Service


def test_same_file_uploaded_by_many_at_once(service: Service, signed_pdf: bytes) -> None:
    """Eight simultaneous uploads of one PDF all succeed and share one blob."""

    def upload(n: int) -> int:
        files = {"file": (f"ban-{n}.pdf", signed_pdf, "application/pdf")}
        response = service.client.post(
            "/verifications", files=files, headers=service.as_role("reviewer")
        )
        return response.status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(upload, range(8)))
    assert all(status in (200, 201) for status in statuses), statuses
    with service.runtime.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Blob)) == 1
