"""The first thing pmpath runs: on a Python older than it needs, one line saying so, exit 2.

This module must compile and run on any Python 3 (3.0 on): the `python3` of RHEL 8 and Ubuntu
18.04 is 3.6, which cannot even compile the rest of pmpath (`from __future__ import
annotations`, `X | Y` types, f-strings with `=`) and would print a SyntaxError traceback. So:
no f-strings, no annotations, no walrus, nothing imported but the standard library's oldest
parts. pmpath/__init__.py imports it first, so both `python3 -m pmpath` and the `pmpath`
script stop here. The words are the catalogue's (pmpath/i18n), read as text by key: importing
the catalogue would need the newer Python.
"""

# ruff: noqa: ANN001, ANN003, ANN202
# (the types are in comments, which mypy reads: annotations would not compile on 3.0-3.4)
import os
import sys

MIN_PYTHON = (3, 11)
"""As pyproject.toml's requires-python: tomllib and the typing pmpath uses came in 3.11."""


def given_lang(args):
    # type: (list[str]) -> str | None
    """The value of the last `--lang`/`-l` on a command line, as given (typer checks it later).
    Read before any parser runs: by this guard, and by pmpath's door for its messages."""
    chosen = None
    pending = list(args)
    while pending:
        arg = pending.pop(0)
        if arg in ("--lang", "-l") and pending:
            chosen = pending.pop(0)
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return chosen


def env_lang(environ):
    # type: (dict[str, str] | os._Environ[str]) -> tuple[str | None, str]
    """The language $PMPATH_LANG names (None if it names none), and the locale's (a zh_*
    locale is Chinese, anything else English)."""
    named = environ.get("PMPATH_LANG", "").strip().lower()[:2]
    locale = "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            locale = "zh" if value.lower().startswith("zh") else "en"
            break
    return (named if named in ("en", "zh") else None), locale


def _lang(args, environ):
    # type: (list[str], dict[str, str]) -> str
    """--lang, PMPATH_LANG, then the locale: pmpath.i18n.Language.resolve's order (it uses these
    two functions), without a resumed run (none can be read here)."""
    chosen = given_lang(args)
    if chosen in ("en", "zh"):
        return chosen
    named, locale = env_lang(environ)
    return named or locale


def said(key, lang, **values):
    # type: (str, str, object) -> str
    """The catalogue's text for `key`, read from pmpath/i18n/<lang>.py as text."""
    import re  # only on the way out: a current Python never pays for it here

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "i18n", lang + ".py")
    try:
        with open(path, "rb") as handle:
            source = handle.read().decode("utf-8")
    except (OSError, ValueError):
        source = ""
    found = re.search('\\n\\s*"' + key + '": "((?:[^"\\\\]|\\\\.)*)"', source)
    if found is None:
        return key + " " + " ".join(str(v) for v in values.values())
    return str(found.group(1).replace('\\"', '"').format(**values))


def too_old(version_info, args, environ):
    # type: (tuple[int, ...], list[str], dict[str, str]) -> str | None
    """The lines to print when `version_info` is older than pmpath needs, else None."""
    if tuple(version_info[:2]) >= MIN_PYTHON:
        return None
    lang = _lang(args, environ)
    needed = ".".join(str(n) for n in MIN_PYTHON)
    found = ".".join(str(n) for n in version_info[:3])
    message = said("e_old_python", lang, found=found, needed=needed)
    hint = said("hint_label", lang) + said("h_old_python", lang, needed=needed)
    return "pmpath: " + message + "\n" + hint + "\n"


def check():
    # type: () -> None
    lines = too_old(tuple(sys.version_info[:3]), sys.argv[1:], dict(os.environ))
    if lines is None:
        return
    try:
        sys.stderr.write(lines)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # no stderr: the exit code says it
    sys.exit(2)


check()
