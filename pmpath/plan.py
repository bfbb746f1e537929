"""This quarter's plan: the three most useful things to do before the next check-in, chosen from
the first roadmap step. One rule, used wherever a plan is shown or compared: the report's "For
the next quarter", a check-in against the plan a past run made, a cohort's planned-vs-moved.

Pure, and fed plain values so that a stored report's JSON (progress, check-ins) and a fresh
report's models choose the same three items.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from pmpath.models import PlanItem, Step

QUARTER_ITEMS = 3
"""A quarter holds about three pieces of deliberate growth beside the day job."""


def quarter(
    gaps: Sequence[tuple[str, int, int]],
    defining: Collection[str],
    managing_more: float,
    network: tuple[int, int, int],
) -> tuple[PlanItem, ...]:
    """`gaps` as (skill, rating, needed) in roadmap order; `network` as (more, target, now).

    The defining gaps of the next step first (the level is judged on them), the widest first;
    then other gaps; then the years of managing people the step needs; then the network."""
    items = [PlanItem(kind="skill", skill=s, rating=r, needed=n) for s, r, n in skills_first(gaps, defining)]
    if managing_more > 0:
        items.append(PlanItem(kind="managing", years=managing_more))
    more, target, now = network
    if more > 0:
        items.append(PlanItem(kind="network", target=target, now=now))
    return tuple(items[:QUARTER_ITEMS])


def skills_first(
    gaps: Sequence[tuple[str, int, int]], defining: Collection[str]
) -> list[tuple[str, int, int]]:
    """The order a plan takes skill gaps in (see `quarter`); a cohort, which plans only skills,
    takes the first QUARTER_ITEMS without building a plan's models."""
    return sorted(gaps, key=lambda g: (g[0] not in defining, g[1] - g[2]))


def step_plan(step: Step) -> tuple[PlanItem, ...]:
    return quarter(
        [(g.skill, g.rating, g.needed) for g in step.skill_gaps],
        step.defining_skills,
        step.experience.managing_more,
        (step.network.more, step.network.target, step.network.current),
    )


def stored_plan(report: dict[str, Any]) -> tuple[PlanItem, ...]:
    """The plan a stored report (its JSON, as the history keeps it) made: as it recorded it, or,
    from a report made before plans were recorded, chosen again from its roadmap."""
    if "plan" in report:
        return tuple(PlanItem(**item) for item in report["plan"])
    steps = report.get("roadmap", {}).get("steps") or []
    if not steps:
        return ()
    step = steps[0]
    network = step.get("network", {})
    return quarter(
        [(g["skill"], g["rating"], g["needed"]) for g in step.get("skill_gaps", ()) if _whole(g)],
        step.get("defining_skills", ()),
        step.get("experience", {}).get("managing_more", 0.0),
        (network.get("more", 0), network.get("target", 0), network.get("current", 0)),
    )


def _whole(gap: Any) -> bool:
    """A stored gap with what a plan needs: a report kept on disk is read, never trusted whole."""
    return isinstance(gap, dict) and all(isinstance(gap.get(k), t) for k, t in _GAP_FIELDS)


_GAP_FIELDS = (("skill", str), ("rating", int), ("needed", int))
