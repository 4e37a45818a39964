"""Finding every signature dictionary of a PDF, ourselves.

pyHanko's ``embedded_signatures`` silently drops signatures whose
``/SubFilter`` it does not support (``adbe.pkcs7.sha1``, common in real
Vietnamese files from 2020–2022). A signed file must never be reported as
unsigned, so we walk the AcroForm field tree *and* every live indirect object
of the file, keeping each dictionary that is a signature (``/Type /Sig`` or
``/DocTimeStamp``, or carrying ``/ByteRange`` and ``/Contents``). Objects are
read through the library's reader, in their current version (the latest
revision that defines each), through its cache: the later checks read the
same dictionaries again. Streams — a scan's images — are ruled out from
their raw bytes first and never parsed here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

logger = logging.getLogger(__name__)

MAX_FIELD_DEPTH = 32
MAX_FIELDS = 10_000

PREFILTER_WINDOW = 64 * 1024
SIGNATURE_TOKENS = (b"/ByteRange", b"/Sig", b"/DocTimeStamp")

SignatureKind = Literal["signature", "timestamp"]


@dataclass
class FoundSignature:
    """A signature dictionary and where it was found."""

    field_name: str | None
    sig_dict: generic.DictionaryObject
    sig_ref: generic.Reference | None
    kind: SignatureKind
    widget: tuple[int, int] | None = None
    """The field's own object (usually also its widget annotation), to find its page."""
    widget_page: tuple[int, int] | None = None
    """The page the widget names (``/P``), when it names one."""

    @property
    def subfilter(self) -> str | None:
        value = self.sig_dict.get("/SubFilter")
        return str(value)[1:] if isinstance(value, generic.NameObject) else None


def _is_signature_dict(obj: object) -> bool:
    if not isinstance(obj, generic.DictionaryObject) or isinstance(obj, generic.StreamObject):
        return False
    kind = obj.get("/Type")
    if kind in ("/Sig", "/DocTimeStamp"):
        return "/Contents" in obj or "/ByteRange" in obj
    return "/ByteRange" in obj and "/Contents" in obj


def _kind(sig_dict: generic.DictionaryObject) -> SignatureKind:
    is_ts = (
        sig_dict.get("/Type") == "/DocTimeStamp" or sig_dict.get("/SubFilter") == "/ETSI.RFC3161"
    )
    return "timestamp" if is_ts else "signature"


def _field_signatures(reader: PdfFileReader) -> list[FoundSignature]:
    try:
        fields = reader.root["/AcroForm"]["/Fields"]
    except (KeyError, TypeError):
        return []
    found: list[FoundSignature] = []
    seen: set[tuple[int, int]] = set()
    count = 0

    def walk(items: object, prefix: str | None, inherited_ft: object, depth: int) -> None:
        nonlocal count
        if depth > MAX_FIELD_DEPTH or not isinstance(items, generic.ArrayObject):
            return
        for i in range(len(items)):
            count += 1
            if count > MAX_FIELDS:
                return
            raw = items.raw_get(i)
            if isinstance(raw, generic.IndirectObject):
                key = (raw.idnum, raw.generation)
                if key in seen:
                    continue
                seen.add(key)
            node = raw.get_object()
            if not isinstance(node, generic.DictionaryObject):
                continue
            partial = node.get("/T")
            name = prefix
            if partial is not None:
                name = f"{prefix}.{partial}" if prefix else str(partial)
            ft = node.get("/FT", inherited_ft)
            if ft == "/Sig" and "/V" in node:
                raw_v = node.raw_get("/V")
                value = raw_v.get_object()
                if _is_signature_dict(value):
                    ref = raw_v.reference if isinstance(raw_v, generic.IndirectObject) else None
                    found.append(
                        FoundSignature(name, value, ref, _kind(value), *_widget_of(raw, node))
                    )
            if "/Kids" in node:
                walk(node["/Kids"], name, ft, depth + 1)

    walk(fields, None, None, 0)
    return found


def _widget_of(
    raw: generic.PdfObject, node: generic.DictionaryObject
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The field's widget object and the page it names: the field itself, else its first kid."""
    widget_raw, widget = raw, node
    kids = node.get("/Kids")
    if "/Rect" not in node and isinstance(kids, generic.ArrayObject) and len(kids):
        widget_raw = kids.raw_get(0)
        widget = widget_raw.get_object()
    ref = (
        (widget_raw.idnum, widget_raw.generation)
        if isinstance(widget_raw, generic.IndirectObject)
        else None
    )
    page = (
        widget.raw_get("/P")
        if isinstance(widget, generic.DictionaryObject) and "/P" in widget
        else None
    )
    page_ref = (page.idnum, page.generation) if isinstance(page, generic.IndirectObject) else None
    return ref, page_ref


def _live_refs(reader: PdfFileReader) -> dict[generic.Reference, int]:
    """Each object number with the revision holding its current version."""
    latest: dict[generic.Reference, int] = {}
    for revision in range(reader.xrefs.total_revisions):
        for ref in reader.xrefs.explicit_refs_in_revision(revision):
            latest[ref] = revision
        for ref in reader.xrefs.refs_freed_in_revision(revision):
            latest.pop(ref, None)
    return latest


def _cannot_be_signature(reader: PdfFileReader, ref: generic.Reference, revision: int) -> bool:
    """Cheap pre-filter before the library parses an object (most are fonts and images).

    A signature dictionary is never a stream, and it names ``/ByteRange``,
    ``/Sig`` or ``/DocTimeStamp``. When a window of raw bytes at the object's
    offset proves neither can hold, parsing is skipped; anything unclear is
    parsed. Objects inside object streams are always parsed.
    """
    marker = reader.xrefs.get_historical_ref(ref, revision)
    if not isinstance(marker, int):
        return False
    stream = reader.stream
    stream.seek(marker)
    window = stream.read(PREFILTER_WINDOW)
    end = window.find(b"endobj")
    body = window if end < 0 else window[:end]
    if any(token in body for token in SIGNATURE_TOKENS):
        return False
    return end >= 0 or b"stream" in body


def _orphan_signatures(reader: PdfFileReader, known: set[tuple[int, int]]) -> list[FoundSignature]:
    found = []
    for ref, revision in sorted(_live_refs(reader).items(), key=lambda kv: kv[0].idnum):
        if (ref.idnum, ref.generation) in known or ref in reader.xrefs.xref_stream_refs:
            continue
        if _cannot_be_signature(reader, ref, revision):
            continue
        try:
            obj = reader.get_object(ref)  # ``revision`` is the latest: the current version
            if isinstance(obj, generic.DecryptedObjectProxy):
                obj = obj.decrypted
        except (Exception, RecursionError) as exc:  # a broken object is not a signature
            logger.info("object %s unreadable while looking for signatures: %s", ref, exc)
            continue
        if _is_signature_dict(obj):
            live_ref = generic.Reference(ref.idnum, ref.generation, reader)
            found.append(FoundSignature(None, obj, live_ref, _kind(obj)))
    return found


def find_signatures(reader: PdfFileReader) -> list[FoundSignature]:
    """Every signature dictionary: form fields first, then orphans, in file order."""
    in_fields = _field_signatures(reader)
    known = {(f.sig_ref.idnum, f.sig_ref.generation) for f in in_fields if f.sig_ref is not None}
    # deduplicate fields pointing at the same dictionary
    unique: list[FoundSignature] = []
    seen: set[tuple[int, int]] = set()
    for f in in_fields:
        key = (f.sig_ref.idnum, f.sig_ref.generation) if f.sig_ref is not None else None
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        unique.append(f)
    return unique + _orphan_signatures(reader, known)
