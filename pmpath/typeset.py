"""Punctuation by language, in one place: every renderer (terminal, Markdown, HTML, cohort)
takes its marks from here, so a Chinese screen never mixes a half-width comma or bracket into
Chinese text (ZH-GLOSSARY.md's typesetting rules), and English keeps its own.

Line breaking, the other half of the rules, is pmpath.text.wrap's.
"""

from __future__ import annotations

from typing import NamedTuple


class Marks(NamedTuple):
    sep: str
    """Between the items of a list: 、 in Chinese."""
    comma: str
    colon: str
    semi: str
    open: str
    """An opening bracket, with the space English puts before it."""
    close: str
    dash: str
    """Between a name and who offers it."""
    slash: str
    """Between alternatives."""
    stop: str
    """At the end of a sentence."""
    to: str
    """Between the ends of a range: an en dash in English, 至 in Chinese (as dates are)."""


# The two rows of one table, in the fields' order:
#            sep    comma  colon  semi   open   close  dash    slash   stop  to
ZH = Marks("、", "，", "：", "；", "（", "）", "，", "／", "。", " 至 ")
EN = Marks(", ", ", ", ": ", "; ", " (", ")", " — ", " / ", ".", "\u2013")


def marks(lang: str) -> Marks:
    return ZH if lang == "zh" else EN


def bracket(text: str, lang: str) -> str:
    """`text` in brackets after what precedes it: ` (2029)` in English, `（2029）` in Chinese."""
    m = marks(lang)
    return f"{m.open}{text}{m.close}"
