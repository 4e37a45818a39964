"""Reading rendered DOCX files in tests: all visible text, validity, JSON string leaves."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx

from docgen.typography import plain


def docx_text(content: bytes) -> str:
    """All visible text of a DOCX: body paragraphs, table cells (nested), headers; as a
    reader types it (docgen's non-breaking hyphens and joiners as plain characters)."""
    document = docx.Document(io.BytesIO(content))
    parts: list[str] = []

    def walk_tables(tables: list) -> None:  # type: ignore[type-arg]
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    walk_tables(cell.tables)

    parts.extend(p.text for p in document.paragraphs)
    walk_tables(document.tables)
    return plain("\n".join(parts))


def squash(text: str) -> str:
    """Whitespace-insensitive, case-insensitive form for comparing (CAPS headers, wrapped cells)."""
    return " ".join(text.split()).casefold()


def docx_is_valid(content: bytes) -> None:
    """The DOCX is a ZIP whose XML parts parse and python-docx can open it."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))
    docx.Document(io.BytesIO(content))


def string_leaves(data: object) -> Iterator[str]:
    """Every string value of a JSON-like structure (keys excluded)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from string_leaves(value)
    elif isinstance(data, list):
        for item in data:
            yield from string_leaves(item)
