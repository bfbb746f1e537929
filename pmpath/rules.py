"""What every door accepts, once: a name and a number typed in the terminal, written in an
answers file, or entered in the HTML form (`pmpath form`) pass the same rule.

The form cannot run Python, so the rule is data: the characters trimmed, the length limit in
code points, the digits of every script mapped to 0-9, the grouping separators and the number
grammar. `page_rules()` puts that data into the page and the page's script only applies it;
a property test runs both sides in a browser and asks that they accept and refuse alike.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime

NAME_MAX = 200
"""Code points (not UTF-16 units: an emoji or a rare Chinese character counts once)."""

_POINT = "\uff0e"
"""The full-width full stop a Chinese input method types for a decimal point."""

LONGEST = 40
"""Characters of a number, at most: no year or network needs more, and Python reads no integer
of over 4,300 digits at all."""

_NUMBER = r"^[0-9]+(\.[0-9]+)?$"
_WHOLE = r"^[0-9]+$"
_GROUPING = r"([0-9])[,_'\u2009\u202f \uff0c](?=[0-9]{3}(?![0-9]))"
"""`1,200`, `1 200`, `1_200`, `1'200` and `1，200` are all 1200: people type thousands
separators. Only between a digit and a group of exactly three."""


SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character trimmed from the ends of a name or a number: what Python calls whitespace
(str.strip's set), listed so the page trims exactly these (JavaScript's trim() also takes
U+FEFF and leaves U+001C..U+001F). A literal: scanning Unicode for it costs a start-up 0.3 s;
a test checks it against str.isspace."""

ZEROS = (
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
)  # fmt: skip
"""The zero of each run of decimal digits (Unicode 14, category Nd): the full-width digits,
Arabic-Indic, Devanagari... A digit is its offset from its run's zero. Fixed here, not read
from the running Python's unicodedata, so every Python and every browser read the same digits."""


def _class(chars: str) -> str:
    return "[" + "".join(f"\\u{{{ord(c):x}}}" for c in chars) + "]"


@functools.cache
def _trim() -> re.Pattern[str]:
    spaces = re.escape(SPACES)
    return re.compile(f"^[{spaces}]+|[{spaces}]+$")


def trimmed(raw: str) -> str:
    """`raw` without the whitespace at its ends (the same set in every door)."""
    return _trim().sub("", raw)


def name_problem(raw: str) -> str | None:
    """Why a name cannot be taken ("long"), or None. Any character may be in a name (it is shown
    spelled out where it could drive a terminal); its length is counted in code points."""
    return "long" if len(trimmed(raw)) > NAME_MAX else None


def ascii_digits(raw: str) -> str:
    """Digits of any script as 0-9, and the full-width point as `.`; nothing else changes."""
    if raw.isascii():
        return raw
    out = []
    import bisect

    zeros = ZEROS
    for char in raw:
        code = ord(char)
        at = bisect.bisect_right(zeros, code) - 1
        if at >= 0 and code - zeros[at] <= 9:
            out.append(str(code - zeros[at]))
        else:
            out.append("." if char == _POINT else char)
    return "".join(out)


def plain_number(raw: str) -> str:
    """What is typed, as the number grammar reads it: trimmed, digits as 0-9, no separators."""
    return re.sub(_GROUPING, r"\1", ascii_digits(trimmed(str(raw))))


def number(raw: str, limit: float, whole: bool) -> float | int | None:
    """The number typed, or None when it is not one this door takes: digits with at most one
    decimal point (no sign, no exponent), from 0 to `limit`, whole when `whole`."""
    text = plain_number(raw)
    if len(text) > LONGEST or not re.match(_WHOLE if whole else _NUMBER, text):
        return None
    value: float | int = int(text) if whole else float(text)
    return value if value <= limit else None


@functools.cache
def page_rules() -> dict[str, Any]:
    """The rule as data for the form's script (JavaScript regular expressions, `u` flag)."""
    spaces = _class(SPACES)
    return {
        "trim": f"^{spaces}+|{spaces}+$",
        "nameMax": NAME_MAX,
        "longest": LONGEST,
        "zeros": list(ZEROS),
        "point": _POINT,
        "grouping": _GROUPING,
        "number": _NUMBER,
        "whole": _WHOLE,
    }


def day(raw: str) -> datetime.date | None:
    """A date typed on a command line (`--since`), or None when it is not one: any ISO 8601
    form Python reads (2024-01-01, 20240101, 2024-W01-1), or a date and time (its day). Compared
    as a date, never as text: `20240101` and `2024-01-01` are the same day."""
    import datetime

    text = trimmed(raw)
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        return None
