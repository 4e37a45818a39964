"""The signed revision and the picture of the difference, from a stored verification."""

from __future__ import annotations

import io

from PIL import Image

from tests.api.conftest import Service
from tests.api.test_verifications import post_pdf
from tests.support import tamper


def test_the_signed_revision_is_the_signed_byte_range(service: Service, signed_pdf: bytes) -> None:
    """Revision 2 of an annotated file = the file up to the end of the signature's ByteRange."""
    annotated = tamper.add_visible_annotation(signed_pdf)
    body = post_pdf(service, annotated, name="Quyết định 15.pdf").json()
    reviewer = service.as_role("reviewer")
    sig = body["report"]["signatures"][0]
    assert sig["signed_revision"] == 2 and sig["signed_length"] == len(signed_pdf)
    response = service.client.get(f"/verifications/{body['id']}/revisions/2", headers=reviewer)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content == signed_pdf == annotated[: sig["signed_length"]]
    assert (
        "Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2015%20-%20phi%C3%AAn%20b%E1%BA%A3n%202"
        in (response.headers["content-disposition"])
    )
    unsigned = service.client.get(f"/verifications/{body['id']}/revisions/3", headers=reviewer)
    assert unsigned.status_code == 404
    error = unsigned.json()["error"]
    assert error["code"] == "REVISION_NOT_SIGNED"
    assert "Phiên bản 3 không được chữ ký nào bao phủ" in error["message"]
    assert service.client.get(f"/verifications/{body['id']}/revisions/2").status_code == 401


def test_a_tampered_range_is_not_offered_as_signed(service: Service, signed_pdf: bytes) -> None:
    body = post_pdf(service, tamper.change_one_byte(signed_pdf)).json()
    response = service.client.get(
        f"/verifications/{body['id']}/revisions/2", headers=service.as_role("reviewer")
    )
    assert response.status_code == 404
    assert "không còn giữ bản đã ký" in response.json()["error"]["message"]


def test_the_difference_picture_marks_the_change(service: Service, signed_pdf: bytes) -> None:
    """Both sides are PNGs of the same size; the current one has red outlines where the
    annotation was added, the signed one has none of the annotation's yellow."""
    body = post_pdf(service, tamper.add_visible_annotation(signed_pdf)).json()
    reviewer = service.as_role("reviewer")
    pictures = {}
    for side in ("signed", "current"):
        response = service.client.get(
            f"/verifications/{body['id']}/difference?signature=1&page=1&side={side}",
            headers=reviewer,
        )
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "image/png"
        pictures[side] = Image.open(io.BytesIO(response.content)).convert("RGB")
    assert pictures["signed"].size == pictures["current"].size

    def red(p: tuple[int, int, int]) -> bool:
        return p[0] > 150 and p[1] < 60 and p[2] < 60

    def yellow(p: tuple[int, int, int]) -> bool:  # the annotation's fill, tinted or not
        return p[0] > 200 and p[1] > 150 and p[2] < 170

    def count(image: Image.Image, colour) -> int:  # type: ignore[no-untyped-def]
        return sum(1 for p in image.getdata() if colour(p))

    assert count(pictures["current"], red) > 100 and count(pictures["signed"], red) > 100
    assert count(pictures["current"], yellow) > 1000 > count(pictures["signed"], yellow)
    missing = service.client.get(
        f"/verifications/{body['id']}/difference?signature=2&page=1", headers=reviewer
    )
    assert missing.status_code == 404


def test_a_page_added_has_no_signed_side(service: Service, signed_pdf: bytes) -> None:
    body = post_pdf(service, tamper.add_page(signed_pdf)).json()
    reviewer = service.as_role("reviewer")
    base = f"/verifications/{body['id']}/difference?signature=1&page=2"
    assert service.client.get(base + "&side=current", headers=reviewer).status_code == 200
    signed = service.client.get(base + "&side=signed", headers=reviewer)
    assert (
        signed.status_code == 404
        and "không có trong bản đã ký" in signed.json()["error"]["message"]
    )


def test_the_key_is_checked_and_its_role_told(service: Service) -> None:
    me = service.client.get("/keys/me", headers=service.as_role("submitter")).json()
    assert me["role"] == "submitter" and me["can_verify"] is False
    assert service.client.get("/keys/me", headers={"Authorization": "Bearer x"}).status_code == 401
