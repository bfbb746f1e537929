"""One definition per command: the table in pmpath.commands, walked against the typer commands
built from it (every command, every option, every attribute a person or a parser sees), and
every option of every command parsed by typer into the type its `run` is declared to take."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from pmpath.cli import app
from pmpath.commands import Command, Opt, table
from pmpath.helppage import page
from pmpath.i18n import T
from pmpath.ids import LEVEL_IDS

TABLE = table()
ROOT_OPTIONS = {"version", "debug", "help", "install_completion", "show_completion"}


# typer vendors its own click (typer._click): its classes are matched by shape, not imported


def _context(command: Any) -> Any:
    return command.make_context("pmpath", [], resilient_parsing=True)


def _click(name: str) -> Any:
    command = get_command(app)
    for word in name.split():
        found = command.get_command(_context(command), word)
        assert found is not None, name
        command = found
    return command


def _walk(command: Any, words: tuple[str, ...] = ()) -> list[str]:
    """The names of every command that runs something, as `pmpath …` words."""
    names = [" ".join(words)] if words else []
    if hasattr(command, "list_commands"):
        context = _context(command)
        for word in command.list_commands(context):
            sub = command.get_command(context, word)
            assert sub is not None
            names += _walk(sub, (*words, word))
    return names


def test_every_typer_command_is_in_the_table_and_back():
    assert sorted(_walk(get_command(app))) == sorted([*TABLE, "ladder", "evidence"])
    # `ladder` and `evidence` alone are groups that only show their help; `history` alone lists
    # the runs


def _params(command: Any) -> dict[str, Any]:
    return {p.name: p for p in command.params if p.name not in ROOT_OPTIONS}


@pytest.mark.parametrize("name", list(TABLE))
def test_every_option_is_what_the_table_declares(name):
    spec, command = TABLE[name], _click(name)
    params = _params(command)
    assert list(params) == [o.dest for o in spec.options]
    for opt in spec.options:
        _same(opt, params[opt.dest])
    assert not command.help and not command.short_help  # typer never draws a page: pmpath.helppage does
    drawn = page(name, "en", 200)
    for opt in spec.options:
        assert (opt.flags[0] if opt.flags else opt.metavar or opt.dest.upper()) in drawn, (name, opt.dest)
        assert T(opt.help, "en", ids=", ".join(LEVEL_IDS)).split(";")[0] in " ".join(drawn.split()), opt.dest


def test_the_root_options_are_what_the_table_declares():
    """`pmpath`'s own options are the table's ROOT too: defined once, drawn by helppage."""
    from pmpath.commands import ROOT

    root = get_command(app)
    params = {p.name: p for p in root.params if p.name != "help"}
    assert list(params) == [o.dest for o in ROOT]
    for opt in ROOT:
        _same(opt, params[opt.dest])
    drawn = page("", "en", 200)
    assert all(opt.flags[0] in drawn for opt in ROOT)


def _same(opt: Opt, param: Any) -> None:
    where = f"{opt.dest}: "
    assert param.required == (opt.default is ... and opt.kind in ("argument", "arguments")), where
    assert (param.metavar or None) == opt.metavar, where
    if param.param_type_name == "argument":
        assert opt.kind in ("argument", "arguments") and not opt.flags, where
        assert (param.nargs == -1) == (opt.kind == "arguments"), where
        return
    assert param.param_type_name == "option", where
    assert sorted(param.opts) == sorted(opt.flags), where
    off = ["--no-" + opt.flags[0][2:]] if opt.kind == "switch" else []
    assert param.secondary_opts == off, where
    assert param.multiple == (opt.kind == "many"), where
    assert param.is_flag == (opt.kind in ("flag", "switch")), where
    assert param.envvar == opt.envvar, where
    default = opt.default.value if isinstance(opt.default, Enum) else opt.default
    assert param.default == default or (opt.kind == "many" and param.default is None), where
    assert getattr(param, "min", None) == opt.minimum, where


@pytest.mark.parametrize("name", list(TABLE))
def test_choices_and_bounds_are_what_the_table_declares(name):
    """Every choice of an Enum option parses in typer and nothing else does; so does a bound."""
    spec, command = TABLE[name], _click(name)
    for opt in spec.options:
        if opt.kind != "value":
            continue
        if isinstance(opt.type, type) and issubclass(opt.type, Enum):
            for member in opt.type:
                line = [*_required(spec), opt.flags[0], member.value]
                assert _plain(command.make_context("pmpath", line).params[opt.dest]) == member.value
            with pytest.raises(Exception, match="not-a-choice"):
                command.make_context("pmpath", [*_required(spec), opt.flags[0], "not-a-choice"])
        if opt.minimum is not None:
            with pytest.raises(Exception, match=f"greater than or equal to {opt.minimum}"):
                command.make_context("pmpath", [*_required(spec), opt.flags[0], str(opt.minimum - 1)])


# ------------------------------------------------------------------ every option, parsed


def _sample(opt: Opt) -> str:
    if isinstance(opt.type, type) and issubclass(opt.type, Enum):
        return list(opt.type)[-1].value
    if opt.type is int:
        return "3"
    return "some.json" if opt.type is Path else "some value"


def _required(spec: Command) -> list[str]:
    return [_sample(o) for o in spec.options if o.kind in ("argument", "arguments") and o.default is ...]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value] or None
    return value


def _lines(spec: Command) -> list[list[str]]:
    """For each option: its long flag and value, its short flag and value, `--flag=value`."""
    lines = [_required(spec)]
    for opt in spec.options:
        if opt.kind in ("argument", "arguments"):
            continue
        if opt.kind in ("flag", "switch"):
            lines.append([*_required(spec), opt.flags[0]])
            if opt.kind == "switch":
                lines.append([*_required(spec), "--no-" + opt.flags[0][2:]])
            continue
        for flag in opt.flags:
            lines.append([*_required(spec), flag, _sample(opt)])
        lines.append([*_required(spec), f"{opt.flags[0]}={_sample(opt)}"])
        if opt.kind == "many":
            lines.append([*_required(spec), opt.flags[0], "a.toml", opt.flags[-1], "b.toml"])
    return lines


def _typed(opt: Opt, value: Any) -> bool:
    """`value` is what `run` is declared to take for `opt`."""
    if opt.kind in ("flag", "switch"):
        return isinstance(value, bool)
    if opt.kind in ("many", "arguments"):
        return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    if value is None:  # an optional argument not given, or `-o -`
        return not opt.required and (opt.kind == "argument" or opt.dash_is_stdout)
    return isinstance(value, opt.type)


@pytest.mark.parametrize("name", list(TABLE))
def test_every_option_reaches_run_as_the_table_declares_it(name):
    """Each option given by its long flag, its short flag and `--flag=value`: typer hands `run`
    the value converted to the declared type (Path, int, a member of the Enum), `-o -` as None."""
    spec, command = TABLE[name], _click(name)
    for line in _lines(spec):
        given = {a.partition("=")[0] for a in line if a.startswith("-")}
        params = command.make_context("pmpath", list(line)).params
        for opt in spec.options:
            positional = opt.kind in ("argument", "arguments")
            if positional or given & {*opt.flags, "--no-" + opt.flags[0][2:]}:
                assert _typed(opt, params[opt.dest]), (line, opt.dest, params[opt.dest])
    for dash in (o for o in spec.options if o.dash_is_stdout and o.kind == "value"):
        params = command.make_context("pmpath", [*_required(spec), dash.flags[0], "-"]).params
        assert params[dash.dest] is None
