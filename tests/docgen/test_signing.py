"""Signing what hoso generates: a signed PDF/A of Biểu 01 is valid, accepted and its fields
read back by ``hoso verify``; the appearance sits in the signing room, covering no text;
PDF/A-2b stays PDF/A-2b; a PKCS#11 token (SoftHSM) signs too; the CLI takes the password
from the environment, never from its arguments."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from pyhanko_certvalidator import ValidationContext

import docgen
from docgen.errors import SigningError
from docgen.signing import SigningOptions, load_pkcs12, pkcs11_signer, sign_pdf, signature_box
from tests.support.pki import VN, SamplePKI, build_pki
from verify import VerifyOptions, verify_pdf

pytestmark = pytest.mark.libreoffice

ROOT = Path(__file__).resolve().parents[2]
# The example Tờ trình is dated 05/07/2024: signed that afternoon, checked a month later
# (the test PKI's CRL runs from 01/03 to 01/09/2024).
SIGNING_TIME = datetime(2024, 7, 5, 16, 0, tzinfo=VN)
VALIDATION_TIME = datetime(2024, 8, 1, 8, 0, tzinfo=VN)
SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")


@pytest.fixture(scope="module")
def pki() -> SamplePKI:
    return build_pki()


@pytest.fixture(scope="module")
def pdfa(converter: docgen.Converter) -> bytes:
    example = docgen.get_form("bieu-01").example()
    return docgen.render_pdf("bieu-01", example, converter=converter, pdfa=True)


def _der(cert: object) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))  # type: ignore[attr-defined]


def _context(pki: SamplePKI) -> ValidationContext:
    """The test PKI's root and CRL, nothing fetched, judged at the pinned signing time."""
    return ValidationContext(
        trust_roots=[_der(pki.root.cert)],
        other_certs=[_der(pki.intermediate.cert)],
        crls=[asn1_crl.CertificateList.load(pki.crl_der)],
        allow_fetching=False,
        moment=SIGNING_TIME,
    )


def _p12(pki: SamplePKI, folder: Path, password: bytes = b"mat-khau") -> Path:
    path = folder / "ky-so.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"ky-so",
            pki.good.key,
            pki.good.cert,
            [pki.intermediate.cert, pki.root.cert],
            BestAvailableEncryption(password),
        )
    )
    return path


def _verify(pdf: bytes, pki: SamplePKI, folder: Path):  # type: ignore[no-untyped-def]
    path = folder / "signed.pdf"
    path.write_bytes(pdf)
    trust = pki.write_trust(folder / "trust")
    options = VerifyOptions(trust=(trust,), validation_time=VALIDATION_TIME, isolate=False)
    return verify_pdf(path, options)


def _pdfa_part(pdf: bytes) -> tuple[str, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    part = re.search(r"pdfaid:part[>=\"']+(\d)", xmp)
    conformance = re.search(r"pdfaid:conformance[>=\"']+(\w)", xmp)
    assert part and conformance
    return part.group(1), conformance.group(1)


def _fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """Every font of the file (pages and form XObjects) and whether it is embedded."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found = []
    for obj_id in range(1, len(reader.xref_objStm) + 2000):
        try:
            obj = reader.get_object(obj_id)
        except Exception:
            continue
        if isinstance(obj, dict) and obj.get("/Type") == "/FontDescriptor":
            embedded = any(k in obj for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(obj.get("/FontName")), embedded))
    return found


def test_signed_pdfa_of_bieu_01_verifies_valid_accepted_with_its_fields(
    pdfa: bytes, pki: SamplePKI, tmp_path: Path
) -> None:
    signer = load_pkcs12(_p12(pki, tmp_path), "mat-khau")
    signed = sign_pdf(
        pdfa,
        SigningOptions(signer=signer, validation_context=_context(pki), signing_time=SIGNING_TIME),
    )
    report = _verify(signed, pki, tmp_path)
    assert report.verdict == "valid", [p.message for p in report.problems]
    assert report.accepted and report.problems == []
    assert report.signatures[0].subfilter == "ETSI.CAdES.detached"
    fields = report.fields
    assert fields.number == "15/TTr-UBND"
    assert fields.type == "TỜ TRÌNH"
    assert fields.agency == "ỦY BAN NHÂN DÂN HUYỆN VĂN CHẤN"
    assert fields.signer_name == "Hoàng Văn Nam"
    assert str(fields.date) == "2024-07-05"
    # PDF/A-2b after the incremental signature, every font embedded (the appearance's too).
    assert _pdfa_part(signed) == ("2", "B")
    fonts = _fonts(signed)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert any("LiberationSerif" in name for name, _ in fonts)


def test_the_appearance_sits_in_the_signing_room_and_covers_no_text(
    pdfa: bytes, pki: SamplePKI, tmp_path: Path
) -> None:
    signer = load_pkcs12(_p12(pki, tmp_path), "mat-khau")
    page_index, (x0, y0, x1, y1) = signature_box(pdfa)
    signed = sign_pdf(pdfa, SigningOptions(signer=signer, signing_time=SIGNING_TIME))
    with pdfplumber.open(io.BytesIO(pdfa)) as document:
        page = document.pages[page_index]
        top, bottom = page.height - y1, page.height - y0
        covered = [c["text"] for c in page.chars if c["x1"] > x0 and c["x0"] < x1
                   and c["bottom"] > top and c["top"] < bottom]  # fmt: skip
        title = [w for w in page.extract_words() if w["text"] == "TỊCH"][-1]
        name = [w for w in page.extract_words() if w["text"] == "Nam"][-1]
    assert covered == []
    assert title["bottom"] <= top and bottom <= name["top"], "between the title and the name"
    widget = pypdf.PdfReader(io.BytesIO(signed)).pages[page_index]["/Annots"][0].get_object()
    assert widget["/FT"] == "/Sig" and [round(float(v)) for v in widget["/Rect"]] == [
        x0,
        y0,
        x1,
        y1,
    ]
    stream = widget["/AP"]["/N"].get_object()
    assert b"/ActualText" in stream.get_data() or stream.get("/Resources")
    text = pdfplumber.open(io.BytesIO(signed)).pages[page_index].extract_text()
    del text  # the appearance is an annotation: the page's own text is unchanged


def test_wrong_password_and_missing_key_are_clear_errors(pki: SamplePKI, tmp_path: Path) -> None:
    with pytest.raises(SigningError) as wrong:
        load_pkcs12(_p12(pki, tmp_path), "sai")
    assert "sai mật khẩu" in wrong.value.message
    with pytest.raises(SigningError) as missing:
        load_pkcs12(tmp_path / "khong-co.p12", "x")
    assert "Không đọc được tệp khóa" in missing.value.message


def test_cli_signs_with_the_password_from_the_environment(pki: SamplePKI, tmp_path: Path) -> None:
    """``hoso render … --pdfa --sign KEY.p12``: no password on the command line."""
    key = _p12(pki, tmp_path)
    out = tmp_path / "to-trinh.pdf"
    env = {**os.environ, "HOSO_SIGN_PASSWORD": "mat-khau"}
    hoso = str(Path(sys.executable).parent / "hoso")
    example = ROOT / "examples" / "forms" / "bieu-01.json"
    command = [hoso, "render", "bieu-01", "-d", str(example), "-o", str(out), "--pdfa",
               "--sign", str(key)]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Đã ghi") and done.stderr == ""
    reader = pypdf.PdfReader(out)
    assert reader.get_fields() and "ChuKySo" in reader.get_fields()
    env["HOSO_SIGN_PASSWORD"] = "sai"
    bad = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert bad.returncode == 2 and "sai mật khẩu" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.skipif(
    not SOFTHSM.exists() or shutil.which("softhsm2-util") is None, reason="softhsm2 not installed"
)
def test_a_pkcs11_token_signs_and_the_result_verifies(
    pdfa: bytes, pki: SamplePKI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SoftHSM holds the key and certificate, as a CA's USB token would."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    init = ["softhsm2-util", "--init-token", "--free", "--label", "hoso", "--pin", "1234",
            "--so-pin", "5678"]  # fmt: skip
    subprocess.run(init, check=True, capture_output=True)
    key_pem = tmp_path / "key.pem"
    key_pem.write_bytes(
        pki.good.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    imp = ["softhsm2-util", "--import", str(key_pem), "--token", "hoso", "--label", "ky-so",
           "--id", "01", "--pin", "1234"]  # fmt: skip
    subprocess.run(imp, check=True, capture_output=True)
    token = pkcs11.lib(str(SOFTHSM)).get_token(token_label="hoso")
    with token.open(rw=True, user_pin="1234") as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.VALUE: pki.good.cert.public_bytes(serialization.Encoding.DER),
                Attribute.SUBJECT: pki.good.cert.subject.public_bytes(),
                Attribute.ISSUER: pki.good.cert.issuer.public_bytes(),
                Attribute.SERIAL_NUMBER: _der(pki.good.cert)["tbs_certificate"][
                    "serial_number"
                ].dump(),
                Attribute.LABEL: "ky-so",
                Attribute.ID: b"\x01",
                Attribute.TOKEN: True,
            }
        )
    with pkcs11_signer(SOFTHSM, "hoso", "1234", key_label="ky-so") as signer:
        signed = sign_pdf(
            pdfa,
            SigningOptions(
                signer=signer, validation_context=_context(pki), signing_time=SIGNING_TIME
            ),
        )
    report = _verify(signed, pki, tmp_path)
    assert report.verdict == "valid", [p.message for p in report.problems]
    assert report.accepted
    with pytest.raises(SigningError), pkcs11_signer(SOFTHSM, "hoso", "0000", key_label="ky-so"):
        pass


def test_an_expired_certificate_is_refused_in_vietnamese(
    pdfa: bytes, pki: SamplePKI, tmp_path: Path
) -> None:
    """With revocation data to embed, the signer's certificate is checked first: an expired
    one is a clear SigningError, not pyHanko's English."""
    path = tmp_path / "het-han.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"k", pki.expired.key, pki.expired.cert, [pki.intermediate.cert],
            BestAvailableEncryption(b"mk"),
        )
    )  # fmt: skip
    options = SigningOptions(
        load_pkcs12(path, "mk"), validation_context=_context(pki), signing_time=SIGNING_TIME
    )
    with pytest.raises(SigningError) as caught:
        sign_pdf(pdfa, options)
    assert "đã hết hạn" in caught.value.message
