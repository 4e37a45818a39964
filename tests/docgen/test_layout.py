"""Every form, rendered to PDF from its example, from long input and from empty input, is
ready to send: no page holding only the signature or "Nơi nhận" block, no text outside
the decree's margins, no table row split across pages, every continued table with its
header row, no e-mail address, phone number or document number broken over lines, and
appendix pages numbered on their own (the check itself: ``tests/docgen/layout.py``)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from lxml import etree

import docgen
from docgen import ConverterPool
from docgen.errors import FormInputError
from docgen.render import build_context
from tests.docgen.layout import empty_input, layout_problems, long_input
from tests.support.docx_helpers import docx_is_valid

pytestmark = pytest.mark.libreoffice

KINDS = ("example", "long", "empty")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _input(form_id: str, kind: str) -> dict[str, Any]:
    spec = docgen.get_form(form_id)

    def valid(data: Any) -> bool:
        try:
            build_context(spec, data)
        except FormInputError:
            return False
        return True

    example = spec.example()
    if kind == "long":
        return long_input(example, valid)
    if kind == "empty":
        return empty_input(example, valid)
    return example


def _cells_have_paragraphs(content: bytes) -> None:
    """Each table cell ends with a paragraph (Word refuses the file otherwise)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    for cell in root.iter(f"{W}tc"):
        assert cell[-1].tag == f"{W}p", "a table cell without a closing paragraph"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("form_id", docgen.form_ids())
def test_the_pdf_is_ready_to_send(form_id: str, kind: str, pool: ConverterPool) -> None:
    data = _input(form_id, kind)
    content = docgen.render(form_id, data)
    docx_is_valid(content)
    _cells_have_paragraphs(content)
    pdf = pool.convert(content)
    assert layout_problems(pdf, content, data) == []


def test_hostile_inputs_are_what_they_claim() -> None:
    """The long input is longer (more rows, a 3,000-character narrative); the empty one has
    no recipients where the form allows none."""
    long = _input("bieu-03", "long")
    example = _input("bieu-03", "example")
    assert len(long["plans"]) > len(example["plans"])
    assert any(len(r.get("result", "")) == 3000 for r in long["assessment"]["criteria"].values())
    assert _input("bieu-01", "empty")["recipients"] == []
