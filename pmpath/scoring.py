"""Placement: which level a person's answers reach, and what exactly blocks the next one."""

from __future__ import annotations

from pmpath.models import (
    Answers,
    Assessment,
    Catalog,
    Level,
    LevelCheck,
    LevelRef,
    Placement,
    Shortfall,
    SkillResult,
    TrackPlace,
)


def _shortfalls(
    answers: Answers, level: Level, skill_ids: tuple[str, ...]
) -> tuple[list[tuple[str, int, int]], list[tuple[str, float, float]]]:
    """The one statement of a level's bar: skills below their minimum (in catalogue order),
    and missing years."""
    ratings, minimums = answers.ratings, level.skill_minimums
    skills = [(s, ratings[s], minimums[s]) for s in skill_ids if ratings[s] < minimums[s]]
    profile = answers.profile
    years: list[tuple[str, float, float]] = []
    if profile.years_experience < level.min_years_experience:
        years.append(("experience", profile.years_experience, level.min_years_experience))
    if profile.years_managing < level.min_years_managing:
        years.append(("managing", profile.years_managing, level.min_years_managing))
    return skills, years


def _tolerable(
    skills: list[tuple[str, int, int]], placement: Placement, defining: tuple[str, ...] | frozenset[str]
) -> bool:
    """Years are never tolerated (they are facts); a noisy self-rating may be, a little, but
    never on a skill that defines the level (seed 001 names them per level)."""
    return len(skills) <= placement.tolerance_skills and all(
        need - have <= placement.tolerance_points and skill not in defining for skill, have, need in skills
    )


def _below(level: Level, catalog: Catalog) -> tuple[Level, ...]:
    """The levels under this one on its path (the road to the top, or its own track)."""
    for path in (catalog.path, *catalog.track_paths.values()):
        ids = [lv.id for lv in path]
        if level.id in ids:
            return path[: ids.index(level.id)]
    return ()


def never_tolerated(answers: Answers, level: Level, below: tuple[Level, ...]) -> frozenset[str]:
    """The level's defining skills, and any skill that defines a level below it where the
    rating misses that level's own minimum: tolerating it here would place someone above a rung
    whose bar they do not meet (README rule 1; the lowest rung is everyone's floor and is never
    climbed, so without this its defining skills could be skipped)."""
    never = set(level.defining_skills)
    for lower in below:
        never.update(s for s in lower.defining_skills if answers.ratings[s] < lower.skill_minimums[s])
    return frozenset(never)


def check_level(answers: Answers, level: Level, catalog: Catalog) -> LevelCheck:
    """Measure answers against one level's bar, applying the catalogue's small skill tolerance."""
    skills, years = _shortfalls(answers, level, catalog.skill_ids)
    skills.sort(key=lambda s: s[1] - s[2])  # stable: equal gaps keep catalogue order
    defining = level.defining_skills
    never = never_tolerated(answers, level, _below(level, catalog))
    skill_short = [
        Shortfall(kind="skill", id=s, have=have, need=need, defining=s in never) for s, have, need in skills
    ]
    years_short = [
        Shortfall(
            kind="experience" if kind == "experience" else "managing",
            id=_YEAR_FIELDS[kind],
            have=have,
            need=need,
        )
        for kind, have, need in years
    ]
    if not years and _tolerable(skills, catalog.placement, never):
        return LevelCheck(
            level=level.id, met=True, shortfalls=(), tolerated=tuple(skill_short), defining=defining
        )
    return LevelCheck(
        level=level.id, met=False, shortfalls=tuple(years_short + skill_short), defining=defining
    )


_YEAR_FIELDS = {"experience": "years_experience", "managing": "years_managing"}


def reached_level(answers: Answers, catalog: Catalog, levels: tuple[Level, ...] | None = None) -> int:
    """Climb the ladder (the road to the top, or one track) from the bottom and stop at the
    first level whose bar is not met.

    Everyone starts at the lowest level; a level counts only if every level below it is met too,
    so high self-ratings cannot skip rungs that years or other skills have not reached.
    Builds no models: a cohort calls this once per person.
    """
    placement, skill_ids = catalog.placement, catalog.skill_ids
    levels = catalog.path if levels is None else levels
    reached = 0
    for index in range(1, len(levels)):
        skills, years = _shortfalls(answers, levels[index], skill_ids)
        never = never_tolerated(answers, levels[index], levels[:index])
        if years or not _tolerable(skills, placement, never):
            break
        reached = index
    return reached


def standing(answers: Answers, catalog: Catalog) -> tuple[tuple[Level, ...], int]:
    """The person's own ladder (the road to the top, or one parallel track) and their rung on it.

    With parallel tracks the person is placed on each; the level that describes them is the
    higher band (rungs of the same height count alike). At equal height, someone who manages
    people is on the top (management) track and someone who does not on the other: a Senior PM
    with no reports is heading for Principal PM, one who manages for Group PM. One rule for
    the report and a cohort's rows, so both place a person alike.
    """
    paths = catalog.track_paths
    if not paths:
        return catalog.path, reached_level(answers, catalog)
    tracks = catalog.tracks
    assert tracks is not None  # track_paths is empty without a [tracks] table
    managing = answers.profile.years_managing > 0
    ranked = sorted(
        paths,
        key=lambda name: (name == tracks.top) == managing,  # the preferred track last: max() keeps it
    )
    reached = {name: reached_level(answers, catalog, paths[name]) for name in ranked}
    top = catalog.top.id
    own = max(
        ranked, key=lambda name: (reached[name], paths[name][reached[name]].id == top, ranked.index(name))
    )
    return paths[own], reached[own]


def next_rung(answers: Answers, catalog: Catalog, levels: tuple[Level, ...], reached: int) -> Level | None:
    """The rung above on the person's own track; at the top of a track that is not the top of
    the ladder (the IC track's last rung), the next rung of the road to the top, where the
    switch lands. None only at the top."""
    if reached + 1 < len(levels):
        return levels[reached + 1]
    road = reached_level(answers, catalog) + 1
    return catalog.path[road] if road < len(catalog.path) else None


def place(answers: Answers, catalog: Catalog) -> tuple[Level, Level | None, LevelCheck, LevelCheck | None]:
    """The person's level, the rung above it, and both checks."""
    levels, reached = standing(answers, catalog)
    level, nxt = levels[reached], next_rung(answers, catalog, levels, reached)
    current = check_level(answers, level, catalog)
    blocking = check_level(answers, nxt, catalog) if nxt is not None else None
    return level, nxt, current, blocking


def level_ref(level: Level) -> LevelRef:
    return LevelRef(id=level.id, name=level.name.en, track=level.track_id)


def assess(answers: Answers, catalog: Catalog) -> Assessment:
    level, nxt, current, blocking = place(answers, catalog)
    cpo = catalog.top
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
        level=level_ref(level),
        next_level=level_ref(nxt) if nxt else None,
        current=current,
        blocking=blocking,
        skills=skills,
    )


def level_at_least(level_id: str, minimum: str, catalog: Catalog) -> bool:
    """Rungs compare by height: with parallel tracks, a level of one track against the same
    rung of the other counts as reached."""
    return catalog.path_index(level_id) >= catalog.path_index(minimum)


def track_places(answers: Answers, catalog: Catalog) -> dict[str, TrackPlace | None]:
    """Where the person stands on each parallel track, by name (none for a single ladder)."""
    out: dict[str, TrackPlace | None] = {}
    tracks = catalog.tracks
    for name, levels in catalog.track_paths.items():
        assert tracks is not None  # track_paths is empty without a [tracks] table
        reached = reached_level(answers, catalog, levels)
        nxt = levels[reached + 1] if reached + 1 < len(levels) else None
        out[name] = TrackPlace(
            track=name,
            name=tracks.names[name].en,
            level=level_ref(levels[reached]),
            next_level=level_ref(nxt) if nxt else None,
        )
    return out
