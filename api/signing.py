"""The service's signing key: ``?sign=true`` on a render route signs with it.

The key is configured on the server, never sent by a client (settings
``HOSO_SIGN_KEY`` + ``HOSO_SIGN_PASSWORD`` for a PKCS#12 file, or
``HOSO_SIGN_PKCS11_MODULE`` + ``HOSO_SIGN_TOKEN`` + ``HOSO_SIGN_PIN`` for a
token; ``HOSO_SIGN_SEAL`` an optional seal image). The signing itself is
:func:`docgen.signing.sign_pdf`, the same as ``hoso render --sign``; revocation
data is embedded when the service has trust anchors (``HOSO_TRUST``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from api.errors import ApiError
from api.settings import Settings

if TYPE_CHECKING:
    from docgen.signing import SigningOptions


class SigningNotConfigured(ApiError):
    code = "SIGNING_NOT_CONFIGURED"


@contextmanager
def server_signing(settings: Settings) -> Iterator[SigningOptions]:
    """Signing options over the configured key; SigningNotConfigured when there is none."""
    from docgen.signing import SigningOptions, load_pkcs12, pkcs11_signer, trust_context

    context = trust_context(settings.trust_paths) if settings.trust_paths else None
    if settings.sign_key is not None:
        signer = load_pkcs12(settings.sign_key, settings.sign_password)
        yield SigningOptions(signer, seal_image=settings.sign_seal, validation_context=context)
    elif settings.sign_pkcs11_module is not None and settings.sign_token is not None:
        with pkcs11_signer(
            settings.sign_pkcs11_module,
            settings.sign_token,
            settings.sign_pin or "",
            key_label=settings.sign_key_label,
        ) as signer:
            yield SigningOptions(signer, seal_image=settings.sign_seal, validation_context=context)
    else:
        raise SigningNotConfigured(
            "Máy chủ chưa được cấu hình khóa ký số (HOSO_SIGN_KEY hoặc token PKCS#11): "
            "liên hệ quản trị hệ thống, hoặc tải văn bản về rồi ký bằng phần mềm ký số."
        )
