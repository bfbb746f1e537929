"""The paths CI takes most, without typer: `pmpath assess --answers FILE --format json|md|html`
(or `--output` to a .json, .md or .html file), `pmpath cohort PATH... [options]`,
`pmpath history` and `pmpath progress`.

typer 0.29 coerces every option through a pydantic TypeAdapter, so merely parsing options costs
~60 ms. This path reads the few options that job uses itself and runs the same functions the
command runs; anything else on the line, an answers file from stdin, or answers that are not
plainly valid (pydantic explains those) go through the full CLI, which then says exactly what it
always says. Output, history, gate and every failure mean the same as there (pmpath.boundary).
"""

from __future__ import annotations

from typing import Any

FORMATS = ("json", "md", "html")


def parse(args: list[str]) -> dict[str, Any] | None:
    """The options of the one command line this path takes, or None for the full CLI."""
    names = {"--answers": "answers", "-a": "answers", "--format": "fmt", "-f": "fmt"}
    names |= {"--lang": "lang", "-l": "lang", "--ladder": "ladder", "--min-level": "min_level"}
    names |= {"--output": "output", "-o": "output"}
    flags = ("--no-history", "--force")
    split = _repeated(args, ("--review", "-r"))
    if split is None:
        return None
    reviews, args = split
    rest = [a for a in args if a not in flags]
    given = _options(rest, names)
    if given is None or any(args.count(flag) > 1 for flag in flags):
        return None
    opts: dict[str, Any] = {"answers": None, "fmt": None, "lang": None, "ladder": None, "min_level": None}
    opts |= given
    opts["reviews"] = reviews
    opts["no_history"] = "--no-history" in args
    opts["force"] = "--force" in args
    output = opts.pop("output", None)
    opts["output"] = None
    if output is not None:
        from pathlib import Path

        from pmpath.render import SUFFIX_FORMATS

        opts["output"] = Path(output)
        suffix = SUFFIX_FORMATS.get(opts["output"].suffix.lower())
        # --format wins, else the suffix says; an unknown suffix is the full CLI's error to give
        opts["fmt"] = opts["fmt"] or (suffix.value if suffix is not None else None)
    if opts["answers"] is None or opts["fmt"] not in FORMATS or opts["lang"] not in (None, "en", "zh"):
        return None
    return opts


def _repeated(args: list[str], names: tuple[str, ...]) -> tuple[list[str], list[str]] | None:
    """The values of an option that may be given many times, and the other arguments; None
    when one has no value or its value is `-` (standard input is the full CLI's to read)."""
    values: list[str] = []
    rest: list[str] = []
    pending = list(args)
    while pending:
        arg = pending.pop(0)
        key, eq, value = arg.partition("=")
        if key not in names:
            rest.append(arg)
            continue
        if not eq:
            if not pending:
                return None
            value = pending.pop(0)
        if not value or value.startswith("-"):
            return None
        values.append(value)
    return values, rest


def assess(args: list[str]) -> None:
    """Run the assessment and exit, or return at once (nothing done) for the full CLI to run it."""
    opts = parse(args)
    if opts is None:
        return
    import os

    from pmpath.boundary import fail, flush_and_exit, on_sigterm_unwind

    on_sigterm_unwind()
    debug = bool(os.environ.get("PMPATH_DEBUG"))
    try:
        run = _prepare(opts)
        if run is None:
            return
        flush_and_exit(_finish(opts, *run))
    except SystemExit:
        raise
    except BaseException as exc:
        fail(exc, debug)


def _prepare(opts: dict[str, Any]) -> tuple[Any, Any, Any, str, Any] | None:
    """Everything before the first side effect; None hands over to the full CLI."""
    import datetime

    from pmpath.answers import check_about, fast_answers, load_raw, read_reviews, read_source
    from pmpath.catalog import load_ladder
    from pmpath.i18n import resolve_lang, set_lang
    from pmpath.report import build_report

    lang = resolve_lang(opts["lang"])
    set_lang(lang)
    catalog = load_ladder(opts["ladder"])
    if opts["min_level"] is not None and opts["min_level"] not in {lv.id for lv in catalog.levels}:
        return None
    if opts["answers"] == "-":
        return None  # stdin can be read once only: the full CLI reads it
    read = read_reviews(opts["reviews"], catalog)  # before the answers, as the full CLI does
    reviews = [r for _, r in read]
    source, text, fmt = read_source(opts["answers"])
    answers = fast_answers(load_raw(text, source, fmt), catalog)
    if answers is None:
        return None
    check_about(answers.profile.name, read)
    rep = build_report(answers, catalog, datetime.date.today().year, reviews)
    return answers, catalog, rep, lang, reviews


def _finish(opts: dict[str, Any], answers: Any, catalog: Any, rep: Any, lang: str, reviews: Any) -> int:
    from pmpath.boundary import gate
    from pmpath.output import emit, render_report
    from pmpath.render import OutputFormat

    if not opts["no_history"]:
        from pmpath.recall import remember

        remember(rep, answers, catalog, lang, want_since=False)
    emit(render_report(rep, catalog, OutputFormat(opts["fmt"]), lang), opts["output"], opts["force"])
    return gate(rep, opts["min_level"], catalog)


COHORT_VALUES = {"--format": "fmt", "-f": "fmt", "--output": "output", "-o": "output"}
COHORT_VALUES |= {"--min-level": "min_level", "--baseline": "baseline", "--jobs": "jobs", "-j": "jobs"}
COHORT_VALUES |= {"--ladder": "ladder", "--lang": "lang", "-l": "lang"}
COHORT_FLAGS = {
    "--force": ("force", True),
    "--keep-going": ("keep_going", True),
    "--github-summary": ("github_summary", True),
    "--no-github-summary": ("github_summary", False),
}


def parse_cohort(args: list[str]) -> dict[str, Any] | None:
    """The paths and options of a `pmpath cohort` line, or None for the full CLI: a path that
    starts with `-`, an unknown or repeated option, or a value typer would reject (it says why)."""
    split = _split_cohort(args)
    if split is None:
        return None
    paths, values, flags = split
    opts = _options(values, COHORT_VALUES)
    if opts is None or not paths or any(not v for v in opts.values()):
        return None
    from pathlib import Path

    from pmpath.render import OutputFormat

    try:
        fmt = OutputFormat(opts["fmt"]) if "fmt" in opts else None
        jobs = int(opts.get("jobs", "0"))
    except ValueError:
        return None
    if jobs < 0 or not opts.get("jobs", "0").isdigit() or opts.get("lang") not in (None, "en", "zh"):
        return None
    output = opts.get("output")
    return {
        "paths": paths,
        "fmt": fmt,
        "output": None if output is None or output == "-" else Path(output),
        "force": flags.get("force", False),
        "min_level": opts.get("min_level"),
        "keep_going": flags.get("keep_going", False),
        "github_summary": flags.get("github_summary"),
        "baseline": Path(opts["baseline"]) if "baseline" in opts else None,
        "jobs": jobs,
        "ladder": opts.get("ladder"),
        "lang": opts.get("lang"),
    }


def _split_cohort(args: list[str]) -> tuple[list[str], list[str], dict[str, Any]] | None:
    """Paths, `--option value` words and flags, or None where the full CLI must look."""
    paths: list[str] = []
    values: list[str] = []
    flags: dict[str, Any] = {}
    pending = list(args)
    while pending:
        arg = pending.pop(0)
        if arg.partition("=")[0] in COHORT_VALUES:
            values.append(arg)
            if "=" not in arg:
                if not pending:
                    return None
                values.append(pending.pop(0))
        elif arg in COHORT_FLAGS:
            name, value = COHORT_FLAGS[arg]
            if name in flags:
                return None
            flags[name] = value
        elif arg.startswith("-") or not arg:
            return None  # --help, `--`, an unknown option, a path typer must see
        else:
            paths.append(arg)
    return paths, values, flags


def cohort(args: list[str]) -> None:
    """Run the cohort and exit, or return at once (nothing done) for the full CLI to run it."""
    opts = parse_cohort(args)
    if opts is None:
        return
    import os

    from pmpath.boundary import fail, flush_and_exit, on_sigterm_unwind

    on_sigterm_unwind()
    try:
        from pmpath import cohortrun
        from pmpath.i18n import resolve_lang, set_lang

        opts["lang"] = resolve_lang(opts["lang"])
        set_lang(opts["lang"])
        flush_and_exit(cohortrun.run(**opts))
    except SystemExit:
        raise
    except BaseException as exc:
        fail(exc, bool(os.environ.get("PMPATH_DEBUG")))


def listing(command: str, args: list[str]) -> None:
    """`pmpath history [--name N] [--format F]` and `pmpath progress [--name N] [--since S]
    [--format F] [--ladder DIR]` without typer; other command lines return for the full CLI."""
    allowed = {"--name": "name", "-n": "name", "--format": "fmt", "-f": "fmt"}
    if command == "progress":
        allowed |= {"--since": "since", "--ladder": "ladder"}
    opts = _options(args, allowed)
    formats = ("table", "json") if command == "history" else ("table", "json", "md")
    if opts is None or (opts.get("fmt") or "table") not in formats:
        return
    from pmpath.boundary import fail, flush_and_exit, on_sigterm_unwind

    on_sigterm_unwind()
    try:
        from pmpath import recall
        from pmpath.i18n import resolve_lang, set_lang
        from pmpath.output import emit, text_width

        lang = resolve_lang(None)
        set_lang(lang)
        fmt = opts.get("fmt") or "table"
        if command == "history":
            text = recall.history_listing(opts.get("name"), fmt, text_width())
        else:
            from pmpath.catalog import load_ladder

            catalog = load_ladder(opts.get("ladder"))
            text = recall.progress_text(catalog, opts.get("name"), opts.get("since"), fmt, lang, text_width())
        emit(text)
        flush_and_exit(0)
    except SystemExit:
        raise
    except BaseException as exc:
        fail(exc)


def _options(args: list[str], allowed: dict[str, str]) -> dict[str, str] | None:
    """`--opt value` and `--opt=value` pairs, each at most once; None for anything else."""
    opts: dict[str, str] = {}
    pending = list(args)
    while pending:
        key, eq, value = pending.pop(0).partition("=")
        if key not in allowed or (not eq and not pending):
            return None
        if not eq:
            value = pending.pop(0)
        if allowed[key] in opts or value.startswith("-"):
            return None
        opts[allowed[key]] = value
    return opts
