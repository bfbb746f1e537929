"""`pmpath levels`, `skills` and `courses`: the ladder's catalogue as a table or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmpath.commands import LADDER, LANG, LIST_FORMAT, Command, Lang, flag
from pmpath.render import ListFormat


def _listing(kind: str, fmt: ListFormat, lang: Lang | None, ladder: Path | None, **options: Any) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.i18n import resolve_lang
    from pmpath.output import emit
    from pmpath.render import renderer

    catalog = load_ladder(ladder)
    if fmt is ListFormat.json:
        emit(renderer(f"pmpath.render.json:{kind}")(catalog))
    else:
        shown = resolve_lang(lang.value if lang else None)
        emit(renderer(f"pmpath.render.terminal:{kind}")(catalog, lang=shown, **options))
    return 0


def levels(fmt: ListFormat = ListFormat.table, lang: Lang | None = None, ladder: Path | None = None) -> int:
    return _listing("levels", fmt, lang, ladder)


def skills(fmt: ListFormat = ListFormat.table, lang: Lang | None = None, ladder: Path | None = None) -> int:
    return _listing("skills", fmt, lang, ladder)


def courses(
    fmt: ListFormat = ListFormat.table,
    lang: Lang | None = None,
    sources: bool = False,
    ladder: Path | None = None,
) -> int:
    return _listing("courses", fmt, lang, ladder, sources=sources)


LEVELS = Command(
    name="levels",
    short_help="The ladder's levels, years and role.",
    help="The levels from Junior PM to CPO (or your ladder's), with years and what each role does.",
    options=(LIST_FORMAT, LANG, LADDER),
    run=levels,
)
SKILLS = Command(
    name="skills",
    short_help="Every skill and what a 1 to 5 looks like.",
    help="Every skill with its five behavioural anchors (what a 1, 2, 3, 4 or 5 looks like).",
    options=(LIST_FORMAT, LANG, LADDER),
    run=skills,
)
COURSES = Command(
    name="courses",
    short_help="Programmes, certificates, degrees, books.",
    help="Programmes, certificates, degrees and books: who each is for, format, cost.",
    options=(LIST_FORMAT, LANG, flag("sources", "--sources", "Show where each fact comes from."), LADDER),
    run=courses,
)
