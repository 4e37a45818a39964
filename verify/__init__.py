"""Evidence verification: digital signatures (ETSI outcomes) and administrative fields.

Public API::

    from verify import verify_pdf, VerifyOptions, POLICY_VERSION
    report = verify_pdf("minh-chung.pdf", VerifyOptions(trust=(Path("trust/"),)))
    report.verdict, report.accepted, report.signatures, report.fields

A bad signature is a result (``report.verdict``), never an exception; see
``errors.py`` for what raises.
"""

from __future__ import annotations

from pathlib import Path

from verify.errors import (
    InputFileError,
    OptionsError,
    TrustFileInvalidError,
    TrustRootImpersonationError,
    TrustStoreError,
    VerifyError,
)
from verify.options import VerifyOptions
from verify.policy import POLICY_VERSION
from verify.report import EvidenceReport

__all__ = [
    "POLICY_VERSION",
    "EvidenceReport",
    "InputFileError",
    "OptionsError",
    "TrustFileInvalidError",
    "TrustRootImpersonationError",
    "TrustStoreError",
    "VerifyError",
    "VerifyOptions",
    "verify_pdf",
]


def verify_pdf(
    path: str | Path, options: VerifyOptions | None = None, *, reuse_worker: bool = True
) -> EvidenceReport:
    """Verify one evidence PDF: every signature, every check, and its administrative fields.

    With ``options.isolate`` (the default) the work runs in a warm worker
    process under ``options.time_limit_s`` and ``options.memory_limit_mb``,
    so a hostile file yields a verdict instead of a hang. Raises only
    ``VerifyError`` subclasses: the file cannot be opened, the trust
    configuration is broken.

    ``reuse_worker=False`` (one file from the command line): the file is
    verified in one forked child under the same limits, instead of starting
    the warm worker that only pays off over many files.
    """
    options = options or VerifyOptions()
    if not options.isolate:
        from verify.pipeline import verify_in_process

        return verify_in_process(Path(path), options)
    from verify.guard import default_verifier, verify_in_child

    if not reuse_worker:
        return verify_in_child(Path(path), options)
    return default_verifier().verify(Path(path), options)
