"""The one mapping from failures to a message and pmpath's exit code, shared by the door
(pmpath.cli) and the cohort's workers, in the language the door resolved."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from pmpath.errors import Msg, PmpathError, Terminated
from pmpath.output import err

if TYPE_CHECKING:
    from pmpath.models import Catalog, Report


def fail(exc: BaseException, debug: bool, lang: str) -> NoReturn:
    """One line (and a hint) on stderr, then the exit code CONTRACTS.md gives this failure."""
    if isinstance(exc, PmpathError):
        for line in exc.every[:-1]:  # a file with several problems: every one, a line each
            err(line, lang=lang)
        err(exc.every[-1] if exc.every else exc.said, exc.hinted, lang=lang)
        raise SystemExit(exc.exit_code) from None
    if isinstance(exc, KeyboardInterrupt):
        err(Msg("e_interrupted"), lang=lang)
        raise SystemExit(130) from None
    if isinstance(exc, Terminated):
        err(Msg("e_terminated"), lang=lang)
        raise SystemExit(143) from None
    if isinstance(exc, BrokenPipeError):
        quiet_stdout()
        raise SystemExit(0) from None
    if isinstance(exc, OSError):
        # Files pmpath opens are reported with their names as InputError; an OSError without a
        # file name here comes from writing a stream: standard output.
        name: Any = exc.filename if exc.filename else Msg("w_stdout")
        quiet_stdout()
        err(Msg("e_cannot_write", target=name, why=Msg("lib", text=exc.strerror or str(exc))), lang=lang)
        raise SystemExit(2) from None
    if isinstance(exc, UnicodeEncodeError):
        quiet_stdout()
        # in English: the message must be one this encoding can show
        err(Msg("e_encoding", encoding=exc.encoding), Msg("h_encoding"), lang="en")
        raise SystemExit(2) from None
    if isinstance(exc, MemoryError):
        err(Msg("e_out_of_memory"), lang=lang)
        raise SystemExit(2) from None
    if debug:
        raise exc
    err(
        Msg("e_unexpected", kind=type(exc).__name__, text=" ".join(str(exc).split())), Msg("h_bug"), lang=lang
    )
    raise SystemExit(1) from None


def gate(rep: Report, min_level: str | None, catalog: Catalog, lang: str) -> int:
    """--min-level: 1 (and the one line saying why) when the assessed level is below it, else 0."""
    if min_level is None:
        return 0
    from pmpath.scoring import level_at_least

    if level_at_least(rep.level.id, min_level, catalog):
        return 0
    err(Msg("e_gate", level=rep.level.id, minimum=min_level), lang=lang)
    return 1


def flush_and_exit(code: int, lang: str) -> NoReturn:
    """Exit with `code` once stdout is flushed: a full disk at the last byte is still an error."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
    except OSError as exc:
        quiet_stdout()
        err(
            Msg("e_cannot_write", target=Msg("w_stdout"), why=Msg("lib", text=exc.strerror or str(exc))),
            lang=lang,
        )
        raise SystemExit(2) from None
    raise SystemExit(code)


def on_sigterm_unwind() -> None:
    """SIGTERM unwinds like Ctrl-C, so `finally` blocks remove temp files and stop workers."""

    def handler(signum: int, frame: Any) -> None:
        raise Terminated()

    with contextlib.suppress(ValueError):  # not the main thread (an embedding test runner)
        signal.signal(signal.SIGTERM, handler)


def quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush cannot print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
