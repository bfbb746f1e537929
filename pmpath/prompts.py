"""The one adapter to questionary: asks the questionnaire's questions in a real terminal."""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import questionary
from prompt_toolkit.output import Output

from pmpath.errors import Interrupted, Msg, NoTerminalError
from pmpath.i18n import T
from pmpath.questionnaire import Choice, Question, check_text, convert
from pmpath.text import cells, clip, visible, wrap
from pmpath.typeset import marks

NO_TERMINAL_HINT = Msg("no_terminal_hint")


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


BACK = object()
"""What a prompt returns when the person asks to go back one question (Ctrl-B or PgUp)."""


def _width() -> int:
    return max(20, shutil.get_terminal_size().columns)


def _stream() -> Any:
    """Where the prompts draw, so the echo lines and section titles go to the same place."""
    try:
        return sys.stdout if sys.stdout.isatty() else sys.stderr
    except (AttributeError, ValueError):
        return sys.stderr


def _lines(text: str, first: str, indent: str) -> str:
    """A choice or header wrapped by display width; the first line follows questionary's own
    prefix (pointer and `1) `), so it is measured as if `first` stood before it."""
    wrapped = wrap(text, _width() - 1, indent=indent, first=first)
    return "\n".join([wrapped[0][len(first) :], *wrapped[1:]])


def _with_back(question: Any) -> Any:
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    keys = KeyBindings()

    @keys.add("c-b", eager=True)
    @keys.add("pageup", eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=BACK)

    app = question.application
    app.key_bindings = merge_key_bindings([keys, app.key_bindings])
    return question


def _build(q: Question, lang: str, output: Output | None, current: Any = None) -> Any:
    """The questionary prompt for one question: a one-line message (a longer one would leave a
    fragment when prompt_toolkit redraws it), the rest shown inside the prompt, all erased once
    answered, so that only the echo line we print stays."""
    kwargs: dict[str, Any] = {"qmark": "?", "erase_when_done": True}
    if output is not None:
        kwargs["output"] = output
    message = clip(q.message, _width() - 3)
    if q.kind == "select":
        # questionary puts three spaces before a separator's first line only
        header = "\n   ".join(_lines(part, "   ", "   ") for part in (q.header, q.instruction) if part)
        choices: list[Any] = [questionary.Separator(header)]
        choices += [
            questionary.Choice(
                _lines(c.title, " " * 6, " " * 6),
                value=c.value,
                shortcut_key=str(c.value) if isinstance(c.value, int) else str(n),
            )
            for n, c in enumerate(q.choices, 1)
        ]
        return questionary.select(
            message,
            choices=choices,
            instruction=" ",  # an empty one would bring back questionary's English default
            use_shortcuts=True,
            default=next((c for c in choices[1:] if c.value == _opening(q, current)), None),
            **kwargs,
        )
    if q.kind == "checkbox":
        checked = set(current or ())
        pad = " " * 5
        message, instruction = glossed(
            q.message, clip(q.instruction, max(0, _width() - 4 - cells(q.message)))
        )
        return questionary.checkbox(
            clip(message, _width() - 3),
            choices=[
                questionary.Choice(_lines(c.title, pad, pad), value=c.value, checked=c.value in checked)
                for c in q.choices
            ],
            instruction=instruction,
            **kwargs,
        )
    default = q.default if current is None else str(current)
    return questionary.text(
        message,
        default=default,
        validate=lambda raw: check_text(q, raw, lang) or True,
        **kwargs,
    )


def _opening(q: Question, current: Any) -> Any:
    """The choice a select opens on: the answer given (or the last run's), else the question's
    default (an optional one's "not sure", so Enter alone skips it)."""
    return current if current is not None else (q.default or None)


def answer_text(q: Question, value: Any, lang: str) -> str:
    """An answer as the echo line and the review list show it."""
    if q.kind == "select":
        title = next((c.title for c in q.choices if c.value == value), "")
        return f"{value} · {title}" if isinstance(value, int) else title  # a rating, or a word choice
    if q.kind == "checkbox":
        names = [c.title for c in q.choices if c.value in (value or ())]
        return T("list_sep", lang=lang).join(names) or T("q_none", lang=lang)
    text = str(value)
    return text if text else "-"


def echo_line(q: Question, value: Any, lang: str) -> str:
    """The one line an answered question leaves: what was asked, and the answer."""
    sep = marks(lang).colon
    return clip(f"✔ {visible(q.label or q.message)}{sep}{visible(answer_text(q, value, lang))}", _width() - 1)


def _ask_one(q: Question, lang: str, output: Output | None, current: Any = None) -> Any:
    return _with_back(_build(q, lang, output, current)).unsafe_ask()


@contextlib.contextmanager
def _keeping(values: dict[str, Any], lang: str) -> Iterator[None]:
    """Ctrl-C carries the answers so far out to be saved; end of input is no terminal after all."""
    try:
        yield
    except KeyboardInterrupt:
        raise QuestionnaireInterrupted(values) from None
    except EOFError:
        raise NoTerminalError(T("stdin_closed", lang=lang), hint=NO_TERMINAL_HINT) from None


class _Screen:
    """The lines printed for each answered question (its section title and its echo), so going
    back can take exactly those away again."""

    def __init__(self) -> None:
        self.stream = _stream()
        self.printed: list[int] = []

    def show(self, lines: list[str]) -> None:
        if lines:
            self.stream.write("".join(f"{line}\n" for line in lines))
            self.stream.flush()

    def erase(self, count: int) -> None:
        if count:
            self.stream.write(f"\x1b[{count}A\x1b[J")
            self.stream.flush()

    def undo(self) -> None:
        if self.printed:
            self.erase(self.printed.pop())


def ask(
    questions: tuple[Question, ...],
    answered: dict[str, Any] | None = None,
    lang: str = "en",
    previous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Ask every question not yet answered; return all answers as flat `table.field` values.

    A question opens on `previous` (the last run's answers, `assess --from-last`): Enter keeps
    it. Ctrl-B (or PgUp) goes back one question, opening on the answer given there, answered
    (resumed) ones included. Ctrl-C raises QuestionnaireInterrupted with the answers so far; end
    of input (no terminal after all) raises NoTerminalError rather than questionary's silent
    defaults.
    """
    values = dict(answered or {})
    opening = dict(previous or {})
    kept = set(values)  # answered before this run: passed over, unless Ctrl-B goes back to one
    output = prompt_output()
    screen = _Screen()
    section = None  # of the last question answered: a new one gets its title first
    pos = _next_open(questions, 0, kept)
    while pos < len(questions):
        q = questions[pos]
        title = ["", clip(f"── {q.section} ──", _width() - 1)] if q.section != section else []
        screen.show(title)
        with _keeping(values, lang):
            raw = _ask_one(q, lang, output, values.get(q.key, opening.get(q.key)))
        if raw is BACK:
            screen.erase(len(title))
            if pos > 0:
                pos -= 1
                back = questions[pos].key
                kept.discard(back)
                if back in values:
                    opening[back] = values.pop(back)
                screen.undo()
                section = questions[pos - 1].section if pos > 0 else None
            continue
        values[q.key] = convert(q, raw)
        screen.show([echo_line(q, values[q.key], lang)])
        screen.printed.append(len(title) + 1)
        section = q.section
        pos = _next_open(questions, pos + 1, kept)
    return values


def _next_open(questions: tuple[Question, ...], start: int, kept: set[str]) -> int:
    """The first question from `start` on that was not answered before this run."""
    while start < len(questions) and questions[start].key in kept:
        start += 1
    return start


def _review_line(q: Question, value: Any, lang: str) -> str:
    sep = marks(lang).colon
    return clip(f"{visible(q.label)}{sep}{visible(answer_text(q, value, lang))}", _width() - 6)


def review(
    questions: tuple[Question, ...],
    values: dict[str, Any],
    lang: str,
    done: str = "q_review_ok",
    heading: str = "q_review",
) -> dict[str, Any]:
    """Every answer in one list before the placement, with the chance to change any one; the
    heading and the first choice (`done`) say what comes next: the report, or a saved review
    (a rater gets no report)."""
    values = dict(values)
    output = prompt_output()
    stream = _stream()
    while True:
        kwargs: dict[str, Any] = {"qmark": "?", "erase_when_done": True}
        if output is not None:
            kwargs["output"] = output
        choices = [questionary.Choice(T(done, lang=lang), value="")]
        choices += [
            questionary.Choice(
                _review_line(q, values.get(q.key), lang),
                value=q.key,
            )
            for q in questions
        ]
        with _keeping(values, lang):
            chosen = questionary.select(
                clip(T(heading, lang=lang), _width() - 3),
                choices=choices,
                instruction=" ",
                **kwargs,
            ).unsafe_ask()
        if not chosen:
            return values
        q = next(q for q in questions if q.key == chosen)
        with _keeping(values, lang):
            raw = _ask_one(q, lang, output, values.get(q.key))
        if raw is not BACK:
            values[q.key] = convert(q, raw)
            stream.write(echo_line(q, values[q.key], lang) + "\n")
            stream.flush()


def _gloss_joint(instruction: str) -> str:
    """What goes between a question and its instruction: Chinese sets a full-width bracket
    against the text it glosses ("保留原答案（Y 是 / n 否）"), English leaves a space."""
    return "" if instruction.startswith("（") else " "


def glossed(message: str, instruction: str) -> tuple[str, str]:
    """The question and its instruction as questionary should get them: it always puts a space
    between the two, so a Chinese gloss joins the question and questionary gets a blank
    instruction (an empty one would bring back its English default)."""
    if _gloss_joint(instruction):
        return message, instruction
    return message + instruction, " "


def fitted(message: str, instruction: str) -> str:
    """A question and its instruction as one text, wrapped at words to the terminal (Chinese
    between characters), the instruction never split: prompt_toolkit folds a prompt wherever
    the screen ends, which cut "(Y/n)" into "(Y" and "/n)" at 80 columns. questionary writes
    the "? " itself, and then nothing for the instruction (it is a blank one)."""
    text = message + _gloss_joint(instruction) + instruction
    return "\n".join(wrap(text, _width() - 1, indent="  ", first="? ", whole=True))[2:]


def confirm(message: str, default: bool = True, lang: str = "en") -> bool:
    """Yes or no, in the person's language; the answer stays as one line in that language too."""
    kwargs: dict[str, Any] = {"erase_when_done": True}
    output = prompt_output()
    if output is not None:
        kwargs["output"] = output
    asked = fitted(message, T("yes_no_default_yes" if default else "yes_no_default_no", lang=lang))
    try:
        answer = bool(questionary.confirm(asked, default=default, instruction=" ", **kwargs).unsafe_ask())
    except EOFError:
        raise NoTerminalError(T("stdin_closed", lang=lang), hint=NO_TERMINAL_HINT) from None
    stream = _stream()
    stream.write(clip(f"✔ {message} {T('yes' if answer else 'no', lang=lang)}", _width() - 1) + "\n")
    stream.flush()
    return answer


def pick(
    message: str,
    choices: list[tuple[str, str, str]],
    ticked: set[str],
    lang: str,
    label: str,
    instruction: str,
) -> list[str]:
    """Some of several (value, title, short name) choices, `ticked` ones ticked to start with;
    the answer stays as one line: the label and the short names of those picked."""
    question = Question(
        "pick",
        "checkbox",
        message,
        "",
        instruction=instruction,
        choices=tuple(Choice(title, value) for value, title, _ in choices),
        label=label,
    )
    try:
        answer = set(_build(question, lang, prompt_output(), sorted(ticked)).unsafe_ask() or ())
    except EOFError:
        raise NoTerminalError(T("stdin_closed", lang=lang), hint=NO_TERMINAL_HINT) from None
    picked = [(value, short) for value, _, short in choices if value in answer]
    named = Question(
        "pick", "checkbox", message, "", choices=tuple(Choice(s, v) for v, s in picked), label=label
    )
    stream = _stream()
    stream.write(echo_line(named, answer, lang) + "\n")
    stream.flush()
    return [value for value, _ in picked]


def ask_line(message: str, lang: str, problem: Any) -> str:
    """One line of free text, empty (Enter alone) to skip; `problem(text)` says what is wrong
    with a text, shown under the prompt until it is fixed, or None."""
    kwargs: dict[str, Any] = {}
    output = prompt_output()
    if output is not None:
        kwargs["output"] = output

    def valid(text: str) -> bool | str:
        said = problem(text) if text.strip() else None
        return True if said is None else str(said)

    try:
        answer = questionary.text(
            fitted(message, T("enter_to_skip", lang=lang)), validate=valid, **kwargs
        ).unsafe_ask()
    except EOFError:
        raise NoTerminalError(Msg("stdin_closed"), hint=NO_TERMINAL_HINT) from None
    return str(answer).strip()


def ask_path(message: str, default: str, lang: str = "en", suffixes: tuple[str, ...] = ()) -> str:
    """A file name; with `suffixes`, only one ending in one of them (the format follows it).

    The default is shown dimmed in the empty field and taken by Enter: typing a name replaces
    it. (Written into the field, a typed `plan.html` became `pmpath-plan.mdplan.html`.)
    """
    from prompt_toolkit.formatted_text import FormattedText

    kwargs: dict[str, Any] = {
        "placeholder": FormattedText([("class:placeholder fg:ansibrightblack", default)])
    }
    output = prompt_output()
    if output is not None:
        kwargs["output"] = output
    needed = T("file_name_needed", lang=lang)
    endings = T("file_suffix_needed", lang=lang, suffixes=" ".join(suffixes))

    def valid(text: str) -> bool | str:
        name = text.strip() or default
        if not name:
            return needed
        if suffixes and not name.lower().endswith(suffixes):
            return endings
        return True

    try:
        answer = questionary.path(message, validate=valid, **kwargs).unsafe_ask()
    except EOFError:
        raise NoTerminalError(Msg("stdin_closed"), hint=NO_TERMINAL_HINT) from None
    return str(answer).strip() or default


def choose_one(message: str, choices: list[tuple[str, Any]], lang: str) -> Any:
    """One of several (title, value) choices, the first highlighted."""
    kwargs: dict[str, Any] = {"qmark": "?"}
    output = prompt_output()
    if output is not None:
        kwargs["output"] = output
    options = [questionary.Choice(title, value=value) for title, value in choices]
    try:
        return questionary.select(message, choices=options, **kwargs).unsafe_ask()
    except EOFError:
        raise NoTerminalError(T("stdin_closed", lang=lang), hint=NO_TERMINAL_HINT) from None


def choose_slot(slots: list[Any], lang: str) -> Any:
    """Several interrupted questionnaires are kept side by side: ask which to continue."""
    kwargs: dict[str, Any] = {"qmark": "?"}
    output = prompt_output()
    if output is not None:
        kwargs["output"] = output
    choices = [
        questionary.Choice(
            T(
                "slot_title",
                lang=lang,
                name=visible(s.name) or T("unnamed", lang=lang),
                answered=s.answered,
                total=s.total or s.answered,
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
