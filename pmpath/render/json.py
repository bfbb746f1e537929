"""JSON renderings: the report of CONTRACTS.md and the catalogue listings."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pmpath.models import Catalog, CompanyTable, Report, dump, dump_json

if TYPE_CHECKING:
    from pmpath.cohort import CohortReviews, CohortSummary, ErrorRow, PersonRow


def report(rep: Report, catalog: Catalog | None = None, **_: Any) -> str:
    return dump_json(rep, indent=2) + "\n"


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def levels(catalog: Catalog) -> str:
    """Each level with its track named as in the report: `shared` on the trunk."""
    return dumps(
        {
            "schema_version": 1,
            "levels": [{**dump(lv), "track": lv.track_id} for lv in catalog.levels],
        }
    )


def company_map(table: CompanyTable) -> str:
    return dumps(dump(table))


def skills(catalog: Catalog) -> str:
    return dumps(
        {
            "schema_version": 1,
            "groups": [dump(g) for g in catalog.groups],
            "skills": [dump(s) for s in catalog.skills],
        }
    )


def courses(catalog: Catalog) -> str:
    return dumps({"schema_version": 1, "courses": [dump(c) for c in catalog.courses]})


# ------------------------------------------------------------------ cohorts (streamed piece by piece)


def cohort_person(row: PersonRow, skill_ids: tuple[str, ...]) -> str:
    """One person of a streamed cohort; `ratings` come in `skill_ids` order (the catalogue's).
    With reviews applied, `others` has the reviewers' combined rating of each skill they rated
    (the level and gaps are placed on it); with --reports, `report` is where theirs is."""
    person: dict[str, Any] = {
        "file": row.file,
        "name": row.name,
        **{k: v for k, v in (("id", row.id), ("team", row.team), ("manager", row.manager)) if v},
        "level": row.level,
        "next_level": row.next_level,
        "biggest_gaps": [{"skill": s, "rating": r, "needed": n} for s, r, n in row.gaps],
        "meets_min_level": row.meets_min_level,
        "courses": list(row.courses),
        "ratings": dict(zip(skill_ids, row.ratings, strict=True)),
        "plan": list(row.plan),
    }
    if row.others:
        person["others"] = {s: v for s, v in zip(skill_ids, row.others, strict=True) if v}
    if row.report:
        person["report"] = row.report
    return _ONE_LINE.encode(person)


_ONE_LINE = json.JSONEncoder(ensure_ascii=False)
"""What json.dumps(..., ensure_ascii=False) builds on every call; a cohort calls it per person."""


COHORT_HEAD = '{\n  "schema_version": 1,\n  "people": ['


def cohort_tail(
    errors: list[ErrorRow],
    summary: CohortSummary,
    progress: dict[str, Any] | None = None,
    reviews: CohortReviews | None = None,
    programme: dict[str, Any] | None = None,
) -> str:
    """The rest of the cohort after its people; `programme` adds the sections a programme asked
    for (completeness, calibration, stamps), each a key of its own."""
    errs = json.dumps([{"file": e.file, "message": e.message} for e in errors], ensure_ascii=False)
    extra = "" if progress is None else f',\n  "progress": {json.dumps(progress, ensure_ascii=False)}'
    if reviews is not None:
        extra += f',\n  "reviews": {dump_json(reviews)}'
    for name, value in (programme or {}).items():
        if name.startswith("_"):
            continue  # the renderers' own (level names, reasons in the reader's language)
        extra += f',\n  "{name}": {json.dumps(value, ensure_ascii=False)}'
    return f'\n  ],\n  "errors": {errs},\n  "summary": {dump_json(summary)}{extra}\n}}\n'
