"""`pmpath cohort`: assess a whole cohort from answer files (the work is pmpath.cohortrun's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmpath.commands import EXCEL, LADDER, LANG, MIN_LEVEL, OUTPUT, SHEET_FORMAT, Command, Opt, flag


def run(**options: Any) -> int:
    """pmpath.cohortrun runs it; the language is resolved here, as every command does."""
    from pmpath import cohortrun
    from pmpath.i18n import resolve_lang

    lang = options.pop("lang", None)
    return cohortrun.run(**options, lang=resolve_lang(lang.value if lang else None))


COMMAND = Command(
    name="cohort",
    short_help="Assess a whole cohort from answer files.",
    help="""Assess a whole cohort from answer files: per person and for the group.

    Review files among the paths are joined to people by name and place them, as
    `assess --review` does. A file that cannot be read or validated never stops the cohort: it
    is reported on stderr and in the summary, the rest is assessed, and the exit code is 2 at
    the end unless --keep-going is given. Otherwise the exit code is 1 when --min-level is not
    met by everyone.
    """,
    options=(
        Opt(
            "paths",
            (),
            "Answer files, directories (searched for .toml/.json), globs.",
            kind="arguments",
            default=...,
            metavar="PATH",
        ),
        SHEET_FORMAT,
        OUTPUT,
        flag("force", "--force", "Overwrite --output, and earlier reports in --reports, if they exist."),
        MIN_LEVEL,
        flag(
            "keep_going",
            "--keep-going",
            "Exit 0/1 even if some files could not be read (they are still reported).",
        ),
        Opt(
            "github_summary",
            ("--github-summary",),
            "Append the Markdown summary to $GITHUB_STEP_SUMMARY (default: when that is set).",
            kind="switch",
            type=bool,
        ),
        Opt(
            "baseline",
            ("--baseline",),
            "An earlier `cohort --format json` output: who was promoted, change per skill.",
            type=Path,
            metavar="FILE",
        ),
        Opt(
            "jobs",
            ("--jobs", "-j"),
            "Worker processes (at most the cores); 0 picks by size.",
            type=int,
            default=0,
            minimum=0,
            metavar="N",
        ),
        Opt(
            "reports",
            ("--reports",),
            "Write each person's own report (reviews applied) into DIR: HTML, or Markdown with --format md.",
            type=Path,
            metavar="DIR",
        ),
        flag(
            "anonymize",
            "--anonymize",
            "Pseudonyms instead of names and file names in everything written (key: PMPATH_ANONYMIZE_KEY).",
        ),
        EXCEL,
        LADDER,
        LANG,
    ),
    run=run,
)
