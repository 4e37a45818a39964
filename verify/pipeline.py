"""One evidence file, in the calling process: open, find signatures, check each, read fields.

Everything that can go wrong with the *file* becomes a verdict and a reason
(``unreadable`` with a problem code); only "the file cannot be opened at all"
and a broken trust configuration raise (``errors.py``). The guard
(``guard.py``) wraps this with a time limit and a memory bound.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import io
import logging
from pathlib import Path
from typing import BinaryIO

from asn1crypto import x509
from pyhanko.pdf_utils import misc
from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError

from verify import eventloop, hexstring, parsed
from verify.admin import complete_report, read_administrative
from verify.byterange import file_size, tail_is_clean
from verify.carried import certificates_from_der
from verify.discovery import find_signatures
from verify.errors import InputFileError
from verify.online import OnlineAccess
from verify.options import VerifyOptions
from verify.outcome import file_verdict
from verify.report import EvidenceReport, Problem, SignatureReport
from verify.signature import FileContext, verify_signature
from verify.truststore import (
    fingerprint,
    is_ca,
    is_self_signed,
    load_trust_store,
    store_intermediates,
)
from verify.vntime import in_vietnam

logger = logging.getLogger(__name__)

hexstring.install()

CHUNK = 1024 * 1024
IN_MEMORY_BYTES = 32 * 1024 * 1024
MAGIC_NAMES = {
    b"\x89PNG": "ảnh PNG",
    b"\xff\xd8\xff": "ảnh JPEG",
    b"PK\x03\x04": "tệp nén ZIP/DOCX",
    b"GIF8": "ảnh GIF",
    b"II*\x00": "ảnh TIFF",
    b"MM\x00*": "ảnh TIFF",
}


EOF_WINDOW = 1024
NO_EOF = (
    "Không tìm thấy dấu kết thúc %%EOF ở cuối tệp: tệp bị cắt cụt hoặc bị chèn thêm dữ liệu "
    "sau khi ký. Hãy nộp lại bản gốc đầy đủ."
)
ENCRYPTED = (
    "Tệp PDF được mã hoá bằng mật khẩu nên không kiểm tra được. "
    "Hãy nộp bản không đặt mật khẩu mở tệp."
)


def sha256_of(stream: BinaryIO) -> str:
    """Streamed SHA-256 of the whole file (never read into memory at once)."""
    digest = hashlib.sha256()
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def unreadable(path: Path, sha256: str, code: str, message: str) -> EvidenceReport:
    """The report of a file that could not be verified at all, with the reason."""
    return EvidenceReport(
        file=str(path),
        sha256=sha256,
        verdict="unreadable",
        accepted=False,
        problems=[Problem(code=code, severity="error", message=message)],
    )


def _not_pdf_reason(head: bytes) -> str | None:
    if b"%PDF-" in head:
        return None
    for magic, name in MAGIC_NAMES.items():
        if head.startswith(magic):
            return f"Tệp không phải PDF mà là {name} (chỉ đổi đuôi .pdf). Hãy nộp bản PDF đã ký số."
    return "Tệp không phải PDF (không có phần đầu %PDF-). Hãy nộp bản PDF đã ký số."


def _eof_marker_near_end(stream: BinaryIO, size: int) -> bool:
    """``%%EOF`` within the last KiB, as the reader requires.

    Checked first because the reader otherwise searches backwards byte by
    byte, which on a 200 MB file with junk appended takes minutes.
    """
    window = min(EOF_WINDOW, size)
    stream.seek(size - window)
    return b"%%EOF" in stream.read(window)


def _open_reader(stream: BinaryIO) -> PdfFileReader | str:
    """A reader, or the Vietnamese reason it cannot be had."""
    try:
        reader = PdfFileReader(stream, strict=False)
        encrypted = reader.encrypted
    except (Exception, RecursionError) as exc:  # any parser failure is a property of the file
        logger.info("unparseable PDF: %s", exc)
        return "Tệp PDF bị hỏng hoặc bị cắt cụt, không đọc được cấu trúc. Hãy nộp lại bản đầy đủ."
    if encrypted:
        try:
            status = reader.decrypt("").status
        except Exception:  # unsupported or broken security handler
            status = AuthStatus.FAILED
        if status == AuthStatus.FAILED:
            return ENCRYPTED
    return reader


def _dss(reader: PdfFileReader) -> tuple[list, list, list]:
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return [], [], []
    except Exception as exc:  # a broken DSS only loses validation data
        logger.info("unreadable DSS: %s", exc)
        return [], [], []
    certs = [parsed.certificate(c) for c in dss.load_certs()]
    crls = [parsed.certificate_list(ref.get_object().data) for ref in dss.crls]
    ocsps = [parsed.ocsp_response(ref.get_object().data) for ref in dss.ocsps]
    return certs, crls, ocsps


async def _verify_all(ctx: FileContext, reader: PdfFileReader) -> list[SignatureReport]:
    found = find_signatures(reader)
    if ctx.options.online:
        ctx.online = OnlineAccess()
    try:
        return [await verify_signature(ctx, item) for item in found]
    finally:
        if ctx.online is not None:
            await ctx.online.aclose()


def _issuing_cas(certs: list[x509.Certificate]) -> list[str]:
    """Base64 DER of the CA certificates (not roots) a file carries, each once."""
    seen: dict[str, str] = {}
    for cert in certs:
        if is_ca(cert) and not is_self_signed(cert):
            seen.setdefault(fingerprint(cert), base64.b64encode(cert.dump()).decode())
    return list(seen.values())


def _open_file(path: Path) -> BinaryIO:
    """The file as a stream: in memory up to ``IN_MEMORY_BYTES``, else read from disk.

    pyHanko's parser reads a byte or a token at a time; from memory that is
    about 10 % faster than through a buffered file. Larger files (scans of
    hundreds of pages) stay on disk, so memory does not grow with them.
    """
    stream: BinaryIO = path.open("rb")
    if path.stat().st_size > IN_MEMORY_BYTES:
        return stream
    with stream:
        return io.BytesIO(stream.read(IN_MEMORY_BYTES + 1))


def prepare_process() -> None:
    """Ready a process that verifies: the whole verifier imported, its heap frozen.

    The field reader's modules are imported now rather than with the first
    file, then everything allocated so far — the libraries' modules and
    tables, some 75,000 objects that live as long as the process — is put
    out of the cyclic garbage collector's reach (``gc.freeze``). Each full
    collection walked them all again: about a tenth of a signature check,
    and ~0.1 s of a short command's exit. In a process that forks workers,
    this is CPython's documented use of ``gc.freeze``: pages stay shared.
    Call it only in a process that exists to verify (a worker, the one-file
    command): cyclic garbage that exists at this moment is never collected.
    """
    import verify.crosscheck
    import verify.fields
    import verify.pdftext  # noqa: F401

    gc.freeze()


def verify_in_process(path: Path, options: VerifyOptions) -> EvidenceReport:
    """Verify ``path`` here and now (no time limit: see ``guard.py``)."""
    report = _verify_file(Path(path), options)
    report.policy = options.policy.ref
    return report


def _verify_file(path: Path, options: VerifyOptions) -> EvidenceReport:
    store = load_trust_store(options.trust, options.intermediate_folders())
    try:
        stream = _open_file(path)
    except OSError as exc:
        raise InputFileError(f"Không mở được tệp {path}: {exc.strerror or exc}") from exc
    with stream:
        digest = sha256_of(stream)
        size = file_size(stream)
        stream.seek(0)
        reason = _not_pdf_reason(stream.read(1024))
        if reason is not None:
            return unreadable(path, digest, "NOT_A_PDF", reason)
        if not _eof_marker_near_end(stream, size):
            return unreadable(path, digest, "PDF_UNPARSEABLE", NO_EOF)
        opened = _open_reader(stream)
        if isinstance(opened, str):
            code = "PDF_ENCRYPTED" if opened == ENCRYPTED else "PDF_UNPARSEABLE"
            return unreadable(path, digest, code, opened)
        reader = opened
        try:
            certs, crls, ocsps = _dss(reader)
            ctx = FileContext(
                reader=reader,
                size=size,
                tail_clean=tail_is_clean(stream, size),
                store=store,
                options=options,
                dss_certs=certs,
                dss_crls=crls,
                dss_ocsps=ocsps,
                dossier_certs=certificates_from_der(options.extra_certificates),
            )
            signatures = eventloop.run(_verify_all(ctx, reader))
            carried = [*certs, *ctx.carried]
        except (misc.PdfError, RecursionError) as exc:
            logger.info("structure failure while verifying: %s", exc)
            return unreadable(
                path,
                digest,
                "PDF_UNPARSEABLE",
                "Cấu trúc PDF bị hỏng (đối tượng lồng nhau quá sâu hoặc tham chiếu sai), "
                "không kiểm tra được chữ ký.",
            )
    if ctx.online is not None and options.issuer_cache is not None:
        store_intermediates(options.issuer_cache, ctx.online.issuers)
    verdict = file_verdict(signatures)
    report = EvidenceReport(
        file=str(path),
        sha256=digest,
        verdict=verdict,
        accepted=False,
        signatures=signatures,
        ca_certificates=_issuing_cas(carried),
    )
    if verdict == "unsigned":
        report.problems.append(
            Problem(
                code="UNSIGNED",
                severity="error",
                message="Tệp không có chữ ký số. Minh chứng phải là bản điện tử đã ký số.",
            )
        )
    report.checked_at = in_vietnam(options.moment())
    complete_report(report, read_administrative(path) if options.check_fields else None)
    return report
