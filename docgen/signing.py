"""Signing what hoso generates: a PAdES signature with the appearance Vietnamese agencies use.

A generated PDF (or PDF/A-2b) gets one signature, with pyHanko:

- **PAdES** (``ETSI.CAdES.detached``, SHA-256), as an incremental update, so a
  PDF/A-2b stays PDF/A-2b (the appearance's font is embedded, a subset of
  Liberation Serif, which has the Vietnamese letters);
- **revocation data embedded** (PAdES-B-LT, the document security store) when
  a :class:`~pyhanko_certvalidator.ValidationContext` is given: the certificate
  path and its CRLs/OCSP responses travel with the file, so a reviewer checks it
  offline years later;
- a **visible appearance** like the one Vietnamese signing software draws:
  ``Ký bởi: <signer>`` / ``Cơ quan: <organisation>`` / ``Thời gian: dd/mm/yyyy
  hh:mm:ss +07:00``, optionally over the agency's seal image, placed in the
  signing room of the signature block on the last page — the empty lines
  between the signer's title and name, found on the page, so no text is covered.

The key comes from a PKCS#12 file (:func:`load_pkcs12`) or a PKCS#11 token
(:func:`pkcs11_signer`, the USB tokens of Vietnamese CAs; tested with SoftHSM).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pdfplumber
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from docgen.errors import SigningError

VIETNAM = timezone(timedelta(hours=7), "+07:00")
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
STAMP_WIDTH = 200.0
MIN_ROOM = 28.0  # points: the signing room must hold the three lines of the appearance
APPEARANCE = "Ký bởi: %(signer)s\nCơ quan: %(org)s\nThời gian: %(time)s"


@dataclass(frozen=True)
class SigningOptions:
    """How to sign; explicit, never read from the environment (DESIGN)."""

    signer: signers.Signer
    """From :func:`load_pkcs12` or :func:`pkcs11_signer`."""
    seal_image: Path | None = None
    """The agency's seal (PNG/JPEG), drawn under the appearance text."""
    reason: str = "Ký ban hành văn bản"
    location: str | None = None
    validation_context: ValidationContext | None = None
    """Trust roots and revocation sources of the signer's certificate: when given, the
    path and its CRLs/OCSP responses are embedded (PAdES-B-LT)."""
    signing_time: datetime | None = None
    """The claimed signing time; None: now (tests pin it)."""
    field_name: str = "ChuKySo"


def load_pkcs12(path: Path, password: str | None) -> signers.Signer:
    """The key and certificates of a PKCS#12 file (``.p12`` / ``.pfx``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"Không đọc được tệp khóa {path}.") from exc
    try:
        return signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=(), passphrase=password.encode() if password else None
        )
    except ValueError as exc:
        raise SigningError(
            f"Không mở được tệp khóa {path.name}: sai mật khẩu hoặc không phải tệp PKCS#12."
        ) from exc


@contextlib.contextmanager
def pkcs11_signer(
    module: Path, token_label: str, pin: str, key_label: str | None = None
) -> Iterator[signers.Signer]:
    """A signer on a PKCS#11 token (``module``: the token's PKCS#11 library, e.g.
    ``/usr/lib/softhsm/libsofthsm2.so``); the session is closed when the block ends."""
    from pkcs11.exceptions import PKCS11Error
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    try:
        session = pkcs11.open_pkcs11_session(
            str(module), token_criteria=TokenCriteria(label=token_label), user_pin=pin
        )
    except (PKCS11Error, OSError) as exc:
        raise SigningError(
            f"Không mở được token '{token_label}' qua {module}: kiểm tra token, thư viện "
            "PKCS#11 và mã PIN."
        ) from exc
    except Exception as exc:  # pyHanko's own "no such token"
        raise SigningError(f"Không tìm thấy token '{token_label}' qua {module}.") from exc
    try:
        yield pkcs11.PKCS11Signer(session, key_label=key_label, cert_label=key_label)
    finally:
        session.close()


def signature_box(pdf: bytes) -> tuple[int, tuple[int, int, int, int]]:
    """Where the appearance goes: the last page (index) and a box (PDF coordinates) in the
    signing room of its signature block — the largest empty gap between lines in the
    right half of the page, below the body text. Raises SigningError when there is none."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[-1]
        width, height = float(page.width), float(page.height)
        # The right column alone: Nơi nhận or the secretary's block share its lines.
        lines = page.crop((width * 0.48, 0, width, height)).extract_text_lines()
        index = len(document.pages) - 1
        gaps = [
            (below["top"] - above["bottom"], above, below)
            for above, below in itertools.pairwise(lines)
            if below["top"] - above["bottom"] >= MIN_ROOM
        ]
        if not gaps:
            raise SigningError(
                "Không tìm thấy khoảng trống để ký ở khối chữ ký trên trang cuối của văn bản."
            )
        # The lowest gap: the signing room of the last signature block, never the space
        # under the title or around "Kính gửi" higher up.
        _, above, below = max(gaps, key=lambda gap: gap[1]["top"])
        centre = (min(above["x0"], below["x0"]) + max(above["x1"], below["x1"])) / 2
        stamp = min(STAMP_WIDTH, (width - 15 * 72 / 25.4 - centre) * 2)
        top, bottom = above["bottom"] + 2, below["top"] - 2
        box = (centre - stamp / 2, height - bottom, centre + stamp / 2, height - top)
        return index, (round(box[0]), round(box[1]), round(box[2]), round(box[3]))


class _PdfSigner(signers.PdfSigner):
    """pyHanko's PdfSigner with an optional pinned signing time (the claimed time)."""

    def __init__(self, *args: Any, signing_time: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, *args: Any, **kwargs: Any) -> Any:
        session = super().init_signing_session(*args, **kwargs)
        if self._signing_time is not None:
            session.system_time = self._signing_time
        return session


def _subject(signer: signers.Signer) -> tuple[str, str]:
    cert = signer.signing_cert
    if cert is None:
        raise SigningError("Khóa ký không có chứng thư số đi kèm.")
    names = cert.subject.native
    common = str(names.get("common_name") or "")
    return common, str(names.get("organization_name") or common)


def sign_pdf(pdf: bytes, options: SigningOptions) -> bytes:
    """``pdf`` signed (PAdES, visible appearance at the signature block of the last page)."""
    page, box = signature_box(pdf)
    common, org = _subject(options.signer)
    moment = (options.signing_time or datetime.now(VIETNAM)).astimezone(VIETNAM)
    style = TextStampStyle(
        stamp_text=APPEARANCE,
        text_box_style=TextBoxStyle(
            font=_FontFactory(_appearance_font()),
            font_size=9,
            leading=11,
        ),
        border_width=1,
        background=_seal(options.seal_image),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=options.field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=options.reason,
        location=options.location,
        name=common,
        embed_validation_info=options.validation_context is not None,
        validation_context=options.validation_context,
    )
    pdf_signer = _PdfSigner(
        meta,
        signer=options.signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(options.field_name, on_page=page, box=box),
        signing_time=options.signing_time,
    )
    params = {"signer": common, "org": org, "time": moment.strftime("%d/%m/%Y %H:%M:%S +07:00")}
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        return pdf_signer.sign_pdf(writer, appearance_text_params=params).getvalue()
    except SigningError:
        raise
    except Exception as exc:  # pyHanko's SigningError, certvalidator's path errors, ...
        raise SigningError(_reason(exc)) from exc


class _FontFactory(GlyphAccumulatorFactory):
    """pyHanko's factory, reading the font into memory: its own leaves the file open."""

    def __init__(self, path: str) -> None:
        super().__init__(path, ot_script_tag="latn")
        self._data = Path(path).read_bytes()

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(self._data),
            font_size=self.font_size,
            ot_script_tag=self.ot_script_tag,
            obj_stream=obj_stream,
        )


@functools.lru_cache(maxsize=1)
def _appearance_font() -> str:
    """Liberation Serif (the Times New Roman stand-in, with every Vietnamese letter) scaled to
    1000 units per em, kept in the system's temporary folder for the next process (making
    it costs about a second; written whole under a private name, then renamed).

    pyHanko 0.38 writes a CID font's widths in the font's own units, which PDF reads as
    thousandths of an em: a font of 2048 units per em came out with its letters twice as
    far apart. Scaling the font makes the two agree."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = Path(FONT)
    stat = source.stat()
    owner = os.getuid() if hasattr(os, "getuid") else 0
    cached = (
        Path(tempfile.gettempdir())
        / f"hoso-fonts-{owner}"
        / (f"appearance-{stat.st_size}-{int(stat.st_mtime)}.ttf")
    )
    if cached.is_file():
        return str(cached)
    font = TTFont(str(source))
    if "FFTM" in font:  # FontForge's timestamp: the subsetter drops it, noisily
        del font["FFTM"]
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(partial))
        partial.replace(cached)
        return str(cached)
    except OSError:  # no writable cache: a file of this process
        folder = Path(tempfile.mkdtemp(prefix="hoso-font-"))
        atexit.register(shutil.rmtree, folder, True)
        font.save(str(folder / "appearance.ttf"))
        return str(folder / "appearance.ttf")


def _seal(path: Path | None) -> Any:
    if path is None:
        return None
    from pyhanko.pdf_utils.images import PdfImage

    try:
        return PdfImage(str(path))
    except Exception as exc:
        raise SigningError(f"Không đọc được ảnh con dấu {path}: cần tệp PNG hoặc JPEG.") from exc


_CAUSES = (
    ("Expired", "chứng thư số của người ký đã hết hạn (hoặc chưa đến ngày hiệu lực)"),
    ("NotYetValid", "chứng thư số của người ký chưa đến ngày hiệu lực"),
    ("Revoked", "chứng thư số của người ký đã bị thu hồi"),
    ("PathBuilding", "không dựng được chuỗi tin cậy từ chứng thư số đến chứng thư gốc tin cậy"),
    ("InsufficientRevinfo", "không lấy được thông tin thu hồi (CRL/OCSP): kiểm tra kết nối mạng"),
    ("PathValidation", "chứng thư số của người ký không hợp lệ theo chuỗi tin cậy"),
)


def _reason(exc: BaseException) -> str:
    """What went wrong, in Vietnamese (pyHanko's messages are English): the first cause in
    the exception chain that we can name."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for cause in chain:
        for name, text in _CAUSES:
            if name in type(cause).__name__:
                return f"Không ký được văn bản: {text}."
    return f"Không ký được văn bản ({type(chain[-1]).__name__})."


def trust_context(paths: tuple[Path, ...], *, online: bool = True) -> ValidationContext | None:
    """A validation context over the certificates under ``paths`` (files or folders of PEM/DER;
    self-signed ones are the roots), fetching CRLs/OCSP online when ``online``; None when
    ``paths`` hold no certificate (the signature then carries no revocation data)."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    roots: list[Any] = []
    others: list[Any] = []
    files = [f for p in paths for f in (sorted(p.iterdir()) if p.is_dir() else [p])]
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            continue
        blobs = (
            [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        )
        for der in blobs:
            try:
                cert = asn1_x509.Certificate.load(der)
                (roots if cert.self_signed else others).append(cert)
            except ValueError:
                continue
    if not roots:
        return None
    return ValidationContext(trust_roots=roots, other_certs=others, allow_fetching=online)
