"""`pmpath levels`, `skills` and `courses`: the ladder's catalogue as a table or JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmpath.commands import LADDER, LANG, LIST_FORMAT, Command, Lang, flag
from pmpath.render import ListFormat

if TYPE_CHECKING:
    from pmpath.models import Catalog


def _show(catalog: Catalog, fmt: ListFormat, as_json: Callable[[], str], as_table: Callable[[], Any]) -> int:
    """JSON or the table: each imported only when chosen (the table needs rich)."""
    from pmpath.output import emit

    emit(as_json() if fmt is ListFormat.json else as_table())
    return 0


def _lang(lang: Lang | None) -> str:
    from pmpath.i18n import resolve_lang

    return resolve_lang(lang.value if lang else None)


def levels(fmt: ListFormat = ListFormat.table, lang: Lang | None = None, ladder: Path | None = None) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.render import json

    catalog = load_ladder(ladder)

    def table() -> Any:
        from pmpath.render import terminal

        return terminal.levels(catalog, lang=_lang(lang))

    return _show(catalog, fmt, lambda: json.levels(catalog), table)


def skills(fmt: ListFormat = ListFormat.table, lang: Lang | None = None, ladder: Path | None = None) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.render import json

    catalog = load_ladder(ladder)

    def table() -> Any:
        from pmpath.render import terminal

        return terminal.skills(catalog, lang=_lang(lang))

    return _show(catalog, fmt, lambda: json.skills(catalog), table)


def courses(
    fmt: ListFormat = ListFormat.table,
    lang: Lang | None = None,
    sources: bool = False,
    ladder: Path | None = None,
) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.render import json

    catalog = load_ladder(ladder)

    def table() -> Any:
        from pmpath.render import terminal

        return terminal.courses(catalog, lang=_lang(lang), sources=sources)

    return _show(catalog, fmt, lambda: json.courses(catalog), table)


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
