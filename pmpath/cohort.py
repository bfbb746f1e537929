"""A cohort: one compact row per person, and a running tally that never holds every row (pure)."""

from __future__ import annotations

import itertools
import typing
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from pmpath.errors import Msg
from pmpath.identity import about_matches as about_matches
from pmpath.identity import name_key as name_key
from pmpath.identity import person_keys as person_keys
from pmpath.identity import review_key as review_key
from pmpath.models import Answers, Catalog, Level, Model, Review, ReviewMeta
from pmpath.plan import QUARTER_ITEMS, skills_first
from pmpath.roadmap import rank_courses
from pmpath.scoring import next_rung, standing

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
    """The person's own ratings, in catalogue skill order."""
    others: tuple[float, ...] = ()
    """Reviewers' combined rating per skill in catalogue order, 0.0 where none rated it; empty
    when no review was applied. The level and gaps above are placed on the combined view."""
    report: str = ""
    """Where the person's own report was written (cohort --reports), else empty."""
    plan: tuple[str, ...] = ()
    """The skills their report plans to grow this quarter (pmpath.plan), for a later --baseline."""
    id: str = ""
    """profile.id, empty when the answers gave none; team and manager likewise."""
    team: str = ""
    manager: str = ""
    keys: tuple[str, ...] = ()
    """person_keys: what reviews find them by, worked out before any pseudonym is given."""
    years: float = 0.0
    """profile.years_experience, for the HR sheet."""
    gap_count: int = 0
    """How many skills fall short of the next level (gaps holds the largest TOP_GAPS)."""
    previous_level: str = ""
    """Their level in the latest --baseline (the worker looks it up), else empty."""


class ErrorRow(NamedTuple):
    """A file that could not be assessed, and why (said in the run's language when shown)."""

    file: str
    said: Msg

    @property
    def message(self) -> str:
        """Why, in English: the JSON output's `message`, language-neutral like its ids."""
        return str(self.said)


class ReviewRow(NamedTuple):
    """A review file among the cohort's paths: never a person, never a broken file."""

    file: str
    about: str
    role: str
    ratings: tuple[int, ...]
    """In catalogue skill order, 0 where the rater could not judge."""
    by: str = ""
    """The manager's name when the review gave one (others' names are dropped when read)."""
    about_id: str = ""
    key: str = ""
    """review_key: the person it finds, worked out before any pseudonym is given."""
    rater: str = ""
    """Who signed it (`by`), whatever their role: kept for the roster's completeness and the
    raters' calibration only; a peer's name is never shown beside their ratings."""

    def target(self) -> str:
        """The review's key (worked out here for a row made without one)."""
        return self.key or review_key(self.about, self.about_id or None)

    def as_review(self, skill_ids: tuple[str, ...]) -> Review:
        """The review as the report's models hold it: only the skills the rater judged."""
        from pmpath.models import ReviewRole

        role = typing.cast(ReviewRole, self.role)  # the row was made from a validated review
        return Review(
            review=ReviewMeta(
                about=self.about.strip(), role=role, by=self.by, about_id=self.about_id or None
            ),
            ratings={s: v for s, v in zip(skill_ids, self.ratings, strict=True) if v},
        )


def person_row(
    file: str,
    answers: Answers,
    catalog: Catalog,
    min_level: str | None = None,
    reviews: Sequence[Review] = (),
) -> PersonRow:
    """One person's row; with reviews, placed on the combined view as `assess --review` places
    them (pmpath.reviews has the rule), their own ratings kept beside the others'."""
    own = answers
    others: tuple[float, ...] = ()
    if reviews:
        from pmpath.reviews import combine

        answers, summary = combine(answers, reviews, catalog)
        others = tuple(v.others or 0.0 for v in summary.skills)
    levels, reached = standing(answers, catalog)
    nxt = next_rung(answers, catalog, levels, reached)
    gaps: list[tuple[str, int, int]] = []
    courses: tuple[str, ...] = ()
    plan: tuple[str, ...] = ()
    if nxt is not None:
        ratings, needs = answers.ratings, nxt.skill_minimums
        gaps = [(s, ratings[s], needs[s]) for s in catalog.skill_ids if ratings[s] < needs[s]]
        # the report's plan puts skills before years and network: its skill items are these
        plan = tuple(s for s, _, _ in skills_first(gaps, nxt.defining_skills)[:QUARTER_ITEMS])
        gaps.sort(key=lambda g: g[1] - g[2])  # stable: equal gaps keep catalogue order
        # Only the recommended degrees a person holds change the course choice: key on those.
        held = tuple(d for d in answers.profile.degrees if d in nxt.degrees.recommended)
        courses = _courses_for(catalog, nxt, frozenset(g[0] for g in gaps), held)
    meets = None if min_level is None else reached >= catalog.path_index(min_level)
    profile = answers.profile
    return PersonRow(
        file=file,
        name=answers.profile.name,
        level=levels[reached].id,
        next_level=nxt.id if nxt else None,
        gaps=tuple(gaps[:TOP_GAPS]),
        meets_min_level=meets,
        courses=courses,
        ratings=tuple(own.ratings[s] for s in catalog.skill_ids),
        others=others,
        plan=plan,
        id=profile.id or "",
        team=profile.team or "",
        manager=profile.manager or "",
        keys=person_keys(profile.name, profile.id),
        years=profile.years_experience,
        gap_count=len(gaps),
    )


def _courses_for(
    catalog: Catalog, level: Level, gaps: frozenset[str], degrees: tuple[str, ...]
) -> tuple[str, ...]:
    """rank_courses, remembered: in a cohort many people share a gap pattern."""
    known: dict[tuple[str, frozenset[str], tuple[str, ...]], tuple[str, ...]]
    known = catalog.memo.setdefault("courses", {})
    key = (level.id, gaps, degrees)
    found = known.get(key)
    if found is None:
        found = tuple(c.id for c, _ in rank_courses(catalog.courses, level, gaps, set(), degrees))
        if len(known) < 2_000:
            known[key] = found
    return found


@dataclass(frozen=True, kw_only=True)
class SkillStat(Model):
    id: str
    name: str
    average_rating: float
    average_next_required: float | None
    """Average minimum of each person's next level; None when everyone is at the top."""
    share_meeting_next: float | None
    people_with_gap: int


@dataclass(frozen=True, kw_only=True)
class Count(Model):
    id: str
    name: str
    people: int


@dataclass(frozen=True, kw_only=True)
class CohortSummary(Model):
    schema_version: int = 1
    people: int
    errors: int
    min_level: str | None
    below_min_level: int
    levels: tuple[Count, ...]
    skills: tuple[SkillStat, ...]
    common_gaps: tuple[Count, ...]
    courses: tuple[Count, ...]
    tracks: tuple[Count, ...] = ()
    """With a ladder of two tracks: how many people each track's rungs describe (shared first)."""


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
        self._ids = catalog.skill_ids
        self._minimums = {
            lv.id: tuple(lv.skill_minimums[s] for s in catalog.skill_ids) for lv in catalog.levels
        }

    def add(self, row: PersonRow | ReviewRow | ErrorRow) -> None:
        if isinstance(row, ErrorRow):
            self.errors += 1
            return
        if isinstance(row, ReviewRow):
            return
        self.people += 1
        self.levels[row.level] += 1
        if row.meets_min_level is False:
            self.below += 1
        ratings = row.ratings
        self.rating_sum = [a + b for a, b in zip(self.rating_sum, ratings, strict=True)]
        if row.next_level is not None:
            self.next_people += 1
            needs = self._minimums[row.next_level]
            self.next_sum = [a + b for a, b in zip(self.next_sum, needs, strict=True)]
            ids = self._ids
            for i, (rating, need) in enumerate(zip(ratings, needs, strict=True)):
                if rating >= need:
                    self.next_met[i] += 1
                else:
                    self.gap_people[ids[i]] += 1
        self.course_people.update(row.courses)

    def merge(self, other: CohortTally) -> None:
        """Fold in a tally made elsewhere (a worker process) over the same catalogue."""
        self.people += other.people
        self.errors += other.errors
        self.below += other.below
        self.levels.update(other.levels)
        self.next_people += other.next_people
        for mine, theirs in (
            (self.rating_sum, other.rating_sum),
            (self.next_sum, other.next_sum),
            (self.next_met, other.next_met),
        ):
            for i, value in enumerate(theirs):
                mine[i] += value
        self.gap_people.update(other.gap_people)
        self.course_people.update(other.course_people)

    def __getstate__(self) -> dict[str, object]:
        # Workers send tallies back; the catalogue stays behind (the receiver has its own).
        return {k: v for k, v in self.__dict__.items() if k not in ("catalog", "_minimums", "_ids")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def bind(self, catalog: Catalog) -> CohortTally:
        """Reattach the catalogue after unpickling."""
        self.catalog = catalog
        self._ids = catalog.skill_ids
        self._minimums = CohortTally(catalog)._minimums
        return self

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
            tracks=self._tracks(),
        )

    def _tracks(self) -> tuple[Count, ...]:
        catalog, tracks = self.catalog, self.catalog.tracks
        if tracks is None or not catalog.track_paths:
            return ()
        counted: Counter[str] = Counter()
        for lv in catalog.levels:
            counted[lv.track_id] += self.levels[lv.id]
        shared = Count(id="shared", name="Shared rungs", people=counted["shared"])
        return (shared, *(Count(id=t, name=tracks.names[t].en, people=counted[t]) for t in tracks.names))


def people_text(count: int, lang: str = "en") -> str:
    from pmpath.i18n import T

    return T("c_person" if count == 1 else "c_persons", lang=lang, n=count)


class Earlier(NamedTuple):
    """One person in a baseline: as named there, where they stood, and what they rated."""

    name: str
    level: str
    ratings: dict[str, int]


def identity(row: PersonRow) -> str:
    """Who a row is, as a baseline knows them: the id where given, else the name (name_key).
    Taken from the row as shown, so pseudonyms compare with pseudonyms."""
    return person_keys(row.name, row.id or None)[-1]


def _labelled(person: dict[str, object], shared: Counter[str]) -> str:
    name = str(person["name"])
    return f"{name} ({person['id']})" if shared[name] > 1 and person.get("id") else name


class BaselineTally:
    """Quarter on quarter: each person now against the same person in an earlier cohort JSON.

    People are matched by id where given, else by name (name_key); someone who appears twice in
    either run is reported as a duplicate and left out of the comparison rather than matched by
    guesswork.
    """

    def __init__(
        self,
        catalog: Catalog,
        previous: dict[str, Earlier],
        duplicates: set[str],
        plans: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.catalog = catalog
        self.previous = previous
        self.plans = plans or {}
        """What each person's baseline report planned for the quarter (skill ids), by identity."""
        self.given_duplicates = frozenset(duplicates)
        self.reset()

    def reset(self) -> None:
        """Forget this run's people (the cohort assesses them again)."""
        self.duplicates = set(self.given_duplicates)
        self.seen: dict[str, str] = {}
        """Identity -> name as shown, for everyone of this run."""
        self.people: list[dict[str, object]] = []
        self.change_sum: Counter[str] = Counter()
        self.change_people: Counter[str] = Counter()
        self.planned: dict[str, list[tuple[str, bool]]] = {}
        """Per identity: each skill their baseline planned, and whether it moved since."""
        self.new: list[str] = []

    def add(self, row: PersonRow | ReviewRow | ErrorRow) -> None:
        if not isinstance(row, PersonRow):
            return  # a review or an unreadable file is nobody's progress
        who, name = identity(row), row.name.strip()
        if who in self.seen:
            self.duplicates.add(who)
            return
        self.seen[who] = name
        if who in self.duplicates:
            return
        if who not in self.previous:
            self.new.append(who)
            return
        before_level, before = self.previous[who][1:]
        index = self.catalog.level_index
        try:
            step = index(row.level) - index(before_level)
        except StopIteration:
            step = 0
        deltas = {}
        for skill_id, rating in zip(self.catalog.skill_ids, row.ratings, strict=True):
            if skill_id in before:
                deltas[skill_id] = rating - before[skill_id]
                self.change_sum[skill_id] += deltas[skill_id]
                self.change_people[skill_id] += 1
        self.planned[who] = [(s, deltas[s] > 0) for s in self.plans.get(who, ()) if s in deltas]
        person: dict[str, object] = {"name": name}
        if row.id:
            person["id"] = row.id
        person.update(
            from_level=before_level, to_level=row.level, promoted=step > 0, demoted=step < 0, deltas=deltas
        )
        person["_who"] = who
        self.people.append(person)

    def _planned(self) -> dict[str, dict[str, int]]:
        """Per skill: how many compared people planned to grow it, and how many of them moved."""
        planned: Counter[str] = Counter()
        moved: Counter[str] = Counter()
        for person in self.people:
            for skill_id, up in self.planned.get(str(person["_who"]), ()):
                planned[skill_id] += 1
                moved[skill_id] += up
        return {s: {"planned": planned[s], "moved": moved[s]} for s in self.catalog.skill_ids if planned[s]}

    def _shown(self, who: str) -> str:
        """A person's name for a list: as this run shows it, else as the baseline did."""
        return self.seen.get(who) or (self.previous[who].name if who in self.previous else who[2:])

    def summary(self) -> dict[str, object]:
        dup = self.duplicates
        kept = [p for p in self.people if p["_who"] not in dup]
        planned = self._planned()
        self.people = [{k: v for k, v in p.items() if k != "_who"} for p in kept]
        gone = sorted(self._shown(w) for w in self.previous if w not in self.seen and w not in dup)

        shared = Counter(str(p["name"]) for p in self.people)

        def named(flag: str | None) -> list[str]:
            """Names, with the id beside a name two compared people share (三个黄伟 are three)."""
            moved = (p[flag] if flag else not (p["promoted"] or p["demoted"]) for p in self.people)
            return sorted(_labelled(p, shared) for p, yes in zip(self.people, moved, strict=True) if yes)

        return {
            "promoted": sum(1 for p in self.people if p["promoted"]),
            "demoted": sum(1 for p in self.people if p["demoted"]),
            "compared": len(self.people),
            "names": {"promoted": named("promoted"), "demoted": named("demoted"), "same": named(None)},
            "people": self.people,
            "average_change": {
                s: round(self.change_sum[s] / self.change_people[s], 2)
                for s in self.catalog.skill_ids
                if self.change_people[s]
            },
            "planned": planned,
            "new": sorted(self._shown(w) for w in self.new if w not in dup),
            "gone": gone,
            "duplicates": sorted({self._shown(w) for w in dup}),
        }


@dataclass(frozen=True, kw_only=True)
class ReviewStat(Model):
    id: str
    name: str
    people: int
    """Reviewed people whose reviewers rated this skill."""
    average_gap: float | None
    """Self minus others, averaged: above 0, the cohort rates itself higher than others do."""
    blind_spots: int
    hidden_strengths: int


@dataclass(frozen=True, kw_only=True)
class CohortReviews(Model):
    files: int
    people_reviewed: int
    unmatched: tuple[str, ...]
    """Review files whose `about` names nobody in the cohort."""
    ambiguous: tuple[str, ...]
    """Review files whose `about` names two or more people of the cohort."""
    skills: tuple[ReviewStat, ...]
    common_blind_spots: tuple[Count, ...]


N = TypeVar("N", int, float)


def _added(mine: list[N], theirs: list[N]) -> list[N]:
    return [a + b for a, b in zip(mine, theirs, strict=True)]


def name_hash(name: str) -> int:
    """Names are compared as written, after trimming; 64 bits keep 100,000 apart."""
    import hashlib

    digest = hashlib.blake2b(name.strip().encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


class ReviewTally:
    """Reviews found among a cohort's files, joined to people by name once every file is read,
    and what the reviews said of the people they placed.

    Review files can sit anywhere, before or after the person's own file, so every person's
    name is kept until the end to find reviews that name nobody or two people: packed, 8 bytes
    of name hash each, so a cohort of 100,000 costs under 1 MB rather than a dict of names
    (~20 MB). What the reviews said (gaps, blind spots, hidden strengths) is summed from each
    row placed with reviews (its `others`) where the row was made: the combined view is worked
    out once per person, in the worker that placed them, never again here.
    """

    def __init__(self, catalog: Catalog, reviews: list[ReviewRow] | None = None) -> None:
        from array import array

        self.catalog = catalog
        self.hashes = array("Q")
        self.idents = array("Q")
        """Who each person is (the last of their keys), hashed: the same twice is a duplicate."""
        self.reviews: list[ReviewRow] = reviews or []
        self.known = reviews is not None
        """The reviews were read before the people (a cohort does): the batches' copies of the
        same files are not kept a second time."""
        width = len(catalog.skill_ids)
        self.reviewed = 0
        self.gap_sum = [0.0] * width
        self.rated = [0] * width
        self.blind = [0] * width
        self.hidden = [0] * width

    def add(self, row: PersonRow | ReviewRow | ErrorRow) -> None:
        if isinstance(row, ReviewRow):
            self.reviews.append(row)
        elif isinstance(row, PersonRow):
            keys = row.keys or person_keys(row.name, row.id or None)
            self.hashes.extend(name_hash(k) for k in keys)
            self.idents.append(name_hash(keys[-1]))
            if row.others:
                self._placed(row.ratings, row.others)

    def _placed(self, ratings: tuple[int, ...], others: tuple[float, ...]) -> None:
        """One person placed with reviews: `others` is 0.0 where nobody's rating counted."""
        from pmpath.reviews import blind_spot, hidden_strength

        self.reviewed += 1
        for i, (own, seen) in enumerate(zip(ratings, others, strict=True)):
            if not seen:
                continue
            self.gap_sum[i] += own - seen
            self.rated[i] += 1
            self.blind[i] += blind_spot(own, seen)
            self.hidden[i] += hidden_strength(own, seen)

    def merge(self, other: ReviewTally) -> None:
        """Fold in a worker's tally: its batch came after everything merged so far."""
        self.hashes.extend(other.hashes)
        self.idents.extend(other.idents)
        if not self.known:
            self.reviews.extend(other.reviews)
        self.reviewed += other.reviewed
        self.gap_sum = _added(self.gap_sum, other.gap_sum)
        self.rated = _added(self.rated, other.rated)
        self.blind = _added(self.blind, other.blind)
        self.hidden = _added(self.hidden, other.hidden)

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "catalog"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def bind(self, catalog: Catalog) -> ReviewTally:
        """Reattach the catalogue after unpickling."""
        self.catalog = catalog
        return self

    def duplicates(self) -> frozenset[int]:
        """Who (hashed) came in two or more answer files: an error, never a guess."""
        ordered = sorted(self.idents)
        return frozenset(a for a, b in itertools.pairwise(ordered) if a == b)

    def summary(self, top: int = 5) -> CohortReviews | None:
        if not self.reviews:
            return None
        catalog = self.catalog
        wanted = {name_hash(r.target()) for r in self.reviews}
        found: Counter[int] = Counter(value for value in self.hashes if value in wanted)
        unmatched, ambiguous = [], []
        for row in self.reviews:
            value = name_hash(row.target())
            if found[value] > 1:
                ambiguous.append(row.file)
            elif not found[value]:
                unmatched.append(row.file)
        gap_sum, rated = self.gap_sum, self.rated
        skills = tuple(
            ReviewStat(
                id=s.id,
                name=s.name.en,
                people=rated[i],
                average_gap=round(gap_sum[i] / rated[i], 2) if rated[i] else None,
                blind_spots=self.blind[i],
                hidden_strengths=self.hidden[i],
            )
            for i, s in enumerate(catalog.skills)
        )
        counted = [(s, n) for s, n in zip(catalog.skill_ids, self.blind, strict=True) if n]
        ranked = sorted(counted, key=lambda kv: (-kv[1], kv[0]))[:top]
        return CohortReviews(
            files=len(self.reviews),
            people_reviewed=self.reviewed,
            unmatched=tuple(unmatched),
            ambiguous=tuple(ambiguous),
            skills=skills,
            common_blind_spots=tuple(Count(id=s, name=catalog.skill(s).name.en, people=c) for s, c in ranked),
        )
