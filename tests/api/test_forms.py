"""Forms through HTTP: list, schema, DOCX render, PDF render through the warm converter,
and a converter killed mid-request (clean error, the next request succeeds)."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from sqlalchemy import select

from api.db.models import Document
from api.settings import Settings
from tests.api.conftest import Service, running

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "forms"


def example(form_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{form_id}.json").read_text("utf-8"))
    return data


def file_name(response: httpx.Response) -> str:
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="')
    return unquote(disposition.split("filename*=UTF-8''", 1)[1])


def test_forms_list_and_schema(service: Service) -> None:
    """Every registered form is listed; its JSON Schema is published."""
    headers = service.as_role("submitter")
    forms = {f["id"] for f in service.client.get("/forms", headers=headers).json()}
    assert {"bieu-01", "mau-02", "mau-04"} <= forms
    schema = service.client.get("/forms/bieu-01/schema", headers=headers).json()
    assert "properties" in schema and "agency" in schema["properties"]


def test_render_docx_with_a_vietnamese_file_name(service: Service) -> None:
    """DOCX never needs LibreOffice; the file name keeps its diacritics (RFC 5987)."""
    response = service.client.post(
        "/forms/bieu-01/render?format=docx",
        json=example("bieu-01"),
        headers=service.as_role("submitter"),
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert (
        file_name(response)
        == "Biểu 01 - Tờ trình đề nghị thẩm định xét, công nhận đạt chuyển đổi số.docx"
    )
    assert response.content[:2] == b"PK"
    with service.runtime.db.session() as session:
        document = session.scalars(select(Document)).one()
        assert service.runtime.blobs.read(document.blob_sha256) == response.content


def test_contradicting_facts_come_back_as_warnings(service: Service) -> None:
    """The document is made (200); ``X-Warnings`` lists each contradiction with its path."""
    data = example("bieu-02")
    data["attendees"]["members"] = data["attendees"]["members"][:2]
    response = service.client.post(
        "/forms/bieu-02/render?format=docx", json=data, headers=service.as_role("submitter")
    )
    assert response.status_code == 200
    (warning,) = json.loads(response.headers["x-warnings"])
    assert warning["code"] == "VOTES_EXCEED_ATTENDEES" and warning["path"] == "vote.total"
    assert "chỉ ghi 4 người tham dự" in warning["message"]
    plain = service.client.post(
        "/forms/bieu-02/render", json=example("bieu-02"), headers=service.as_role("submitter")
    )
    assert "x-warnings" not in plain.headers


def test_invalid_form_input_lists_every_problem(service: Service) -> None:
    """The form's own validation answers 422 with every path, nothing rendered."""
    data = example("bieu-01") | {"year": "năm ngoái", "tier": "khac"}
    response = service.client.post(
        "/forms/bieu-01/render", json=data, headers=service.as_role("submitter")
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "FORM_INPUT_INVALID"
    paths = {p["path"] for p in error["details"]}
    assert {"year", "tier"} <= paths


@pytest.fixture
def converter_service(settings: Settings) -> Iterator[Service]:
    with running(
        settings.model_copy(update={"start_converter": True, "converter_timeout_s": 20})
    ) as service:
        yield service


@pytest.mark.libreoffice
def test_json_to_pdf(converter_service: Service) -> None:
    """JSON in, a PDF out with the right type and name."""
    response = converter_service.client.post(
        "/forms/bieu-01/render?format=pdf",
        json=example("bieu-01"),
        headers=converter_service.as_role("submitter"),
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert file_name(response).endswith(".pdf")
    health = converter_service.client.get("/health").json()
    assert health["converter"]["status"] == "ready"


def office_process(launcher: int) -> int:
    """The ``soffice.bin`` doing the work: the pid file names its ``oosplash`` launcher."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == launcher and "soffice.bin" in stat.parent.joinpath(
            "cmdline"
        ).read_text(errors="replace"):
            return int(stat.parent.name)
    return launcher


@pytest.mark.libreoffice
def test_converter_frozen_or_killed_mid_request_then_the_next_request_succeeds(
    settings: Settings,
) -> None:
    """A frozen LibreOffice → 504 with the envelope; a killed one → a clean error (or a PDF,
    when unoserver restarted it in time), never a hang or a traceback; then PDFs again."""
    if settings.database_url:
        pytest.skip("a converter fault does not depend on the database: SQLite run only")
    quick = settings.model_copy(update={"start_converter": True, "converter_timeout_s": 3})
    with running(quick) as service:
        headers = service.as_role("submitter")
        url = "/forms/bieu-01/render?format=pdf"

        def render() -> httpx.Response:
            return service.client.post(url, json=example("bieu-01"), headers=headers)

        def soffice_pid() -> int:
            server = service.runtime.converters.pool.members[0].server
            pid = server.soffice_pid() if server is not None else None
            assert pid is not None
            return office_process(pid)

        assert render().status_code == 200
        os.kill(soffice_pid(), signal.SIGSTOP)
        frozen = render()
        assert frozen.status_code == 504
        assert frozen.json()["error"]["code"] == "CONVERSION_TIMEOUT"
        assert render().status_code == 200

        pid = soffice_pid()
        killer = threading.Timer(0.05, os.kill, (pid, signal.SIGKILL))
        killer.start()
        killed = render()
        killer.join()
        if killed.status_code != 200:
            assert killed.status_code in (500, 504)
            assert killed.json()["error"]["code"] in ("CONVERSION_FAILED", "CONVERSION_TIMEOUT")
            assert "Traceback" not in killed.text
        recovered = render()
        assert recovered.status_code == 200 and recovered.content.startswith(b"%PDF")


@pytest.mark.libreoffice
def test_pdfa_signed_with_the_servers_key(settings: Settings, tmp_path: Path) -> None:
    """``?format=pdfa&sign=true``: a PDF/A-2b carrying a PAdES signature made with the key
    configured on the server (the client sends none); without a key: 409, not a crash;
    a DOCX cannot be signed: 422."""
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    from tests.support.pki import build_pki

    pki = build_pki()
    key = tmp_path / "server.p12"
    key.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"k",
            pki.good.key,
            pki.good.cert,
            [pki.intermediate.cert],
            BestAvailableEncryption(b"pw"),
        )
    )
    base = settings.model_copy(update={"start_converter": True, "converter_timeout_s": 30})
    signing = base.model_copy(update={"sign_key": key, "sign_password": "pw", "trust": ""})
    with running(signing) as service:
        headers = service.as_role("submitter")
        url = "/forms/bieu-01/render?format=pdfa&sign=true"
        response = service.client.post(url, json=example("bieu-01"), headers=headers)
        assert response.status_code == 200, response.text
        assert file_name(response).endswith(".pdf")
        reader = PdfFileReader(io.BytesIO(response.content))
        signature = reader.embedded_signatures[0]
        assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
        status = validate_pdf_signature(signature)
        assert status.intact and status.valid
        assert b"<pdfaid:part>2</pdfaid:part>" in response.content or b"pdfaid:part" in (
            reader.root["/Metadata"].get_object().data
        )
        docx = service.client.post(
            "/forms/bieu-01/render?format=docx&sign=true", json=example("bieu-01"), headers=headers
        )
        assert docx.status_code == 422
    with running(base) as service:
        response = service.client.post(
            "/forms/bieu-01/render?format=pdf&sign=true",
            json=example("bieu-01"),
            headers=service.as_role("submitter"),
        )
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "SIGNING_NOT_CONFIGURED"
