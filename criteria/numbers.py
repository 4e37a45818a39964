"""Numbers written the Vietnamese way: ``85,5%``, ``5.000``.

Forms and reports show values as officials write them; the engine keeps the
floats, this module only formats.
"""

from __future__ import annotations


def round_rate(value: float) -> float:
    """A percentage rounded to one decimal, half away from zero (as officials round)."""
    scaled = abs(value) * 10
    rounded = int(scaled + 0.5) / 10
    return rounded if value >= 0 else -rounded


def format_number(value: float, decimals: int = 1) -> str:
    """``5000`` → ``5.000``; ``85.5`` → ``85,5``; trailing ``,0`` dropped."""
    negative = value < 0
    value = abs(value)
    text = f"{value:,.{decimals}f}" if decimals else f"{round(value):,}"
    integer, _, fraction = text.partition(".")
    integer = integer.replace(",", ".")
    fraction = fraction.rstrip("0")
    result = f"{integer},{fraction}" if fraction else integer
    return f"-{result}" if negative else result


def format_rate(value: float) -> str:
    """``85.46`` → ``85,5%``."""
    return f"{format_number(round_rate(value))}%"


def format_count(value: float) -> str:
    """``5000`` → ``5.000``; a fractional count keeps one decimal."""
    if float(value).is_integer():
        return format_number(value, decimals=0)
    return format_number(value)
