"""`pmpath evidence`: add, list and remove what a person did for a skill, kept in the history."""

from __future__ import annotations

import sys
from pathlib import Path

from pmpath.commands import EXCEL, FORCE, LADDER, LANG, NAME, OUTPUT, Command, Lang, Opt, format_opt, speak
from pmpath.errors import Msg
from pmpath.render import LogFormat


def add(
    skill: str,
    text: str,
    date: str | None = None,
    link: str | None = None,
    metric: str | None = None,
    action: str | None = None,
    name: str | None = None,
    ladder: Path | None = None,
    lang: Lang | None = None,
) -> int:
    speak(lang)
    import datetime

    from pmpath import evidence
    from pmpath.catalog import load_ladder
    from pmpath.output import err_info

    catalog = load_ladder(ladder)
    fields = evidence.entry(
        catalog,
        skill=skill,
        text=text,
        date=date,
        link=link,
        metric=metric,
        action=action,
        today=datetime.date.today(),
    )
    who = evidence.person(name)
    entry_id = evidence.add(who, fields)
    from pmpath.i18n import current_lang

    skill_name = catalog.skill(skill).name.get(current_lang())
    err_info(Msg("i_ev_added", id=entry_id, name=who, skill=skill_name, date=fields["date"]))
    return 0


def listing(
    name: str | None = None,
    skill: str | None = None,
    since: str | None = None,
    fmt: LogFormat | None = None,
    output: Path | None = None,
    force: bool = False,
    excel: bool = False,
    ladder: Path | None = None,
    lang: Lang | None = None,
) -> int:
    chosen_lang = speak(lang)
    from pmpath import evidence
    from pmpath.catalog import load_ladder
    from pmpath.output import emit, resolve_format, text_width
    from pmpath.render import LOG_SUFFIXES

    chosen = resolve_format(fmt, output, LOG_SUFFIXES).value
    who = evidence.person(name)
    text = evidence.listing(load_ladder(ladder), who, skill, since, chosen, chosen_lang, text_width(), excel)
    emit(text, output, force)
    return 0


def remove(entry_id: int, yes: bool = False, lang: Lang | None = None) -> int:
    chosen = speak(lang)
    from pmpath import evidence
    from pmpath.output import err_info

    if not yes and sys.stdin.isatty() and sys.stdout.isatty():
        from pmpath.prompts import confirm

        if not confirm(Msg("q_ev_remove", id=entry_id).text(chosen), default=False):
            err_info(Msg("i_nothing_deleted"))
            return 0
    gone = evidence.remove(entry_id)
    err_info(Msg("i_ev_removed", id=gone.id, date=gone.date))
    return 0


GROUP_HELP = "hc_evidence"
GROUP_SHORT_HELP = "hs_evidence"

ADD = Command(
    name="evidence add",
    short_help="",
    help="hc_evidence_add",
    options=(
        Opt("skill", (), "ho_ev_skill", kind="argument", default=..., metavar="SKILL"),
        Opt("text", (), "ho_ev_text", kind="argument", default=..., metavar="TEXT"),
        Opt("date", ("--date",), "ho_ev_date", metavar="YYYY-MM-DD"),
        Opt("link", ("--link",), "ho_ev_link", metavar="URL"),
        Opt("metric", ("--metric",), "ho_ev_metric", metavar="TEXT"),
        Opt("action", ("--action",), "ho_ev_action", metavar="TO:KIND"),
        NAME,
        LADDER,
        LANG,
    ),
    run=add,
)
LIST = Command(
    name="evidence list",
    short_help="",
    help="hc_evidence_list",
    options=(
        NAME,
        Opt("skill", ("--skill",), "ho_ev_skill_filter", metavar="SKILL"),
        Opt("since", ("--since",), "ho_ev_since", metavar="YYYY-MM-DD"),
        format_opt(LogFormat, "ho_format_log"),
        OUTPUT,
        FORCE,
        EXCEL,
        LADDER,
        LANG,
    ),
    run=listing,
)
REMOVE = Command(
    name="evidence remove",
    short_help="",
    help="hc_evidence_remove",
    options=(
        Opt("entry_id", (), "ho_ev_id", kind="argument", type=int, default=..., metavar="ID"),
        Opt("yes", ("--yes", "-y"), "ho_yes", kind="flag", type=bool, default=False),
        LANG,
    ),
    run=remove,
)
