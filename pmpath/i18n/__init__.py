"""The interface's own words, one catalogue per language (en.py, zh.py), looked up by key.

Data texts (levels, skills, courses) live in data/; these are the prompts, messages and labels
pmpath itself says. A test proves both catalogues have the same keys and placeholders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LANGS = ("en", "zh")


def catalogue(lang: str | None) -> dict[str, str]:
    if lang == "zh":
        from pmpath.i18n.zh import STRINGS as zh

        return zh
    from pmpath.i18n.en import STRINGS as en

    return en


def T(key: str, lang: str | None = None, **values: Any) -> str:
    """The text for `key` in `lang` (English when none is chosen), placeholders filled in."""
    template = catalogue(lang)[key]
    if lang == "zh" and values:
        return spaced(template, values)
    if "(s)" in template:
        template = plural(template, values)
    return template.format(**values)


def plural(template: str, values: dict[str, Any]) -> str:
    """English nouns by their count: "1 review", "4 reviews", never "4 review(s)". The count is
    the template's `n` (else `y`, years; else `files`); a template without one keeps its "(s)"."""
    count = next((values[k] for k in ("n", "y", "files") if k in values), None)
    if isinstance(count, bool) or not isinstance(count, int | float):
        return template
    return template.replace("(s)", "" if count == 1 else "s")


def spaced(template: str, values: dict[str, Any]) -> str:
    """A Chinese template filled in, spaced by the glossary's rule where a value meets the text:
    a space between Chinese and Latin letters or digits, none between Chinese and Chinese.

    A value is often either (a name may be 王芳 or Alice Chen, a skill 战略思维 or an id), so the
    catalogue cannot space it for every case: "已为 {name} 记录" gives "已为王芳记录" and
    "发给{name}" gives "发给 Alice Chen"."""
    out = ""
    for literal, field, spec, conversion in _parsed(template):
        out = _joined(out, literal, literal_first=False) if out else literal
        if field is None:
            continue
        value = values[field]
        if conversion:
            value = repr(value) if conversion == "r" else str(value)
        text = f"{value:{spec or ''}}"  # a plain str, as str.format gives, whatever `value` is
        out = _joined(out, text, literal_first=True) if text else out
    return out


def _parsed(template: str) -> list[tuple[str, str | None, str | None, str | None]]:
    found = _PARSED.get(template)
    if found is None:
        import string

        found = _PARSED[template] = list(string.Formatter().parse(template))
    return found


_PARSED: dict[str, list[tuple[str, str | None, str | None, str | None]]] = {}


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _joined(before: str, after: str, literal_first: bool) -> str:
    """`before` + `after`, where one of them is a filled-in value: a space added between Han and
    a Latin letter or digit, and a template's space dropped between Han and Han."""
    if not before or not after:
        return "".join((before, after))
    left, right = before[-1], after[0]
    if (_han(left) and _latin(right)) or (_latin(left) and _han(right)):
        return f"{before} {after}"
    if literal_first and left == " " and len(before) > 1 and _han(before[-2]) and _han(right):
        return "".join((before[:-1], after))  # the template's space before a value that turned out Han
    if not literal_first and right == " " and len(after) > 1 and _han(after[1]) and _han(left):
        return "".join((before, after[1:]))  # the template's space after a value that turned out Han
    return "".join((before, after))


def words(prefix: str, lang: str | None) -> Callable[..., str]:
    """The texts of one part of the interface (`c_` the cohort, `r_` the report, ...) in one
    language, for renderers that say many of them: `c = words("c_", lang); c("title")`."""

    def say(key: str, **values: Any) -> str:
        return T(f"{prefix}{key}", lang=lang, **values)

    return say


@dataclass(frozen=True)
class Language:
    """The language of one run, resolved once at the door (pmpath.cli) and passed down.

    `code` is what to speak; `chosen` is the language the person said (--lang, or
    $PMPATH_LANG), which outranks a resumed run's or a stored report's own language."""

    code: str
    chosen: str | None = None

    @classmethod
    def resolve(cls, option: str | None) -> Language:
        """--lang, then PMPATH_LANG, then a Chinese locale (zh_*), then English."""
        import os

        from pmpath._guard import env_lang

        named, locale = env_lang(os.environ)
        chosen = option if option in LANGS else named
        return cls(chosen, chosen) if chosen is not None else cls(locale)

    def or_stored(self, stored: str | None) -> str:
        """The language for something kept in another language: the person's choice, else the
        stored language, else this run's."""
        if self.chosen is not None:
            return self.chosen
        return stored if stored in LANGS else self.code


def library_text(message: str, lang: str) -> str:
    """Words a library said (tomllib, json, click, the operating system) in `lang`: the Chinese
    catalogue holds the phrases they use; names, paths and numbers pass through unchanged.
    pmpath's own sentences never come here: they are keys (pmpath.errors.Msg)."""
    if lang != "zh":
        return message
    import re

    from pmpath.i18n.zh import LIBRARY

    for pattern, replacement in LIBRARY:
        message = re.sub(pattern, replacement, message)
    return message
