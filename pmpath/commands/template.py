"""`pmpath template`: an answers (or review) file to fill in by hand."""

from __future__ import annotations

from pathlib import Path

from pmpath.commands import FORCE, LADDER, LANG, OUTPUT, Command, flag
from pmpath.i18n import Language


def run(
    *,
    output: Path | None = None,
    force: bool = False,
    lang: Language,
    review: bool = False,
    ladder: Path | None = None,
) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.output import emit, suffix_format
    from pmpath.render import template as tpl

    kind = "toml" if output is None else suffix_format(output, {".toml": "toml", ".json": "json"})
    catalog = load_ladder(ladder)
    shown = lang.code
    if review:
        text = tpl.review_template_json(catalog) if kind == "json" else tpl.review_template(catalog, shown)
    elif kind == "json":
        text = tpl.answers_template_json(catalog)
    else:
        text = tpl.answers_template(catalog, shown)
    emit(text, output, force, lang=lang.code)
    return 0


COMMAND = Command(
    name="template",
    short_help="hs_template",
    help="hc_template",
    options=(
        OUTPUT,
        FORCE,
        LANG,
        flag("review", "--review", "ho_template_review"),
        LADDER,
    ),
    run=run,
)
