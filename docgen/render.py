"""Rendering a form: validated input → context → docxtpl → DOCX bytes.

Never needs LibreOffice. The template's bytes are read once and kept (an
official's edit is picked up when the file's modification time changes), so a
one-page form renders in milliseconds; docxtpl does the tag handling
(``{%p if %}``, ``{%tr for %}``) in our sandboxed, autoescaping environment.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError as JinjaTemplateError

from docgen.environment import template_environment
from docgen.errors import TemplateError
from docgen.registry import FormSpec, get_form
from docgen.validation import validate

_CACHE: dict[Path, tuple[float, bytes]] = {}
_CACHE_LOCK = threading.Lock()


def _template_bytes(path: Path) -> bytes:
    """The template file's content, re-read only when the file changed."""
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise TemplateError(f"Không tìm thấy tệp mẫu {path.name}.") from exc
    with _CACHE_LOCK:
        cached = _CACHE.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        content = path.read_bytes()
        _CACHE[path] = (mtime, content)
        return content


def build_context(spec: FormSpec, data: Any) -> dict[str, Any]:
    """Validate ``data`` against the form's model and build the template context."""
    model = validate(spec, data)
    return spec.build_context(model)


def render_context(spec: FormSpec, context: dict[str, Any]) -> bytes:
    """Fill the form's template with an already-built context."""
    template = DocxTemplate(io.BytesIO(_template_bytes(spec.template_path)))
    try:
        template.render(context, jinja_env=template_environment())
    except JinjaTemplateError as exc:
        raise TemplateError(
            f"Tệp mẫu {spec.template} có thẻ không hợp lệ: {exc}. "
            "Kiểm tra lại các thẻ {{ }} và {% %} sau khi sửa mẫu."
        ) from exc
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def render(form_id: str, data: Any) -> bytes:
    """The DOCX of form ``form_id`` filled with ``data`` (a JSON-like dict or the form's model).

    Raises FormNotFound, FormInputError (every problem with its JSON path) or
    TemplateError. Nothing is written anywhere: the caller decides where the bytes go.
    """
    spec = get_form(form_id)
    return render_context(spec, build_context(spec, data))
