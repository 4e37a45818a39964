"""Errors of the docgen package.

Exception tree (every error carries a stable UPPER_SNAKE ``code``)::

    DocgenError                        root: "could not produce the document"
    ├── FormNotFound                   no form registered under that id
    ├── FormInputError                 the input data is invalid; ``problems``
    │                                  lists every problem at once, each with
    │                                  its JSON path (docxtemplater's multi-error)
    ├── TemplateError                  a template file is missing or broken
    │                                  (an official's edit went wrong)
    ├── ConversionError                LibreOffice could not convert to PDF
    │   ├── ConverterUnavailable       LibreOffice is not installed or never started
    │   └── ConversionTimeout          the conversion took longer than allowed
    └── SigningError                   the PDF could not be signed (key, password,
                                       token, certificate path, no signing room)

Dependency exceptions (pydantic, jinja2, docxtpl, xmlrpc, subprocess) are
wrapped here at the boundary with ``raise ... from exc`` so that callers (CLI,
API) catch one root and map codes, never library internals.
"""

from __future__ import annotations

from criteria.errors import Problem as Problem  # one kind of input problem for every package


class DocgenError(Exception):
    """Root of docgen's errors: the document could not be produced."""

    code = "DOCGEN_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FormNotFound(DocgenError):
    """No form is registered under the requested id."""

    code = "FORM_NOT_FOUND"


class FormInputError(DocgenError):
    """The input data does not fit the form; every problem is listed, not the first."""

    code = "FORM_INPUT_INVALID"

    def __init__(self, form_id: str, problems: list[Problem]) -> None:
        self.form_id = form_id
        self.problems = problems
        lines = "\n".join(f"- {p.path}: {p.message}" for p in problems)
        super().__init__(f"Dữ liệu của biểu mẫu '{form_id}' có {len(problems)} lỗi:\n{lines}")


class TemplateError(DocgenError):
    """A template file is missing or cannot be rendered (a broken tag after an edit)."""

    code = "TEMPLATE_INVALID"


class ConversionError(DocgenError):
    """LibreOffice failed to convert the document to PDF."""

    code = "CONVERSION_FAILED"


class ConverterUnavailable(ConversionError):
    """LibreOffice (soffice) or its Python bridge is missing, or the server never came up."""

    code = "CONVERTER_UNAVAILABLE"


class ConversionTimeout(ConversionError):
    """A conversion exceeded its time limit; the converter was restarted."""

    code = "CONVERSION_TIMEOUT"


class SigningError(DocgenError):
    """The PDF could not be signed: unreadable key or wrong password, token, certificate."""

    code = "SIGNING_FAILED"
