"""A certificate authority's web endpoints on 127.0.0.1: issuer certificate, CRL, OCSP.

``--online`` is tested against this, never the Internet: a threaded
``http.server`` serves the issuing CA's certificate (AIA caIssuers), its CRL
(CRL distribution point) and OCSP responses built with ``cryptography``'s
OCSP builder, signed by the CA itself. Every request is counted, so a test
can tell that the verifier really asked. Two ways of being unreachable are
provided: a closed port (connection refused) and a port that accepts
connections and never answers (a black hole).
"""

from __future__ import annotations

import socket
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp


@dataclass
class Authority:
    """What the endpoints serve: the CA, its key, its CRL, and who is revoked."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey
    crl_der: bytes = b""
    revoked: dict[int, datetime] = field(default_factory=dict)
    produced_at: datetime | None = None


class CaServer:
    """``/ca.cer``, ``/ca.crl`` and ``/ocsp`` of one authority, on an ephemeral port."""

    def __init__(self) -> None:
        self.authority: Authority | None = None
        self.requests: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:  # keep test output clean
                return

            def _send(self, body: bytes, kind: str, status: int = 200) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                server.requests[self.path] += 1
                authority = server.authority
                if authority is None:
                    self._send(b"", "text/plain", 503)
                elif self.path == "/ca.cer":
                    der = authority.cert.public_bytes(serialization.Encoding.DER)
                    self._send(der, "application/pkix-cert")
                elif self.path == "/ca.crl":
                    self._send(authority.crl_der, "application/pkix-crl")
                else:
                    self._send(b"", "text/plain", 404)

            def do_POST(self) -> None:
                server.requests[self.path] += 1
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if self.path != "/ocsp" or server.authority is None:
                    self._send(b"", "text/plain", 404)
                    return
                self._send(server.ocsp_response(body), "application/ocsp-response")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def ocsp_response(self, request_der: bytes) -> bytes:
        authority = self.authority
        assert authority is not None and authority.produced_at is not None
        request = ocsp.load_der_ocsp_request(request_der)
        serial = request.serial_number
        revoked_at = authority.revoked.get(serial)
        status = ocsp.OCSPCertStatus.REVOKED if revoked_at else ocsp.OCSPCertStatus.GOOD
        # the responder only needs the serial: rebuild a stand-in certificate for the builder
        subject = _StandIn(serial, authority.cert)
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=subject.certificate(authority.key),
            issuer=authority.cert,
            algorithm=hashes.SHA1(),
            cert_status=status,
            this_update=authority.produced_at,
            next_update=None,
            revocation_time=revoked_at,
            revocation_reason=x509.ReasonFlags.key_compromise if revoked_at else None,
        )
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, authority.cert)
        response = builder.sign(authority.key, hashes.SHA256())
        return response.public_bytes(serialization.Encoding.DER)

    def start(self) -> CaServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class _StandIn:
    """A certificate with the requested serial and issuer, so the OCSP builder can hash its id."""

    serial: int
    issuer: x509.Certificate

    def certificate(self, issuer_key: rsa.RSAPrivateKey) -> x509.Certificate:
        now = self.issuer.not_valid_before_utc
        return (
            x509.CertificateBuilder()
            .subject_name(self.issuer.subject)
            .issuer_name(self.issuer.subject)
            .public_key(issuer_key.public_key())
            .serial_number(self.serial)
            .not_valid_before(now)
            .not_valid_after(self.issuer.not_valid_after_utc)
            .sign(issuer_key, hashes.SHA256())
        )


@contextmanager
def ca_server() -> Iterator[CaServer]:
    server = CaServer().start()
    try:
        yield server
    finally:
        server.stop()


def closed_port() -> int:
    """A port nothing listens on (connections are refused at once)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return int(port)


@contextmanager
def black_hole() -> Iterator[int]:
    """A port that accepts connections (in the kernel's backlog) and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()
