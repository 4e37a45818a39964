"""``GET /catalogs`` and ``GET /catalogs/{id}``: the criteria sets, as ``hoso catalog show --json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.auth import Reader
from criteria import all_catalogs, load_catalog

router = APIRouter(prefix="/catalogs", tags=["catalogs"])


@router.get("")
def list_catalogs(_key: Reader) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "title": c.title,
            "source": c.source.model_dump(mode="json"),
            "complete": c.complete,
            "tiers": {tier: len(c.criteria_of_tier(tier)) for tier in c.tiers},
            "criteria": len(c.criteria),
        }
        for c in all_catalogs()
    ]


@router.get("/{catalog_id}")
def get_catalog(catalog_id: str, _key: Reader) -> dict[str, Any]:
    return load_catalog(catalog_id).published()
