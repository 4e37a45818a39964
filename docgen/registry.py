"""The registry of forms: which template, which input model, which context builder.

A form is data plus two small pieces of code (a pydantic model of its input
and a function from that input to the template's context). Each form family
lives in its own module under ``docgen/forms/`` and registers its forms when
imported, so adding a province never edits another's code; this module only
keeps the table and finds template and example files.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from docgen.errors import FormNotFound, Problem

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = ROOT / "templates"
EXAMPLE_DIR = ROOT / "examples" / "forms"

ContextBuilder = Callable[[Any], dict[str, Any]]
"""Validated input model → the template context (plain dicts, lists, strings)."""

Warn = Callable[[Any], list[Problem]]
"""Validated input model → facts that contradict each other (a document citing a later
one): warnings shown to the caller, never errors — the document is still rendered."""

Check = Callable[[Mapping[str, Any]], list[Problem]]
"""Raw input → problems a schema cannot see (an unknown criterion id); run with
the schema validation so that the caller gets every problem in one answer."""


@dataclass(frozen=True)
class FormSpec:
    """Everything docgen needs to know about one form."""

    id: str
    title: str
    model: type[BaseModel]
    template: str
    build_context: ContextBuilder
    family: str = ""
    description: str = ""
    checks: tuple[Check, ...] = field(default_factory=tuple)
    warnings: tuple[Warn, ...] = field(default_factory=tuple)

    @property
    def template_path(self) -> Path:
        return TEMPLATE_DIR / self.template

    @property
    def example_path(self) -> Path:
        return EXAMPLE_DIR / f"{self.id}.json"

    def example(self) -> dict[str, Any]:
        """The example input shipped under ``examples/forms/<id>.json``."""
        data: dict[str, Any] = json.loads(self.example_path.read_text(encoding="utf-8"))
        return data

    def json_schema(self) -> dict[str, Any]:
        schema = self.model.model_json_schema()
        schema.setdefault("title", self.title)
        return schema


_FORMS: dict[str, FormSpec] = {}
_LOCK = threading.Lock()
_LOADED = False


def register(spec: FormSpec) -> FormSpec:
    """Add a form; a second form with the same id is a programming error."""
    if spec.id in _FORMS and _FORMS[spec.id] is not spec:
        raise ValueError(f"form id {spec.id!r} registered twice")
    _FORMS[spec.id] = spec
    return spec


def _load_families() -> None:
    """Import every module of ``docgen.forms`` once; each registers its own forms."""
    global _LOADED
    if _LOADED:
        return
    with _LOCK:
        if _LOADED:
            return
        import docgen.forms as package

        for info in pkgutil.iter_modules(package.__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"docgen.forms.{info.name}")
        _LOADED = True


def get_form(form_id: str) -> FormSpec:
    """The form registered as ``form_id``; raises FormNotFound listing the known ids."""
    _load_families()
    try:
        return _FORMS[form_id]
    except KeyError:
        known = ", ".join(sorted(_FORMS))
        raise FormNotFound(
            f"Không có biểu mẫu '{form_id}'. Các biểu mẫu hiện có: {known}."
        ) from None


def all_forms() -> list[FormSpec]:
    """Every registered form, sorted by id."""
    _load_families()
    return [_FORMS[key] for key in sorted(_FORMS)]


def form_ids() -> list[str]:
    return [spec.id for spec in all_forms()]
