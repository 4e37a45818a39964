"""Words of a scanned page, read by Tesseract's Vietnamese model.

The page is rendered with PDFium at the resolution of the scan it carries
(rendering a 200 dpi scan at 300 dpi enlarges the scanner's speckles into
letters), enlarged smoothly when that is below what Tesseract reads best
(but never more than 5/3: a 100 dpi scan enlarged to 250 dpi loses its marks),
and capped in pixels so that a 200 MB scan cannot exhaust memory. Only the
region asked for is recognised (the top of page 1 holds the header, type
and subject), and Tesseract runs single-threaded: on a busy 2-core machine
its OpenMP threads spin against each other and take four times longer.

Scans are slightly rotated: the slope of Tesseract's own text lines gives
the skew, and word boxes are turned back before the shared line builder
(:func:`verify.textlayer.build_lines`) groups them, so a skewed header
does not merge the agency with the number line below it.

Every word carries Tesseract's confidence (0–1), which :mod:`verify.fields`
turns into the confidence of each field.
"""

from __future__ import annotations

import logging
import math
import os
import re
import string
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from verify.report import Problem
from verify.textlayer import Box, PageText, Rule, TextOptions, Word, build_lines, nfc
from verify.vntext import fold, is_syllable, letters

log = logging.getLogger(__name__)

_BEST_DPI = 250
"""Measured on 200 dpi scans of 12–14 pt text: enlarging to 250 dpi reads best (300 is worse)."""
_MOST_ENLARGED = 5 / 3
"""A scan is enlarged this much at most: measured on 49 scans at 100 and 120 dpi, enlarged
to 250 dpi (2.1–2.5×) they read 372/441 fields, to 330 dpi 311/441, to 175–200 dpi
408–410/441, and 5/3 times (167 and 200 dpi) 410/441. Enlarging smooths the letters,
and past about 5/3 it smooths their marks away. Scans of 150 dpi and more reach
250 dpi within it."""
_MIN_NATIVE_DPI = 100


def ocr_available(language: str = "vie") -> bool:
    """Whether Tesseract and its ``language`` model are installed."""
    import pytesseract

    try:
        return language in pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError, RuntimeError):
        return False


def ocr_page(
    path: Path,
    index: int,
    options: TextOptions,
    problems: list[Problem],
    *,
    upto: float = 1.0,
    native_dpi: float | None = None,
) -> PageText | None:
    """OCR page ``index`` from its top down to ``upto``; None (and a problem) when impossible.

    ``native_dpi``: the resolution of the scan on the page, rendered at that
    resolution rather than resampled by PDFium.
    """
    if not ocr_available(options.ocr_language):
        _once(
            problems,
            Problem(
                code="OCR_UNAVAILABLE",
                severity="error",
                message=(
                    f"Trang {index + 1} là bản quét (không có lớp chữ) nhưng máy chưa cài "
                    f"Tesseract với mô hình '{options.ocr_language}': cài gói tesseract-ocr và "
                    "tesseract-ocr-vie, hoặc nộp bản PDF có lớp chữ."
                ),
            ),
        )
        return None
    read = _recognised_rows(path, index, options, problems, native_dpi, "--psm 3", upto)
    if read is None:
        return None
    rows, aspect, tilt = read
    return _page_of(index, rows, aspect, upto=upto, tilt=tilt)


def add_isolated_text(
    path: Path,
    page: PageText,
    options: TextOptions,
    problems: list[Problem],
    *,
    native_dpi: float | None = None,
) -> PageText | None:
    """``page`` (OCR'd) with the isolated lines Tesseract's page layout left out.

    The layout analysis (``--psm 3``) groups text into blocks and sometimes
    drops a line standing alone, and the signer's name stands alone under the
    space for the signature and seal. Sparse-text mode (``--psm 11``) finds
    such lines; its words where the first reading has none are added. Asked
    for by the parser only when a signature block lacks its name: one more
    OCR pass (about a second) of the last page, and of the page before it
    when the block was looked for there; and when page 1's header has its
    agency, the national motto and a type name but no number and no date (a
    whole row left out), of the part of the page read.
    """
    read = _recognised_rows(path, page.index, options, problems, native_dpi, "--psm 11", page.upto)
    if read is None:
        return None
    found, aspect, _tilt = read
    known = [w for line in page.lines for w in line.words]
    added = [[w for w in row if not any(_overlap(w, k) for k in known)] for row in found]
    rows = [list(line.words) for line in page.lines] + [row for row in added if row]
    if len(rows) == len(page.lines):
        return page
    return _page_of(page.index, rows, aspect, rules=page.rules, upto=page.upto, tilt=page.tilt)


def _recognised_rows(
    path: Path,
    index: int,
    options: TextOptions,
    problems: list[Problem],
    native_dpi: float | None,
    config: str,
    upto: float = 1.0,
) -> tuple[list[list[Word]], float, float] | None:
    """Tesseract's rows of words of page ``index`` down to ``upto``, turned back by the
    scan's tilt (see :func:`_words`), the page's height / width, and the tilt; None (and
    a problem) when it cannot be rendered or read."""
    try:
        image = render(path, index, options, native_dpi)
    except Exception as exc:  # rendering a malformed page
        _failed(problems, index, exc)
        return None
    full_height = image.height
    if upto < 1.0:
        image = image.crop((0, 0, image.width, max(1, int(full_height * upto))))
    width = image.width
    data = _recognise(image, config, index, options, problems)
    image.close()
    if data is None:
        return None
    rows, tilt = _words(data, width, full_height)
    return rows, full_height / width, tilt


def _page_of(
    index: int,
    rows: list[list[Word]],
    aspect: float,
    *,
    rules: tuple[Rule, ...] = (),
    upto: float = 1.0,
    tilt: float = 0.0,
) -> PageText:
    words = [w for row in rows for w in row]
    lines = tuple(build_lines(words, aspect=aspect, rows=rows))
    return PageText(index=index, source="ocr", lines=lines, rules=rules, upto=upto, tilt=tilt)


def _overlap(a: Word, b: Word) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def _recognise(
    image: Any, config: str, index: int, options: TextOptions, problems: list[Problem]
) -> dict[str, list[Any]] | None:
    """Tesseract's words with their boxes and confidences; None (and a problem) on failure."""
    import pytesseract

    # Single-threaded Tesseract (see the module docstring); a caller's own setting wins.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data: dict[str, list[Any]] = pytesseract.image_to_data(
            image,
            lang=options.ocr_language,
            config=config,
            output_type=pytesseract.Output.DICT,
            timeout=options.ocr_timeout_seconds,
        )
    except pytesseract.TesseractError as exc:  # Tesseract crashing (a RuntimeError too)
        _failed(problems, index, exc)
        return None
    except RuntimeError as exc:  # pytesseract signals its timeout with RuntimeError
        _once(
            problems,
            Problem(
                code="OCR_TIMEOUT",
                severity="error",
                message=(
                    f"Nhận dạng chữ (OCR) trang {index + 1} vượt quá "
                    f"{options.ocr_timeout_seconds:g} giây: nộp bản PDF có lớp chữ hoặc bản quét "
                    "rõ hơn."
                ),
            ),
        )
        log.info("OCR of page %d failed: %r", index, exc)
        return None
    except Exception as exc:  # Tesseract missing its model, an unreadable image
        _failed(problems, index, exc)
        return None
    return data


def _failed(problems: list[Problem], index: int, exc: BaseException) -> None:
    _once(
        problems,
        Problem(
            code="OCR_FAILED",
            severity="error",
            message=f"Không nhận dạng được chữ trên trang {index + 1} ({type(exc).__name__}).",
        ),
    )
    log.info("OCR of page %d failed: %r", index, exc)


def _once(problems: list[Problem], problem: Problem) -> None:
    if all(p.code != problem.code for p in problems):
        problems.append(problem)


def render(
    path: Path,
    index: int,
    options: TextOptions,
    native: float | None = None,
    box: Box | None = None,
) -> Any:
    """Page ``index`` as a grayscale PIL image near 250 dpi, within ``max_render_pixels``;
    only ``box`` of it (left, top, right, bottom as fractions of the page) when given."""
    import pypdfium2
    from PIL import Image

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        page = pdf[index]
        try:
            width_pt, height_pt = page.get_size()
            dpi = float(options.ocr_dpi)
            if native is not None and native >= _MIN_NATIVE_DPI:
                dpi = min(native, float(options.ocr_dpi))
            scale = dpi / 72
            limit = options.max_render_pixels
            if width_pt * height_pt * scale * scale > limit:
                scale = math.sqrt(limit / (width_pt * height_pt))
            crop = (0.0, 0.0, 0.0, 0.0)
            if box is not None:  # what to cut from each side, in points: left, bottom, right, top
                left, top, right, bottom = (min(max(v, 0.0), 1.0) for v in box)
                crop = (
                    left * width_pt,
                    (1 - bottom) * height_pt,
                    (1 - right) * width_pt,
                    top * height_pt,
                )
            image = page.render(scale=scale, crop=crop, grayscale=True).to_pil().convert("L")
        finally:
            page.close()
    finally:
        pdf.close()
    enlarge = min(
        _BEST_DPI / (scale * 72),
        _MOST_ENLARGED,
        math.sqrt(limit / (image.width * image.height)),
    )
    if enlarge > 1.1:
        size = (round(image.width * enlarge), round(image.height * enlarge))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return despeckle(image)


def digits_read_alone(
    path: Path,
    index: int,
    options: TextOptions,
    box: Box,
    pattern: str,
    read: str,
    native_dpi: float | None = None,
    characters: str = string.digits,
) -> str | None:
    """What ``pattern`` last matches inside ``box`` (left, top, right, bottom as page
    fractions) read again on its own as digits only, when it is not ``read`` (the whole
    page's reading) and a second such reading, framed a little tighter, agrees; else None.

    Reading a whole page, Tesseract's Vietnamese model sometimes takes an italic
    ``3`` for a ``5`` in a year set on a line of its own (``2023`` read ``2025``,
    at 96 % confidence), or a ``6`` for ``ó`` and an ``8`` for ``Š`` in a day; the
    same glyphs read alone, as digits, come out right. A word read alone is itself
    sensitive to its frame (one pixel more, and a ``5`` became a ``6`` once), so it
    overrules the page only when two frames agree (:data:`_FRAMES`). (A third frame to
    decide between two that differ was tried: on scans of 120–140 dpi it took a wrong
    year or number as often as a right one. A third frame stands in only for one in
    which no digits that hold were read.) ``characters``: those Tesseract may read
    (digits; a number's ``/`` too, to tell its ordinal from its symbol).
    """
    readings: list[str] = []
    for margin in _FRAMES:
        found = _digits_in(path, index, options, box, margin, pattern, native_dpi, characters)
        if found is None:
            continue  # nothing that holds in this frame (a speck, a rule caught in it)
        if found == read:
            return None  # the page's reading confirmed
        readings.append(found)
        if len(readings) == 2:
            break
    return readings[0] if len(readings) == 2 and readings[0] == readings[1] else None


_MOST_ABOVE_AND_BELOW = 0.5
"""Of a box's height: how far a frame reaches above and below it at most."""
_FRAMES = (1.0, 0.6, 0.3)
"""The margins, in the box's height, of the frames a second look reads, widest first:
the first two in which the pattern holds must agree. A frame in which it does not hold
at all (``2023`` read ``203``: a rule or dust under the year caught in the widest frame)
gives way to the next, tighter one."""


def _digits_in(
    path: Path,
    index: int,
    options: TextOptions,
    box: Box,
    margin: float,
    pattern: str,
    native_dpi: float | None,
    characters: str,
) -> str | None:
    """What ``pattern`` last matches in what Tesseract reads in ``box`` widened by
    ``margin`` of its height, ``characters`` only.

    Half the margin on each side, and above and below the margin up to half the box's
    height: a line set close above (a stacked header's motto right over its date) would
    otherwise put its glyphs in the frame, and a reading of one line takes them in."""
    import pytesseract

    left, top, right, bottom = box
    pad = (bottom - top) * margin
    rise = (bottom - top) * min(margin, _MOST_ABOVE_AND_BELOW)
    try:
        image = render(
            path,
            index,
            options,
            native_dpi,
            (left - pad / 2, top - rise, right + pad / 2, bottom + rise),
        )
        text = pytesseract.image_to_string(
            image,
            lang=_digits_language(options),
            config=f"--psm 7 -c tessedit_char_whitelist={characters}",
            timeout=options.ocr_timeout_seconds,
        )
    except Exception as exc:  # a second look that fails changes nothing
        log.info("reading digits again failed: %r", exc)
        return None
    found = re.findall(pattern, text.strip())
    return found[-1] if found else None


def _digits_language(options: TextOptions) -> str:
    """The model digits are read alone with: ``ocr_digits_language`` when installed (it
    comes with Tesseract on Debian), else the page's."""
    if ocr_available(options.ocr_digits_language):
        return options.ocr_digits_language
    return options.ocr_language


def despeckle(image: Any) -> Any:
    """White out dark pixels with almost no dark neighbours (scanner dust), keep the strokes.

    A pixel is dust when at most a fifth of its 5×5 neighbourhood is dark: a
    speck of a few pixels is, a stroke or a diacritic's dot is not (a median
    filter would erase the dots and the hooks that tell ``ỏ`` from ``o``).
    """
    from PIL import ImageChops, ImageFilter

    dark = image.point(lambda v: 0 if v < 160 else 255)
    crowd = dark.filter(ImageFilter.BoxBlur(2))
    lonely = crowd.point(lambda v: 255 if v > 200 else 0)
    return ImageChops.lighter(image, lonely)


def _words(data: dict[str, list[Any]], width: int, height: int) -> tuple[list[list[Word]], float]:
    """Tesseract's lines of words, deskewed, as fractions of the full page; speckles
    dropped. With them the tilt they were turned back by (``PageText.tilt``).

    A token without a letter or digit (rule fragments, dust read as ``_`` or
    ``'``) and a short token Tesseract itself hardly believes are not words,
    unless its line vouches for it (:func:`_vouched_for`).
    """
    raw = []
    for i, text in enumerate(data["text"]):
        text = nfc(str(text)).strip()
        conf = float(data["conf"][i]) / 100
        if not text or conf < 0 or not any(c.isalnum() for c in text):
            continue
        left, top = int(data["left"][i]), int(data["top"][i])
        w, h = int(data["width"][i]), int(data["height"][i])
        if conf < 0.6 and w < 0.3 * h * _glyphs_needing_width(text):
            continue  # far too narrow for its letters: a rule or a speck read as text
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        raw.append(_Raw(text, left, top, left + w, top + h, conf, key))
    raw = [r for r in raw if r.conf >= _HARDLY_BELIEVED or len(r.text) > 3 or _vouched_for(r, raw)]
    raw = _without_second_readings(_without_dwarf_lines(raw))
    slope = _skew(raw)
    centre = width / 2
    rows: dict[tuple[int, int, int], list[Word]] = {}
    for r in raw:
        shift = slope * ((r.x0 + r.x1) / 2 - centre)
        rows.setdefault(r.line, []).append(
            Word(
                text=r.text,
                x0=r.x0 / width,
                x1=r.x1 / width,
                top=(r.top - shift) / height,
                bottom=(r.bottom - shift) / height,
                confidence=r.conf,
            )
        )
    return list(rows.values()), slope * width / height


def _glyphs_needing_width(text: str) -> int:
    """The glyphs of a token that each take a letter's width: its letters and digits when
    two or more (a quote glued to a name, ``'Lê``, is thin itself), else all of them (a
    sign and a letter, ``‹c``, is a speck read as text however thin)."""
    letters = sum(c.isalnum() for c in text)
    return letters if letters >= 2 else len(text)


@dataclass(frozen=True)
class _Raw:
    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    conf: float
    line: tuple[int, int, int]


_HARDLY_BELIEVED = 0.2
"""Tesseract's confidence below which a short token is taken for a speck read as text."""
_AUTHORITY_LABELS = frozenset({"TM.", "KT.", "TL."})


def _vouched_for(token: _Raw, raw: list[_Raw]) -> bool:
    """Whether a short token Tesseract hardly believes is a word its line vouches for.

    In a line of capitals read surely (a header's ``UBND HUYỆN TÂN PHÚ``, a signature
    block's ``TM. ỦY BAN NHÂN DÂN``), Tesseract sometimes gives a plain word of it a
    confidence of a few percent, a speck beside it swelling its box; dropped, the unit's
    name lost ``TÂN PHÚ`` and the block its ``TM.``. Such a token is kept when it is
    capitals of a Vietnamese syllable (two letters at least: dust reads as one) or an
    authority's label, as tall as the line's sure words, and those are all capitals;
    it stays doubted, so a value read from it is flagged for the reviewer.
    """
    letters_only = token.text.rstrip(".")
    if not (
        token.text in _AUTHORITY_LABELS
        or (len(letters_only) >= 2 and letters_only.isupper() and is_syllable(letters_only))
    ):
        return False
    sure = [r for r in raw if r.line == token.line and r is not token and r.conf >= 0.6]
    if len(sure) < 2 or not all(r.text.isupper() for r in sure):
        return False
    height = median(r.bottom - r.top for r in sure)
    return 0.7 * height <= token.bottom - token.top <= 1.5 * height


_DWARF = 0.35
"""A line of tokens this much shorter than the page's sure words, or more, is no text."""


def _without_dwarf_lines(raw: list[_Raw]) -> list[_Raw]:
    """The tokens without those of a line far shorter than the page's words: Tesseract
    sometimes reads a row of dust or a rule's edge over a line as a line of its own, in
    boxes a quarter of a word's height (``T vx_ cai nần số tai`` over ``V/v đôn đốc …
    tại``), which then join the words below. A line of words without ascender or mark
    (``ai ra``) is still over half the height of most. A word of full height in such a
    line (a year wrapped beside the dust) stays, and so does a single speck in a line of
    words: the readers of each part deal with it."""
    heights = [r.bottom - r.top for r in raw if r.conf >= 0.6 and len(r.text) >= 2]
    if len(heights) < 5:
        return raw
    least = _DWARF * median(heights)
    lines: dict[tuple[int, int, int], list[int]] = {}
    for r in raw:
        lines.setdefault(r.line, []).append(r.bottom - r.top)
    dwarfs = {line for line, sizes in lines.items() if median(sizes) < least}
    return [r for r in raw if r.line not in dwarfs or r.bottom - r.top >= least]


def _without_second_readings(raw: list[_Raw]) -> list[_Raw]:
    """The tokens without those whose glyphs a longer word of another line read too.

    Tesseract sometimes reads one printed line as two lines of its own, in part twice:
    ``CHỦ TỊ`` in one and ``CH`` … ``CH`` in the other, the first ``CH`` lying within
    ``CHỦ`` (the title came out ``CHỦ TỊ CH CH``). A token whose letters begin or lie
    within a word of another line that Tesseract does not doubt, in the same place (for
    the most part within its width, nearly the same top and bottom), is such a second
    reading, and is left out. A rule under a name read as a line of its own overlaps the
    name's words too (``TƯAN`` under ``DÂN``, ``XAE`` under ``XÃ``), lower down and with
    other letters: those words stay.
    """
    by_line: dict[tuple[int, int, int], list[_Raw]] = {}
    for r in raw:
        by_line.setdefault(r.line, []).append(r)
    spans = {
        line: (min(r.top for r in tokens), max(r.bottom for r in tokens))
        for line, tokens in by_line.items()
    }
    crossing = {
        line: [
            other
            for other, (other_top, other_bottom) in spans.items()
            if other != line and top < other_bottom and other_top < bottom
        ]
        for line, (top, bottom) in spans.items()
    }
    return [
        r
        for r in raw
        if not any(
            _read_again_within(r, word) for other in crossing[r.line] for word in by_line[other]
        )
    ]


def _read_again_within(token: _Raw, word: _Raw) -> bool:
    """Whether ``token`` is a second reading of part of ``word`` (see above)."""
    inside, whole = fold(token.text).strip(".,:;"), fold(word.text)
    if word.conf < 0.6 or len(inside) >= len(whole) or inside not in whole:
        return False
    across = min(token.x1, word.x1) - max(token.x0, word.x0)
    shared = min(token.bottom, word.bottom) - max(token.top, word.top)
    spanned = max(token.bottom, word.bottom) - min(token.top, word.top)
    return across >= 0.7 * (token.x1 - token.x0) and shared >= 0.6 * spanned


def _skew(raw: list[_Raw]) -> float:
    """The page's skew (dy/dx), from the baselines of Tesseract's own lines.

    Only confident words of ordinary height count (no dust, no rule pieces);
    each line's slope is the median of its pairwise slopes (Theil–Sen), and
    the page's the median over lines of at least four such words.
    """
    heights = sorted(r.bottom - r.top for r in raw)
    if not heights:
        return 0.0
    typical = heights[len(heights) // 2]
    lines: dict[tuple[int, int, int], list[tuple[float, float]]] = {}
    for r in raw:
        if (
            r.conf >= 0.8
            and letters(r.text) >= 2
            and 0.6 * typical <= r.bottom - r.top <= 1.6 * typical
        ):
            lines.setdefault(r.line, []).append(((r.x0 + r.x1) / 2, float(r.bottom)))
    slopes = []
    for points in lines.values():
        if len(points) < 4:
            continue
        pairwise = [
            (b[1] - a[1]) / (b[0] - a[0])
            for i, a in enumerate(points)
            for b in points[i + 1 :]
            if abs(b[0] - a[0]) > typical
        ]
        if pairwise:
            slopes.append(median(pairwise))
    if len(slopes) < 2:
        return 0.0
    slope = median(slopes)
    return slope if abs(slope) < 0.05 else 0.0
