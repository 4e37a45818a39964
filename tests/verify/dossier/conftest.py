"""Fixtures of the dossier tests: a dossier builder with fake PDFs and fast options."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from criteria import load_catalog
from criteria.evidence_types import accepted_types
from tests.verify.dossier.fakes import fake_verifier, spec
from verify.dossier import DossierOptions

YENBAI_XA = Path(__file__).resolve().parents[3] / "examples" / "assessments" / "yenbai-xa-dat.json"


def kind_for(criterion_id: str, catalog: str = "yenbai-2024-xa") -> str:
    """A kind of document the criterion accepts (a report carries a list)."""
    criterion = load_catalog(catalog).find(criterion_id)
    assert criterion is not None
    kinds = [k for k in accepted_types(criterion) if k != "DANH SÁCH"]
    return kinds[0] if kinds else "BÁO CÁO"


def assessment_data() -> dict[str, Any]:
    """Yên Bái xã, self-assessed ĐẠT (24/24 bắt buộc, 7/18 mở rộng)."""
    data: dict[str, Any] = json.loads(YENBAI_XA.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def make_dossier(tmp_path: Path) -> Callable[..., Path]:
    """``make_dossier({"I.1": {"a.pdf": spec()}, ...})`` → a dossier folder."""

    def build(
        folders: dict[str, dict[str, bytes]] | None = None,
        *,
        every_criterion: bool = True,
        skip: tuple[str, ...] = (),
        name: str = "ho-so",
    ) -> Path:
        root = tmp_path / name
        root.mkdir()
        data = assessment_data()
        (root / "assessment.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        wanted = dict(folders or {})
        if every_criterion:
            for criterion_id in data["criteria"]:
                if criterion_id not in skip and not any(
                    k.split(" ")[0].rstrip(".") == criterion_id for k in wanted
                ):
                    wanted[criterion_id] = {"bao-cao.pdf": spec(type=kind_for(criterion_id))}
        for folder, files in wanted.items():
            (root / folder).mkdir(parents=True, exist_ok=True)
            for file_name, content in files.items():
                (root / folder / file_name).write_bytes(content)
        return root

    return build


@pytest.fixture
def options(tmp_path: Path) -> DossierOptions:
    """Fake verifier, two workers, a private cache."""
    return DossierOptions(
        verifier=fake_verifier, workers=2, time_limit_s=20, cache_dir=tmp_path / "cache"
    )
