"""Results → official documents: docxtpl renders DOCX, a warm LibreOffice converts to PDF.

Depends on ``criteria`` only. Public API::

    import docgen
    docx = docgen.render("bieu-01", data)          # bytes; never needs LibreOffice
    pdf = docgen.render_pdf("bieu-01", data)       # bytes; through the default warm pool
    pdf = docgen.to_pdf(docx)                      # any DOCX → PDF
    docgen.ConverterPool(options, size=2)          # parallel warm LibreOffices (a service's own)
    docgen.OneShotConverter()                      # one PDF, one LibreOffice (the command line)
    docgen.all_forms(), docgen.get_form("bieu-01").json_schema()

Errors: every exception is a :class:`docgen.errors.DocgenError` with a stable code.
"""

from docgen.convert import (
    Converter,
    PdfConverter,
    default_converter,
    render_pdf,
    shutdown_default_converter,
    to_pdf,
)
from docgen.errors import (
    ConversionError,
    ConversionTimeout,
    ConverterUnavailable,
    DocgenError,
    FormInputError,
    FormNotFound,
    Problem,
    TemplateError,
)
from docgen.office import ConverterOptions
from docgen.oneshot import OneShotConverter
from docgen.pool import ConverterPool
from docgen.registry import FormSpec, all_forms, form_ids, get_form, register
from docgen.render import render
from docgen.validation import input_warnings

__all__ = [
    "ConversionError",
    "ConversionTimeout",
    "Converter",
    "ConverterOptions",
    "ConverterPool",
    "ConverterUnavailable",
    "DocgenError",
    "FormInputError",
    "FormNotFound",
    "FormSpec",
    "OneShotConverter",
    "PdfConverter",
    "Problem",
    "TemplateError",
    "all_forms",
    "default_converter",
    "form_ids",
    "get_form",
    "input_warnings",
    "register",
    "render",
    "render_pdf",
    "shutdown_default_converter",
    "to_pdf",
]
