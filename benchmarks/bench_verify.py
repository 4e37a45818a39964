"""Evidence verification speed: files per second, side by side with poppler's ``pdfsig``.

Run: ``.venv/bin/python benchmarks/bench_verify.py [--files 40] [--repeats 5] [--folder DIR]``.
Prints figures; asserts nothing (DESIGN: benchmarks print, tests never time).

Without ``--folder`` a folder of Vietnamese administrative PDFs is generated
and signed with the test PKI (half one signature, half a countersignature).
Each repeat verifies every file once, sequentially:

- ``hoso (signatures)``: ``verify_pdf`` through the guarded warm worker,
  fields off — the comparison with pdfsig, which also checks signatures only
  (and no revocation, no modifications after signing);
- ``hoso (full)``: the same with the administrative fields (text layer);
- ``pdfsig``: one ``pdfsig FILE`` process per file, as a batch script would.

Medians over the repeats; the ratio is hoso ÷ pdfsig (≥ 1 means at least as fast).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.admin_pdf import make_admin_pdf
from tests.support.pki import VALIDATION_TIME, build_pki
from tests.support.signing import sign_pdf
from verify import VerifyOptions, verify_pdf


def make_folder(folder: Path, count: int) -> Path:
    """Signed documents plus the trust folder holding the test root."""
    pki = build_pki()
    trust = pki.write_trust(folder / "trust")
    docs = folder / "docs"
    docs.mkdir()
    for index in range(count):
        pdf = make_admin_pdf(number=f"{index + 1}/QĐ-UBND")
        signed = sign_pdf(pdf, pki.good, crls=[pki.crl_der])
        if index % 2:
            signed = sign_pdf(signed, pki.good, field_name="ChuKy2", crls=[pki.crl_der])
        (docs / f"qd-{index:03d}.pdf").write_bytes(signed)
    return trust


def rate(files: list[Path], run: Callable[[Path], object], repeats: int) -> float:
    """Median files per second over ``repeats`` passes."""
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for path in files:
            run(path)
        rates.append(len(files) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--folder", type=Path, help="existing folder of signed PDFs")
    parser.add_argument("--trust", type=Path, action="append", default=[])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        trust = list(args.trust)
        if args.folder:
            files = sorted(args.folder.glob("*.pdf"))
        else:
            trust.append(make_folder(Path(tmp), args.files))
            files = sorted((Path(tmp) / "docs").glob("*.pdf"))
        base = {"trust": tuple(trust), "validation_time": VALIDATION_TIME}
        sig_only = VerifyOptions(check_fields=False, **base)  # type: ignore[arg-type]
        full = VerifyOptions(check_fields=True, **base)  # type: ignore[arg-type]
        verdicts = {verify_pdf(f, sig_only).verdict for f in files}  # also warms the worker
        verify_pdf(files[0], full)
        print(f"{len(files)} files, median of {args.repeats} repeats; verdicts: {sorted(verdicts)}")

        ours = rate(files, lambda p: verify_pdf(p, sig_only), args.repeats)
        ours_full = rate(files, lambda p: verify_pdf(p, full), args.repeats)
        print(f"hoso (signatures, guarded worker): {ours:8.1f} files/s")
        print(f"hoso (full: + fields)            : {ours_full:8.1f} files/s")
        pdfsig = shutil.which("pdfsig")
        if pdfsig is None:
            print("pdfsig: not installed (apt install poppler-utils)")
            return

        def run_pdfsig(path: Path) -> None:
            subprocess.run([pdfsig, str(path)], capture_output=True, check=False)

        theirs = rate(files, run_pdfsig, args.repeats)
        print(f"pdfsig (one process per file)    : {theirs:8.1f} files/s")
        print(f"ratio hoso/pdfsig: signatures {ours / theirs:.2f}, full {ours_full / theirs:.2f}")


if __name__ == "__main__":
    main()
