"""The interactive session around the questionnaire: resume file, saving answers, exporting.

Lives apart from cli.py so the commands stay thin; only pmpath.prompts touches questionary.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmpath.errors import InputError, Interrupted, NoTerminalError
from pmpath.output import err_info, render_report
from pmpath.render import OutputFormat

if TYPE_CHECKING:
    from pmpath.models import Answers, Catalog, Report


def resume_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("pmpath", appauthor=False) / "resume.toml"


def save_resume(values: dict[str, Any]) -> Path:
    from pmpath.answers import dumps_toml
    from pmpath.files import write_atomic
    from pmpath.questionnaire import to_data

    path = resume_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# pmpath: answers saved when the questionnaire was interrupted.\n"
        "# Continue with: pmpath assess --resume\n\n"
    )
    write_atomic(path, dumps_toml(to_data(values), header), force=True)
    return path


def questionnaire(catalog: Catalog, lang: str, resume: bool) -> Answers:
    from pmpath.prompts import NO_TERMINAL_HINT, QuestionnaireInterrupted, ask, stdin_is_interactive
    from pmpath.questionnaire import build_questions, from_data, to_data

    if not stdin_is_interactive():
        raise NoTerminalError(
            "the interactive questionnaire needs a terminal (stdin is not one)", hint=NO_TERMINAL_HINT
        )
    questions = build_questions(catalog, lang)
    answered: dict[str, Any] = {}
    resume_file = resume_path()
    if resume:
        if not resume_file.is_file():
            raise InputError(
                f"no interrupted questionnaire to resume ({resume_file} does not exist)",
                hint="Start a new one with: pmpath assess",
            )
        from pmpath.answers import load_raw
        from pmpath.catalog import read_text

        answered = from_data(load_raw(read_text(resume_file), str(resume_file), "toml"), questions)
        err_info(f"Resuming: {len(answered)} of {len(questions)} questions already answered.")
    elif resume_file.is_file():
        err_info(
            f"Note: an interrupted questionnaire is saved in {resume_file}; "
            "`pmpath assess --resume` continues it."
        )

    stream = sys.stdout if sys.stdout.isatty() else sys.stderr

    def section(title: str) -> None:
        stream.write(f"\n── {title} ──\n")
        stream.flush()

    try:
        values = ask(questions, answered, lang, on_section=section)
    except QuestionnaireInterrupted as exc:
        if not exc.values:
            raise Interrupted("interrupted before any question was answered; nothing to save") from None
        path = save_resume(exc.values)
        raise Interrupted(
            f"interrupted: {len(exc.values)} of {len(questions)} answers saved to {path}",
            hint="Continue where you stopped with: pmpath assess --resume",
        ) from None
    from pydantic import ValidationError

    from pmpath.models import Answers
    from pmpath.parsing import validation_error

    try:
        given = Answers.model_validate(to_data(values))
    except ValidationError as exc:
        raise validation_error(exc, str(resume_file), "", "Delete the resume file and start again.") from None
    save_resume(values)  # complete answers stay safe until the user has saved them elsewhere
    return given


def offer_saves(given: Answers, rep: Report, catalog: Catalog, lang: str) -> None:
    """After an interactive run: keep the answers (to re-run or script) and export the plan.

    The complete answers sit in the resume file until this finishes, so Ctrl-C here loses nothing.
    """
    from pmpath.answers import answers_to_data, dumps_toml
    from pmpath.prompts import ask_path, confirm

    try:
        if confirm("Save your answers to a file, to re-run or script this later?"):
            header = "# pmpath answers file: re-run with `pmpath assess --answers <this file>`.\n\n"
            text = dumps_toml(answers_to_data(given, catalog), header)
            _write_interactive(ask_path("Answers file:", "pmpath-answers.toml"), text)
        if confirm("Export your plan to Markdown?"):
            plan = render_report(rep, catalog, OutputFormat.md, lang)
            _write_interactive(ask_path("Plan file:", "pmpath-plan.md"), plan)
    except KeyboardInterrupt:
        raise Interrupted(
            f"interrupted: your complete answers are kept in {resume_path()}",
            hint="See the report again with: pmpath assess --resume",
        ) from None
    resume_path().unlink(missing_ok=True)


def _write_interactive(target: str, text: str) -> None:
    from pmpath.errors import OutputExistsError
    from pmpath.files import write_atomic
    from pmpath.prompts import confirm

    path = Path(target).expanduser()
    try:
        write_atomic(path, text)
    except OutputExistsError:
        if not confirm(f"{path} exists. Overwrite it?", default=False):
            err_info(f"kept the existing {path}")
            return
        write_atomic(path, text, force=True)
    err_info(f"wrote {path}")
