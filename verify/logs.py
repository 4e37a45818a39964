"""Silencing the PDF libraries' own logging where the report already says it.

pyHanko and pdfminer log recoverable anomalies of hostile or sloppy files,
often with tracebacks; a reviewer sees the same finding, in Vietnamese, in the
evidence report. The CLI and the verification workers both call this.
"""

from __future__ import annotations

import logging

NOISY_LOGGERS = ("pyhanko", "pyhanko_certvalidator", "pdfminer", "fontTools", "verify")


def quiet_library_logs() -> None:
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
