"""The command line: parse options, call the core, pick a renderer, write, map errors to exits.

Heavy modules (rich, questionary, pydantic) are imported inside the commands that need them so
`pmpath --help` and a JSON assessment start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from pmpath import __version__
from pmpath.errors import InputError, PmpathError
from pmpath.ids import LEVEL_IDS
from pmpath.output import console, emit, err, err_info, render_report, render_text, resolve_format, sink
from pmpath.render import ListFormat, OutputFormat

if TYPE_CHECKING:
    from pmpath.models import Catalog, Report

app = typer.Typer(
    name="pmpath",
    help="Where you stand as a product manager, and your roadmap to Chief Product Officer.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


class Lang(str, Enum):
    en = "en"
    zh = "zh"


LevelId = Enum("LevelId", {lv: lv for lv in LEVEL_IDS}, type=str)  # type: ignore[misc]

LangOpt = Annotated[Lang, typer.Option("--lang", "-l", help="Language of the texts: en or zh (中文).")]
ReportFormatOpt = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", help="table, json or md; default from the --output suffix, else table."),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of stdout (atomically, never half-written)."
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")]
MinLevelOpt = Annotated[
    LevelId | None,  # type: ignore[valid-type]
    typer.Option("--min-level", help="Exit 1 if an assessed level is below this level id (a CI gate)."),
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"pmpath {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a full traceback when something unexpected fails.")
    ] = False,
) -> None:
    """Assess a product manager against a seven-level ladder and plan the path to CPO.

    Exit codes: 0 success, 1 a --min-level gate was not met, 2 usage or input error,
    130 interrupted (answers so far are kept; resume with `pmpath assess --resume`).
    """


# ------------------------------------------------------------------ helpers


def _catalog() -> Catalog:
    from pmpath.catalog import load_catalog

    return load_catalog()


def _gate(rep: Report, min_level: str | None, catalog: Catalog) -> None:
    if min_level is None:
        return
    from pmpath.scoring import level_at_least

    if not level_at_least(rep.level.id, min_level, catalog):
        err(f"gate not met: assessed level {rep.level.id} is below --min-level {min_level}")
        raise typer.Exit(1)


# ------------------------------------------------------------------ assess


@app.command()
def assess(
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE|-",
            help="Answers file (TOML or JSON) or - for stdin; no prompt is shown.",
        ),
    ] = None,
    fmt: ReportFormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    min_level: MinLevelOpt = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted questionnaire where it stopped.")
    ] = False,
    lang: LangOpt = Lang.en,
) -> None:
    """Place yourself on the ladder and get the roadmap to CPO.

    Without --answers an interactive questionnaire asks about your profile and rates each skill
    on a behaviourally anchored 1-5 scale (about five minutes).
    """
    catalog = _catalog()
    if answers is not None:
        if resume:
            raise InputError("--resume continues the interactive questionnaire; it cannot go with --answers")
        from pmpath.answers import read_answers

        given = read_answers(answers, catalog)
        interactive = False
    else:
        from pmpath.interactive import questionnaire

        given = questionnaire(catalog, lang.value, resume)
        interactive = True
    import datetime

    from pmpath.report import build_report

    rep = build_report(given, catalog, datetime.date.today().year)
    chosen = resolve_format(fmt, output)
    emit(render_report(rep, catalog, chosen, lang.value), output, force)
    if interactive:
        from pmpath.interactive import offer_saves

        offer_saves(given, rep, catalog, lang.value)
    _gate(rep, min_level.value if min_level else None, catalog)


# ------------------------------------------------------------------ catalogue listings


def _listing(kind: str, fmt: ListFormat, lang: Lang) -> None:
    from pmpath.render import renderer

    catalog = _catalog()
    if fmt is ListFormat.json:
        emit(renderer(f"pmpath.render.json:{kind}")(catalog))
    else:
        emit(renderer(f"pmpath.render.terminal:{kind}")(catalog, lang=lang.value))


FormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")]


@app.command()
def levels(fmt: FormatOpt = ListFormat.table, lang: LangOpt = Lang.en) -> None:
    """The seven levels from Junior PM to CPO, with years and what each role does."""
    _listing("levels", fmt, lang)


@app.command()
def skills(fmt: FormatOpt = ListFormat.table, lang: LangOpt = Lang.en) -> None:
    """Every skill with its five behavioural anchors (what a 1, 2, 3, 4 or 5 looks like)."""
    _listing("skills", fmt, lang)


@app.command()
def courses(fmt: FormatOpt = ListFormat.table, lang: LangOpt = Lang.en) -> None:
    """Programmes, certificates, degrees and books, with the skills and levels they suit."""
    _listing("courses", fmt, lang)


# ------------------------------------------------------------------ cohort

TABLE_PEOPLE = 200
MD_PEOPLE = 500


@app.command()
def cohort(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...", help="Answer files, directories (searched for .toml/.json), globs."
        ),
    ],
    fmt: ReportFormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    min_level: MinLevelOpt = None,
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going", help="Exit 0/1 even if some files could not be read (they are still reported)."
        ),
    ] = False,
    github_summary: Annotated[
        bool | None,
        typer.Option(
            "--github-summary/--no-github-summary",
            help="Append the Markdown summary to $GITHUB_STEP_SUMMARY (default: when that is set).",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 picks by cohort size and cores.")
    ] = 0,
) -> None:
    """Assess a whole cohort from answer files: per person and for the group.

    A file that cannot be read or validated never stops the cohort: it is reported on stderr
    and in the summary, the rest is assessed, and the exit code is 2 at the end unless
    --keep-going is given. Otherwise the exit code is 1 when --min-level is not met by everyone.
    """
    import datetime

    from pmpath.batch import assess_all, count, expand
    from pmpath.cohort import CohortTally, ErrorRow, PersonRow

    catalog = _catalog()
    gate = min_level.value if min_level else None
    summary_path = _github_summary_path(github_summary)
    items = expand(paths)
    chosen = resolve_format(fmt, output)
    tally = CohortTally(catalog, gate)
    errors: list[ErrorRow] = []
    sample: list[PersonRow] = []
    keep = MD_PEOPLE if chosen is OutputFormat.md or summary_path else TABLE_PEOPLE
    render = None
    if chosen is OutputFormat.json:
        from pmpath.render.json import cohort_person as render
    batches = _with_progress(assess_all(items, catalog, gate, jobs, render), lambda: count(expand(paths)))
    with sink(output, force) as handle:
        if chosen is OutputFormat.json:
            from pmpath.render.json import COHORT_HEAD

            handle.write(COHORT_HEAD)
        separator = "\n    "
        for batch in batches:
            tally.merge(batch.tally)
            if batch.rendered:
                handle.write(separator + ",\n    ".join(batch.rendered))
                separator = ",\n    "
            for row in batch.rows:
                if isinstance(row, ErrorRow):
                    errors.append(row)
                    err(row.message)
                elif len(sample) < keep:
                    sample.append(row)
        summary = tally.summary()
        today = datetime.date.today().isoformat()
        if chosen is OutputFormat.json:
            from pmpath.render.json import cohort_tail

            handle.write(cohort_tail(errors, summary))
        elif chosen is OutputFormat.md:
            from pmpath.render.markdown import cohort as md_cohort

            handle.write(md_cohort(summary, sample, errors, catalog, generated=today))
        else:
            from pmpath.render.terminal import cohort as table_cohort

            shown = sample[:TABLE_PEOPLE]
            renderable = table_cohort(summary, shown, errors, catalog)
            if output is None:
                console().print(renderable)
            else:
                handle.write(render_text(renderable))
    if output is not None:
        err_info(f"wrote {output}")
    if summary_path is not None:
        from pmpath.render.markdown import cohort as md_cohort

        _append(summary_path, md_cohort(summary, sample, errors, catalog, generated=today))
    if errors and not keep_going:
        err(f"{len(errors)} file(s) could not be assessed; see above", "Use --keep-going to exit 0/1 anyway.")
        raise typer.Exit(2)
    if gate and summary.below_min_level:
        err(f"gate not met: {summary.below_min_level} of {summary.people} below --min-level {gate}")
        raise typer.Exit(1)


def _github_summary_path(flag: bool | None) -> Path | None:
    env = os.environ.get("GITHUB_STEP_SUMMARY")
    if flag is False or (flag is None and not env):
        return None
    if not env:
        raise InputError(
            "--github-summary needs the GITHUB_STEP_SUMMARY environment variable (set by GitHub Actions)"
        )
    return Path(env)


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError as exc:
        raise InputError(f"{path}: cannot append the job summary: {exc.strerror or exc}") from None


def _with_progress(rows: Iterator[Any], total_of: Callable[[], int]) -> Iterator[Any]:
    """A progress bar on stderr for people watching a large cohort; silent in CI and in pipes.

    Paths stream, so the total is counted by a second, storage-free walk, only when shown.
    """
    if os.environ.get("CI") or not sys.stderr.isatty() or (total := total_of()) < 100:
        yield from rows
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("Assessing", total=total)
        for batch in rows:
            progress.advance(task, len(batch.rows))
            yield batch


class SchemaKind(str, Enum):
    answers = "answers"
    report = "report"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="answers (the input file) or report (the JSON output).")],
) -> None:
    """Print the JSON Schema of the answers file or of the JSON report."""
    from pmpath.render.json import dumps
    from pmpath.render.schema import answers_schema, report_schema

    emit(dumps(answers_schema(_catalog()) if kind is SchemaKind.answers else report_schema()))


@app.command()
def template(
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = Lang.en,
) -> None:
    """An answers file to fill in by hand: every skill with its five anchors as comments."""
    from pmpath.render.template import answers_template

    emit(answers_template(_catalog(), lang.value), output, force)


# ------------------------------------------------------------------ the boundary


def run(args: list[str] | None = None) -> NoReturn:
    """The one place that turns failures into messages and exit codes."""
    argv = sys.argv[1:] if args is None else args
    debug = "--debug" in argv or bool(os.environ.get("PMPATH_DEBUG"))
    try:
        code = app(args=argv, prog_name="pmpath", standalone_mode=False)
    except PmpathError as exc:
        err(exc.message, exc.hint)
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        err("interrupted")
        raise SystemExit(130) from None
    except BrokenPipeError:
        # `pmpath ... | head`: the reader left; say nothing and don't let Python complain at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0) from None
    except Exception as exc:
        if _is_click_error(exc):
            _usage_error(exc)
        if debug:
            raise
        err(
            f"unexpected error: {type(exc).__name__}: {' '.join(str(exc).split())}",
            "This is a bug in pmpath; re-run with --debug to see the traceback, and report it.",
        )
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)


def _is_click_error(exc: BaseException) -> bool:
    """Typer vendors click, so match click's exceptions by shape rather than by class."""
    return type(exc).__name__ == "Abort" or (hasattr(exc, "format_message") and hasattr(exc, "exit_code"))


def _usage_error(exc: Any) -> NoReturn:
    if type(exc).__name__ == "Abort":
        interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
        err("interrupted" if interrupted else "aborted: no input")
        raise SystemExit(130 if interrupted else 2)
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise SystemExit(2)
    command = getattr(ctx, "command_path", "pmpath") if ctx is not None else "pmpath"
    err(" ".join(exc.format_message().split()), f"Run `{command} --help` to see the options.")
    raise SystemExit(exc.exit_code if isinstance(exc.exit_code, int) else 2)
