"""JSON Schemas of the input files, the outputs and a ladder's files, from the models, for editors and CI."""

from __future__ import annotations

from typing import Any

from pmpath.models import Answers, Catalog, Report, Review, json_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _ratings(catalog: Catalog, description: str) -> dict[str, Any]:
    """`ratings` spelled out per skill, so editors can complete and check the ids."""
    return {
        "type": "object",
        "description": description,
        "properties": {
            s.id: {"type": "integer", "minimum": 1, "maximum": 5, "description": s.name.en}
            for s in catalog.skills
        },
        "additionalProperties": False,
    }


def answers_schema(catalog: Catalog) -> dict[str, Any]:
    schema = json_schema(Answers)
    ratings = _ratings(catalog, "Every skill of the catalogue, rated 1-5 on its behavioural anchors.")
    schema["properties"]["ratings"] = {**ratings, "required": list(catalog.skill_ids)}
    return {"$schema": DIALECT, **schema, "title": "pmpath answers file"}


def review_schema(catalog: Catalog) -> dict[str, Any]:
    """Ratings are optional per skill (a rater leaves out what they cannot judge), at least one."""
    schema = json_schema(Review)
    ratings = _ratings(catalog, "The skills the rater can judge, each rated 1-5 on its behavioural anchors.")
    schema["properties"]["ratings"] = {**ratings, "minProperties": 1}
    return {"$schema": DIALECT, **schema, "title": "pmpath review file"}


NEUTRAL = (
    "Language-neutral: the same bytes whatever --lang, PMPATH_LANG or the locale, so a pipeline's "
    "output never depends on who ran it. Ids are the keys; `name` fields and `reasons` are the "
    "English record CONTRACTS.md fixes; texts pmpath carries in both languages are {en, zh} "
    "objects. A reader's own language is for the table, Markdown, HTML and CSV outputs."
)
"""The rule every JSON output keeps (issue 22 asked for one): stated in each JSON schema."""


def report_schema() -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        **json_schema(Report),
        "title": "pmpath assessment report",
        "description": NEUTRAL,
    }


def packet_schema() -> dict[str, Any]:
    from pmpath.packet import Packet

    schema = json_schema(Packet)
    return {
        "$schema": DIALECT,
        **schema,
        "title": "pmpath promotion packet",
        "description": NEUTRAL,
    }


def progress_schema() -> dict[str, Any]:
    """`pmpath progress --format json`: what moved, and the earlier run's plan against it."""
    from pmpath.progress import Progress

    schema = json_schema(Progress)
    return {"$schema": DIALECT, **schema, "title": "pmpath progress", "description": NEUTRAL}


def evidence_schema() -> dict[str, Any]:
    """`pmpath evidence list --format json`: the entries, oldest first."""
    from pmpath.models import Evidence

    return {
        "$schema": DIALECT,
        "title": "pmpath evidence list",
        "type": "object",
        "required": ["schema_version", "evidence"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": 1},
            "evidence": {"type": "array", "items": json_schema(Evidence)},
        },
    }


NAMES = {"type": "array", "items": {"type": "string"}}

IDENTITY = {
    "id": {"type": "string", "description": "profile.id: who the person is across files and quarters."},
    "team": {"type": "string", "description": "profile.team."},
    "manager": {"type": "string", "description": "profile.manager."},
}
"""A cohort person's optional identity fields (absent when the answers gave none)."""


def _obj(props: dict[str, Any], description: str = "") -> dict[str, Any]:
    """An object with every property required and nothing else."""
    out = {"type": "object", "required": list(props), "properties": props, "additionalProperties": False}
    return {**out, "description": description} if description else out


_COUNT = {"type": "integer", "minimum": 0}

PROGRAMME: dict[str, Any] = {
    "completeness": _obj(
        {
            "expected": _COUNT,
            "no_answers": NAMES,
            "missing_reviews": {
                "type": "array",
                "items": _obj({"person": {"type": "string"}, "reviewer": {"type": "string"}}),
            },
            "fewer_than_three_peers": NAMES,
            "reminders": {
                "type": "array",
                "items": _obj({"reviewer": {"type": "string"}, "people": NAMES}),
            },
        },
        "With --roster: who on it has no answers, which listed reviewer has not reviewed whom (a "
        "review counts as theirs when its `by` names them), who has fewer than three peer reviews; "
        "`reminders` is the same by reviewer.",
    ),
    "calibration": {
        "type": "array",
        "description": "Per named rater (managers, peers who signed with `by`): `lean` is the mean "
        "of their rating minus the other raters' mean on each (person, skill) someone else also "
        "rated (null when none); `compared` counts those; `flat` is one value throughout.",
        "items": _obj(
            {
                "rater": {"type": "string"},
                "people": _COUNT,
                "ratings": _COUNT,
                "lean": {"type": ["number", "null"]},
                "compared": _COUNT,
                "flat": {"type": "boolean"},
            }
        ),
    },
}
PROGRAMME.update(
    ladder=_obj(
        {"name": {"type": "string"}, "digest": {"type": "string"}}, "The ladder this run placed people on."
    ),
    generated={"type": "string", "format": "date", "description": "The day of the run (ISO 8601)."},
    pmpath_version={"type": "string"},
    trend={
        "type": "array",
        "description": "With --baseline: people per level id in each baseline (oldest first), then this run.",
        "items": _obj(
            {"run": {"type": "string"}, "levels": {"type": "object", "additionalProperties": _COUNT}}
        ),
    },
)
PROGRAMME.update(
    groups=_obj(
        {
            "by": {"enum": ["team", "manager"]},
            "groups": {
                "type": "array",
                "items": _obj(
                    {
                        "group": {"type": "string", "description": "Empty for people who gave none."},
                        "people": _COUNT,
                        "levels": {"type": "object", "additionalProperties": _COUNT},
                        "below_gate": {"type": ["integer", "null"], "minimum": 0},
                    }
                ),
            },
        },
        "With --by: the people of each team or manager, their levels and how many are below the gate.",
    ),
    gate=_obj(
        {
            "level": {"type": "string"},
            "level_name": {"type": "string"},
            "min_share": {"type": ["number", "null"]},
            "share_meeting": {"type": "number", "minimum": 0, "maximum": 1},
            "met": {"type": "boolean"},
            "below": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "level", "level_name"],
                    "properties": {
                        "name": {"type": "string"},
                        "id": {"type": "string"},
                        "level": {"type": "string"},
                        "level_name": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
            },
        },
        "With --min-level: everyone below it by name; `met` is everyone at or above it, or with "
        "--min-level-share at least that share.",
    ),
)
"""The sections a programme's options add to the cohort JSON (issue 39)."""


def cohort_schema(catalog: Catalog) -> dict[str, Any]:
    """`pmpath cohort --format json`: people (one row each), errors, summary, and with
    --baseline the progress since then."""
    from pmpath.cohort import CohortReviews, CohortSummary

    level_ids = [lv.id for lv in catalog.levels]
    summary = json_schema(CohortSummary)
    defs = summary.pop("$defs", {})
    person = {
        "type": "object",
        "required": [
            "file",
            "name",
            "level",
            "next_level",
            "biggest_gaps",
            "meets_min_level",
            "courses",
            "ratings",
            "plan",
        ],
        "properties": {
            "file": {"type": "string"},
            "name": {"type": "string"},
            "level": {"enum": level_ids},
            "next_level": {"enum": [*level_ids, None]},
            "biggest_gaps": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["skill", "rating", "needed"],
                    "properties": {
                        "skill": {"enum": list(catalog.skill_ids)},
                        "rating": {"type": "integer", "minimum": 1, "maximum": 5},
                        "needed": {"type": "integer", "minimum": 1, "maximum": 5},
                    },
                    "additionalProperties": False,
                },
            },
            "meets_min_level": {"type": ["boolean", "null"]},
            "courses": {"type": "array", "items": {"type": "string"}},
            "plan": {
                "type": "array",
                "description": "The skills the person's report plans to grow this quarter, in its order.",
                "items": {"enum": list(catalog.skill_ids)},
            },
            "ratings": {
                "type": "object",
                "description": "The person's own ratings.",
                "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 5},
            },
            "others": {
                "type": "object",
                "description": "With reviews: the reviewers' combined rating of each skill they rated "
                "(level and gaps are placed on the self-rating capped by it).",
                "additionalProperties": {"type": "number", "minimum": 1, "maximum": 5},
            },
            "report": {"type": "string", "description": "With --reports: the person's own report."},
            **IDENTITY,
        },
        "additionalProperties": False,
    }
    progress = {
        "type": "object",
        "required": [
            "promoted",
            "compared",
            "people",
            "average_change",
            "planned",
            "new",
            "gone",
            "duplicates",
        ],
        "properties": {
            "promoted": {"type": "integer", "minimum": 0},
            "demoted": {"type": "integer", "minimum": 0},
            "names": {
                "type": "object",
                "description": "The compared people by name: a level up, a level down, the same level.",
                "required": ["promoted", "demoted", "same"],
                "properties": {k: NAMES for k in ("promoted", "demoted", "same")},
                "additionalProperties": False,
            },
            "compared": {"type": "integer", "minimum": 0},
            "comparable": {
                "type": "boolean",
                "description": "False when the latest baseline's ladder digest, pmpath version or use "
                "of reviews differs from this run's (or it has no stamps): `reasons` says which.",
            },
            "reasons": NAMES,
            "people": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "from_level", "to_level", "promoted", "deltas"],
                    "properties": {
                        "name": {"type": "string"},
                        "id": {"type": "string"},
                        "from_level": {"type": "string"},
                        "to_level": {"enum": level_ids},
                        "promoted": {"type": "boolean"},
                        "demoted": {"type": "boolean"},
                        "deltas": {"type": "object", "additionalProperties": {"type": "integer"}},
                    },
                },
            },
            "average_change": {"type": "object", "additionalProperties": {"type": "number"}},
            "planned": {
                "type": "object",
                "description": "Per skill: compared people whose baseline report planned to grow it, "
                "and how many of them rate it higher now.",
                "additionalProperties": {
                    "type": "object",
                    "required": ["planned", "moved"],
                    "properties": {
                        "planned": {"type": "integer", "minimum": 1},
                        "moved": {"type": "integer", "minimum": 0},
                    },
                    "additionalProperties": False,
                },
            },
            "new": {"type": "array", "items": {"type": "string"}},
            "gone": {"type": "array", "items": {"type": "string"}},
            "duplicates": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": False,
    }
    reviews = json_schema(CohortReviews)
    defs.update(reviews.pop("$defs", {}))
    return {
        "$schema": DIALECT,
        "title": "pmpath cohort report",
        "description": NEUTRAL,
        "type": "object",
        "required": ["schema_version", "people", "errors", "summary"],
        "properties": {
            "schema_version": {"const": 1},
            "anonymized": {
                "const": True,
                "description": "Written with --anonymize: names and files are pseudonyms.",
            },
            "people": {"type": "array", "items": person},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["file", "message"],
                    "properties": {"file": {"type": "string"}, "message": {"type": "string"}},
                    "additionalProperties": False,
                },
            },
            "summary": summary,
            "progress": progress,
            "reviews": reviews,
            **PROGRAMME,
        },
        "additionalProperties": False,
        "$defs": defs,
    }


def cohort_csv_schema(catalog: Catalog) -> dict[str, Any]:
    """One row of `cohort --format csv` as a CSV reader yields it: every cell text, every column
    there. A cell someone else wrote may start with `'` (pmpath.render.sheet.neutral)."""
    from pmpath.render.sheet import COHORT_FIXED

    level_ids = [lv.id for lv in catalog.levels]
    text = {"type": "string", "not": {"pattern": "^([=+\\-@\t\r]|::)"}}
    cells: dict[str, Any] = {name: text for name in COHORT_FIXED}
    cells.update(
        level={"enum": level_ids},
        next_level={"enum": [*level_ids, ""]},
        meets_min_level={"enum": ["true", "false", ""]},
        reviews_applied={"enum": ["true", "false"]},
        track={"type": "string"},
        previous_level={"enum": [*level_ids, ""]},
        gap_count={"type": "string", "pattern": "^[0-9]+$"},
        years_experience={"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$"},
    )
    for skill in catalog.skill_ids:
        cells[skill] = {"type": "string", "pattern": "^[1-5]$"}
        cells[f"{skill}_next_min"] = {"type": "string", "pattern": "^[1-5]?$"}
        cells[f"{skill}_others"] = {"type": "string", "pattern": "^([1-5](\\.[0-9]+)?)?$"}
    return {
        "$schema": DIALECT,
        "title": "pmpath cohort CSV row",
        "description": "Columns in this order: the fixed ones, then per skill the rating, the next "
        "level's minimum and others' combined rating. RFC 4180, CRLF line ends, UTF-8 "
        "(with a byte-order mark when written with --excel, which also writes a name, id, team or "
        'manager that a spreadsheet would read as a number or date as ="...", so it stays text).',
        "type": "object",
        "properties": cells,
        "required": list(cells),
        "additionalProperties": False,
    }


def levels_schema() -> dict[str, Any]:
    """levels.toml of a ladder: the catalogue without its courses (those live in courses.toml)."""
    from pmpath.models import Catalog

    schema = json_schema(Catalog)
    for key in ("courses", "courses_reviewed"):
        schema["properties"].pop(key, None)
    schema["properties"]["schema_version"] = {"const": 1}
    schema["properties"]["name"]["description"] = (
        "The ladder's name, recorded with every run made against it."
    )
    return {"$schema": DIALECT, **schema, "title": "pmpath ladder: levels.toml"}


def courses_schema() -> dict[str, Any]:
    from pmpath.models import Course

    course = json_schema(Course)
    defs = course.pop("$defs", {})
    return {
        "$schema": DIALECT,
        "title": "pmpath ladder: courses.toml",
        "type": "object",
        "properties": {
            "schema_version": {"const": 1},
            "reviewed": {"type": "integer", "description": "The year the courses were last checked."},
            "courses": {"type": "array", "items": {"$ref": "#/$defs/Course"}},
        },
        "additionalProperties": False,
        "$defs": {**defs, "Course": course},
    }
