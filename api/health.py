"""``GET /health``: open to everyone, says whether the service can work."""

from __future__ import annotations

from fastapi import APIRouter

from criteria import catalog_ids

router = APIRouter(tags=["health"])


@router.get("/health")
def health() -> dict[str, object]:
    catalogs = catalog_ids()
    return {"status": "ok" if catalogs else "degraded", "catalogs": len(catalogs)}
