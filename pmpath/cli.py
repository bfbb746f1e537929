"""The command line: parse options, call the core, pick a renderer, write, map errors to exits.

Heavy modules (rich, questionary, pydantic) are imported inside the commands that need them so
`pmpath --help` and a JSON assessment start fast.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from pmpath import __version__
from pmpath._guard import given_lang
from pmpath.boundary import fail, flush_and_exit, on_sigterm_unwind
from pmpath.commands import ROOT, Command, Group, Opt, Shell
from pmpath.errors import Msg
from pmpath.i18n import Language
from pmpath.ids import LEVEL_IDS
from pmpath.output import err


class _Page:
    """Help pages are pmpath's own (pmpath.helppage: the person's language, wrapped by cells);
    typer decides when one is asked for, as it knows which `-h` is an option's value."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from pmpath.helppage import page, width

        path = ctx.command_path.partition(" ")[2]
        formatter.write(page(path, _language(ctx).code, width()))


def _language(ctx: Any) -> Language:
    """The run's language, which `_run` resolved and handed typer as the context's object."""
    found = ctx.find_root().obj
    return found if isinstance(found, Language) else Language.resolve(None)


class _Command(_Page, typer.core.TyperCommand):
    pass


class _Group(_Page, typer.core.TyperGroup):
    pass


app = typer.Typer(
    name="pmpath",
    cls=_Group,
    pretty_exceptions_enable=False,
    add_completion=False,  # pmpath's own two options below: the shell is named, never guessed
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _dash_is_stdout(value: Path | None) -> Path | None:
    """`-o -` is standard output, as in every Unix tool, never a file named `-`."""
    return None if value is not None and str(value) == "-" else value


class _Escaped(BaseException):
    def __init__(self, inner: BaseException) -> None:
        super().__init__(inner)
        self.inner = inner


def _complete_level(ctx: typer.Context, incomplete: str) -> list[str]:
    """Level ids of the ladder in use (--ladder on the line, else $PMPATH_LADDER, else bundled)."""
    try:
        from pmpath.catalog import load_ladder

        ladder = ctx.params.get("ladder") if ctx is not None else None
        ids = [lv.id for lv in load_ladder(ladder).levels]
    except Exception:  # a broken ladder must not break the shell
        ids = list(LEVEL_IDS)
    return [i for i in ids if i.startswith(incomplete)]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"pmpath {__version__}\n")
        raise typer.Exit()


def _completion(ctx: typer.Context, param: typer.CallbackParam, value: Shell | None) -> None:
    """typer's own completion: its scripts and its installer (typer.completion), for the shell
    named. typer would otherwise guess the shell from the processes above pmpath, which finds
    none in a script, a container or a CI step ("Shell  not supported")."""
    if value is None or ctx.resilient_parsing:
        return
    from typer import completion

    act = completion.install_callback if param.name == "install_completion" else completion.show_callback
    act(ctx, param, value.value)


def _root(ctx: typer.Context, **options: Any) -> None:
    """`pmpath` itself: its options act through their callbacks or at the door (ROOT)."""
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        _no_command(ctx)


_ACTIONS: dict[str, Callable[..., None]] = {
    "version": _version,
    "install_completion": _completion,
    "show_completion": _completion,
}
"""The root options that act as soon as typer reads them (before any command runs)."""


def _no_command(ctx: typer.Context) -> NoReturn:
    """`pmpath` (or a group) with no command: its help page, and 2, as a usage error is."""
    sys.stdout.write(ctx.get_help() + "\n")
    raise typer.Exit(2)


# ------------------------------------------------------------------ commands, from pmpath.commands


def _parameter(opt: Opt, action: Callable[..., None] | None = None) -> inspect.Parameter:
    """One option of the command table as typer reads a parameter: a type and its Option."""
    kind = opt.kind
    if kind == "flag":
        shape: Any = bool
    elif kind == "switch":
        shape = bool | None
    elif kind in ("many", "arguments"):
        shape = list[str] if kind == "arguments" else list[str] | None
    else:
        shape = opt.type if opt.default is not None else opt.type | None
    extra: dict[str, Any] = {}
    if opt.metavar:
        extra["metavar"] = opt.metavar
    if kind in ("argument", "arguments"):
        info: Any = typer.Argument(**extra)
    else:
        if opt.envvar:
            extra |= {"envvar": opt.envvar, "show_envvar": False}
        if opt.minimum is not None:
            extra["min"] = opt.minimum
        if opt.dash_is_stdout:
            extra["callback"] = _dash_is_stdout
        if opt.complete == "level":
            extra["autocompletion"] = _complete_level
        if action is not None:
            extra |= {"callback": action, "is_eager": True}
        names = (f"{opt.flags[0]}/--no-{opt.flags[0][2:]}",) if kind == "switch" else opt.flags
        info = typer.Option(*names, **extra)
    default = inspect.Parameter.empty if opt.default is ... else opt.default
    return inspect.Parameter(
        opt.dest, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[shape, info]
    )


def _shim(spec: Command, group: bool = False) -> Callable[..., None]:
    """A typer command over a table entry: typer parses, `run` works, its code is the exit.

    Typer (like click) turns KeyboardInterrupt into a silent 130 and a broken pipe into exit 1 --
    the gate code -- before `run` could see them. Wrapped in `_Escaped`, a BaseException typer
    does not catch, they reach pmpath's own boundary intact.
    """

    def shim(ctx: typer.Context, **options: Any) -> None:
        if group and ctx.invoked_subcommand is not None:
            return
        if "lang" in options:  # typer checked the value; the door resolved it, wherever it sat
            options["lang"] = _language(ctx)
        try:
            code = spec.run(**options)
        except (KeyboardInterrupt, OSError, UnicodeError, MemoryError) as exc:
            raise _Escaped(exc) from exc
        if code:
            raise typer.Exit(code)

    context = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
    params = [context, *(_parameter(opt) for opt in spec.options)]
    # typer reads a command's options from its signature: this one is the table's
    shim.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    shim.__annotations__ = {p.name: p.annotation for p in params}
    shim.__name__ = spec.name.replace(" ", "_")
    return shim


def _group(group: Group, alone: Command | None) -> typer.Typer:
    """A command with subcommands (`history show`, `ladder check`); `alone` runs when none is
    named (`pmpath history` lists the runs), else the group shows its help."""
    sub = typer.Typer(
        cls=_Group,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )
    if alone is not None:
        sub.callback(cls=_Group, invoke_without_command=True)(_shim(alone, group=True))
    else:
        sub.callback(cls=_Group, invoke_without_command=True)(_help_when_alone)
    app.add_typer(sub, name=group.name)
    return sub


def _help_when_alone(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        _no_command(ctx)


def _register() -> None:
    """pmpath's own options, then typer's commands in the table's order (the order `pmpath
    --help` lists them)."""
    from pmpath.commands import groups, table

    root = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    root += [_parameter(opt, _ACTIONS.get(opt.dest)) for opt in ROOT]
    _root.__signature__ = inspect.Signature(root)  # type: ignore[attr-defined]
    _root.__annotations__ = {p.name: p.annotation for p in root}
    app.callback(invoke_without_command=True)(_root)

    commands, known = table(), groups()
    subs: dict[str, typer.Typer] = {}
    for name, spec in commands.items():
        head, _, word = name.partition(" ")
        if head not in known:
            app.command(name, cls=_Command)(_shim(spec))
            continue
        if head not in subs:
            subs[head] = _group(known[head], commands.get(head))
        if word:
            subs[head].command(word, cls=_Command)(_shim(spec))


_register()
# typer's completion scripts speak typer's protocol, which typer registers when it builds its own
# completion options; pmpath builds its own two, so it asks typer for them and keeps the protocol.
typer.completion.get_completion_inspect_parameters()


# ------------------------------------------------------------------ the boundary


def run(args: list[str] | None = None) -> NoReturn:
    """The one place that turns failures into messages and exit codes."""
    _run(args)


def _run(args: list[str] | None) -> NoReturn:
    argv = sys.argv[1:] if args is None else args
    # The language is resolved once, here, from the line as given: even a line typer refuses is
    # answered in it. typer still checks the value (`--lang fr` is a usage error).
    lang = Language.resolve(given_lang(argv))
    debug = "--debug" in argv or bool(os.environ.get("PMPATH_DEBUG"))
    on_sigterm_unwind()
    try:
        try:
            code = app(args=argv, prog_name="pmpath", standalone_mode=False, obj=lang)
        except _Escaped as escaped:
            raise escaped.inner from None
        except SystemExit as typer_exit:
            # typer's own handler for a broken pipe outside a command: sys.exit(1), the gate code.
            if typer_exit.code == 1:
                raise BrokenPipeError from None
            raise
        if code == 130:  # Ctrl-C outside a command (while typer parsed): typer's silent 130
            raise KeyboardInterrupt
    except (typer.Abort, typer.TyperException) as exc:
        _usage_error(exc, lang.code)
    except Exception as exc:
        fail(exc, debug, lang.code)
    except BaseException as exc:  # Ctrl-C, SIGTERM: one line and their own exit codes
        if isinstance(exc, SystemExit):
            raise
        fail(exc, debug, lang.code)
    flush_and_exit(code if isinstance(code, int) else 0, lang.code)


def _usage_error(exc: typer.Abort | typer.TyperException, lang: str) -> NoReturn:
    """typer's (click's) word on a command line it could not take, in pmpath's one-line form."""
    if isinstance(exc, typer.Abort):
        interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
        err(Msg("e_interrupted" if interrupted else "e_aborted"), lang=lang)
        raise SystemExit(130 if interrupted else 2)
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "pmpath"
    said = " ".join(exc.format_message().split()).replace("Value error, ", "")  # pydantic's prefix
    err(Msg("lib", text=said), Msg("h_see_help", command=command), lang=lang)
    raise SystemExit(exc.exit_code if isinstance(exc.exit_code, int) else 2)
