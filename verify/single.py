"""One file from the command line: the signatures and the fields checked side by side.

``hoso verify FILE`` checks one file and ends. Most of its time is Python
importing pyHanko (~0.45 s, a floor: see the README); the field step needs
none of pyHanko (PDFium, and Tesseract for a scan). So the fields are read
in a child forked *before* pyHanko is imported, while this process imports
it; the signatures are then checked in a second child forked from the ready
process (``guard.verify_in_child``), and the two halves are put together
here exactly as the pipeline does in one process (``admin.complete_report``).
On two cores the field step costs the command no time; on one, none more.

Each child has the file's time limit (from the same moment) and its own
memory bound; a child that runs out of either, or dies, makes the report
say so, as the single child did. Before each fork the heap is frozen
(``gc.freeze``, CPython's advice before forking): the children do not copy
the parent's pages when they collect, and this process, which ends with
the file, has nothing to walk at exit.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path
from typing import Any

from verify.errors import InputFileError
from verify.forked import ForkedCall, can_fork, limit_memory
from verify.options import VerifyOptions
from verify.report import EvidenceReport


def _read_fields(path: str, memory_limit_mb: int | None) -> tuple[str, Any]:
    """The field step in the child, under the memory bound, as data for the parent."""
    limit_memory(memory_limit_mb)
    from verify.admin import read_administrative

    return ("ok", read_administrative(Path(path)).model_dump(mode="json"))


def verify_one(path: Path, options: VerifyOptions) -> EvidenceReport:
    """The report of one file, its two halves checked in two bounded children at once."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"Không tìm thấy tệp {path} (hoặc đó là thư mục).")
    if not options.check_fields or not can_fork():
        from verify.guard import verify_in_child

        gc.freeze()
        return verify_in_child(path, options)
    gc.freeze()
    fields = ForkedCall(
        _read_fields, str(path), options.memory_limit_mb, time_limit_s=options.time_limit_s
    )
    from verify.admin import FieldReading, complete_report
    from verify.guard import outcome, verify_in_child

    gc.freeze()
    report = verify_in_child(path, replace(options, check_fields=False))
    if report.verdict == "unreadable":  # no fields for a file that could not be read
        fields.cancel()
        return report
    reply = fields.result()
    if reply is None or reply[0] != "ok":
        return outcome(reply, path, options)
    complete_report(report, FieldReading.model_validate(reply[1]))
    return report
