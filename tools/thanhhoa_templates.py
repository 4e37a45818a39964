"""Scaffolds of the Thanh Hóa templates (seed 003): Mẫu 01–04 with Phụ lục 01–03, list forms.

Run ``.venv/bin/python -m tools.thanhhoa_templates mau-01 ...`` (or ``--all``).
The reports are laid out in :mod:`tools.thanhhoa_reports_templates`, the list
forms in :mod:`tools.thanhhoa_list_templates`; importing them registers their
builders into :data:`tools.build_templates.BUILDERS`, so the same ``main``
writes them. Fixed sentences are the seed's, word for word, except the seed's
evident slips listed in ``templates/README.md`` (section Thanh Hóa).
"""

from __future__ import annotations

import sys

import tools.thanhhoa_list_templates
import tools.thanhhoa_reports_templates  # registers the reports
from tools.build_templates import BUILDERS, main

THANHHOA_IDS = [
    "mau-01",
    "mau-02",
    "mau-03",
    "mau-04",
    *tools.thanhhoa_list_templates.LIST_FORMS,
]


def build(argv: list[str]) -> int:
    """``--all`` means the Thanh Hóa forms only: never overwrite another family's templates."""
    return main([i for i in THANHHOA_IDS if i in BUILDERS] if argv == ["--all"] else argv)


if __name__ == "__main__":
    raise SystemExit(build(sys.argv[1:]))
