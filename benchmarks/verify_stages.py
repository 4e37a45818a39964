"""Where one file's check spends its time: CPU per stage, in process, over the benchmark files.

Used by ``bench_verify.py --stages``. Each stage is a function of the
pipeline, timed (``time.process_time``, so a busy machine's waiting is not
counted) by wrapping it for the measurement only; "rest" is the file's total
minus the stages (reading the file's hash, the report model, asyncio's loop).
The last lines compare the same files with every shared parse forgotten
before each file (``verify.parsed``), and through the warm worker (wall
clock: the pipe and the worker's wake-up).
"""

from __future__ import annotations

import functools
import inspect
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

from verify import VerifyOptions, parsed, verify_pdf
from verify import pipeline as pipeline_module
from verify import signature as signature_module

STAGES: list[tuple[str, ModuleType, str]] = [
    ("open: read the file, xref and trailer (pyHanko)", pipeline_module, "_open_reader"),
    ("find every signature dictionary", pipeline_module, "find_signatures"),
    ("DSS (validation data of the document)", pipeline_module, "_dss"),
    ("CMS parsed, signer certificate found", signature_module, "parse_signature"),
    ("ByteRange structure and coverage", signature_module, "_structure_findings"),
    ("digest and signature value", signature_module, "check_integrity"),
    ("changes after signing (pyHanko diff, then where)", signature_module, "analyse_changes"),
    ("signing time (timestamp tokens)", signature_module, "_signing_time"),
    ("trust path, revocation (certvalidator)", signature_module, "check_chain"),
    ("the reviewer's answer", signature_module, "summarize"),
    ("administrative fields (PDFium + parsing)", pipeline_module, "read_administrative"),
]


def _timed(function: Callable[..., Any], name: str, spent: Counter[str]) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return await function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start

        return timed_async

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start

    return timed


def _per_stage(files: list[Path], options: VerifyOptions, repeats: int) -> Counter[str]:
    """Milliseconds of CPU per file, per stage and in total (median pass of ``repeats``)."""
    originals = [(module, attr, getattr(module, attr)) for _, module, attr in STAGES]
    passes: list[Counter[str]] = []
    try:
        spent: Counter[str] = Counter()
        for (label, module, attr), (_, _, original) in zip(STAGES, originals, strict=True):
            setattr(module, attr, _timed(original, label, spent))
        for _ in range(repeats):
            spent.clear()
            start = time.process_time()
            for path in files:
                verify_pdf(path, options)
            spent["total"] = time.process_time() - start
            passes.append(Counter({k: v * 1000 / len(files) for k, v in spent.items()}))
    finally:
        for module, attr, original in originals:
            setattr(module, attr, original)
    middle = sorted(passes, key=lambda c: c["total"])[len(passes) // 2]
    return middle


def _cpu_per_file(files: list[Path], options: VerifyOptions, forget: bool) -> float:
    start = time.process_time()
    for path in files:
        if forget:
            parsed.clear()
        verify_pdf(path, options)
    return (time.process_time() - start) * 1000 / len(files)


def _wall_per_file(files: list[Path], options: VerifyOptions) -> float:
    start = time.perf_counter()
    for path in files:
        verify_pdf(path, options)
    return (time.perf_counter() - start) * 1000 / len(files)


def print_stages(files: list[Path], options: VerifyOptions, repeats: int) -> None:
    """The table of ``bench_verify.py --stages``."""
    in_process = replace(options, isolate=False)
    pipeline_module.prepare_process()  # as every verifying process does (workers, the command)
    for title, checked in (
        ("signatures only", replace(in_process, check_fields=False)),
        ("full check", in_process),
    ):
        for path in files:  # warm: imports, caches of the first file
            verify_pdf(path, checked)
        spent = _per_stage(files, checked, repeats)
        print(f"{title}: CPU per file, in process, median of {repeats} passes")
        listed = 0.0
        for label, _, _ in STAGES:
            if spent[label]:
                print(f"  {label:<50} {spent[label]:6.2f} ms")
                listed += spent[label]
        print(f"  {'rest (hash, report model, event loop)':<50} {spent['total'] - listed:6.2f} ms")
        print(f"  {'total':<50} {spent['total']:6.2f} ms")
    sig = replace(in_process, check_fields=False)
    shared = statistics.median(_cpu_per_file(files, sig, False) for _ in range(repeats))
    alone = statistics.median(_cpu_per_file(files, sig, True) for _ in range(repeats))
    print(
        f"signatures only, CPU per file: {shared:.2f} ms with parses shared across files, "
        f"{alone:.2f} ms with nothing shared (every file a new signer)"
    )
    worker = replace(options, check_fields=False)
    verify_pdf(files[0], worker)
    through = statistics.median(_wall_per_file(files, worker) for _ in range(repeats))
    here = statistics.median(_wall_per_file(files, sig) for _ in range(repeats))
    print(
        f"signatures only, wall per file: {here:.2f} ms in process, {through:.2f} ms through "
        f"the warm worker (+{through - here:.2f} ms: pipe, pickling, wake-up)"
    )
