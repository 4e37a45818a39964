"""Issuing CAs carried by one file of a dossier complete the chains of the others.

Real signatures often embed only the signer's certificate; when another
file of the same dossier, signed through the same CA, embeds the CA, the
checker offers it to the first file as an intermediate — never as an anchor.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.legacy import CA_NAME, CHECKED_AT, SIGNED_2021, sign_legacy
from tests.verify.conftest import LegacyEra
from verify import VerifyOptions, load_policy
from verify.dossier import DossierOptions, DossierResult, check_dossier


def _check(root: Path, trust: Path, cache: Path) -> DossierResult:
    options = DossierOptions(
        verify=VerifyOptions(
            trust=(trust,), validation_time=CHECKED_AT, policy=load_policy("vn-legacy")
        ),
        workers=1,
        cache_dir=cache,
    )
    return check_dossier(root, options)


def test_a_ca_embedded_in_one_file_completes_another(
    make_dossier: Callable[..., Path],
    legacy: LegacyEra,
    admin_pdf: bytes,
    trust_dir: Path,
    tmp_path: Path,
) -> None:
    """b.pdf embeds only its signer; a.pdf embeds the CA: both chain to the root."""
    leaf_only = sign_legacy(admin_pdf, legacy.signer_2021, cms_time=SIGNED_2021)
    with_ca = sign_legacy(
        admin_pdf, legacy.signer_2021, cms_time=SIGNED_2021, embed=[legacy.ca.ca.cert]
    )
    alone = make_dossier({"I.1": {"b.pdf": leaf_only}}, name="alone")
    report = _report(_check(alone, trust_dir, tmp_path / "cache"), "I.1/b.pdf")
    assert report.signatures[0].missing_issuer is not None

    both = make_dossier({"I.1": {"a.pdf": with_ca, "b.pdf": leaf_only}}, name="both")
    first = _check(both, trust_dir, tmp_path / "cache")
    for name in ("I.1/a.pdf", "I.1/b.pdf"):
        sig = _report(first, name).signatures[0]
        assert sig.chain[1:] == [CA_NAME, "Hoso Test Root CA"], (name, sig.messages)
        assert sig.indication == "TOTAL_PASSED"
    again = _check(both, trust_dir, tmp_path / "cache")
    assert _report(again, "I.1/b.pdf").signatures[0].trusted
    assert again.stats.verified == 0  # both passes come from the cache


def test_an_embedded_root_is_never_trusted(
    make_dossier: Callable[..., Path],
    legacy: LegacyEra,
    pki,  # type: ignore[no-untyped-def]
    admin_pdf: bytes,
    tmp_path: Path,
) -> None:
    """A file that embeds the whole chain, root included, does not make its root an anchor."""
    empty_trust = tmp_path / "empty-trust"
    empty_trust.mkdir()
    full_chain = sign_legacy(
        admin_pdf,
        legacy.signer_2021,
        cms_time=SIGNED_2021,
        embed=[legacy.ca.ca.cert, pki.root.cert],
    )
    leaf_only = sign_legacy(admin_pdf, legacy.signer_2021, cms_time=SIGNED_2021)
    root = make_dossier({"I.1": {"a.pdf": full_chain, "b.pdf": leaf_only}}, name="roots")
    result = _check(root, empty_trust, tmp_path / "cache")
    for name in ("I.1/a.pdf", "I.1/b.pdf"):
        sig = _report(result, name).signatures[0]
        assert not sig.trusted and sig.indication == "INDETERMINATE"


def _report(result: DossierResult, path: str):  # type: ignore[no-untyped-def]
    item = next(f for f in result.files if f.path == path)
    assert item.report is not None
    return item.report
