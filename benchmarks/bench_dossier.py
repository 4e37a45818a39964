"""Dossier check speed: first check, cached re-check, and pdfsig over the same files.

Run: ``.venv/bin/python benchmarks/bench_dossier.py [--criteria 50] [--per 3] [--workers N]``.
Prints figures; asserts nothing (DESIGN: benchmarks print, tests never time).

A Yên Bái xã dossier of ``--criteria`` folders × ``--per`` signed PDFs is
generated once (test PKI, distinct documents) into a temporary folder, then:

1. the first check, with an empty cache (goal ≤ 10 s on 2 cores);
2. the same check again, every report from the cache (goal ≤ 1 s), both as
   the library call and as the ``hoso check`` command (process start included);
3. poppler's ``pdfsig`` over the same PDFs in the same run, one process per
   file, sequentially and with as many in parallel as the check's workers.
   pdfsig checks signatures only: no revocation, no changes after signing,
   no administrative fields, no per-criterion decision.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from criteria import load_catalog  # noqa: E402
from criteria.document_kinds import KINDS  # noqa: E402
from tests.support.admin_pdf import make_admin_pdf  # noqa: E402
from tests.support.pki import AGENCY, PARENT, VALIDATION_TIME, build_pki  # noqa: E402
from tests.support.signing import sign_pdf  # noqa: E402
from verify import VerifyOptions  # noqa: E402
from verify.dossier import DossierOptions, check_dossier  # noqa: E402

ASSESSMENT = ROOT / "examples" / "assessments" / "yenbai-xa-nang-cao-dat.json"
CODES = {"QUYẾT ĐỊNH": "QĐ", "KẾ HOẠCH": "KH", "BÁO CÁO": "BC", "CÔNG VĂN": ""}


def _kind(criterion_id: str) -> str:
    """The type of the criterion's first required document (a report when any kind will do)."""
    criterion = load_catalog("yenbai-2024-xa").find(criterion_id)
    assert criterion is not None
    kinds = [KINDS[k] for k in criterion.documents[0].kinds if KINDS[k] in CODES]
    return next((k for k in kinds if k != "CÔNG VĂN"), "BÁO CÁO")


def build(folder: Path, criteria: int, per: int) -> tuple[Path, Path, int]:
    """The dossier, the trust folder, and the number of PDFs."""
    pki = build_pki()
    dossier = folder / "ho-so"
    dossier.mkdir(parents=True)
    data = json.loads(ASSESSMENT.read_text("utf-8"))
    (dossier / "assessment.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    count = 0
    for index, criterion_id in enumerate(list(data["criteria"])[:criteria]):
        kind = _kind(criterion_id)
        target = dossier / f"{criterion_id}. Minh chứng"
        target.mkdir()
        for copy in range(per):
            serial = index * per + copy + 1
            pdf = make_admin_pdf(
                agency=AGENCY,
                parent_agency=PARENT,
                number=f"{serial}/{CODES[kind]}-UBND",
                date=dt.date(2024, 3, 1 + copy),
                doc_type=kind,
                subject=f"Kết quả thực hiện tiêu chí {criterion_id} năm 2024",
            )
            signed = sign_pdf(pdf, pki.good, crls=[pki.crl_der])
            (target / f"{kind.title()} {serial}.pdf").write_bytes(signed)
            count += 1
    return dossier, pki.write_trust(folder / "trust"), count


def _pdfsig(files: list[Path], parallel: int) -> float:
    def one(path: Path) -> int:
        return subprocess.run(["pdfsig", str(path)], capture_output=True, check=False).returncode

    started = time.perf_counter()
    if parallel <= 1:
        for path in files:
            one(path)
    else:
        with ThreadPoolExecutor(parallel) as pool:
            list(pool.map(one, files))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--criteria", type=int, default=50)
    parser.add_argument("--per", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hoso-bench-"))
    try:
        started = time.perf_counter()
        dossier, trust, count = build(work, args.criteria, args.per)
        print(
            f"Dossier: {args.criteria} criteria × {args.per} signed PDFs = {count} PDFs "
            f"(generated in {time.perf_counter() - started:.1f} s); cores: {os.cpu_count()}"
        )
        options = DossierOptions(
            verify=VerifyOptions(trust=(trust,), validation_time=VALIDATION_TIME),
            workers=args.workers,
            cache_dir=work / "cache",
        )
        started = time.perf_counter()
        first = check_dossier(dossier, options)
        first_s = time.perf_counter() - started
        evidenced = sum(1 for c in first.appraisal.criteria if c.evidenced)
        print(
            f"First check:  {first_s:6.2f} s  ({count / first_s:5.1f} PDF/s, "
            f"{first.stats.workers} workers; {evidenced} criteria evidenced, "
            f"decision {first.appraisal.decision.label})  goal ≤ 10 s"
        )
        started = time.perf_counter()
        second = check_dossier(dossier, options)
        second_s = time.perf_counter() - started
        print(
            f"Cached check: {second_s:6.2f} s  ({second.stats.cached}/{count} from the cache)"
            "  goal ≤ 1 s"
        )
        env = dict(os.environ, HOSO_CACHE_DIR=str(work / "cache"))
        command = [str(ROOT / ".venv" / "bin" / "hoso"), "check", str(dossier), "--trust",
                   str(trust), "--at", VALIDATION_TIME.isoformat()]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=False)
        cli_s = time.perf_counter() - started
        print(f"Cached check, `hoso check` command (process start included): {cli_s:6.2f} s")
        if shutil.which("pdfsig") is None:
            print("pdfsig not installed (apt-get install poppler-utils): comparison skipped")
            return
        files = sorted(dossier.rglob("*.pdf"))
        workers = first.stats.workers or 1
        sequential = _pdfsig(files, 1)
        parallel = _pdfsig(files, workers)
        print(
            f"pdfsig, 1 process per file, sequential:      {sequential:6.2f} s "
            f"({count / sequential:5.1f} PDF/s)"
        )
        print(
            f"pdfsig, 1 process per file, {workers} in parallel:   {parallel:6.2f} s "
            f"({count / parallel:5.1f} PDF/s)"
        )
        print(
            f"Ratio first check / pdfsig: {first_s / sequential:.2f} (sequential), "
            f"{first_s / parallel:.2f} (parallel); cached check / first check: "
            f"{second_s / first_s:.3f}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
