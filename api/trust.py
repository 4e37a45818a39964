"""The configured trust store and its fingerprint.

A stored verification is reused only while the trust store is the same, so
the fingerprint must change whenever a certificate is added, removed or
replaced: it is the SHA-256 over the sorted fingerprints of every certificate
the store loads (file names and order do not matter, contents do).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from verify.truststore import fingerprint, load_trust_store

EMPTY_TRUST = hashlib.sha256(b"").hexdigest()


def trust_fingerprint(paths: tuple[Path, ...]) -> str:
    if not paths:
        return EMPTY_TRUST
    store = load_trust_store(paths)
    prints = sorted(fingerprint(c) for c in (*store.anchors, *store.intermediates))
    return hashlib.sha256("\n".join(prints).encode()).hexdigest()
