"""Every command of pmpath, declared once: its options and its run function.

Each module here holds one command (or one group: history, ladder) as a `Command`: the options
with their flags, defaults, types and help, and `run(**options) -> exit code`. Both front doors
read this table: `pmpath.cli` builds the typer commands from it (help pages, completion,
errors) and `pmpath.fastpath` parses the hot command lines from it without importing typer.
Adding an option is one edit: an `Opt` in the command's tuple and the parameter of its `run`.
tests/test_commands.py walks every option of every command in both doors.

Importing this package costs nothing at start-up: no typer, rich or pydantic.
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


ROOT = (
    Opt("version", ("--version", "-V"), "ho_version", kind="flag", type=bool, default=False),
    flag("debug", "--debug", "ho_debug"),
    Opt("lang", ("--lang", "-l"), "ho_root_lang", type=Lang),
)
"""`pmpath`'s own options, before any command (`pmpath --lang zh assess`)."""


def speak(lang: Lang | None) -> str:
    """The language of this run (--lang, $PMPATH_LANG, a zh_* locale, else English), which every
    message from now on speaks: commands that print no report still answer in it."""
    from pmpath.i18n import resolve_lang, set_lang

    chosen = resolve_lang(lang.value if lang else None)
    set_lang(chosen)
    return chosen


# ------------------------------------------------------------------ the fast path's parser


def parse(command: Command, args: list[str]) -> dict[str, Any] | None:
    """The options of a command line as `run` takes them, or None where typer must look: help,
    an unknown or repeated option, a value typer would reject (it says why), `--`.

    Values are converted as typer converts them: Path, int (with its minimum), an Enum member.
    """
    by_flag = {f: opt for opt in command.options for f in opt.flags}
    positional = [o for o in command.options if o.kind in ("argument", "arguments")]
    given: dict[str, Any] = {}
    words: list[str] = []
    pending = list(args)
    while pending:
        arg = pending.pop(0)
        if not arg.startswith("-") or arg == "-":
            words.append(arg)
        elif not _take(command, by_flag, arg, pending, given):
            return None
    if not _place(positional, words, given):
        return None
    return {o.dest: given.get(o.dest, [] if o.kind == "many" else o.default) for o in command.options}


_BAD = object()


def _take(
    command: Command, by_flag: dict[str, Opt], arg: str, pending: list[str], given: dict[str, Any]
) -> bool:
    """One option of the line (and its value from `pending`) into `given`; False where typer
    must look."""
    key, eq, value = arg.partition("=")
    opt = by_flag.get(key) or _switch_off(command, key)
    if opt is None or (opt.dest in given and opt.kind != "many"):
        return False
    if opt.kind in ("flag", "switch"):
        given[opt.dest] = key != _off(opt)
        return not eq
    if not eq:
        if not pending:
            return False
        value = pending.pop(0)
    converted = _convert(opt, value)
    if converted is _BAD:
        return False
    if opt.kind == "many":
        given.setdefault(opt.dest, []).append(converted)
    else:
        given[opt.dest] = converted
    return True


def _off(opt: Opt) -> str:
    return "--no-" + opt.flags[0].removeprefix("--")


def _switch_off(command: Command, key: str) -> Opt | None:
    return next((o for o in command.options if o.kind == "switch" and key == _off(o)), None)


def _convert(opt: Opt, value: str) -> Any:
    """A value as typer would give it, or _BAD where typer must explain the problem."""
    if not value or (value.startswith("-") and value != "-"):
        return _BAD
    if opt.dash_is_stdout and value == "-":
        return None
    if isinstance(opt.type, type) and issubclass(opt.type, Enum):
        choices = {m.value: m for m in opt.type}
        return choices.get(value, _BAD)
    if opt.type is int:
        if not value.isdigit() or (opt.minimum is not None and int(value) < opt.minimum):
            return _BAD
        return int(value)
    return Path(value) if opt.type is Path else value


def _place(positional: list[Opt], words: list[str], given: dict[str, Any]) -> bool:
    """Positional words onto the command's arguments; False where typer must say what is wrong."""
    if "-" in words:
        return False  # standard input as a path: typer's to read
    for opt in positional:
        if opt.kind == "arguments":
            if not words:
                return False
            values = [_convert(opt, w) for w in words]
            if any(v is _BAD for v in values):
                return False
            given[opt.dest], words = values, []
        elif words:
            value = _convert(opt, words.pop(0))
            if value is _BAD:
                return False
            given[opt.dest] = value
        elif opt.required:
            return False
    return not words


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
