"""Ways to tamper with a signed PDF, each the way an attacker (or a careless tool) would.

Incremental updates are written with pyHanko's writer, so they are proper
PDF updates: only the difference analysis can tell them from a legitimate
countersignature.
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader


def change_one_byte(signed: bytes) -> bytes:
    """Flip one byte inside the signed range (the producer comment of the header)."""
    index = signed.index(b"ReportLab")
    return signed[:index] + b"X" + signed[index + 1 :]


def _update(signed: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    edit(writer, page)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _append_annotation(page: generic.DictionaryObject, ref: generic.IndirectObject) -> None:
    annots = page.get("/Annots")
    if isinstance(annots, generic.ArrayObject):
        annots.append(ref)
        page["/Annots"] = annots
    else:
        page["/Annots"] = generic.ArrayObject([ref])


def replace_page_content(signed: bytes) -> bytes:
    """An incremental update that replaces the first page's content stream."""

    def edit(writer: IncrementalPdfFileWriter, page: generic.DictionaryObject) -> None:
        stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 700 Td (GIA MAO) Tj ET")
        page["/Contents"] = writer.add_object(stream)

    return _update(signed, edit)


def overwrite_page_content(signed: bytes) -> bytes:
    """The first page's content stream rewritten *under its own object number* in an update:
    the page dictionary is untouched, only an object it uses is replaced (the "replace"
    family of shadow attacks)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    page_ref, _ = writer.find_page_for_modification(0)
    contents = page_ref.get_object().raw_get("/Contents")
    ref = contents if isinstance(contents, generic.IndirectObject) else contents[0]
    stream = ref.get_object()
    stream._data = b"BT /F1 24 Tf 72 700 Td (NOI DUNG BI THAY) Tj ET"
    stream._encoded_data = None
    stream.pop("/Filter", None)
    writer.mark_update(ref)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_annotation(signed: bytes) -> bytes:
    """An incremental update that adds a text annotation to the first page."""

    def edit(writer: IncrementalPdfFileWriter, page: generic.DictionaryObject) -> None:
        annot = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (100, 100, 300, 140)]
                ),
                generic.NameObject("/Contents"): generic.TextStringObject("Số: 99/QĐ-UBND"),
                generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
            }
        )
        _append_annotation(page, writer.add_object(annot))

    return _update(signed, edit)


def add_visible_annotation(signed: bytes, text: str = "So: 99/QD-UBND") -> bytes:
    """An incremental update adding a FreeText annotation *with* its appearance, as Acrobat or
    Foxit write it: a yellow box with new text over the page (what a viewer shows)."""

    def edit(writer: IncrementalPdfFileWriter, page: generic.DictionaryObject) -> None:
        font = writer.add_object(
            generic.DictionaryObject(
                {
                    generic.NameObject("/Type"): generic.NameObject("/Font"),
                    generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
                    generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
                }
            )
        )
        body = f"1 1 0.6 rg 0 0 220 36 re f 0 0 0 rg BT /Helv 16 Tf 8 12 Td ({text}) Tj ET"
        look = generic.StreamObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/XObject"),
                generic.NameObject("/Subtype"): generic.NameObject("/Form"),
                generic.NameObject("/BBox"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (0, 0, 220, 36)]
                ),
                generic.NameObject("/Resources"): generic.DictionaryObject(
                    {
                        generic.NameObject("/Font"): generic.DictionaryObject(
                            {generic.NameObject("/Helv"): font}
                        )
                    }
                ),
            },
            stream_data=body.encode("latin-1"),
        )
        annot = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (300, 700, 520, 736)]
                ),
                generic.NameObject("/Contents"): generic.TextStringObject(text),
                generic.NameObject("/DA"): generic.TextStringObject("/Helv 16 Tf 0 g"),
                generic.NameObject("/AP"): generic.DictionaryObject(
                    {generic.NameObject("/N"): writer.add_object(look)}
                ),
            }
        )
        _append_annotation(page, writer.add_object(annot))

    return _update(signed, edit)


def add_page(signed: bytes) -> bytes:
    """An incremental update appending a page with new text (a page added after signing)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    content = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F9 24 Tf 72 700 Td (Trang them sau khi ky) Tj ET")
    )
    font = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Font"),
                generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
                generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
            }
        )
    )
    page = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/MediaBox"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (0, 0, 595, 842)]
            ),
            generic.NameObject("/Contents"): content,
            generic.NameObject("/Resources"): generic.DictionaryObject(
                {
                    generic.NameObject("/Font"): generic.DictionaryObject(
                        {generic.NameObject("/F9"): font}
                    )
                }
            ),
        }
    )
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zero_signature(signed: bytes) -> bytes:
    """Overwrite the hex ``/Contents`` of the first signature with zeros (same length)."""
    reader = PdfFileReader(io.BytesIO(signed), strict=False)
    _, len1, start2, _ = reader.embedded_signatures[0].byte_range
    return signed[: len1 + 1] + b"0" * (start2 - len1 - 2) + signed[start2 - 1 :]


def append_garbage(signed: bytes) -> bytes:
    """Bytes after ``%%EOF`` that are not an incremental update."""
    return signed + b"\nDu lieu chen them sau khi ky\n"


def deeply_nested_pdf(depth: int = 50_000) -> bytes:
    """A minimal PDF whose catalog points at an array nested ``depth`` levels deep."""
    nested = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Deep 3 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        nested,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
