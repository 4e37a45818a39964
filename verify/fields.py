"""Administrative fields (thể thức, Nghị định 30/2020/NĐ-CP) of an evidence PDF.

An evidence file counts only if it is a proper administrative document: the
issuing agency, a number (``Số: 15/QĐ-UBND``), a date and a document type
must be present. One pipeline for text layers and scans:

1. read lines (:mod:`verify.textlayer`: PDFium text layer or Tesseract);
2. locate the parts of page 1 (:mod:`verify.header`) and the signature block
   at the end (:mod:`verify.closing`), by what they say and where they sit;
3. parse each value (:mod:`verify.agency`, :mod:`verify.docnumber`, the date
   here), cleaned the way a person writes it (:mod:`verify.vntext`), with
   where it came from and how sure the reading is (``details``);
4. decide whether the file is an administrative document at all: a contract,
   an application form or a newsletter gets one ``NOT_ADMINISTRATIVE``
   problem, not a list of missing fields.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from verify.agency import agency_name, is_agency_name, split_agencies, with_lost_head
from verify.closing import ClosingParts, read_closing
from verify.completeness import completeness_problems, not_administrative_problem
from verify.docnumber import read_number
from verify.doctypes import LETTER_TYPE, LIST_TYPE, TYPE_CODES, type_for_code, type_name
from verify.gazetteer import (
    completed_by_place,
    enclosing,
    ended_by,
    ends_with_unit_word,
    key,
    look_up,
    misread_unit_words,
    names_in_text,
    unit_in,
    without_unit_word,
)
from verify.header import (
    DAY_WORD,
    MONTH_WORD,
    MOTTO,
    NATIONAL_TITLE,
    PLACE_BEFORE_DAY,
    PLACE_DATE,
    VV_LABEL,
    PageOneParts,
    read_page_one,
)
from verify.lexicon import (
    head_cut_short,
    phrase_head,
    phrase_rest,
    restore_diacritics,
    restore_surname,
    tail_cut_short,
    with_lost_word,
)
from verify.report import AdministrativeFields, FieldDetail, Problem
from verify.textlayer import (
    DOUBTED,
    Box,
    DocumentText,
    Line,
    PageText,
    TextOptions,
    Word,
    join_words,
    read_document,
)
from verify.titles import known_title
from verify.vntext import (
    YEAR,
    clean_value,
    compact,
    complete_circumflex,
    fold,
    in_order,
    is_upper,
    k_before_front_vowel,
    undouble_vowels,
    without_stray_glyphs,
)

__all__ = [
    "LETTER_TYPE",
    "MOTTO",
    "NATIONAL_TITLE",
    "REQUIRED_FIELDS",
    "TYPE_CODES",
    "FieldsResult",
    "compact",
    "extract_fields",
    "fold",
    "parse_fields",
    "type_for_code",
]

REQUIRED_FIELDS = ("agency", "number", "date", "type")
"""Without any of these a file is not accepted as evidence (issue 4)."""


class FieldsResult(BaseModel):
    """What :func:`extract_fields` found, what is missing, and why it matters.

    ``problems`` already holds what the reviewer must know (missing required
    fields of an administrative document, a missing national title or
    motto, OCR use and uncertain readings, or the one ``NOT_ADMINISTRATIVE``
    problem), so a caller adds them to the report as they are.
    """

    fields: AdministrativeFields = Field(default_factory=AdministrativeFields)
    details: dict[str, FieldDetail] = Field(default_factory=dict)
    administrative: bool | None = None
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
    title_text: str | None = None
    """The first heading of page 1, to name a document that is not administrative."""
    read_by_ocr: dict[str, str] = Field(default_factory=dict, exclude=True, repr=False)
    """Each field's text as OCR gave it, before hoso's repairs."""


def extract_fields(path: Path, options: TextOptions | None = None) -> FieldsResult:
    """Read the administrative fields of the PDF at ``path``.

    Never raises for a malformed PDF (the result then lacks its fields and
    says why); raises :class:`~verify.errors.InputFileError` only when the
    file cannot be opened at all.
    """
    document = read_document(Path(path), options)
    try:
        return parse_fields(document)
    finally:
        document.close()


def parse_fields(document: DocumentText) -> FieldsResult:
    """The parsing half of :func:`extract_fields`, on text already read (or read on demand)."""
    result = FieldsResult(page_count=document.page_count, problems=list(document.problems))
    first = document.first
    if first is not None:
        parts = read_page_one(first)
        if parts.type_line is None and not parts.vv and first.upto < 1.0:
            # The header region did not hold the type name: read the whole page.
            whole = document.page(first.index, upto=1.0)
            if whole is not None:
                first = whole
                parts = read_page_one(first)
        if _row_left_out(parts, first) and (more := document.with_isolated_text(first.index)):
            first = more
            parts = read_page_one(first)
        _page_one_fields(parts, first, result)
        _date_read_alone(document, parts.date, first, result)
        _date_parts_read_in_place(document, parts.date, first, result)
        _number_read_alone(document, parts, first, result)
        _signature_fields(document, result)
    result.fields.source = document.source
    for problem in document.problems:
        if problem not in result.problems:
            result.problems.append(problem)
    readable = first is not None
    if readable:
        result.administrative = _is_administrative(result)
    if result.administrative is False:
        # What stands top-left of a contract, an invoice or a bulletin (a heading,
        # a company) is no issuing agency; a state body's name (``Đơn vị: …`` of
        # an annexed table) stays, as information. Nothing is compared with the
        # certificate either way (administrative documents only).
        if not _state_agency(result.fields.agency):
            for name in ("agency", "parent_agency"):
                setattr(result.fields, name, None)
                result.details.pop(name, None)
        result.problems = [p for p in result.problems if p.code.startswith(("OCR_", "TEXT_"))]
        result.problems.append(not_administrative_problem(result.title_text))
        return result
    result.missing_fields = [
        n
        for n in REQUIRED_FIELDS
        if getattr(result.fields, n) is None
        and not (n == "number" and result.fields.type == LIST_TYPE)  # see LIST_TYPE
    ]
    result.problems.extend(completeness_problems(result, readable=readable))
    return result


# --- provenance ---------------------------------------------------------------------------------


def _set(
    result: FieldsResult,
    name: str,
    value: object,
    lines: Iterable[Line],
    page: PageText,
    *,
    note: str | None = None,
    uncertain: bool = False,
    as_given: bool = False,
) -> None:
    """Store ``value`` as field ``name`` with where it came from and how sure it is.

    On an OCR page a text is first repaired (:func:`_ocr_repaired`) and what
    OCR gave is kept (``result.read_by_ocr``); ``as_given``: a value already
    written as it must be (a unit's name from the units' list), not repaired again.
    """
    if value is None or value == "":
        return
    if page.source == "ocr" and isinstance(value, str) and not as_given:
        result.read_by_ocr[name] = value
        value, repair = _ocr_repaired(name, value)
        if repair is not None:
            uncertain, note = True, note or repair
    setattr(result.fields, name, value)
    words = [w for line in lines for w in line.words if sum(c.isalnum() for c in w.text) >= 2]
    confidences = [w.confidence for w in words if w.confidence is not None]
    confidence = round(min(confidences), 2) if confidences else None
    if page.source == "ocr" and confidence is not None and confidence < DOUBTED:
        uncertain = True
    result.details[name] = FieldDetail(
        source=page.source,
        confidence=confidence,
        page=page.index + 1,
        uncertain=uncertain,
        note=note,
    )


def _ocr_repaired(name: str, value: str) -> tuple[str, str | None]:
    """OCR's slips in a value put right, and why when the reviewer must compare.

    A vowel read twice, a circumflex lost; for a signer, the family name
    (:func:`restore_surname`) and a title with a word lost
    (:func:`known_title`); elsewhere, the fixed phrases (places are names).
    """
    value = complete_circumflex(undouble_vowels(value))
    if name == "signer_name":
        read, value = value, restore_surname(value)
        if value != read:
            return value, (
                f"OCR đọc họ người ký là “{read.split()[0]}”, hoso sửa theo danh sách họ người Việt"
            )
        return value, None
    if name == "signer_title" and (title := known_title(value)) is not None:
        return title, f"OCR đọc chức danh người ký là “{value}”, hoso sửa theo chức danh đầy đủ"
    if name != "number":
        value = k_before_front_vowel(value)
    if name == "subject":
        value = without_stray_glyphs(value)
    if name != "place":
        value = restore_diacritics(value)
    return value, None


# --- page 1 --------------------------------------------------------------------------------------


def _page_one_fields(parts: PageOneParts, page: PageText, result: FieldsResult) -> None:
    ocr = page.source == "ocr"
    result.national_title = bool(parts.title)
    result.motto = parts.motto is not None
    heading = parts.type_line or next((ln for ln in page.lines[:12] if _is_heading(ln)), None)
    result.title_text = clean_value(heading.text) if heading is not None else None

    parent_lines, agency_lines = split_agencies(parts.agency)
    _set(result, "agency", agency_name(agency_lines, ocr=ocr), agency_lines, page)
    _set(result, "parent_agency", agency_name(parent_lines, ocr=ocr), parent_lines, page)

    type_line = parts.type_line
    doc_type = type_name(type_line.text, misread=ocr) if type_line is not None else None
    if doc_type is None and parts.vv:
        doc_type = LETTER_TYPE
    if parts.listed is not None:
        doc_type = LIST_TYPE
    if doc_type == LIST_TYPE and not (_state_agency(result.fields.agency) and parts.title):
        doc_type = None  # a company's or a newsletter's "Danh sách" is no list an agency issued
    listed = parts.listed if doc_type == LIST_TYPE else None
    guessed = doc_type is None and parts.type_from_number is not None
    if guessed:
        doc_type = parts.type_from_number
    if doc_type is not None:
        lines = [parts.type_line] if parts.type_line is not None else parts.vv[:1]
        note = None
        if guessed:
            note = "tên loại văn bản đọc không trọn trên bản quét, xác định theo ký hiệu trong số văn bản"
        elif doc_type == LETTER_TYPE and parts.vv_label_lost:
            note = (
                "không in tên loại; trích yếu dưới số, ký hiệu (nhãn “V/v” không đọc được trên "
                "bản quét) cho thấy đây là công văn"
            )
        _set(result, "type", doc_type, lines, page, note=note, uncertain=note is not None)

    if parts.number is not None and parts.number_text is not None:
        _number(parts, page, result, doc_type)
    if parts.date:
        _place_date(parts.date, page, result)
    subject_lines = _subject(parts, listed, page, result)
    if ocr:
        within = _restore_unit_names(result, page, (parent_lines, agency_lines, parts.date[:1]))
        _restore_names_in_subject(result, page, subject_lines, within)
        _agency_read_in_part(agency_lines, page, result)
        _name_the_unit(agency_lines, page, result)
        _parent_cut_short(result, page, parent_lines)
        _place_cut_short(result, page, parts.date[:1])


def _subject(
    parts: PageOneParts, listed: str | None, page: PageText, result: FieldsResult
) -> Sequence[Line]:
    """The subject (a list's title, the line under the type, or the ``V/v`` line); its lines."""
    if listed is not None:
        assert parts.type_line is not None
        title = [parts.type_line, *parts.subject] if listed else parts.subject
        text = _clean_subject(" ".join([listed, *(line.text for line in parts.subject)]), page)
        if text:
            _set(result, "subject", text[:1].upper() + text[1:], title, page)
        return title
    if parts.type_line is not None and parts.subject:
        subject = _clean_subject(" ".join(line.text for line in parts.subject), page)
        subject, first_note = _first_word_lost(subject, page)
        subject, last_note = _last_letters_lost(subject, page)
        note = "; ".join(filter(None, (first_note, last_note))) or None
        _set(result, "subject", subject, parts.subject, page, note=note, uncertain=bool(note))
        return parts.subject
    if parts.vv:
        read = " ".join(line.text for line in parts.vv)
        label = VV_LABEL.match(fold(read))  # before cleaning, which drops a ``/`` that opens it
        text = clean_value(
            read[label.end() :] if label is not None else read, glued=page.source == "ocr"
        )
        lost = parts.vv_label_lost
        _set(
            result, "subject", text, parts.vv, page, note=_VV_LOST if lost else None, uncertain=lost
        )
        return parts.vv
    return ()


def _first_word_lost(subject: str, page: PageText) -> tuple[str, str | None]:
    """A subject under a type name begins with a capital; on a scan, one that begins in
    lower case with the rest of a fixed phrase lost the phrase's first word
    (``luận của Chủ tịch …``: ``Kết`` lost), or its first letters (``ết luận của …``),
    which are put back and flagged."""
    if page.source != "ocr" or not subject[:1].islower():
        return subject, None
    first, _, rest = subject.partition(" ")
    head = phrase_head(subject)
    if head is not None:
        written = f"{head.capitalize()} {first}"
    elif (whole := head_cut_short(subject)) is not None:
        written = whole.capitalize()
    else:
        return subject, None
    return f"{written} {rest}".strip(), (
        f"OCR đọc trích yếu bắt đầu bằng “{first}”, thiếu chữ đầu; hoso viết “{written}”"
    )


def _last_letters_lost(subject: str, page: PageText) -> tuple[str, str | None]:
    """On a scan, a subject ending with a fixed phrase whose last word is cut short (``…
    về chuyển đổi s``: the line ran to the scan's edge) gets the word whole, flagged."""
    if page.source != "ocr":
        return subject, None
    whole = tail_cut_short(subject)
    if whole is None:
        return subject, None
    rest, _, last = subject.rpartition(" ")
    return f"{rest} {whole}".strip(), (
        f"OCR đọc trích yếu kết thúc bằng “{last}”, thiếu chữ cuối; hoso viết “{whole}”"
    )


_VV_LOST = (
    "nhãn “V/v” không đọc được trên bản quét: hoso lấy các dòng dưới số, ký hiệu của công văn "
    "làm trích yếu"
)


def _restore_unit_names(
    result: FieldsResult, page: PageText, lines: tuple[Sequence[Line], ...]
) -> list[str]:
    """Units' names in agency, parent agency and place as the units' list writes them.

    What OCR gave is looked up (``read_by_ocr``): a name it misread
    (``HUYỆN CHƯ SE``) is written from the list, flagged with what OCR read;
    a name it read right is kept as read even where a repair for other words
    changed it (``XÃ VĂN PHONG`` is no ``văn phòng``). The enclosing unit read
    first narrows the next: the parent agency's province or district for the
    agency, both for the place. ``lines``: those of the parent agency, the
    agency and the place. Returns the units' names read, for the subject.
    """
    within: list[str] = []
    for name, field_lines in zip(("parent_agency", "agency", "place"), lines, strict=True):
        value = getattr(result.fields, name)
        if not isinstance(value, str):
            continue
        found = look_up(result.read_by_ocr.get(name, value), within, place=name == "place")
        if found is None:
            if (unit := unit_in(value)) is not None:
                within.append(unit[2])
            continue
        within.append(found.written)
        head = _ocr_repaired(name, found.head)[0] if found.head else ""
        written = f"{head} {found.written}".strip()
        if found.corrected:
            note = _unit_name_note([found.read])
            _set(result, name, written, field_lines, page, note=note, uncertain=True, as_given=True)
        elif written != value:
            _set(result, name, written, field_lines, page, as_given=True)
    return within


def _parent_cut_short(result: FieldsResult, page: PageText, lines: Sequence[Line]) -> None:
    """A parent agency whose unit's name OCR cut short or read with a letter more
    (``UBND TỈNH QUẢNG``): the unit the agency's own lies in, when the name fits it
    (:func:`verify.gazetteer.enclosing`), else the place when that is a unit of the
    parent's level whose name begins so (``UBND TỈNH THANH`` over a department dated
    at ``Thanh Hóa``, :func:`verify.gazetteer.completed_by_place`) and not the agency's
    own unit (:func:`_own_unit`); flagged with what
    OCR read. After the agency's own name is complete, even when it came from the place."""
    parent, agency, place = (
        result.fields.parent_agency,
        result.fields.agency,
        result.fields.place,
    )
    if not isinstance(parent, str):
        return
    read = result.read_by_ocr.get("parent_agency", parent)
    found = enclosing(read, agency) if isinstance(agency, str) else None
    if found is None and isinstance(place, str) and not _own_unit(agency, place):
        found = completed_by_place(read, place)
    if found is None:
        return
    written = f"{_ocr_repaired('parent_agency', found.head)[0]} {found.written}"
    note = _unit_name_note([found.read])
    _set(result, "parent_agency", written, lines, page, note=note, uncertain=True, as_given=True)


def _own_unit(agency: object, place: str) -> bool:
    """The place is the agency's own unit (``Ninh Hải`` under ``ỦY BAN NHÂN DÂN XÃ NINH
    HẢI``): NĐ 30 has a local body date at its own name, which says nothing of its
    parent's, even when a unit of the parent's level is so named (huyện Ninh Hải)."""
    unit = unit_in(agency) if isinstance(agency, str) else None
    return unit is not None and key(unit[2]) == key(place)


def _place_cut_short(result: FieldsResult, page: PageText, lines: Sequence[Line]) -> None:
    """A place OCR read without its first words (``Thước`` of ``Bá Thước``: the date line's
    first word lost at its left edge), or with its first word a blur it doubts (``kai
    Wy``): no unit is so named, and the name of the agency's unit, or its parent's, ends
    with it (or with the rest). NĐ 30 has a local body write its own unit as the place,
    so the place is that name in full, flagged with what OCR read."""
    place = result.fields.place
    if not isinstance(place, str) or look_up(place, place=True) is not None:
        return
    tails = [place]
    first = lines[0].words[0] if lines and lines[0].words else None
    if first is not None and first.confidence is not None and first.confidence < DOUBTED:
        # its first word a blur OCR doubts (``kai Wy`` for ``Ea Wy``): the rest may end it
        tails.append(" ".join(place.split()[1:]))
    written = next(filter(None, (_unit_ended_by(result, tail) for tail in tails)), None)
    if written is not None:
        note = f"OCR đọc địa danh là “{place}”, hoso lấy tên đầy đủ theo tên đơn vị ở tiêu đề"
        _set(result, "place", written, lines, page, note=note, uncertain=True, as_given=True)


def _unit_ended_by(result: FieldsResult, tail: str) -> str | None:
    """The name of the agency's unit, or else its parent's, when ``tail`` ends it."""
    for name in ("agency", "parent_agency"):
        value = getattr(result.fields, name)
        if isinstance(value, str) and (written := ended_by(value, tail)) is not None:
            return written
    return None


def _unit_name_note(read: list[str]) -> str:
    quoted = ", ".join(f"“{name}”" for name in read)
    return f"OCR đọc tên đơn vị hành chính là {quoted}, hoso sửa theo danh mục đơn vị hành chính Việt Nam"


def _restore_names_in_subject(
    result: FieldsResult, page: PageText, lines: Sequence[Line], within: list[str]
) -> None:
    """Units' names that OCR misread in the subject (``… tại xã la Glai``), as the list
    writes them inside the units the header named, and the unit words before them
    (``tính Cần Thơ``); flagged with what OCR read.

    Looked up in what OCR gave; a name the phrases' repair changed since is left.
    """
    value = result.fields.subject
    if not isinstance(value, str):
        return
    read: list[str] = []
    as_read = result.read_by_ocr.get("subject", value)
    for found in (*names_in_text(as_read, within), *misread_unit_words(as_read, within)):
        if found.corrected and found.read in value:
            value = value.replace(found.read, found.written, 1)
            read.append(found.read)
    if read:
        note = _unit_name_note(read)
        _set(result, "subject", value, lines, page, note=note, uncertain=True, as_given=True)


def _agency_read_in_part(
    agency_lines: Sequence[Line], page: PageText, result: FieldsResult
) -> None:
    """An agency's name OCR read in part, where no other name could go on: ``BAN NHÂN DÂN
    XÃ …`` (``ỦY`` lost at the line's start, :func:`verify.agency.with_lost_head`) and
    ``SỞ THÔNG TIN VÀ TRUYỀN`` (its last line lost, or read ``THÔN ...k`` and doubted:
    no name stops inside a fixed phrase, :func:`verify.lexicon.phrase_rest`), or ``SỞ THÔNG
    VÀ TRUYỀN THÔNG`` (a word inside a fixed phrase lost, :func:`verify.lexicon.with_lost_word`).
    Written in full, flagged with what OCR read."""
    agency = result.fields.agency
    if not isinstance(agency, str):
        return
    written = with_lost_head(agency) or agency
    written = with_lost_word(written) or written
    if (rest := phrase_rest(written)) is not None:
        written = f"{written} {rest.upper() if is_upper(written) else rest}"
    if written != agency:
        note = f"OCR đọc tên cơ quan là “{agency}”, thiếu chữ; hoso viết đủ là “{written}”"
        _set(result, "agency", written, agency_lines, page, note=note, uncertain=True)


def _name_the_unit(agency_lines: Sequence[Line], page: PageText, result: FieldsResult) -> None:
    """``ỦY BAN NHÂN DÂN XÃ`` whose name OCR could not read, or read only in part
    (``… XÃ AN`` where the place is ``An Hải``): named after the place.

    Nghị định 30 (Phụ lục I) writes as the place of a local body's document the
    name of the administrative unit where it sits, so the name lost under
    ``XÃ`` is the place of the date line. Written so only when OCR lost it,
    and marked for the reviewer to compare with the scan.
    """
    agency, place = result.fields.agency, result.fields.place
    if not isinstance(agency, str) or not isinstance(place, str):
        return
    name = without_unit_word(place).upper()  # ``Thành phố Hồ Chí Minh`` as place
    if ends_with_unit_word(agency):  # ``… CƠ QUAN``, ``… ĐỊA PHƯƠNG`` end with none
        named = f"{agency} {name}"
    elif (cut := _cut_short_by(agency, place)) is not None:
        named = f"{cut} {name}"
    else:
        return
    _set(
        result,
        "agency",
        named,
        agency_lines,
        page,
        note="tên đơn vị hành chính không đọc được trọn trên bản quét, lấy theo địa danh ghi ở dòng ngày tháng",
        uncertain=True,
    )


def _cut_short_by(agency: str, place: str) -> str | None:
    """``ỦY BAN NHÂN DÂN XÃ AN`` with ``An Hải`` as place: the agency up to its unit word
    (``ỦY BAN NHÂN DÂN XÃ``) when its unit's name is the place's first words, cut short
    (OCR lost the line below), and no unit is named so while the place is one."""
    split = unit_in(agency)
    if split is None or look_up(agency) is not None or look_up(place, place=True) is None:
        return None
    head, _, name = split
    if not key(without_unit_word(place)).startswith(key(name) + " "):
        return None
    return head


def _is_heading(line: Line) -> bool:
    return (
        is_upper(line.text) and len(line.text) >= 6 and not compact(line.text).startswith("conghoa")
    )


def _clean_subject(text: str, page: PageText) -> str:
    return clean_value(text, glued=page.source == "ocr").rstrip(" .;:,")


def _number(
    parts: PageOneParts, page: PageText, result: FieldsResult, doc_type: str | None
) -> None:
    assert parts.number is not None and parts.number_text is not None
    agency = result.fields.agency if isinstance(result.fields.agency, str) else None
    reading = read_number(parts.number_text, doc_type, ocr=page.source == "ocr", agency=agency)
    result.symbol = reading.symbol
    result.issuer_code = reading.issuer_code
    if reading.blank or reading.number is None:
        if reading.blank:
            result.problems.append(
                Problem(
                    code="NUMBER_BLANK",
                    severity="error",
                    message=(
                        f"Số văn bản để trống (“Số: {reading.raw}”): văn bản chưa được cấp số; "
                        "hãy nộp bản đã ban hành có số."
                    ),
                )
            )
        return
    result.fields.type_code = reading.type_code
    note = None
    if reading.restored:
        note = (
            "số, ký hiệu do hoso khôi phục: OCR đọc thiếu dấu “/”, “-”, tách các chữ số của "
            "số hay chữ viết tắt làm hai, đọc chữ số 8 thành “§”, 6 thành “ó” hoặc sai, mất "
            "một chữ của chữ viết tắt tên loại văn bản hay cơ quan ban hành"
        )
    elif reading.doubtful:
        note = "số, ký hiệu không đúng dạng “số/ký hiệu” của Nghị định 30: cần đối chiếu"
    _set(
        result,
        "number",
        reading.number,
        [parts.number],
        page,
        note=note,
        uncertain=reading.restored or reading.doubtful,
    )
    if result.fields.type_code is not None and "type_code" not in result.details:
        result.details["type_code"] = result.details["number"]


_DIGITS = str.maketrans({"o": "0", "l": "1", "i": "1", "|": "1", "]": "1", "t": "1", "s": "5"})
_MARKED_DIGITS = str.maketrans({"ó": "6", "Ó": "6"})
"""``6`` read ``ó`` (its stem taken for an accent; italic serif dates): not a ``0``."""


_SPECK_AMONG_DIGITS = re.compile(r"(?<=\d)[.,'`](?=\d)")
"""A speck read as a point between two digits (``202.3``): no part of a date has one."""


def _as_number(read: str) -> int:
    """A day, month or year as OCR printed it, its look-alike letters as digits, its
    digits OCR split in two words (``1 4``) joined, and a speck between two of them
    (``202.3``) dropped."""
    digits = fold(read.translate(_MARKED_DIGITS)).translate(_DIGITS).replace(" ", "")
    return int(_SPECK_AMONG_DIGITS.sub("", digits))


def _part_number(read: str | None) -> int | None:
    """:func:`_as_number`, or None for a part left blank or holding a glyph no digit looks
    like (``Ù8``, ``2()2S``: read again in its place by :func:`_date_parts_read_in_place`)."""
    try:
        return _as_number(read) if read else None
    except ValueError:
        return None


_NUMBERED_UNIT = re.compile(r"(?:quan|phuong)\s+\d{1,2}")
"""``Quận 1``, ``Phường 5``: the one kind of place with a digit (elsewhere a digit is
OCR's debris or a number that ran into the line)."""


def _roman_numeral(place: str) -> str | None:
    """``Tam Xuân 1`` → ``Tam Xuân I``: the Roman numeral ending a unit's name, which OCR
    reads as digits, when the units' list knows the name so written."""
    words = place.split()
    numeral = words[-1].replace("1", "I").replace("l", "I")
    if not (1 <= len(numeral) <= 3 and set(numeral) == {"I"}):
        return None
    written = " ".join([*words[:-1], numeral])
    return written if look_up(written, place=True) is not None else None


def _place_date(lines: Sequence[Line], page: PageText, result: FieldsResult) -> None:
    """``Tân Thịnh, ngày 12 tháng 3 năm 2024`` or ``…, ngày 05/01/2024``; blanks stay missing."""
    text = " ".join(line.text for line in lines)
    folded = fold(text)
    match = PLACE_DATE.search(folded)
    if match is None:
        # on a scan, a line that opens as the place–date line does (``Đắk Mil, ngày 28
        # tháng``) but whose month or ``năm`` OCR lost: the place is there, the date not
        if page.source == "ocr" and (opening := PLACE_BEFORE_DAY.match(folded)) is not None:
            _place(text[: opening.end("place")], lines, page, result)
            result.problems.append(_date_not_all_read(text, page))
        return
    _place(text[: match.start()], lines, page, result)
    groups = ("d", "m" if match.group("m") else "m2", "y" if match.group("y") else "y2")
    day, month, year = (
        text[match.start(g) : match.end(g)] if match.group(g) else "" for g in groups
    )
    if any(_part_number(part) is None for part in (day, month, year)):
        result.problems.append(_date_not_all_read(text, page))
        return
    try:
        value = date(_as_number(year), _as_number(month), _as_number(day))
    except ValueError:
        result.problems.append(
            Problem(
                code="DATE_INVALID",
                severity="error",
                message=f"Ngày ban hành không hợp lệ: “{clean_value(text)}”.",
            )
        )
        return
    letters = " / ".join(part for part in (day, month, year) if not part.isdigit())
    read_as_digits = f"OCR đọc ngày tháng năm là “{letters}”, hoso đọc là {value:%d/%m/%Y}"
    _set(
        result,
        "date",
        value,
        lines,
        page,
        note=read_as_digits if letters else None,
        uncertain=bool(letters),
    )


def _place(read: str, lines: Sequence[Line], page: PageText, result: FieldsResult) -> None:
    """The place that opens the place–date line, read before its ``ngày``."""
    place = clean_value(read, glued=page.source == "ocr").rstrip(" ,.;")
    if place and (not re.search(r"\d", place) or _NUMBERED_UNIT.fullmatch(fold(place))):
        _set(result, "place", place, lines[:1], page)
    elif place and page.source == "ocr" and (numeral := _roman_numeral(place)) is not None:
        note = _unit_name_note([place])
        _set(result, "place", numeral, lines[:1], page, note=note, uncertain=True)
    elif place and page.source == "ocr" and look_up(place, place=True) is not None:
        # a unit's name with a letter OCR read as a digit (``1a Lốp``: Ia Lốp), which the
        # units' names put back below (:func:`_restore_unit_names`)
        _set(result, "place", place, lines[:1], page)


def _date_not_all_read(text: str, page: PageText) -> Problem:
    """``DATE_BLANK``: a date line without its day, month and year all read."""
    message = (
        f"Ngày ban hành chưa điền đủ (“{clean_value(text)}”): "
        "hãy nộp bản đã ban hành có ngày, tháng, năm."
    )
    if page.source == "ocr":  # a part OCR could not read is no blank the agency left
        message = (
            f"Không đọc được đủ ngày, tháng, năm ban hành trên bản quét (OCR đọc "
            f"“{clean_value(text)}”): hãy đối chiếu với bản gốc; nếu ngày chưa được điền, "
            "hãy nộp bản đã ban hành có ngày, tháng, năm."
        )
    return Problem(code="DATE_BLANK", severity="error", message=message)


_DATE_SLOTS = (
    ("day", "d", "ngày", DAY_WORD, MONTH_WORD),
    ("month", "m", "tháng", MONTH_WORD, r"nam"),
    ("year", "y", "năm", r"nam", None),
)
"""Each part of a date, its group in ``PLACE_DATE``, and the words it stands between
(the year: after ``năm``)."""
_DATE_PARTS = tuple(slot[:3] for slot in _DATE_SLOTS[:2])
"""The day and the month: their names and groups."""


def _date_read_alone(
    document: DocumentText, lines: Sequence[Line], page: PageText, result: FieldsResult
) -> None:
    """On a scan, parts of the date read a second time, alone, as digits
    (:func:`verify.ocr.digits_read_alone`): a day or month OCR read with a letter in it
    (``1ó``, ``2Š``: the page's reading took them for ``10`` and ``25``), and the year,
    which it can misread whole. A reading that holds replaces the page's, and the
    date is flagged with both."""
    found = result.fields.date
    if page.source != "ocr" or not isinstance(found, date):
        return
    text = " ".join(line.text for line in lines)
    words = [w for line in lines for w in line.words]
    changes: dict[str, tuple[str, int, str]] = {}
    by_look: list[str] = []  # parts whose second look did not hold: read as they look
    match = PLACE_DATE.search(fold(text))
    signs: list[str] = []  # parts read with a sign glued before their digits
    ones: dict[str, tuple[str, int, str]] = {}  # … a ``1`` read as that sign
    for part, group, name in _DATE_PARTS:
        if match is None or not match.group(group):
            continue
        start = match.start(group)
        sign = _sign_before(text, start)
        if sign is not None:  # ``!1``: the sign is a digit's glyph OCR misread
            start = sign.start()
        elif _digits_apart(match.group(group)):
            continue
        read = text[start : match.end(group)]
        word = _word_at(words, start)
        alone = None
        if word is not None:
            # as many digits as glyphs read: ``2ó`` read alone as ``2`` lost one
            digits = rf"\b\d{{{len(read)}}}\b"
            alone = document.digits_read_alone(page.index, word.box, digits, read)
        if alone is not None:
            changes[part] = (read, int(alone), name)
        elif sign is not None and (one := _one_read_as_sign(read, part)) is not None:
            ones[part] = (read, one, name)
        else:
            by_look.append(f"{name} là “{read}”")
            if sign is not None:
                signs.append(read)
    # a year OCR read with a digit no year has (``3033``) is looked at again too
    read = str(found.year)
    years = [w for w in words if YEAR.search(w.text) or read in w.text]
    if years:
        alone = document.digits_read_alone(page.index, years[-1].box, YEAR.pattern, read)
        if alone is not None:
            changes["year"] = (read, int(alone), "năm")
    if not changes and not ones and not signs:
        return
    try:
        result.fields.date = found.replace(
            **{part: value for part, (_, value, _) in {**ones, **changes}.items()}
        )
    except ValueError:  # a day the month has not
        return
    detail = result.details["date"]
    detail.uncertain = True
    as_one = [f"{name} là “{read}”, hoso đọc “!” là chữ số 1" for read, _, name in ones.values()]
    again = [
        f"{name} là “{read}” khi đọc cả trang và {value} khi đọc riêng các chữ số"
        for read, value, name in changes.values()
    ]
    said = "; ".join([*by_look, *as_one, *again])
    detail.note = f"OCR đọc {said}; hoso lấy ngày {result.fields.date:%d/%m/%Y}"


def _date_parts_read_in_place(
    document: DocumentText, lines: Sequence[Line], page: PageText, result: FieldsResult
) -> None:
    """On a scan, a part of the date OCR lost between its words (``ngày`` … ``tháng``, a
    gap where the digits are) or read as glyphs no digit looks like (``Ù8``, ``2()2S``)
    read again alone, in its place, as digits (:func:`verify.ocr.digits_read_alone`).
    ``ngày``, ``tháng`` and ``năm`` say where each part is. Found, the date is the
    document's, flagged with what OCR read; a place Tesseract finds no digit in is a
    blank the agency left (``DATE_BLANK`` stays).
    """
    blank = next((p for p in result.problems if p.code == "DATE_BLANK"), None)
    if page.source != "ocr" or result.fields.date is not None or blank is None:
        return
    words = [w for line in lines for w in line.words]
    text = " ".join(w.text for w in words)
    match = PLACE_DATE.search(fold(text))
    if match is None or match.group("m2"):
        return
    values: dict[str, int] = {}
    read_again: list[str] = []
    for slot in _DATE_SLOTS:
        part, group, name = slot[:3]
        number = _part_number(match.group(group))
        sign = _sign_before(text, match.start(group)) if match.group(group) else None
        # the year read whole is read again too, as ``_date_read_alone`` does
        looked = None
        if number is None or part == "year" or sign is not None:
            looked = _part_read_again(document, page, words, slot, number)
        read = text[sign.start() : match.end(group)] if sign is not None else ""
        if looked is not None:
            values[part], said = looked
            read_again.append(said)
        elif sign is not None and (one := _one_read_as_sign(read, part)) is not None:
            values[part] = one
            read_again.append(f"OCR đọc phần {name} là “{read}”, hoso đọc “!” là chữ số 1")
        elif number is not None:
            values[part] = number
        else:
            return
    try:
        value = date(values["year"], values["month"], values["day"])
    except ValueError:
        return
    result.problems.remove(blank)
    note = f"Trên bản quét, {'; '.join(read_again)}; hoso lấy ngày {value:%d/%m/%Y}"
    _set(result, "date", value, lines, page, note=note, uncertain=True)


def _part_read_again(
    document: DocumentText,
    page: PageText,
    words: Sequence[Word],
    slot: tuple[str, str, str, str, str | None],
    number: int | None,
) -> tuple[int, str] | None:
    """A part of the date read alone in its place (:func:`_date_slot`), with what the
    reviewer is told; None when the look finds nothing that holds or what was read.

    A part read with glyphs no digit looks like must keep, in order, the digits the
    page's reading found there (``2()2S`` → ``2025``, ``J9`` → ``19``): a few glyphs
    read alone at 120 dpi may come out with a digit wrong in two frames that agree
    (``202.3`` read ``2033``), and the page's own digits are then not all there.
    """
    part, _, name, label, next_label = slot
    place = _date_slot(words, label, next_label)
    if place is None:
        return None
    box, read = place
    pattern = YEAR.pattern if part == "year" else r"^\d{1,2}$"
    if part != "year" and len(read.replace(" ", "")) == 2:
        pattern = r"^\d{2}$"  # as many digits as glyphs read: ``J9`` read ``9`` lost one
    as_read = "" if number is None else str(number)
    digits = document.digits_read_alone(page.index, box, pattern, as_read)
    if digits is None or int(digits) == number:
        return None
    if number is None and not in_order([c for c in read if c.isdigit()], digits):
        return None
    if read:
        return int(digits), f"OCR đọc phần {name} là “{read}”, đọc riêng các chữ số thấy {digits}"
    lost = f"OCR không đọc được phần {name}, đọc riêng chỗ trống sau chữ “{name}” thấy {digits}"
    return int(digits), lost


def _date_slot(words: Sequence[Word], label: str, next_label: str | None) -> tuple[Box, str] | None:
    """Where a part of the date is, and what OCR read there: the words between ``label``
    and ``next_label`` (the two after ``năm`` on its row, without one), or, none read
    but specks, the gap between the two words. None when there is nothing to read: a
    gap too narrow for a digit (``ngày  tháng 10``, a day the agency left blank)."""
    at = next((i for i, w in enumerate(words) if re.fullmatch(label, fold(w.text))), None)
    if at is None:
        return None
    before = words[at]
    rest = words[at + 1 :]
    end = len(rest)
    if next_label is not None:
        end = next((i for i, w in enumerate(rest) if re.fullmatch(next_label, fold(w.text))), -1)
        if end < 0:
            return None
    else:
        same_row = [w for w in rest if min(w.bottom, before.bottom) > max(w.top, before.top)]
        rest, end = same_row, min(len(same_row), 2)
    inside = join_words([w for w in rest[:end] if any(c.isalnum() for c in w.text)])
    if inside is not None:
        return inside.box, inside.text
    if next_label is None:
        return None
    after = rest[end]
    top, bottom = min(before.top, after.top), max(before.bottom, after.bottom)
    # digits_read_alone frames a box with half its height on each side at most:
    # inset by as much, every frame stays in the gap, clear of the words' glyphs
    inset = 0.5 * (bottom - top)
    box = (before.x1 + inset, top, after.x0 - inset, bottom)
    if box[2] - box[0] < inset:
        return None  # no room for a digit: nothing was printed there
    return box, ""


def _one_read_as_sign(read: str, part: str) -> int | None:
    """``!6`` → 16: a day or month whose first digit, a thin ``1``, OCR read as ``!``,
    when its second look found nothing that holds and ``1`` makes a day or month."""
    match = re.fullmatch(r"!(\d)", read)
    if match is None:
        return None
    value = 10 + int(match.group(1))
    return value if value <= (31 if part == "day" else 12) else None


def _sign_before(text: str, start: int) -> re.Match[str] | None:
    """A sign glued before a part of the date at ``start`` (``!1``): in a date, a digit's
    glyph OCR misread, which the page's reading dropped as punctuation."""
    return re.search(r"(?<!\S)[^\w\s]+$", text[:start])


def _digits_apart(read: str) -> bool:
    """Digits only, maybe in two words (``1 4``): nothing to read again. Read alone, the
    first word's box would give its one digit."""
    return read.replace(" ", "").isdigit()


def _number_read_alone(
    document: DocumentText, parts: PageOneParts, page: PageText, result: FieldsResult
) -> None:
    """On a scan, a number whose digits OCR read with a sign or letter among them
    (``1ó28/TB-STTTT``, ``2§54/…``), or in a word it doubts (``147/QĐ-UBND`` at 0 %:
    ``1447``, a ``4`` lost), has its word read again alone, digits and ``/`` only
    (:func:`verify.ocr.digits_read_alone`); when the digits before the ``/`` hold, they
    are the number's, flagged with what OCR read. Digits the page read are never fewer
    for it: a frame may cut one off, and which of the two lost it, no look tells."""
    number = result.fields.number
    if page.source != "ocr" or parts.number is None or not isinstance(number, str):
        return
    ordinal = (parts.number_text or "").split("/")[0].strip()
    if not ordinal or "/" not in number:
        return
    word = next((w for w in parts.number.words if w.text.startswith(ordinal)), None)
    if word is None:  # glued to ``Số:`` or split: its box holds other glyphs
        return
    sure = word.confidence is None or word.confidence >= DOUBTED
    if ordinal.isdigit() and sure:
        return
    alone = document.digits_read_alone(
        page.index, word.box, r"^\d+(?=/)", ordinal, string.digits + "/"
    )
    if alone is None or alone == number.split("/")[0]:
        return
    if ordinal.isdigit() and len(alone) < len(ordinal):
        return  # a frame that lost a digit the page read (its box cut the ``1`` of ``1255``)
    result.fields.number = f"{alone}/{number.split('/', 1)[1]}"
    detail = result.details["number"]
    detail.uncertain = True
    detail.note = (
        f"OCR đọc số văn bản là “{ordinal}” khi đọc cả trang và {alone} khi đọc riêng "
        f"các chữ số; hoso lấy {alone}"
    )


def _word_at(words: Sequence[Word], offset: int) -> Word | None:
    """The word at ``offset`` of the words' text joined by spaces."""
    start = 0
    for word in words:
        if start <= offset < start + len(word.text):
            return word
        start += len(word.text) + 1
    return None


# --- the signature block ------------------------------------------------------------------------


def _signature_fields(document: DocumentText, result: FieldsResult) -> None:
    """The signature block: at the end of the last page, or of the main text before annexes.

    A block cut by a page break is read across the two pages. When the last
    pages hold no block at all (annexed tables, lists), earlier pages are
    read back to the one that ends the main text — a few pages of text layer
    cost milliseconds; a scan is searched one page back only (OCR costs
    about a second a page).
    """
    if document.last is None:
        return
    parts, pages = _closing(document)
    if parts.name is None and _reread_isolated(document, [document.last, *pages.values()]):
        parts, pages = _closing(document)
    if parts.name is None:
        return
    last = document.last
    if parts.authority is not None:
        result.signer_authority = clean_value(parts.authority)
    title_lines = parts.title or ([parts.authority_line] if parts.authority_line else [])
    if title_lines:
        page = pages.get(id(title_lines[0]), last)
        title = parts.title_text or " ".join(line.text for line in parts.title)
        title = clean_value(title, glued=page.source == "ocr")
        _set(result, "signer_title", title, title_lines, page)
    page = pages.get(id(parts.name), last)
    name = clean_value(parts.name.text, glued=page.source == "ocr")
    _set(result, "signer_name", name, [parts.name], page)


_BACK_TEXT = 40
_BACK_OCR = 1


def _closing(document: DocumentText) -> tuple[ClosingParts, dict[int, PageText]]:
    """The signature block among the lines that end the main text, and the page of each
    line (by ``id``)."""
    last = document.last
    assert last is not None
    reach = _BACK_TEXT if last.source == "text" else _BACK_OCR
    page: PageText | None = last
    parts = ClosingParts()
    pages: dict[int, PageText] = {}
    while page is not None:
        lines = list(page.lines)
        pages = {id(line): page for line in lines}
        parts = read_closing(lines)
        if parts.needs_previous_page and page.index > 0:
            before = document.page(page.index - 1)
            if before is not None:
                earlier = [line for line in before.lines if line.top > 0.4]
                moved = [_below(line) for line in lines]
                pages = {id(line): before for line in earlier} | {id(m): page for m in moved}
                parts = read_closing(earlier + moved)
        if parts.is_block or page.index == 0 or last.index - page.index >= reach:
            break
        page = document.page(page.index - 1)
    return parts, pages


def _row_left_out(parts: PageOneParts, page: PageText) -> bool:
    """A scan's header with its agency, the national motto and a type name but neither
    number nor date: Tesseract's layout analysis left out their row (``Số: …`` and
    ``…, ngày …`` side by side), which every document with such a header prints."""
    return (
        page.source == "ocr"
        and bool(parts.agency)
        and parts.motto is not None
        and (parts.type_line is not None or bool(parts.vv))
        and parts.number is None
        and not parts.date
    )


def _reread_isolated(document: DocumentText, pages: Iterable[PageText]) -> bool:
    """OCR'd pages read again for the lines their layout left out (a signer's name
    alone under the signature); whether any line was added."""
    scanned = sorted({page.index for page in pages if page.source == "ocr"})
    added = [document.with_isolated_text(index) for index in scanned]
    return any(page is not None for page in added)


def _below(line: Line) -> Line:
    """``line`` moved one page down, so lines of two pages keep their order."""
    return Line(
        text=line.text,
        x0=line.x0,
        x1=line.x1,
        top=line.top + 1.0,
        bottom=line.bottom + 1.0,
        bold=line.bold,
        words=line.words,
    )


# --- administrative or not ----------------------------------------------------------------------


def _is_administrative(result: FieldsResult) -> bool:
    """Whether the page-1 header is that of an administrative document (NĐ 30).

    An administrative document is issued by an agency named at the top of
    its header and carries a number, a date and a type. A contract, an
    application form, an invoice or a newsletter may show a national title,
    a date or a ``Số`` but not that structure: an agency with a number, a
    type name of Phụ lục III (or a ``V/v`` letter) with an agency, a number
    or a place and date, or a state body's name beside the national title
    (an unfinished administrative document: its missing fields are reported).
    """
    f = result.fields
    agency = f.agency is not None and is_agency_name(f.agency)
    state = _state_agency(f.agency)
    number = f.number is not None and "/" in f.number
    dated = f.date is not None
    typed = f.type is not None
    return (
        (agency and number)
        or (typed and (agency or number or dated))
        or (state and result.national_title)
    )


def _state_agency(name: str | None) -> bool:
    return name is not None and is_agency_name(name) and not fold(name).startswith(_NON_STATE_HEADS)


_NON_STATE_HEADS = ("cong ty", "ngan hang", "chi nhanh", "doanh nghiep", "hop tac xa")
