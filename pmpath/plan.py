"""This quarter's plan: the three most useful things to do before the next check-in, chosen from
the first roadmap step. One rule, used wherever a plan is shown or compared: the report's "For
the next quarter", a check-in against the plan a past run made, a cohort's planned-vs-moved.

Pure, and fed plain values so that a stored report (progress, check-ins) and a fresh report
choose the same three items. A stored report is read once, where it is read (`read_stored`),
into `Earlier`: what a later run takes from it; the arithmetic takes that model.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from pmpath.models import Model, PlanItem, Report, Step

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


@dataclass(frozen=True, kw_only=True)
class NextGap(Model):
    """A gap of a stored report's next step: the skill and the rating that step needs (an early
    history kept no rating with it)."""

    skill: str
    needed: int
    rating: int | None = None


@dataclass(frozen=True, kw_only=True)
class Earlier(Model):
    """What a later run takes from a report kept in the history: its next step (the level and
    the gaps `progress` holds against today's ratings) and the quarter's plan it made (which a
    check-in holds to account)."""

    level: str = ""
    """The first roadmap step's level; empty when the report's roadmap had no step."""
    gaps: tuple[NextGap, ...] = ()
    plan: tuple[PlanItem, ...] = ()


def earlier(report: Report, recorded: bool = True) -> Earlier:
    """A whole report's next step and plan; `recorded` False for a report made before plans were
    kept with it (its `plan` is then chosen again from its roadmap)."""
    steps = report.roadmap.steps
    if not steps:
        return Earlier(plan=report.plan if recorded else ())
    step = steps[0]
    return Earlier(
        level=step.level,
        gaps=tuple(NextGap(skill=g.skill, needed=g.needed, rating=g.rating) for g in step.skill_gaps),
        plan=report.plan if recorded else step_plan(step),
    )


def read_stored(data: Any) -> Earlier:
    """A stored report (its JSON data, as the history keeps it) read once into `Earlier`: as the
    Report model when it is one whole, else (what the earliest histories kept, or a report a
    person edited) taking only what is sound: a report kept on disk is read, never trusted."""
    from pmpath.models import from_data, plainly_whole

    if plainly_whole(Report, data):
        return earlier(from_data(Report, data), recorded="plan" in data)
    if not isinstance(data, dict):
        return Earlier()
    step = _first_step(data)
    if "plan" in data:
        plan = tuple(PlanItem(**item) for item in data["plan"])
    else:
        plan = _partial_plan(step) if step is not None else ()
    if step is None:
        return Earlier(plan=plan)
    return Earlier(level=step.get("level", ""), gaps=_gaps(step), plan=plan)


def _gaps(step: dict[str, Any]) -> tuple[NextGap, ...]:
    """A stored step's gaps that name a skill and the rating needed (what progress holds)."""
    return tuple(
        NextGap(skill=g["skill"], needed=g["needed"], rating=g.get("rating"))
        for g in step.get("skill_gaps", ())
        if isinstance(g, dict) and "skill" in g and "needed" in g
    )


def _first_step(data: dict[str, Any]) -> dict[str, Any] | None:
    roadmap = data.get("roadmap")
    steps = roadmap.get("steps") if isinstance(roadmap, dict) else None
    return steps[0] if isinstance(steps, list) and steps and isinstance(steps[0], dict) else None


def _partial_plan(step: dict[str, Any]) -> tuple[PlanItem, ...]:
    """The plan of a stored step that is not part of a whole report, chosen from what it holds."""
    network = step.get("network", {})
    return quarter(
        [(g["skill"], g["rating"], g["needed"]) for g in step.get("skill_gaps", ()) if _whole(g)],
        step.get("defining_skills", ()),
        step.get("experience", {}).get("managing_more", 0.0),
        (network.get("more", 0), network.get("target", 0), network.get("current", 0)),
    )


def stored_plan(report: dict[str, Any]) -> tuple[PlanItem, ...]:
    """The plan a stored report (its JSON, as the history keeps it) made: as it recorded it, or,
    from a report made before plans were recorded, chosen again from its roadmap."""
    return read_stored(report).plan


def _whole(gap: Any) -> bool:
    """A stored gap with what a plan needs: a report kept on disk is read, never trusted whole."""
    return isinstance(gap, dict) and all(isinstance(gap.get(k), t) for k, t in _GAP_FIELDS)


_GAP_FIELDS = (("skill", str), ("rating", int), ("needed", int))
