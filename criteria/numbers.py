"""Numbers written the Vietnamese way: ``85,5%``, ``5.000``.

Forms and reports show values as officials write them; the engine keeps the
floats, this module only formats.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MAX_DECIMALS = 6
"""Past this many decimals two different rates are shown the same; never reached in practice."""


def round_rate(value: float, decimals: int = 1) -> float:
    """A percentage rounded to ``decimals`` places, half away from zero (as officials round)."""
    exact = Decimal(repr(float(value)))
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


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


def format_rate(value: float, decimals: int = 1) -> str:
    """``85.46`` → ``85,5%``; with ``decimals=2``, ``89.96`` → ``89,96%``."""
    return f"{format_number(round_rate(value, decimals), decimals)}%"


def target_decimals(target: float) -> int:
    """The decimals a target is written with (at least one): ``90`` → 1, ``33.33`` → 2."""
    exponent = Decimal(repr(float(target))).normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return min(max(places, 1), MAX_DECIMALS)


def telling_decimals(value: float, target: float, met: bool) -> int:
    """How many decimals show ``value`` and ``target`` so that they read as the decision says.

    One decimal is the officials' habit (``85,5%``), but 89.96% against 90%
    would read ``Đạt 90%, thấp hơn mục tiêu 90%``: a miss that looks like the
    target. More decimals are used exactly when fewer would make a miss look
    met (or a pass look missed): ``89,96%`` against ``90%``; never fewer than
    the target is written with (``33,33%`` against a yearly ``33,33%``).
    """
    for decimals in range(target_decimals(target), MAX_DECIMALS + 1):
        shown, goal = round_rate(value, decimals), round_rate(target, decimals)
        if (shown >= goal) if met else (shown < goal):
            return decimals
    return MAX_DECIMALS


def format_count(value: float) -> str:
    """``5000`` → ``5.000``; a fractional count keeps one decimal."""
    if float(value).is_integer():
        return format_number(value, decimals=0)
    return format_number(value)
