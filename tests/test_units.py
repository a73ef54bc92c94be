import pytest

from goaltrack.units import UNITS, parse_value


@pytest.mark.parametrize(("text", "value"), [
    ("5290", 5290.0), ("5.7", 5.7), ("5,7", 5.7), ("21,8", 21.8), ("0", 0.0), ("-3", -3.0), (" 12 ", 12.0),
    ("5,82", 5.82), ("5,8200", 5.82),
])
def test_accepted(text, value):
    assert parse_value(text) == value


@pytest.mark.parametrize("text", ["5,820", "1,000"])
def test_comma_and_three_digits_is_ambiguous(text):
    with pytest.raises(ValueError, match="ambiguous"):
        parse_value(text)


@pytest.mark.parametrize("text", ["5 820", "5.820,5", "1,000,000", "nan", "NaN", "inf", "-inf", "", "abc", "1e3", "5.", "0x10"])
def test_refused(text):
    with pytest.raises(ValueError):
        parse_value(text)


def test_unit_ranges():
    assert UNITS["percent"].check(100) is None
    assert "above 100" in UNITS["percent"].check(100.5)
    assert "below 0" in UNITS["persons"].check(-1)
    assert "whole number" in UNITS["persons"].check(5.5)
    assert UNITS["years"].check(2.5) is None
    assert UNITS["score"].check(-12) is None
    assert "finite" in UNITS["score"].check(float("nan"))
    assert UNITS["percent"].clamp(120) == 100 and UNITS["persons"].clamp(-3) == 0
