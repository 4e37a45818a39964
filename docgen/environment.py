"""The Jinja environment every template is rendered in: sandboxed, autoescaping.

User strings are data, never template code (DESIGN, "templates are data"):
autoescape turns ``&``, ``<``, ``>`` and quotes into XML entities so that the
DOCX stays valid, and Jinja never evaluates a value it prints, so ``{{ 7*7 }}``
typed by a user comes out literally. The sandbox protects against the other
direction — a template edited by an official (or anyone who can write to
``templates/``) cannot reach Python internals through attribute access.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment

from docgen.typography import finalize

_MAX_CACHED = 512


class CompilingCacheSandbox(ImmutableSandboxedEnvironment):
    """A sandbox that keeps what it compiled.

    docxtpl hands the environment each part's XML as a string on every render;
    compiling it is half of a one-page render, and for one template file the
    string is the same every time, so the compiled template is kept, keyed by
    the source itself (an edited template gives a new key). Jinja templates
    are immutable once compiled, so sharing them across threads is safe.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}
        self._compiled_lock = threading.Lock()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        cached = self._compiled.get(source)
        if cached is not None:
            return cached
        template = super().from_string(source)
        with self._compiled_lock:
            if len(self._compiled) >= _MAX_CACHED:
                self._compiled.clear()
            self._compiled[source] = template
        return template


@lru_cache(maxsize=1)
def template_environment() -> ImmutableSandboxedEnvironment:
    """One shared environment (Jinja environments are thread-safe once configured).

    ``StrictUndefined`` makes a misspelt tag in an edited template fail loudly
    instead of silently printing nothing in an official document. ``finalize``
    keeps document numbers, phone numbers and e-mail addresses on one line
    (:mod:`docgen.typography`).
    """
    env = CompilingCacheSandbox(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    return env
