"""Where a file changed after a signature: pages added or removed, a page's content,
annotations, the document's own entries, objects replaced.

pyHanko's difference analysis (``changes.py``) decides whether what happened
after the signed revision is permitted; it does not say *where*, and a
reviewer needs "chú thích thêm trên trang 1 (phiên bản 3)", not "nội dung
trang, đối tượng hoặc cấu trúc tài liệu". This module compares the signed
revision with the file as it is, through pyHanko's own reader and historical
resolver — the page tree of each revision, what each page depends on, and
the objects every later revision wrote — and never parses PDF syntax itself.

A page's *content* is everything it draws: its content streams, resources,
boxes and rotation (annotations apart). Two pages are compared by the
canonical digest of those entries (``pdfprint.Printer``), so an
object rewritten with the same bytes (some signing tools do) is not a
change, and an overlay object replaced under the same number (a "shadow"
attack) is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader

from verify.pdfprint import Printer
from verify.report import Change

logger = logging.getLogger(__name__)

Ref = tuple[int, int]
Resolver = HistoricalResolver | PdfFileReader

MAX_PAGES = 3_000
MAX_TREE_DEPTH = 32
MAX_REACH = 20_000
MAX_LISTED_OBJECTS = 8
INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
NOT_DRAWN = frozenset(
    {"/Parent", "/Annots", "/B", "/Thumb", "/StructParents", "/Metadata", "/PieceInfo", "/Type"}
)
"""Page entries that do not change what the page shows."""
NOT_SHOWN_BY_ANNOT = frozenset({"/P", "/Parent", "/V", "/Kids", "/Popup", "/IRT"})
"""Annotation entries outside its own look (the field value is compared by ``changes.py``)."""
DOCUMENT_KEYS_IGNORED = frozenset(
    {"/Pages", "/AcroForm", "/DSS", "/Perms", "/Type", "/Version", "/Extensions", "/Metadata"}
)
"""Catalog entries that signing and validation data legitimately touch."""
ANNOT_NAMES = {
    "/Widget": "ô biểu mẫu/ô chữ ký",
    "/FreeText": "chú thích chữ (FreeText)",
    "/Text": "ghi chú (Text)",
    "/Stamp": "con dấu/hình đóng (Stamp)",
    "/Square": "hình chữ nhật",
    "/Circle": "hình tròn",
    "/Ink": "nét vẽ tay (Ink)",
    "/Highlight": "đánh dấu tô sáng",
    "/Underline": "gạch chân",
    "/StrikeOut": "gạch bỏ",
    "/Link": "liên kết",
    "/FileAttachment": "tệp đính kèm",
    "/Line": "đường kẻ",
    "/Polygon": "đa giác",
    "/PolyLine": "đường gấp khúc",
    "/Redact": "che nội dung (Redact)",
}


def _ref(obj: object) -> Ref | None:
    if isinstance(obj, generic.IndirectObject):
        return (obj.idnum, obj.generation)
    return None


@dataclass
class PageInfo:
    """One page of one revision: its object, inherited entries and annotations."""

    ref: Ref | None
    page: generic.DictionaryObject
    inherited: dict[str, generic.PdfObject]
    printer: Printer
    annots: list[tuple[Ref | None, generic.DictionaryObject]] = field(default_factory=list)

    def entry(self, key: str) -> generic.PdfObject | None:
        if key in self.page:
            return self.page.raw_get(key)
        return self.inherited.get(key)

    def content_print(self) -> str:
        """Canonical text of everything the page draws (annotations apart)."""
        keys = sorted({k for k in self.page if k not in NOT_DRAWN} | set(self.inherited))
        parts = []
        for key in keys:
            value = self.entry(key)
            if value is not None:
                parts.append(f"{key}={self.printer(value)}")
        return "|".join(parts)

    def box(self) -> tuple[float, float, float, float] | None:
        raw = self.entry("/CropBox") or self.entry("/MediaBox")
        try:
            values = [float(v) for v in raw.get_object()]  # type: ignore[union-attr]
        except (TypeError, ValueError, AttributeError):
            return None
        if len(values) != 4:
            return None
        x0, y0, x1, y1 = values
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def rotation(self) -> int:
        raw = self.entry("/Rotate")
        try:
            return int(raw.get_object()) % 360 if raw is not None else 0
        except (TypeError, ValueError):
            return 0


def read_pages(resolver: Resolver, printer: Printer | None = None) -> list[PageInfo]:
    """The pages in order, each with its inherited entries; bounded and cycle-safe.

    ``printer``: the digests of this revision (shared by its pages, so shared
    resources are digested once).
    """
    printer = printer or Printer()
    pages: list[PageInfo] = []
    try:
        root = resolver.root.raw_get("/Pages")
    except (KeyError, AttributeError):
        return pages
    seen: set[Ref] = set()

    def walk(
        node_raw: generic.PdfObject, inherited: dict[str, generic.PdfObject], depth: int
    ) -> None:
        if depth > MAX_TREE_DEPTH or len(pages) >= MAX_PAGES:
            return
        ref = _ref(node_raw)
        if ref is not None:
            if ref in seen:
                return
            seen.add(ref)
        node = node_raw.get_object()
        if not isinstance(node, generic.DictionaryObject):
            return
        here = dict(inherited)
        for key in INHERITED:
            if key in node:
                here[key] = node.raw_get(key)
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            kids = node.get("/Kids")
            if isinstance(kids, generic.ArrayObject):
                for i in range(len(kids)):
                    walk(kids.raw_get(i), here, depth + 1)
            return
        own = {k: v for k, v in here.items() if k not in node}
        info = PageInfo(ref, node, own, printer)
        annots = node.get("/Annots")
        if isinstance(annots, generic.ArrayObject):
            for i in range(len(annots)):
                raw = annots.raw_get(i)
                obj = raw.get_object()
                if isinstance(obj, generic.DictionaryObject):
                    info.annots.append((_ref(raw), obj))
        pages.append(info)

    walk(root, {}, 0)
    return pages


def reach(values: Iterable[generic.PdfObject], skip: frozenset[str] = frozenset()) -> set[Ref]:
    """Every indirect object reachable from ``values`` (dictionary keys in ``skip`` left out)."""
    found: set[Ref] = set()
    stack = list(values)
    while stack and len(found) < MAX_REACH:
        item = stack.pop()
        ref = _ref(item)
        if ref is not None:
            if ref in found:
                continue
            found.add(ref)
            try:
                item = item.get_object()
            except Exception:  # a dangling reference reaches nothing
                continue
        if isinstance(item, generic.DictionaryObject):
            stack.extend(item.raw_get(k) for k in item if k not in skip and k != "/Parent")
        elif isinstance(item, generic.ArrayObject):
            stack.extend(item.raw_get(i) for i in range(len(item)))
    return found


@dataclass
class Later:
    """What the revisions after the signed one wrote: object → the first revision writing it."""

    first_write: dict[Ref, int]
    existed: set[Ref]

    @classmethod
    def of(cls, reader: PdfFileReader, signed_revision: int) -> Later:
        first: dict[Ref, int] = {}
        for revision in range(signed_revision + 1, reader.xrefs.total_revisions):
            for ref in reader.xrefs.explicit_refs_in_revision(revision):
                first.setdefault((ref.idnum, ref.generation), revision)
        existed: set[Ref] = set()
        for revision in range(signed_revision + 1):
            existed.update(
                (r.idnum, r.generation) for r in reader.xrefs.explicit_refs_in_revision(revision)
            )
        return cls(first, existed)

    def touched(self, refs: Iterable[Ref]) -> list[Ref]:
        return sorted(r for r in refs if r in self.first_write)

    def revision(self, refs: Iterable[Ref]) -> int | None:
        """1-based revision of the earliest write among ``refs``."""
        revisions = [self.first_write[r] for r in refs if r in self.first_write]
        return min(revisions) + 1 if revisions else None


def _objects(refs: Iterable[Ref], later: Later) -> list[str]:
    return [f"{n} {g}" for n, g in list(refs)[:MAX_LISTED_OBJECTS] if (n, g) in later.existed]


def area_of(annot: generic.DictionaryObject, page: PageInfo) -> list[float] | None:
    """The annotation's /Rect as [left, top, right, bottom] fractions of the page as shown."""
    box = page.box()
    try:
        rect = [float(v) for v in annot["/Rect"]]
    except (KeyError, TypeError, ValueError):
        return None
    if box is None or len(rect) != 4 or box[2] <= box[0] or box[3] <= box[1]:
        return None
    if abs(rect[2] - rect[0]) < 1 or abs(rect[3] - rect[1]) < 1:
        return None  # an invisible widget
    bx0, by0, bx1, by1 = box
    width, height = bx1 - bx0, by1 - by0
    left = (min(rect[0], rect[2]) - bx0) / width
    right = (max(rect[0], rect[2]) - bx0) / width
    top = (by1 - max(rect[1], rect[3])) / height
    bottom = (by1 - min(rect[1], rect[3])) / height
    corners = {
        0: (left, top, right, bottom),
        90: (1 - bottom, left, 1 - top, right),
        180: (1 - right, 1 - bottom, 1 - left, 1 - top),
        270: (top, 1 - right, bottom, 1 - left),
    }.get(page.rotation())
    if corners is None:
        return None
    return [round(min(max(v, 0.0), 1.0), 4) for v in corners]


def _annot_words(annot: generic.DictionaryObject) -> str:
    subtype = annot.get("/Subtype")
    words = (
        ANNOT_NAMES.get(str(subtype), f"chú thích {str(subtype).lstrip('/')}")
        if isinstance(subtype, generic.NameObject)
        else "chú thích"
    )
    text = annot.get("/Contents")
    if isinstance(text, (generic.TextStringObject, generic.ByteStringObject)):
        shown = str(text).strip().replace("\n", " ")
        if shown:
            words += f" với nội dung “{shown[:80]}”"
    return words


def _is_signature_widget(annot: generic.DictionaryObject) -> bool:
    node: object = annot
    for _ in range(MAX_TREE_DEPTH):
        if not isinstance(node, generic.DictionaryObject):
            return False
        if node.get("/FT") == "/Sig":
            return True
        node = node.get("/Parent")
    return False


@dataclass
class PageDiff:
    """The comparison of one page as signed and as it is now."""

    old: PageInfo | None
    new: PageInfo | None
    old_number: int | None
    new_number: int | None


def _pair_pages(old: list[PageInfo], new: list[PageInfo]) -> list[PageDiff]:
    """Pages matched by their object, else by position when the object was replaced."""
    old_by_ref = {p.ref: i for i, p in enumerate(old) if p.ref is not None}
    new_refs = {p.ref for p in new if p.ref is not None}
    pairs: list[PageDiff] = []
    used: set[int] = set()
    for j, page in enumerate(new):
        i = old_by_ref.get(page.ref) if page.ref is not None else None
        if i is None and j < len(old) and old[j].ref not in new_refs and j not in used:
            i = j  # the page object itself was replaced at the same place
        if i is not None:
            used.add(i)
        pairs.append(PageDiff(old[i] if i is not None else None, page, i, j))
    pairs.extend(PageDiff(p, None, i, None) for i, p in enumerate(old) if i not in used)
    return pairs


def _page_changes(pair: PageDiff, later: Later) -> list[Change]:
    new, old = pair.new, pair.old
    now = pair.new_number + 1 if pair.new_number is not None else None
    then = pair.old_number + 1 if pair.old_number is not None else None
    if old is None and new is not None:
        refs = reach([new.page.raw_get(k) for k in new.page if k not in NOT_DRAWN])
        revision = later.revision([*([new.ref] if new.ref else []), *refs])
        return [
            Change(
                kind="page_added",
                page=now,
                revision=revision,
                text=f"Trang {now} được thêm vào.",
            )
        ]
    if new is None or old is None:
        return [
            Change(
                kind="page_removed", signed_page=then, text=f"Trang {then} của bản đã ký đã bị xoá."
            )
        ]
    changes: list[Change] = []
    entries = [new.entry(k) for k in {*new.page, *new.inherited} if k not in NOT_DRAWN]
    drawn = reach([e for e in entries if e is not None])
    candidates = later.touched(drawn | ({new.ref} if new.ref else set()))
    if (
        candidates
        and not _same_drawing(old, new, drawn, later)
        and old.content_print() != new.content_print()
    ):
        replaced = later.touched(drawn)
        where = f"Nội dung trang {now} bị thay đổi"
        objects = _objects(replaced, later)
        detail = f" (đối tượng {', '.join(objects)} bị ghi đè)" if objects else ""
        changes.append(
            Change(
                kind="page_content",
                page=now,
                signed_page=then,
                revision=later.revision(candidates),
                objects=objects,
                text=where + detail + ".",
            )
        )
    changes.extend(_annotation_changes(old, new, now, then, later))
    return changes


def _same_drawing(old: PageInfo, new: PageInfo, drawn: set[Ref], later: Later) -> bool:
    """Both pages certainly draw the same, known without digesting what they draw.

    When only the page object itself was rewritten (a signature widget added
    to its ``/Annots``), its drawn entries are usually the same references:
    if nothing the new page reaches was written after the signature (and the
    reach was not cut short), the same references name the same unchanged
    objects in both revisions, so ``content_print`` would be equal — fonts
    and content streams are then not digested twice. Anything else is left
    to the digests.
    """
    if len(drawn) >= MAX_REACH or later.touched(drawn):
        return False
    keys = {k for k in new.page if k not in NOT_DRAWN} | set(new.inherited)
    if keys != {k for k in old.page if k not in NOT_DRAWN} | set(old.inherited):
        return False
    return all(_same_raw(old.entry(k), new.entry(k), 0) for k in keys)


def _same_raw(a: object, b: object, depth: int) -> bool:
    """Written alike: the same indirect references, equal direct values (as printed)."""
    if depth > MAX_TREE_DEPTH:
        return False
    if isinstance(a, generic.IndirectObject) or isinstance(b, generic.IndirectObject):
        return _ref(a) is not None and _ref(a) == _ref(b)
    if type(a) is not type(b) or isinstance(a, generic.StreamObject):
        return False
    if isinstance(a, generic.DictionaryObject) and isinstance(b, generic.DictionaryObject):
        return a.keys() == b.keys() and all(
            _same_raw(a.raw_get(k), b.raw_get(k), depth + 1) for k in a
        )
    if isinstance(a, generic.ArrayObject) and isinstance(b, generic.ArrayObject):
        return len(a) == len(b) and all(
            _same_raw(a.raw_get(i), b.raw_get(i), depth + 1) for i in range(len(a))
        )
    strings = (generic.TextStringObject, generic.ByteStringObject)
    if isinstance(a, strings) and isinstance(b, strings):
        return a.original_bytes == b.original_bytes
    return repr(a) == repr(b)


def _annotation_change(
    annot: generic.DictionaryObject,
    page: PageInfo,
    pages: tuple[int | None, int | None],
    revision: int | None,
    existed: bool,
) -> Change:
    """An annotation added (or, ``existed``, changed) on ``page``; a signature's own widget
    being signed is a permitted change. ``pages``: its page number now and as signed."""
    now, then = pages
    signature = _is_signature_widget(annot)
    if signature:
        text = (
            f"Ô chữ ký trên trang {now} được ký (hình hiển thị chữ ký được cập nhật)."
            if existed
            else f"Ô chữ ký mới được thêm trên trang {now}."
        )
    elif existed:
        text = f"{_annot_words(annot).capitalize()} trên trang {now} đã bị sửa."
    else:
        text = f"Thêm {_annot_words(annot)} trên trang {now}."
    kind = (
        "signature_added" if signature else "annotation_changed" if existed else "annotation_added"
    )
    return Change(
        kind=kind,
        permitted=signature,
        page=now,
        signed_page=then,
        revision=revision,
        area=area_of(annot, page),
        text=text,
    )


def _annotation_changes(
    old: PageInfo, new: PageInfo, now: int | None, then: int | None, later: Later
) -> list[Change]:
    changes: list[Change] = []
    before = {ref: annot for ref, annot in old.annots if ref is not None}
    after = {ref: annot for ref, annot in new.annots if ref is not None}
    for ref, annot in new.annots:
        if ref is not None and ref in before:
            old_annot = before[ref]
            look = reach([annot.raw_get(k) for k in annot if k not in NOT_SHOWN_BY_ANNOT])
            if not later.touched({ref} | look):
                continue
            strip = {k: v for k, v in annot.items() if k not in NOT_SHOWN_BY_ANNOT}
            strip_old = {k: v for k, v in old_annot.items() if k not in NOT_SHOWN_BY_ANNOT}
            if new.printer(generic.DictionaryObject(strip)) == old.printer(
                generic.DictionaryObject(strip_old)
            ):
                continue
            changes.append(
                _annotation_change(annot, new, (now, then), later.revision({ref} | look), True)
            )
            continue
        revision = later.revision([ref] if ref else [])
        changes.append(_annotation_change(annot, new, (now, then), revision, False))
    for ref, annot in old.annots:
        if ref is not None and ref not in after:
            changes.append(
                Change(
                    kind="annotation_removed",
                    page=now,
                    signed_page=then,
                    area=area_of(annot, old),
                    text=f"{_annot_words(annot).capitalize()} trên trang {then} của bản đã ký đã bị xoá.",
                )
            )
    return changes


def _document_changes(
    old: Resolver, new: PdfFileReader, later: Later, printers: tuple[Printer, Printer]
) -> list[Change]:
    changes: list[Change] = []
    try:
        old_root, new_root = old.root, new.root
    except (KeyError, AttributeError):
        return changes
    for key in sorted((set(old_root) | set(new_root)) - DOCUMENT_KEYS_IGNORED):
        before = printers[0](old_root.raw_get(key)) if key in old_root else None
        after = printers[1](new_root.raw_get(key)) if key in new_root else None
        if before == after:
            continue
        what = {
            "/OpenAction": "hành động tự chạy khi mở tệp (/OpenAction)",
            "/AA": "hành động tự động của tài liệu (/AA)",
            "/Names": "danh mục tên của tài liệu (/Names: tệp đính kèm, mã JavaScript...)",
            "/Outlines": "mục lục (/Outlines)",
            "/OCProperties": "các lớp nội dung ẩn/hiện (/OCProperties)",
            "/StructTreeRoot": "cây cấu trúc (thẻ) của tài liệu (/StructTreeRoot)",
            "/PieceInfo": "dữ liệu riêng của phần mềm soạn thảo (/PieceInfo)",
        }.get(key, f"mục {key} của tài liệu")
        verb = "được thêm" if before is None else "bị xoá" if after is None else "bị thay đổi"
        refs = reach([new_root.raw_get(key)]) if key in new_root else set()
        changes.append(
            Change(
                kind="document",
                revision=later.revision(refs),
                text=f"{what[0].upper()}{what[1:]} {verb}.",
            )
        )
    return changes


def _entry_print(root: generic.DictionaryObject, key: str, printer: Printer) -> str | None:
    return printer(root.raw_get(key)) if key in root else None


def _validation_data(
    old: Resolver, new: PdfFileReader, later: Later, printers: tuple[Printer, Printer]
) -> list[Change]:
    """A DSS added or extended: validation data, always permitted."""
    try:
        after = _entry_print(new.root, "/DSS", printers[1])
        if after in (None, _entry_print(old.root, "/DSS", printers[0])):
            return []
        refs = reach([new.root.raw_get("/DSS")])
    except (KeyError, AttributeError):
        return []
    return [
        Change(
            kind="validation_data",
            permitted=True,
            revision=later.revision(refs),
            text="Dữ liệu xác thực (chứng thư, CRL/OCSP) được thêm vào tệp: được phép.",
        )
    ]


def _is_structural(new: PdfFileReader, ref: Ref) -> bool:
    """Cross-reference and object streams: containers of the update, not content."""
    try:
        obj = new.get_object(generic.Reference(*ref, new))
    except Exception:  # unreadable: let it be listed
        return False
    return isinstance(obj, generic.StreamObject) and obj.get("/Type") in ("/XRef", "/ObjStm")


def _unexplained(new: PdfFileReader, later: Later) -> list[Change]:
    """Objects of the signed revision rewritten later that nothing in the file uses any more."""
    try:
        used = reach([new.trailer_view.raw_get(k) for k in new.trailer_view])
    except (KeyError, AttributeError):
        return []
    stray = [
        r
        for r in later.touched(later.first_write)
        if r in later.existed and r not in used and not _is_structural(new, r)
    ]
    if not stray:
        return []
    objects = [f"{n} {g}" for n, g in stray[:MAX_LISTED_OBJECTS]]
    return [
        Change(
            kind="object_replaced",
            revision=later.revision(stray),
            objects=objects,
            text=(
                f"Đối tượng {', '.join(objects)} của bản đã ký bị ghi đè, "
                "không còn được trang hay biểu mẫu nào dùng."
            ),
        )
    ]


def locate_changes(reader: PdfFileReader, signed_revision: int) -> list[Change]:
    """Every change after ``signed_revision`` (0-based), where it is; empty when none."""
    if signed_revision >= reader.xrefs.total_revisions - 1:
        return []
    later = Later.of(reader, signed_revision)
    old_resolver = reader.get_historical_resolver(signed_revision)
    printers = (Printer(), Printer())
    old_pages, new_pages = read_pages(old_resolver, printers[0]), read_pages(reader, printers[1])
    changes: list[Change] = []
    for pair in _pair_pages(old_pages, new_pages):
        changes.extend(_page_changes(pair, later))
    changes.extend(_document_changes(old_resolver, reader, later, printers))
    changes.extend(_validation_data(old_resolver, reader, later, printers))
    changes.extend(_unexplained(reader, later))
    return changes
