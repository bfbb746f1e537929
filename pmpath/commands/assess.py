"""`pmpath assess`: place yourself on the ladder and get the roadmap to CPO."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pmpath.commands import (
    FORCE,
    LADDER,
    LANG,
    MIN_LEVEL,
    NO_PAGER,
    OUTPUT,
    REPORT_FORMAT,
    Command,
    Opt,
    flag,
)
from pmpath.errors import InputError, Msg
from pmpath.i18n import Language
from pmpath.render import OutputFormat


def paged() -> bool:
    """A person at a terminal reads a long report in a pager; a pipe or a file never gets one."""
    try:
        return sys.stdout.isatty() and sys.stdin.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def run(
    *,
    answers: str | None = None,
    fmt: OutputFormat | None = None,
    output: Path | None = None,
    force: bool = False,
    min_level: str | None = None,
    resume: bool = False,
    lang: Language,
    no_pager: bool = False,
    no_history: bool = False,
    review: list[str] | None = None,
    ladder: Path | None = None,
    from_last: bool = False,
) -> int:
    import datetime

    from pmpath.answers import check_about, read_reviews
    from pmpath.boundary import gate
    from pmpath.catalog import level_id, load_ladder
    from pmpath.output import emit, err_info, render_report, resolve_format, show_paged
    from pmpath.report import build_report

    catalog = load_ladder(ladder)
    minimum = level_id(min_level, catalog)
    read = read_reviews(review or [], catalog)  # before the answers, as they are read once
    reviews = [r for _, r in read]
    chosen_lang = lang.code
    if answers is not None:
        if resume or from_last:
            raise InputError(Msg("e_resume_answers" if resume else "e_from_last_answers"))
        from pmpath.answers import read_answers

        given = read_answers(answers, catalog)
    else:
        from pmpath.interactive import questionnaire

        given, chosen_lang, session = questionnaire(catalog, lang, resume, from_last)
    check_about(given.profile, read)
    from pmpath.catalog import companies_for

    rep = build_report(given, catalog, datetime.date.today().year, reviews, companies_for(catalog))
    chosen = resolve_format(fmt, output)
    rendered = render_report(rep, catalog, chosen, chosen_lang)
    to_pager = output is None and chosen is OutputFormat.table and not no_pager and paged()
    if not to_pager:  # first: a refused or failed write records nothing in the history
        emit(rendered, output, force, lang=lang.code)
    since: list[str | Msg] = []
    run_id = None
    if not no_history:
        from pmpath.recall import remember

        again = session.recorded if answers is None else None
        since, run_id = remember(rep, given, catalog, chosen_lang, want_since=answers is None, same_as=again)
    if to_pager:
        show_paged(rendered, lang=lang.code)
        if run_id is not None:  # the pager has gone: say how to bring the report back
            err_info(Msg("i_see_again", id=run_id), lang=lang.code)
    if answers is None:
        from pmpath.interactive import offer_saves

        for line in since:
            err_info(line, lang=lang.code)
        offer_saves(given, rep, catalog, chosen_lang, session, recorded=run_id)
    return 1 if gate(rep, minimum, catalog, lang.code) else 0


COMMAND = Command(
    name="assess",
    short_help="hs_assess",
    help="hc_assess",
    options=(
        Opt(
            "answers",
            ("--answers", "-a"),
            "ho_answers",
            metavar="FILE|-",
        ),
        REPORT_FORMAT,
        OUTPUT,
        FORCE,
        MIN_LEVEL,
        flag("resume", "--resume", "ho_resume"),
        LANG,
        NO_PAGER,
        flag("no_history", "--no-history", "ho_no_history"),
        Opt(
            "review",
            ("--review", "-r"),
            "ho_reviews",
            kind="many",
            metavar="FILE",
        ),
        LADDER,
        flag("from_last", "--from-last", "ho_from_last"),
    ),
    run=run,
)
