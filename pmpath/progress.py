"""What moved between assessments: per-skill change, level changes, the roadmap closed and still
open (pure: runs in, a model out)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pmpath.errors import Msg
from pmpath.models import Model
from pmpath.plan import Earlier


@dataclass(frozen=True, kw_only=True)
class RunRef(Model):
    id: int
    at: str
    level: str
    level_name: str


@dataclass(frozen=True, kw_only=True)
class SkillChange(Model):
    id: str
    name: str
    __aliases__: ClassVar[dict[str, str]] = {"from_": "from"}

    from_: int | None = None
    to: int
    delta: int | None
    trail: tuple[int, ...]
    """The rating at every run in between, oldest first (the sparkline)."""


@dataclass(frozen=True, kw_only=True)
class LevelChange(Model):
    at: str
    run: int
    level: str
    level_name: str
    track: str = ""
    """`shared`, `ic` or `management` (a company ladder's own names); empty if the ladder lacks it."""
    reviews: int = 0
    """Others' reviews the run was placed with: a level from reviews and one from self-ratings
    alone are not like for like (levels can swing PM → Senior PM → PM between them)."""


@dataclass(frozen=True, kw_only=True)
class GapState(Model):
    skill: str
    name: str
    needed: int
    level: str
    now: int


@dataclass(frozen=True, kw_only=True)
class PlannedState(Model):
    """A skill the earlier run planned to grow this quarter, and where it is now."""

    skill: str
    name: str
    then: int
    needed: int
    now: int
    moved: bool
    """Rated higher now than when it was planned."""
    reached: bool
    """At the rating the plan aimed for."""


@dataclass(frozen=True, kw_only=True)
class Progress(Model):
    __aliases__: ClassVar[dict[str, str]] = {"from_run": "from", "to_run": "to"}

    schema_version: int = 1
    name: str
    runs: int
    from_run: RunRef
    to_run: RunRef
    skills: tuple[SkillChange, ...]
    levels: tuple[LevelChange, ...]
    closed: tuple[GapState, ...]
    """Gaps of the next step at the first run that the latest run has closed."""
    open: tuple[GapState, ...]
    planned: tuple[PlannedState, ...] = ()
    """The skills the first compared run planned for its quarter, and where they are now."""
    evidence: dict[str, int] = field(default_factory=dict)
    """Evidence entries dated on or after the first compared run, by skill."""
    run_ids: tuple[int, ...] = ()
    """The runs compared, oldest first: a run this pmpath cannot read is left out of them."""


def planned_states(
    before: Earlier | dict[str, Any], ratings: dict[str, int], skill_names: dict[str, str]
) -> tuple[PlannedState, ...]:
    """The skill items of the plan an earlier report made, held against `ratings` now; the
    report as read from the history (`plan.read_stored`), or its stored JSON data still to read."""
    from pmpath.plan import read_stored

    plan = before.plan if isinstance(before, Earlier) else read_stored(before).plan
    out = []
    for item in plan:
        if item.kind != "skill" or item.skill is None or item.rating is None or item.needed is None:
            continue
        now = ratings.get(item.skill, 0)
        out.append(
            PlannedState(
                skill=item.skill,
                name=skill_names.get(item.skill, item.skill),
                then=item.rating,
                needed=item.needed,
                now=now,
                moved=now > item.rating,
                reached=now >= item.needed,
            )
        )
    return tuple(out)


def logged_since(dates: Sequence[tuple[str, str]], since: str) -> dict[str, int]:
    """Evidence entries, as (skill, date), dated on or after `since` (YYYY-MM-DD), by skill."""
    counts: dict[str, int] = {}
    for skill, date in dates:
        if date >= since[:10]:
            counts[skill] = counts.get(skill, 0) + 1
    return counts


def progress(
    name: str,
    runs: list[Any],
    skill_names: dict[str, str],
    level_names: dict[str, str] | None = None,
    logged: Sequence[tuple[str, str]] = (),
    level_tracks: dict[str, str] | None = None,
    then: Earlier | None = None,
) -> Progress:
    """`runs` oldest first, each with id, at, level, level_name and answers (dict); `then` the
    first run's report as read from the history (`plan.read_stored`), else read here from its
    `report` (the JSON text kept); `logged` the person's evidence as (skill, date)."""
    first, latest = runs[0], runs[-1]
    if then is None:
        import json

        from pmpath.plan import read_stored

        then = read_stored(json.loads(first.report))
    skills = []
    for skill_id, label in skill_names.items():
        trail = tuple(r.answers["ratings"][skill_id] for r in runs if skill_id in r.answers["ratings"])
        before = first.answers["ratings"].get(skill_id)
        after = latest.answers["ratings"].get(skill_id, 0)
        skills.append(
            SkillChange(
                id=skill_id,
                name=label,
                from_=before,
                to=after,
                delta=None if before is None else after - before,
                trail=trail,
            )
        )
    names, tracks = level_names or {}, level_tracks or {}
    levels = [
        LevelChange(
            at=r.at,
            run=r.id,
            level=r.level,
            level_name=names.get(r.level, r.level_name),
            track=tracks.get(r.level, ""),
            reviews=_reviews(r),
        )
        for i, r in enumerate(runs)
        if i == 0 or runs[i - 1].level != r.level or _reviews(runs[i - 1]) != _reviews(r)
    ]
    closed: list[GapState] = []
    still: list[GapState] = []
    for gap in then.gaps:
        now = latest.answers["ratings"].get(gap.skill, 0)
        state = GapState(
            skill=gap.skill,
            name=skill_names.get(gap.skill, gap.skill),
            needed=gap.needed,
            level=then.level,
            now=now,
        )
        (closed if now >= gap.needed else still).append(state)

    def ref(r: Any) -> RunRef:
        return RunRef(id=r.id, at=r.at, level=r.level, level_name=r.level_name)

    return Progress(
        name=name,
        runs=len(runs),
        from_run=ref(first),
        to_run=ref(latest),
        skills=tuple(skills),
        levels=tuple(levels),
        closed=tuple(closed),
        open=tuple(still),
        planned=planned_states(then, latest.answers["ratings"], skill_names),
        evidence=logged_since(logged, first.at),
        run_ids=tuple(r.id for r in runs),
    )


def _reviews(run: Any) -> int:
    return int(getattr(run, "reviews", 0))


def since_line(
    before: Any,
    ratings: dict[str, int],
    level: str,
    skill_names: dict[str, str],
    level_names: dict[str, str] | None = None,
    level_tracks: dict[str, str] | None = None,
) -> Msg:
    """One line for the end of an interactive run: what changed since the last one. Levels are
    named as the reader's ladder names them (`level_names`); an id only for a level it lacks.
    A move onto another track (`level_tracks`: a level's track name, none on the shared rungs)
    is named: Principal PM → Group PM is a change of track, not a promotion."""
    moved = []
    for skill_id, label in skill_names.items():
        old = before.answers["ratings"].get(skill_id)
        new = ratings.get(skill_id)
        if old is not None and new is not None and new != old:
            moved.append(f"{new - old:+d} {label}")
    what: Msg | str = Msg("i_since_list", items=tuple(moved)) if moved else Msg("i_since_none")
    names, tracks = level_names or {}, level_tracks or {}
    shown = {"before": names.get(before.level, before.level), "now": names.get(level, level)}
    track = tracks.get(level)
    changed: Msg | str = ""
    if before.level != level and track and track != tracks.get(before.level):
        changed = Msg("i_since_level_track", track=track, **shown)
    elif before.level != level:
        changed = Msg("i_since_level", **shown)
    return Msg("i_since", date=before.at[:10], what=what, level=changed)
