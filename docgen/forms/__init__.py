"""Form families: one module per family (``yenbai``, ``thanhhoa_*``), each registering its forms.

Every non-underscore module here is imported by :mod:`docgen.registry` on first
use; shared input pieces and context helpers live in ``docgen.forms._common``.
"""
