"""A cohort: one compact row per person, and a running tally that never holds every row (pure)."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from pmpath.models import Answers, Catalog
from pmpath.roadmap import pick_courses
from pmpath.scoring import place

TOP_GAPS = 3


class PersonRow(NamedTuple):
    """What the cohort needs of one person; a tuple so it crosses process boundaries cheaply."""

    file: str
    name: str
    level: str
    next_level: str | None
    gaps: tuple[tuple[str, int, int], ...]
    """(skill id, rating, needed at the next level), largest gap first, at most TOP_GAPS."""
    meets_min_level: bool | None
    courses: tuple[str, ...]
    ratings: tuple[int, ...]
    """In catalogue skill order."""


class ErrorRow(NamedTuple):
    file: str
    message: str


def person_row(file: str, answers: Answers, catalog: Catalog, min_level: str | None = None) -> PersonRow:
    reached, _, _ = place(answers, catalog)
    levels = catalog.levels
    nxt = levels[reached + 1] if reached + 1 < len(levels) else None
    gaps: list[tuple[str, int, int]] = []
    courses: tuple[str, ...] = ()
    if nxt is not None:
        gaps = [
            (s, answers.ratings[s], need)
            for s, need in nxt.skill_minimums.items()
            if answers.ratings[s] < need
        ]
        gaps.sort(key=lambda g: (g[1] - g[2], catalog.skill_ids.index(g[0])))
        courses = tuple(
            c.id for c in pick_courses(catalog.courses, nxt, {g[0] for g in gaps}, set(), answers)
        )
    meets = None if min_level is None else reached >= catalog.level_index(min_level)
    return PersonRow(
        file=file,
        name=answers.profile.name,
        level=levels[reached].id,
        next_level=nxt.id if nxt else None,
        gaps=tuple(gaps[:TOP_GAPS]),
        meets_min_level=meets,
        courses=courses,
        ratings=tuple(answers.ratings[s] for s in catalog.skill_ids),
    )


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class SkillStat(_Model):
    id: str
    name: str
    average_rating: float
    average_next_required: float | None
    """Average minimum of each person's next level; None when everyone is at the top."""
    share_meeting_next: float | None
    people_with_gap: int


class Count(_Model):
    id: str
    name: str
    people: int


class CohortSummary(_Model):
    schema_version: int = 1
    people: int
    errors: int
    min_level: str | None
    below_min_level: int
    levels: tuple[Count, ...]
    skills: tuple[SkillStat, ...]
    common_gaps: tuple[Count, ...]
    courses: tuple[Count, ...]


class CohortTally:
    """Adds rows one at a time: memory stays flat however many people the cohort has."""

    def __init__(self, catalog: Catalog, min_level: str | None = None) -> None:
        self.catalog = catalog
        self.min_level = min_level
        self.people = 0
        self.errors = 0
        self.below = 0
        self.levels: Counter[str] = Counter()
        n = len(catalog.skills)
        self.rating_sum = [0] * n
        self.next_sum = [0] * n
        self.next_people = 0
        self.next_met = [0] * n
        self.gap_people: Counter[str] = Counter()
        self.course_people: Counter[str] = Counter()

    def add(self, row: PersonRow | ErrorRow) -> None:
        if isinstance(row, ErrorRow):
            self.errors += 1
            return
        self.people += 1
        self.levels[row.level] += 1
        if row.meets_min_level is False:
            self.below += 1
        for i, rating in enumerate(row.ratings):
            self.rating_sum[i] += rating
        if row.next_level is not None:
            self.next_people += 1
            minimums = self.catalog.level(row.next_level).skill_minimums
            for i, skill_id in enumerate(self.catalog.skill_ids):
                need = minimums[skill_id]
                self.next_sum[i] += need
                if row.ratings[i] >= need:
                    self.next_met[i] += 1
                else:
                    self.gap_people[skill_id] += 1
        self.course_people.update(row.courses)

    def summary(self, top: int = 5) -> CohortSummary:
        catalog = self.catalog
        n, k = self.people, self.next_people
        skills = tuple(
            SkillStat(
                id=s.id,
                name=s.name.en,
                average_rating=round(self.rating_sum[i] / n, 2) if n else 0.0,
                average_next_required=round(self.next_sum[i] / k, 2) if k else None,
                share_meeting_next=round(self.next_met[i] / k, 3) if k else None,
                people_with_gap=self.gap_people[s.id],
            )
            for i, s in enumerate(catalog.skills)
        )
        names = {c.id: c.name for c in catalog.courses}

        def ranked(counter: Counter[str]) -> list[tuple[str, int]]:
            return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]

        return CohortSummary(
            people=n,
            errors=self.errors,
            min_level=self.min_level,
            below_min_level=self.below,
            levels=tuple(
                Count(id=lv.id, name=lv.name.en, people=self.levels[lv.id]) for lv in catalog.levels
            ),
            skills=skills,
            common_gaps=tuple(
                Count(id=s, name=catalog.skill(s).name.en, people=c) for s, c in ranked(self.gap_people)
            ),
            courses=tuple(Count(id=c, name=names[c], people=p) for c, p in ranked(self.course_people)),
        )


def people_text(count: int) -> str:
    return f"{count} person" if count == 1 else f"{count} people"
