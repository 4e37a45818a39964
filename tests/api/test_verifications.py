"""Upload → verification report through HTTP; stored results reused until policy or trust change."""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlalchemy import func, select

from api.db.models import AuditEntry, Blob, EvidenceReport, Verification
from api.settings import Settings
from tests.api.conftest import Service, running
from tests.support import tamper
from tests.support.pki import SamplePKI


def post_pdf(
    service: Service, data: bytes, name: str = "quyet-dinh.pdf", **fields: str
) -> httpx.Response:
    return service.client.post(
        "/verifications",
        files={"file": (name, data, "application/pdf")},
        data=fields,
        headers=service.as_role("reviewer"),
    )


def test_valid_pdf_gets_a_valid_report_stored_with_its_blob(
    service: Service, signed_pdf: bytes
) -> None:
    """The report of the verify issue comes back, and the file is kept under its SHA-256."""
    response = post_pdf(service, signed_pdf, catalog="thanhhoa-2023-xa", criterion="1.1")
    assert response.status_code == 201
    body = response.json()
    report = body["report"]
    assert report["verdict"] == "valid" and report["accepted"] is True
    assert report["file"] == "quyet-dinh.pdf"
    assert report["signatures"][0]["signer"]["common_name"] == "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH"
    assert body["policy_version"] and len(body["trust_fingerprint"]) == 64
    assert service.runtime.blobs.path_of(body["sha256"]).read_bytes() == signed_pdf
    again = service.client.get(f"/verifications/{body['id']}", headers=service.as_role("reviewer"))
    assert again.status_code == 200 and again.json()["report"] == report
    with service.runtime.db.session() as session:
        actions = set(session.scalars(select(AuditEntry.action)))
        assert {"upload", "verify"} <= actions
        assert session.get(Blob, body["sha256"]) is not None


def test_tampered_pdf_is_invalid_not_an_error(service: Service, signed_pdf: bytes) -> None:
    """A changed byte is a result (verdict invalid, HASH_FAILURE), answered 201 like any report."""
    response = post_pdf(service, tamper.change_one_byte(signed_pdf))
    assert response.status_code == 201
    report = response.json()["report"]
    assert report["verdict"] == "invalid"
    assert report["signatures"][0]["sub_indication"] == "HASH_FAILURE"


def test_same_file_again_reuses_the_stored_result(service: Service, signed_pdf: bytes) -> None:
    """A second upload of the same bytes gets the stored report (200, reused) under its own name."""
    first = post_pdf(service, signed_pdf).json()
    second = post_pdf(service, signed_pdf, "ban-sao.pdf")
    assert second.status_code == 200
    body = second.json()
    assert body["reused"] is True and body["report_id"] == first["report_id"]
    assert body["id"] != first["id"]
    assert body["file_name"] == "ban-sao.pdf" and body["report"]["file"] == "ban-sao.pdf"
    assert first["report"]["file"] == "quyet-dinh.pdf"
    again = service.client.get(f"/verifications/{first['id']}", headers=service.as_role("reviewer"))
    assert again.json()["file_name"] == "quyet-dinh.pdf"
    with service.runtime.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Verification)) == 2
        assert session.scalar(select(func.count()).select_from(EvidenceReport)) == 1
        assert session.scalar(select(func.count()).select_from(Blob)) == 1


def test_changed_trust_store_verifies_again(
    settings: Settings, pki: SamplePKI, signed_pdf: bytes, tmp_path: Path
) -> None:
    """A different trust store fingerprint means the stored result is not reused."""
    with running(settings) as svc:
        first = post_pdf(svc, signed_pdf).json()
    other = pki.write_trust(tmp_path / "other-trust")
    (other / "extra.pem").write_bytes(pki.self_signed.pem())
    changed = settings.model_copy(update={"trust": str(other)})
    with running(changed) as svc:
        second = post_pdf(svc, signed_pdf)
        assert second.status_code == 201
        body = second.json()
        assert body["reused"] is False and body["id"] != first["id"]
        assert body["trust_fingerprint"] != first["trust_fingerprint"]


def test_unknown_criterion_is_404(service: Service, signed_pdf: bytes) -> None:
    """A criterion the catalog does not have is refused before anything is stored."""
    response = post_pdf(service, signed_pdf, catalog="thanhhoa-2023-xa", criterion="9.9")
    assert response.status_code == 404
    assert service.runtime.blobs.count() == 0
