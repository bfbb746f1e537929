"""The roadmap from the assessed level to Chief Product Officer, one step per level."""

from __future__ import annotations

import math

from pmpath.models import (
    Answers,
    Assessment,
    Catalog,
    Course,
    CourseRef,
    DegreeAdvice,
    ExperienceNeed,
    Level,
    NetworkAdvice,
    Roadmap,
    SkillGap,
    Step,
)

COURSES_PER_STEP = 3


def build_roadmap(
    answers: Answers,
    assessment: Assessment,
    catalog: Catalog,
    current_year: int | None = None,
) -> Roadmap:
    """Plan every step above the assessed level up to the top of the ladder.

    `current_year` comes from the caller so the core never reads a clock; without it the plan
    speaks in years from now only.
    """
    start = catalog.level_index(assessment.level.id) + 1
    steps: list[Step] = []
    suggested: set[str] = set()
    years_so_far = 0.0
    for level in catalog.levels[start:]:
        step = _step(answers, level, catalog, years_so_far, current_year, suggested)
        suggested.update(c.id for c in step.courses)
        years_so_far = step.years_from_now
        steps.append(step)
    return Roadmap(
        target=catalog.levels[-1].id,
        steps=tuple(steps),
        years_to_target=years_so_far,
        earliest_year=_year(current_year, years_so_far),
    )


def _year(current_year: int | None, years: float) -> int | None:
    return None if current_year is None else current_year + math.ceil(years)


def _step(
    answers: Answers,
    level: Level,
    catalog: Catalog,
    previous_years: float,
    current_year: int | None,
    suggested: set[str],
) -> Step:
    profile = answers.profile
    gaps = [
        SkillGap(
            skill=skill.id,
            name=skill.name.en,
            rating=answers.ratings[skill.id],
            needed=level.skill_minimums[skill.id],
            behaviour=skill.anchors_localized(level.skill_minimums[skill.id]),
        )
        for skill in catalog.skills
        if answers.ratings[skill.id] < level.skill_minimums[skill.id]
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
    placement = catalog.placement
    # Skills, years and managing grow side by side, so the slowest of them sets the pace; and a
    # promotion cycle separates consecutive steps.
    years_from_now = max(
        previous_years + placement.years_per_promotion,
        experience.years_more,
        experience.managing_more,
        largest_gap * placement.years_per_skill_point,
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
        courses=pick_courses(catalog.courses, level, {g.skill for g in gaps}, suggested, answers),
        kpis=level.kpis,
        kpis_source=level.kpis_source,
        years_from_now=years_from_now,
        earliest_year=_year(current_year, years_from_now),
    )


def _degrees(answers: Answers, level: Level) -> DegreeAdvice:
    recommended = level.degrees.recommended
    held = tuple(d for d in answers.profile.degrees if d in recommended)
    return DegreeAdvice(
        recommended=recommended,
        held=held,
        met=not recommended or bool(held),
        required=False,
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
    """The few courses that suit this level and build the most of this step's missing skills,
    each with the gap skills it builds.

    A degree is offered only where the level recommends one the person lacks; a course already
    offered at an earlier step yields to a fresh one of the same fit.
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
        if gap_skills and not matches:
            continue
        ranked.append(
            (course.id in already, -len(matches), course.kind == "book", course.id, course, matches)
        )
    ranked.sort(key=lambda r: r[:4])
    return [(course, matches) for *_, course, matches in ranked[:COURSES_PER_STEP]]


def pick_courses(
    courses: tuple[Course, ...],
    level: Level,
    gap_skills: set[str],
    already: set[str],
    answers: Answers,
) -> tuple[CourseRef, ...]:
    return tuple(
        CourseRef(id=c.id, name=c.name, provider=c.provider, kind=c.kind, url=c.url, matches=m)
        for c, m in rank_courses(courses, level, gap_skills, already, answers.profile.degrees)
    )
