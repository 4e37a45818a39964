"""The pages of an evidence PDF as positioned lines, from the text layer or by OCR.

One pipeline for every producer: each page becomes a list of :class:`Word`
values (text, box as fractions of the page, bold when the font says so, an
OCR confidence when read by Tesseract), and the same code turns words into
:class:`Line` values for both sources. :mod:`verify.fields` parses lines and
never asks where they came from, except to say so in the report.

Why positions and not plain text: a Nghị định 30 header is a two-column
table (agency block left, national title right), so the words of both
columns share baselines and plain extraction interleaves them. Lines are
split wherever the horizontal gap between words is wider than a column gap.

Only what the fields need is read, on demand (:class:`DocumentText` is
lazy): the first page, the last page, and the page before it when the
signature block starts there. A scanned page is OCR'd only over the region
asked for (the top of page 1 holds the header, type and subject), so a
scan costs about a second per page read, not per page of the file.

Failures to read (corrupt file, Tesseract absent, OCR timeout) become
:class:`~verify.report.Problem` values, never exceptions: a document whose
text cannot be read simply lacks its fields.
"""

from __future__ import annotations

import logging
import string
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from verify.errors import InputFileError
from verify.report import FieldSource, Problem
from verify.vntext import is_syllable

log = logging.getLogger(__name__)

# A gap wider than this many font sizes separates two columns, not two words:
# justified body text stretches spaces to well under one em.
_COLUMN_GAP_EM = 1.5


@dataclass(frozen=True)
class TextOptions:
    """How to read pages; the defaults suit A4 scans of administrative documents."""

    ocr: bool = True
    ocr_language: str = "vie"
    ocr_digits_language: str = "eng"
    """The model a second look at a few digits reads them with
    (``verify.ocr.digits_read_alone``). On glyphs cut from a rough scan Tesseract's
    English model reads digits the Vietnamese one loses or misreads (an italic ``11``
    read as nothing, ``2023`` as ``2033``, ``1447`` as ``117``): of 379 day, month and
    year words the page's reading got right on 160 generated scans, read alone, 374
    came out right with it and 0 wrong, against 335 and 2 with the Vietnamese model.
    Digits are the same in both; the page is read with ``ocr_language``."""
    ocr_dpi: int = 300
    """Resolution for pages without an embedded image; scans are read at their own."""
    max_render_pixels: int = 12_000_000
    """Cap on the rendered image (A4 at 300 dpi is 8.7 million pixels)."""
    ocr_timeout_seconds: float = 30.0
    min_text_chars: int = 20
    """A page with fewer letters and digits in its text layer counts as a scan."""


Box = tuple[float, float, float, float]
"""Left, top, right, bottom of a region, as fractions of the page (y from the top)."""


DOUBTED = 0.6
"""Tesseract's confidence below which a word is doubted: a value read from it is a
warning for the reviewer, and a short word so read may be a speck, a rule or a label
misread."""


@dataclass(frozen=True)
class Word:
    """One word with its box as fractions of the page (y from the top)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool | None = None
    confidence: float | None = None
    """Tesseract's confidence in [0, 1]; None for the text layer (exact)."""

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class Line:
    """A run of words on one baseline, not crossing a column gap.

    ``bold`` is None when unknown (OCR gives no font). ``words`` holds the
    words with their boxes, to cut a line where two columns touch and to
    compute the confidence of a value read from part of it.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool | None = None
    words: tuple[Word, ...] = ()

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-6)

    @property
    def confidence(self) -> float | None:
        """The lowest confidence of its words (None: text layer)."""
        known = [w.confidence for w in self.words if w.confidence is not None]
        return min(known) if known else None

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    def overlap(self, other: Line) -> float:
        """How far the two overlap vertically (a fraction of the page; negative if apart)."""
        return min(self.bottom, other.bottom) - max(self.top, other.top)

    def shares_row(self, other: Line) -> bool:
        """Whether the two overlap vertically by more than three quarters of the taller:
        one printed line, however Tesseract split it. Lines one under the other overlap
        by half on a scan of 100 dpi, where Tesseract's boxes swell."""
        return self.overlap(other) > 0.75 * max(self.height, other.height)

    def beside(self, other: Line) -> bool:
        """Whether ``other`` goes on this printed line a word or two to its right: on its
        row, Tesseract's reading split where it lost a word between them. Boxes of one
        row differ in height (``Tràng Xá, ngày`` with its capital and marks, ``tháng 7
        năm 2024``): the shorter lies mostly within the other, of a letter's size still."""
        shorter, taller = sorted((self.height, other.height))
        return (
            self.overlap(other) > 0.75 * shorter
            and shorter > 0.6 * taller
            and 0 <= other.x0 - self.x1 < 4 * self.height
        )

    def split_at(self, x: float) -> tuple[Line | None, Line | None]:
        """The parts of this line left and right of ``x`` (by word centre)."""
        left = [w for w in self.words if (w.x0 + w.x1) / 2 < x]
        right = [w for w in self.words if (w.x0 + w.x1) / 2 >= x]
        return join_words(left), join_words(right)


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
    upto: float = 1.0
    """How far down the page was read (OCR of the header region stops early)."""
    tilt: float = 0.0
    """A scan's slope (down per across, as page fractions) its OCR boxes were turned back
    by (:func:`verify.ocr.ocr_page`): words of one printed line share a top."""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def on_image(self, box: Box) -> Box:
        """Where ``box`` of this page's (turned back) words lies on the scan as it is: a
        second look at a word cuts it from the image, which is still tilted."""
        left, top, right, bottom = box
        shift = self.tilt * ((left + right) / 2 - 0.5)
        return (left, top + shift, right, bottom + shift)


PageLoader = Callable[[int, float], "PageText | None"]


@dataclass
class DocumentText:
    """The pages read so far; more are read on demand through ``loader``.

    Built by hand in tests (``first``/``last`` given), by :func:`read_document`
    from a file.
    """

    page_count: int = 0
    first: PageText | None = None
    last: PageText | None = None
    problems: list[Problem] = field(default_factory=list)
    loader: PageLoader | None = None
    _pages: dict[int, PageText] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for page in (self.first, self.last):
            if page is not None:
                self._pages.setdefault(page.index, page)

    def page(self, index: int, upto: float = 1.0) -> PageText | None:
        """Page ``index`` read at least down to ``upto`` (a fraction of its height)."""
        if index < 0 or index >= self.page_count:
            return None
        known = self._pages.get(index)
        if known is not None and (known.upto >= upto or self.loader is None):
            return known
        if self.loader is None:
            return None
        page = self.loader(index, upto)
        if page is not None:
            self._pages[index] = page
        return page

    def with_isolated_text(self, index: int) -> PageText | None:
        """Page ``index``, OCR'd, read again for lines standing alone that the first
        reading left out (:func:`verify.ocr.add_isolated_text`), as far down as it was
        read; None when it is not an OCR'd page, or nothing was added."""
        page = self._pages.get(index)
        reread = getattr(self.loader, "add_isolated_text", None)
        if page is None or page.source != "ocr" or reread is None:
            return None
        more = reread(page)
        if more is None or more is page:
            return None
        self._pages[index] = more
        if self.last is not None and self.last.index == index:
            self.last = more
        if self.first is not None and self.first.index == index:
            self.first = more
        return more

    def digits_read_alone(
        self,
        index: int,
        box: Box,
        pattern: str,
        read: str,
        characters: str = string.digits,
    ) -> str | None:
        """What ``pattern`` matches in the digits inside ``box`` of OCR'd page ``index``,
        read alone, when it is not ``read`` (:func:`verify.ocr.digits_read_alone`); None
        when the page is no scan or the second look confirms nothing else."""
        page = self._pages.get(index)
        reread = getattr(self.loader, "digits_read_alone", None)
        if page is None or page.source != "ocr" or reread is None:
            return None
        digits: str | None = reread(index, page.on_image(box), pattern, read, characters)
        return digits

    def close(self) -> None:
        """Release the open file, if any (pages already read stay available)."""
        close = getattr(self.loader, "close", None)
        if close is not None:
            close()
        self.loader = None

    @property
    def pages_read(self) -> list[PageText]:
        return [self._pages[i] for i in sorted(self._pages)]

    @property
    def source(self) -> FieldSource | None:
        pages = self.pages_read
        if not pages:
            return None
        return "ocr" if any(p.source == "ocr" for p in pages) else "text"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_document(path: Path, options: TextOptions | None = None) -> DocumentText:
    """Open ``path`` and read its first page (header region) and last page.

    Further pages are read when the parser asks (``DocumentText.page``).
    Raises :class:`~verify.errors.InputFileError` only when the file cannot
    be opened at all; an unparsable PDF gives a ``TEXT_UNREADABLE`` problem.
    """
    from verify.pdftext import PdfPages

    options = options or TextOptions()
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputFileError(f"Không mở được tệp {path}: {exc.strerror or exc}") from exc
    handle.close()
    document = DocumentText()
    try:
        pdf = PdfPages(path)
    except Exception as exc:  # PDFium refuses the file: not a PDF, truncated, encrypted
        document.problems.append(unreadable(exc))
        return document
    document.page_count = pdf.page_count
    if pdf.page_count == 0:
        document.problems.append(unreadable(ValueError("no pages")))
        return document
    document.loader = _Loader(path, pdf, options, document.problems)
    # The header, type and subject sit in the top half of page 1; a one-page
    # document is read whole at once (its signature block is on it too).
    document.first = document.page(0, upto=0.5 if pdf.page_count > 1 else 1.0)
    document.last = document.page(pdf.page_count - 1)
    if document.first is None or document.last is None:
        document.first = document.last = None
    return document


class _Loader:
    """Reads a page from the text layer, or by OCR when it has none."""

    def __init__(
        self, path: Path, pdf: object, options: TextOptions, problems: list[Problem]
    ) -> None:
        self.path = path
        self.pdf = pdf
        self.options = options
        self.problems = problems
        self.text_pages: dict[int, PageText | None] = {}

    def close(self) -> None:
        from verify.pdftext import PdfPages

        if isinstance(self.pdf, PdfPages):
            self.pdf.close()

    def __call__(self, index: int, upto: float) -> PageText | None:
        from verify.pdftext import PdfPages

        assert isinstance(self.pdf, PdfPages)
        if index not in self.text_pages:
            try:
                self.text_pages[index] = self.pdf.read(index)
            except Exception as exc:  # a malformed page: its text is lost, not the report
                if not any(p.code == "TEXT_UNREADABLE" for p in self.problems):
                    self.problems.append(unreadable(exc))
                self.text_pages[index] = None
        page = self.text_pages[index]
        if page is None:
            return None
        dpi = self.pdf.scan_dpi.get(index)
        letters = _letter_count(page.text)
        # A scan: a page-sized image and (almost) no text layer. A page with a
        # few words and no image (a signer's name alone) is not one.
        scanned = letters < self.options.min_text_chars and (dpi is not None or letters == 0)
        if not scanned or not self.options.ocr:
            return page
        from verify.ocr import ocr_page

        read = ocr_page(self.path, index, self.options, self.problems, upto=upto, native_dpi=dpi)
        return read if read is not None else page

    def add_isolated_text(self, page: PageText) -> PageText | None:
        from verify.ocr import add_isolated_text
        from verify.pdftext import PdfPages

        assert isinstance(self.pdf, PdfPages)
        # A second look that fails changes nothing the first reading said: its
        # problems (a timeout) are logged, not reported.
        problems: list[Problem] = []
        more = add_isolated_text(
            self.path, page, self.options, problems, native_dpi=self.pdf.scan_dpi.get(page.index)
        )
        for problem in problems:
            log.info("second reading of page %d: %s", page.index, problem.message)
        return more

    def digits_read_alone(
        self,
        index: int,
        box: Box,
        pattern: str,
        read: str,
        characters: str,
    ) -> str | None:
        from verify.ocr import digits_read_alone
        from verify.pdftext import PdfPages

        assert isinstance(self.pdf, PdfPages)
        native = self.pdf.scan_dpi.get(index)
        return digits_read_alone(
            self.path, index, self.options, box, pattern, read, native, characters
        )


def unreadable(exc: BaseException) -> Problem:
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
    return sum(map(str.isalnum, text))


def ocr_available(language: str = "vie") -> bool:
    """Whether Tesseract and its ``language`` model are installed."""
    from verify.ocr import ocr_available as available

    return available(language)


# --- words to lines (both sources) -----------------------------------------------------------


def build_lines(
    words: Iterable[Word], *, aspect: float, rows: Iterable[list[Word]] | None = None
) -> list[Line]:
    """Group words into rows by vertical overlap, then split rows at column gaps.

    ``rows``: rows already known (Tesseract's text lines, which follow a
    skewed baseline better than boxes inflated by stacked diacritics do).
    The em is a word's height (a fraction of the page height); ``aspect``
    (height / width) turns it into a fraction of the page width. Lines are
    ordered top to bottom, left to right.
    """
    lines: list[Line] = []
    for row in rows if rows is not None else _rows(words):
        if not row:
            continue
        ordered = sorted(row, key=lambda w: w.x0)
        segment = [ordered[0]]
        for word in ordered[1:]:
            if _column_gap(segment, word, aspect):
                lines.append(_must(join_words(segment)))
                segment = [word]
            else:
                segment.append(word)
        lines.append(_must(join_words(segment)))
    return _reading_order(_without_second_readings(lines), aspect)


def _column_gap(before: Sequence[Word], word: Word, aspect: float) -> bool:
    """Whether ``word`` stands a column's gap to the right of the words ``before`` it.

    The em is the median height of the last two words and this one, taken without
    ``statistics.median`` (this runs once per word of every page read)."""
    last = before[-1]
    height, last_height = word.bottom - word.top, last.bottom - last.top
    if len(before) > 1:
        em = sorted((before[-2].bottom - before[-2].top, last_height, height))[1]
    else:
        em = (last_height + height) / 2
    return word.x0 - last.x1 > _COLUMN_GAP_EM * em * aspect


def _reading_order(lines: list[Line], aspect: float) -> list[Line]:
    """Top to bottom by rows (:func:`in_rows`), left to right within a row."""
    return [line for row in in_rows(lines) for line in _rejoined(row, aspect)]


def in_rows(lines: Iterable[Line]) -> list[list[Line]]:
    """The lines in rows, top to bottom, each row's lines left to right.

    A row is the lines that share it with its topmost line (:meth:`Line.shares_row`):
    on a scan skewed by a degree Tesseract may read one printed line
    as two (``PHÓ`` a little lower than ``GIÁM ĐỐC`` to its right), and their tops
    alone would put the right one first. Against a row's topmost line only, so that
    rows never chain, and one of the last three rows (another column's line may
    start between the two pieces); against the taller, so that a seal's tall ghost
    spanning two lines of a title does not make them one row.
    """
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: (line.top, line.x0)):
        row = next((row for row in rows[-3:] if row[0].shares_row(line)), None)
        if row is not None:
            row.append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda line: line.x0) for row in rows]


def _rejoined(row: list[Line], aspect: float) -> list[Line]:
    """A row's lines (left to right, as :func:`in_rows` gives them), those with no column's
    gap between them joined.

    On a skewed scan Tesseract may read one printed line as two text lines
    side by side (``TH`` and ``ÔNG BÁO``, a type name): joined, they are the line
    Tesseract would have given had it read the row as one, split at column gaps
    as any line is. A line starting left of the previous one's end is another
    reading of the same ink (a speck read as letters): it stays a line of its own.
    """
    joined = [row[0]]
    for line in row[1:]:
        last = joined[-1]
        if line.x0 < last.x1 or _column_gap(last.words, line.words[0], aspect):
            joined.append(line)
        else:
            joined[-1] = _must(join_words((*last.words, *line.words)))
    return joined


def _without_second_readings(lines: list[Line]) -> list[Line]:
    """The lines but OCR's second readings of a wider line's ink.

    On a skewed, blurred scan Tesseract may read some of a line's ink a second time,
    in a box swollen by the blur (``N DÀN HU`` over ``ỦY BAN NHÂN DÂN HUYỆN VĂN YÊN``,
    ``lụ do Hạnh pht`` over the motto): a line lying within the wider one's width,
    its height almost all the other's, and with a word Tesseract doubts, or of one
    word of two letters at most or no syllable, however sure (``lồ`` read again from
    ``đồng`` inside a subject's line, ``HOG`` inside a title's). Two printed lines
    never share a stretch of one row; a stacked header's lines, one under the other at
    the same margin, overlap by less, and are read surely. Only lines near in height
    order are compared.
    """
    ordered = sorted(lines, key=lambda line: line.top)
    dropped: set[int] = set()
    for i, line in enumerate(ordered):
        for other in ordered[i + 1 :]:
            if other.top >= line.bottom:
                break
            narrower, wider = sorted((line, other), key=lambda each: each.x1 - each.x0)
            if _read_again(narrower, wider):
                dropped.add(id(narrower))
    return [line for line in lines if id(line) not in dropped]


def _read_again(narrower: Line, wider: Line) -> bool:
    if not (
        wider.x0 <= narrower.x0
        and narrower.x1 <= wider.x1
        and narrower.x1 - narrower.x0 < wider.x1 - wider.x0
        and (
            any(w.confidence is not None and w.confidence < DOUBTED for w in narrower.words)
            or _read_as_no_word(narrower)
        )
    ):
        return False
    # a speck read as a letter of its own (``J`` of ``J TI`` over ``CHỦ ỊCH``) swells
    # the narrower line's box: its height is that of its words of two letters or more
    core = [w for w in narrower.words if sum(c.isalnum() for c in w.text) >= 2]
    inked = _must(join_words(core or narrower.words))
    return inked.overlap(wider) > 0.9 * min(inked.height, wider.height)


def _read_as_no_word(line: Line) -> bool:
    """A line OCR read as one token that is no word: two letters or digits at most, or
    letters that are no Vietnamese syllable (``HOG`` inside ``PHÓ GIÁM ĐỐC``'s row)."""
    (first, *rest) = line.words
    if rest or first.confidence is None:
        return False
    glyphs = "".join(c for c in first.text if c.isalnum())
    return len(glyphs) <= 2 or (glyphs.isalpha() and not is_syllable(glyphs))


def _must(line: Line | None) -> Line:
    assert line is not None
    return line


def _rows(words: Iterable[Word]) -> list[list[Word]]:
    """Words whose vertical extents overlap by more than half the smaller one share a row."""
    rows: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        height = word.bottom - word.top
        for k in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            top, bottom = spans[k]
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap > 0.5 * min(height, bottom - top):
                rows[k].append(word)
                spans[k] = (min(top, word.top), max(bottom, word.bottom))
                break
        else:
            rows.append([word])
            spans.append((word.top, word.bottom))
    return rows


def join_words(words: Sequence[Word]) -> Line | None:
    """One line of ``words`` (in reading order); bold when most of its letters are."""
    if not words:
        return None
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
        words=tuple(words),
    )
