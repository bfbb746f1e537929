"""`pmpath history`: list, show, forget and export the runs kept in the private history."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pmpath.commands import (
    EXCEL,
    FORCE,
    LADDER,
    LANG,
    NAME,
    NO_PAGER,
    OUTPUT,
    REPORT_FORMAT,
    RUNS_FORMAT,
    Command,
    Lang,
    Opt,
    flag,
    speak,
)
from pmpath.errors import InputError, Msg
from pmpath.render import OutputFormat, RunsFormat


def listing(
    name: str | None = None, fmt: RunsFormat = RunsFormat.table, excel: bool = False, lang: Lang | None = None
) -> int:
    chosen = speak(lang)
    from pmpath.output import emit, text_width
    from pmpath.recall import history_listing

    emit(history_listing(name, fmt.value, text_width(), excel, chosen))
    return 0


def show(
    run_id: int,
    fmt: OutputFormat | None = None,
    output: Path | None = None,
    force: bool = False,
    lang: Lang | None = None,
    ladder: Path | None = None,
    no_pager: bool = False,
) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.commands.assess import paged
    from pmpath.i18n import resolve_lang
    from pmpath.models import Report, lenient
    from pmpath.output import emit, render_report, resolve_format, show_paged
    from pmpath.recall import find, require_same_ladder

    run = find(run_id)
    try:
        rep = lenient(Report, json.loads(run.report)).model
    except ValueError:  # a partial report of an early history: nothing to draw a page from
        hint = Msg("h_run_unreadable", id=run_id)
        raise InputError(Msg("e_run_unreadable", id=run_id), hint=hint) from None
    catalog = load_ladder(ladder)
    require_same_ladder([run], catalog, Msg("w_run_was", id=run_id))
    chosen = resolve_format(fmt, output)
    shown = resolve_lang(lang.value if lang else None, run.lang)
    rendered = render_report(rep, catalog, chosen, shown)
    if output is None and chosen is OutputFormat.table and not no_pager and paged():
        show_paged(rendered)  # as `assess` shows it: a whole report is read in the pager
    else:
        emit(rendered, output, force)
    return 0


def forget(
    run_id: int | None = None,
    name: str | None = None,
    everything: bool = False,
    yes: bool = False,
    lang: Lang | None = None,
) -> int:
    speak(lang)
    from pmpath.i18n import current_lang
    from pmpath.output import err_info
    from pmpath.recall import forget as delete

    chosen = sum(x is not None and x is not False for x in (run_id, name, everything or None))
    if chosen != 1:
        raise InputError(Msg("e_forget_what"))
    what = (
        Msg("w_run", id=run_id)
        if run_id is not None
        else Msg("w_every_run_of", name=repr(name))
        if name
        else Msg("w_whole_history")
    )
    if not yes and sys.stdin.isatty() and sys.stdout.isatty():
        from pmpath.prompts import confirm

        if not confirm(Msg("q_delete", what=what).text(current_lang()), default=False):
            err_info(Msg("i_nothing_deleted"))
            return 0
    gone = delete(run_id, None if everything else name)
    if run_id is not None and gone == 0:
        raise InputError(Msg("e_no_run", id=run_id), hint=Msg("h_history_ids"))
    err_info(Msg("i_deleted", n=gone))
    return 0


def export(target: Path, force: bool = False, lang: Lang | None = None) -> int:
    speak(lang)
    from pmpath.evidence import dump_all
    from pmpath.output import emit
    from pmpath.recall import export_lines, list_runs

    emit(export_lines(list_runs(None), dump_all()), None if str(target) == "-" else target, force)
    return 0


GROUP_HELP = "hc_history"
GROUP_SHORT_HELP = "hs_history"

LIST = Command(
    name="history",
    short_help=GROUP_SHORT_HELP,
    help="hc_history_list",
    options=(NAME, RUNS_FORMAT, EXCEL, LANG),
    run=listing,
)
SHOW = Command(
    name="history show",
    short_help="",
    help="hc_history_show",
    options=(
        Opt(
            "run_id",
            (),
            "ho_run_id",
            kind="argument",
            type=int,
            default=...,
            metavar="ID",
        ),
        REPORT_FORMAT,
        OUTPUT,
        FORCE,
        LANG,
        LADDER,
        NO_PAGER,
    ),
    run=show,
)
FORGET = Command(
    name="history forget",
    short_help="",
    help="hc_history_forget",
    options=(
        Opt("run_id", (), "ho_forget_id", kind="argument", type=int, metavar="[ID]"),
        NAME,
        flag("everything", "--all", "ho_all"),
        Opt("yes", ("--yes", "-y"), "ho_yes", kind="flag", type=bool, default=False),
        LANG,
    ),
    run=forget,
)
EXPORT = Command(
    name="history export",
    short_help="",
    help="hc_history_export",
    options=(
        Opt(
            "target",
            (),
            "ho_export_target",
            kind="argument",
            type=Path,
            default=...,
            metavar="FILE",
        ),
        FORCE,
        LANG,
    ),
    run=export,
)
