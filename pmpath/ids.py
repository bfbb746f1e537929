"""The public ids of CONTRACTS.md, importable without pydantic (the CLI needs them at start-up)."""

from __future__ import annotations

from typing import Literal, get_args

LEVEL_IDS: tuple[str, ...] = (
    "junior_pm",
    "pm",
    "senior_pm",
    "principal_pm",
    "senior_principal_pm",
    "group_pm",
    "director",
    "vp_product",
    "cpo",
)
"""The bundled ladder in file order: the shared rungs, the IC track, then the management track
(whose top is CPO). These ids never change."""

SHARED_TRACK = "shared"
"""What a level on no track says in the data and the JSON report (CONTRACTS, round four)."""

CPO_SKILLS: tuple[str, ...] = ("communication", "strategy", "persuasion", "decision_making", "delegation")
"""The five CPO competencies of seed 000; every catalogue must rate them."""

DegreeId = Literal["none", "bachelor", "master", "mba", "ms_cs", "phd", "associate", "emba"]
"""The degrees a profile may hold and a step may recommend; their names are in the catalogues."""
DEGREE_IDS: tuple[str, ...] = get_args(DegreeId)
"""New ids are appended: a file written with an older pmpath stays valid."""
DEGREE_ORDER: tuple[str, ...] = ("associate", "bachelor", "master", "mba", "emba", "ms_cs", "phd")
"""The order a person is offered them in: by level of study (大专 before a bachelor's)."""

BusinessId = Literal["consumer", "b2b_saas", "platform", "marketplace", "hardware", "other"]
"""`profile.business` (CONTRACTS, round four): the business model a person's KPIs are chosen for."""
BUSINESS_IDS: tuple[str, ...] = get_args(BusinessId)
DEFAULT_BUSINESS = "other"
"""No particular business model: each level's general KPIs."""

SCOPES = ("me", "led", "team")
"""Whose work an evidence entry is: a committee asks what you did, apart from what the team did."""
