"""`pmpath packet`: the case for the next level, with a readiness check that says what is missing."""

from __future__ import annotations

from pathlib import Path

from pmpath.commands import FORCE, LADDER, LANG, OUTPUT, REPORT_FORMAT, Command, Opt
from pmpath.i18n import Language
from pmpath.render import OutputFormat


def run(
    *,
    level: str | None = None,
    name: str | None = None,
    fmt: OutputFormat | None = None,
    output: Path | None = None,
    force: bool = False,
    ladder: Path | None = None,
    lang: Language,
    sponsor: str | None = None,
) -> int:
    chosen_lang = lang.code
    import datetime

    from pmpath.catalog import load_ladder
    from pmpath.output import emit, resolve_format, text_width
    from pmpath.promotion import build
    from pmpath.render import packet as draw

    chosen = resolve_format(fmt, output)
    catalog = load_ladder(ladder)
    today = datetime.date.today()
    if chosen is OutputFormat.json:  # JSON is language-neutral: its reasons are in English
        emit(
            draw.as_json(build(catalog, name, level, "en", today, sponsor, said_in=lang.code)),
            output,
            force,
            lang=lang.code,
        )
        return 0
    p = build(catalog, name, level, chosen_lang, today, sponsor, said_in=lang.code)
    if chosen is OutputFormat.md:
        text = draw.markdown(p, chosen_lang)
    elif chosen is OutputFormat.html:
        text = draw.html(p, chosen_lang)
    else:
        text = draw.text(p, chosen_lang, text_width())
    emit(text, output, force, lang=lang.code)
    return 0


COMMAND = Command(
    name="packet",
    short_help="hs_packet",
    help="hc_packet",
    options=(
        Opt("level", ("--for",), "ho_for", metavar="LEVEL", complete="level"),
        Opt("name", ("--name", "-n"), "ho_packet_name", metavar="NAME"),
        Opt("sponsor", ("--sponsor",), "ho_packet_sponsor", metavar="NAME"),
        REPORT_FORMAT,
        OUTPUT,
        FORCE,
        LADDER,
        LANG,
    ),
    run=run,
)
