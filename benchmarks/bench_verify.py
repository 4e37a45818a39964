"""Evidence verification speed: files per second, side by side with poppler's ``pdfsig``.

Run: ``.venv/bin/python benchmarks/bench_verify.py [--files 40] [--repeats 5] [--workers N]
[--folder DIR] [--stages]``.
Prints figures; asserts nothing (DESIGN: benchmarks print, tests never time).

Without ``--folder`` a folder of Vietnamese administrative PDFs is generated
and signed with the test PKI (half one signature, half a countersignature),
as one agency's dossier: one signer and CA, every document signed at its own
moment.
Every repeat verifies every file once; all rows run in the same process, on
the same files, interleaved repeat by repeat (so a noisy moment hurts every
row alike):

- ``hoso sig``: ``verify_pdf`` through the guarded warm worker, fields off —
  pdfsig also checks signatures only (and no revocation, no modifications
  after signing);
- ``hoso full``: the default check, signatures + administrative fields;
- ``hoso full ×N``: the full check over a pool of N workers (the dossier
  checker's pebble pool, ``verify.dossier.pool.verify_all``, each file under
  its time limit);
- ``pdfsig``: one ``pdfsig FILE`` process per file, one at a time, and N at
  a time (a thread pool of subprocesses, as ``xargs -P N`` would);
- the floors, what the libraries alone cost per file (``Floor``): pyHanko's
  own ``validate_pdf_signature`` on every signature of the file (its public
  API used the plain way: the trust roots, no revocation fetching, its
  difference analysis; with hoso's hex-string reader, as in hoso's
  workers), and PDFium giving the characters of page 1 (open, load the
  page, its text page), each in this process; then both together as tasks
  of the same pool as ``hoso full ×N``. Together they are what the full
  check costs before hoso reads a single field; their ratio to pdfsig is
  the nearest a full check built on these libraries (and, at N workers, on
  a pool that can stop a file at its time limit) can come.

Medians over the repeats; ratios are hoso ÷ pdfsig at the same parallelism
(≥ 1 means at least as fast).

Then the command line, each a fresh process, interleaved, median of
``--cli-repeats``: ``hoso verify ONE.pdf --json`` next to ``pdfsig ONE.pdf``
and to the floors it cannot go under (Python starting and importing typer,
and importing pyHanko's validation package, which pulls in aiohttp), and
``hoso --help`` next to the typer floor; ``pdfsig -v`` shows how much of
pdfsig's own time per file is its process start.

``--stages`` then prints where one file's time goes, stage by stage
(``verify_stages.py``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.admin_pdf import make_admin_pdf
from tests.support.pki import SIGNING_TIME, VALIDATION_TIME, build_pki
from tests.support.signing import sign_pdf
from verify import VerifyOptions, verify_pdf
from verify.dossier.model import Verifier
from verify.dossier.pool import Job, default_verifier, verify_all
from verify.pipeline import prepare_process
from verify.report import EvidenceReport

Batch = Callable[[list[Path]], object]


def make_folder(folder: Path, count: int) -> Path:
    """Signed documents plus the trust folder holding the test root.

    One agency's dossier: the same signer and CA throughout, each document
    signed at its own moment (seven hours apart, the countersignature an
    hour later), as real files are.
    """
    pki = build_pki()
    trust = pki.write_trust(folder / "trust")
    docs = folder / "docs"
    docs.mkdir()
    for index in range(count):
        pdf = make_admin_pdf(number=f"{index + 1}/QĐ-UBND")
        moment = SIGNING_TIME + timedelta(hours=7 * index)
        signed = sign_pdf(pdf, pki.good, crls=[pki.crl_der], signing_time=moment)
        if index % 2:
            signed = sign_pdf(
                signed,
                pki.good,
                field_name="ChuKy2",
                crls=[pki.crl_der],
                signing_time=moment + timedelta(hours=1),
            )
        (docs / f"qd-{index:03d}.pdf").write_bytes(signed)
    return trust


def sequential(run: Callable[[Path], object]) -> Batch:
    def batch(files: list[Path]) -> None:
        for path in files:
            run(path)

    return batch


def hoso_pool(options: VerifyOptions, workers: int, verifier: Verifier = default_verifier) -> Batch:
    """The dossier checker's pool: a fresh pebble pool per batch, as ``check_dossier`` runs it."""
    limit = options.time_limit_s or 60.0

    def batch(files: list[Path]) -> None:
        jobs = [Job(path=p, relative=p.name, sha256="") for p in files]
        reports = verify_all(jobs, options, verifier=verifier, workers=workers, time_limit_s=limit)
        assert len(reports) == len(files)

    return batch


class Floor:
    """What the libraries alone cost per file: pyHanko's validation, PDFium's page text.

    pyHanko's public validation used the plain way (the trust roots, no
    revocation fetching, its difference analysis) with hoso's faster
    hex-string reader installed (``verify.hexstring``), as in hoso's
    workers: without it pyHanko alone is about twice as slow. The roots are
    loaded once, in the parent, so pool workers forked from it share them.
    """

    def __init__(self, trust: list[Path]) -> None:
        import pypdfium2  # noqa: F401  (imported before any fork, as hoso's own modules are)
        from pyhanko.sign.validation import validate_pdf_signature  # noqa: F401

        from verify import hexstring
        from verify.truststore import load_trust_store

        hexstring.install()
        self.roots = load_trust_store(tuple(trust)).anchors

    def signatures(self, path: Path) -> None:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        with path.open("rb") as stream:
            reader = PdfFileReader(stream, strict=False)
            context = ValidationContext(
                trust_roots=self.roots, allow_fetching=False, moment=VALIDATION_TIME
            )
            for signature in reader.embedded_signatures:
                validate_pdf_signature(signature, context)

    @staticmethod
    def page_text(path: Path) -> None:
        """PDFium's characters of page 1, the least the field step reads."""
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        page = pdf[0]
        textpage = page.get_textpage()
        textpage.count_chars()
        textpage.close()
        page.close()
        pdf.close()

    def both(self, path: Path) -> None:
        self.signatures(path)
        self.page_text(path)


_floor: Floor | None = None
"""The floor a pool's workers run: set in the parent before the pool forks them."""


def _floor_task(path: Path, options: VerifyOptions) -> EvidenceReport:
    """One file's floor as a task of hoso's pool (module level, so a task can name it)."""
    assert _floor is not None
    _floor.both(path)
    return EvidenceReport(file=str(path), sha256="", verdict="valid", accepted=True)


def floor_pool(floor: Floor, options: VerifyOptions, workers: int) -> Batch:
    """The floor of the full check at N workers: the libraries' work per file, run through
    the same pool as ``hoso full ×N`` (a fresh pool per batch, every file under its time
    limit), so the pool's own start, join and fresh workers count in both rows alike."""
    global _floor
    _floor = floor
    return hoso_pool(options, workers, verifier=_floor_task)


def pdfsig_batch(pdfsig: str, workers: int) -> Batch:
    def one(path: Path) -> None:
        subprocess.run([pdfsig, str(path)], capture_output=True, check=False)

    if workers == 1:
        return sequential(one)

    def batch(files: list[Path]) -> None:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(one, files))

    return batch


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=False)
    return time.perf_counter() - start


def command_line(one: Path, trust: list[Path], repeats: int) -> None:
    """Single-process figures: one file from the command line, and the help."""
    python = sys.executable
    hoso = str(Path(python).with_name("hoso"))
    trust_args = [x for t in trust for x in ("--trust", str(t))]
    rows = {
        "hoso verify ONE.pdf --json": [hoso, "verify", str(one), "--json", *trust_args],
        "hoso --help": [hoso, "--help"],
        "floor: python -c 'import typer'": [python, "-c", "import typer"],
        "floor: import pyhanko.sign.validation": [
            python,
            "-c",
            "import typer, pyhanko.sign.validation",
        ],
    }
    pdfsig = shutil.which("pdfsig")
    if pdfsig is not None:
        rows["pdfsig ONE.pdf"] = [pdfsig, str(one)]
        rows["pdfsig -v (its process start alone)"] = [pdfsig, "-v"]
    # An installed hoso has its bytecode compiled (pip does it at install);
    # a checkout run with PYTHONDONTWRITEBYTECODE would compile every module
    # on every run, ~35 ms no user pays. One unmeasured run of each command
    # may write it, and warms the OS's file cache as a second run would.
    warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for argv in rows.values():
        subprocess.run(argv, capture_output=True, check=False, env=warm)
    times: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(repeats):
        for name, argv in rows.items():
            times[name].append(wall(argv))
    print(f"command line, one process each, median of {repeats}:")
    for name, values in times.items():
        print(f"  {name:<40} {statistics.median(values):6.3f} s")


def measure(files: list[Path], rows: dict[str, Batch], repeats: int) -> dict[str, float]:
    """Median files per second of each row, the rows interleaved within every repeat."""
    rates: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(repeats):
        for name, batch in rows.items():
            start = time.perf_counter()
            batch(files)
            rates[name].append(len(files) / (time.perf_counter() - start))
    return {name: statistics.median(values) for name, values in rates.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--folder", type=Path, help="existing folder of signed PDFs")
    parser.add_argument("--trust", type=Path, action="append", default=[])
    parser.add_argument("--cli-repeats", type=int, default=7)
    parser.add_argument(
        "--stages", action="store_true", help="then where a file's time goes, stage by stage"
    )
    args = parser.parse_args()
    n = args.workers

    with tempfile.TemporaryDirectory() as tmp:
        trust = list(args.trust)
        if args.folder:
            files = sorted(args.folder.glob("*.pdf"))
        else:
            trust.append(make_folder(Path(tmp), args.files))
            files = sorted((Path(tmp) / "docs").glob("*.pdf"))
        full = VerifyOptions(trust=tuple(trust), validation_time=VALIDATION_TIME)
        sig_only = replace(full, check_fields=False)
        verdicts = {verify_pdf(f, full).verdict for f in files}  # also warms the worker
        floor = Floor(trust)
        prepare_process()  # the floors run in a process readied as hoso's workers are
        accepted = sum(verify_pdf(f, full).accepted for f in files)

        rows: dict[str, Batch] = {
            "hoso sig, 1 worker": sequential(lambda p: verify_pdf(p, sig_only)),
            "hoso full, 1 worker": sequential(lambda p: verify_pdf(p, full)),
            f"hoso full, {n} workers": hoso_pool(full, n),
            "floor: pyHanko alone": sequential(floor.signatures),
            "floor: PDFium page text": sequential(floor.page_text),
            f"floor: both, {n} workers": floor_pool(floor, full, n),
        }
        pdfsig = shutil.which("pdfsig")
        if pdfsig is not None:
            rows["pdfsig, 1 at a time"] = pdfsig_batch(pdfsig, 1)
            rows[f"pdfsig, {n} at a time"] = pdfsig_batch(pdfsig, n)
        print(
            f"{len(files)} files, {os.cpu_count()} cores, median of {args.repeats} repeats; "
            f"verdicts {sorted(verdicts)}, {accepted} accepted"
        )
        rates = measure(files, rows, args.repeats)
        for name, value in rates.items():
            print(f"{name:<26} {value:8.1f} files/s")
        if pdfsig is None:
            print("pdfsig: not installed (apt install poppler-utils)")
            command_line(files[0], trust, args.cli_repeats)
            return
        one, many = rates["pdfsig, 1 at a time"], rates[f"pdfsig, {n} at a time"]
        print(
            "ratio hoso/pdfsig: "
            f"sig 1:1 {rates['hoso sig, 1 worker'] / one:.2f}, "
            f"full 1:1 {rates['hoso full, 1 worker'] / one:.2f}, "
            f"full {n}:{n} {rates[f'hoso full, {n} workers'] / many:.2f}"
        )
        floor_rate = 1 / (1 / rates["floor: pyHanko alone"] + 1 / rates["floor: PDFium page text"])
        print(
            f"floor, pyHanko alone + PDFium page text: {floor_rate:.1f} files/s, "
            f"{floor_rate / one:.2f} of pdfsig 1:1 (the full check's nearest, before any field "
            "is read)"
        )
        print(
            f"floor, both through the pool of {n}: "
            f"{rates[f'floor: both, {n} workers'] / many:.2f} of pdfsig {n}:{n} (the nearest "
            f"the full check at {n} workers can come)"
        )
        command_line(files[0], trust, args.cli_repeats)
        if args.stages:
            from benchmarks.verify_stages import print_stages

            print_stages(files, full, args.repeats)


if __name__ == "__main__":
    main()
