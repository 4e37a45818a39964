"""From a checked dossier (``criteria.appraisal.Appraisal``) to the input of Mẫu 02, Mẫu 04, Biểu 03.

The dossier check says, per criterion, whether it counts as ``Đạt`` after its
evidence was verified, and which documents prove it; the appraisal forms
want the same facts in their own input shapes (Thanh Hóa's flat review
layer ``{"1.6": {"status", "comment", "evidence"}}``, Yên Bái's
``evidence``/``appraisal`` maps of Biểu 03). This module is the only place
that knows both shapes, so ``verify`` never imports ``docgen`` and the CLI
and the API build the same input.

The narrative of a form (who signs, the number, the remarks) is the
reviewer's: pass it as ``narrative`` (the form's own field names) and it wins
over the defaults written here, which are neutral sentences drawn from the
check so that a form renders without any extra input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from criteria.appraisal import Appraisal, CriterionAppraisal
from criteria.assessment import Assessment
from docgen.places import place_name

APPRAISAL_FORMS = ("mau-02", "mau-04", "bieu-03")
REVIEW_STATUSES = frozenset(
    {"dat", "khong_dat", "dang_trien_khai", "cho_tham_dinh", "khong_ap_dung"}
)


def review_layer(appraisal: Appraisal) -> dict[str, dict[str, Any]]:
    """Thanh Hóa's review layer: every judged criterion with its checked status and documents."""
    layer: dict[str, dict[str, Any]] = {}
    for row in appraisal.criteria:
        if row.status not in REVIEW_STATUSES:
            continue  # "không đánh giá": no target to judge, the self reading stays
        layer[row.id] = {
            "status": row.status,
            "comment": _comment(row),
            "evidence": list(row.documents),
        }
    return layer


def _comment(row: CriterionAppraisal) -> str:
    if row.status == "dat" and row.documents:
        return "Đạt: có văn bản minh chứng ký số hợp lệ."
    if row.status == "cho_tham_dinh":
        attached = f" (văn bản giải trình: {row.explanation_file})" if row.explanation_file else ""
        text = (row.explanation or "").rstrip(".")
        return f"Chờ thẩm định: đơn vị giải trình “{text}”{attached}."
    if row.status == "khong_ap_dung":
        return "Không áp dụng: không tính vào tổng số tiêu chí."
    if row.self_status == "dat" and not row.evidenced:
        reasons = "; ".join(dict.fromkeys(r.message.rstrip(".") for r in row.reasons))
        return f"Không đạt: chưa có minh chứng hợp lệ ({reasons})." if reasons else "Không đạt."
    return row.status_label


def bieu03_evidence(appraisal: Appraisal) -> dict[str, list[dict[str, Any]]]:
    """Biểu 03's ``evidence``: accepted documents (verified) and each failing file with its reasons."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in appraisal.criteria:
        items: list[dict[str, Any]] = [{"title": d, "verified": True} for d in row.documents]
        by_file: dict[str, list[str]] = {}
        for reason in row.reasons:
            if reason.file:
                text = reason.message.removeprefix(f"{reason.file}: ").rstrip(".")
                by_file.setdefault(reason.file, []).append(text)
        if not row.evidenced:
            items.extend(
                {"title": name, "verified": False, "note": "; ".join(notes)}
                for name, notes in by_file.items()
            )
        if items:
            out[row.id] = items
    return out


def bieu03_appraisal(appraisal: Appraisal) -> dict[str, dict[str, Any]]:
    """Biểu 03's ``appraisal``: the checked status where it is Đạt or Không đạt."""
    return {
        row.id: {"status": row.status, "note": _comment(row)}
        for row in appraisal.criteria
        if row.status in ("dat", "khong_dat")
    }


def _dossier_paragraphs(appraisal: Appraisal) -> list[str]:
    applicable = [c for c in appraisal.criteria if c.status != "khong_ap_dung"]
    total = len(applicable)
    folders = sum(1 for c in applicable if c.folder)
    evidenced = sum(1 for c in applicable if c.evidenced)
    lines = [
        f"Hồ sơ của {appraisal.unit.name} gồm {folders}/{total} thư mục tài liệu minh chứng đặt "
        "theo số thứ tự các tiêu chí.",
        f"Kết quả kiểm tra chữ ký số và thể thức văn bản: {evidenced}/{total} tiêu chí có đủ "
        "các tài liệu kiểm chứng theo yêu cầu (văn bản ký số hợp lệ, đúng loại, đúng cơ quan "
        "ban hành và thời gian).",
    ]
    left_out = [c.id for c in appraisal.criteria if c.status == "khong_ap_dung"]
    if left_out:
        lines.append(
            "Tiêu chí không áp dụng cho xã (không tính vào tổng số): " + ", ".join(left_out) + "."
        )
    missing = [c.id for c in appraisal.criteria if c.self_status == "dat" and not c.evidenced]
    if missing:
        lines.append(
            "Các tiêu chí xã tự đánh giá đạt nhưng chưa có minh chứng hợp lệ: "
            + ", ".join(missing)
            + "."
        )
    explained = [c.id for c in appraisal.criteria if c.status == "cho_tham_dinh"]
    if explained:
        lines.append(
            "Các tiêu chí xã giải trình thay cho tài liệu kiểm chứng, chờ thẩm định: "
            + ", ".join(explained)
            + "."
        )
    return lines


def narrative_defaults(form_id: str, appraisal: Appraisal) -> dict[str, Any]:
    unit = appraisal.unit
    outcome = appraisal.decision.outcome
    if outcome == "dat":
        recommendation = (
            f"Đề nghị cấp có thẩm quyền xem xét, công nhận {unit.name} đạt chuyển đổi số."
        )
    elif outcome == "cho_tham_dinh":
        recommendation = (
            "Đề nghị cấp thẩm định xem xét giải trình của đơn vị ở các tiêu chí "
            f"{', '.join(appraisal.decision.pending)} trước khi kết luận."
        )
    else:
        recommendation = f"Đề nghị {unit.name} bổ sung minh chứng hợp lệ cho các tiêu chí chưa đạt."
    common: dict[str, Any] = {
        "issue": {"place": unit.place or unit.name},
        "practices": ["Không có mô hình nổi trội được ghi nhận trong hồ sơ."],
        "recommendations": [recommendation],
        "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH"},
    }
    if form_id == "mau-02":
        district = unit.parent or "Ủy ban nhân dân huyện"
        common["agency"] = {"name": district, "code": "UBND"}
        common["issue"] = {"place": place_name(district)}
        common["dossier"] = _dossier_paragraphs(appraisal)
    elif form_id == "mau-04":
        common["dossier"] = _dossier_paragraphs(appraisal)
        common["signer"] = {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC"}
        common["issue"] = {"place": unit.province or "Thanh Hóa"}
    elif form_id == "bieu-03":
        common.update(
            agency={"name": unit.name, "parent": unit.parent, "code": "UBND"},
            overview={
                "natural_social": [f"{unit.name} báo cáo kết quả thực hiện Bộ tiêu chí."],
                "advantages_difficulties": ["Theo báo cáo của đơn vị."],
                "before": ["Theo báo cáo của đơn vị."],
            },
            direction={
                "steering": ["Theo báo cáo của đơn vị."],
                "communication": ["Theo báo cáo của đơn vị."],
                "solutions": ["Theo báo cáo của đơn vị."],
            },
            results=_dossier_paragraphs(appraisal),
            plans=["Tiếp tục hoàn thiện minh chứng và duy trì kết quả đạt được."],
        )
        del common["practices"], common["recommendations"]
    return common


def form_input(
    form_id: str,
    assessment: Assessment,
    appraisal: Appraisal,
    narrative: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The input of ``form_id`` (one of :data:`APPRAISAL_FORMS`) filled from the check.

    ``assessment`` and the per-criterion results always come from the check;
    every other field may come from ``narrative``, else from the defaults.
    """
    if form_id not in APPRAISAL_FORMS:
        raise ValueError(f"form {form_id!r} is not filled from a dossier check")
    data = narrative_defaults(form_id, appraisal)
    data.update(dict(narrative or {}))
    data["assessment"] = assessment.model_dump(mode="json", exclude_none=True)
    if form_id == "mau-02":
        data["appraisal"] = review_layer(appraisal)
    elif form_id == "mau-04":
        data.setdefault("appraisal", {})
        data["verification"] = review_layer(appraisal)
    else:
        data["evidence"] = bieu03_evidence(appraisal)
        data["appraisal"] = bieu03_appraisal(appraisal)
    return data
