"""Expected failures, each carrying the exit code the CLI boundary turns it into."""

from __future__ import annotations


class PmpathError(Exception):
    """A failure the user can act on: printed as one line (plus a hint), never a traceback."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(PmpathError):
    """An answers file, data file or option value that cannot be used as given."""


class NoTerminalError(PmpathError):
    """Interactive mode was asked for where nobody can answer (a pipe, /dev/null, CI)."""


class OutputExistsError(PmpathError):
    """Writing would overwrite a file the user did not ask us to replace."""


class Interrupted(PmpathError):
    """Ctrl-C during the questionnaire; the answers so far are already saved."""

    exit_code = 130


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C (temp files removed, workers stopped), exit 143.

    A BaseException so that no `except Exception` on the way can swallow it.
    """
