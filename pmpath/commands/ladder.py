"""`pmpath ladder check` and `ladder init`: a company's own ladder."""

from __future__ import annotations

from pathlib import Path

from pmpath.commands import FORCE, LANG, Command, Opt, flag
from pmpath.errors import Msg
from pmpath.i18n import Language

WHERE = Opt(
    "where",
    (),
    "ho_where",
    kind="argument",
    type=Path,
    default=...,
    metavar="DIR",
)


def check(*, where: Path, strict: bool = False, lang: Language) -> int:
    from pmpath.catalog import check_ladder, load_ladder
    from pmpath.i18n import T
    from pmpath.output import err_info, say

    said = lang.code
    catalog = load_ladder(where)
    notes = check_ladder(catalog)
    for note in notes:
        err_info(Msg("w_warning", note=note), lang=lang.code)
    tracks = T("i_ladder_tracks", said, tracks=", ".join(catalog.track_paths)) if catalog.track_paths else ""
    verdict = T("i_ladder_warnings", said, n=len(notes)) if notes else T("i_ladder_clean", said)
    say(
        T(
            "i_ladder_summary",
            said,
            name=catalog.name,
            levels=len(catalog.levels),
            first=catalog.path[0].id,
            top=catalog.top.id,
            tracks=tracks,
            skills=len(catalog.skills),
            courses=len(catalog.courses),
            verdict=verdict,
        )
        + "\n"
    )
    return 2 if notes and strict else 0


def init(*, where: Path, force: bool = False, lang: Language) -> int:
    from pmpath.catalog import data_dir
    from pmpath.files import write_atomic
    from pmpath.output import err_info

    where.mkdir(parents=True, exist_ok=True)
    for name in ("levels.toml", "courses.toml"):
        text = (data_dir() / name).read_text(encoding="utf-8")
        if name == "levels.toml":
            text = text.replace(
                "schema_version = 1\n", f"schema_version = 1\nname = {where.resolve().name!r}\n", 1
            )
        write_atomic(where / name, text, force=force)
        err_info(Msg("i_wrote", path=where / name), lang=lang.code)
    err_info(Msg("i_check_ladder", where=where), lang=lang.code)
    return 0


GROUP_HELP = "hc_ladder"
GROUP_SHORT_HELP = "hs_ladder"

CHECK = Command(
    name="ladder check",
    short_help="",
    help="hc_ladder_check",
    options=(WHERE, flag("strict", "--strict", "ho_strict"), LANG),
    run=check,
)
INIT = Command(
    name="ladder init",
    short_help="",
    help="hc_ladder_init",
    options=(WHERE, FORCE, LANG),
    run=init,
)
