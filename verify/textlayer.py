"""The text of an evidence PDF's first and last page, as positioned lines.

Why positions and not plain text: a Nghị định 30 header is a two-column
table (agency block left, national title right), so the words of both
columns share baselines and plain extraction interleaves them ("UBND HUYỆN
VĂN CHẤN CỘNG HÒA XÃ HỘI..."). Lines here are split wherever the horizontal
gap between words is wider than a column gap, and carry their x-positions, so
:mod:`verify.fields` can assign them to columns. Coordinates are fractions
of the page size, so text-layer and OCR lines compare alike.

Only the first page (header, type, subject) and the last page (signature
block) are read: that is where Nghị định 30 puts the fields, and it bounds the
work on a thousand-page annex.

A page without a text layer (a scan) is rendered with PDFium and read by
Tesseract's Vietnamese model. The rendering is capped in pixels, so a 200 MB
scan cannot exhaust memory, and each OCR call has a time limit. Failures to
read (corrupt file, Tesseract absent, OCR timeout) are reported as
:class:`~verify.report.Problem` values, not raised: a document whose text
cannot be read simply lacks its fields.
"""

from __future__ import annotations

import logging
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verify.errors import InputFileError
from verify.report import FieldSource, Problem

log = logging.getLogger(__name__)

# A gap wider than this many font sizes separates two columns, not two words:
# justified body text stretches spaces to well under one em.
_COLUMN_GAP_EM = 1.5


@dataclass(frozen=True)
class TextOptions:
    """How to read pages; the defaults suit A4 scans of administrative documents."""

    ocr: bool = True
    ocr_language: str = "vie"
    ocr_dpi: int = 300
    max_render_pixels: int = 12_000_000
    """Cap on the rendered image (A4 at 300 dpi is 8.7 million pixels)."""
    ocr_timeout_seconds: float = 30.0
    min_text_chars: int = 20
    """A page with fewer letters and digits in its text layer counts as a scan."""


@dataclass(frozen=True)
class Line:
    """A run of words on one baseline, not crossing a column gap.

    Coordinates are fractions of the page width (x) and height (y, from the
    top). ``bold`` is None when unknown (OCR gives no font).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool | None = None
    words: tuple[tuple[str, float, float], ...] = ()
    """Each word with its x0 and x1, to cut a line where two columns touch."""

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    def split_at(self, x: float) -> tuple[Line | None, Line | None]:
        """The parts of this line left and right of ``x`` (by word centre)."""
        left = [w for w in self.words if (w[1] + w[2]) / 2 < x]
        right = [w for w in self.words if (w[1] + w[2]) / 2 >= x]
        return self._part(left), self._part(right)

    def _part(self, words: list[tuple[str, float, float]]) -> Line | None:
        if not words:
            return None
        return Line(
            text=" ".join(w[0] for w in words),
            x0=words[0][1],
            x1=words[-1][2],
            top=self.top,
            bottom=self.bottom,
            bold=self.bold,
            words=tuple(words),
        )


@dataclass(frozen=True)
class Rule:
    """A horizontal rule (the short line under the agency, motto or subject)."""

    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class PageText:
    index: int
    source: FieldSource
    lines: tuple[Line, ...]
    rules: tuple[Rule, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class DocumentText:
    """The first and last page (the same object for a one-page file)."""

    page_count: int = 0
    first: PageText | None = None
    last: PageText | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def source(self) -> FieldSource | None:
        pages = [p for p in (self.first, self.last) if p is not None]
        if not pages:
            return None
        return "ocr" if any(p.source == "ocr" for p in pages) else "text"


@dataclass(frozen=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool | None
    row: Any = None  # OCR: Tesseract's (block, paragraph, line); text layer: None


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_document(path: Path, options: TextOptions | None = None) -> DocumentText:
    """Read the first and last page of ``path``, by OCR where there is no text layer.

    Raises :class:`~verify.errors.InputFileError` only when the file cannot be
    opened at all; an unparsable PDF gives a ``TEXT_UNREADABLE`` problem.
    """
    import pdfplumber

    options = options or TextOptions()
    result = DocumentText()
    try:
        pdf = pdfplumber.open(path)
    except OSError as exc:
        raise InputFileError(f"Không mở được tệp {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # pdfminer raises many kinds on malformed input
        result.problems.append(_unreadable(exc))
        return result
    with pdf:
        try:
            pages = pdf.pages
            result.page_count = len(pages)
            if not pages:
                result.problems.append(_unreadable(ValueError("no pages")))
                return result
            wanted = sorted({0, len(pages) - 1})
            read: dict[int, PageText] = {}
            for index in wanted:
                read[index] = _read_text_layer(pages[index], index)
                pages[index].close()
        except Exception as exc:
            result.problems.append(_unreadable(exc))
            return result
    for index, page in read.items():
        if _letter_count(page.text) < options.min_text_chars and options.ocr:
            ocr_page = _ocr_page(path, index, options, result.problems)
            if ocr_page is not None:
                read[index] = ocr_page
    result.first = read[wanted[0]]
    result.last = read[wanted[-1]]
    return result


def _unreadable(exc: BaseException) -> Problem:
    log.info("text layer unreadable: %r", exc)
    return Problem(
        code="TEXT_UNREADABLE",
        severity="error",
        message=(
            "Không đọc được nội dung văn bản của tệp PDF "
            f"({type(exc).__name__}); không thể kiểm tra thể thức văn bản."
        ),
    )


def _letter_count(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


# --- text layer -----------------------------------------------------------------------------


def _read_text_layer(page: Any, index: int) -> PageText:
    width, height = float(page.width), float(page.height)
    words = [
        _Word(
            text=nfc(w["text"]),
            x0=w["x0"] / width,
            x1=w["x1"] / width,
            top=w["top"] / height,
            bottom=w["bottom"] / height,
            bold=_is_bold(w.get("fontname", "")),
        )
        for w in page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False)
    ]
    rules = [
        Rule(
            x0=min(o["x0"], o["x1"]) / width, x1=max(o["x0"], o["x1"]) / width, y=o["top"] / height
        )
        for o in (*page.lines, *page.rects)
        if abs(o["bottom"] - o["top"]) < 2 and abs(o["x1"] - o["x0"]) > 10
    ]
    return PageText(
        index=index,
        source="text",
        lines=tuple(_lines(_rows_by_position(words), aspect=height / width)),
        rules=tuple(sorted(rules, key=lambda r: (r.y, r.x0))),
    )


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", ",bd", "-bd"))


def _rows_by_position(words: Sequence[_Word]) -> list[list[_Word]]:
    """Group words whose vertical extents overlap by more than half into one row."""
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        height = word.bottom - word.top
        for row in reversed(rows[-3:]):
            top = min(w.top for w in row)
            bottom = max(w.bottom for w in row)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap > 0.5 * min(height, bottom - top):
                row.append(word)
                break
        else:
            rows.append([word])
    return rows


def _lines(rows: Iterable[list[_Word]], *, aspect: float) -> list[Line]:
    """Split each row where a gap is wider than a column gap; order top to bottom, left to right.

    The em is a word's height (a fraction of the page height); ``aspect``
    (height / width) turns it into a fraction of the page width.
    """
    lines: list[Line] = []
    for row in rows:
        ordered = sorted(row, key=lambda w: w.x0)
        segment = [ordered[0]]
        for word in ordered[1:]:
            em = max(segment[-1].bottom - segment[-1].top, word.bottom - word.top)
            if word.x0 - segment[-1].x1 > _COLUMN_GAP_EM * em * aspect:
                lines.append(_join(segment))
                segment = [word]
            else:
                segment.append(word)
        lines.append(_join(segment))
    lines.sort(key=lambda line: (round(line.top, 3), line.x0))
    return lines


def _join(words: Sequence[_Word]) -> Line:
    known = [w for w in words if w.bold is not None]
    bold: bool | None = None
    if known:
        bold_chars = sum(len(w.text) for w in known if w.bold)
        bold = bold_chars * 2 > sum(len(w.text) for w in known)
    return Line(
        text=" ".join(w.text for w in words),
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        bold=bold,
        words=tuple((w.text, w.x0, w.x1) for w in words),
    )


# --- OCR ------------------------------------------------------------------------------------


def ocr_available(language: str = "vie") -> bool:
    """Whether Tesseract and its ``language`` model are installed."""
    import pytesseract

    try:
        return language in pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError, RuntimeError):
        return False


def _ocr_page(
    path: Path, index: int, options: TextOptions, problems: list[Problem]
) -> PageText | None:
    import pytesseract

    if not ocr_available(options.ocr_language):
        problems.append(
            Problem(
                code="OCR_UNAVAILABLE",
                severity="error",
                message=(
                    f"Trang {index + 1} là bản quét (không có lớp chữ) nhưng máy chưa cài "
                    f"Tesseract với mô hình '{options.ocr_language}': cài gói tesseract-ocr và "
                    "tesseract-ocr-vie, hoặc nộp bản PDF có lớp chữ."
                ),
            )
        )
        return None
    try:
        image = _render(path, index, options)
        data = pytesseract.image_to_data(
            image,
            lang=options.ocr_language,
            config="--psm 3",
            output_type=pytesseract.Output.DICT,
            timeout=options.ocr_timeout_seconds,
        )
    except RuntimeError as exc:  # pytesseract signals its timeout with RuntimeError
        problems.append(
            Problem(
                code="OCR_TIMEOUT",
                severity="error",
                message=(
                    f"Nhận dạng chữ (OCR) trang {index + 1} vượt quá "
                    f"{options.ocr_timeout_seconds:g} giây: nộp bản PDF có lớp chữ hoặc bản quét "
                    "rõ hơn."
                ),
            )
        )
        log.info("OCR of page %d failed: %r", index, exc)
        return None
    except Exception as exc:  # rendering a malformed page, Tesseract crashing
        problems.append(
            Problem(
                code="OCR_FAILED",
                severity="error",
                message=f"Không nhận dạng được chữ trên trang {index + 1} ({type(exc).__name__}).",
            )
        )
        log.info("OCR of page %d failed: %r", index, exc)
        return None
    width, height = image.size
    image.close()
    return PageText(
        index=index, source="ocr", lines=tuple(_ocr_lines(data, width, height)), rules=()
    )


def _render(path: Path, index: int, options: TextOptions) -> Any:
    """Render one page to a grayscale PIL image, at most ``max_render_pixels`` pixels."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        page = pdf[index]
        try:
            width_pt, height_pt = page.get_size()
            scale = options.ocr_dpi / 72
            pixels = width_pt * height_pt * scale * scale
            if pixels > options.max_render_pixels:
                scale *= math.sqrt(options.max_render_pixels / pixels)
            bitmap = page.render(scale=scale, grayscale=True)
            return bitmap.to_pil().convert("L")
        finally:
            page.close()
    finally:
        pdf.close()


def _ocr_lines(data: dict[str, list[Any]], width: int, height: int) -> list[Line]:
    rows: dict[tuple[int, int, int], list[_Word]] = {}
    for i, raw in enumerate(data["text"]):
        text = nfc(str(raw)).strip()
        if not text or float(data["conf"][i]) < 0:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        left, top = int(data["left"][i]), int(data["top"][i])
        rows.setdefault(key, []).append(
            _Word(
                text=text,
                x0=left / width,
                x1=(left + int(data["width"][i])) / width,
                top=top / height,
                bottom=(top + int(data["height"][i])) / height,
                bold=None,
                row=key,
            )
        )
    return _lines(rows.values(), aspect=height / width)
