"""`pmpath review`: rate a colleague; a 360 review file for them."""

from __future__ import annotations

from pathlib import Path

from pmpath.commands import FORCE, LADDER, LANG, OUTPUT, Command, flag
from pmpath.i18n import Language


def run(
    *,
    output: Path | None = None,
    force: bool = False,
    resume: bool = False,
    lang: Language,
    ladder: Path | None = None,
) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.interactive import rater_questionnaire, save_review

    catalog = load_ladder(ladder)
    given, chosen_lang, session = rater_questionnaire(catalog, lang, resume)
    save_review(given, catalog, chosen_lang, session, output, force)
    return 0


COMMAND = Command(
    name="review",
    short_help="hs_review",
    help="hc_review",
    options=(
        OUTPUT,
        FORCE,
        flag("resume", "--resume", "ho_review_resume"),
        LANG,
        LADDER,
    ),
    run=run,
)
