"""Signed PDFs from other projects' test suites get the verdicts their authors expect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verify import VerifyOptions, load_policy, verify_pdf
from verify.policy import PolicyLoader

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "external"
EXPECTED = json.loads((CORPUS / "expected.json").read_text()) if CORPUS.is_dir() else {}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus/external is absent")


@pytest.mark.parametrize("policy", PolicyLoader().names())
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_external_file_verdict(name: str, policy: str) -> None:
    """Verdict within ``verdict_in`` under every built-in policy; signatures and integrity as given.

    The attacked files are ``invalid`` whatever the policy: no built-in
    policy can accept a file modified after signing.
    """
    expected = EXPECTED[name]
    options = VerifyOptions(isolate=False, check_fields=False, policy=load_policy(policy))
    report = verify_pdf(CORPUS / name, options)
    assert report.verdict != "valid"
    assert report.verdict in expected["verdict_in"], expected["why"]
    if "signatures" in expected:
        assert len(report.signatures) == expected["signatures"]
    if "intact" in expected:
        assert all(s.intact == expected["intact"] for s in report.signatures)


ATTACKED = sorted(
    n for n, e in EXPECTED.items() if set(e["verdict_in"]) <= {"invalid", "unreadable"}
)


@pytest.fixture(scope="module")
def corpus_roots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every self-signed certificate the corpus files carry, as a trust folder."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from verify.certfiles import write_pem
    from verify.discovery import find_signatures
    from verify.sigdata import SignatureFormatError, parse_signature, read_contents
    from verify.truststore import is_self_signed

    folder = tmp_path_factory.mktemp("corpus-roots")
    for name in EXPECTED:
        with (CORPUS / name).open("rb") as stream:
            try:
                found = find_signatures(PdfFileReader(stream, strict=False))
            except Exception:  # an unreadable attack file carries no usable root
                continue
            for item in found:
                try:
                    data = parse_signature(item.sig_dict, read_contents(item.sig_dict))
                except SignatureFormatError:
                    continue
                for cert in [*data.other_certs, data.signer_cert]:
                    if cert is not None and is_self_signed(cert):
                        write_pem(folder, cert)
    return folder


@pytest.mark.parametrize("policy", PolicyLoader().names())
@pytest.mark.parametrize("name", ATTACKED)
def test_attacked_files_stay_invalid_even_when_their_signers_are_trusted(
    name: str, policy: str, corpus_roots: Path
) -> None:
    """Trusting the attackers' own roots changes nothing: modified is invalid under every policy."""
    assert len(list(corpus_roots.glob("*.pem"))) >= 5
    options = VerifyOptions(
        isolate=False, check_fields=False, trust=(corpus_roots,), policy=load_policy(policy)
    )
    report = verify_pdf(CORPUS / name, options)
    assert report.verdict in EXPECTED[name]["verdict_in"]
