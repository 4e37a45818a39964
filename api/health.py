"""``GET /health``: open to everyone, says whether the service can work.

Reports the database (a trivial query) and the converter (starting, ready,
unavailable) so that an operator sees at once why PDFs would fail.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import RuntimeDep
from criteria import catalog_ids

router = APIRouter(tags=["health"])


@router.get("/health")
def health(runtime: RuntimeDep) -> dict[str, Any]:
    catalogs = catalog_ids()
    database_ok = runtime.db.ping()
    converter = runtime.converters.status()
    ok = database_ok and bool(catalogs)
    return {
        "status": "ok" if ok else "degraded",
        "catalogs": len(catalogs),
        "database": {"status": "ok" if database_ok else "error", "backend": runtime.db.backend},
        "converter": converter,
    }
