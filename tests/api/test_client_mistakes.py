"""Every client mistake is a 4xx with the envelope and one short log line — no 500, no traceback.

The cases a hostile probe found answered 500 (each with a 300–500 KB
traceback in the log): multipart without or with a wrong boundary, a
5,000-character file name, JSON that is not UTF-8, JSON nested 10,000 deep,
and 500 levels that overflowed the form renderer; and on PostgreSQL a
``criterion`` longer than its column, refused only after the whole
verification ran. Now each is refused up front, nothing stored.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.api.conftest import Service


def nested(depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    node = data
    for _ in range(depth):
        node["x"] = {}
        node = node["x"]
    return data


def assert_refused(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text[:300]
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code
    assert "Traceback" not in response.text and "python" not in error["message"].lower()
    return error


@pytest.fixture
def quiet_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="hoso.api")
    return caplog


def no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert not [r for r in caplog.records if r.exc_info], "a client mistake logged a traceback"
    assert all(len(r.getMessage()) < 500 for r in caplog.records)


def test_broken_multipart_bodies_are_400(service: Service, quiet_log: Any) -> None:
    """No boundary, a wrong boundary, a 5,000-character file name: 400, nothing stored."""
    headers = service.as_role("reviewer")
    no_boundary = service.client.post(
        "/verifications", content=b"xxx", headers=headers | {"content-type": "multipart/form-data"}
    )
    assert "boundary" in assert_refused(no_boundary, 400, "BAD_REQUEST")["message"]
    wrong = service.client.post(
        "/verifications",
        content=b"--other\r\nContent-Disposition: form-data; name=file\r\n\r\nx\r\n--other--\r\n",
        headers=headers | {"content-type": "multipart/form-data; boundary=abc"},
    )
    assert_refused(wrong, 400, "BAD_REQUEST")
    long_name = service.client.post(
        "/verifications",
        files={"file": ("a" * 5000 + ".pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")},
        headers=headers,
    )
    assert "tên tệp" in assert_refused(long_name, 400, "BAD_REQUEST")["message"]
    assert service.runtime.blobs.count() == 0
    no_traceback(quiet_log)


def test_bad_json_bodies_are_4xx(service: Service, quiet_log: Any) -> None:
    """Invalid UTF-8 and 10,000 levels: 400; 500 levels through evaluate and render: 422."""
    headers = service.as_role("reviewer") | {"content-type": "application/json"}
    not_utf8 = service.client.post(
        "/assessments/evaluate", content=b'{"unit": "\xff\xfe"}', headers=headers
    )
    assert "UTF-8" in assert_refused(not_utf8, 400, "BAD_REQUEST")["message"]
    deep_text = ("[" * 10_000 + "]" * 10_000).encode()
    for path in ("/assessments/evaluate", "/forms/bieu-01/render"):
        deep = service.client.post(path, content=deep_text, headers=headers)
        assert "sâu" in assert_refused(deep, 400, "BAD_REQUEST")["message"]
    for path, code in (
        ("/assessments/evaluate", "ASSESSMENT_INVALID"),
        ("/forms/bieu-01/render", "FORM_INPUT_INVALID"),
        ("/forms/mau-02/render", "FORM_INPUT_INVALID"),
    ):
        response = service.client.post(path, json=nested(500), headers=service.as_role("reviewer"))
        assert_refused(response, 422, code)
    no_traceback(quiet_log)


def test_fields_longer_than_their_columns_are_422_before_any_work(
    service: Service, signed_pdf: bytes
) -> None:
    """A 60-character criterion (column: 50) is refused before the file is stored or verified."""
    response = service.client.post(
        "/verifications",
        files={"file": ("a.pdf", signed_pdf, "application/pdf")},
        data={"catalog": "thanhhoa-2023-xa", "criterion": "1" * 60},
        headers=service.as_role("reviewer"),
    )
    error = assert_refused(response, 422, "VALIDATION_FAILED")
    assert any(p["path"] == "body.criterion" for p in error["details"])
    long_catalog = service.client.post(
        "/verifications",
        files={"file": ("a.pdf", signed_pdf, "application/pdf")},
        data={"catalog": "x" * 101},
        headers=service.as_role("reviewer"),
    )
    assert_refused(long_catalog, 422, "VALIDATION_FAILED")
    assert service.runtime.blobs.count() == 0


def test_a_json_body_over_its_bound_is_413(service: Service) -> None:
    """JSON bodies have their own, smaller bound (held in memory while parsed)."""
    big = b'{"x": "' + b"a" * (service.runtime.settings.max_json_bytes + 10) + b'"}'
    response = service.client.post(
        "/assessments/evaluate",
        content=big,
        headers=service.as_role("reviewer") | {"content-type": "application/json"},
    )
    assert_refused(response, 413, "UPLOAD_TOO_LARGE")
