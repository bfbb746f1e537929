"""The one adapter to questionary: asks the questionnaire's questions in a real terminal."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.output import Output

from pmpath.errors import Interrupted, NoTerminalError
from pmpath.i18n import T
from pmpath.questionnaire import Question, check_text, convert
from pmpath.text import visible

NO_TERMINAL_HINT = (
    "Run it in a terminal, or answer from a file: pmpath assess --answers FILE (see pmpath template)."
)


def stdin_is_interactive() -> bool:
    """A pipe nobody writes to would hang questionary forever; only a TTY may be asked."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def prompt_output() -> Output | None:
    """Draw prompts on stderr when stdout is redirected, so `pmpath assess > plan.txt` works."""
    try:
        if not sys.stdout.isatty() and sys.stderr.isatty():
            from prompt_toolkit.output import create_output

            return create_output(stdout=sys.stderr)
    except (AttributeError, ValueError):
        pass
    return None


class QuestionnaireInterrupted(Interrupted):
    """Carries the answers given before Ctrl-C so the caller can save them."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__("interrupted")
        self.values = values


def _wrap(text: str) -> str:
    """Anchors are whole sentences; questionary would cut them at the edge of the terminal.
    Continuation lines are indented under the text, past the pointer and the `1) ` shortcut."""
    width = max(40, shutil.get_terminal_size().columns - 8)
    return textwrap.fill(text, width=width, subsequent_indent=" " * 6)


def _ask_one(q: Question, lang: str, output: Output | None) -> Any:
    kwargs: dict[str, Any] = {"qmark": "?"}
    if output is not None:
        kwargs["output"] = output
    if q.kind == "select":
        return questionary.select(
            q.message,
            choices=[
                questionary.Choice(_wrap(c.title), value=c.value, shortcut_key=str(c.value))
                for c in q.choices
            ],
            instruction=q.instruction,
            use_shortcuts=True,
            **kwargs,
        ).unsafe_ask()
    if q.kind == "checkbox":
        return questionary.checkbox(
            q.message,
            choices=[questionary.Choice(c.title, value=c.value) for c in q.choices],
            instruction=q.instruction,
            **kwargs,
        ).unsafe_ask()
    return questionary.text(
        q.message,
        default=q.default,
        validate=lambda raw: check_text(q, raw, lang) or True,
        **kwargs,
    ).unsafe_ask()


def ask(
    questions: tuple[Question, ...],
    answered: dict[str, Any] | None = None,
    lang: str = "en",
    on_section: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Ask every question not yet answered; return all answers as flat `table.field` values.

    Ctrl-C raises QuestionnaireInterrupted with the answers so far; end of input (no terminal
    after all) raises NoTerminalError rather than questionary's silent defaults.
    """
    values = dict(answered or {})
    output = prompt_output()
    section = None
    for q in questions:
        if q.key in values:
            continue
        if q.section != section and on_section is not None:
            on_section(q.section)
        section = q.section
        try:
            raw = _ask_one(q, lang, output)
        except KeyboardInterrupt:
            raise QuestionnaireInterrupted(values) from None
        except EOFError:
            raise NoTerminalError(
                "standard input closed before the questionnaire ended", hint=NO_TERMINAL_HINT
            ) from None
        values[q.key] = convert(q, raw)
    return values


def confirm(message: str, default: bool = True) -> bool:
    kwargs: dict[str, Any] = {}
    output = prompt_output()
    if output is not None:
        kwargs["output"] = output
    try:
        return bool(questionary.confirm(message, default=default, **kwargs).unsafe_ask())
    except EOFError:
        raise NoTerminalError("standard input closed", hint=NO_TERMINAL_HINT) from None


def ask_path(message: str, default: str, lang: str = "en") -> str:
    kwargs: dict[str, Any] = {}
    output = prompt_output()
    if output is not None:
        kwargs["output"] = output
    needed = T("file_name_needed", lang=lang)
    try:
        answer = questionary.path(
            message, default=default, validate=lambda p: bool(p.strip()) or needed, **kwargs
        ).unsafe_ask()
    except EOFError:
        raise NoTerminalError("standard input closed", hint=NO_TERMINAL_HINT) from None
    return str(answer).strip()


def choose_slot(slots: list[Any], lang: str) -> Any:
    """Several interrupted questionnaires are kept side by side: ask which to continue."""
    kwargs: dict[str, Any] = {"qmark": "?"}
    output = prompt_output()
    if output is not None:
        kwargs["output"] = output
    total = max(s.answered for s in slots)
    choices = [
        questionary.Choice(
            T(
                "slot_title",
                lang=lang,
                name=visible(s.name) or T("unnamed", lang=lang),
                answered=s.answered,
                total=max(total, s.answered),
                saved=s.saved,
            ),
            value=s,
        )
        for s in slots
    ]
    try:
        return questionary.select(T("choose_slot", lang=lang), choices=choices, **kwargs).unsafe_ask()
    except EOFError:
        raise NoTerminalError(T("stdin_closed", lang=lang), hint=NO_TERMINAL_HINT) from None
