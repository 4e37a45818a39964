"""The configured trust store and its fingerprint.

A stored verification is reused only while the trust store is the same, so
the fingerprint must change whenever a certificate is added, removed or
replaced: it is the SHA-256 over the sorted fingerprints of every certificate
the store loads (file names and order do not matter, contents do). The
issuing CAs kept from uploads count only for reports that lacked one
(``with_seen_intermediates``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from verify.truststore import load_trust_store


def trust_fingerprint(paths: tuple[Path, ...]) -> str:
    return load_trust_store(paths).fingerprint()


def with_seen_intermediates(fingerprint: str, folder: Path) -> str:
    """The trust fingerprint combined with the issuing CAs kept from uploads.

    A report that lacked an issuing CA is stored under this key: a later
    upload that brings new CAs changes it, so the file is verified again.
    """
    kept = load_trust_store((), (folder,)).fingerprint()
    return hashlib.sha256(f"{fingerprint}+{kept}".encode()).hexdigest()
