"""`pmpath ladder check` and `ladder init`: a company's own ladder."""

from __future__ import annotations

from pathlib import Path

from pmpath.commands import FORCE, Command, Opt, flag
from pmpath.errors import Msg

WHERE = Opt(
    "where",
    (),
    "A directory with levels.toml and courses.toml.",
    kind="argument",
    type=Path,
    default=...,
    metavar="DIR",
)


def check(where: Path, strict: bool = False) -> int:
    from pmpath.catalog import check_ladder, load_ladder
    from pmpath.output import err_info, say

    catalog = load_ladder(where)
    notes = check_ladder(catalog)
    for note in notes:
        err_info(Msg("w_warning", note=note))
    tracks = f", tracks: {', '.join(catalog.track_paths)}" if catalog.track_paths else ""
    say(
        f"{catalog.name}: {len(catalog.levels)} levels ({catalog.path[0].id} to {catalog.top.id}{tracks}), "
        f"{len(catalog.skills)} skills, {len(catalog.courses)} courses; "
        + (f"{len(notes)} warning(s)\n" if notes else "no problems found\n")
    )
    return 2 if notes and strict else 0


def init(where: Path, force: bool = False) -> int:
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
        err_info(Msg("i_wrote", path=where / name))
    err_info(Msg("i_check_ladder", where=where))
    return 0


GROUP_HELP = "Your company's own ladder: check one, or start one from pmpath's."
GROUP_SHORT_HELP = "Check or start your own ladder."

CHECK = Command(
    name="ladder check",
    short_help="",
    help="""Validate a ladder (the same one-line errors as every input, exit 2), then report what
    loads but deserves a look: a skill no level needs, a level asking nothing more than the one
    below, a course for no level.""",
    options=(WHERE, flag("strict", "--strict", "Exit 2 on warnings too.")),
    run=check,
)
INIT = Command(
    name="ladder init",
    short_help="",
    help="Copy pmpath's own ladder into DIR as a starting point (its ids are yours to change).",
    options=(WHERE, FORCE),
    run=init,
)
