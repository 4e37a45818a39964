"""Certificates and revocation data parsed once per process: the same bytes, the same object.

asn1crypto parses lazily and keeps what it computes on the object — a
name's RFC 4518 preparation (the costliest step of comparing two names),
key identifiers, the issuer/serial key, the public key. pyHanko and
certvalidator compare names and look up issuers many times per signature,
and the same signer certificate, issuing CA and CRL come back file after
file in a dossier. Parsed afresh for every file, all of that was done again
each time: about half of the chain check and most of the CMS parsing.

Objects are keyed by their exact encoding, so a shared object is the very
same certificate (or CRL, or OCSP response) a file carries: sharing it
cannot change a result, only skip recomputation. Nothing here or in the
libraries writes to these objects; they are only read. The caches are
bounded (entries and bytes, least recently used out first), so a file
carrying thousands of certificates or a huge CRL cannot grow a worker's
memory without end.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from asn1crypto import crl, ocsp, x509
from asn1crypto.core import Asn1Value

T = TypeVar("T", bound=Asn1Value)


class _Interned(Generic[T]):
    """A bounded map from encoding to parsed object, least recently used out first."""

    def __init__(self, load: Callable[[bytes], T], max_items: int, max_bytes: int) -> None:
        self._load = load
        self._items: OrderedDict[bytes, T] = OrderedDict()
        self._bytes = 0
        self._max_items = max_items
        self._max_bytes = max_bytes
        self._lock = threading.Lock()

    def get(self, value: T | bytes) -> T:
        """The shared parsed object for ``value`` (an object of the type, or its bytes)."""
        der = value if isinstance(value, bytes) else value.dump()
        with self._lock:
            found = self._items.get(der)
            if found is not None:
                self._items.move_to_end(der)
                return found
        parsed = self._load(der)  # standalone, whatever structure ``value`` came from
        if len(der) > self._max_bytes // 4:
            return parsed  # too large to keep: it would push out everything else
        with self._lock:
            self._items[der] = parsed
            self._bytes += len(der)
            while len(self._items) > self._max_items or self._bytes > self._max_bytes:
                old, _ = self._items.popitem(last=False)
                self._bytes -= len(old)
        return parsed

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)


_CERTIFICATES: _Interned[x509.Certificate] = _Interned(
    x509.Certificate.load, max_items=1024, max_bytes=16 * 1024 * 1024
)
_CRLS: _Interned[crl.CertificateList] = _Interned(
    crl.CertificateList.load, max_items=64, max_bytes=64 * 1024 * 1024
)
_OCSP: _Interned[ocsp.OCSPResponse] = _Interned(
    ocsp.OCSPResponse.load, max_items=256, max_bytes=8 * 1024 * 1024
)


def certificate(value: x509.Certificate | bytes) -> x509.Certificate:
    """The process's parsed certificate with these bytes."""
    return _CERTIFICATES.get(value)


def certificate_list(value: crl.CertificateList | bytes) -> crl.CertificateList:
    """The process's parsed CRL with these bytes."""
    return _CRLS.get(value)


def ocsp_response(value: ocsp.OCSPResponse | bytes) -> ocsp.OCSPResponse:
    """The process's parsed OCSP response with these bytes."""
    return _OCSP.get(value)


def clear() -> None:
    """Forget every shared object (tests)."""
    for cache in (_CERTIFICATES, _CRLS, _OCSP):
        cache.clear()
