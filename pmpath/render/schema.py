"""JSON Schemas of the answers file and the report, from the pydantic models, for editors and CI."""

from __future__ import annotations

from typing import Any

from pmpath.models import Answers, Catalog, Report

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def answers_schema(catalog: Catalog) -> dict[str, Any]:
    """The model's schema, with `ratings` spelled out per skill so editors can complete and check ids."""
    schema = Answers.model_json_schema()
    schema["properties"]["ratings"] = {
        "type": "object",
        "description": "Every skill of the catalogue, rated 1-5 on its behavioural anchors.",
        "properties": {
            s.id: {"type": "integer", "minimum": 1, "maximum": 5, "description": s.name.en}
            for s in catalog.skills
        },
        "required": list(catalog.skill_ids),
        "additionalProperties": False,
    }
    return {"$schema": DIALECT, **schema, "title": "pmpath answers file"}


def report_schema() -> dict[str, Any]:
    return {"$schema": DIALECT, **Report.model_json_schema(), "title": "pmpath assessment report"}
