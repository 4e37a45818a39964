"""Evidence verification: digital signatures (ETSI outcomes) and administrative fields.

Public API::

    from verify import verify_pdf, VerifyOptions, load_policy
    options = VerifyOptions(trust=(Path("trust/"),), policy=load_policy("vn-legacy"))
    report = verify_pdf("minh-chung.pdf", options)
    report.verdict, report.accepted, report.policy, report.signatures[0].summary.lines

A bad signature is a result (``report.verdict``), never an exception; see
``errors.py`` for what raises.
"""

from __future__ import annotations

from pathlib import Path

from verify.errors import (
    InputFileError,
    OptionsError,
    PolicyError,
    PolicyInvalidError,
    PolicyNotFoundError,
    TrustFileInvalidError,
    TrustRootImpersonationError,
    TrustStoreError,
    VerifyError,
)
from verify.options import VerifyOptions
from verify.policy import RULES_VERSION, Policy, default_policy, load_policy
from verify.report import EvidenceReport

__all__ = [
    "RULES_VERSION",
    "EvidenceReport",
    "InputFileError",
    "OptionsError",
    "Policy",
    "PolicyError",
    "PolicyInvalidError",
    "PolicyNotFoundError",
    "TrustFileInvalidError",
    "TrustRootImpersonationError",
    "TrustStoreError",
    "VerifyError",
    "VerifyOptions",
    "default_policy",
    "load_policy",
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

    ``reuse_worker=False`` (one file from the command line): the signatures
    and the fields are checked in two forked children under the same limits
    (``verify/single.py``), instead of starting the warm worker that only
    pays off over many files. Meant for a process that ends with the file:
    its heap is frozen (``gc.freeze``) before forking.
    """
    options = options or VerifyOptions()
    if not options.isolate:
        from verify.pipeline import verify_in_process

        return verify_in_process(Path(path), options)
    if not reuse_worker:
        from verify.single import verify_one

        return verify_one(Path(path), options)
    from verify.guard import default_verifier

    return default_verifier().verify(Path(path), options)
