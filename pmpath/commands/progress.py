"""`pmpath progress`: what moved between a person's assessments."""

from __future__ import annotations

from pathlib import Path

from pmpath.commands import EXCEL, FORCE, LADDER, LANG, NAME, OUTPUT, SHEET_FORMAT, Command, Opt
from pmpath.i18n import Language
from pmpath.render import SheetFormat


def run(
    *,
    name: str | None = None,
    since: str | None = None,
    fmt: SheetFormat | None = None,
    output: Path | None = None,
    force: bool = False,
    ladder: Path | None = None,
    excel: bool = False,
    lang: Language,
) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.output import emit, resolve_format, text_width
    from pmpath.recall import progress_text
    from pmpath.render import SHEET_SUFFIXES

    chosen = resolve_format(fmt, output, SHEET_SUFFIXES).value
    if chosen == "html":  # a page is a report's: progress is a table, its data or a sheet
        from pmpath.errors import InputError, Msg

        raise InputError(Msg("e_progress_html"), hint=Msg("h_progress_html"))
    text = progress_text(load_ladder(ladder), name, since, chosen, lang.code, text_width(), excel)
    emit(text, output, force, lang=lang.code)
    return 0


COMMAND = Command(
    name="progress",
    short_help="hs_progress",
    help="hc_progress",
    options=(
        NAME,
        Opt("since", ("--since",), "ho_since", metavar="ID|DATE"),
        SHEET_FORMAT,
        OUTPUT,
        FORCE,
        LADDER,
        EXCEL,
        LANG,
    ),
    run=run,
)
