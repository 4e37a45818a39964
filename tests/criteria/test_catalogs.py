"""Every catalog matches the counts its seed document states, criterion by criterion."""

from __future__ import annotations

from collections import Counter

import pytest

from criteria import all_catalogs, catalog_ids, load_catalog
from criteria.catalog import TIERS

# (catalog id, tier) -> criteria per group, as the seed documents state them.
STATED_COUNTS: dict[tuple[str, str], dict[str, int]] = {
    # seed 001, Biểu 04 (sở): 27 criteria, I 15, II 8, III 4 (union of both tiers)
    ("yenbai-2024-so", "all"): {"I": 15, "II": 8, "III": 4},
    # seed 001, Biểu 04 (huyện): 46 criteria, I 1, II 27, III 8, IV 10
    ("yenbai-2024-huyen", "all"): {"I": 1, "II": 27, "III": 8, "IV": 10},
    # seed 001, Biểu 04 (xã): 52 criteria, I 27, II 11, III 14
    ("yenbai-2024-xa", "all"): {"I": 27, "II": 11, "III": 14},
    # seed 003: 1.1-1.11, 2.1-2.6, 3.1-3.12, 4.1-4.8
    ("thanhhoa-2023-xa", "cds"): {"1": 11, "2": 6, "3": 12, "4": 8},
    # seed 004, Điều 1: Phụ lục 01 7+6+3+9, Phụ lục 02 5+4+2+5
    ("daknong-2023-xa", "cds"): {"I": 7, "II": 6, "III": 3, "IV": 9},
    ("daknong-2023-xa", "cds_nang_cao"): {"I": 5, "II": 4, "III": 2, "IV": 5},
    # seed 000, Điều 1: 03 nhóm, 06 + 02 + 03 tiêu chí
    ("yenbai-2023-congdanso", "cds"): {"3.1": 6, "3.2": 2, "3.3": 3},
}


def test_all_seven_catalogs_are_shipped() -> None:
    assert set(catalog_ids()) == {
        "yenbai-2024-so",
        "yenbai-2024-huyen",
        "yenbai-2024-xa",
        "thanhhoa-2023-xa",
        "daknong-2023-xa",
        "yenbai-2023-congdanso",
        "yenbai-chitieu-tinh",
    }


@pytest.mark.parametrize(("key", "expected"), list(STATED_COUNTS.items()), ids=str)
def test_counts_per_group_match_the_seed(key: tuple[str, str], expected: dict[str, int]) -> None:
    catalog_id, tier = key
    catalog = load_catalog(catalog_id)
    criteria = catalog.criteria if tier == "all" else catalog.criteria_of_tier(tier)  # type: ignore[arg-type]
    assert dict(Counter(c.group for c in criteria)) == expected


def test_thanhhoa_ids_run_as_the_seed_numbers_them() -> None:
    ids = [c.id for c in load_catalog("thanhhoa-2023-xa").criteria]
    expected = [
        f"{g}.{n}"
        for g, count in (("1", 11), ("2", 6), ("3", 12), ("4", 8))
        for n in range(1, count + 1)
    ]
    assert ids == expected


def test_provincial_indicator_set_is_marked_incomplete() -> None:
    catalog = load_catalog("yenbai-chitieu-tinh")
    assert not catalog.complete
    assert "38" in (catalog.completeness_note or "")
    assert 0 < len(catalog.criteria) < 38


@pytest.mark.parametrize("catalog", all_catalogs(), ids=lambda c: c.id)
def test_every_criterion_has_name_unit_and_a_tier(catalog) -> None:  # type: ignore[no-untyped-def]
    for criterion in catalog.criteria:
        assert criterion.name.strip(), criterion.id
        assert criterion.unit.strip(), criterion.id
        assert any(criterion.tiers.get(t) is not None for t in TIERS), criterion.id


def test_daknong_keeps_separate_targets_for_xa_and_phuong() -> None:
    first = load_catalog("daknong-2023-xa").find("I.1", "cds")
    assert first is not None and first.tiers.cds is not None
    by_area = first.tiers.cds.targets_by_area
    assert by_area is not None
    assert by_area["xa"].text == "70" and by_area["phuong"].text == "80"


def test_non_numeric_targets_are_typed() -> None:
    xa = load_catalog("yenbai-2024-xa")
    huyen = load_catalog("yenbai-2024-huyen")
    staff = xa.find("I.10")
    assert staff is not None and staff.tiers.cds is not None
    assert staff.tiers.cds.target is not None and staff.tiers.cds.target.kind == "count"
    compound = huyen.find("I.1")
    assert compound is not None and compound.tiers.cds_nang_cao is not None
    target = compound.tiers.cds_nang_cao.target
    assert target is not None and target.kind == "all_of"


def test_ambiguous_single_column_rows_carry_a_visible_note() -> None:
    so = load_catalog("yenbai-2024-so")
    followers = so.find("I.5")
    assert followers is not None
    spec = followers.tiers.cds or followers.tiers.cds_nang_cao
    assert spec is not None
    assert spec.note or followers.note, "the reading of a one-column row must be noted"


# Documents each criterion's evidence needs, as transcribed from the seeds (issue 11):
# total per catalog, and every criterion that needs more than one document.
TRANSCRIBED_DOCUMENTS: dict[str, tuple[int, dict[str, int]]] = {
    # seed 001 Biểu 04 (sở): I.3 QĐ + KH + BC of the club; III.4 văn bản cử + BC
    "yenbai-2024-so": (30, {"I.3": 3, "III.4": 2}),
    # seed 001 Biểu 04 (huyện): one document each ("Báo cáo …", the recognition QĐ)
    "yenbai-2024-huyen": (46, {}),
    # seed 001 Biểu 04 (xã): I.24, I.25 "Kế hoạch triển khai; Báo cáo kết quả"
    "yenbai-2024-xa": (54, {"I.24": 2, "I.25": 2}),
    # seed 003 mục A "Thành phần hồ sơ chứng minh"
    "thanhhoa-2023-xa": (44, {"1.1": 3, "1.9": 3, "1.10": 2, "2.1": 2, "4.2": 2}),
    # seeds 004, 000, 002 name no evidence: one document of the unit, as each note reads it
    "daknong-2023-xa": (41, {}),
    "yenbai-2023-congdanso": (11, {}),
    "yenbai-chitieu-tinh": (24, {}),
}


@pytest.mark.parametrize("catalog_id", sorted(TRANSCRIBED_DOCUMENTS))
def test_every_criterion_lists_the_documents_its_seed_asks_for(catalog_id: str) -> None:
    """Every criterion has at least one required document; the counts are the transcription's."""
    total, several = TRANSCRIBED_DOCUMENTS[catalog_id]
    catalog = load_catalog(catalog_id)
    assert all(criterion.documents for criterion in catalog.criteria)
    assert sum(len(c.documents) for c in catalog.criteria) == total
    assert {c.id: len(c.documents) for c in catalog.criteria if len(c.documents) > 1} == several


@pytest.mark.parametrize("catalog_id", sorted(TRANSCRIBED_DOCUMENTS))
def test_a_reading_is_stated_where_the_seed_names_no_kind(catalog_id: str) -> None:
    """A document of any kind is a reading ("văn bản", nothing named): the note says so."""
    for criterion in load_catalog(catalog_id).criteria:
        if any(not d.kinds for d in criterion.documents):
            assert criterion.evidence_note and "bất kỳ loại nào" in criterion.evidence_note, (
                criterion.id
            )


def test_only_criteria_written_if_any_may_be_not_applicable() -> None:
    """Of every seed, only Thanh Hóa 4.8 says "(nếu có)" of the criterion itself."""
    allowed = [
        (catalog.id, c.id)
        for catalog in all_catalogs()
        for c in catalog.criteria
        if c.not_applicable_when
    ]
    assert allowed == [("thanhhoa-2023-xa", "4.8")]
