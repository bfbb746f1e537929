"""`pmpath schema KIND`: the JSON Schema of an input, output or ladder file."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from pmpath.commands import LADDER, LANG, Command, Opt
from pmpath.i18n import Language


class SchemaKind(str, Enum):
    answers = "answers"
    review = "review"
    report = "report"
    cohort = "cohort"
    cohort_csv = "cohort-csv"
    levels = "levels"
    courses = "courses"
    packet = "packet"
    progress = "progress"
    evidence = "evidence"


def run(*, kind: SchemaKind, ladder: Path | None = None, lang: Language) -> int:
    from pmpath.output import emit
    from pmpath.render import schema as schemas
    from pmpath.render.json import dumps

    fixed = {
        SchemaKind.report: schemas.report_schema,
        SchemaKind.levels: schemas.levels_schema,
        SchemaKind.courses: schemas.courses_schema,
        SchemaKind.packet: schemas.packet_schema,
        SchemaKind.progress: schemas.progress_schema,
        SchemaKind.evidence: schemas.evidence_schema,
    }
    if kind in fixed:
        emit(dumps(fixed[kind]()), lang=lang.code)
        return 0
    from pmpath.catalog import load_ladder

    of_ladder = {
        SchemaKind.answers: schemas.answers_schema,
        SchemaKind.review: schemas.review_schema,
        SchemaKind.cohort: schemas.cohort_schema,
        SchemaKind.cohort_csv: schemas.cohort_csv_schema,
    }
    emit(dumps(of_ladder[kind](load_ladder(ladder))), lang=lang.code)
    return 0


COMMAND = Command(
    name="schema",
    short_help="hs_schema",
    help="hc_schema",
    options=(
        Opt(
            "kind",
            (),
            "ho_schema_kind",
            kind="argument",
            type=SchemaKind,
            default=...,
        ),
        LADDER,
        LANG,
    ),
    run=run,
)
