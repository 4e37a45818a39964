"""Errors of the verify package: "could not do the work", never "the signature is bad".

A bad, untrusted or tampered signature is a *result* (an ``EvidenceReport``
with verdict ``invalid`` or ``indeterminate``); these exceptions are raised
only when the caller must act: the input file cannot be opened at all, the
trust configuration is broken, the options make no sense.

Exception tree (every error carries a stable UPPER_SNAKE ``code``)::

    VerifyError                          root of the package
    ├── InputFileError                   the evidence file cannot be opened
    │                                    (missing, a directory, no permission)
    ├── OptionsError                     the options are inconsistent
    │                                    (naive datetime, negative time limit)
    ├── PolicyError                      a validation policy cannot be used
    │   ├── PolicyNotFoundError          no policy of that name or path
    │   └── PolicyInvalidError           the policy file is malformed
    └── TrustStoreError                  a trust file or folder cannot be used
        ├── TrustFileInvalidError        not a PEM/DER X.509 certificate
        └── TrustRootImpersonationError  claims to be a known Vietnamese root
                                         but its SHA-256 fingerprint differs

Dependency exceptions (pyHanko, asn1crypto, OSError) are wrapped at the
boundary with ``raise ... from exc`` so callers catch one root.
"""

from __future__ import annotations


class VerifyError(Exception):
    """Root of the verify package's errors."""

    code = "VERIFY_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputFileError(VerifyError):
    """The evidence file cannot be opened (missing, directory, permission)."""

    code = "INPUT_FILE_UNAVAILABLE"


class OptionsError(VerifyError):
    """The verification options are inconsistent."""

    code = "OPTIONS_INVALID"


class PolicyError(VerifyError):
    """A validation policy cannot be used."""

    code = "POLICY_INVALID"


class PolicyNotFoundError(PolicyError):
    """No built-in or deployment policy has that name, and no such file exists."""

    code = "POLICY_NOT_FOUND"


class PolicyInvalidError(PolicyError):
    """The policy file is not valid YAML or does not follow the policy model."""

    code = "POLICY_INVALID"


class TrustStoreError(VerifyError):
    """A trust file or folder cannot be used."""

    code = "TRUST_STORE_INVALID"


class TrustFileInvalidError(TrustStoreError):
    """A file given as a trust anchor is not a PEM or DER X.509 certificate."""

    code = "TRUST_FILE_INVALID"


class TrustRootImpersonationError(TrustStoreError):
    """A certificate names a known Vietnamese root but is not that root."""

    code = "TRUST_ROOT_IMPERSONATION"
