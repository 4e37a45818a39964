"""docgen speed: DOCX render median per form, and PDF throughput warm vs cold.

Run: ``.venv/bin/python benchmarks/bench_docgen.py [--runs 50] [--batch 20]``.
Prints figures; asserts nothing (DESIGN: benchmarks print, tests never time).

- DOCX: median of ``--runs`` renders of each form's example (goal ≤ 10 ms for a
  one-page form; Carbone publishes about 10 ms per report without conversion).
- PDF: ``--batch`` documents (the one-to-three-page forms bieu-01..03 in turn)
  through one warm converter, then the same documents through a plain
  ``soffice --headless --convert-to pdf`` each, in the same run; both rates and
  the ratio are printed (goal ≥ 10 documents per second warm).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docgen
from docgen import Converter, ConverterOptions

YENBAI = ["bieu-01", "bieu-02", "bieu-03", "bieu-04"]
BATCH_FORMS = ["bieu-01", "bieu-02", "bieu-03"]


def bench_docx(runs: int) -> None:
    print(f"DOCX render, median of {runs} runs (goal ≤ 10 ms for a one-page form)")
    for spec in docgen.all_forms():
        try:
            data = spec.example()
            docgen.render(spec.id, data)  # warm caches (template bytes, compiled parts)
        except Exception as exc:  # another engineer's form may be unfinished
            print(f"  {spec.id:10s} skipped ({type(exc).__name__})")
            continue
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            docgen.render(spec.id, data)
            times.append(time.perf_counter() - started)
        print(f"  {spec.id:10s} {statistics.median(times) * 1000:7.1f} ms")


def bench_pdf(batch: int) -> None:
    if shutil.which("soffice") is None:
        print("PDF: skipped, soffice not installed")
        return
    docs = [
        docgen.render(form_id, docgen.get_form(form_id).example())
        for form_id in (BATCH_FORMS * batch)[:batch]
    ]
    with tempfile.TemporaryDirectory() as tmp:
        converter = Converter(ConverterOptions(work_dir=Path(tmp) / "warm"))
        started = time.perf_counter()
        converter.start()
        startup = time.perf_counter() - started
        converter.convert(docs[0])  # first conversion loads the filters
        started = time.perf_counter()
        for content in docs:
            converter.convert(content)
        warm = time.perf_counter() - started
        converter.stop()

        profile = Path(tmp) / "cold-profile"
        started = time.perf_counter()
        for index, content in enumerate(docs):
            source = Path(tmp) / f"doc{index}.docx"
            source.write_bytes(content)
            subprocess.run(
                ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", tmp, str(source)],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
        cold = time.perf_counter() - started
    warm_rate, cold_rate = batch / warm, batch / cold
    print(f"PDF, {batch} documents (bieu-01..03 in turn)")
    print(f"  warm converter start-up      {startup:6.1f} s (once)")
    print(
        f"  warm converter               {warm_rate:6.1f} docs/s ({warm / batch * 1000:.0f} ms/doc)"
    )
    print(
        f"  soffice --convert-to per doc {cold_rate:6.1f} docs/s ({cold / batch * 1000:.0f} ms/doc)"
    )
    print(f"  ratio warm/cold              {warm_rate / cold_rate:6.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    bench_docx(args.runs)
    bench_pdf(args.batch)


if __name__ == "__main__":
    main()
