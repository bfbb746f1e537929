"""The interface's own words, one catalogue per language (en.py, zh.py), looked up by key.

Data texts (levels, skills, courses) live in data/; these are the prompts, messages and labels
pmpath itself says. A test proves both catalogues have the same keys and placeholders.
"""

from __future__ import annotations

from collections.abc import Callable
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
    return catalogue(lang)[key].format(**values)


def words(prefix: str, lang: str | None) -> Callable[..., str]:
    """The texts of one part of the interface (`c_` the cohort, `r_` the report, ...) in one
    language, for renderers that say many of them: `c = words("c_", lang); c("title")`."""

    def say(key: str, **values: Any) -> str:
        return T(f"{prefix}{key}", lang=lang, **values)

    return say


def resolve_lang(option: str | None, stored: str | None = None) -> str:
    """The language to speak: --lang, then PMPATH_LANG, then what a resumed run used, then a
    Chinese locale (zh_*), then English."""
    import os

    if option in LANGS:
        return option
    env = os.environ.get("PMPATH_LANG", "").strip().lower()[:2]
    if env in LANGS:
        return env
    if stored in LANGS:
        return stored
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def explicit_lang(option: str | None) -> str | None:
    """--lang or PMPATH_LANG, when either was given: they outrank a resumed run's language."""
    import os

    if option in LANGS:
        return option
    env = os.environ.get("PMPATH_LANG", "").strip().lower()[:2]
    return env if env in LANGS else None


def split_lang(args: list[str]) -> tuple[str | None, list[str]]:
    """The `--lang`/`-l` value on a command line (the last one given) and the line without it:
    read before any parser has run, by the boundary (for its messages) and the help pages."""
    given: str | None = None
    rest: list[str] = []
    pending = list(args)
    while pending:
        arg = pending.pop(0)
        if arg in ("--lang", "-l") and pending:
            given = pending.pop(0)
        elif arg.startswith("--lang="):
            given = arg.partition("=")[2]
        else:
            rest.append(arg)
    return given, rest


_CURRENT: list[str] = ["en"]


def set_lang(lang: str) -> None:
    """The language messages on stderr use from now on (the CLI sets it once it knows)."""
    _CURRENT[0] = lang if lang in LANGS else "en"


def current_lang() -> str:
    return _CURRENT[0]


def library_text(message: str, lang: str | None = None) -> str:
    """Words a library said (tomllib, json, click, the operating system) in `lang`: the Chinese
    catalogue holds the phrases they use; names, paths and numbers pass through unchanged.
    pmpath's own sentences never come here: they are keys (pmpath.errors.Msg)."""
    lang = lang or current_lang()
    if lang != "zh":
        return message
    import re

    from pmpath.i18n.zh import LIBRARY

    for pattern, replacement in LIBRARY:
        message = re.sub(pattern, replacement, message)
    return message
