"""What a programme (an HR team running pmpath over a cohort) needs beyond the summary: who is
missing from the roster, how each named rater leans, who moved over the quarters, the summary by
team or manager, and who is below the programme's gate (pure: no I/O).

Everything here works on rows the cohort already holds (reviews, the roster, a sample of people,
earlier runs' level counts): nothing reads a file or holds every person's full row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from pmpath.cohort import PersonRow, ReviewRow, name_hash, name_key


class RosterRow(NamedTuple):
    """One person the programme expects (a row of roster.csv)."""

    line: int
    id: str
    name: str
    team: str
    manager: str
    reviewers: tuple[str, ...]

    def keys(self) -> tuple[str, ...]:
        """What answers and reviews find this person by: the name, and the id when given."""
        by_name = "n:" + name_key(self.name)
        return (by_name, "i:" + self.id) if self.id else (by_name,)

    def shown(self) -> str:
        return self.name or self.id


MIN_PEERS_SHOWN = 3
"""Peer ratings are withheld below this many peers (pmpath.reviews.MIN_PEERS)."""


def completeness(
    roster: Sequence[RosterRow],
    present: set[int],
    reviews: Iterable[ReviewRow],
) -> dict[str, Any]:
    """Who has no answers file, which listed reviewer has not reviewed whom, and who has fewer
    than three peer reviews (their peers' ratings are then withheld), from the roster.

    `present` holds the hashed keys (name_hash) of everyone assessed. A review counts as the
    listed reviewer's when its `by` names them (name_key); one without `by` cannot be told
    apart, so its reviewer still reads as missing: the README asks raters to sign.
    """
    by_target: dict[str, list[ReviewRow]] = defaultdict(list)
    for review in reviews:
        by_target[review.target()].append(review)
    no_answers: list[str] = []
    missing: list[dict[str, str]] = []
    few_peers: list[str] = []
    for person in roster:
        keys = person.keys()
        answered = any(name_hash(k) in present for k in keys)
        if not answered:
            no_answers.append(person.shown())
        theirs = [r for k in keys for r in by_target.get(k, ())]
        signed = {name_key(r.rater) for r in theirs if r.rater}
        missing += [
            {"person": person.shown(), "reviewer": rater}
            for rater in person.reviewers
            if name_key(rater) not in signed
        ]
        if answered and sum(r.role == "peer" for r in theirs) < MIN_PEERS_SHOWN:
            few_peers.append(person.shown())
    reminders: dict[str, list[str]] = defaultdict(list)
    for item in missing:
        reminders[item["reviewer"]].append(item["person"])
    return {
        "expected": len(roster),
        "no_answers": no_answers,
        "missing_reviews": missing,
        "fewer_than_three_peers": few_peers,
        "reminders": [{"reviewer": r, "people": p} for r, p in sorted(reminders.items())],
    }


RATER_ROLES = ("manager", "peer")
"""Roles whose named raters are calibrated: a report's or other rater's name is never kept."""


def calibration(reviews: Iterable[ReviewRow], skill_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """Per named rater (a manager, or a peer who signed with `by`): how many people and ratings,
    their `lean` and whether they were `flat`.

    lean = the mean, over every (person, skill) they rated that someone else also rated, of
    their rating minus the mean of the others' ratings there (other raters only: the person's
    self-rating is not a rater's). Above 0 they rate higher than colleagues rating the same
    people on the same skills; None when they shared no (person, skill) with anyone. flat =
    the same value throughout (two ratings or more). Anonymous raters count among the others
    but are never listed.
    """
    cells: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    """(person, skill index) -> (rater, rating) for every rating given."""
    shown: dict[str, str] = {}
    """A named rater's key -> their name as first written."""
    for n, review in enumerate(reviews):
        named = bool(review.rater) and review.role in RATER_ROLES
        rater = name_key(review.rater) if named else f"\0{n}"  # an anonymous rater: one review
        if named:
            shown.setdefault(rater, review.rater)
        for value, i in zip(review.ratings, range(len(skill_ids)), strict=False):
            if value:
                cells[(review.target(), i)].append((rater, value))
    return _per_rater(cells, shown)


def _per_rater(
    cells: dict[tuple[str, int], list[tuple[str, int]]], shown: dict[str, str]
) -> list[dict[str, Any]]:
    people: dict[str, set[str]] = defaultdict(set)
    values: dict[str, list[int]] = defaultdict(list)
    diffs: dict[str, list[float]] = defaultdict(list)
    for (person, _), given in cells.items():
        for rater, value in given:
            if rater not in shown:
                continue
            people[rater].add(person)
            values[rater].append(value)
            others = [v for r, v in given if r != rater]
            if others:
                diffs[rater].append(value - sum(others) / len(others))
    return [
        {
            "rater": shown[r],
            "people": len(people[r]),
            "ratings": len(values[r]),
            "lean": round(sum(diffs[r]) / len(diffs[r]), 2) if diffs[r] else None,
            "compared": len(diffs[r]),
            "flat": len(values[r]) >= 2 and len(set(values[r])) == 1,
        }
        for r in sorted(shown, key=lambda k: shown[k].casefold())
    ]


LEAN_SHOWN = 0.5
"""A lean this far from 0 (a half point on the 1-5 scale) is called out where reviews are summarised."""


def trend(
    earlier: Sequence[tuple[str, dict[str, int]]], now: tuple[str, dict[str, int]]
) -> list[dict[str, Any]]:
    """Levels per quarter, oldest first: (label, level id -> people) of each baseline, then now."""
    return [{"run": label, "levels": dict(levels)} for label, levels in (*earlier, now)]


def level_counts(people: Iterable[Any]) -> dict[str, int]:
    """level id -> people, from a cohort JSON's `people` (a baseline's)."""
    counted: Counter[str] = Counter()
    for person in people:
        if isinstance(person, dict) and isinstance(person.get("level"), str):
            counted[person["level"]] += 1
    return dict(counted)


ROSTER_COLUMNS = ("id", "name", "team", "manager", "reviewers")


def parse_roster(text: str, source: str) -> list[RosterRow]:
    """roster.csv (columns id,name,team,manager,reviewers; reviewers separated by `;`): every
    column but one of id and name may be left out. A column pmpath does not know, a row with
    neither id nor name, or one person twice is an error naming the file, line and field."""
    import csv
    import io

    from pmpath.errors import InputError, Msg
    from pmpath.text import hidden_char

    reader = csv.reader(io.StringIO(text, newline=""))
    head = [h.strip().casefold() for h in next(reader, [])]
    unknown = [h for h in head if h not in ROSTER_COLUMNS]
    if unknown or not {"id", "name"} & set(head):
        what = Msg("e_roster_columns", given=", ".join(unknown) or "-", known=", ".join(ROSTER_COLUMNS))
        raise InputError(Msg("e_roster", source=source, line=1, what=what), hint=Msg("h_roster"))
    rows: list[RosterRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        got = {h: " ".join(c.split()) for h, c in zip(head, cells, strict=False)}
        bad = next((h for h, v in got.items() if hidden_char(v) is not None or len(v) > 1000), None)
        if bad is not None:
            raise InputError(Msg("e_roster", source=source, line=line, what=Msg("e_roster_cell", field=bad)))
        person = RosterRow(
            line,
            got.get("id", ""),
            got.get("name", ""),
            got.get("team", ""),
            got.get("manager", ""),
            tuple(r.strip() for r in got.get("reviewers", "").split(";") if r.strip()),
        )
        if not person.shown():
            raise InputError(Msg("e_roster", source=source, line=line, what=Msg("e_roster_nobody")))
        who = person.keys()[-1]
        if who in seen:
            what = Msg("e_roster_twice", who=repr(person.shown()), first=seen[who])
            raise InputError(Msg("e_roster", source=source, line=line, what=what))
        seen[who] = line
        rows.append(person)
    return rows


class GroupTally:
    """Per team or manager (`--by`): people, levels and how many are below the gate; and, with
    a gate, everyone below it by name (the programme's list to act on). Fed every row in the
    main process; holds a counter per group and the people below the gate, never every row."""

    def __init__(self, by: str | None, gated: bool) -> None:
        self.by, self.gated = by, gated
        self.people: Counter[str] = Counter()
        self.levels: dict[str, Counter[str]] = defaultdict(Counter)
        self.below: Counter[str] = Counter()
        self.below_people: list[tuple[str, str, str]] = []
        """(name, id, level id) of everyone below the gate, in input order."""

    @property
    def wanted(self) -> bool:
        return self.by is not None or self.gated

    def add(self, row: PersonRow) -> None:
        group = (row.team if self.by == "team" else row.manager) if self.by else ""
        self.people[group] += 1
        self.levels[group][row.level] += 1
        if row.meets_min_level is False:
            self.below[group] += 1
            self.below_people.append((row.name, row.id, row.level))

    def groups(self) -> dict[str, Any]:
        """The summary by group, largest first (then by name); people without one last."""
        order = sorted(self.people, key=lambda g: (g == "", -self.people[g], g.casefold()))
        return {
            "by": self.by,
            "groups": [
                {
                    "group": g,
                    "people": self.people[g],
                    "levels": dict(self.levels[g]),
                    "below_gate": self.below[g] if self.gated else None,
                }
                for g in order
            ],
        }

    def gate(
        self, level: str, level_name: str, min_share: float | None, names: dict[str, str]
    ) -> dict[str, Any]:
        """Who is below the programme's level, and whether the gate is met: everyone at or above
        it, or with `min_share` at least that share of people."""
        total = sum(self.people.values())
        meeting = (total - len(self.below_people)) / total if total else 1.0
        met = meeting >= min_share if min_share is not None else not self.below_people
        below = []
        for name, person_id, lv in self.below_people:
            entry = {"name": name, "level": lv, "level_name": names.get(lv, lv)}
            if person_id:
                entry["id"] = person_id
            below.append(entry)
        return {
            "level": level,
            "level_name": level_name,
            "min_share": min_share,
            "share_meeting": round(meeting, 4),
            "met": met,
            "below": below,
        }
