"""`paragraph_key`: paragraph numbers in natural order, as a key of digits that any collation sorts alike."""

import random

import pytest

from recommendations.ordering import KEY_LENGTH, paragraph_key

# Each list is in natural order; text order differs for most of them.
NATURAL = [
    ["28.1", "28.2", "28.10", "28.11", "28.100"],
    ["80(b)", "80(c)", "80(z)"],
    ["121.9", "121.10"],
    ["118.1", "118.1bis", "118.1ter", "118.2"],
    ["80", "80(a)", "80(a)(i)", "80(a)(ii)", "80(b)", "81"],
    ["9", "10", "99", "100", "999999", "1000000", "12345678901234567890", "99999999999999999999"],
    ["1.2.3.4.5", "1.2.3.4.10", "1.2.3.10"],
    ["", "1", "a"],  # empty first, then numbers before words
    ["A/1", "A/2", "B/1"],
]


@pytest.mark.parametrize("expected", NATURAL, ids=lambda values: " < ".join(values))
def test_keys_sort_paragraphs_naturally(expected):
    shuffled = list(reversed(expected))
    random.Random(13).shuffle(shuffled)
    assert sorted(shuffled, key=paragraph_key) == expected
    keys = [paragraph_key(value) for value in expected]
    assert len(set(keys)) == len(keys), "different paragraphs, different keys"


def test_the_examples_of_the_issue_interleaved():
    given = [
        "121.10",
        "28.100",
        "80(c)",
        "28.10",
        "121.9",
        "28.2",
        "80(b)",
        "28.1",
        "118.2",
        "118.1bis",
        "118.1",
    ]
    assert sorted(given, key=paragraph_key) == [
        "28.1", "28.2", "28.10", "28.100", "80(b)", "80(c)", "118.1", "118.1bis", "118.2", "121.9", "121.10",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("80(b)", "80 (b)"),  # separators are only boundaries
        ("80(b)", "80.b"),
        ("28.1", "28-1"),
        ("28.01", "28.1"),  # leading zeros do not count
        ("118.1BIS", "118.1bis"),  # nor does case
        ("Para. 5", "para 5"),
        ("é", "e"),  # nor accents
        ("٢٨.١٠", "28.10"),  # Arabic-Indic digits are digits
        ("२८.२", "28.2"),  # so are Devanagari ones
        ("２８．２", "28.2"),  # and fullwidth forms
        ("ﬁ", "fi"),  # compatibility forms are read as what they stand for
        ("  ", ""),
        ("", ""),
        ("()", ""),  # punctuation alone is as empty
        ("—.-/", ""),
    ],
)
def test_equivalent_spellings_have_the_same_key(one, other):
    assert paragraph_key(one) == paragraph_key(other)


def test_the_key_is_fixed_width_digits():
    assert paragraph_key("28.10") == "1000028" + "1000010"
    assert paragraph_key("80(b)") == "1000080" + "3" + "02" + "00"
    assert paragraph_key("") == ""
    for value in ["a", "1.2.3.4.5", "118.1bis", "Ⅳ", "б", "中文", "12345678901234567890", "!?"]:
        assert set(paragraph_key(value)) <= set("0123456789"), value


def test_roman_numerals_are_text():
    """They sort as words would (no guessing whether "i" is a letter or one)."""
    assert sorted(["iv", "ix", "v", "x", "i", "ii"], key=paragraph_key) == ["i", "ii", "iv", "ix", "v", "x"]
    assert paragraph_key("Ⅳ") == paragraph_key("iv")  # the Roman numeral character reads as its letters


def test_other_letters_follow_latin_ones_and_keep_their_own_order():
    assert sorted(["80(б)", "80(a)", "80(z)", "80(а)"], key=paragraph_key) == [
        "80(a)",
        "80(z)",
        "80(а)",
        "80(б)",
    ]
    assert sorted(["γ", "α", "β"], key=paragraph_key) == ["α", "β", "γ"]


def test_long_numbers_follow_short_ones_and_compare_by_value():
    assert paragraph_key("1234567") > paragraph_key("999999")
    assert paragraph_key("12345678901234567890") < paragraph_key("12345678901234567891")
    assert paragraph_key("99999999999999999999") < paragraph_key("100000000000000000000")


def test_the_key_has_a_bounded_length():
    assert len(paragraph_key("1a" * 200)) == KEY_LENGTH
    assert len(paragraph_key("б1" * 20)) <= KEY_LENGTH
    # A paragraph of the longest stored length (40 characters) of digits and dots fits whole.
    assert len(paragraph_key(".".join(["1"] * 20))) < KEY_LENGTH
