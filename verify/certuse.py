"""Certificate use: the signer's certificate must be meant for signing.

Key usage must include ``nonRepudiation`` or ``digitalSignature`` (Vietnamese
certificates usually carry both). A certificate issued for key encipherment
only is refused: it was never meant to sign documents. A certificate without
a key-usage extension is unrestricted (RFC 5280 §4.2.1.3).
"""

from __future__ import annotations

from asn1crypto import x509

SIGNING_USAGES = frozenset({"digital_signature", "non_repudiation"})


def signing_usage_allowed(cert: x509.Certificate) -> bool:
    """True when the key-usage extension is absent or allows signing."""
    usage = cert.key_usage_value
    if usage is None:
        return True
    return bool(set(usage.native) & SIGNING_USAGES)
