"""Expected failures, each carrying the exit code the CLI boundary turns it into, and `Msg`: a
sentence pmpath says, by key, whose words live in the string catalogues (pmpath.i18n)."""

from __future__ import annotations

from typing import Any


class Msg:
    """A message by key and parameters, put into words only when shown, in the language of the
    moment: an error raised deep inside, before anyone knows the language, still reaches the
    person in theirs. A parameter may itself be a Msg (a field's problem inside `file: field:
    … (line N)`); it is put into words in the same language."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str | None = None) -> str:
        from pmpath.i18n import T, library_text

        if self.key == "lib":  # words from a library (tomllib, pydantic, the OS, SQLite)
            return library_text(str(self.params["text"]), lang or "en")
        if self.key == "verbatim":  # already in the person's words (a catalogue text, a name)
            return str(self.params["text"])
        return T(self.key, lang=lang, **{k: _words(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)


def _words(value: Any, lang: str | None) -> Any:
    """A parameter in words: a message in the same language, a list joined as the language
    joins lists (`a, b` / `a、b`), anything else as it is."""
    from pmpath.i18n import T

    if isinstance(value, Msg):
        return value.text(lang)
    if isinstance(value, list | tuple):
        return T("list_sep", lang=lang).join(str(_words(v, lang)) for v in value)
    return value


def as_msg(value: str | Msg) -> Msg:
    """Text from elsewhere (a library's words) as a message shown as it came."""
    return value if isinstance(value, Msg) else Msg("lib", text=value)


class PmpathError(Exception):
    """A failure the user can act on: printed as one line (plus a hint), never a traceback."""

    exit_code = 2

    def __init__(self, message: str | Msg, hint: str | Msg | None = None) -> None:
        self.said = as_msg(message)
        self.hinted = None if hint is None else as_msg(hint)
        self.every: tuple[Msg, ...] = ()
        """Every problem, one line each, where a file has several (an unfilled template): the
        command line says them all at once; one-line places (a cohort's table) keep `said`."""
        super().__init__(str(self.said))

    @property
    def message(self) -> str:
        """The message in English (logs, tests); the person reads `said` in their language."""
        return str(self.said)

    @property
    def hint(self) -> str | None:
        return None if self.hinted is None else str(self.hinted)


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
