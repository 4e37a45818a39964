"""ConverterPool: conversions go to free members in parallel, each member keeps the
converter's timeout and restart, a crashed or hung member never blocks the others, and
nothing starts before the first conversion."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import docgen
from docgen import ConverterOptions, ConverterPool
from docgen.errors import ConversionError, ConversionTimeout
from docgen.office import OfficeServer
from docgen.pool import cpu_count

DOCX = b"PK\x03\x04 stand-in for a DOCX"


def _fake(pool: ConverterPool, monkeypatch: pytest.MonkeyPatch, convert: Callable) -> None:
    for member in pool.members:
        monkeypatch.setattr(member, "convert", convert)


# --- dispatch, without LibreOffice ------------------------------------------------------


def test_size_defaults_to_the_cores_and_comes_from_the_options(tmp_path: Path) -> None:
    assert ConverterPool(ConverterOptions(work_dir=tmp_path)).size == cpu_count() >= 1
    assert ConverterPool(ConverterOptions(work_dir=tmp_path, pool_size=3)).size == 3
    assert ConverterPool(ConverterOptions(work_dir=tmp_path, pool_size=3), size=1).size == 1
    with pytest.raises(ValueError):
        ConverterPool(ConverterOptions(work_dir=tmp_path), size=0)


def test_each_member_has_its_own_work_directory_and_the_pool_options(tmp_path: Path) -> None:
    options = ConverterOptions(work_dir=tmp_path, timeout=7)
    pool = ConverterPool(options, size=3)
    dirs = [member.options.work_dir for member in pool.members]
    assert len(set(dirs)) == 3 and all(d.parent == tmp_path for d in dirs)
    assert all(member.options.timeout == 7 for member in pool.members)


def test_the_default_converter_is_a_pool_that_starts_nothing_until_used() -> None:
    pool = docgen.default_converter()
    assert isinstance(pool, ConverterPool)
    assert pool.size == cpu_count()
    if all(server is None for server in pool.servers):  # no earlier test converted with it
        assert all(not entry["running"] for entry in pool.health())


def test_not_a_docx_is_refused_before_any_member_is_taken(tmp_path: Path) -> None:
    pool = ConverterPool(ConverterOptions(work_dir=tmp_path), size=1)
    with pytest.raises(ConversionError):
        pool.convert(b"not a docx")
    assert pool.servers == [None] and pool.restarts == 0


def test_two_conversions_run_at_once_on_two_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = ConverterPool(ConverterOptions(work_dir=tmp_path), size=2)
    both_inside = threading.Barrier(2, timeout=5)

    def convert(docx: bytes, timeout: float | None = None, *, pdfa: bool = False) -> bytes:
        both_inside.wait()  # breaks (BrokenBarrierError) unless two run at the same time
        return b"%PDF-fake"

    _fake(pool, monkeypatch, convert)
    with ThreadPoolExecutor(2) as executor:
        results = list(executor.map(pool.convert, [DOCX, DOCX]))
    assert results == [b"%PDF-fake"] * 2


def test_a_failing_member_goes_back_to_the_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = ConverterPool(ConverterOptions(work_dir=tmp_path), size=1)
    outcomes = iter([ConversionError("boom"), b"%PDF-fake"])

    def convert(docx: bytes, timeout: float | None = None, *, pdfa: bool = False) -> bytes:
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    _fake(pool, monkeypatch, convert)
    with pytest.raises(ConversionError):
        pool.convert(DOCX)
    assert pool.convert(DOCX) == b"%PDF-fake"


def test_waiting_for_a_free_member_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = ConverterPool(ConverterOptions(work_dir=tmp_path, queue_timeout=0.2), size=1)
    release = threading.Event()

    def convert(docx: bytes, timeout: float | None = None, *, pdfa: bool = False) -> bytes:
        release.wait(10)
        return b"%PDF-fake"

    _fake(pool, monkeypatch, convert)
    with ThreadPoolExecutor(1) as executor:
        busy = executor.submit(pool.convert, DOCX)
        while not any(entry["busy"] for entry in pool.health()):
            time.sleep(0.005)
        with pytest.raises(ConversionTimeout) as caught:
            pool.convert(DOCX)
        assert caught.value.code == "CONVERSION_TIMEOUT"
        release.set()
        assert busy.result(timeout=10) == b"%PDF-fake"


# --- real LibreOffices (session fixture ``pool``: two members) ---------------------------


def _office_pids(server: OfficeServer) -> list[int]:
    """LibreOffice's processes (oosplash, soffice.bin) under one unoserver."""
    assert server.process is not None
    group = server.process.pid
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == group:
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] != "Z":
                pids.append(int(entry.name))
    return pids


def _busy_member(pool: ConverterPool, request: threading.Thread) -> int | None:
    """The member a request in ``request`` holds, or None if it finished first."""
    while request.is_alive():
        for entry in pool.health():
            if entry["busy"]:
                return int(entry["member"])
        time.sleep(0.001)
    return None


def _example(form_id: str) -> bytes:
    return docgen.render(form_id, docgen.get_form(form_id).example())


@pytest.mark.libreoffice
def test_parallel_conversions_from_threads_all_succeed_on_both_members(
    pool: ConverterPool,
) -> None:
    docs = [_example(f) for f in ("bieu-01", "bieu-02", "mau-03", "mau-4.1")] * 2
    before = [entry["conversions"] for entry in pool.health()]
    with ThreadPoolExecutor(4) as executor:
        pdfs = list(executor.map(pool.convert, docs))
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs)
    health = pool.health()
    assert all(entry["conversions"] > was for entry, was in zip(health, before, strict=True))
    assert len({entry["port"] for entry in health}) == 2
    assert len({entry["pid"] for entry in health}) == 2
    profiles = {member.options.work_dir / "profile" for member in pool.members}
    assert len(profiles) == 2 and all(profile.is_dir() for profile in profiles)


@pytest.mark.libreoffice
def test_member_killed_mid_request_gives_a_pdf_or_a_clean_error_then_the_next_succeed(
    pool: ConverterPool,
) -> None:
    pool.start()  # both members up, whatever earlier tests did
    docx = _example("bieu-03")
    outcome: dict[str, object] = {}

    def convert() -> None:
        try:
            outcome["pdf"] = pool.convert(docx)
        except ConversionError as exc:
            outcome["error"] = exc

    request = threading.Thread(target=convert)
    request.start()
    member = _busy_member(pool, request)
    if member is not None:
        server = pool.servers[member]
        assert server is not None
        for pid in _office_pids(server):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    request.join(timeout=60)
    assert not request.is_alive(), "a killed LibreOffice must not hang the request"
    assert isinstance(outcome.get("error"), ConversionError) or "pdf" in outcome
    with ThreadPoolExecutor(2) as executor:
        pdfs = list(executor.map(pool.convert, [_example("bieu-01"), _example("mau-03")]))
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs)


@pytest.mark.libreoffice
def test_a_hung_member_times_out_without_blocking_the_other(pool: ConverterPool) -> None:
    """One LibreOffice frozen (SIGSTOP) mid-conversion: its request ends in
    ConversionTimeout, the other member converts meanwhile, and the frozen process is
    killed by the restart."""
    pool.start()
    frozen: list[int] = []
    outcome: dict[str, object] = {}

    def convert_with_a_short_timeout() -> None:
        try:
            outcome["pdf"] = pool.convert(_example("bieu-04"), timeout=5)
        except ConversionError as exc:
            outcome["error"] = exc

    try:
        for _ in range(10):  # until the request lands on a member we can freeze in time
            outcome.clear()
            request = threading.Thread(target=convert_with_a_short_timeout)
            request.start()
            member = _busy_member(pool, request)
            server = pool.servers[member] if member is not None else None
            if server is not None:
                frozen = _office_pids(server)
                for pid in frozen:
                    os.kill(pid, signal.SIGSTOP)
            request.join(timeout=1.0)
            if request.is_alive():
                break  # hung on the frozen member
            for pid in frozen:  # it finished before the freeze: thaw and try again
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)
            frozen = []
        else:
            pytest.fail("no request could be caught in a member")

        pdfs = [pool.convert(_example(f)) for f in ("bieu-01", "bieu-02", "mau-03")]
        assert all(pdf.startswith(b"%PDF") for pdf in pdfs)
        assert request.is_alive(), "the other member must serve while one hangs"
        request.join(timeout=60)
        assert not request.is_alive()
        assert isinstance(outcome.get("error"), ConversionTimeout)
        deadline = time.monotonic() + 10  # SIGKILL is sent; dying takes a moment
        while _unreaped(frozen) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _unreaped(frozen) == [], "the restart must kill the frozen LibreOffice"
    finally:
        for pid in frozen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    with ThreadPoolExecutor(2) as executor:
        pdfs = list(executor.map(pool.convert, [_example("bieu-01"), _example("mau-03")]))
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs)


def _unreaped(pids: list[int]) -> list[int]:
    """Pids still running (zombies waiting for init to reap them do not count)."""
    running = []
    for pid in pids:
        with contextlib.suppress(OSError, IndexError):
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state not in ("Z", "X"):
                running.append(pid)
    return running
