"""The strict number reader: what people write is a number, what only Python would read is not."""

import math

import pytest

from gmmviz.io.numbers import parse_float, parse_int


@pytest.mark.parametrize(
    "text, value",
    [
        ("1", 1.0),
        ("-2.5", -2.5),
        ("+3", 3.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e3", 1000.0),
        ("2.5E-2", 0.025),
        ("-1e+2", -100.0),
        (" 7 ", 7.0),
        ("\t8\n", 8.0),
        ("inf", math.inf),
        ("-Infinity", -math.inf),
        ("1e400", math.inf),
        ("1e-400", 0.0),
        ("1" * 5000, math.inf),
    ],
)
def test_numbers_people_write(text, value):
    assert parse_float(text) == value


@pytest.mark.parametrize("text", ["nan", "NaN", "-nan", "+NAN"])
def test_nan_is_a_number(text):
    assert math.isnan(parse_float(text))


@pytest.mark.parametrize(
    "text",
    ["", " ", "1_000", "2_0", "١٢", "۱۲", "１２", "²", "1²", "0x10", "1,5", "1e", "e3", "--1", "+-1", "1.2.3",
     "nan(1)", "infinit", "ınf", "İnf", "1 2", "1e3.5", "NA", "\u00b71"],
)
def test_what_only_python_reads_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_float(text)


@pytest.mark.parametrize("text, value", [("0", 0), ("42", 42), ("+7", 7), ("-3", -3), (" 12 ", 12), ("9" * 30, int("9" * 30))])
def test_integers(text, value):
    assert parse_int(text) == value


@pytest.mark.parametrize("text", ["", "2_0", "١", "²", "2.0", "1e3", "0x10", "inf", "1 2", "1" * 5000])
def test_what_is_not_an_integer(text):
    with pytest.raises(ValueError):
        parse_int(text)
