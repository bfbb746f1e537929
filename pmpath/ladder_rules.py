"""The checks a schema cannot express, as a list of small named rules (as a linter registers its
rules): ids that refer to each other, order, bars that never fall up the ladder.

Each rule looks at a loaded ladder and yields its problems; `pmpath.catalog` raises the first one
as a one-line error naming the file, field and line. A rule is added by writing it and putting it
in RULES, where the order is the order people meet the errors in; tests/test_ladder_rules.py holds
a broken ladder for every rule and fails when a rule has none.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from pmpath.errors import Msg
from pmpath.ids import CPO_SKILLS, LEVEL_IDS
from pmpath.models import Catalog, Level, dump


class Problem(NamedTuple):
    """What is wrong and where: `courses` says which of the two files."""

    loc: tuple[Any, ...]
    message: Msg
    courses: bool = False


@dataclass(frozen=True)
class Ladder:
    """A validated catalogue and what the rules keep asking of it."""

    catalog: Catalog
    bundled: bool

    @cached_property
    def skill_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.catalog.skills)

    @cached_property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(lv.id for lv in self.catalog.levels)

    @cached_property
    def index(self) -> dict[str, int]:
        return {lv.id: i for i, lv in enumerate(self.catalog.levels)}

    def levels(self) -> Iterator[tuple[int, Level]]:
        return enumerate(self.catalog.levels)


Rule = Callable[[Ladder], Iterator[Problem]]


def unique_groups(ladder: Ladder) -> Iterator[Problem]:
    ids = [g.id for g in ladder.catalog.groups]
    if len(set(ids)) != len(ids):
        yield Problem(("groups",), Msg("lr_groups_unique"))


def has_skills(ladder: Ladder) -> Iterator[Problem]:
    if not ladder.skill_ids:
        yield Problem(("skills",), Msg("lr_one_skill"))


def unique_skills(ladder: Ladder) -> Iterator[Problem]:
    for i, skill_id in enumerate(ladder.skill_ids):
        if skill_id in ladder.skill_ids[:i]:
            yield Problem(("skills", i, "id"), Msg("lr_skill_twice", id=repr(skill_id)))


def known_groups(ladder: Ladder) -> Iterator[Problem]:
    groups = {g.id for g in ladder.catalog.groups}
    for i, skill in enumerate(ladder.catalog.skills):
        if skill.group not in groups:
            yield Problem(("skills", i, "group"), Msg("lr_unknown_group", id=repr(skill.group)))


def five_anchors(ladder: Ladder) -> Iterator[Problem]:
    """Five anchors per language given; the bundled ladder gives both languages."""
    for i, skill in enumerate(ladder.catalog.skills):
        for lang, anchors in (("en", skill.anchors.en), ("zh", skill.anchors.zh)):
            if anchors is None and not ladder.bundled:
                continue
            found = 0 if anchors is None else len(anchors)
            if found != 5:
                yield Problem(("skills", i, "anchors", lang), Msg("lr_five_anchors", found=found))


def bundled_skills(ladder: Ladder) -> Iterator[Problem]:
    """pmpath's own ladder keeps the contract's ids and the CPO competencies."""
    if not ladder.bundled:
        return
    for required in CPO_SKILLS:
        if required not in ladder.skill_ids:
            yield Problem(("skills",), Msg("lr_cpo_skill", id=repr(required)))
    if ladder.level_ids != LEVEL_IDS:
        yield Problem(("levels",), Msg("lr_bundled_ids", ids=", ".join(LEVEL_IDS)))
    tracks = ladder.catalog.tracks
    if tracks is None or tracks.join is None:
        yield Problem(("tracks", "join"), Msg("lr_bundled_tracks"))


def bundled_fields(ladder: Ladder) -> Iterator[Problem]:
    """Every field the seeds give a source for, filled in on pmpath's own ladder."""
    if not ladder.bundled:
        return
    for i, level in ladder.levels():
        for field in ("typical_years_in_level", "typical_years_experience"):
            if getattr(level, field) is None:
                yield Problem(("levels", i, field), Msg("e_missing"))
        if not level.defining_skills:
            yield Problem(("levels", i, "defining_skills"), Msg("lr_name_defining"))
        for field in ("responsibilities", "kpis"):
            if not getattr(level, field).en:
                yield Problem(("levels", i, field), Msg("lr_items_both"))


def bundled_chinese(ladder: Ladder) -> Iterator[Problem]:
    """pmpath's own ladder is complete in Chinese: every `en` text has its `zh`."""
    if not ladder.bundled:
        return
    for loc, value in _walk(dump(ladder.catalog)):
        if isinstance(value, dict) and "en" in value and value.get("zh") is None:
            yield Problem((*loc, "zh"), Msg("lr_bundled_zh"), courses=loc[:1] == ("courses",))


def _walk(value: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield loc, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, (*loc, i))


def enough_levels(ladder: Ladder) -> Iterator[Problem]:
    if not ladder.bundled and len(ladder.level_ids) < 2:
        yield Problem(("levels",), Msg("lr_two_levels", found=len(ladder.level_ids)))


def unique_levels(ladder: Ladder) -> Iterator[Problem]:
    for i, level_id in enumerate(ladder.level_ids):
        if level_id in ladder.level_ids[:i]:
            yield Problem(("levels", i, "id"), Msg("lr_level_twice", id=repr(level_id)))


def tracks_declared(ladder: Ladder) -> Iterator[Problem]:
    """A level on a track needs a [tracks] table, and a track needs the level where they part."""
    tracks = ladder.catalog.tracks
    on_track = [i for i, lv in ladder.levels() if lv.track is not None]
    if on_track and tracks is None:
        yield Problem(("levels", on_track[0], "track"), Msg("lr_no_tracks_table"))
    elif on_track and tracks is not None and tracks.join is None and tracks.ic_top is None:
        yield Problem(("tracks", "join"), Msg("lr_say_join"))


def management_without_ic(ladder: Ladder) -> Iterator[Problem]:
    """A management rung never requires an IC-only rung (issue 36): on one line, an `ic` level
    below a `management` level would make every manager pass the IC bar first."""
    tracks = ladder.catalog.tracks
    if tracks is not None and tracks.join is not None:
        return  # parallel tracks: each climbs the shared rungs and its own
    ic = [lv.id for lv in ladder.catalog.levels if lv.track == "ic"]
    for i, level in ladder.levels():
        below = [lid for lid in ic if ladder.index[lid] < i]
        if level.track == "management" and below:
            yield Problem(
                ("levels", i, "track"), Msg("lr_management_needs_ic", id=repr(level.id), ic=repr(below[0]))
            )
            return


def ic_top_known(ladder: Ladder) -> Iterator[Problem]:
    """Above the end of the IC part every level manages people, and only those levels do."""
    tracks = ladder.catalog.tracks
    if tracks is None or tracks.ic_top is None:
        return
    if tracks.ic_top not in ladder.index:
        yield Problem(("tracks", "ic_top"), Msg("lr_unknown_level", id=repr(tracks.ic_top)))
        return
    top = ladder.index[tracks.ic_top]
    for i, level in ladder.levels():
        if (i > top) != (level.min_years_managing > 0):
            yield Problem(("levels", i, "min_years_managing"), Msg("lr_managing_above_ic_top"))


def ic_top_or_join(ladder: Ladder) -> Iterator[Problem]:
    tracks = ladder.catalog.tracks
    if tracks is not None and tracks.ic_top is not None:
        if tracks.join is not None:
            yield Problem(("tracks", "ic_top"), Msg("lr_ic_top_or_join"))
        elif any(lv.track is not None for lv in ladder.catalog.levels):
            yield Problem(("tracks", "join"), Msg("lr_say_join"))


def join_shared(ladder: Ladder) -> Iterator[Problem]:
    """Parallel tracks part at a shared level, and name the track that reaches the top."""
    tracks = ladder.catalog.tracks
    if tracks is None or tracks.join is None or tracks.ic_top is not None:
        return
    if tracks.join not in ladder.index or ladder.catalog.level(tracks.join).track is not None:
        yield Problem(("tracks", "join"), Msg("lr_join_shared", id=repr(tracks.join)))
    elif len(tracks.names) < 2 or tracks.top not in tracks.names:
        yield Problem(("tracks", "top"), Msg("lr_name_tracks"))


def track_order(ladder: Ladder) -> Iterator[Problem]:
    """The shared levels first, each track's levels after, the top track's last."""
    tracks = ladder.catalog.tracks
    if tracks is None or tracks.join is None or tracks.ic_top is not None or tracks.join not in ladder.index:
        return
    join = ladder.index[tracks.join]
    for i, level in ladder.levels():
        if (i > join) != (level.track is not None):
            yield Problem(("levels", i, "track"), Msg("lr_track_order"))
        if level.track is not None and level.track not in tracks.names:
            yield Problem(("levels", i, "track"), Msg("lr_unknown_track", id=repr(level.track)))
    for name in tracks.names:
        if not any(lv.track == name for lv in ladder.catalog.levels):
            yield Problem(("tracks", "names", name), Msg("lr_empty_track"))
    if ladder.catalog.levels[-1].track != tracks.top:
        yield Problem(("levels",), Msg("lr_last_level_top", track=repr(tracks.top)))


def defining_skills_known(ladder: Ladder) -> Iterator[Problem]:
    for i, level in ladder.levels():
        for skill_id in level.defining_skills:
            if skill_id not in ladder.skill_ids:
                yield Problem(("levels", i, "defining_skills"), Msg("lr_unknown_skill", id=repr(skill_id)))
        if len(set(level.defining_skills)) != len(level.defining_skills):
            yield Problem(("levels", i, "defining_skills"), Msg("lr_skill_named_twice"))


def minimums_complete(ladder: Ladder) -> Iterator[Problem]:
    """Every level sets a minimum for every skill, and only for skills the ladder has."""
    for i, level in ladder.levels():
        unknown = [s for s in level.skill_minimums if s not in ladder.skill_ids]
        if unknown:
            yield Problem(("levels", i, "skill_minimums", unknown[0]), Msg("e_unknown_skill_id"))
        missing = [s for s in ladder.skill_ids if s not in level.skill_minimums]
        if missing:
            yield Problem(("levels", i, "skill_minimums"), Msg("lr_no_minimum", id=repr(missing[0])))


def lists_paired(ladder: Ladder) -> Iterator[Problem]:
    """A list given in Chinese has as many items as in English: item n translates item n."""
    for i, level in ladder.levels():
        for field in ("responsibilities", "kpis", "network"):
            pair = level.network.actions if field == "network" else getattr(level, field)
            if pair.zh is not None and len(pair.en) != len(pair.zh):
                where = ("levels", i, "network", "actions") if field == "network" else ("levels", i, field)
                yield Problem(where, Msg("lr_lists_differ"))


_RISING = ("min_years_experience", "min_years_managing", "typical_years_experience")


def _climbs(ladder: Ladder) -> Iterator[tuple[int, Level, Level]]:
    """Each step up every path of the ladder: (index of the upper level, lower, upper)."""
    for path in (ladder.catalog.path, *ladder.catalog.track_paths.values()):
        for below, above in itertools.pairwise(path):
            yield ladder.index[above.id], below, above


def years_rise(ladder: Ladder) -> Iterator[Problem]:
    for i, below, above in _climbs(ladder):
        for field in _RISING:
            mine, theirs = getattr(above, field), getattr(below, field)
            if mine is not None and theirs is not None and mine < theirs:
                yield Problem(("levels", i, field), Msg("lr_falls_below", id=below.id))
        if above.network.target < below.network.target:
            yield Problem(("levels", i, "network", "target"), Msg("lr_falls_below", id=below.id))


def minimums_rise(ladder: Ladder) -> Iterator[Problem]:
    for i, below, above in _climbs(ladder):
        for skill_id in ladder.skill_ids:
            mine, theirs = above.skill_minimums[skill_id], below.skill_minimums[skill_id]
            if mine < theirs:
                yield Problem(
                    ("levels", i, "skill_minimums", skill_id),
                    Msg("lr_minimum_falls", mine=mine, id=below.id, theirs=theirs),
                )


def _first_manager(ladder: Ladder) -> int:
    """The index of the first level that manages people (the IC part's end + 1 if named)."""
    tracks = ladder.catalog.tracks
    if tracks is not None and tracks.ic_top is not None:
        return ladder.index[tracks.ic_top] + 1
    managers = [i for i, lv in ladder.levels() if lv.min_years_managing > 0]
    return managers[0] if managers else len(ladder.level_ids)


def executive_for_managers(ladder: Ladder) -> Iterator[Problem]:
    first = _first_manager(ladder)
    for i, course in enumerate(ladder.catalog.courses):
        served = [ladder.index[lv] for lv in course.levels if lv in ladder.index]
        if course.executive and any(
            n < first and ladder.catalog.levels[n].min_years_managing == 0 for n in served
        ):
            yield Problem(("courses", i, "levels"), Msg("lr_executive"), True)


def courses_checked(ladder: Ladder) -> Iterator[Problem]:
    """pmpath's own catalogue dates every course (`checked`, when its facts were last seen at
    the source) and says what it costs or why it gives no figure; a company's may leave both
    out. A check cannot be later than the year the whole file says it was reviewed."""
    reviewed = ladder.catalog.courses_reviewed
    for i, course in enumerate(ladder.catalog.courses):
        if ladder.bundled and course.checked is None:
            yield Problem(("courses", i, "checked"), Msg("lr_checked_missing"), True)
        elif course.checked is not None and reviewed is not None and int(course.checked[:4]) > reviewed:
            yield Problem(("courses", i, "checked"), Msg("lr_checked_late"), True)
        if ladder.bundled and course.cost is None and course.cost_note is None:
            yield Problem(("courses", i, "cost"), Msg("lr_cost_or_note"), True)
        if course.cost is not None and course.cost_note is not None:
            yield Problem(("courses", i, "cost_note"), Msg("lr_cost_and_note"), True)


def costs_dated(ladder: Ladder) -> Iterator[Problem]:
    """A price is a fact of a year: it says when it was seen (`cost_seen`, or the course's
    `checked`), not after the course was last checked, and not long before the review."""
    reviewed = ladder.catalog.courses_reviewed
    for i, course in enumerate(ladder.catalog.courses):
        year = course.cost_year
        if course.cost and year is None:
            yield Problem(("courses", i, "cost_seen"), Msg("lr_cost_year"), True)
        if course.cost_seen is not None and course.checked and course.cost_seen > int(course.checked[:4]):
            yield Problem(("courses", i, "cost_seen"), Msg("lr_cost_after_check"), True)
        if course.cost and year is not None and (reviewed is None or reviewed - year > 3):
            yield Problem(("courses", i, "cost"), Msg("lr_cost_stale"), True)


def unique_courses(ladder: Ladder) -> Iterator[Problem]:
    ids = [c.id for c in ladder.catalog.courses]
    for i, course_id in enumerate(ids):
        if course_id in ids[:i]:
            yield Problem(("courses", i, "id"), Msg("lr_course_twice", id=repr(course_id)), True)


def course_references(ladder: Ladder) -> Iterator[Problem]:
    for i, course in enumerate(ladder.catalog.courses):
        for skill_id in course.skills:
            if skill_id not in ladder.skill_ids:
                yield Problem(("courses", i, "skills"), Msg("lr_unknown_skill", id=repr(skill_id)), True)
        for level_id in course.levels:
            if level_id not in ladder.index:
                yield Problem(("courses", i, "levels"), Msg("lr_unknown_level", id=repr(level_id)), True)


def action_courses(ladder: Ladder) -> Iterator[Problem]:
    """A growth action's course is one the catalogue lists, and only learning names one."""
    known = {c.id for c in ladder.catalog.courses}
    for i, skill in enumerate(ladder.catalog.skills):
        for j, action in enumerate(skill.actions):
            for field, course in (("course", action.course), ("course_zh", action.course_zh)):
                if course is None:
                    continue
                if action.kind != "learning":
                    yield Problem(("skills", i, "actions", j, field), Msg("lr_action_course_kind"))
                elif course not in known:
                    yield Problem(
                        ("skills", i, "actions", j, field), Msg("lr_unknown_course", id=repr(course))
                    )


def bundled_learning(ladder: Ladder) -> Iterator[Problem]:
    """pmpath's own ladder names something to read or take at every step of every skill, in the
    reader's language: `course` (what the English text names) is never Chinese-only, and
    `course_zh` (what the Chinese text names) is in Chinese (CONTRACTS, round four)."""
    if not ladder.bundled:
        return
    langs = {c.id: c.lang for c in ladder.catalog.courses}
    for i, skill in enumerate(ladder.catalog.skills):
        named = {a.to for a in skill.actions if a.kind == "learning" and a.course is not None}
        for to in range(2, 6):
            if to not in named:
                yield Problem(("skills", i, "actions"), Msg("lr_bundled_learning", to=to))
        for j, action in enumerate(skill.actions):
            if action.course is not None and langs.get(action.course) == "zh":
                yield Problem(
                    ("skills", i, "actions", j, "course"), Msg("lr_learning_en", id=repr(action.course))
                )
            if action.course_zh is not None and langs.get(action.course_zh) != "zh":
                yield Problem(
                    ("skills", i, "actions", j, "course_zh"), Msg("lr_learning_zh", id=repr(action.course_zh))
                )


def bundled_actions(ladder: Ladder) -> Iterator[Problem]:
    """pmpath's own ladder has a plan for every step of every skill: something to do on the job,
    something with people and something to learn at each step up (issue 38: 42 of 56 steps had
    no reading, so a Director's gaps got none). A skill with no learning action at all is said
    once, not four times."""
    if not ladder.bundled:
        return
    for i, skill in enumerate(ladder.catalog.skills):
        given = {(a.to, a.kind) for a in skill.actions}
        learns = any(kind == "learning" for _, kind in given)
        kinds = ("on_the_job", "with_people", "learning") if learns else ("on_the_job", "with_people")
        for to in range(2, 6):
            for kind in kinds:
                if (to, kind) not in given:
                    yield Problem(("skills", i, "actions"), Msg("lr_bundled_actions", to=to, kind=kind))
        if not learns:
            yield Problem(("skills", i, "actions"), Msg("lr_bundled_actions_learning"))


def degrees_named(ladder: Ladder) -> Iterator[Problem]:
    for i, course in enumerate(ladder.catalog.courses):
        if (course.kind == "degree") != (course.degree is not None):
            yield Problem(("courses", i, "degree"), Msg("lr_degree_named"), True)


RULES: tuple[Rule, ...] = (
    unique_groups,
    has_skills,
    unique_skills,
    known_groups,
    five_anchors,
    bundled_skills,
    bundled_fields,
    bundled_chinese,
    enough_levels,
    unique_levels,
    management_without_ic,
    tracks_declared,
    ic_top_known,
    ic_top_or_join,
    join_shared,
    track_order,
    defining_skills_known,
    minimums_complete,
    lists_paired,
    years_rise,
    minimums_rise,
    executive_for_managers,
    courses_checked,
    costs_dated,
    unique_courses,
    course_references,
    degrees_named,
    action_courses,
    bundled_actions,
    bundled_learning,
)


def first_problem(catalog: Catalog, bundled: bool) -> Problem | None:
    """The first problem of the first rule that finds one: later rules may assume earlier ones
    held (ids unique and known before bars are compared)."""
    ladder = Ladder(catalog, bundled)
    for rule in RULES:
        for problem in rule(ladder):
            return problem
    return None
