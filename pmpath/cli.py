"""The command line: parse options, call the core, pick a renderer, write, map errors to exits.

Heavy modules (rich, questionary, pydantic) are imported inside the commands that need them so
`pmpath --help` and a JSON assessment start fast.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from pmpath import __version__
from pmpath.boundary import fail, flush_and_exit, on_sigterm_unwind
from pmpath.boundary import gate as boundary_gate
from pmpath.errors import InputError
from pmpath.ids import LEVEL_IDS
from pmpath.output import (
    emit,
    err,
    err_info,
    render_report,
    resolve_format,
    show_paged,
)
from pmpath.render import ListFormat, OutputFormat

if TYPE_CHECKING:
    from pmpath.models import Catalog

app = typer.Typer(
    name="pmpath",
    help="Where you stand as a product manager, and your roadmap to Chief Product Officer.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _plain_argument_help() -> None:
    """typer prints `PATH <list[str]>` for a list argument even when it has a metavar; a person
    reads `PATH...` better. Only the help text changes."""
    from typer import core

    shown = getattr(core.TyperArgument, "display_type_rich", None)
    named = getattr(core.TyperArgument, "_rich_display_name", None)
    if shown is None or named is None:
        return  # an older typer draws arguments its own way

    def display_type_rich(self: Any, ctx: Any) -> Any:
        return None if self.metavar else shown(self, ctx)

    def rich_display_name(self: Any) -> Any:
        name = named(self)
        return f"{name}..." if self.metavar and self.nargs != 1 and not name.endswith("...") else name

    core.TyperArgument.display_type_rich = display_type_rich  # type: ignore[method-assign]
    core.TyperArgument._rich_display_name = rich_display_name  # type: ignore[method-assign]


_plain_argument_help()


def _dash_is_stdout(value: Path | None) -> Path | None:
    """`-o -` is standard output, as in every Unix tool, never a file named `-`."""
    return None if value is not None and str(value) == "-" else value


def command(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
    """`app.command`, with the command's failures kept for pmpath's own boundary.

    Typer (like click) turns KeyboardInterrupt into a silent 130 and a broken pipe into exit 1 --
    the gate code -- before `run` could see them. Wrapped in `_Escaped`, a BaseException typer
    does not catch, they reach `run` intact.
    """

    def register(fn: Callable[..., Any]) -> Any:
        return app.command(*args, **kwargs)(guard(fn))

    return register


def guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Keep a command's KeyboardInterrupt, OSError and encoding failures for `run` (see above);
    used directly on the sub-app's commands."""

    @functools.wraps(fn)
    def guarded(*a: Any, **k: Any) -> Any:
        try:
            return fn(*a, **k)
        except (KeyboardInterrupt, OSError, UnicodeError, MemoryError) as exc:
            raise _Escaped(exc) from exc

    return guarded


class _Escaped(BaseException):
    def __init__(self, inner: BaseException) -> None:
        super().__init__(inner)
        self.inner = inner


class Lang(str, Enum):
    en = "en"
    zh = "zh"


def _complete_level(ctx: typer.Context, incomplete: str) -> list[str]:
    """Level ids of the ladder in use (--ladder on the line, else $PMPATH_LADDER, else bundled)."""
    try:
        from pmpath.catalog import load_ladder

        ladder = ctx.params.get("ladder") if ctx is not None else None
        ids = [lv.id for lv in load_ladder(ladder).levels]
    except Exception:  # a broken ladder must not break the shell
        ids = list(LEVEL_IDS)
    return [i for i in ids if i.startswith(incomplete)]


LadderOpt = Annotated[
    Path | None,
    typer.Option(
        "--ladder",
        metavar="DIR",
        envvar="PMPATH_LADDER",
        show_envvar=False,
        help="Your own ladder: a directory with levels.toml and courses.toml (or $PMPATH_LADDER).",
    ),
]

LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", "-l", help="en or zh (中文); default: $PMPATH_LANG, else a zh_* locale, else en."),
]


def _lang(option: Lang | None) -> str:
    from pmpath.i18n import resolve_lang

    return resolve_lang(option.value if option else None)


ReportFormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format", "-f", help="table, json, md or html; default from the --output suffix, else table."
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically, never half-written); - is stdout.",
        callback=_dash_is_stdout,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")]
MinLevelOpt = Annotated[
    str | None,
    typer.Option(
        "--min-level",
        metavar="LEVEL",
        help="Exit 1 if an assessed level is below this level id (a CI gate): "
        + ", ".join(LEVEL_IDS)
        + ", or your ladder's ids.",
        autocompletion=_complete_level,
    ),
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


def _catalog(ladder: Path | None = None) -> Catalog:
    from pmpath.catalog import load_ladder

    return load_ladder(ladder)


def _level_id(value: str | None, catalog: Catalog) -> str | None:
    from pmpath.catalog import level_id

    return level_id(value, catalog)


def _paged() -> bool:
    """A person at a terminal reads a long report in a pager; a pipe or a file never gets one."""
    try:
        return sys.stdout.isatty() and sys.stdin.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


# ------------------------------------------------------------------ assess


@command(short_help="Place yourself and plan the road to CPO.")
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
    lang: LangOpt = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Print the whole report; no pager in a terminal.")
    ] = False,
    no_history: Annotated[
        bool, typer.Option("--no-history", help="Do not record this run in the local history.")
    ] = False,
    review: Annotated[
        list[str] | None,
        typer.Option(
            "--review",
            "-r",
            metavar="FILE",
            help="A 360 review of you (pmpath review writes one); repeat for each reviewer.",
        ),
    ] = None,
    ladder: LadderOpt = None,
) -> None:
    """Place yourself on the ladder and get the roadmap to CPO.

    Without --answers an interactive questionnaire asks about your profile and rates each skill
    on a behaviourally anchored 1-5 scale (about five minutes).
    """
    catalog = _catalog(ladder)
    gate = _level_id(min_level, catalog)
    from pmpath.answers import check_about, read_reviews

    read = read_reviews(review or [], catalog)
    reviews = [r for _, r in read]
    if answers is not None:
        if resume:
            raise InputError("--resume continues the interactive questionnaire; it cannot go with --answers")
        from pmpath.answers import read_answers

        given = read_answers(answers, catalog)
        interactive = False
    else:
        from pmpath.i18n import explicit_lang
        from pmpath.interactive import questionnaire

        explicit = explicit_lang(lang.value if lang else None)
        given, chosen_lang, session = questionnaire(catalog, explicit, resume)
        lang = Lang(chosen_lang)
        interactive = True
    import datetime

    from pmpath.report import build_report

    check_about(given.profile.name, read)
    rep = build_report(given, catalog, datetime.date.today().year, reviews)
    chosen = resolve_format(fmt, output)
    since = None
    if not no_history:
        from pmpath.recall import remember

        since = remember(rep, given, catalog, _lang(lang), want_since=interactive)
    rendered = render_report(rep, catalog, chosen, _lang(lang))
    if output is None and chosen is OutputFormat.table and not no_pager and _paged():
        show_paged(rendered)
    else:
        emit(rendered, output, force)
    if interactive:
        from pmpath.interactive import offer_saves

        if since:
            err_info(since)
        offer_saves(given, rep, catalog, chosen_lang, session)
    if boundary_gate(rep, gate, catalog):
        raise typer.Exit(1)


@command("review", short_help="Rate a colleague: a 360 review file for them.")
def review_cmd(
    output: OutputOpt = None,
    force: ForceOpt = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted review where it stopped.")
    ] = False,
    lang: LangOpt = None,
    ladder: LadderOpt = None,
) -> None:
    """Review a colleague (as their manager, peer, report or other): each skill asked about them,
    "can't judge" where you have not seen it; saves a review file they add with --review.

    Peers, reports and others stay anonymous: their names are never kept.
    """
    from pmpath.i18n import explicit_lang
    from pmpath.interactive import rater_questionnaire, save_review

    catalog = _catalog(ladder)
    given, chosen_lang, session = rater_questionnaire(
        catalog, explicit_lang(lang.value if lang else None), resume
    )
    save_review(given, catalog, chosen_lang, session, output, force)


# ------------------------------------------------------------------ catalogue listings


def _listing(kind: str, fmt: ListFormat, lang: Lang | None, ladder: Path | None, **options: Any) -> None:
    from pmpath.render import renderer

    catalog = _catalog(ladder)
    if fmt is ListFormat.json:
        emit(renderer(f"pmpath.render.json:{kind}")(catalog))
    else:
        emit(renderer(f"pmpath.render.terminal:{kind}")(catalog, lang=_lang(lang), **options))


FormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")]


@command(short_help="The ladder's levels, years and role.")
def levels(fmt: FormatOpt = ListFormat.table, lang: LangOpt = None, ladder: LadderOpt = None) -> None:
    """The levels from Junior PM to CPO (or your ladder's), with years and what each role does."""
    _listing("levels", fmt, lang, ladder)


@command(short_help="Every skill and what a 1 to 5 looks like.")
def skills(fmt: FormatOpt = ListFormat.table, lang: LangOpt = None, ladder: LadderOpt = None) -> None:
    """Every skill with its five behavioural anchors (what a 1, 2, 3, 4 or 5 looks like)."""
    _listing("skills", fmt, lang, ladder)


@command(short_help="Programmes, certificates, degrees, books.")
def courses(
    fmt: FormatOpt = ListFormat.table,
    lang: LangOpt = None,
    sources: Annotated[bool, typer.Option("--sources", help="Show where each fact comes from.")] = False,
    ladder: LadderOpt = None,
) -> None:
    """Programmes, certificates, degrees and books: who each is for, format, cost."""
    _listing("courses", fmt, lang, ladder, sources=sources)


# ------------------------------------------------------------------ cohort


@command(short_help="Assess a whole cohort from answer files.")
def cohort(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Answer files, directories (searched for .toml/.json), globs."),
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
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="An earlier `cohort --format json` output: who was promoted, change per skill.",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, metavar="N", help="Worker processes (at most the cores); 0 picks by size."
        ),
    ] = 0,
    ladder: LadderOpt = None,
    lang: LangOpt = None,
) -> None:
    """Assess a whole cohort from answer files: per person and for the group.

    A file that cannot be read or validated never stops the cohort: it is reported on stderr
    and in the summary, the rest is assessed, and the exit code is 2 at the end unless
    --keep-going is given. Otherwise the exit code is 1 when --min-level is not met by everyone.
    """
    from pmpath import cohortrun

    code = cohortrun.run(
        paths, fmt, output, force, min_level, keep_going, github_summary, baseline, jobs, ladder, _lang(lang)
    )
    if code:
        raise typer.Exit(code)


class SchemaKind(str, Enum):
    answers = "answers"
    review = "review"
    report = "report"
    cohort = "cohort"
    levels = "levels"
    courses = "courses"


@command(short_help="JSON Schema of an input, output or ladder file.")
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            help="answers or review (inputs), report or cohort (JSON outputs), levels or courses (a ladder)."
        ),
    ],
    ladder: LadderOpt = None,
) -> None:
    """Print the JSON Schema of an input file (answers, review), an output (report, cohort) or
    a ladder's files (levels, courses) for editors and CI to validate against."""
    from pmpath.render import schema as schemas
    from pmpath.render.json import dumps

    if kind is SchemaKind.report:
        emit(dumps(schemas.report_schema()))
    elif kind is SchemaKind.levels:
        emit(dumps(schemas.levels_schema()))
    elif kind is SchemaKind.courses:
        emit(dumps(schemas.courses_schema()))
    else:
        build = {
            "answers": schemas.answers_schema,
            "review": schemas.review_schema,
            "cohort": schemas.cohort_schema,
        }
        emit(dumps(build[kind.value](_catalog(ladder))))


@command(short_help="An answers file to fill in by hand.")
def template(
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    review: Annotated[
        bool, typer.Option("--review", help="A review file (a 360 rater's) instead of an answers file.")
    ] = False,
    ladder: LadderOpt = None,
) -> None:
    """An answers file to fill in by hand: every skill with its five anchors as comments."""
    from pmpath.output import suffix_format
    from pmpath.render import template as tpl

    kind = "toml" if output is None else suffix_format(output, {".toml": "toml", ".json": "json"})
    catalog = _catalog(ladder)
    if review:
        text = (
            tpl.review_template_json(catalog) if kind == "json" else tpl.review_template(catalog, _lang(lang))
        )
    elif kind == "json":
        text = tpl.answers_template_json(catalog)
    else:
        text = tpl.answers_template(catalog, _lang(lang))
    emit(text, output, force)


# ------------------------------------------------------------------ history and progress

history_app = typer.Typer(
    help="Your past assessments, kept locally (pmpath assess records each one).",
    no_args_is_help=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
app.add_typer(history_app, name="history", short_help="Past assessments: list, show, forget, export.")

NameOpt = Annotated[str | None, typer.Option("--name", "-n", metavar="NAME", help="Only this person's runs.")]


@history_app.callback()
@guard
def history_list(ctx: typer.Context, name: NameOpt = None, fmt: FormatOpt = ListFormat.table) -> None:
    """List the recorded runs: date, name, level (JSON as in CONTRACTS.md)."""
    if ctx.invoked_subcommand is not None:
        return
    from pmpath.output import text_width
    from pmpath.recall import history_listing

    emit(history_listing(name, fmt.value, text_width()))


@history_app.command("show")
@guard
def history_show(
    run_id: Annotated[int, typer.Argument(metavar="ID", help="The run's id (see `pmpath history`).")],
    fmt: ReportFormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    ladder: LadderOpt = None,
) -> None:
    """Show a past report again, in any format (with --ladder for a run made against one)."""
    from pmpath.i18n import resolve_lang
    from pmpath.models import Report
    from pmpath.recall import find, require_same_ladder

    run = find(run_id)
    rep = Report.model_validate_json(run.report)
    catalog = _catalog(ladder)
    require_same_ladder([run], catalog, f"run {run_id} was")
    chosen = resolve_format(fmt, output)
    emit(
        render_report(rep, catalog, chosen, resolve_lang(lang.value if lang else None, run.lang)),
        output,
        force,
    )


@history_app.command("forget")
@guard
def history_forget(
    run_id: Annotated[int | None, typer.Argument(metavar="[ID]", help="The run to delete.")] = None,
    name: NameOpt = None,
    everything: Annotated[bool, typer.Option("--all", help="Delete every recorded run.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete one run, one person's runs, or all (asks first in a terminal)."""
    from pmpath.recall import forget

    chosen = sum(x is not None and x is not False for x in (run_id, name, everything or None))
    if chosen != 1:
        raise InputError("say what to forget: an ID, --name NAME or --all (one of them)")
    what = (
        f"run {run_id}" if run_id is not None else f"every run of {name!r}" if name else "the whole history"
    )
    if not yes and sys.stdin.isatty() and sys.stdout.isatty():
        from pmpath.prompts import confirm

        if not confirm(f"Delete {what}?", default=False):
            err_info("nothing deleted")
            return
    gone = forget(run_id, None if everything else name)
    if run_id is not None and gone == 0:
        raise InputError(
            f"no run {run_id} in the history", hint="`pmpath history` lists the runs and their ids."
        )
    err_info(f"deleted {gone} run(s)")


@history_app.command("export")
@guard
def history_export(
    target: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write; - for stdout.")],
    force: ForceOpt = False,
) -> None:
    """Every run as JSON Lines (one object per run: answers, report, date)."""
    from pmpath.recall import export_lines, list_runs

    emit(export_lines(list_runs(None)), None if str(target) == "-" else target, force)


@command(short_help="What moved between your assessments.")
def progress(
    name: NameOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="ID|DATE", help="Start from this run id or date.")
    ] = None,
    fmt: ReportFormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    ladder: LadderOpt = None,
) -> None:
    """Per-skill change from a person's first run (or --since) to the latest, level changes,
    what closed on the roadmap and what is still open, and a small trail per skill."""
    from pmpath.i18n import current_lang
    from pmpath.output import text_width
    from pmpath.recall import progress_text

    chosen = resolve_format(fmt, output).value
    emit(progress_text(_catalog(ladder), name, since, chosen, current_lang(), text_width()), output, force)


# ------------------------------------------------------------------ ladders

ladder_app = typer.Typer(
    help="Your company's own ladder: check one, or start one from pmpath's.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
app.add_typer(ladder_app, name="ladder", short_help="Check or start your own ladder.")

LadderDir = Annotated[
    Path, typer.Argument(metavar="DIR", help="A directory with levels.toml and courses.toml.")
]


@ladder_app.command("check")
@guard
def ladder_check(
    where: LadderDir,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 2 on warnings too.")] = False,
) -> None:
    """Validate a ladder (the same one-line errors as every input, exit 2), then report what
    loads but deserves a look: a skill no level needs, a level asking nothing more than the one
    below, a course for no level."""
    from pmpath.catalog import check_ladder, load_ladder

    catalog = load_ladder(where)
    notes = check_ladder(catalog)
    for note in notes:
        err_info(f"warning: {note}")
    tracks = f", tracks: {', '.join(catalog.track_paths)}" if catalog.track_paths else ""
    from pmpath.output import say

    say(
        f"{catalog.name}: {len(catalog.levels)} levels ({catalog.path[0].id} to {catalog.top.id}{tracks}), "
        f"{len(catalog.skills)} skills, {len(catalog.courses)} courses; "
        + (f"{len(notes)} warning(s)\n" if notes else "no problems found\n")
    )
    if notes and strict:
        raise typer.Exit(2)


@ladder_app.command("init")
@guard
def ladder_init(where: LadderDir, force: ForceOpt = False) -> None:
    """Copy pmpath's own ladder into DIR as a starting point (its ids are yours to change)."""
    from pmpath.catalog import data_dir
    from pmpath.files import write_atomic

    where.mkdir(parents=True, exist_ok=True)
    for name in ("levels.toml", "courses.toml"):
        text = (data_dir() / name).read_text(encoding="utf-8")
        if name == "levels.toml":
            text = text.replace(
                "schema_version = 1\n", f"schema_version = 1\nname = {where.resolve().name!r}\n", 1
            )
        write_atomic(where / name, text, force=force)
        err_info(f"wrote {where / name}")
    err_info(f"check it with: pmpath ladder check {where}")


# ------------------------------------------------------------------ the boundary


def run(args: list[str] | None = None) -> NoReturn:
    """The one place that turns failures into messages and exit codes."""
    _run(args)


def _run(args: list[str] | None) -> NoReturn:
    argv = sys.argv[1:] if args is None else args
    _early_lang(argv)
    debug = "--debug" in argv or bool(os.environ.get("PMPATH_DEBUG"))
    on_sigterm_unwind()
    try:
        try:
            code = (
                _help(argv)
                if argv in (["--help"], ["-h"])
                else app(args=argv, prog_name="pmpath", standalone_mode=False)
            )
        except _Escaped as escaped:
            raise escaped.inner from None
        except SystemExit as typer_exit:
            # typer's own handler for a broken pipe outside a command: sys.exit(1), the gate code.
            if typer_exit.code == 1:
                raise BrokenPipeError from None
            raise
        if code == 130:  # Ctrl-C outside a command (while typer parsed): typer's silent 130
            raise KeyboardInterrupt
    except Exception as exc:
        if _is_click_error(exc):
            _usage_error(exc)
        fail(exc, debug)
    except BaseException as exc:  # Ctrl-C, SIGTERM: one line and their own exit codes
        if isinstance(exc, SystemExit):
            raise
        fail(exc, debug)
    flush_and_exit(code if isinstance(code, int) else 0)


def _help(argv: list[str]) -> int | None:
    """The top-level help page, drawn by typer and kept for `pmpath --help` to print at once."""
    import io

    from pmpath.helpcache import keep

    page = io.StringIO()
    with contextlib.redirect_stdout(page):
        code = app(args=argv, prog_name="pmpath", standalone_mode=False)
    sys.stdout.write(page.getvalue())
    keep(page.getvalue())
    return code if isinstance(code, int) else None


def _early_lang(argv: list[str]) -> None:
    """Messages can come before a command has parsed --lang (a usage error): look for it now."""
    from pmpath.i18n import resolve_lang, set_lang

    given = None
    for i, arg in enumerate(argv):
        if arg in ("--lang", "-l") and i + 1 < len(argv):
            given = argv[i + 1]
        elif arg.startswith("--lang="):
            given = arg.split("=", 1)[1]
    set_lang(resolve_lang(given))


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
