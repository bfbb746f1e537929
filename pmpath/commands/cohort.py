"""`pmpath cohort`: assess a whole cohort from answer files (the work is pmpath.cohortrun's)."""

from __future__ import annotations

import dataclasses
from enum import Enum
from pathlib import Path
from typing import Any

from pmpath.commands import EXCEL, LADDER, LANG, MIN_LEVEL, OUTPUT, SHEET_FORMAT, Command, Opt, flag


class GroupBy(str, Enum):
    """`--by`: what a programme groups its summary by."""

    team = "team"
    manager = "manager"


def run(**options: Any) -> int:
    """pmpath.cohortrun runs it; the language is resolved here, as every command does."""
    from pmpath import cohortrun

    lang = options.pop("lang", None)
    return cohortrun.run(**options, lang=lang.code)


COMMAND = Command(
    name="cohort",
    short_help="hs_cohort",
    help="hc_cohort",
    options=(
        Opt(
            "paths",
            (),
            "ho_paths",
            kind="arguments",
            default=...,
            metavar="PATH",
        ),
        SHEET_FORMAT,
        dataclasses.replace(OUTPUT, kind="many", help="ho_cohort_output"),
        flag("force", "--force", "ho_force_reports"),
        MIN_LEVEL,
        flag(
            "keep_going",
            "--keep-going",
            "ho_keep_going",
        ),
        Opt(
            "github_summary",
            ("--github-summary",),
            "ho_github_summary",
            kind="switch",
            type=bool,
        ),
        Opt(
            "baseline",
            ("--baseline",),
            "ho_baseline",
            kind="many",
            type=Path,
            metavar="FILE",
        ),
        Opt(
            "jobs",
            ("--jobs", "-j"),
            "ho_jobs",
            type=int,
            default=0,
            minimum=0,
            metavar="N",
        ),
        Opt(
            "reports",
            ("--reports",),
            "ho_reports",
            type=Path,
            metavar="DIR",
        ),
        Opt(
            "by",
            ("--by",),
            "ho_by",
            type=GroupBy,
        ),
        Opt(
            "min_level_share",
            ("--min-level-share",),
            "ho_min_level_share",
            metavar="SHARE",
        ),
        Opt(
            "roster",
            ("--roster",),
            "ho_roster",
            type=Path,
            metavar="CSV",
        ),
        flag(
            "anonymize",
            "--anonymize",
            "ho_anonymize",
        ),
        EXCEL,
        LADDER,
        LANG,
    ),
    run=run,
)
