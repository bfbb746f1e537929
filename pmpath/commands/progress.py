"""`pmpath progress`: what moved between a person's assessments."""

from __future__ import annotations

from pathlib import Path

from pmpath.commands import EXCEL, FORCE, LADDER, NAME, OUTPUT, SHEET_FORMAT, Command, Opt
from pmpath.render import SheetFormat


def run(
    name: str | None = None,
    since: str | None = None,
    fmt: SheetFormat | None = None,
    output: Path | None = None,
    force: bool = False,
    ladder: Path | None = None,
    excel: bool = False,
) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.i18n import current_lang
    from pmpath.output import emit, resolve_format, text_width
    from pmpath.recall import progress_text
    from pmpath.render import SHEET_SUFFIXES

    chosen = resolve_format(fmt, output, SHEET_SUFFIXES).value
    if chosen == "html":  # a page is a report's: progress is a table, its data or a sheet
        from pmpath.errors import InputError, Msg

        raise InputError(Msg("e_progress_html"), hint=Msg("h_progress_html"))
    text = progress_text(load_ladder(ladder), name, since, chosen, current_lang(), text_width(), excel)
    emit(text, output, force)
    return 0


COMMAND = Command(
    name="progress",
    short_help="What moved between your assessments.",
    help="""Per-skill change from a person's first run (or --since) to the latest, level changes,
    what closed on the roadmap and what is still open, and a small trail per skill.""",
    options=(
        NAME,
        Opt("since", ("--since",), "Start from this run id or date.", metavar="ID|DATE"),
        SHEET_FORMAT,
        OUTPUT,
        FORCE,
        LADDER,
        EXCEL,
    ),
    run=run,
)
