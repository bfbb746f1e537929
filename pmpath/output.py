"""Where the CLI's text goes: data to stdout or an atomic file, messages to stderr."""

from __future__ import annotations

import contextlib
import os
import sys
import typing
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar, overload

from pmpath.render import SUFFIX_FORMATS, OutputFormat

if TYPE_CHECKING:
    from pmpath.errors import Msg
    from pmpath.models import Catalog, Report


def words(message: str | Msg, lang: str) -> str:
    """A message in `lang` (text from a library as it came)."""
    from pmpath.errors import as_msg

    return as_msg(message).text(lang)


def err(message: str | Msg, hint: str | Msg | None = None, *, lang: str) -> None:
    """One line on stderr (plus a hint line); user text inside is shown, never obeyed."""
    from pmpath.errors import Msg
    from pmpath.text import no_commands, visible

    _write_err(no_commands(f"pmpath: {visible(words(message, lang))}\n"))
    if hint:
        _write_err(no_commands(f"{words(Msg('hint_label'), lang)}{visible(words(hint, lang))}\n"))


def _write_err(line: str) -> None:
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr is gone too: the exit code is all that is left to say it


F = TypeVar("F", bound=Enum)


@overload
def resolve_format(fmt: OutputFormat | None, output: Path | None) -> OutputFormat: ...
@overload
def resolve_format(fmt: F | None, output: Path | None, known: dict[str, F]) -> F: ...
def resolve_format(fmt: Any, output: Path | None, known: Any = None) -> Any:
    """--format, else the output file's suffix; an unknown suffix is an error, not plain text
    quietly written into `plan.pdf`."""
    if fmt is not None:
        return fmt
    table: dict[str, Any] = known or SUFFIX_FORMATS
    if output is None:
        kind: type[Enum] = type(next(iter(table.values())))
        return kind["table"]  # every format has a table
    return suffix_format(output, table)


def suffix_format(output: Path, known: dict[str, Any]) -> Any:
    from pmpath.errors import InputError, Msg

    suffix = output.suffix.lower()
    if suffix not in known:
        raise InputError(
            Msg("unknown_suffix", path=output, suffix=suffix or "(none)"),
            hint=Msg("supported", formats=", ".join(known)),
        )
    return known[suffix]


def text_width() -> int:
    """Plain listings (history, progress, packet, evidence): the terminal's width, else the 80
    cells every piped output has (README), whatever COLUMNS says."""
    return console_width(sys.stdout)


def render_text(renderable: Any, width: int = 100) -> str:
    """A rich renderable as plain text, for files: no colour codes, a fixed readable width, no
    space left at the end of a line (rich pads table and panel lines to the width)."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False, legacy_windows=False).print(
        renderable
    )
    return _trim(buffer.getvalue())


def _trim(text: str) -> str:
    import re

    return re.sub(r"[ \t]+(?=\n|$)", "", text)


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Trimmed:
    """A pipe or a file reads no padding: rich pads table and panel lines to the width, which
    leaves spaces at the end of most lines a script or a diff then sees."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return int(self._stream.write(_trim(text)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def emit(payload: Any, output: Path | None = None, force: bool = False, *, lang: str) -> None:
    """Send a rendering to stdout or, atomically, to a file; rich renderables print via a console."""
    if output is not None:
        from pmpath.files import write_atomic

        text = payload if isinstance(payload, str) else render_text(payload)
        write_atomic(output, text, force=force)
        from pmpath.errors import Msg

        err_info(Msg("i_wrote", path=output), lang=lang)
        return
    if isinstance(payload, str):
        say(payload)
        return
    console().print(payload)


def say(text: str) -> None:
    """Text to stdout, with no line a CI log would read as a workflow command."""
    from pmpath.text import no_commands

    sys.stdout.write(no_commands(text))
    sys.stdout.flush()


class _Guarded:
    """Stdout for rich: each print arrives as one write of whole lines, so a line that would
    open with `::` is caught here, whatever table or wrap put it there."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from pmpath.text import no_commands

        return self._stream.write(no_commands(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def show_paged(renderable: Any, *, lang: str) -> None:
    """Through the pager people use ($PAGER, else `less -R`), or printed when it cannot show it.

    A pager that is missing, cannot start or fails (`PAGER=false`) would otherwise take the
    report with it and leave exit 0 behind: then the report is printed here instead, with one
    warning line. Quitting a pager early is its normal exit, not a failure.
    """
    import shutil

    from pmpath.text import no_commands

    # the pager's input too: `PAGER=cat` on a runner with a terminal is a CI log like any other
    text = no_commands(render_text(renderable, width=console_width(sys.stdout)))
    if not os.environ.get("PAGER", "").strip() and shutil.which("less") is None:
        say(text)  # no pager asked for and none there (Windows' own console): just the report
        return
    failure = run_pager(text)
    if failure is not None:
        from pmpath.errors import Msg

        err(Msg("w_pager_failed", why=Msg("lib", text=failure)), lang=lang)
        say(text)


def run_pager(text: str) -> str | None:
    """Feed `text` to the pager; None when it showed it, else what went wrong."""
    import subprocess

    command = os.environ.get("PAGER", "").strip() or "less -R"
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: one screen is just printed; the page stays on quitting
    env.setdefault("LESSCHARSET", "utf-8")  # what is written below, whatever the locale says
    try:
        # Through the shell, as git and pydoc run it: PAGER is a command line (`less -R`, `cat > f`).
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError as exc:
        return f"{command}: {exc.strerror or exc}"
    assert proc.stdin is not None
    try:
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.write(text.encode("utf-8", "replace"))
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
    finally:
        code = _wait(proc)
    return None if code == 0 else f"{command}: exit {code}"


def _wait(proc: Any) -> int:
    """The pager's exit code. Ctrl-C belongs to the pager while it runs (less uses it to stop
    a search), so it does not end pmpath under it, as with git."""
    while True:
        try:
            return int(proc.wait())
        except KeyboardInterrupt:
            continue


def console(stderr: bool = False) -> Any:
    """A console made per command (rich reads the environment when it is created).

    NO_COLOR drops every escape code, not only colours: people set it to get plain text.
    """
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))
    stream = sys.stderr if stderr else sys.stdout
    guarded: Any = _Guarded(stream)
    return Console(
        file=typing.cast(TextIO, guarded if _is_tty(stream) else _Trimmed(guarded)),
        soft_wrap=False,
        stderr=stderr,
        color_system=None if plain else "auto",
        width=console_width(stream),
    )


MIN_WIDTH = 40
"""Below this a table has no room for its columns and rich would drop whole ones, silently:
narrower terminals get lines of 40 cells, which they wrap, and lose nothing."""
PIPE_WIDTH = 80


def console_width(stream: TextIO, piped: int = PIPE_WIDTH) -> int:
    """A terminal's own width (COLUMNS may say it), at least MIN_WIDTH; a pipe or a file always
    gets `piped`, so `COLUMNS` never reshapes what a script or a CI log reads."""
    import shutil

    try:
        if not stream.isatty():
            return piped
    except (AttributeError, ValueError):
        return piped
    return max(MIN_WIDTH, shutil.get_terminal_size((piped, 24)).columns)


def err_info(message: str | Msg, *, lang: str) -> None:
    """A note on stderr. In a terminal it is wrapped to the terminal's width by display cells
    (English at spaces, Chinese between characters; a path is never cut), rather than folded
    by the terminal mid-word ("pmpat" / "h packet"); piped or in a CI log it stays one line."""
    from pmpath.text import no_commands, visible, wrap

    text = visible(words(message, lang))
    width = console_width(sys.stderr, piped=0)
    # a run of spaces (a file name may hold one) is left whole: wrapping would fold it to one
    lines = wrap(text, width, whole=True) if width and "  " not in text else [text]
    _write_err(no_commands("\n".join(lines) + "\n"))  # after the wrap: a fold may open a line


@contextlib.contextmanager
def sink(output: Path | None, force: bool) -> Iterator[TextIO]:
    """Stdout, or a file that appears only once the whole cohort is written."""
    if output is None:
        yield typing.cast(TextIO, _Guarded(sys.stdout))  # each write is whole lines: a row, a person
        sys.stdout.flush()
        return
    from pmpath.files import atomic_writer

    with atomic_writer(output, force=force) as handle:
        yield handle


def render_report(rep: Report, catalog: Catalog, fmt: OutputFormat, lang: str) -> Any:
    import datetime

    from pmpath.render import report_renderer

    return report_renderer(fmt)(rep, catalog, lang=lang, generated=datetime.date.today().isoformat())
