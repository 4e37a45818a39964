"""Changes after signing: what the later revisions of the file did.

Only later signatures (with their fields), document timestamps and
validation data (DSS) are permitted; anything else means the signature no
longer vouches for what is shown. pyHanko's difference analysis
(``StandardDiffPolicy``) is the base, but it calls both "another signature was
added" and "a form value was changed" FORM_FILLING. We tell them apart by
comparing, revision against revision, every form field's value and every
signature dictionary ourselves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    DiffResult,
    ModificationLevel,
    SuspiciousModification,
)
from pyhanko.sign.fields import MDPPerm

from verify.pdfprint import fingerprint
from verify.report import Change, ModifiedAfter
from verify.revision_diff import locate_changes

logger = logging.getLogger(__name__)

MAX_DEPTH = 12
MAX_FIELDS = 5_000


@dataclass
class ChangeResult:
    """The kind of modification after the signed revision, with reasons and where."""

    modified_after: ModifiedAfter
    messages: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def permitted(self) -> bool:
        return self.modified_after in ("none", "signatures_or_validation_data")


@dataclass(frozen=True)
class FieldState:
    """A form field in one revision: its type and a fingerprint of its value."""

    field_type: str | None
    value: str | None


def field_states(handler: HistoricalResolver | PdfFileReader) -> dict[str, FieldState]:
    """Every terminal form field with its value, as seen in one revision."""
    states: dict[str, FieldState] = {}
    try:
        fields = handler.root["/AcroForm"]["/Fields"]
    except (KeyError, TypeError):
        return states
    seen: set[tuple[int, int]] = set()

    def walk(items: object, prefix: str | None, ft: object, depth: int) -> None:
        if depth > MAX_DEPTH or not isinstance(items, generic.ArrayObject):
            return
        for i in range(len(items)):
            if len(states) > MAX_FIELDS:
                return
            raw = items.raw_get(i)
            if isinstance(raw, generic.IndirectObject):
                if (raw.idnum, raw.generation) in seen:
                    continue
                seen.add((raw.idnum, raw.generation))
            node = raw.get_object()
            if not isinstance(node, generic.DictionaryObject):
                continue
            partial = node.get("/T")
            name = (
                prefix if partial is None else (f"{prefix}.{partial}" if prefix else str(partial))
            )
            node_ft = node.get("/FT", ft)
            if "/Kids" in node and any(
                isinstance(k.get_object(), generic.DictionaryObject) and "/T" in k.get_object()
                for k in node["/Kids"]
            ):
                walk(node["/Kids"], name, node_ft, depth + 1)
                continue
            value = fingerprint(node.raw_get("/V")) if "/V" in node else None
            states[name or f"#{i}"] = FieldState(str(node_ft) if node_ft else None, value)

    walk(fields, None, None, 0)
    return states


def compare_fields(old: dict[str, FieldState], new: dict[str, FieldState]) -> ChangeResult:
    """Classify field changes: new signatures are fine, anything else is not."""
    messages: list[str] = []
    kind: ModifiedAfter = "signatures_or_validation_data"
    for name, before in old.items():
        after = new.get(name)
        if after is None:
            messages.append(f"Trường biểu mẫu '{name}' đã bị xoá sau khi ký.")
            kind = "other"
        elif (
            before.field_type == "/Sig" and before.value is not None and after.value != before.value
        ):
            messages.append(f"Chữ ký '{name}' (từ điển chữ ký) đã bị thay đổi sau khi ký.")
            kind = "other"
        elif before.field_type != "/Sig" and after.value != before.value:
            messages.append(f"Giá trị trường biểu mẫu '{name}' đã bị thay đổi sau khi ký.")
            if kind != "other":
                kind = "form_filling"
    for name, after in new.items():
        if name not in old and after.field_type != "/Sig" and after.value is not None:
            messages.append(f"Trường biểu mẫu '{name}' được thêm và điền sau khi ký.")
            if kind != "other":
                kind = "form_filling"
    return ChangeResult(kind, messages)


def _newly_signed(old: dict[str, FieldState], new: dict[str, FieldState]) -> set[str]:
    """Signature fields empty or absent in the signed revision, filled now."""
    return {
        name
        for name, state in new.items()
        if state.field_type == "/Sig"
        and state.value is not None
        and (name not in old or old[name].value is None)
    }


MAX_NAMED_CHANGES = 4


def analyse_changes(
    reader: PdfFileReader, signed_revision: int, docmdp: MDPPerm | None
) -> ChangeResult:
    """What happened after ``signed_revision`` (0-based): permitted or not, and where.

    pyHanko's analysis judges; ``revision_diff`` says where. When the file
    was modified, the message names the changes ("thêm chú thích … trên
    trang 1") instead of a generic sentence.
    """
    result = _judge(reader, signed_revision, docmdp)
    if result.modified_after == "none":
        return result
    try:
        located = locate_changes(reader, signed_revision)
    except Exception as exc:  # locating is a help to the reviewer, never a verdict
        logger.info("locating the changes failed: %s", exc)
        located = []
    fields = [
        Change(kind="form_field", text=m)
        for m in result.messages
        if m.startswith("Trường biểu mẫu") or m.startswith("Giá trị trường")
    ]
    result.changes = [*located, *fields]
    allowed_kinds = ("signature_added", "validation_data") if docmdp != MDPPerm.NO_CHANGES else ()
    for change in result.changes:
        change.permitted = result.permitted or change.kind in allowed_kinds
    refused = [c for c in result.changes if not c.permitted]
    if not result.permitted and not refused:
        unplaced = Change(
            kind="object_replaced",
            text="Có thay đổi không được phép mà không xác định được vị trí cụ thể (đối tượng "
            "hoặc cấu trúc tài liệu bị ghi lại).",
        )
        result.changes.append(unplaced)
    elif not result.permitted:
        named = "; ".join(
            _lower_first(c.text.rstrip(".")) + (f" (phiên bản {c.revision})" if c.revision else "")
            for c in refused[:MAX_NAMED_CHANGES]
        )
        more = (
            f" (và {len(refused) - MAX_NAMED_CHANGES} thay đổi khác)"
            if len(refused) > MAX_NAMED_CHANGES
            else ""
        )
        result.messages = [
            f"Tệp đã bị sửa sau khi ký: {named}{more}. Chữ ký không còn bảo đảm cho nội dung "
            "đang hiển thị."
        ]
    return result


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _judge(reader: PdfFileReader, signed_revision: int, docmdp: MDPPerm | None) -> ChangeResult:
    """pyHanko's judgement of the revisions after ``signed_revision``, in the report's words."""
    if signed_revision >= reader.xrefs.total_revisions - 1:
        return ChangeResult("none")
    try:
        diff = DEFAULT_DIFF_POLICY.review_file(reader, signed_revision, doc_mdp=docmdp)
    except SuspiciousModification as exc:
        diff = exc
    except Exception as exc:  # the analysis itself failed on a malformed update
        logger.info("difference analysis failed: %s", exc)
        return ChangeResult("other", ["Không phân tích được các thay đổi sau khi ký."])
    if isinstance(diff, SuspiciousModification):
        return ChangeResult(
            "other",
            ["Tệp đã bị sửa sau khi ký (nội dung trang, đối tượng hoặc cấu trúc tài liệu)."],
        )
    assert isinstance(diff, DiffResult)
    level = diff.modification_level
    if level == ModificationLevel.NONE:
        return ChangeResult("none")
    if level == ModificationLevel.LTA_UPDATES:
        result = ChangeResult("signatures_or_validation_data")
    elif level == ModificationLevel.FORM_FILLING:
        old = field_states(reader.get_historical_resolver(signed_revision))
        new = field_states(reader)
        result = compare_fields(old, new)
        unexplained = set(diff.changed_form_fields) - _newly_signed(old, new)
        if unexplained and result.permitted:
            result = ChangeResult(
                "form_filling",
                [
                    f"Trường biểu mẫu '{name}' (giá trị hoặc hình hiển thị) đã bị thay đổi sau khi ký."
                    for name in sorted(unexplained)
                ],
            )
    elif level == ModificationLevel.ANNOTATIONS:
        return ChangeResult(
            "annotations", ["Có chú thích (annotation) được thêm hoặc sửa sau khi ký."]
        )
    else:
        return ChangeResult("other", ["Tệp đã bị sửa sau khi ký."])
    if result.permitted and docmdp == MDPPerm.NO_CHANGES and level != ModificationLevel.LTA_UPDATES:
        return ChangeResult(
            "other", ["Chữ ký chứng thực không cho phép bất kỳ thay đổi nào, kể cả ký thêm."]
        )
    if result.permitted:
        result.messages.append("Sau khi ký chỉ có thêm chữ ký hoặc dữ liệu xác thực (được phép).")
    return result
