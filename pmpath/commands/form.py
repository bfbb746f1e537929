"""`pmpath form`: a page anyone can fill in a browser, that makes an answers or a review file."""

from __future__ import annotations

from pathlib import Path

from pmpath.commands import FORCE, LADDER, LANG, OUTPUT, Command, Opt, flag
from pmpath.i18n import Language


def run(
    *,
    review: str | None = None,
    output: Path | None = None,
    force: bool = False,
    ladder: Path | None = None,
    lang: Language,
    ids: bool = False,
) -> int:
    chosen = lang.code
    from pmpath.catalog import load_ladder
    from pmpath.errors import InputError, Msg
    from pmpath.output import emit, suffix_format
    from pmpath.render import form

    if output is not None:
        suffix_format(output, {".html": "html", ".htm": "html"})
    about = None
    if review is not None:
        about = review.strip()
        if not about or len(about) > 200 or not about.isprintable():
            raise InputError(Msg("e_form_about", value=repr(review)))
    emit(form.page(load_ladder(ladder), chosen, about, identity=ids), output, force, lang=lang.code)
    return 0


COMMAND = Command(
    name="form",
    short_help="hs_form",
    help="hc_form",
    options=(
        Opt("review", ("--review", "-r"), "ho_form_review", metavar="NAME"),
        flag("ids", "--ids", "ho_form_ids"),
        OUTPUT,
        FORCE,
        LADDER,
        LANG,
    ),
    run=run,
)
