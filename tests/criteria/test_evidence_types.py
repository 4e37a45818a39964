"""The kinds of document each criterion's evidence asks for, read from every catalog."""

from __future__ import annotations

import pytest

from criteria import all_catalogs, load_catalog
from criteria.evidence_types import (
    KNOWN_TYPES,
    accepted_types,
    evidence_types,
    fold,
    type_matches,
    types_in_text,
)

ALL = [(catalog.id, criterion) for catalog in all_catalogs() for criterion in catalog.criteria]


@pytest.mark.parametrize(("catalog_id", "criterion"), ALL, ids=[f"{c}:{k.id}" for c, k in ALL])
def test_every_criterion_of_every_catalog_gets_known_kinds(catalog_id, criterion):
    """Every derived kind is one of the vocabulary, and a sentence that opens with a kind asks for it."""
    kinds = evidence_types(criterion)
    assert set(kinds) <= set(KNOWN_TYPES), (catalog_id, criterion.id, kinds)
    for sentence in criterion.evidence:
        head = fold(sentence)
        for phrase, kind in (
            ("bao cao", "BÁO CÁO"),
            ("quyet dinh", "QUYẾT ĐỊNH"),
            ("ke hoach", "KẾ HOẠCH"),
            ("danh sach", "DANH SÁCH"),
        ):
            if head.startswith(phrase):
                assert kind in kinds, (catalog_id, criterion.id, sentence)


@pytest.mark.parametrize(
    ("catalog_id", "criterion_id", "expected"),
    [
        ("yenbai-2024-so", "I.1", ["QUYẾT ĐỊNH"]),
        ("yenbai-2024-so", "I.2", ["CHƯƠNG TRÌNH", "KẾ HOẠCH"]),
        ("yenbai-2024-so", "I.3", ["QUYẾT ĐỊNH", "KẾ HOẠCH", "BÁO CÁO"]),
        ("yenbai-2024-so", "I.5", []),
        ("yenbai-2024-xa", "I.10", ["QUYẾT ĐỊNH", "CÔNG VĂN"]),
        ("yenbai-2024-xa", "I.9", ["BÁO CÁO", "CÔNG VĂN", "GIẤY MỜI", "KẾ HOẠCH"]),
        ("yenbai-2024-xa", "II.5", ["BÁO CÁO"]),
        ("yenbai-2024-xa", "I.19", ["BÁO CÁO", "DANH SÁCH"]),
        ("yenbai-2024-huyen", "IV.3", ["BÁO CÁO", "QUYẾT ĐỊNH", "KẾ HOẠCH"]),
        ("thanhhoa-2023-xa", "1.1", ["KẾ HOẠCH", "BÁO CÁO"]),
        ("thanhhoa-2023-xa", "1.4", ["BÁO CÁO"]),
        ("thanhhoa-2023-xa", "1.9", ["QUYẾT ĐỊNH", "QUY CHẾ"]),
        ("thanhhoa-2023-xa", "4.2", ["QUYẾT ĐỊNH"]),
        ("thanhhoa-2023-xa", "4.6", []),
    ],
)
def test_known_readings(catalog_id, criterion_id, expected):
    """The readings an official would give for representative seed sentences."""
    criterion = load_catalog(catalog_id).find(criterion_id)
    assert criterion is not None
    assert evidence_types(criterion) == expected


def test_citations_and_prose_are_not_requests():
    """A numbered document is cited, not asked for; a kind inside prose is not a request."""
    assert types_in_text("Thực hiện theo Công văn số 917/VP-CNTT ngày 12/6/2023") == []
    assert types_in_text("theo các tiêu chí Nghị định 42/2022/NĐ-CP") == []
    assert types_in_text("Thực hiện theo hướng dẫn của ngành Công an.") == []
    assert types_in_text("học tập nghị quyết") == []
    assert types_in_text("Cung cấp các văn bản: Quyết định thành lập, Quy chế hoạt động.") == [
        "QUYẾT ĐỊNH",
        "QUY CHẾ",
    ]


def test_explicit_types_in_the_catalog_win():
    """``evidence_types`` written by an official overrides the reading of the text."""
    criterion = load_catalog("yenbai-2024-so").find("I.1")
    assert criterion is not None
    overridden = criterion.model_copy(update={"evidence_types": ["Tờ trình", "biên bản"]})
    assert evidence_types(overridden) == ["TỜ TRÌNH", "BIÊN BẢN"]
    assert type_matches("TỜ TRÌNH", overridden)
    assert not type_matches("QUYẾT ĐỊNH", overridden)


def test_matching_ignores_case_and_diacritics_and_lists_ride_on_carriers():
    """``Quyết định`` matches ``QUYẾT ĐỊNH``; a danh sách may come as a report's annex."""
    criterion = load_catalog("yenbai-2024-xa").find("III.10")
    assert criterion is not None
    assert "BÁO CÁO" in accepted_types(criterion)
    assert type_matches("Danh sách", criterion)
    assert type_matches("BAO CAO", criterion)
    assert not type_matches("TỜ TRÌNH", criterion)
    assert not type_matches(None, criterion)


def test_a_criterion_without_named_kinds_accepts_any_typed_document():
    """``Đường dẫn Fanpage`` names no kind: any document with a type evidences it."""
    criterion = load_catalog("yenbai-2024-so").find("I.5")
    assert criterion is not None
    assert type_matches("THÔNG BÁO", criterion)
    assert not type_matches(None, criterion)
