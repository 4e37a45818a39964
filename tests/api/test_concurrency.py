"""Concurrent uploads of the same bytes: one blob, one report, a row per upload with its own name."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from api.db.models import Blob, EvidenceReport, Verification
from tests.api.conftest import Service


def test_twenty_uploads_of_one_pdf_at_once(service: Service, signed_pdf: bytes) -> None:
    """20 simultaneous uploads: 1 blob, 1 stored report verified once, 20 rows with their names."""

    def upload(n: int) -> tuple[int, dict]:  # type: ignore[type-arg]
        files = {"file": (f"Bản {n:02d}.pdf", signed_pdf, "application/pdf")}
        response = service.client.post(
            "/verifications", files=files, headers=service.as_role("reviewer")
        )
        return response.status_code, response.json()

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(upload, range(20)))
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] * 19 + [201], statuses
    bodies = [body for _, body in results]
    assert {b["file_name"] for b in bodies} == {f"Bản {n:02d}.pdf" for n in range(20)}
    assert all(b["report"]["file"] == b["file_name"] for b in bodies)
    assert len({b["report_id"] for b in bodies}) == 1
    assert len({b["id"] for b in bodies}) == 20
    assert sum(1 for b in bodies if not b["reused"]) == 1
    with service.runtime.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Blob)) == 1
        assert session.scalar(select(func.count()).select_from(EvidenceReport)) == 1
        names = set(session.scalars(select(Verification.file_name)))
        assert len(names) == 20
