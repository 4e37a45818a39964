"""Administrative fields (thể thức, Nghị định 30/2020/NĐ-CP) of an evidence PDF.

An evidence file counts only if it is a proper administrative document: the
issuing agency, a number (``Số: 15/QĐ-UBND``), a date and a document type
must be present. This module reads them from the positioned lines that
:mod:`verify.textlayer` gives for the first page (header, type, subject) and
the last page (signature block).

Why layout rather than regular expressions over the whole text: the header is
a two-column table, so the left column (agency, number, ``V/v`` subject) is
told from the right (national title, motto, place and date) by x-position;
the agency is the bold line(s) just above the short rule, its parent the line
above it. Where the font is unknown (OCR), lines are grouped into agencies by
the words that start an agency's name (``ỦY BAN``, ``UBND``, ``SỞ``...).

Matching folds Vietnamese to lowercase ASCII (``fold``) one character for one
character, so positions found in the folded text cut the original text, and
OCR that drops a diacritic still matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

from pydantic import BaseModel, Field

from verify.completeness import completeness_problems
from verify.report import AdministrativeFields, Problem
from verify.textlayer import DocumentText, Line, PageText, TextOptions, read_document

# Nghị định 30/2020/NĐ-CP, Phụ lục III: abbreviations of document types, used in
# the symbol after the number (``15/QĐ-UBND``). Công văn has none.
TYPE_CODES: dict[str, str] = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "GN",
    "BẢN THỎA THUẬN": "TTh",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
    "BẢN SAO Y": "SY",
    "BẢN TRÍCH SAO": "TS",
    "BẢN SAO LỤC": "SL",
}
LETTER_TYPE = "CÔNG VĂN"
"""An official letter: no type name printed, its subject is the ``V/v`` line."""

# Type names printed as a title that have no code of their own in Phụ lục III.
_UNCODED_TYPES = ("CÔNG VĂN", "NGHỊ ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH")

REQUIRED_FIELDS = ("agency", "number", "date", "type")
"""Without any of these a file is not accepted as evidence (issue 4)."""

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Words that begin an agency's name: a header line starting with one of them
# starts a new agency, any other line continues the one above it.
_AGENCY_HEADS = (
    "uy ban",
    "ubnd",
    "hoi dong",
    "hdnd",
    "so ",
    "phong ",
    "ban ",
    "van phong",
    "trung tam",
    "truong ",
    "cong an",
    "bo ",
    "cuc ",
    "tong cuc",
    "chi cuc",
    "vien ",
    "thanh tra",
    "kho bac",
    "bhxh",
    "bao hiem",
    "dang uy",
    "mat tran",
    "doan ",
    "hoi ",
    "benh vien",
    "tram ",
    "chi nhanh",
    "ngan hang",
    "cong ty",
    "to ",
)
_AUTHORITY = re.compile(r"^(tm|kt|tl|tuq|q)\s*[.,]\s*\S")
_BODY_STARTS = re.compile(
    r"^(can cu|thuc hien|theo de nghi|theo|xet|kinh gui|dieu \d|[ivx]+\.|\d+\.|noi nhan)"
)
_RULE_TEXT = re.compile(r"^[\s\-_=.…–—~*]+$")


class FieldsResult(BaseModel):
    """What :func:`extract_fields` found, what is missing, and why it matters.

    ``problems`` already holds one problem per missing required field (and
    for a missing national title or motto, an unreadable page, OCR use), so a
    caller adds them to the report as they are.
    """

    fields: AdministrativeFields = Field(default_factory=AdministrativeFields)
    national_title: bool = False
    motto: bool = False
    missing_fields: list[str] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    issuer_code: str | None = None
    """``UBND`` in ``15/QĐ-UBND``; ``UBND`` in the letter number ``123/UBND-VP``."""
    symbol: str | None = None
    """The whole symbol after the number: ``QĐ-UBND``."""
    signer_authority: str | None = None
    """``KT. CHỦ TỊCH``, ``TM. ỦY BAN NHÂN DÂN``, ``TL. GIÁM ĐỐC``... when printed."""
    page_count: int = 0


def extract_fields(path: Path, options: TextOptions | None = None) -> FieldsResult:
    """Read the administrative fields of the PDF at ``path``.

    Never raises for a malformed PDF (the result then lacks its fields and
    says why); raises :class:`~verify.errors.InputFileError` only when the
    file cannot be opened at all.
    """
    return parse_fields(read_document(Path(path), options))


def parse_fields(document: DocumentText) -> FieldsResult:
    """The parsing half of :func:`extract_fields`, on text already read."""
    result = FieldsResult(page_count=document.page_count, problems=list(document.problems))
    fields = result.fields
    fields.source = document.source
    if document.first is not None:
        _parse_first_page(document.first, result)
    if document.last is not None:
        _parse_signature(document.last, result)
    result.missing_fields = [name for name in REQUIRED_FIELDS if getattr(fields, name) is None]
    result.problems.extend(completeness_problems(result, readable=document.first is not None))
    return result


# --- folding ----------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lowercase ASCII skeleton of Vietnamese text, one character per input character.

    ``Ủy ban`` → ``uy ban``, ``Đ`` → ``d``. Length is preserved (input is
    NFC-normalised first by the caller), so an index in the folded text is an
    index in the original.
    """
    out = []
    for char in text:
        if char in "đĐÐð":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", char)[0].lower()
        out.append(base[0] if base else char)
    return "".join(out)


def compact(text: str) -> str:
    """Folded text without spaces or punctuation, for comparing OCR output."""
    return re.sub(r"[^a-z0-9]", "", fold(unicodedata.normalize("NFC", text)))


def _like(text: str, target: str, *, ratio: float = 0.85) -> bool:
    """Whether ``text`` contains ``target`` up to diacritics, case, spacing and a little OCR noise."""
    a, b = compact(text), compact(target)
    if not a or not b:
        return False
    if b in a:
        return True
    return len(a) <= len(b) * 1.3 and SequenceMatcher(None, a, b).ratio() >= ratio


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


# --- first page ---------------------------------------------------------------------------------


@dataclass
class _Header:
    left: list[Line]
    right: list[Line]
    type_index: int | None
    body: list[Line]


def _parse_first_page(page: PageText, result: FieldsResult) -> None:
    lines = [line for line in page.lines if not _RULE_TEXT.match(line.text)]
    title = next((line for line in lines[:12] if _like(line.text, NATIONAL_TITLE)), None)
    motto = next((line for line in lines[:12] if _like(line.text, MOTTO)), None)
    result.national_title = title is not None
    result.motto = motto is not None

    header = _split_header(lines, title)
    fields = result.fields
    number_at = next(
        (i for i, line in enumerate(header.left) if _number_text(line.text) is not None), None
    )
    agency_lines = header.left[:number_at] if number_at is not None else header.left
    agency_lines = [line for line in agency_lines if not re.match(r"^v\s*/\s*v\b", fold(line.text))]
    fields.parent_agency, fields.agency = _agencies(agency_lines)
    if number_at is not None:
        _parse_number(_number_text(header.left[number_at].text) or "", result)
    _parse_place_date(header.right + header.left, result)

    if header.type_index is not None:
        type_line = header.body[header.type_index]
        fields.type = _type_name(type_line.text)
        fields.subject = _subject_after(header.body, header.type_index, page)
    vv = _vv_subject(header.left[number_at + 1 :] if number_at is not None else header.left)
    if vv is not None and fields.type is None:
        fields.type = LETTER_TYPE
        fields.subject = vv


def _split_header(lines: list[Line], title: Line | None) -> _Header:
    """Cut the page into header columns and the rest, at the type name or the first body line."""
    type_at = None
    end = None
    for i, line in enumerate(lines[:40]):
        folded = fold(line.text).strip()
        if type_at is None and _type_name(line.text) is not None:
            type_at = i
            end = i
            break
        if i > 0 and _BODY_STARTS.match(folded) and not _AUTHORITY.match(folded):
            end = i
            break
    if end is None:
        end = next((i for i, line in enumerate(lines) if line.top > 0.35), len(lines))
    head, body = lines[:end], lines[end:]
    split = _column_split(head, title)
    left: list[Line] = []
    right: list[Line] = []
    for line in head:
        if line.x0 < split < line.x1 and line.words:  # the two columns touch
            part_left, part_right = line.split_at(split)
            left.extend(p for p in (part_left,) if p is not None)
            right.extend(p for p in (part_right,) if p is not None)
        elif line.centre < split:
            left.append(line)
        else:
            right.append(line)
    return _Header(left=left, right=right, type_index=0 if type_at is not None else None, body=body)


def _column_split(head: Sequence[Line], title: Line | None) -> float:
    """The x where the right column starts: at the national title, else at the date line."""
    if title is not None:
        words = title.words
        for i in range(len(words)):
            if compact(" ".join(w[0] for w in words[i:])).startswith("conghoa"):
                return words[i][1] - 0.005
        return title.x0 - 0.005
    for line in head:
        match = _PLACE_DATE.search(fold(line.text))
        if match is not None:
            return line.x0 - 0.005
    return 0.48


def _type_name(text: str) -> str | None:
    """The canonical type name when ``text`` is a title line such as ``QUYẾT ĐỊNH``."""
    stripped = text.strip()
    if not stripped or stripped.endswith(":") or not _is_upper(stripped):
        return None
    key = compact(stripped)
    names = (*TYPE_CODES, *_UNCODED_TYPES)
    for name in names:
        if key == compact(name):
            return name
    for name in names:  # OCR noise: one letter off on a short title
        target = compact(name)
        if len(target) >= 6 and SequenceMatcher(None, key, target).ratio() >= 0.9:
            return name
    return None


def _agencies(lines: Sequence[Line]) -> tuple[str | None, str | None]:
    """(parent, agency) from the left header lines above the number.

    With font information the agency is the trailing run of bold lines (NĐ 30
    prints the issuing agency bold, its parent regular). Otherwise, or when
    every line has the same weight, lines are grouped into names by the words
    an agency's name begins with; the last name is the agency.
    """
    lines = [line for line in lines if _letters(line.text) >= 2]
    if not lines:
        return None, None
    weights = {line.bold for line in lines}
    if None not in weights and len(weights) == 2 and lines[-1].bold:
        cut = len(lines)
        while cut > 0 and lines[cut - 1].bold:
            cut -= 1
        if all(not line.bold for line in lines[:cut]):
            return _join(lines[:cut]), _join(lines[cut:])
    groups: list[list[Line]] = []
    for line in lines:
        folded = fold(line.text).strip() + " "
        if not groups or folded.startswith(_AGENCY_HEADS):
            groups.append([line])
        else:
            groups[-1].append(line)
    agency = _join(groups[-1])
    parent = " ".join(_join(g) for g in groups[:-1] if g) or None
    return parent, agency


def _join(lines: Sequence[Line]) -> str:
    return re.sub(r"\s+", " ", " ".join(line.text for line in lines)).strip()


def _number_text(text: str) -> str | None:
    """What follows ``Số:`` on a number line, or None when ``text`` is not one."""
    match = re.match(r"^\s*s[o0]\s*(?:[:;.]\s*|(?=[0-9/]))(.*)$", fold(text))
    if match is None:
        return None
    rest = text[match.start(1) :]
    if match.group(1) and not re.search(r"[/\d]", rest):
        return None
    return rest


def _parse_number(rest: str, result: FieldsResult) -> None:
    """``15/QĐ-UBND`` → number, type code ``QĐ``, issuer ``UBND``; a blank number is missing."""
    cleaned = rest.replace("Ð", "Đ").replace("ð", "đ")
    cleaned = re.sub(r"\s*([/-])\s*", r"\1", cleaned).strip(" .,;:")
    if not cleaned:
        return
    parts = cleaned.split("/")
    ordinal, symbol = parts[0].strip(), (parts[-1].strip() if len(parts) > 1 else "")
    result.symbol = symbol or None
    pieces = [p for p in symbol.split("-") if p]
    if pieces and type_for_code(pieces[0]) is not None:
        result.fields.type_code = pieces[0]
        result.issuer_code = pieces[1] if len(pieces) > 1 else None
    elif pieces:
        result.issuer_code = pieces[0]
    if re.search(r"\d", ordinal):
        result.fields.number = cleaned
    else:
        result.problems.append(
            Problem(
                code="NUMBER_BLANK",
                severity="error",
                message=(
                    f"Số văn bản để trống (“Số: {cleaned}”): văn bản chưa được cấp số; "
                    "hãy nộp bản đã ban hành có số."
                ),
            )
        )


def type_for_code(code: str) -> str | None:
    """The type name a Phụ lục III code stands for, exact first, then without diacritics."""
    for name, known in TYPE_CODES.items():
        if code.upper() == known.upper():
            return name
    for name, known in TYPE_CODES.items():
        if fold(code) == fold(known):
            return name
    return None


_DIGITS = str.maketrans({"o": "0", "l": "1", "i": "1", "|": "1", "s": "5", "b": "6", "z": "2"})
_NUM = r"[0-9olis|bz]"
_PLACE_DATE = re.compile(
    rf"ngay\s*(?P<d>{_NUM}{{0,2}})\s*(?:"
    rf"thang\s*(?P<m>{_NUM}{{0,2}})\s*nam\s*(?P<y>{_NUM}{{4}})?"
    rf"|[/.-]\s*(?P<m2>{_NUM}{{1,2}})\s*[/.-]\s*(?P<y2>{_NUM}{{4}}))"
)


def _parse_place_date(lines: Sequence[Line], result: FieldsResult) -> None:
    """``Tân Thịnh, ngày 12 tháng 3 năm 2024`` or ``…, ngày 05/01/2024``; blanks stay missing."""
    for line in lines:
        folded = fold(line.text)
        match = _PLACE_DATE.search(folded)
        if match is None:
            continue
        place = line.text[: match.start()].strip(" ,.;")
        result.fields.place = place or None
        day = match.group("d")
        month = match.group("m") if match.group("m") is not None else match.group("m2")
        year = match.group("y") if match.group("y") is not None else match.group("y2")
        if not (day and month and year):
            result.problems.append(
                Problem(
                    code="DATE_BLANK",
                    severity="error",
                    message=(
                        f"Ngày ban hành chưa điền đủ (“{line.text.strip()}”): "
                        "hãy nộp bản đã ban hành có ngày, tháng, năm."
                    ),
                )
            )
            return
        try:
            result.fields.date = date(
                int(year.translate(_DIGITS)),
                int(month.translate(_DIGITS)),
                int(day.translate(_DIGITS)),
            )
        except ValueError:
            result.problems.append(
                Problem(
                    code="DATE_INVALID",
                    severity="error",
                    message=f"Ngày ban hành không hợp lệ: “{line.text.strip()}”.",
                )
            )
        return


def _subject_after(body: Sequence[Line], type_index: int, page: PageText) -> str | None:
    """The trích yếu: the lines right under the type name, up to the rule or a gap."""
    previous = body[type_index]
    taken: list[Line] = []
    for line in body[type_index + 1 : type_index + 6]:
        height = max(previous.bottom - previous.top, 1e-6)
        gap = line.top - previous.bottom
        ruled = any(previous.bottom - 0.002 <= rule.y <= line.top + 0.002 for rule in page.rules)
        if taken and (gap > 0.9 * height or ruled):
            break
        if not taken and gap > 2.5 * height:
            break
        if _BODY_STARTS.match(fold(line.text).strip()) or _letters(line.text) < 2:
            break
        taken.append(line)
        previous = line
    return _join(taken) or None


def _vv_subject(lines: Sequence[Line]) -> str | None:
    """A letter's subject: ``V/v ...`` in the left column, with its continuation lines."""
    for i, line in enumerate(lines):
        match = re.match(r"^\s*v\s*/\s*v\b[\s:.]*", fold(line.text))
        if match is not None:
            rest = [line.text[match.end() :], *(after.text for after in lines[i + 1 :])]
            return re.sub(r"\s+", " ", " ".join(rest)).strip() or None
    return None


# --- last page: signature block -------------------------------------------------------------


def _parse_signature(page: PageText, result: FieldsResult) -> None:
    """Authority (KT./TM./TL./TUQ./Q.), title and name from the right of the closing block."""
    lines = [line for line in page.lines if _letters(line.text) >= 2]
    right = [line for line in lines if line.centre >= 0.45]
    start = None
    for i, line in enumerate(right):
        if _AUTHORITY.match(fold(line.text).strip()):
            start = i  # the last one wins: the signature block closes the document
    if start is not None:
        result.signer_authority = right[start].text.strip()
        block = right[start + 1 :]
    else:
        cc = next((line for line in lines if fold(line.text).startswith("noi nhan")), None)
        block = [line for line in right if cc is not None and line.top >= cc.top - 0.01]
        if not block:
            block = _trailing_block(right)
    titles: list[Line] = []
    name = None
    for line in block:
        text = line.text.strip()
        if text.startswith("(") or text.startswith("["):
            continue
        if _is_upper(text) and name is None:
            titles.append(line)
        elif _looks_like_name(text):
            name = text
            break
    result.fields.signer_title = _join(titles) or None
    result.fields.signer_name = name


def _trailing_block(right: Sequence[Line]) -> list[Line]:
    """Without authority or ``Nơi nhận``: the uppercase title lines above the last name."""
    for i in range(len(right) - 1, -1, -1):
        if _looks_like_name(right[i].text):
            j = i
            while j > 0 and _is_upper(right[j - 1].text):
                j -= 1
            return list(right[j : i + 1]) if j < i else []
    return []


def _looks_like_name(text: str) -> bool:
    words = text.strip().rstrip(".").split()
    return (
        2 <= len(words) <= 6
        and all(w[0].isupper() for w in words if w[0].isalpha())
        and not _is_upper(text)
        and all(_letters(w) == len(w) for w in words)
    )
