"""Integrity: the bytes under the ByteRange are the signed bytes, and the signature verifies.

The digest is streamed over the ByteRange with the library's chunked reader
(a 200 MB scan is never held in memory). Three shapes of CMS occur:
detached (``adbe.pkcs7.detached``, PAdES: the messageDigest attribute is the
ByteRange digest), ``adbe.pkcs7.sha1`` (the SHA-1 of the ByteRange is the
encapsulated content, itself signed) and document timestamps (the TSTInfo's
message imprint is the ByteRange digest).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import BinaryIO

from asn1crypto import core
from pyhanko.sign.general import byte_range_digest
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.generic_cms import validate_sig_integrity

from verify.sigdata import SignatureData

logger = logging.getLogger(__name__)


@dataclass
class IntegrityResult:
    """``hash_ok``: ByteRange digest matches; ``signature_ok``: the value verifies."""

    hash_ok: bool
    signature_ok: bool
    format_problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.hash_ok and self.signature_ok and self.format_problem is None


def _hash(algorithm: str, data: bytes) -> bytes:
    return hashlib.new(algorithm, data).digest()


def check_integrity(stream: BinaryIO, ranges: list[int], data: SignatureData) -> IntegrityResult:
    """Digest over the ByteRange, then the signature value over the signed attributes."""
    if data.signer_cert is None:
        return IntegrityResult(False, False, "Chữ ký không kèm chứng thư số của người ký.")
    eci = data.signed_data["encap_content_info"]
    content = eci["content"]
    try:
        if data.content_type == "tst_info":
            imprint = content.parsed["message_imprint"]
            algo = imprint["hash_algorithm"]["algorithm"].native
            _, range_digest = byte_range_digest(stream, ranges, algo)
            hash_ok = imprint["hashed_message"].native == range_digest
            actual = _hash(data.digest_algorithm, content.parsed.dump())
        elif content is not None and content is not core.VOID and content.native is not None:
            # adbe.pkcs7.sha1: the encapsulated content is SHA-1(ByteRange)
            encapsulated = content.native
            _, range_digest = byte_range_digest(stream, ranges, "sha1")
            hash_ok = encapsulated == range_digest
            actual = _hash(data.digest_algorithm, encapsulated)
        else:
            _, actual = byte_range_digest(stream, ranges, data.digest_algorithm)
            hash_ok = True
        intact, valid = validate_sig_integrity(
            data.signer_info, data.signer_cert, data.content_type, actual
        )
    except SignatureValidationError as exc:
        logger.info(
            "CMS structure rejected: %s", exc.failure_message
        )  # pyHanko's words are English
        return IntegrityResult(
            False, False, "Cấu trúc chữ ký không hợp lệ: chữ ký không theo chuẩn CMS/PAdES."
        )
    except (ValueError, KeyError, TypeError, NotImplementedError) as exc:
        logger.info("signature value not checkable: %r", exc)
        return IntegrityResult(
            False, False, "Không kiểm tra được giá trị chữ ký: dữ liệu chữ ký (CMS) bị hỏng."
        )
    return IntegrityResult(hash_ok=hash_ok and intact, signature_ok=valid)
