"""`pmpath levels`, `skills` and `courses`: the ladder's catalogue as a table or JSON."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pmpath.commands import LADDER, LANG, LIST_FORMAT, Command, Opt, flag
from pmpath.i18n import Language
from pmpath.render import ListFormat

if TYPE_CHECKING:
    from pmpath.models import Catalog


Kind = Literal["levels", "skills", "courses"]


def _listing(kind: Kind, *, fmt: ListFormat, lang: Language, ladder: Path | None, **options: Any) -> int:
    """JSON or the table: each renderer imported only when chosen (the table needs rich)."""
    from pmpath.catalog import load_ladder
    from pmpath.output import emit

    catalog = load_ladder(ladder)
    if options.get("map"):
        return _company_map(fmt=fmt, lang=lang)
    if fmt is ListFormat.json:
        from pmpath.render import json

        as_json: dict[Kind, Callable[[Catalog], str]] = {
            "levels": json.levels,
            "skills": json.skills,
            "courses": json.courses,
        }
        emit(as_json[kind](catalog), lang=lang.code)
        return 0
    from pmpath.render import terminal

    as_table: dict[Kind, Callable[..., Any]] = {
        "levels": terminal.levels,
        "skills": terminal.skills,
        "courses": terminal.courses,
    }
    emit(as_table[kind](catalog, lang=lang.code, **options), lang=lang.code)
    return 0


def _company_map(*, fmt: ListFormat, lang: Language) -> int:
    """`pmpath levels --map`: the company grades table, with its sources (bundled ladder's ids)."""
    from pmpath.catalog import load_company_table
    from pmpath.output import emit

    table = load_company_table()
    if fmt is ListFormat.json:
        from pmpath.render import json

        emit(json.company_map(table), lang=lang.code)
        return 0
    from pmpath.render import terminal

    emit(terminal.company_map(table, catalog=None, lang=lang.code), lang=lang.code)
    return 0


def _command(kind: Kind, short_help: str, help: str, *extra: Opt) -> Command:
    """A listing: its format, language and ladder options (and any of its own); its `run` takes
    them by name, as the door passes them."""
    options = (LIST_FORMAT, LANG, *extra, LADDER)
    return Command(kind, short_help, help, options, functools.partial(_listing, kind))


LEVELS = _command(
    "levels",
    "hs_levels",
    "hc_levels",
    flag("map", "--map", "ho_map"),
)
SKILLS = _command(
    "skills",
    "hs_skills",
    "hc_skills",
)
COURSES = _command(
    "courses",
    "hs_courses",
    "hc_courses",
    flag("sources", "--sources", "ho_sources"),
)
