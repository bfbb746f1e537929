"""The roadmap from the assessed level to Chief Product Officer, one step per level."""

from __future__ import annotations

import math
from dataclasses import replace

from pmpath.ids import BusinessId
from pmpath.models import (
    Answers,
    Assessment,
    Catalog,
    Course,
    CourseRef,
    DegreeAdvice,
    ExperienceNeed,
    Level,
    LocalizedList,
    NetworkAdvice,
    Roadmap,
    Skill,
    SkillGap,
    Step,
    TrackSwitch,
)
from pmpath.scoring import reached_level

COURSES_PER_STEP = 3


def build_roadmap(
    answers: Answers,
    assessment: Assessment,
    catalog: Catalog,
    current_year: int | None = None,
) -> Roadmap:
    """Plan every step above the assessed level up to the top of the ladder.

    `current_year` comes from the caller so the core never reads a clock; without it the plan
    speaks in years from now only. Each step carries two estimates: typical (public career bands)
    and earliest (the minimum years and the fastest plausible promotion pace).
    """
    path = catalog.path
    # The road to the top leaves from the person's rung on it, which for someone placed on the
    # IC track is below their placement: the steps from there are the switch and what follows.
    start = (
        next(i for i, lv in enumerate(path) if lv.id == assessment.level.id)
        if assessment.level.id in {lv.id for lv in path}
        else reached_level(answers, catalog)
    ) + 1
    steps: list[Step] = []
    suggested: set[str] = set()
    typical = earliest = 0.0
    previous = path[start - 1]
    first_manager = _first_manager(catalog)
    # Each step's growth actions start where the step below left the skill, so the plan lists
    # every action once, at the step that needs it.
    reached = dict(answers.ratings)
    for level in path[start:]:
        step = _step(answers, level, previous, catalog, (typical, earliest), current_year, suggested, reached)
        reached.update({g.skill: g.needed for g in step.skill_gaps})
        step = replace(step, manages_people=level.id == first_manager)
        suggested.update(c.id for c in step.courses)
        typical, earliest = step.years_from_now, step.years_from_now_earliest
        previous = level
        steps.append(step)
    return Roadmap(
        target=path[-1].id,
        steps=tuple(steps),
        years_to_target=typical,
        years_to_target_earliest=earliest,
        earliest_year=_year(current_year, earliest),
        typical_year=_year(current_year, typical),
        track_switch=_track_switch(answers, catalog, {s.level for s in steps}, first_manager),
    )


def rung_step(answers: Answers, level_id: str, previous_id: str, catalog: Catalog) -> Step:
    """One step on its own: the next rung of a person's own track when the road to the top
    leaves it (a Principal PM's next rung is Senior Principal, whatever the road to CPO says)."""
    level, previous = catalog.level(level_id), catalog.level(previous_id)
    return _step(answers, level, previous, catalog, (0.0, 0.0), None, set(), dict(answers.ratings))


def _first_manager(catalog: Catalog) -> str | None:
    """Where the road up leaves the individual-contributor track: the first level of the top
    track (parallel tracks), else the first level that needs years of managing people."""
    tracks = catalog.tracks
    if tracks is not None and tracks.join is not None:
        return next((lv.id for lv in catalog.path if lv.track == tracks.top), None)
    if tracks is None:
        return None
    return next((lv.id for lv in catalog.path if lv.min_years_managing > 0), None)


def _year(current_year: int | None, years: float) -> int | None:
    return None if current_year is None else current_year + math.ceil(years)


def _track_switch(
    answers: Answers, catalog: Catalog, ahead: set[str], first_manager: str | None
) -> TrackSwitch | None:
    """The step where people management becomes required, when it still lies ahead."""
    if first_manager is None or first_manager not in ahead:
        return None
    level = catalog.level(first_manager)
    tracks = catalog.tracks
    assert tracks is not None  # _first_manager finds no switch without tracks
    delegates = "delegation" in level.skill_minimums
    return TrackSwitch(
        level=level.id,
        name=level.name.en,
        managing_needed=level.min_years_managing,
        managing_now=answers.profile.years_managing,
        delegation_now=answers.ratings["delegation"] if delegates else None,
        delegation_needed=level.skill_minimums["delegation"] if delegates else None,
        note=tracks.switch_note,
        source=tracks.source,
    )


def _step(
    answers: Answers,
    level: Level,
    previous: Level,
    catalog: Catalog,
    so_far: tuple[float, float],
    current_year: int | None,
    suggested: set[str],
    reached: dict[str, int],
) -> Step:
    profile = answers.profile
    needs = level.skill_minimums
    gaps = [
        _gap(catalog, skill, answers.ratings[skill.id], needs[skill.id], reached[skill.id])
        for skill in catalog.skills
        if answers.ratings[skill.id] < needs[skill.id]
    ]
    gaps.sort(key=lambda g: g.rating - g.needed)
    experience = ExperienceNeed(
        years_needed=level.min_years_experience,
        years_now=profile.years_experience,
        years_more=max(0.0, level.min_years_experience - profile.years_experience),
        managing_needed=level.min_years_managing,
        managing_now=profile.years_managing,
        managing_more=max(0.0, level.min_years_managing - profile.years_managing),
    )
    largest_gap = max((g.needed - g.rating for g in gaps), default=0)
    kpis, kpis_source, kpis_business = _kpis(level, profile.business)
    typical, earliest = _pace(
        level, previous, catalog, so_far, profile.years_experience, experience, largest_gap
    )
    return Step(
        level=level.id,
        name=level.name.en,
        skill_gaps=tuple(gaps),
        experience=experience,
        degrees=_degrees(answers, level),
        network=NetworkAdvice(
            target=level.network.target,
            current=profile.network_size,
            more=max(0, level.network.target - profile.network_size),
            actions=level.network.actions,
            source=level.network.source,
        ),
        courses=_courses(catalog, level, frozenset(g.skill for g in gaps), suggested, answers),
        kpis=kpis,
        kpis_source=kpis_source,
        kpis_business=kpis_business,
        defining_skills=level.defining_skills,
        years_from_now=typical,
        years_from_now_earliest=earliest,
        earliest_year=_year(current_year, earliest),
        typical_year=_year(current_year, typical),
    )


def _gap(catalog: Catalog, skill: Skill, rating: int, needed: int, reached: int) -> SkillGap:
    """One skill short of a step's bar. Made once per catalogue for each rating, bar and place
    the step below left it (models are immutable, so steps share them): a cohort's roadmaps
    meet the same few hundred gaps thousands of times."""
    known: dict[tuple[str, int, int, int], SkillGap] = catalog.memo.setdefault("skill_gaps", {})
    key = (skill.id, rating, needed, reached)
    found = known.get(key)
    if found is None:
        found = known[key] = SkillGap(
            skill=skill.id,
            name=skill.name.en,
            rating=rating,
            needed=needed,
            behaviour=skill.anchors_localized(needed),
            actions=skill.actions_between(reached, needed),
        )
    return found


def _courses(
    catalog: Catalog, level: Level, gap_skills: frozenset[str], already: set[str], answers: Answers
) -> tuple[CourseRef, ...]:
    """pick_courses, remembered with the catalogue: the choice depends on the level, the gap
    skills, the courses offered below and the recommended degrees held, which many people share."""
    known: dict[tuple[object, ...], tuple[CourseRef, ...]] = catalog.memo.setdefault("picked_courses", {})
    held = tuple(d for d in answers.profile.degrees if d in level.degrees.recommended)
    key = (level.id, gap_skills, frozenset(already), held)
    found = known.get(key)
    if found is None:
        if len(known) >= PICKS_KEPT:  # a very varied cohort: start again rather than grow
            known.clear()
        found = known[key] = pick_courses(catalog.courses, level, set(gap_skills), already, answers)
    return found


PICKS_KEPT = 10_000
"""Course picks kept per catalogue (a few MB): a cohort of 2,000 made about 6,000."""


def _kpis(level: Level, business: BusinessId) -> tuple[LocalizedList, str, BusinessId]:
    """The step's KPIs for the person's business model where the level has them, else its
    general ones, saying which (the report names the model the KPIs assume)."""
    variant = level.kpis_for.get(business) if business != "other" else None
    if variant is None:
        return level.kpis, level.kpis_source, "other"
    return variant.as_list(), variant.source, business


def _pace(
    level: Level,
    previous: Level,
    catalog: Catalog,
    so_far: tuple[float, float],
    years_now: float,
    experience: ExperienceNeed,
    largest_gap: int,
) -> tuple[float, float]:
    """When the step is reached, typically and at the earliest (years from now).

    Only what is left adds time: a step whose bar the person already meets (a rung passed on
    the way back from the other track) adds none. Otherwise skills, years and managing grow side
    by side, so the slowest of them sets the pace; and a promotion cycle separates consecutive
    steps. The earliest estimate uses the gates and the fastest plausible cycle; the typical one
    the public bands (time in level, typical years).
    """
    typical_so_far, earliest_so_far = so_far
    if not largest_gap and not experience.years_more and not experience.managing_more:
        return so_far
    pace = catalog.placement
    earliest = max(
        earliest_so_far + pace.years_per_promotion,
        experience.years_more,
        experience.managing_more,
        largest_gap * pace.years_per_skill_point,
    )
    in_level = previous.typical_years_in_level
    reached_at = level.typical_years_experience
    typical = max(  # never sooner than the earliest: its gates (years, managing) hold here too
        typical_so_far + (pace.years_per_promotion * 4 / 3 if in_level is None else in_level),
        (level.min_years_experience if reached_at is None else reached_at) - years_now,
        largest_gap * pace.typical_years_per_skill_point,
        earliest,
    )
    return typical, earliest


def _degrees(answers: Answers, level: Level) -> DegreeAdvice:
    recommended = level.degrees.recommended
    held = tuple(d for d in answers.profile.degrees if d in recommended)
    return DegreeAdvice(
        recommended=recommended,
        held=held,
        met=not recommended or bool(held),
        note=level.degrees.note,
        source=level.degrees.source,
    )


def rank_courses(
    courses: tuple[Course, ...],
    level: Level,
    gap_skills: set[str] | frozenset[str],
    already: set[str],
    degrees: tuple[str, ...],
) -> list[tuple[Course, tuple[str, ...]]]:
    """The few courses that serve this level and build the most of this step's missing skills,
    each with the gap skills it builds: the best few taught in English, then the best few taught
    in Chinese, so a reader of either language has a full list (the renderers choose).

    Only courses whose level range includes the step are considered (executive programmes name
    only Director and above; the loader checks). A degree is offered only where the level
    recommends one the person lacks. A course already offered at an earlier step comes only
    when no fresh course fits, so a plan does not repeat itself.
    """
    recommended = level.degrees.recommended
    degree_missing = bool(recommended) and not any(d in recommended for d in degrees)
    ranked = []
    for course in courses:
        if level.id not in course.levels:
            continue
        if course.kind == "degree" and not (degree_missing and course.degree in recommended):
            continue
        matches = tuple(s for s in course.skills if s in gap_skills)
        if gap_skills and not matches and course.id in already:
            continue
        # fresh before repeated, most gap skills built first (none last), books after
        # programmes, then by id: ids are unique, so the order never depends on more
        ranked.append(
            (course.id in already, -len(matches), course.kind == "book", course.id, course, matches)
        )
    ranked.sort(key=lambda r: r[:4])
    english = [r for r in ranked if r[4].lang != "zh"][:COURSES_PER_STEP]
    chinese = [r for r in ranked if r[4].lang == "zh"][:COURSES_PER_STEP]
    return [(course, matches) for *_, course, matches in english + chinese]


def pick_courses(
    courses: tuple[Course, ...],
    level: Level,
    gap_skills: set[str],
    already: set[str],
    answers: Answers,
) -> tuple[CourseRef, ...]:
    return tuple(
        CourseRef(id=c.id, name=c.name, provider=c.provider, kind=c.kind, url=c.url, matches=m, lang=c.lang)
        for c, m in rank_courses(courses, level, gap_skills, already, answers.profile.degrees)
    )
