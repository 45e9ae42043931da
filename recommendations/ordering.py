"""Natural order of paragraph numbers: a sort key that puts 28.2 before 28.10, as a reader expects.

`paragraph_key` is stored on every recommendation (`Recommendation.paragraph_key`), so that the database
sorts by paragraph with an index instead of comparing texts, where "28.10" comes before "28.2".

The key is made of ASCII digits only. Database collations treat letters and punctuation in their own
ways (en_US passes over punctuation at first, Danish sorts "aa" after "z", Czech "ch" after "h"), but
every collation compares strings of digits digit by digit, as bytes do: the key sorts the same in
Python, in SQLite and in PostgreSQL whatever the database's collation.

A paragraph is read as a sequence of tokens, after case, accents and compatibility forms are set aside
(fullwidth digits, ligatures):

- a run of decimal digits, in any script, is a number, leading zeros ignored: "1" and the number
  zero-padded to six digits; a longer number "2", its length in two digits and its digits, so that
  it follows every shorter one;
- a run of letters is a word: "3", two digits for each letter (a = 01 … z = 26, any other letter 99
  and its code point in seven digits) and "00", which ends the word, so that "b" sorts before "bis"
  and "bis" before "c";
- anything else (spaces, dots, brackets, dashes) separates tokens and is not itself compared:
  "80(b)", "80 (b)" and "80.b" have the same key.

So 28.2 < 28.10 < 28.100, 80(b) < 80(c), 121.9 < 121.10 and 118.1 < 118.1bis < 118.2: a number sorts
before a word in the same place and a paragraph before its continuations. Roman numerals are words
and sort as text. A paragraph without digits or letters has the empty key, as an empty one.
"""

from __future__ import annotations

import re
import unicodedata

KEY_LENGTH = 255  # the stored key is cut there; paragraphs (40 characters) rarely need a fifth of it
SHORT_NUMBER = 6  # digits of the fixed-width form of a number
_TOKEN = re.compile(r"(\d+)|([^\W\d_]+)")  # a run of decimal digits, or of letters (Unicode)


def _number(run: str) -> str:
    digits = "".join(str(unicodedata.decimal(char)) for char in run).lstrip("0") or "0"
    if len(digits) <= SHORT_NUMBER:
        return "1" + digits.zfill(SHORT_NUMBER)
    return f"2{min(len(digits), 99):02d}{digits}"


def _letter(char: str) -> str:
    if "a" <= char <= "z":
        return f"{ord(char) - ord('a') + 1:02d}"
    return f"99{ord(char):07d}"


def _plain(paragraph: str) -> str:
    """`paragraph` case-folded, in compatibility decomposition, without combining marks."""
    decomposed = unicodedata.normalize("NFKD", paragraph.casefold())
    return "".join(char for char in decomposed if not unicodedata.category(char).startswith("M"))


def paragraph_key(paragraph: str) -> str:
    """The natural sort key of a paragraph number (see the module's docstring), at most KEY_LENGTH digits."""
    parts = []
    for number, word in _TOKEN.findall(_plain(paragraph or "")):
        parts.append(_number(number) if number else "3" + "".join(_letter(char) for char in word) + "00")
    return "".join(parts)[:KEY_LENGTH]
