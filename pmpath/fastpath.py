"""The command lines CI runs most, and the questionnaire a person starts, without typer:
`pmpath assess [--answers FILE] …`,
`pmpath cohort PATH… […]`, `pmpath history […]`, `pmpath progress […]`, and the coach's
`pmpath packet […]`, `pmpath evidence list|add […]`, and `pmpath form […]`.

typer 0.29 coerces every option through a pydantic TypeAdapter, so merely parsing options costs
~60 ms. These lines are parsed here from the same command table typer is built from
(pmpath.commands) and run by the same `run` functions; a line the table's parser does not take
(help, an unknown or repeated option, a value typer must explain) goes to the full CLI, which
says exactly what it always says. Output, history, gate and every failure mean the same as there
(pmpath.boundary); tests/test_commands.py and tests/test_fastpath.py hold the two doors together.
"""

from __future__ import annotations

from typing import Any

FAST = {
    "assess": ("pmpath.commands.assess", "COMMAND"),
    "cohort": ("pmpath.commands.cohort", "COMMAND"),
    "history": ("pmpath.commands.history", "LIST"),
    "progress": ("pmpath.commands.progress", "COMMAND"),
    "packet": ("pmpath.commands.packet", "COMMAND"),
    "evidence list": ("pmpath.commands.evidence", "LIST"),
    "evidence add": ("pmpath.commands.evidence", "ADD"),
    "form": ("pmpath.commands.form", "COMMAND"),
}


def spec(name: str) -> Any:
    """The table entry of a fast command (importing only its own module)."""
    import importlib

    module, attr = FAST[name]
    return getattr(importlib.import_module(module), attr)


def options(name: str, args: list[str]) -> dict[str, Any] | None:
    """What `run` gets for this line, or None for the full CLI."""
    from pmpath.commands import parse

    return parse(spec(name), args)


def run(name: str, args: list[str]) -> None:
    """Run the command and exit, or return at once (nothing done) for the full CLI to run it."""
    opts = options(name, args)
    if opts is None:
        return
    import os

    from pmpath.boundary import fail, flush_and_exit, on_sigterm_unwind

    on_sigterm_unwind()
    try:
        from pmpath.i18n import resolve_lang, set_lang

        lang = opts.get("lang")
        set_lang(resolve_lang(lang.value if lang is not None else None))
        flush_and_exit(spec(name).run(**opts) or 0)
    except SystemExit:
        raise
    except BaseException as exc:
        fail(exc, bool(os.environ.get("PMPATH_DEBUG")))
