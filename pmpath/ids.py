"""The public ids of CONTRACTS.md, importable without pydantic (the CLI needs them at start-up)."""

from __future__ import annotations

from typing import Literal, get_args

LEVEL_IDS: tuple[str, ...] = (
    "junior_pm",
    "pm",
    "senior_pm",
    "principal_pm",
    "director",
    "vp_product",
    "cpo",
)
"""The ladder, lowest first. These ids never change."""

CPO_SKILLS: tuple[str, ...] = ("communication", "strategy", "persuasion", "decision_making", "delegation")
"""The five CPO competencies of seed 000; every catalogue must rate them."""

DegreeId = Literal["none", "bachelor", "master", "mba", "ms_cs", "phd"]
"""The degrees a profile may hold and a step may recommend; their names are in the catalogues."""
DEGREE_IDS: tuple[str, ...] = get_args(DegreeId)
