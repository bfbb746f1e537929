"""Placement: which level a person's answers reach, and what exactly blocks the next one."""

from __future__ import annotations

from pmpath.models import (
    Answers,
    Assessment,
    Catalog,
    Level,
    LevelCheck,
    LevelRef,
    Shortfall,
    SkillResult,
)


def check_level(answers: Answers, level: Level, catalog: Catalog) -> LevelCheck:
    """Measure answers against one level's bar, applying the catalogue's small skill tolerance.

    Years are never tolerated: self-ratings are noisy, years of experience are not.
    """
    profile = answers.profile
    skill_short = [
        Shortfall(kind="skill", id=skill_id, have=answers.ratings[skill_id], need=minimum)
        for skill_id, minimum in level.skill_minimums.items()
        if answers.ratings[skill_id] < minimum
    ]
    skill_short.sort(key=lambda s: (s.have - s.need, catalog.skill_ids.index(s.id)))
    years_short: list[Shortfall] = []
    if profile.years_experience < level.min_years_experience:
        years_short.append(
            Shortfall(
                kind="experience",
                id="years_experience",
                have=profile.years_experience,
                need=level.min_years_experience,
            )
        )
    if profile.years_managing < level.min_years_managing:
        years_short.append(
            Shortfall(
                kind="managing",
                id="years_managing",
                have=profile.years_managing,
                need=level.min_years_managing,
            )
        )
    placement = catalog.placement
    tolerable = len(skill_short) <= placement.tolerance_skills and all(
        s.need - s.have <= placement.tolerance_points for s in skill_short
    )
    if tolerable and not years_short:
        return LevelCheck(level=level.id, met=True, shortfalls=(), tolerated=tuple(skill_short))
    return LevelCheck(level=level.id, met=False, shortfalls=tuple(years_short + skill_short))


def place(answers: Answers, catalog: Catalog) -> tuple[int, LevelCheck, LevelCheck | None]:
    """Climb the ladder from the bottom and stop at the first level whose bar is not met.

    Everyone starts at the lowest level; a level counts only if every level below it is met too,
    so high self-ratings cannot skip rungs that years or other skills have not reached.
    Returns the reached level's index, its check, and the check of the level that blocks.
    """
    levels = catalog.levels
    reached = 0
    current = check_level(answers, levels[0], catalog)
    for index in range(1, len(levels)):
        check = check_level(answers, levels[index], catalog)
        if not check.met:
            return reached, current, check
        reached, current = index, check
    return reached, current, None


def assess(answers: Answers, catalog: Catalog) -> Assessment:
    reached, current, blocking = place(answers, catalog)
    levels = catalog.levels
    level = levels[reached]
    nxt = levels[reached + 1] if reached + 1 < len(levels) else None
    cpo = levels[-1]
    skills = tuple(
        SkillResult(
            id=skill.id,
            name=skill.name.en,
            group=skill.group,
            rating=answers.ratings[skill.id],
            level_min=level.skill_minimums[skill.id],
            next_min=nxt.skill_minimums[skill.id] if nxt else None,
            cpo_min=cpo.skill_minimums[skill.id],
            gap_to_next=max(0, nxt.skill_minimums[skill.id] - answers.ratings[skill.id]) if nxt else 0,
            gap_to_cpo=max(0, cpo.skill_minimums[skill.id] - answers.ratings[skill.id]),
        )
        for skill in catalog.skills
    )
    return Assessment(
        profile=answers.profile,
        level=LevelRef(id=level.id, name=level.name.en),
        next_level=LevelRef(id=nxt.id, name=nxt.name.en) if nxt else None,
        current=current,
        blocking=blocking,
        skills=skills,
    )


def level_at_least(level_id: str, minimum: str, catalog: Catalog) -> bool:
    return catalog.level_index(level_id) >= catalog.level_index(minimum)
