"""Numbers are written the Vietnamese way in every output."""

from criteria.numbers import format_count, format_rate, round_rate


def test_rates_use_a_decimal_comma_and_one_decimal() -> None:
    assert format_rate(85.46) == "85,5%"
    assert format_rate(100) == "100%"
    assert format_rate(2 / 3 * 100) == "66,7%"


def test_rounding_is_half_away_from_zero() -> None:
    assert round_rate(12.25) == 12.3
    assert round_rate(0.05) == 0.1


def test_counts_use_a_dot_for_thousands() -> None:
    assert format_count(5000) == "5.000"
    assert format_count(1234567) == "1.234.567"
    assert format_count(12) == "12"
