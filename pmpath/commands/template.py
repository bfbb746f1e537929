"""`pmpath template`: an answers (or review) file to fill in by hand."""

from __future__ import annotations

from pathlib import Path

from pmpath.commands import FORCE, LADDER, LANG, OUTPUT, Command, Lang, flag


def run(
    output: Path | None = None,
    force: bool = False,
    lang: Lang | None = None,
    review: bool = False,
    ladder: Path | None = None,
) -> int:
    from pmpath.catalog import load_ladder
    from pmpath.i18n import resolve_lang
    from pmpath.output import emit, suffix_format
    from pmpath.render import template as tpl

    kind = "toml" if output is None else suffix_format(output, {".toml": "toml", ".json": "json"})
    catalog = load_ladder(ladder)
    shown = resolve_lang(lang.value if lang else None)
    if review:
        text = tpl.review_template_json(catalog) if kind == "json" else tpl.review_template(catalog, shown)
    elif kind == "json":
        text = tpl.answers_template_json(catalog)
    else:
        text = tpl.answers_template(catalog, shown)
    emit(text, output, force)
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
