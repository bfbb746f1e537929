"""`pmpath evidence`: add, list and remove what a person did for a skill, kept in the history."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pmpath.commands import (
    EXCEL,
    FORCE,
    LADDER,
    LANG,
    NAME,
    OUTPUT,
    Command,
    Opt,
    flag,
    format_opt,
)
from pmpath.errors import Msg
from pmpath.i18n import Language
from pmpath.render import LogFormat


def add(
    *,
    skill: str,
    text: str,
    date: str | None = None,
    link: str | None = None,
    metric: str | None = None,
    action: str | None = None,
    name: str | None = None,
    ladder: Path | None = None,
    lang: Language,
    new_person: bool = False,
    scope: str | None = None,
    situation: str | None = None,
    result: str | None = None,
) -> int:
    chosen = lang.code
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
        scope=scope,
        situation=situation,
        result=result,
    )
    who = evidence.owner(name, evidence.known_people(), new_person, *_asking(chosen))
    entry_id = evidence.add(who, fields)

    skill_name = catalog.skill(skill).name.get(lang.code)
    err_info(Msg("i_ev_added", id=entry_id, name=who, skill=skill_name, date=fields["date"]), lang=lang.code)
    return 0


def _asking(lang: str) -> tuple[Any, Any]:
    """At a terminal, the two questions `owner` may need (start a log for a new name? whose
    log?); none without one, so a script is refused rather than left waiting."""
    from pmpath.prompts import stdin_is_interactive

    if not (stdin_is_interactive() and sys.stderr.isatty()):
        return None, None
    from pmpath.prompts import choose_one, confirm
    from pmpath.text import visible

    def ask_new(name: str) -> bool:
        return confirm(Msg("q_ev_new_person", name=name).text(lang), default=False, lang=lang)

    def choose(people: list[str]) -> str:
        choices = [(visible(p) or Msg("unnamed").text(lang), p) for p in people]
        return str(choose_one(Msg("q_ev_whose").text(lang), choices, lang))

    return ask_new, choose


def listing(
    *,
    name: str | None = None,
    skill: str | None = None,
    since: str | None = None,
    fmt: LogFormat | None = None,
    output: Path | None = None,
    force: bool = False,
    excel: bool = False,
    ladder: Path | None = None,
    lang: Language,
) -> int:
    chosen_lang = lang.code
    from pmpath import evidence
    from pmpath.catalog import load_ladder
    from pmpath.output import emit, resolve_format, text_width
    from pmpath.render import LOG_SUFFIXES
    from pmpath.render.evidence import listing as drawn

    chosen = resolve_format(fmt, output, LOG_SUFFIXES).value
    catalog = load_ladder(ladder)
    items = evidence.listed(catalog, evidence.person(name), skill, since)
    emit(drawn(items, catalog, chosen, chosen_lang, text_width(), excel), output, force, lang=lang.code)
    return 0


def remove(*, entry_id: int, yes: bool = False, lang: Language) -> int:
    chosen = lang.code
    from pmpath import evidence
    from pmpath.output import err_info

    if not yes and sys.stdin.isatty() and sys.stdout.isatty():
        from pmpath.catalog import load_catalog
        from pmpath.prompts import confirm
        from pmpath.render.evidence import described

        found = evidence.find(entry_id)  # an id that names no entry is said before anything is asked
        err_info(described(found, load_catalog(), chosen), lang=lang.code)
        if not confirm(Msg("q_ev_remove", id=entry_id).text(chosen), default=False, lang=chosen):
            err_info(Msg("i_nothing_deleted"), lang=lang.code)
            return 0
    gone = evidence.remove(entry_id)
    err_info(Msg("i_ev_removed", id=gone.id, date=gone.date), lang=lang.code)
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
        Opt("situation", ("--situation",), "ho_ev_situation", metavar="TEXT"),
        Opt("result", ("--result",), "ho_ev_result", metavar="TEXT"),
        Opt("scope", ("--scope",), "ho_ev_scope", metavar="me|led|team"),
        NAME,
        LADDER,
        LANG,
        flag("new_person", "--new-person", "ho_ev_new_person"),
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
