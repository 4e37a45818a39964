"""docgen speed: DOCX render median per form, and PDF throughput: converter pool vs one
warm converter vs a cold ``soffice --convert-to pdf`` per document.

Run: ``.venv/bin/python benchmarks/bench_docgen.py [--runs 50] [--batch 24] [--repeats 3]``.
Prints figures; asserts nothing (DESIGN: benchmarks print, tests never time).

- DOCX: median of ``--runs`` renders of each form's example (goal ≤ 10 ms for a
  one-page form; Carbone publishes about 10 ms per report without conversion), next
  to docxtpl's own floor: load, render and save a one-paragraph template.
- One-off command: wall time of ``hoso render bieu-01 … -o x.pdf`` (a one-page
  PDF, a new process each time) next to ``soffice --headless --convert-to pdf`` on
  the same DOCX with a fresh profile, interleaved, ``--repeats`` times, medians
  (goal ≤ 2.5 s); and ``hoso render … -o x.docx`` (the command's own start-up).
- PDF: the forms whose example is one to three pages long (measured, printed) are
  cycled into a batch of ``--batch`` documents, converted in the same run, each
  ``--repeats`` times (the three ways interleaved), medians printed:
  1. a :class:`~docgen.pool.ConverterPool` (``--pool-size``, default one per core),
     the documents submitted from ``--threads`` threads (default two per member);
  2. one warm :class:`~docgen.convert.Converter`, the documents one after another;
  3. ``soffice --headless --convert-to pdf`` per document (own profile, kept warm
     on disk between documents: only the process start is cold).
  Goal: ≥ 10 documents per second on a 2-core machine. The load average is
  printed, since other work on the machine takes cores from LibreOffice.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pdfplumber

import docgen
from docgen import Converter, ConverterOptions, ConverterPool
from docgen.pool import cpu_count


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
    print(f"  docxtpl floor (one-paragraph template) {docxtpl_floor(runs) * 1000:.1f} ms")


def docxtpl_floor(runs: int) -> float:
    """Median time docxtpl itself needs for a one-paragraph template, saved as slim as the
    forms' templates (tools.template_kit.save_slim): load, render, save."""
    from docx import Document
    from docxtpl import DocxTemplate

    from docgen.environment import template_environment
    from tools.template_kit import save_slim

    document = Document()
    document.add_paragraph("{{ x }}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "floor.docx"
        save_slim(document, str(path))
        content = path.read_bytes()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        template = DocxTemplate(io.BytesIO(content))
        template.render({"x": "một"}, jinja_env=template_environment())
        template.save(io.BytesIO())
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_one_off(repeats: int) -> None:
    """``hoso render`` of one one-page PDF vs soffice --convert-to on the same DOCX."""
    if shutil.which("soffice") is None:
        print("One-off: skipped, soffice not installed")
        return
    hoso = str(Path(sys.executable).parent / "hoso")
    example = Path(__file__).resolve().parent.parent / "examples" / "forms" / "bieu-01.json"
    times: dict[str, list[float]] = {"hoso pdf": [], "soffice": [], "hoso docx": []}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        docx = tmp / "bieu-01.docx"
        docx.write_bytes(docgen.render("bieu-01", docgen.get_form("bieu-01").example()))
        for repeat in range(repeats):
            for kind in times:
                if kind == "soffice":
                    profile = tmp / f"profile-{repeat}"
                    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}",
                               "--headless", "--convert-to", "pdf", "--outdir", str(tmp),
                               str(docx)]  # fmt: skip
                else:
                    suffix = "pdf" if kind == "hoso pdf" else "docx"
                    command = [hoso, "render", "bieu-01", "--data", str(example), "-o",
                               str(tmp / f"out.{suffix}")]  # fmt: skip
                times[kind].append(
                    timed(lambda c=command: subprocess.run(c, check=True, capture_output=True))
                )
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    print(f"One-off command, one-page PDF (Biểu 01), median of {repeats} (goal ≤ 2.5 s)")
    print(f"  load average {os.getloadavg()[0]:.2f}")
    for kind, label in (
        ("hoso pdf", "hoso render … -o x.pdf"),
        ("soffice", "soffice --convert-to pdf (same DOCX)"),
        ("hoso docx", "hoso render … -o x.docx"),
    ):
        spread = ", ".join(f"{t:.2f}" for t in times[kind])
        print(f"  {label:38s} {medians[kind]:5.2f} s (runs: {spread})")
    print(
        f"  ratio hoso pdf / soffice               {medians['hoso pdf'] / medians['soffice']:5.2f}x"
    )


def short_forms(converter: Converter) -> list[tuple[str, bytes, int]]:
    """(form id, DOCX, pages) of every form whose example converts to 1–3 pages."""
    forms = []
    for spec in docgen.all_forms():
        try:
            docx = docgen.render(spec.id, spec.example())
        except Exception:  # another engineer's form may be unfinished
            continue
        with pdfplumber.open(io.BytesIO(converter.convert(docx))) as pdf:
            pages = len(pdf.pages)
        if 1 <= pages <= 3:
            forms.append((spec.id, docx, pages))
    return forms


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def cold_batch(docs: list[bytes], tmp: Path) -> None:
    profile = tmp / "cold-profile"
    for index, content in enumerate(docs):
        source = tmp / f"doc{index}.docx"
        source.write_bytes(content)
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp), str(source)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def bench_pdf(batch: int, repeats: int, pool_size: int, threads: int) -> None:
    if shutil.which("soffice") is None:
        print("PDF: skipped, soffice not installed")
        return
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        single = Converter(ConverterOptions(work_dir=tmp / "single"))
        single_start = timed(single.start)
        forms = short_forms(single)  # also loads the filters of the single converter
        docs = [docx for _, docx, _ in (forms * batch)[:batch]]

        pool = ConverterPool(ConverterOptions(work_dir=tmp / "pool"), size=pool_size)
        pool_start = timed(pool.start)  # goal ≤ 3 s
        with ThreadPoolExecutor(threads) as executor:
            list(executor.map(pool.convert, docs[: pool.size * 2]))  # every member warm

            def pooled() -> None:
                list(executor.map(pool.convert, docs))

            def serial() -> None:
                for content in docs:
                    single.convert(content)

            times: dict[str, list[float]] = {"pool": [], "single": [], "cold": []}
            for _ in range(repeats):
                times["pool"].append(timed(pooled))
                times["single"].append(timed(serial))
                times["cold"].append(timed(lambda: cold_batch(docs, tmp)))
        pool.stop()
        single.stop()
    rate = {kind: batch / statistics.median(values) for kind, values in times.items()}
    listed = ", ".join(f"{form_id} ({pages} p)" for form_id, _, pages in forms)
    print(f"PDF, {batch} documents of 1–3 pages, median of {repeats} repeats")
    print(f"  forms: {listed}")
    print(
        f"  load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after, {cpu_count()} cores"
    )
    print(
        f"  start-up (once): one converter {single_start:.1f} s, pool of {pool.size} "
        f"{pool_start:.1f} s (goal ≤ 3 s)"
    )
    lines = [
        ("pool", f"pool of {pool.size}, {threads} threads"),
        ("single", "one warm converter, serial"),
        ("cold", "soffice --convert-to per doc"),
    ]
    for kind, label in lines:
        spread = ", ".join(f"{batch / t:.1f}" for t in times[kind])
        print(
            f"  {label:30s} {rate[kind]:6.1f} docs/s ({1000 / rate[kind]:4.0f} ms/doc; runs: {spread})"
        )
    print(f"  ratio pool/single               {rate['pool'] / rate['single']:6.2f}x")
    print(f"  ratio pool/cold                 {rate['pool'] / rate['cold']:6.1f}x")
    print(f"  ratio single/cold               {rate['single'] / rate['cold']:6.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--batch", type=int, default=24)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pool-size", type=int, default=cpu_count())
    parser.add_argument("--threads", type=int, default=0, help="default: 2 per pool member")
    args = parser.parse_args()
    bench_docx(args.runs)
    bench_one_off(args.repeats)
    bench_pdf(args.batch, args.repeats, args.pool_size, args.threads or 2 * args.pool_size)


if __name__ == "__main__":
    main()
