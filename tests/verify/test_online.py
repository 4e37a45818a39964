"""``--online`` against a CA's endpoints on 127.0.0.1: judged at the signing time, never hanging.

The 2021 signature's certificate expired in 2022; checked in 2025 with
``--online`` it must still be judged as of 15/03/2021 (the old behaviour
reported it expired). The issuer is fetched from AIA and kept; CRL/OCSP are
fetched and judged at the signing time; an unreachable responder gives the
offline result plus a warning, in seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.legacy import CA_NAME, SIGNED_2021, sign_legacy
from tests.support.responder import black_hole, closed_port
from tests.verify.conftest import LegacyEra
from verify import EvidenceReport
from verify.online import forget_down_hosts

Check = Callable[..., EvidenceReport]


@pytest.fixture(autouse=True)
def fresh_network_memory() -> Iterator[None]:
    """Each test starts without remembered unreachable hosts."""
    forget_down_hosts()
    yield
    forget_down_hosts()


def test_online_judges_a_2021_signature_at_its_signing_time(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check, tmp_path: Path
) -> None:
    """Leaf-only 2021 signature, checked in 2025: issuer fetched, revocation checked, accepted."""
    signed = sign_legacy(admin_pdf, legacy.signer_2021, cms_time=SIGNED_2021)
    before = dict(legacy.web.requests)
    cache = tmp_path / "issuers"
    report = legacy_check(signed, online=True, issuer_cache=cache)
    sig = report.signatures[0]
    assert report.verdict == "valid", sig.messages
    assert sig.online == "used" and sig.revocation == "good"
    assert sig.chain[1] == CA_NAME
    assert not any("hết hạn" in m and "chuỗi" in m for m in sig.messages)
    assert legacy.web.requests["/ca.cer"] > before.get("/ca.cer", 0)
    asked = sum(legacy.web.requests[p] - before.get(p, 0) for p in ("/ocsp", "/ca.crl"))
    assert asked >= 1
    assert any("đã hết hạn" in w and "tham khảo" in w for w in sig.warnings)
    assert len(list(cache.glob("*.pem"))) == 1  # the fetched CA, kept for the next run
    offline = legacy_check(signed, intermediates=(cache,))
    assert offline.signatures[0].chain == sig.chain  # the kept CA completes the chain offline


def test_online_strict_refuses_only_for_the_algorithms(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check
) -> None:
    """Under strict the 2021 signature is refused for SHA-1/RSA-1024, not as expired."""
    signed = sign_legacy(admin_pdf, legacy.signer_2021, cms_time=SIGNED_2021)
    report = legacy_check(signed, policy="strict", online=True)
    sig = report.signatures[0]
    assert sig.sub_indication == "CRYPTO_CONSTRAINTS_FAILURE"
    assert not any("hết hạn" in m for m in sig.messages)


def test_revoked_before_signing_is_invalid_online(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check
) -> None:
    """The responder says revoked on 10/01/2021, before the signature: TOTAL_FAILED / REVOKED."""
    signed = sign_legacy(admin_pdf, legacy.revoked_before, cms_time=SIGNED_2021)
    report = legacy_check(signed, online=True)
    sig = report.signatures[0]
    assert report.verdict == "invalid"
    assert (sig.sub_indication, sig.revocation) == ("REVOKED", "revoked")


def test_revoked_after_signing_still_counts(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check
) -> None:
    """Revoked in 2022, after the 2021 signature: the signature was made while it was valid."""
    signed = sign_legacy(admin_pdf, legacy.revoked_after, cms_time=SIGNED_2021)
    report = legacy_check(signed, online=True)
    assert report.verdict == "valid", report.signatures[0].messages


def _unreachable_leaf(legacy: LegacyEra, base: str):  # type: ignore[no-untyped-def]
    return legacy.ca.leaf(base=base)


def test_closed_port_gives_the_offline_result_and_says_so(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check
) -> None:
    """Connection refused: same outcome as offline, plus a warning naming the host."""
    base = f"http://127.0.0.1:{closed_port()}"
    signed = sign_legacy(admin_pdf, _unreachable_leaf(legacy, base), cms_time=SIGNED_2021)
    offline = legacy_check(signed)
    online = legacy_check(signed, online=True)
    sig = online.signatures[0]
    assert online.verdict == offline.verdict == "indeterminate"
    assert sig.sub_indication == offline.signatures[0].sub_indication
    assert sig.online == "unreachable"
    assert any("Không tra cứu trực tuyến được" in w and base[7:] in w for w in sig.warnings)
    assert sig.summary is not None and "(không tra cứu trực tuyến được)" in sig.summary.revocation


def test_a_silent_responder_is_reported_in_under_five_seconds(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check
) -> None:
    """A host that accepts connections and never answers costs the file's network budget only."""
    with black_hole() as port:
        base = f"http://127.0.0.1:{port}"
        signed = sign_legacy(admin_pdf, _unreachable_leaf(legacy, base), cms_time=SIGNED_2021)
        started = time.monotonic()
        report = legacy_check(signed, online=True)
        elapsed = time.monotonic() - started
    sig = report.signatures[0]
    assert elapsed < 5.0, f"{elapsed:.1f} s"
    assert sig.online == "unreachable"
    assert any("không trả lời" in w or "hết thời gian" in w for w in sig.warnings), sig.warnings


def test_validation_time_of_the_check_is_not_the_signing_time(
    legacy: LegacyEra, admin_pdf: bytes, legacy_check: Check
) -> None:
    """--at moves the moment of the check (a future claimed time stays suspicious)."""
    signed = sign_legacy(admin_pdf, legacy.signer_2021, cms_time=SIGNED_2021)
    early = legacy_check(signed, online=True, validation_time=datetime(2021, 1, 1, tzinfo=UTC))
    assert early.signatures[0].sub_indication == "GENERIC"  # signed "after" the check
