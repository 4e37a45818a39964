"""A dossier check's appraisal fills Mẫu 02, Mẫu 04 and Biểu 03 through one adapter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import docgen
from criteria import evaluate, parse_assessment
from criteria.appraisal import CriterionEvidence, EvidenceReason, appraise
from docgen.from_appraisal import form_input, review_layer
from tests.support.docx_helpers import docx_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "assessments"


def _appraisal(name: str, failing: str):
    data = json.loads((EXAMPLES / name).read_text("utf-8"))
    assessment, evaluated = parse_assessment(data), evaluate(data)
    evidence = {
        c.id: CriterionEvidence(
            evidenced=True, documents=[f"Báo cáo số {i}/BC-UBND ngày 02/03/2024"]
        )
        for i, c in enumerate(evaluated.criteria, start=1)
    }
    evidence[failing] = CriterionEvidence(
        evidenced=False,
        reasons=[
            EvidenceReason(
                code="SIGNATURE_INVALID",
                message=f"{failing}/a.pdf: chữ ký số không hợp lệ.",
                file=f"{failing}/a.pdf",
            )
        ],
    )
    return assessment, appraise(assessment, evaluated, evidence)


def _text(content: bytes) -> str:
    return docx_text(content)


def test_review_layer_has_the_thanh_hoa_shape():
    """``{"1.1": {"status", "comment", "evidence"}}``, statuses the form accepts."""
    _assessment, appraisal = _appraisal("thanhhoa-xa.json", "1.1")
    layer = review_layer(appraisal)
    assert layer["1.1"]["status"] == "khong_dat"
    assert "chữ ký số không hợp lệ" in layer["1.1"]["comment"]
    assert layer["1.2"]["evidence"] == ["Báo cáo số 2/BC-UBND ngày 02/03/2024"]
    assert {v["status"] for v in layer.values()} <= {"dat", "khong_dat", "dang_trien_khai"}


@pytest.mark.parametrize("form_id", ["mau-02", "mau-04"])
def test_thanh_hoa_forms_render_from_a_check(form_id):
    """Mẫu 02/04 render with the appraised status and the evidence column filled."""
    assessment, appraisal = _appraisal("thanhhoa-xa.json", "1.1")
    text = _text(docgen.render(form_id, form_input(form_id, assessment, appraisal)))
    assert "Báo cáo số 2/BC-UBND ngày 02/03/2024" in text
    assert "chữ ký số không hợp lệ" in text


def test_bieu_03_renders_with_verified_and_failing_evidence():
    """Biểu 03 lists accepted documents and the failing file with its reason."""
    assessment, appraisal = _appraisal("yenbai-xa-dat.json", "I.1")
    data = form_input("bieu-03", assessment, appraisal, {"signer": {"title": "Chủ tịch"}})
    assert data["evidence"]["I.1"] == [
        {"title": "I.1/a.pdf", "verified": False, "note": "chữ ký số không hợp lệ"}
    ]
    text = _text(docgen.render("bieu-03", data))
    assert "I.1/a.pdf" in text


def test_narrative_overrides_defaults_but_not_the_check():
    """The caller's narrative wins; the assessment and results always come from the check."""
    assessment, appraisal = _appraisal("thanhhoa-xa.json", "1.1")
    data = form_input(
        "mau-02", assessment, appraisal, {"dossier": ["Hồ sơ đầy đủ."], "appraisal": {}}
    )
    assert data["dossier"] == ["Hồ sơ đầy đủ."]
    assert data["appraisal"]["1.1"]["status"] == "khong_dat"


@pytest.mark.parametrize("form_id", ["mau-02", "mau-04"])
def test_an_explained_criterion_shows_as_awaiting_with_its_explanation(form_id):
    """Mẫu 02/04: the explained criterion reads Chờ thẩm định with the commune's text, the
    group lists it, 4.8 is left out of the count, and the conclusion awaits the appraiser."""
    data = json.loads((EXAMPLES / "thanhhoa-xa-giai-trinh-cho-tham-dinh.json").read_text("utf-8"))
    assessment, evaluated = parse_assessment(data), evaluate(data)
    evidence = {
        c.id: CriterionEvidence(evidenced=c.id != "1.6", documents=["Báo cáo số 1/BC-UBND"])
        for c in evaluated.criteria
    }
    appraisal = appraise(assessment, evaluated, evidence)
    layer = review_layer(appraisal)
    assert layer["1.6"]["status"] == "cho_tham_dinh" and layer["4.8"]["status"] == "khong_ap_dung"
    text = _text(docgen.render(form_id, form_input(form_id, assessment, appraisal)))
    assert "Chờ thẩm định" in text and "sổ theo dõi của bộ phận một cửa" in text
    assert "Chỉ tiêu chờ thẩm định: 1 (tiêu chí 1.6)" in text
    assert "Chỉ tiêu không áp dụng: 1 (tiêu chí 4.8)" in text
    assert "35/36 (không tính 1 tiêu chí không áp dụng: 4.8; 1 tiêu chí chờ thẩm định: 1.6)" in text
    assert "Kết quả: CHỜ THẨM ĐỊNH" in text
