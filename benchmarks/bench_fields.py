"""Field reading on documents of other producers, units, fonts, spacing and scan resolutions.

Run: ``.venv/bin/python benchmarks/bench_fields.py [--count 6] [--seed 9] [--folder DIR] [--keep]``.
Prints, per producer, the fields read right out of those a careful reader
finds, every miss, and the median reading time per file; asserts nothing.

The documents come from :mod:`tests.support.admin_variants` (reportlab at
absolute positions, one-column headers, Word via LibreOffice, HTML via
Chromium, and scans of them at 150/200/300 dpi), drawn with a seed other
than anything the reader was developed on; the scoring is that of the admin
corpus's ``score.py`` (case, spaces, punctuation and ``V/v`` ignored).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.admin_variants import make_corpus
from verify import VerifyOptions, verify_pdf

FIELDS = (
    "agency",
    "parent_agency",
    "number",
    "type",
    "date",
    "place",
    "subject",
    "signer_title",
    "signer_name",
)


def norm(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub(r"^v/v\s*", "", text)
    text = re.sub(r"[\s.,;:_\-–]+", " ", text).strip()
    return text.replace(" /", "/").replace("/ ", "/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=6, help="documents per producer")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--folder", type=Path, help="existing corpus with expected.json")
    parser.add_argument("--keep", type=Path, help="write the generated corpus here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or args.keep or Path(tmp)
        if args.folder is None:
            expected = make_corpus(folder, args.count, seed=args.seed)
            (folder / "expected.json").write_text(
                json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        options = VerifyOptions(isolate=False)
        scores: dict[str, list[int]] = {}
        times: dict[str, list[float]] = {}
        for name in sorted(expected):
            want = expected[name]
            start = time.perf_counter()
            report = verify_pdf(folder / name, options)
            producer = str(want["producer"])
            times.setdefault(producer, []).append(time.perf_counter() - start)
            got = report.fields.model_dump()
            row = scores.setdefault(producer, [0, 0])
            for field in FIELDS:
                a, b = norm(want.get(field)), norm(got.get(field))
                if field == "type" and want.get("type") == "CÔNG VĂN" and b in ("", "cong van"):
                    b = a
                row[1] += 1
                if a == b:
                    row[0] += 1
                else:
                    print(f"{name}: {field} {got.get(field)!r} (want {want.get(field)!r})")
            if report.administrative is not True:
                print(f"{name}: administrative={report.administrative}")
        total = [sum(s[0] for s in scores.values()), sum(s[1] for s in scores.values())]
        for producer, (right, count) in sorted(scores.items()):
            median = statistics.median(times[producer])
            print(
                f"producer {producer:16} {right}/{count} ({100 * right / count:.0f}%)"
                f"   median {median * 1000:.0f} ms/file"
            )
        print(f"fields: {total[0]}/{total[1]} ({100 * total[0] / max(total[1], 1):.1f}%)")


if __name__ == "__main__":
    main()
