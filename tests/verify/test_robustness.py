"""Never crash, never hang: hostile and broken inputs each get a verdict and a reason."""

from __future__ import annotations

import io
import multiprocessing
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tests.support import tamper
from tests.support.admin_pdf import make_scanned_pdf
from tests.support.pki import VALIDATION_TIME, SamplePKI
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


def _one_file(path: Path, **overrides: object) -> EvidenceReport:
    """``verify_pdf(reuse_worker=False)``, checking that it leaves no child behind."""
    settings: dict[str, object] = {"validation_time": VALIDATION_TIME}
    settings.update(overrides)
    before = set(multiprocessing.active_children())
    report = verify_pdf(path, VerifyOptions(**settings), reuse_worker=False)  # type: ignore[arg-type]
    assert set(multiprocessing.active_children()) <= before
    return report


def test_one_file_in_two_children_gives_the_in_process_report(
    tmp_path: Path, signed_good: bytes, trust_dir: Path
) -> None:
    """``hoso verify FILE``'s path (signatures and fields in two children) = one process."""
    path = tmp_path / "qd.pdf"
    path.write_bytes(signed_good)
    here = verify_pdf(
        path, VerifyOptions(trust=(trust_dir,), validation_time=VALIDATION_TIME, isolate=False)
    )
    forked = _one_file(path, trust=(trust_dir,))
    assert forked.model_dump() == here.model_dump()
    assert forked.accepted and forked.fields.number is not None


def _hang(path: str, memory_limit_mb: int | None) -> tuple[str, object]:
    time.sleep(30)
    return ("ok", None)


def _die(path: str, memory_limit_mb: int | None) -> tuple[str, object]:
    os._exit(3)


@pytest.mark.parametrize(("reader", "code"), [(_hang, "VERIFY_TIMEOUT"), (_die, "VERIFY_CRASHED")])
def test_a_field_reading_that_hangs_or_dies_stops_the_file(
    tmp_path: Path,
    signed_good: bytes,
    monkeypatch: pytest.MonkeyPatch,
    reader: Callable[..., tuple[str, object]],
    code: str,
) -> None:
    """The fields' child is bounded like the signatures': past the limit or dead, the file says so."""
    import verify.guard
    import verify.single

    monkeypatch.setattr(verify.single, "_read_fields", reader)
    # the children are forked even when an earlier test left a thread running (an idle
    # test CA server): the command line's process has none
    monkeypatch.setattr(verify.single, "can_fork", lambda: True)
    monkeypatch.setattr(verify.guard, "can_fork", lambda: True)
    path = tmp_path / "qd.pdf"
    path.write_bytes(signed_good)
    start = time.monotonic()
    report = _one_file(path, time_limit_s=2)
    assert time.monotonic() - start < 10
    assert report.verdict == "unreadable"
    assert [p.code for p in report.problems] == [code]


def test_an_unreadable_file_stops_its_field_reading(tmp_path: Path) -> None:
    """Not a PDF: the signature child says so and the fields' child is not waited for."""
    path = tmp_path / "scan.pdf"
    path.write_bytes(PNG_HEADER)
    report = _one_file(path)
    assert report.problems[0].code == "NOT_A_PDF"
