"""`pmpath` and `python -m pmpath`: answer --version before importing anything heavy.

On a Python older than pmpath needs, this file is never compiled: importing the package ran
pmpath/_guard.py first, which said so and exited (this file's syntax is 3.11's)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from pmpath import __version__

        raise SystemExit(_say(f"pmpath {__version__}\n"))
    if "-h" in args or "--help" in args:
        from pmpath import helpcache

        page = helpcache.cached(args)
        if page is None:
            from pmpath.helppage import answer

            page = answer(args)  # drawn from the command table: no typer to import
            if page is not None:
                helpcache.keep(args, page)
        if page is not None:
            raise SystemExit(_say(page))
    if _COMPLETION.intersection(args):
        from pmpath.completion import answer

        answer(args)  # exits, unless the line is not a request for a completion script
    # pmpath uses no pydantic plugins; without this pydantic scans every installed package's
    # entry points (importlib.metadata, ~20 ms and growing with the environment) on first use.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    words = 2 if " ".join(args[:2]) in _FAST else 1  # a group's subcommand, `evidence list`
    name = " ".join(args[:words])
    if name in _FAST and not os.environ.get("PMPATH_FULL_CLI"):
        from pmpath import fastpath

        fastpath.run(name, args[words:])  # exits, unless the command line is one for the full CLI
    from pmpath.cli import run

    run(args)


_COMPLETION = frozenset(("--show-completion", "--install-completion"))
"""pmpath.completion.FLAGS, here so that no other command imports even that module."""
_FAST = ("assess", "cohort", "history", "progress", "packet", "evidence list", "evidence add", "form")
"""pmpath.fastpath.FAST's names, here so that no other command imports even that module."""


def _say(text: str) -> int:
    """Write and flush, owning the exit code: `pmpath -V | true` is not an error, a full disk is."""
    if "::" in text:  # the version and help pages never have it: keep their start-up bare
        from pmpath.text import no_commands

        text = no_commands(text)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        code = 0
    except OSError as exc:
        sys.stderr.write(f"pmpath: standard output: cannot write: {exc.strerror or exc}\n")
        code = 2
    else:
        return 0
    try:  # Python flushes stdout again at exit; give it somewhere harmless to go
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return code


if __name__ == "__main__":
    main()
