"""Reading catalogs from their YAML files.

Catalog files are validated against :mod:`criteria.catalog` when loaded, so a
typo an official makes while correcting a target is reported with the file and
the place in it, not discovered later as a wrong verdict.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from criteria.catalog import Catalog
from criteria.errors import CatalogError, CatalogNotFoundError
from criteria.problems import problems_from_pydantic

CATALOG_DIR = Path(__file__).resolve().parent / "catalogs"


def catalog_ids() -> list[str]:
    """Ids of every catalog shipped, sorted."""
    return sorted(path.stem for path in CATALOG_DIR.glob("*.yaml"))


def catalog_not_found(catalog_id: str) -> CatalogNotFoundError:
    """The error for an unknown id; it lists the ids that exist, so the caller can correct it."""
    known = ", ".join(catalog_ids())
    return CatalogNotFoundError(
        f"Không có bộ tiêu chí '{catalog_id}'. Các bộ tiêu chí hiện có: {known}."
    )


@lru_cache(maxsize=32)
def load_catalog(catalog_id: str) -> Catalog:
    """The catalog ``catalog_id``; raises CatalogNotFoundError or CatalogError."""
    if catalog_id not in catalog_ids():
        raise catalog_not_found(catalog_id)
    return read_catalog_file(CATALOG_DIR / f"{catalog_id}.yaml")


def read_catalog_file(path: Path) -> Catalog:
    """Parse and validate one catalog file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogError(f"Không đọc được tệp bộ tiêu chí {path.name}.") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" ở dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        raise CatalogError(
            f"Tệp bộ tiêu chí {path.name} sai cú pháp YAML{where}: hãy sửa lại tệp."
        ) from exc
    try:
        catalog = Catalog.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(
            f"{p.path}: {p.message.rstrip('.')}" for p in problems_from_pydantic(exc)
        )
        raise CatalogError(f"Tệp bộ tiêu chí {path.name} sai cấu trúc: {details}") from exc
    if catalog.id != path.stem:
        raise CatalogError(f"Tệp {path.name} khai báo id '{catalog.id}', phải là '{path.stem}'.")
    return catalog


def all_catalogs() -> list[Catalog]:
    return [load_catalog(catalog_id) for catalog_id in catalog_ids()]
