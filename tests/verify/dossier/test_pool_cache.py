"""The batch never hangs on one file, and an unchanged dossier is not verified twice."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from tests.verify.dossier.fakes import CALLS_ENV, spec
from verify import load_policy
from verify.dossier import check_dossier
from verify.dossier.cache import clear


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file where the fake verifier logs every file it verifies (workers inherit the env)."""
    log = tmp_path / "calls.log"
    monkeypatch.setenv(CALLS_ENV, str(log))
    return log


def _count(log: Path) -> int:
    return len(log.read_text("utf-8").splitlines()) if log.exists() else 0


def test_a_hanging_file_is_stopped_and_the_batch_goes_on(make_dossier, options, calls):
    """A worker stuck on one file is killed at the time limit; every other file is verified."""
    root = make_dossier({"I.1": {"treo.pdf": spec(sleep=60)}, "I.2": {"a.pdf": spec()}})
    fast = dataclasses.replace(options, time_limit_s=1.5, cache_dir=None)
    started = time.monotonic()
    result = check_dossier(root, fast)
    assert time.monotonic() - started < 20
    row = result.appraisal.criterion("I.1")
    assert [r.code for r in row.reasons] == ["VERIFY_TIMEOUT", "REQUIRED_DOCUMENT_MISSING"]
    assert "quá thời gian" in row.reasons[0].message
    assert result.appraisal.criterion("I.2").evidenced
    assert result.stats.timed_out == 1
    assert result.stats.verified == result.stats.pdfs


def test_second_run_verifies_nothing(make_dossier, options, calls):
    """Unchanged files come from the cache: the verifier is not called again."""
    root = make_dossier()
    first = check_dossier(root, options)
    verified = _count(calls)
    assert verified == first.stats.pdfs > 0
    second = check_dossier(root, options)
    assert _count(calls) == verified
    assert second.stats.cached == second.stats.pdfs and second.stats.verified == 0
    assert all(f.cached for f in second.files if f.kind == "pdf")
    assert second.appraisal == first.appraisal


def test_changed_file_and_timeouts_are_verified_again(make_dossier, options, calls):
    """Only the changed file is verified again; a timed-out file is never cached."""
    root = make_dossier()
    check_dossier(root, options)
    before = _count(calls)
    (root / "I.1" / "bao-cao.pdf").write_bytes(spec(number="99/BC-UBND"))
    check_dossier(root, options)
    assert _count(calls) == before + 1


def test_trust_store_change_invalidates(make_dossier, options, calls, tmp_path):
    """Adding a certificate to the trust store changes every key."""
    from tests.support.pki import build_pki

    pki = build_pki()
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "root.pem").write_bytes(pki.root.pem())
    opts = dataclasses.replace(options, verify=dataclasses.replace(options.verify, trust=(trust,)))
    root = make_dossier()
    first = check_dossier(root, opts)
    check_dossier(root, opts)
    assert _count(calls) == first.stats.pdfs
    (trust / "intermediate.pem").write_bytes(pki.intermediate.pem())
    again = check_dossier(root, opts)
    assert again.trust_fingerprint != first.trust_fingerprint
    assert again.stats.verified == again.stats.pdfs
    assert _count(calls) == 2 * first.stats.pdfs


def test_policy_change_invalidates(make_dossier, options, calls, monkeypatch):
    """Another policy, or a new version of the verifier's rules, re-verifies everything."""
    root = make_dossier()
    first = check_dossier(root, options)
    assert first.policy.id == "strict"
    legacy = dataclasses.replace(
        options, verify=dataclasses.replace(options.verify, policy=load_policy("vn-legacy"))
    )
    second = check_dossier(root, legacy)
    assert second.stats.verified == second.stats.pdfs
    assert (second.policy.id, second.policy.version) == ("vn-legacy", "2025.1")
    assert check_dossier(root, legacy).stats.verified == 0
    monkeypatch.setattr("verify.policy.RULES_VERSION", "test-next")
    assert check_dossier(root, legacy).stats.verified == first.stats.pdfs
    assert _count(calls) == 3 * first.stats.pdfs


def test_cache_clear(make_dossier, options, calls):
    """Clearing the cache makes the next run verify every file."""
    root = make_dossier()
    first = check_dossier(root, options)
    assert options.cache_dir is not None
    assert clear(options.cache_dir) > 0  # one entry per distinct content
    assert check_dossier(root, options).stats.verified == first.stats.pdfs


def test_workers_default_to_the_cores(options):
    """``--workers`` unset: one per core, never more than the files."""
    import os

    auto = dataclasses.replace(options, workers=None)
    assert auto.worker_count(1000) == (os.cpu_count() or 1)
    assert auto.worker_count(1) == 1


def test_an_interrupted_check_keeps_what_it_verified(make_dossier, options, calls):
    """Reports are cached as each file is verified: a check stopped after five files
    (a worker killed, a server stopping) resumes without verifying those five again."""
    root = make_dossier(
        {f"I.{n}": {f"tep-{n}.pdf": spec(number=f"{n}/BC-UBND")} for n in range(1, 9)}
    )

    def stop_after_five(done: int, total: int, _path: str) -> None:
        if done >= 5:
            raise KeyboardInterrupt  # what a stop looks like from inside the check

    with pytest.raises(KeyboardInterrupt):
        check_dossier(root, dataclasses.replace(options, workers=1), progress=stop_after_five)
    verified_before = _count(calls)
    resumed = check_dossier(root, options)
    assert resumed.stats.cached >= 5
    assert resumed.stats.cached + resumed.stats.verified == resumed.stats.pdfs
    assert _count(calls) - verified_before == resumed.stats.verified
