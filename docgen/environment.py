"""The Jinja environment every template is rendered in: sandboxed, autoescaping.

User strings are data, never template code (DESIGN, "templates are data"):
autoescape turns ``&``, ``<``, ``>`` and quotes into XML entities so that the
DOCX stays valid, and Jinja never evaluates a value it prints, so ``{{ 7*7 }}``
typed by a user comes out literally. The sandbox protects against the other
direction — a template edited by an official (or anyone who can write to
``templates/``) cannot reach Python internals through attribute access.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment


@lru_cache(maxsize=1)
def template_environment() -> ImmutableSandboxedEnvironment:
    """One shared environment (Jinja environments are thread-safe once configured).

    ``StrictUndefined`` makes a misspelt tag in an edited template fail loudly
    instead of silently printing nothing in an official document.
    """
    env = ImmutableSandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env
