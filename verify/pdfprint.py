"""A canonical digest of a PDF value, to tell whether two revisions hold the same thing.

Objects are dereferenced through the resolver they came from (so a value of
the signed revision is read as it was then); an indirect object is digested
once per ``Printer`` (the graph of a real file shares fonts and links its
outline items both ways, so a naive walk is exponential), a back edge is
written as the object's number, streams are represented by a SHA-256 of
their encoded bytes, ``/Parent`` links are left out (they point up the tree,
not at content), and the number of objects digested is bounded.
"""

from __future__ import annotations

import hashlib

from pyhanko.pdf_utils import generic

MAX_OBJECTS = 20_000
MAX_DIRECT_DEPTH = 64


class Printer:
    """Digests of the values of one revision, each indirect object computed once."""

    def __init__(self) -> None:
        self.done: dict[tuple[int, int], str] = {}
        self.busy: set[tuple[int, int]] = set()

    def __call__(self, obj: generic.PdfObject) -> str:
        return self._text(obj, 0)

    def _text(self, obj: generic.PdfObject, depth: int) -> str:
        if depth > MAX_DIRECT_DEPTH:
            return "…"
        if isinstance(obj, generic.IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in self.done:
                return self.done[key]
            if key in self.busy or len(self.done) >= MAX_OBJECTS:
                return f"ref({key[0]} {key[1]})"
            self.busy.add(key)
            try:
                text = self._text(obj.get_object(), 0)
            except Exception:  # a dangling or broken reference is a value of its own
                text = "broken"
            finally:
                self.busy.discard(key)
            digest = "#" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]
            self.done[key] = digest
            return digest
        if isinstance(obj, generic.StreamObject):
            body = hashlib.sha256(obj.encoded_data or b"").hexdigest()
            return f"stream({self._text(generic.DictionaryObject(obj), depth + 1)}:{body})"
        if isinstance(obj, generic.DictionaryObject):
            items = sorted(
                (str(k), self._text(obj.raw_get(k), depth + 1)) for k in obj if k != "/Parent"
            )
            return "{" + ",".join(f"{k}={v}" for k, v in items) + "}"
        if isinstance(obj, generic.ArrayObject):
            return (
                "[" + ",".join(self._text(obj.raw_get(i), depth + 1) for i in range(len(obj))) + "]"
            )
        if isinstance(obj, (generic.TextStringObject, generic.ByteStringObject)):
            return "s:" + obj.original_bytes.hex()
        return repr(obj)


def fingerprint(obj: generic.PdfObject) -> str:
    """Canonical digest text of one PDF value (its own ``Printer``)."""
    return Printer()(obj)
