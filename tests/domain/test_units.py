import pytest

from goaltrack.domain.units import UNITS, parse_value


@pytest.mark.parametrize(("text", "value"), [
    ("5290", 5290.0), ("5.7", 5.7), ("5,7", 5.7), ("21,8", 21.8), ("0", 0.0), ("-3", -3.0), (" 12 ", 12.0),
    ("5,82", 5.82), ("5,8200", 5.82),
])
def test_accepted(text, value):
    assert parse_value(text) == value


@pytest.mark.parametrize(("text", "message"), [
    ("5,820", "'5,820' is ambiguous: Danish for 5.82, English for 5820; write 5.82 or 5820"),
    ("1,000", "'1,000' is ambiguous: Danish for 1, English for 1000; write 1 or 1000"),
    ("2.000", "'2.000' is ambiguous: Danish for 2000, English for 2; write 2000 or 2"),  # never 2 persons
    ("5.989", "'5.989' is ambiguous: Danish for 5989, English for 5.989; write 5989 or 5.989"),
    ("-12.500", "'-12.500' is ambiguous: Danish for -12500, English for -12.5; write -12500 or -12.5"),
    ("1.234.567", "'1.234.567' is Danish for 1234567, with a point before each thousand; write 1234567"),
])
def test_a_comma_or_point_before_three_digits_says_what_a_dane_reads(text, message):
    with pytest.raises(ValueError) as caught:
        parse_value(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(("text", "value"), [("0.046", 0.046), ("1234.567", 1234.567), ("12.5", 12.5),
                                             ("2.0", 2.0), ("0.500", 0.5)])
def test_a_point_that_cannot_be_danish_thousands_is_a_decimal(text, value):
    assert parse_value(text) == value


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


# --- the edges mutation testing found unguarded -------------------------------------------------------

def test_forty_characters_are_a_figure_and_forty_one_are_refused():
    forty = "0." + "0" * 37 + "1"  # 1e-38, written out: 40 characters
    assert len(forty) == 40 and parse_value(forty) == 1e-38
    with pytest.raises(ValueError, match="too long: a figure has at most 40 characters"):
        parse_value("0." + "0" * 38 + "1")
    with pytest.raises(ValueError, match="too large"):
        parse_value("1" * 41)
    # leading zeros are no size: too long, not too large; fourteen whole digits are too large
    for text in ("0" * 40 + "1", "-" + "0" * 39 + "1"):
        with pytest.raises(ValueError) as refused:
            parse_value(text)
        assert str(refused.value) == f"{text[:40]!r}… (41 characters) is too long: a figure has at most 40 characters"
    with pytest.raises(ValueError) as refused:
        parse_value("1" * 41)
    assert str(refused.value) == f"{'1' * 40!r}… (41 characters) is too large: a figure's size must stay below 1,000,000,000,000"
    with pytest.raises(ValueError, match="too large"):
        parse_value("10000000000000." + "0" * 26)
    # twelve whole digits stay below 1e12: too long; thirteen reach it: too large
    with pytest.raises(ValueError, match="too long"):
        parse_value("999999999999." + "0" * 28)
    with pytest.raises(ValueError, match="too large"):
        parse_value("1000000000000." + "0" * 27)


def test_format_plain_writes_out_what_import_reads_back():
    from goaltrack.domain.units import format_plain

    assert format_plain(5290.0) == "5290" and format_plain(5.7) == "5.7" and format_plain(1e-05) == "0.00001"
    # written out while it fits in 40 characters (what parse_value takes), Python's exponent beyond
    assert format_plain(1e-38) == "0." + "0" * 37 + "1"
    assert format_plain(1e-39) == "1e-39"
    # whole numbers without ".0" below 2^53, where every whole number is exact; from 2^53 Python's own
    assert format_plain(2.0**53 - 1) == "9007199254740991"
    assert format_plain(2.0**53) == "9007199254740992.0"


def test_quoted_cuts_only_beyond_the_limit():
    from goaltrack.domain.units import quoted

    assert quoted("x" * 40) == repr("x" * 40)
    assert quoted("x" * 41) == repr("x" * 40) + "… (41 characters)"


def test_text_problem_names_the_control_character():
    from goaltrack.domain.units import text_problem

    assert text_problem("a\x1bb", "note") == "note holds the control character \\x1b, which is not allowed in it"
    assert text_problem("a\nb", "source") == ("source holds the control character \\x0a (a line break), "
                                              "which is not allowed in it")
    assert text_problem("a\tb", "title").endswith("\\x09 (a tab), which is not allowed in it")
    assert text_problem("a\rb", "title").endswith("\\x0d (a carriage return), which is not allowed in it")
    assert text_problem("a\tb\nc", "note", "\t\n") is None
    assert text_problem("x" * 2000, "note") is None
    assert text_problem("x" * 2001, "note") == "note is 2,001 characters long; at most 2,000 are allowed"


@pytest.mark.parametrize(("text", "expected"), [
    ("1e-400", True), ("1E-400", True), ("0.0000000001e-320", True),
    pytest.param("0." + "0" * 399 + "1", True, id="400-digit-decimal"),  # no exponent: float() makes 0.0 of it
    ("0", False), ("0.0", False), ("0e-400", False), ("0E5", False), ("-0.00", False),  # zeros as written
])
def test_underflowed_is_a_zero_nobody_wrote(text, expected):
    from goaltrack.domain.units import underflowed

    assert underflowed(text, float(text)) is expected
    assert underflowed(text, 1e-300) is False  # a number float() kept is never an underflow
