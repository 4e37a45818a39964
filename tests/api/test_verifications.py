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
    assert body["policy"] == {"id": "strict", "version": "2025.2"} == report["policy"]
    assert body["policy_version"].startswith("strict@") and len(body["trust_fingerprint"]) == 64
    summary = report["signatures"][0]["summary"]
    assert summary["headline"].startswith("HỢP LỆ") and summary["next_step"]
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


def test_policy_field_and_reuse_per_policy(service: Service, signed_pdf: bytes) -> None:
    """A stored result is reused only under the same policy; the report names its policy."""
    strict = post_pdf(service, signed_pdf).json()
    legacy = post_pdf(service, signed_pdf, policy="vn-legacy")
    assert legacy.status_code == 201 and legacy.json()["reused"] is False
    assert legacy.json()["report"]["policy"] == {"id": "vn-legacy", "version": "2025.1"}
    again = post_pdf(service, signed_pdf, policy="vn-legacy")
    assert again.json()["reused"] is True
    assert again.json()["report_id"] == legacy.json()["report_id"] != strict["report_id"]
    assert again.json()["policy_version"].startswith("vn-legacy@2025.1:")


def test_bad_policy_is_422_in_vietnamese(service: Service, signed_pdf: bytes) -> None:
    """An unknown name or a path is refused with the list of policies, nothing verified."""
    for name in ("khong-co", "/etc/passwd"):
        response = post_pdf(service, signed_pdf, policy=name)
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "POLICY_NOT_FOUND" and "chính sách" in error["message"]
    with service.runtime.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Verification)) == 0


def test_server_default_policy_comes_from_settings(settings: Settings, signed_pdf: bytes) -> None:
    """HOSO_POLICY=vn-legacy: requests that name no policy are checked under it."""
    with running(settings.model_copy(update={"policy": "vn-legacy"})) as svc:
        body = post_pdf(svc, signed_pdf).json()
    assert body["report"]["policy"]["id"] == "vn-legacy"


def test_issuing_cas_of_earlier_uploads_complete_later_chains(
    service: Service, signed_pdf: bytes, pki: SamplePKI
) -> None:
    """A leaf-only upload chains once an earlier upload carried its CA (kept, never trusted)."""
    from tests.support.admin_pdf import make_admin_pdf
    from tests.support.signing import sign_pdf

    leaf_only = sign_pdf(make_admin_pdf(), pki.good, crls=[pki.crl_der], embed_chain=False)
    before = post_pdf(service, leaf_only, "truoc.pdf").json()["report"]
    assert before["verdict"] == "indeterminate"
    assert before["signatures"][0]["missing_issuer"]["name"] == "Hoso Test CA cơ quan nhà nước"
    post_pdf(service, signed_pdf)  # embeds the intermediate
    kept = list(service.runtime.settings.intermediates_dir.glob("*.pem"))
    assert len(kept) == 1  # the CA, not the root
    after = post_pdf(service, leaf_only, "sau.pdf")
    assert after.json()["reused"] is False  # the stored result lacked its CA
    assert after.json()["report"]["verdict"] == "valid"
