"""Help pages, drawn from the command table in the person's language.

typer parses; pmpath draws its own help. typer's vendored click writes its headings and notes in
English and measures a line in characters, so a Chinese page was half English and ran off the
screen. Drawing the page from `pmpath.commands` keeps every word in the string catalogues,
wraps by terminal cells with pmpath's typesetting rules (pmpath.text.wrap). typer decides when a
page is asked for (pmpath.cli's `format_help`); this module only draws it.

The layout is click's, which people know: usage, description, arguments, options, commands.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from pmpath.commands import ROOT, Command, Group, Opt, groups, table
from pmpath.i18n import T
from pmpath.ids import LEVEL_IDS
from pmpath.text import cells, wrap

Say = Callable[..., str]
"""A catalogue text in the page's language: `say(key, **values)`."""

COL_MAX = 30
"""Flags wider than this put their help on the next line, as click does."""

HELP_FLAGS = ("-h", "--help")


def page(path: str, lang: str, width: int) -> str:
    """The help page of `pmpath PATH` ("" the root, "history" a group, "history show" a command),
    at most `width` cells wide."""
    say = _sayer(lang)
    commands, known = table(), groups()
    if not path:
        rows = [_row(o, say) for o in ROOT]
        listed = _listed(commands, known, say)
        return _draw("pmpath", "[OPTIONS] COMMAND [ARGS]...", say("hc_app"), [], rows, listed, say, width)
    if path in known:
        group, alone = known[path], commands.get(path)
        options = alone.options if alone is not None else ()
        subs = [
            (name.split(" ", 1)[1], _short(c, say))
            for name, c in commands.items()
            if name.startswith(path + " ")
        ]
        rows = [_row(o, say) for o in options if not _positional(o)]
        return _draw(
            f"pmpath {path}", "[OPTIONS] COMMAND [ARGS]...", say(group.help), [], rows, subs, say, width
        )
    spec = commands[path]
    arguments = [o for o in spec.options if _positional(o)]
    usage = " ".join(["[OPTIONS]", *(_metavar(o) for o in arguments)])
    args = [(_metavar(o), _with_notes(o, say)) for o in arguments]
    rows = [_row(o, say) for o in spec.options if not _positional(o)]
    return _draw(f"pmpath {path}", usage, say(spec.help), args, rows, [], say, width)


def known(path: str) -> bool:
    """A help page exists for `pmpath PATH`."""
    return path == "" or path in table() or path in groups()


def _sayer(lang: str) -> Say:
    ids = ", ".join(LEVEL_IDS)

    def say(key: str, **values: object) -> str:
        return T(key, lang, ids=ids, **values)

    return say


def _positional(opt: Opt) -> bool:
    return opt.kind in ("argument", "arguments")


def _metavar(opt: Opt) -> str:
    name = opt.metavar or opt.dest.upper()
    return f"{name}..." if opt.kind == "arguments" else name


def _flags(opt: Opt) -> str:
    if opt.kind == "switch":
        return f"{opt.flags[0]} / --no-{opt.flags[0][2:]}"
    shown = ", ".join(sorted(opt.flags, key=lambda f: (f.startswith("--"), f)))
    if opt.kind in ("flag", "switch"):
        return shown
    if opt.metavar:
        return f"{shown} {opt.metavar}"
    if isinstance(opt.type, type) and issubclass(opt.type, Enum):
        return f"{shown} <{'|'.join(m.value for m in opt.type)}>"
    return f"{shown} {'INTEGER' if opt.type is int else 'PATH' if opt.type.__name__ == 'Path' else 'TEXT'}"


def _with_notes(opt: Opt, say: Say) -> str:
    """The option's help and what click would add in brackets: its default, that it is needed."""
    text = say(opt.help)
    if isinstance(opt.default, Enum):
        text += say("hp_default", default=opt.default.value)
    if opt.required:
        text += say("hp_required")
    return text


def _row(opt: Opt, say: Say) -> tuple[str, str]:
    return _flags(opt), _with_notes(opt, say)


def _short(spec: Command | Group, say: Say) -> str:
    """The line a command gets in a list: its short help, else its help's first sentence."""
    if spec.short_help:
        return say(spec.short_help)
    text = " ".join(say(spec.help).split("\n\n")[0].split())
    for stop in ("。", "：", ". ", ": "):
        if stop in text:
            text = text.split(stop)[0] + (stop.strip() if stop.strip() in "。." else "")
            break
    return text


def _listed(commands: dict[str, Command], known: dict[str, Group], say: Say) -> list[tuple[str, str]]:
    """The root page's commands in the table's order, each group once, where its first member is."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name, spec in commands.items():
        head = name.split(" ", 1)[0]
        if head in seen:
            continue
        seen.add(head)
        rows.append((head, _short(known.get(head, spec), say)))
    return rows


def _draw(
    prog: str,
    usage: str,
    description: str,
    arguments: list[tuple[str, str]],
    options: list[tuple[str, str]],
    commands: list[tuple[str, str]],
    say: Say,
    width: int,
) -> str:
    head = say("hp_usage")
    head += "" if head.endswith("：") else " "  # a full-width colon brings its own space
    lines = wrap(usage, width, indent=" " * (cells(head) + cells(prog) + 1), first=f"{head}{prog} ")
    for paragraph in description.split("\n\n"):
        lines += ["", *wrap(" ".join(paragraph.split()), width, indent="  ", first="  ")]
    sections = [
        ("hp_arguments", arguments),
        ("hp_options", [*options, (", ".join(HELP_FLAGS), say("ho_help"))]),
        ("hp_commands", commands),
    ]
    for key, rows in sections:
        if rows:
            lines += ["", say(key), *_definitions(rows, width)]
    return "\n".join(lines) + "\n"


def _definitions(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Terms and their texts in two columns, the text wrapped in its own column."""
    first = min(max(cells(term) for term, _ in rows), COL_MAX) + 2
    lines: list[str] = []
    for term, text in rows:
        indent = " " * (2 + first)
        if cells(term) <= first - 2:
            lines += wrap(text, width, indent=indent, first="  " + term + " " * (first - cells(term)))
        else:
            lines.append("  " + term)
            lines += wrap(text, width, indent=indent, first=indent)
    return lines


def width() -> int:
    """The page's width: the terminal's (or $COLUMNS), less a margin, at most 98 cells."""
    import shutil

    return max(min(shutil.get_terminal_size().columns, 100) - 2, 40)
