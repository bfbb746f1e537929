"""JSON renderings: the report of CONTRACTS.md and the catalogue listings."""

from __future__ import annotations

import json
from typing import Any

from pmpath.models import Catalog, Report


def report(rep: Report, catalog: Catalog | None = None, **_: Any) -> str:
    return rep.model_dump_json(indent=2) + "\n"


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def levels(catalog: Catalog) -> str:
    return dumps({"schema_version": 1, "levels": [lv.model_dump(mode="json") for lv in catalog.levels]})


def skills(catalog: Catalog) -> str:
    return dumps(
        {
            "schema_version": 1,
            "groups": [g.model_dump(mode="json") for g in catalog.groups],
            "skills": [s.model_dump(mode="json") for s in catalog.skills],
        }
    )


def courses(catalog: Catalog) -> str:
    return dumps({"schema_version": 1, "courses": [c.model_dump(mode="json") for c in catalog.courses]})
