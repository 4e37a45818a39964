"""Validation policies as data: the loader, the model and the levels."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify import PolicyInvalidError, PolicyNotFoundError, load_policy
from verify.outcome import failed, indeterminate
from verify.policy import PolicyLoader


def test_built_ins_load_and_differ_where_they_should() -> None:
    """strict has no legacy tolerance and fails on missing revocation; vn-legacy warns."""
    strict, legacy = load_policy("strict"), load_policy("vn-legacy")
    assert strict.algorithms.legacy is None and strict.checks.revocation_data == "FAIL"
    assert legacy.algorithms.legacy is not None
    assert legacy.algorithms.legacy.signed_before.isoformat() == "2025-08-15T00:00:00+07:00"
    assert legacy.checks.revocation_data == "WARN" and legacy.checks.trusted_chain == "FAIL"
    assert legacy.algorithms.digests == strict.algorithms.digests  # inherited through extends
    assert strict.cache_key != legacy.cache_key and len(legacy.cache_key) <= 50


def test_levels_never_relax_integrity() -> None:
    """Untagged (integrity) findings always decide; tagged ones follow the policy's level."""
    legacy = load_policy("vn-legacy")
    judged = legacy.judge(
        [
            failed("HASH_FAILURE", "băm sai"),
            indeterminate("TRY_LATER", "thiếu CRL", "revocation_data"),
            indeterminate("NO_CERTIFICATE_CHAIN_FOUND", "không có chuỗi", "trusted_chain"),
        ]
    )
    assert [f.sub_indication for f in judged.findings] == [
        "HASH_FAILURE",
        "NO_CERTIFICATE_CHAIN_FOUND",
    ]
    assert judged.warnings == ["thiếu CRL"]


def test_a_deployment_policy_in_its_folder_by_name(tmp_path: Path) -> None:
    """<folder>/<id>.yaml is found by name, after the built-ins; its content is in the cache key."""
    folder = tmp_path / "policies"
    folder.mkdir()
    path = folder / "yen-bai.yaml"
    path.write_text("extends: vn-legacy\nid: yen-bai\nversion: '1'\n", encoding="utf-8")
    loader = PolicyLoader([folder])
    assert loader.names() == ["strict", "vn-legacy", "yen-bai"]
    first = loader.load("yen-bai")
    path.write_text(
        "extends: vn-legacy\nid: yen-bai\nversion: '1'\nchecks: {claimed_time: INFORM}\n",
        encoding="utf-8",
    )
    second = loader.load("yen-bai")
    assert second.checks.claimed_time == "INFORM"
    assert first.cache_key != second.cache_key  # same id and version, other content


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: strict\nversion: '9'\nextends: vn-legacy\n", "id 'strict' của một chính sách có sẵn"),
        ("extends: strict\nid: a\n", "phải có id và version riêng"),
        ("extends: khong-co\nid: a\nversion: '1'\n", "không có chính sách tên đó"),
        (
            "extends: vn-legacy\nid: a\nversion: '1'\n"
            "algorithms: {legacy: {signed_before: '2021-01-01T00:00:00'}}\n",
            "cần có múi giờ",
        ),
        ("extends: strict\nid: A B\nversion: '1'\n", "id: chỉ gồm chữ thường"),
        ("extends: strict\nid: a\nversion: '1'\nhash: sha1\n", "hash: khoá không có trong mẫu"),
        ("[1, 2]\n", "phải là một bảng khoá"),
        ("id: [\n", "không phải YAML hợp lệ (dòng"),
    ],
)
def test_malformed_policy_files_say_what_is_wrong(tmp_path: Path, text: str, expected: str) -> None:
    """Every malformed file is one Vietnamese error that names the problem."""
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises((PolicyInvalidError, PolicyNotFoundError)) as info:
        load_policy(path)
    assert expected in info.value.message


def test_unknown_name_lists_the_policies() -> None:
    with pytest.raises(PolicyNotFoundError) as info:
        load_policy("khong-co")
    assert "strict, vn-legacy" in info.value.message
