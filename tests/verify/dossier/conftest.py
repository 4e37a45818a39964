"""Fixtures of the dossier tests: a dossier builder with fake PDFs and fast options."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from criteria import load_catalog
from criteria.catalog import RequiredDocument
from criteria.document_kinds import KINDS
from tests.verify.dossier.fakes import spec
from verify.dossier import DossierOptions

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "assessments"
YENBAI_XA = EXAMPLES / "yenbai-xa-dat.json"


def assessment_data(example: str = "yenbai-xa-dat") -> dict[str, Any]:
    """An example assessment: by default Yên Bái xã, self-assessed ĐẠT (24/24 bắt buộc, 7/18 mở rộng)."""
    data: dict[str, Any] = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    return data


def _issuer(required: RequiredDocument, unit: dict[str, Any]) -> tuple[str, str | None]:
    """(agency printed, parent line) of a document by whom ``required`` asks."""
    if required.issuer == "body":
        return required.bodies[0].upper(), f"UBND TỈNH {unit.get('province', '').upper()}"
    if required.issuer == "parent":
        return unit["parent"].upper(), None
    return unit["name"].upper(), unit.get("parent", "").upper() or None


def document_spec(required: RequiredDocument, unit: dict[str, Any], **overrides: Any) -> bytes:
    """A valid fake PDF that satisfies ``required`` for ``unit`` in 2024."""
    agency, parent = _issuer(required, unit)
    fields: dict[str, Any] = {
        "type": KINDS[required.kinds[0]] if required.kinds else "BÁO CÁO",
        "agency": agency,
        "parent_agency": parent,
        "org": agency,
    }
    if required.period == "covering_period":
        fields["subject"] = "Chuyển đổi số giai đoạn 2021 - 2025"
    elif required.period in ("covering_year", "covering"):
        fields["subject"] = "Chuyển đổi số năm 2024"
    fields.update(overrides)
    return spec(**fields)


def evidencing_files(criterion_id: str, data: dict[str, Any] | None = None) -> dict[str, bytes]:
    """One valid fake document per document the criterion needs."""
    data = data or assessment_data()
    criterion = load_catalog(data["catalog"]).find(criterion_id, data["tier"])
    assert criterion is not None
    return {
        f"{index}-tai-lieu.pdf": document_spec(required, data["unit"])
        for index, required in enumerate(criterion.documents, start=1)
    }


@pytest.fixture
def make_dossier(tmp_path: Path) -> Callable[..., Path]:
    """``make_dossier({"I.1": {"a.pdf": spec()}, ...})`` → a dossier folder.

    Every criterion the caller does not give (or ``skip``) gets one valid
    document per document it needs. ``example`` picks the assessment,
    ``change`` edits it before it is written.
    """

    def build(
        folders: dict[str, dict[str, bytes]] | None = None,
        *,
        every_criterion: bool = True,
        skip: tuple[str, ...] = (),
        name: str = "ho-so",
        example: str = "yenbai-xa-dat",
        change: Callable[[dict[str, Any]], None] | None = None,
    ) -> Path:
        root = tmp_path / name
        root.mkdir()
        data = assessment_data(example)
        if change is not None:
            change(data)
        (root / "assessment.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        wanted = dict(folders or {})
        if every_criterion:
            for criterion_id in data["criteria"]:
                if criterion_id not in skip and not any(
                    k.split(" ")[0].rstrip(".") == criterion_id for k in wanted
                ):
                    wanted[criterion_id] = evidencing_files(criterion_id, data)
        for folder, files in wanted.items():
            (root / folder).mkdir(parents=True, exist_ok=True)
            for file_name, content in files.items():
                (root / folder / file_name).write_bytes(content)
        return root

    return build


@pytest.fixture
def options(tmp_path: Path) -> DossierOptions:
    """Fake verifier, two workers, a private cache."""
    from tests.verify.dossier.fakes import fake_verifier

    return DossierOptions(
        verifier=fake_verifier, workers=2, time_limit_s=20, cache_dir=tmp_path / "cache"
    )
