"""Where each part of page 1 is: the header's two columns, the type name, the subject.

Nghị định 30/2020/NĐ-CP (Phụ lục I) fixes the order of page 1, whatever
made the file: the issuing agency (its parent above it), the number line
``Số: …`` and for a letter its ``V/v …`` subject on the left; the national
title, the motto and ``<place>, ngày … tháng … năm …`` on the right; then the
type name centred, the subject under it, and the body. This module finds
those parts by what they say and where they sit relative to each other, not
by absolute positions, so that a Word table, a browser page, absolutely
placed text, a one-column header and an OCR'd scan are read alike:

- the national title and the place–date line name the right column; when
  they start at the left margin the header is one column (``stacked``) and
  every other line belongs to the left one;
- a line that crosses both columns (a browser that set them close, OCR that
  joined them) is cut at the widest gap next to the right column's start;
- each remaining line goes to the column whose centre is nearer (both columns
  are centred in NĐ 30), which keeps wrapped words (``NAM``, ``THỊNH``,
  ``2024``) with their column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from verify.docnumber import read_number
from verify.doctypes import is_list_form_marker, list_title, type_for_code, type_name
from verify.gazetteer import ANY_LEVEL, gazetteer
from verify.textlayer import DOUBTED, Line, PageText, Word, join_words
from verify.vntext import compact, fold, in_order, is_syllable, is_upper, letters, similar

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

_RULE_TEXT = re.compile(r"^[\s\-_=.…–—~*]+$")
BODY_START = re.compile(
    r"^\W*(kinh gui|can cu|thuc hien|theo de nghi|xet de nghi|hom nay|dieu \d|"
    r"chuong [ivx\d]|phan [ivx\d]|[ivx]+\s*[.,]\s|\d{1,2}\s*[.,)]\s|[a-d]\)\s|noi nhan)"
)
# ``Số:`` as printed, and as OCR reads it (``$ố``, ``§ố``, ``5ố``, ``Sô``; ``3ố:``, ``8ố:``,
# ``S6:`` and ``36:`` with their colon, as ``30`` is no label): at the start of a line, or
# inside one that OCR joined to the line above (then with its colon and digits). At a line's
# start it is followed by the number, or by a few glyphs and a ``/`` and a symbol (``Số:
# I§4/GM-UBND``: OCR read the digits of 184 as a letter and a sign; :mod:`verify.docnumber`
# reads them back).
NUMBER_LABEL = re.compile(
    r"^\W{0,3}(?:(?:s|\$|§|5)\s?[o0ôốồ]\s*[:;.,]?|[38]\s?o\s*:|[s3]6\s*:)\s*"
    r"(?=[0-9/]|[a-z]{1,3}\d|\S{1,5}/[a-z])"
    r"|[^a-z0-9](?:s|\$|§|5)\s?[o0ôốồ]\s*[:;]\s*(?=\d+\s*/\s*[a-z])"
)
BARE_NUMBER = re.compile(
    r"^[\W_]{0,2}\d{1,5}\s*/\s*[A-ZĐ][A-Za-zĐđ]{0,5}(?:\s*-\s*[A-ZĐ&]+)+[\W_]{0,2}$"
)
"""A line of the header's left column that is a number and its symbol and nothing else
(``2216/KH-STTTT``): the number, its ``Số:`` lost; no other line of a header so reads."""
VV_LABEL = re.compile(
    r"^(?:\W{0,3}v\s*(?:(?:[/l|1i]\s*[vyw]|w)\b|/(?=\s+\w))|\s*/+\s*v(?=\s+\w)"
    r"|\s*['‘’`]\s*[vy](?=\s+\w))[\s:.]*"
)
"""``V/v`` (về việc) opening a letter's subject, and OCR's readings of it: ``VW``, ``V/y``,
``V/W``, ``V/`` with its second ``v`` lost, ``/v`` (or ``//v``) with its first, ``'y``
(or ``'v``) with ``V/`` read as a quote."""
UNIT_LABEL = re.compile(r"^\W{0,3}(ten )?(don vi|co quan)( ban hanh| bao cao)?\s*:\s*")
DAY_WORD = r"(?:ng[aeiouy]{1,2}y|\bnga\b)"
MONTH_WORD = r"th[aeiouy]{1,2}ng"
"""``ngày`` and ``tháng`` folded, as OCR may read them (see ``PLACE_DATE``); ``ngày``
also without its ``y`` (``ngà``, a word of its own: a rough scan's thin ``y`` lost)."""
_DAY_OR_MONTH = r"(?:[0-9olist|\]](?: ?[0-9olist|\]])?|\S{1,2})"
_YEAR = (
    r"(?:[0-9olis|]{4}|\d[.,'`]\d{3}|\d{2}[.,'`]\d{2}|\d{3}[.,'`]\d"
    r"|\d{3} \d\b|\d{2} \d{2}\b|\d \d{3}\b|\d[^\s\d]\S{2,4})"
)
PLACE_DATE = re.compile(
    DAY_WORD
    + rf"\W{{0,3}}(?P<d>{_DAY_OR_MONTH})?\W{{0,3}}(?:"
    + MONTH_WORD
    + rf"\W{{0,3}}(?P<m>{_DAY_OR_MONTH})?\W{{0,3}}n[aeiouy]{{1,2}}m\b\W{{0,4}}"
    + rf"(?:\d\W{{1,2}}(?=[0-9olis|]{{4}}))?(?P<y>{_YEAR})?"
    r"|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))"
)
"""``…, ngày 12 tháng 3 năm 2024`` or ``…, ngày 12/3/2024``, folded. The vowel of
``ngày``, ``tháng`` or ``năm`` may be one OCR misread (``ngùy``, ``thúng``, ``nẽm``), or
read twice, its mark as a second vowel (``tháúng``): the words and numbers around it
leave no doubt.
A digit may be a letter OCR took it for (``o``, ``l``, ``|``; ``]`` for the ``1`` of
``2]``; ``T`` for the ``1`` of ``lT``), and the two digits of a day or month may be two
words of OCR's (``ngày 1 4 tháng``: no date writes a number after the day's). On a rough
scan a part may hold a glyph no digit looks like (``Ù8``, ``2()2S``): the words around
it still say it is the day, month or year, which a second look reads
(``fields._date_parts_read_in_place``); a year's four digits with a speck read as a
point among them (``202.3``), or read as two words (``202 3``), are the year."""

PLACE_BEFORE_DAY = re.compile(rf"(?P<place>[^\W\d_][^\d]{{1,40}}?)[,.]?\s+{DAY_WORD}\W{{0,3}}\d")
"""The opening of a place–date line, folded: a place, then ``ngày`` and a digit
(``đắk mil. ngày 28 tháng``), whatever OCR made of the rest."""


@dataclass
class PageOneParts:
    """The lines of each part of page 1 (empty when not found)."""

    title: list[Line] = field(default_factory=list)
    motto: Line | None = None
    agency: list[Line] = field(default_factory=list)
    number: Line | None = None
    number_text: str | None = None
    """What follows ``Số:`` on the number line."""
    vv: list[Line] = field(default_factory=list)
    date: list[Line] = field(default_factory=list)
    type_line: Line | None = None
    listed: str | None = None
    """A list's title: what follows ``Danh sách`` on its line; empty when ``type_line``
    is a list form's marker (``Mẫu 2.5``) and the title is the subject under it."""
    subject: list[Line] = field(default_factory=list)
    two_columns: bool = False
    type_from_number: str | None = None
    """The type the number's code names (``TTr`` → ``TỜ TRÌNH``) when OCR read only part
    of the type line (``TRÌNH``)."""
    vv_label_lost: bool = False
    """``vv`` are the lines under a letter's number whose ``V/v`` OCR did not read."""


def like(text: str, target: str, *, ratio: float = 0.85) -> bool:
    """Whether ``text`` is ``target`` up to diacritics, case, spacing and a little OCR noise."""
    a, b = compact(text), compact(target)
    if not a or not b:
        return False
    if b in a:
        return True
    if not len(b) * (2 * ratio - 1) <= len(a) <= len(b) * 1.3:
        return False  # too short or too long to reach ``ratio`` at all
    return similar(a, b, ratio)


def is_rule_text(text: str) -> bool:
    return bool(_RULE_TEXT.match(text))


def read_page_one(page: PageText) -> PageOneParts:
    lines = [
        line
        for line in page.lines
        if not is_rule_text(line.text) and any(c.isalpha() or c.isdigit() for c in line.text)
    ]
    parts = PageOneParts()
    end = _header_end(lines, parts, ocr=page.source == "ocr")
    head = lines[:end]
    _find_title_and_motto(head, parts)
    left, right = _columns(head, parts)
    _read_left(left, parts)
    parts.date = _date_lines(right if parts.two_columns else head)
    if parts.type_line is None and not parts.vv and parts.title:
        _find_list_title(lines, parts)
    if parts.type_line is None and not parts.vv and page.source == "ocr":
        _find_partial_type(lines, parts)
        if parts.type_line is None:
            _find_unlabelled_vv(left, parts)
    if parts.type_line is not None:
        parts.subject = _subject(lines, lines.index(parts.type_line), page)
    return parts


def _find_unlabelled_vv(left: Sequence[Line], parts: PageOneParts) -> None:
    """A letter's subject whose ``V/v`` OCR lost: the lines right under its number.

    A công văn prints no type name, its number carries no type code
    (``2312/STTTT-VP``), and its subject sits under the number, in the same
    column, starting in lower case once ``V/v`` is gone, or once the label OCR
    misread and doubts is left out (``Jv đôn đốc …``). All of that must hold;
    the subject is then flagged for the reviewer.
    """
    if parts.number is None or parts.number not in left or not parts.number_text:
        return
    if read_number(parts.number_text, None).type_code is not None:
        return
    below = left[left.index(parts.number) + 1 :]
    if not below or below[0].top - parts.number.bottom > 1.2 * parts.number.height:
        return
    opening = _without_misread_label(below[0])
    first = opening.text.lstrip(" -–.:")
    if not first[:1].islower() or PLACE_DATE.search(fold(first)):
        return
    parts.vv = _following([opening, *below[1:]])
    parts.vv_label_lost = True


def _without_misread_label(line: Line) -> Line:
    """The line without its first word when that word is a label's length (three glyphs
    at most, as ``V/v`` has, its slash read as a letter or not: ``Jv``, ``WWw``) and
    Tesseract doubts it; else the line."""
    label, *rest = line.words or (None,)
    if label is None or not rest or label.confidence is None:
        return line
    if letters(label.text) > 3 or label.confidence >= DOUBTED:
        return line
    return join_words(rest) or line


def _find_partial_type(lines: Sequence[Line], parts: PageOneParts) -> None:
    """``TRÌNH`` alone where ``TỜ TRÌNH`` is printed: OCR lost a word of the type name.

    The number's own code (``1158/TTr-UBND``) names the type; the first line
    centred under the number line is the type line when it reads as part of
    that name — a word of it, or its letters with some lost (``GIMỜI`` for
    ``GIẤY MỜI``), at least half of them. Only for OCR: a text layer prints
    what the document says.
    """
    if parts.number is None or not parts.number_text:
        return
    code = read_number(parts.number_text, None).type_code
    name = type_for_code(code) if code else None
    if name is None:
        return
    target = compact(name)
    header = {id(line) for line in (*parts.title, *parts.date, *parts.agency)}
    if parts.motto is not None:
        header.add(id(parts.motto))
    for line in lines:
        if line.top <= parts.number.top or abs(line.centre - 0.5) > 0.12 or id(line) in header:
            continue  # a one-column header's title, motto and date also stand under the number
        key = compact(line.text)
        part = key in target or (2 * len(key) >= len(target) and in_order(key, target))
        if is_upper(line.text) and len(key) >= 3 and part:
            parts.type_line = line
            parts.type_from_number = name
        return  # only the first centred line under the number stands where the type does


_CENTRED = 0.12
"""A line whose centre is this close to the page's (a fraction of its width) is centred."""


def _header_end(lines: Sequence[Line], parts: PageOneParts, *, ocr: bool) -> int:
    """Index of the first line below the header: the type name, else the first body line.

    On a scan a type name may be read with one letter wrong, but then only on a line
    centred on the page, where NĐ 30 prints it: ``HỒNG DÂN`` under ``… HUYỆN`` in the
    left column is one letter from ``HƯỚNG DẪN``; and not on a line that is a unit's
    name as the list writes it (``ĐỒNG VĂN`` of a one-column header's agency, one
    letter from ``CÔNG VĂN``).
    """
    for i, line in enumerate(lines[:45]):
        if line.top > 0.6:
            return i
        misread = ocr and abs(line.centre - 0.5) < _CENTRED and not _a_units_name(line.text)
        if type_name(line.text, misread=misread) is not None and not like(
            line.text, NATIONAL_TITLE
        ):
            parts.type_line = line
            return i
        folded = fold(line.text).strip()
        if i > 1 and BODY_START.match(folded) and line.x1 - line.x0 > 0.2:
            return i
    return min(len(lines), 45)


def _a_units_name(text: str) -> bool:
    return bool(gazetteer().named(text.strip(" .:;,_-|'\""), ANY_LEVEL))


def _find_list_title(lines: Sequence[Line], parts: PageOneParts) -> None:
    """A list's title centred right below the header: ``Danh sách cán bộ …`` on one
    line, else the form marker of a province's list (``Mẫu 2.5``) above its title.

    Looked for only when no type name and no ``V/v`` was found: a list names its
    type in the sentence that says what it lists, or not at all, so the header's
    end is not told by a type line of its own.
    """
    header_bottom = max(line.bottom for line in (*parts.title, *parts.date, *parts.agency))
    if parts.motto is not None:
        header_bottom = max(header_bottom, parts.motto.bottom)
    below = [line for line in lines if header_bottom < line.top <= 0.6][:3]
    centred = [line for line in below if abs(line.centre - 0.5) <= 0.12]
    for line in centred:
        listed = list_title(line.text)
        if listed is not None:
            parts.type_line, parts.listed = line, listed
            return
    for line in centred:
        if is_list_form_marker(line.text):
            parts.type_line, parts.listed = line, ""
            return


def _find_title_and_motto(head: Sequence[Line], parts: PageOneParts) -> None:
    """The national title and the motto, each on one line or wrapped onto the next.

    A line that holds ``CỘNG HÒA XÃ HỘI`` is the title even when OCR garbled
    its end or the wrapped ``… VIỆT NAM`` under it; that line then joins it.
    """
    for line in head:
        if not parts.title:
            if like(line.text, NATIONAL_TITLE):
                parts.title = [line]
                continue
            if "conghoaxahoi" in compact(line.text):
                # at its start, or after the left column's words when the two columns
                # nearly touch (a narrow header table): the columns are cut later
                below = below_in_column(line, head)
                parts.title = [line] if below is None else [line, below]
                continue
        if parts.motto is None and like(line.text, MOTTO, ratio=0.8):
            parts.motto = line


def below_in_column(line: Line, lines: Sequence[Line]) -> Line | None:
    """The line that continues ``line`` in its column: just under it, centred alike."""
    for other in lines:
        if other is line or other.top <= line.top + 0.5 * line.height:
            continue
        if other.top - line.bottom > 1.2 * line.height:
            continue
        if abs(other.centre - line.centre) < 0.15:
            return other
    return None


def _columns(head: Sequence[Line], parts: PageOneParts) -> tuple[list[Line], list[Line]]:
    """Left and right header lines; (all but title/motto/date, those) for a one-column header."""
    anchor = parts.title[0] if parts.title else None
    if anchor is None:
        anchor = next((line for line in head if PLACE_DATE.search(fold(line.text))), None)
    start = _right_column_start(anchor, head)
    if anchor is None or start is None or start < 0.3:
        own = {id(line) for line in parts.title} | {id(parts.motto)}
        dated = {id(line) for line in _date_lines(head)}
        left = [line for line in head if id(line) not in own | dated]
        return left, [line for line in head if id(line) in own | dated]
    parts.two_columns = True
    pieces: list[Line] = []
    for line in head:
        cut = _cut_near(line, start) if line.x0 < start - 0.02 < start + 0.02 < line.x1 else None
        if cut is not None and _centred_date_line(line, anchor, start, parts):
            cut = None
        if line is anchor and anchor in parts.title and cut is None and line.x0 < start - 0.02:
            # the title's own line: its words from ``start`` on are the title, however
            # close the left column's last word (table cells that touch leave no gap)
            cut = start
        if cut is not None:
            a, b = line.split_at(cut)
            pieces.extend(p for p in (a, b) if p is not None)
        else:
            pieces.append(line)
    right_centre = anchor.centre if anchor in pieces else start + (1 - start) / 2
    lefts = [p.centre for p in pieces if p.x1 <= start + 0.01]
    left_centre = sorted(lefts)[len(lefts) // 2] if lefts else start / 2
    left = [p for p in pieces if abs(p.centre - left_centre) <= abs(p.centre - right_centre)]
    right = [p for p in pieces if abs(p.centre - left_centre) > abs(p.centre - right_centre)]
    # Re-find the title and motto among the cut pieces.
    parts.title = [p for p in right if like(p.text, NATIONAL_TITLE)] or [
        p for p in right if any(like(p.text, t.text, ratio=0.9) for t in parts.title)
    ]
    if parts.motto is not None:
        parts.motto = next((p for p in right if like(p.text, MOTTO, ratio=0.8)), parts.motto)
    return left, right


def _centred_date_line(line: Line, anchor: Line, start: float, parts: PageOneParts) -> bool:
    """A place–date line centred under the national title, as NĐ 30 sets it, though it
    starts left of the title: a long place (``Bà Rịa - Vũng Tàu``) whose dash OCR lost
    leaves a gap near the column's start that is no column's gap. The title's centre
    is taken from its own words (``start`` to its end), so a left-column line read
    joined with it does not move it; a left-column line joined with the date line moves
    the date line's centre by half its width and more."""
    if anchor not in parts.title or not PLACE_DATE.search(fold(line.text)):
        return False
    return abs(line.centre - (start + anchor.x1) / 2) < _UNDER_TITLE


_UNDER_TITLE = 0.02
"""Of the page's width: how far a line's centre may lie from the title's and be centred
under it (a scan skewed by a degree or two shifts a wide line's ends alike)."""


def _right_column_start(anchor: Line | None, head: Sequence[Line]) -> float | None:
    """The x where the right column starts: where the national title's own words begin."""
    if anchor is None:
        return None
    words = anchor.words
    for i in range(len(words)):
        rest = compact(" ".join(w.text for w in words[i:]))
        if rest.startswith("conghoa") or (
            PLACE_DATE.search(fold(" ".join(w.text for w in words[i:]))) and i == 0
        ):
            return words[i].x0
    if words and PLACE_DATE.search(fold(anchor.text)):
        # a place–date line: it starts with the place, after any left-column words
        gaps = [(words[i + 1].x0 - words[i].x1, i) for i in range(len(words) - 1)]
        if gaps:
            widest, at = max(gaps)
            if widest > 0.03:
                return words[at + 1].x0
        return words[0].x0
    return anchor.x0


def _cut_near(line: Line, start: float) -> float | None:
    """Where to cut a line joining both columns: a gap near ``start`` wider than its word gaps.

    None when there is no such gap: a wide place–date line that merely
    starts left of the national title is one line of the right column.
    """
    gaps = [(b.x0 - a.x1, (a.x1 + b.x0) / 2, b.x0) for a, b in pairwise(line.words)]
    near = [g for g in gaps if abs(g[2] - start) < 0.08]
    if not near:
        return None
    widest = max(near)
    usual = sorted(g[0] for g in gaps)[len(gaps) // 2]
    return widest[1] if widest[0] > 1.6 * max(usual, 1e-4) else None


def _read_left(left: Sequence[Line], parts: PageOneParts) -> None:
    """Agency lines above the number line; the number; the ``V/v`` subject under it."""
    number_at = None
    for i, line in enumerate(left):
        match = NUMBER_LABEL.search(fold(line.text))
        if match is None:
            continue
        number_at = i
        before = line.text[: match.start() + (1 if match.start() else 0)].strip()
        after = line.text[match.end() :]
        parts.number = line
        parts.number_text = after
        if letters(before) >= 4:  # OCR joined the agency's last line and the number
            agency_part, _ = line.split_at(_x_of(line, match.start()))
            if agency_part is not None:
                parts.agency.append(agency_part)
        break
    else:  # no label: a line that is a number and symbol alone (``Số:`` lost on a scan)
        number_at = next((i for i, ln in enumerate(left) if BARE_NUMBER.match(ln.text)), None)
        if number_at is not None:
            parts.number = left[number_at]
            parts.number_text = left[number_at].text
    above = left[:number_at] if number_at is not None else list(_agency_run(left))
    agency = [
        line
        for line in above
        if not VV_LABEL.match(fold(line.text))
        and not PLACE_DATE.search(fold(line.text))
        and is_upper(line.text)  # NĐ 30 writes agency names in capitals
    ]
    parts.agency = agency + parts.agency
    if not parts.agency:
        parts.agency = _unit_line(left)
    below = left[number_at + 1 :] if number_at is not None else left[len(above) :]
    parts.vv = _vv_lines(below)


def _unit_line(lines: Sequence[Line]) -> list[Line]:
    """``Đơn vị: Ủy ban nhân dân xã …`` at the top of a form or table: the unit it is from."""
    for line in lines:
        if line.top > 0.4:
            break
        match = UNIT_LABEL.match(fold(line.text))
        if match is not None:
            cut = _x_of(line, match.end())
            _, rest = line.split_at(cut)
            return [rest] if rest is not None else []
    return []


def _x_of(line: Line, char_index: int) -> float:
    """The x where the word holding character ``char_index`` of ``line.text`` starts."""
    seen = 0
    for word in line.words:
        if seen + len(word.text) >= char_index + 1:
            if char_index - seen <= 1:
                return word.x0 - 1e-4
            return word.x1 + 1e-4
        seen += len(word.text) + 1
    return line.x1


def _agency_run(left: Sequence[Line]) -> list[Line]:
    """Without a number line: the upper-case lines at the top of the left column, together."""
    run: list[Line] = []
    for line in left:
        text = line.text.strip()
        if PLACE_DATE.search(fold(text)) or VV_LABEL.match(fold(text)):
            break
        if sum(c.isupper() for c in text) < 0.6 * max(letters(text), 1):
            break
        if run and line.top - run[-1].bottom > 2 * run[-1].height:
            break  # far below the agency block: a table's header, not the agency
        run.append(line)
    return run


def _vv_lines(lines: Sequence[Line]) -> list[Line]:
    for i, line in enumerate(lines):
        if VV_LABEL.match(fold(line.text)):
            return _following(lines[i:])
    return []


def _following(lines: Sequence[Line]) -> list[Line]:
    """The first line and those right under it, up to a gap wider than a line."""
    taken = [lines[0]]
    for after in lines[1:]:
        if after.top - taken[-1].bottom > 1.2 * taken[-1].height:
            break
        taken.append(after)
    return taken


def _date_lines(lines: Sequence[Line]) -> list[Line]:
    """The place–date line, with the next line of its column when the date wrapped onto it,
    or the rest of its row when OCR read it in two, losing the day between them
    (``Tràng Xá, ngày`` … ``tháng 7 năm 2024``), or both (``Khánh Hòa, ngày 26 tháng`` …
    ``năm``, the month lost between them, and the year wrapped under them)."""
    for line in lines:
        folded = fold(line.text)
        match = PLACE_DATE.search(folded)
        complete = match is not None and (match.group("y") or match.group("y2"))
        if complete:
            return [line]
        if match is None and not re.search(r"\bngay\b", folded):
            continue
        beside = next((other for other in lines if line.beside(other)), None)
        below = below_in_column(line, lines)
        for more in ([beside], [below], [beside, below]):
            if None in more:
                continue
            taken = [line, *filter(None, more)]
            joined = PLACE_DATE.search(fold(" ".join(other.text for other in taken)))
            if joined is not None and (joined.group("y") or joined.group("y2")):
                return taken
        if match is not None:
            return [line]
    # a scan's place–date line whose month or ``năm`` OCR lost (``Đắk Mil. ngày 28 tháng``):
    # it names the place, and the date it holds is reported as not read whole
    opening = next((line for line in lines if PLACE_BEFORE_DAY.match(fold(line.text))), None)
    if opening is not None and any(w.confidence is not None for w in opening.words):
        return [opening]
    return []


def _continues_subject(line: Line, last: Line, type_line: Line, widest: float) -> bool:
    """Whether a line after a paragraph's gap is still the subject.

    A clerk often types a two-line subject as two paragraphs, and Word's default
    spacing (8 pt after each) then leaves a gap the width of a line between them.
    What still tells such a line from the body: it is centred under the type name,
    narrower than a justified body line, and written like the subject line above it
    (same weight where the font says).
    """
    if last.bold is not None and line.bold is not None and line.bold != last.bold:
        return False
    centred = abs(line.centre - type_line.centre) <= 0.02
    return centred and (line.x1 - line.x0) < 0.9 * widest


def _pieces_joined(left: Line, right: Line) -> Line:
    """Two pieces of one printed line as one line; a word cut between them (``s`` and
    ``ố``) whole again when it is a syllable and its left piece is none."""
    last, first = left.words[-1], right.words[0]
    words = [*left.words, *right.words]
    glued = last.text + first.text
    if not is_syllable(last.text) and is_syllable(glued):
        sure = [w.confidence for w in (last, first) if w.confidence is not None]
        whole = Word(
            glued,
            last.x0,
            first.x1,
            min(last.top, first.top),
            max(last.bottom, first.bottom),
            last.bold,
            min(sure) if sure else None,
        )
        words[len(left.words) - 1 : len(left.words) + 1] = [whole]
    joined = join_words(words)
    assert joined is not None
    return joined


def _basis_without_can(text: str) -> bool:
    """``cứ Luật Tổ chức chính quyền …``: the body's first ``Căn cứ`` with ``Căn`` lost at
    the scan's edge. No subject's line begins with ``cứ`` and a capital (a document's
    name, as those a decision is based on are written)."""
    first, _, rest = text.strip().partition(" ")
    return first == "cứ" and rest[:1].isupper()


def _subject(lines: Sequence[Line], type_at: int, page: PageText) -> list[Line]:
    """The trích yếu: lines right under the type name, up to a rule, a gap or the body."""
    type_line = lines[type_at]
    previous = type_line
    taken: list[Line] = []
    widest = max((line.x1 - line.x0 for line in lines), default=1.0)
    for line in lines[type_at + 1 : type_at + 6]:
        height = max(previous.height, line.height)
        gap = line.top - previous.bottom
        ruled = any(previous.bottom - 0.002 <= rule.y <= line.top + 0.002 for rule in page.rules)
        if taken and ruled:
            break
        if (
            taken
            and gap > 0.9 * height
            and (gap > 2.2 * height or not _continues_subject(line, taken[-1], type_line, widest))
        ):
            break
        if (
            taken
            and is_upper(line.text)
            and not is_upper(taken[-1].text)
            and letters(line.text) > 5
        ):
            break  # a decision's ``CHỦ TỊCH ỦY BAN NHÂN DÂN …`` line, centred and bold, in capitals
        if not taken and gap > 2.5 * height:
            break
        if BODY_START.match(fold(line.text).strip()) or _basis_without_can(line.text):
            break
        if letters(line.text) < 2 and not re.fullmatch(r"\W*\d{4}\W*", line.text):
            continue  # dust or a rule read as a mark (a wrapped year continues the subject)
        if taken and type_line.bold and line.bold is False and taken[-1].bold:
            break  # the subject is set bold, the body is not
        if taken and previous.beside(line):
            # the subject's line read in two pieces, the right one's box shorter (``…
            # chuyển đổi s`` and ``ố năm 2024``): one line
            taken[-1] = previous = _pieces_joined(previous, line)
            continue
        if abs(line.centre - type_line.centre) > 0.12:
            break  # the subject is centred under the type name
        taken.append(line)
        previous = line
    return taken
