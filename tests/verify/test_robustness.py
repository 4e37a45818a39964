"""Never crash, never hang: hostile and broken inputs each get a verdict and a reason."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tests.support import tamper
from tests.support.admin_pdf import make_scanned_pdf
from tests.support.pki import SamplePKI
from tests.support.signing import sign_pdf
from verify import EvidenceReport, InputFileError, VerifyOptions, verify_pdf
from verify.textlayer import ocr_available

Check = Callable[..., EvidenceReport]
PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_truncated_file_is_unreadable_or_invalid(check: Check, signed_good: bytes) -> None:
    """Half a signed PDF is never valid and never a crash."""
    report = check(signed_good[: len(signed_good) // 2])
    assert report.verdict in ("unreadable", "invalid")
    assert report.problems or report.signatures


def test_png_named_pdf_is_not_a_pdf(check: Check) -> None:
    """An image renamed to .pdf is unreadable, and the reason names the real type."""
    report = check(PNG_HEADER, name="scan.pdf")
    assert report.verdict == "unreadable"
    assert report.problems[0].code == "NOT_A_PDF"
    assert "PNG" in report.problems[0].message


def test_password_protected_file(check: Check, admin_pdf: bytes) -> None:
    """A file that needs a password to open gets a verdict saying so."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(admin_pdf)))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    out = io.BytesIO()
    writer.write(out)
    report = check(out.getvalue())
    assert report.verdict == "unreadable"
    assert report.problems[0].code == "PDF_ENCRYPTED"


def test_deeply_nested_objects_get_a_verdict(tmp_path: Path) -> None:
    """Recursion bombs end in a verdict through the guarded worker."""
    path = tmp_path / "nested.pdf"
    path.write_bytes(tamper.deeply_nested_pdf())
    report = verify_pdf(path, VerifyOptions(check_fields=False, time_limit_s=60))
    assert report.verdict in ("unsigned", "unreadable")


def test_time_limit_stops_the_worker_and_it_restarts(tmp_path: Path, signed_good: bytes) -> None:
    """A file over its time limit is reported, and the next file is verified normally."""
    path = tmp_path / "ok.pdf"
    path.write_bytes(signed_good)
    slow = verify_pdf(path, VerifyOptions(check_fields=False, time_limit_s=0.001))
    assert slow.verdict == "unreadable"
    assert slow.problems[0].code == "VERIFY_TIMEOUT"
    again = verify_pdf(path, VerifyOptions(check_fields=False, time_limit_s=60))
    assert again.verdict == "indeterminate"  # no trust anchors given


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    """Only "cannot open the file" is an exception."""
    with pytest.raises(InputFileError):
        verify_pdf(tmp_path / "khong-co.pdf", VerifyOptions(isolate=False))
    with pytest.raises(InputFileError):
        verify_pdf(tmp_path / "khong-co.pdf", VerifyOptions())


@pytest.mark.slow
def test_large_file_is_streamed(tmp_path: Path, signed_good: bytes) -> None:
    """A 200 MB file (signature plus a huge unsigned update) gets a verdict within limits."""
    path = tmp_path / "big.pdf"
    with path.open("wb") as out:
        out.write(signed_good)
        out.write(b"\n%" + b"0" * 1024 * 1024 * 200 + b"\n")
    report = verify_pdf(path, VerifyOptions(check_fields=False, memory_limit_mb=1024))
    assert report.verdict in ("invalid", "unreadable")


@pytest.mark.tesseract
@pytest.mark.skipif(not ocr_available(), reason="Tesseract with the Vietnamese model is missing")
def test_scanned_document_fields_come_from_ocr(check: Check, pki: SamplePKI) -> None:
    """A signed scan: signature checked as usual, fields read through OCR and said so."""
    signed = sign_pdf(make_scanned_pdf(), pki.good, crls=[pki.crl_der])
    report = check(signed, check_fields=True)
    assert report.verdict == "valid"
    assert report.fields.source == "ocr"
    assert report.fields.number is not None
