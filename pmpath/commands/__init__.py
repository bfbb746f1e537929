"""Every command of pmpath, declared once: its options and its run function.

Each module here holds one command (or one group: history, ladder) as a `Command`: the options
with their flags, defaults, types and help, and `run(**options) -> exit code`. `pmpath.cli`
builds the typer commands from this table (parsing, completion, errors) and `pmpath.helppage`
draws their help pages from it in the person's language. Adding an option is one edit: an
`Opt` in the command's tuple and the parameter of its `run`. tests/test_commands.py holds the
typer commands to the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pmpath.render import ListFormat, OutputFormat, RunsFormat, SheetFormat

Kind = Literal["value", "flag", "many", "switch", "argument", "arguments"]


class Lang(str, Enum):
    en = "en"
    zh = "zh"


@dataclass(frozen=True)
class Opt:
    """One option or argument of a command.

    kind: `value` (--opt VALUE), `flag` (--opt, a bool), `many` (--opt VALUE, repeatable),
    `switch` (--opt/--no-opt, None when neither), `argument` and `arguments` (positional,
    one or one-or-more). `type` is str, int, Path or an Enum of the choices.
    """

    dest: str
    flags: tuple[str, ...]
    help: str
    """A key of the string catalogues (pmpath.i18n): the help page says it in the person's language."""
    kind: Kind = "value"
    type: type = str
    default: Any = None
    metavar: str | None = None
    envvar: str | None = None
    minimum: int | None = None
    dash_is_stdout: bool = False
    """`-o -` is standard output: the value becomes None."""
    complete: str | None = None
    """Shell completion the CLI offers: `level` (the ladder's level ids)."""

    @property
    def required(self) -> bool:
        return self.kind in ("argument", "arguments") and self.default is ...


@dataclass(frozen=True)
class Command:
    """A command: `name` is its words after `pmpath` ("history show"); `short_help` and `help`
    are catalogue keys (an empty short help: the first sentence of the help)."""

    name: str
    short_help: str
    help: str
    options: tuple[Opt, ...]
    run: Callable[..., int | None]


@dataclass(frozen=True)
class Group:
    """A command with subcommands: its table entries are named `NAME WORD`."""

    name: str
    short_help: str
    help: str


# ------------------------------------------------------------------ options many commands share

LANG = Opt(
    "lang",
    ("--lang", "-l"),
    "ho_lang",
    type=Lang,
)
LADDER = Opt(
    "ladder",
    ("--ladder",),
    "ho_ladder",
    type=Path,
    metavar="DIR",
    envvar="PMPATH_LADDER",
)


def format_opt(kind: type[Enum], help: str, default: Any = None) -> Opt:
    """`--format/-f`: every command spells it the same way; only its formats differ."""
    return Opt("fmt", ("--format", "-f"), help, type=kind, default=default)


REPORT_FORMAT = format_opt(OutputFormat, "ho_format_report")
LIST_FORMAT = format_opt(ListFormat, "ho_format_list", ListFormat.table)
SHEET_FORMAT = format_opt(SheetFormat, "ho_format_sheet")
RUNS_FORMAT = format_opt(RunsFormat, "ho_format_runs", RunsFormat.table)
EXCEL = Opt(
    "excel",
    ("--excel",),
    "ho_excel",
    kind="flag",
    type=bool,
    default=False,
)
OUTPUT = Opt(
    "output",
    ("--output", "-o"),
    "ho_output",
    type=Path,
    metavar="FILE",
    dash_is_stdout=True,
)
FORCE = Opt("force", ("--force",), "ho_force", kind="flag", type=bool, default=False)
MIN_LEVEL = Opt(
    "min_level",
    ("--min-level",),
    "ho_min_level",
    metavar="LEVEL",
    complete="level",
)
NAME = Opt("name", ("--name", "-n"), "ho_name", metavar="NAME")


def flag(dest: str, name: str, help: str) -> Opt:
    return Opt(dest, (name,), help, kind="flag", type=bool, default=False)


NO_PAGER = flag("no_pager", "--no-pager", "ho_no_pager")
"""A report read at a terminal goes through the pager (`assess`, `history show`); this prints it."""


class Shell(str, Enum):
    """The shells typer's completion serves."""

    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"
    pwsh = "pwsh"


ROOT = (
    Opt("version", ("--version", "-V"), "ho_version", kind="flag", type=bool, default=False),
    flag("debug", "--debug", "ho_debug"),
    Opt("lang", ("--lang", "-l"), "ho_root_lang", type=Lang),
    Opt(
        "install_completion", ("--install-completion",), "ho_install_completion", type=Shell, metavar="SHELL"
    ),
    Opt("show_completion", ("--show-completion",), "ho_show_completion", type=Shell, metavar="SHELL"),
)
"""`pmpath`'s own options, before any command (`pmpath --lang zh assess`); `pmpath.cli` gives
--version and the completion options their actions. `--debug` and `--lang` are read by the
door from the line itself, so they reach every command and every message."""


def table() -> dict[str, Command]:
    """Every command by its words after `pmpath`, in the order `pmpath --help` lists them."""
    from pmpath.commands import (
        assess,
        cohort,
        evidence,
        form,
        history,
        ladder,
        listings,
        packet,
        progress,
        review,
        schema,
        template,
    )

    commands = [
        assess.COMMAND,
        review.COMMAND,
        listings.LEVELS,
        listings.SKILLS,
        listings.COURSES,
        cohort.COMMAND,
        schema.COMMAND,
        template.COMMAND,
        form.COMMAND,
        history.LIST,
        history.SHOW,
        history.FORGET,
        history.EXPORT,
        progress.COMMAND,
        evidence.ADD,
        evidence.LIST,
        evidence.REMOVE,
        packet.COMMAND,
        ladder.CHECK,
        ladder.INIT,
    ]
    return {c.name: c for c in commands}


def groups() -> dict[str, Group]:
    """The commands with subcommands, by name."""
    from pmpath.commands import evidence, history, ladder

    return {
        "history": Group("history", history.GROUP_SHORT_HELP, history.GROUP_HELP),
        "evidence": Group("evidence", evidence.GROUP_SHORT_HELP, evidence.GROUP_HELP),
        "ladder": Group("ladder", ladder.GROUP_SHORT_HELP, ladder.GROUP_HELP),
    }
