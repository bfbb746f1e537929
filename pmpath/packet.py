"""The promotion packet: the case for a level, built from a person's runs and evidence log, and a
readiness check that says plainly what is missing rather than producing a confident document.

Pure: runs and entries in, a `Packet` out. The rules, each with an id a programme can rely on
(README, "The promotion packet"):

- `skills`: every skill the level sets a minimum for is placed at it (self-rating capped by
  others' view, as the assessment places it).
- `experience`: the level's years of experience and of managing people are met.
- `defining_evidence`: every skill that defines the level has an entry from the last
  `EVIDENCE_MONTHS` months: a promotion panel asks for recent, dated examples.
- `metrics`: at least `METRIC_SHARE` of the recent entries carry a metric (what moved).
- `others`: the latest assessment includes at least one review: a packet with only the
  person's own view is a self-portrait.
- `current`: the latest assessment is at most `CURRENT_MONTHS` months old, so the ratings the
  packet shows are today's.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from pmpath.i18n import T
from pmpath.models import Catalog, Evidence, Level, Model

EVIDENCE_MONTHS = 12
METRIC_SHARE = 0.5
CURRENT_MONTHS = 6
RULES = ("skills", "experience", "defining_evidence", "metrics", "others", "current")


@dataclass(kw_only=True, repr=False, eq=False)
class Assessed(Model):
    """One run as the packet reads it: the person's own ratings, the ratings that placed them,
    and the reviewers' combined view (none without reviews)."""

    id: int
    at: str
    level: str
    level_name: str
    self_ratings: dict[str, int]
    placed: dict[str, int]
    others: dict[str, float]
    reviewers: int = 0
    years_experience: float
    years_managing: float


@dataclass(kw_only=True, repr=False, eq=False)
class PacketEntry(Model):
    id: int
    date: str
    text: str
    link: str = ""
    metric: str = ""
    action: str = ""
    months_old: int
    recent: bool
    """From the last `EVIDENCE_MONTHS` months."""


@dataclass(kw_only=True, repr=False, eq=False)
class PacketSkill(Model):
    id: str
    name: str
    defining: bool
    needed: int
    rating: int
    """The rating that places the person (their own, capped by others' view)."""
    self: int
    others: float | None = None
    trail: tuple[int, ...]
    """Their own rating at every run, oldest first."""
    met: bool
    evidence: tuple[PacketEntry, ...]
    """Newest first."""


@dataclass(kw_only=True, repr=False, eq=False)
class RuleResult(Model):
    id: str
    met: bool
    why: str


@dataclass(kw_only=True, repr=False, eq=False)
class Missing(Model):
    rule: str
    skill: str | None = None
    why: str


@dataclass(kw_only=True, repr=False, eq=False)
class Readiness(Model):
    rules: tuple[RuleResult, ...]
    missing: tuple[Missing, ...]


@dataclass(kw_only=True, repr=False, eq=False)
class LevelName(Model):
    id: str
    name: str


@dataclass(kw_only=True, repr=False, eq=False)
class RunStamp(Model):
    id: int
    at: str


@dataclass(kw_only=True, repr=False, eq=False)
class Packet(Model):
    """`pmpath packet --format json` (CONTRACTS.md, "Promotion packet")."""

    schema_version: int = 1
    name: str
    for_: str
    for_name: str
    current: LevelName
    as_of: str
    ready: bool
    readiness: Readiness
    skills: tuple[PacketSkill, ...]
    runs: int
    latest_run: RunStamp
    reviewers: int
    years_experience: float
    years_needed: float
    years_managing: float
    managing_needed: float
    evidence_months: int = EVIDENCE_MONTHS
    metric_share: float = METRIC_SHARE
    run_ids: tuple[int, ...] = ()
    """Which runs the packet read, oldest first: others may be left out (unreadable, or made
    against an earlier version of a company's ladder), and the reader should know."""
    __aliases__: ClassVar[dict[str, str]] = {"for_": "for"}


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from `earlier` to `later` (a month is complete on the same day)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def _entry(e: Evidence, today: datetime.date) -> PacketEntry:
    old = months_between(datetime.date.fromisoformat(e.date), today)
    return PacketEntry(
        id=e.id,
        date=e.date,
        text=e.text,
        link=e.link,
        metric=e.metric,
        action=e.action,
        months_old=old,
        recent=old < EVIDENCE_MONTHS,
    )


def _skills(
    catalog: Catalog,
    level: Level,
    runs: Sequence[Assessed],
    log: Sequence[Evidence],
    today: datetime.date,
    lang: str,
) -> list[PacketSkill]:
    latest = runs[-1]
    out = []
    for skill in catalog.skills:
        if skill.id not in level.skill_minimums:
            continue
        needed = level.skill_minimums[skill.id]
        mine = sorted((e for e in log if e.skill == skill.id), key=lambda e: (e.date, e.id), reverse=True)
        rating = latest.placed.get(skill.id, 0)
        out.append(
            PacketSkill(
                id=skill.id,
                name=skill.name.get(lang),
                defining=skill.id in level.defining_skills,
                needed=needed,
                rating=rating,
                self=latest.self_ratings.get(skill.id, 0),
                others=latest.others.get(skill.id),
                trail=tuple(r.self_ratings[skill.id] for r in runs if skill.id in r.self_ratings),
                met=rating >= needed,
                evidence=tuple(_entry(e, today) for e in mine),
            )
        )
    return out


def _num(value: float) -> str:
    return f"{value:g}"


class _Check:
    """The rules, one method each: every rule says why it is met or what is missing."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.missing: list[Missing] = []

    def say(self, key: str, **values: object) -> str:
        return T(key, lang=self.lang, **values)

    def miss(self, rule: str, skill_id: str | None, key: str, **values: object) -> None:
        self.missing.append(Missing(rule=rule, skill=skill_id, why=self.say(key, **values)))


def _rule_skills(c: _Check, skills: Sequence[PacketSkill], level_name: str) -> RuleResult:
    short = [s for s in skills if not s.met]
    for s in short:
        c.miss("skills", s.id, "pk_m_skill", skill=s.name, have=s.rating, need=s.needed, level=level_name)
    if short:
        return RuleResult(
            id="skills", met=False, why=c.say("pk_r_skills_no", n=len(short), total=len(skills))
        )
    return RuleResult(id="skills", met=True, why=c.say("pk_r_skills_yes", total=len(skills)))


def _rule_experience(c: _Check, latest: Assessed, level: Level, level_name: str) -> RuleResult:
    ok = True
    if latest.years_experience < level.min_years_experience:
        ok = False
        c.miss(
            "experience",
            None,
            "pk_m_years",
            have=_num(latest.years_experience),
            need=_num(level.min_years_experience),
            level=level_name,
        )
    if latest.years_managing < level.min_years_managing:
        ok = False
        c.miss(
            "experience",
            None,
            "pk_m_managing",
            have=_num(latest.years_managing),
            need=_num(level.min_years_managing),
            level=level_name,
        )
    key = "pk_r_experience_yes" if ok else "pk_r_experience_no"
    return RuleResult(
        id="experience",
        met=ok,
        why=c.say(key, years=_num(level.min_years_experience), managing=_num(level.min_years_managing)),
    )


def _rule_defining(c: _Check, skills: Sequence[PacketSkill]) -> RuleResult:
    defining = [s for s in skills if s.defining]
    short = 0
    for s in defining:
        if any(e.recent for e in s.evidence):
            continue
        short += 1
        if not s.evidence:
            c.miss("defining_evidence", s.id, "pk_m_no_evidence", skill=s.name)
        elif len(s.evidence) == 1:
            c.miss("defining_evidence", s.id, "pk_m_only_old", skill=s.name, months=s.evidence[0].months_old)
        else:
            c.miss("defining_evidence", s.id, "pk_m_all_old", skill=s.name, months=s.evidence[0].months_old)
    if not defining:
        return RuleResult(id="defining_evidence", met=True, why=c.say("pk_r_defining_none"))
    key = "pk_r_defining_no" if short else "pk_r_defining_yes"
    return RuleResult(
        id="defining_evidence",
        met=not short,
        why=c.say(key, n=short, total=len(defining), months=EVIDENCE_MONTHS),
    )


def _rule_metrics(c: _Check, skills: Sequence[PacketSkill]) -> RuleResult:
    recent = [e for s in skills for e in s.evidence if e.recent]
    measured = sum(1 for e in recent if e.metric)
    needed = math.ceil(len(recent) * METRIC_SHARE)
    if not recent:
        c.miss("metrics", None, "pk_m_no_recent", months=EVIDENCE_MONTHS)
        return RuleResult(id="metrics", met=False, why=c.say("pk_r_metrics_none", months=EVIDENCE_MONTHS))
    met = measured >= needed
    if not met:
        c.miss("metrics", None, "pk_m_metrics", have=measured, total=len(recent), need=needed)
    key = "pk_r_metrics_yes" if met else "pk_r_metrics_no"
    return RuleResult(id="metrics", met=met, why=c.say(key, have=measured, total=len(recent)))


def _rule_others(c: _Check, latest: Assessed) -> RuleResult:
    if latest.reviewers:
        return RuleResult(id="others", met=True, why=c.say("pk_r_others_yes", n=latest.reviewers))
    c.miss("others", None, "pk_m_others", date=latest.at[:10])
    return RuleResult(id="others", met=False, why=c.say("pk_r_others_no"))


def _rule_current(c: _Check, latest: Assessed, today: datetime.date) -> RuleResult:
    old = months_between(datetime.date.fromisoformat(latest.at[:10]), today)
    if old <= CURRENT_MONTHS:
        return RuleResult(id="current", met=True, why=c.say("pk_r_current_yes", date=latest.at[:10]))
    c.miss("current", None, "pk_m_current", months=old)
    return RuleResult(id="current", met=False, why=c.say("pk_r_current_no", months=CURRENT_MONTHS))


def packet(
    catalog: Catalog,
    *,
    name: str,
    target: str,
    runs: Sequence[Assessed],
    log: Sequence[Evidence],
    today: datetime.date,
    lang: str = "en",
) -> Packet:
    """The case for `target` from `runs` (oldest first, at least one) and the person's evidence
    log; names and reasons in `lang` (JSON is built in English)."""
    level = next(lv for lv in catalog.levels if lv.id == target)
    level_name = level.name.get(lang)
    latest = runs[-1]
    skills = _skills(catalog, level, runs, log, today, lang)
    c = _Check(lang)
    rules = (
        _rule_skills(c, skills, level_name),
        _rule_experience(c, latest, level, level_name),
        _rule_defining(c, skills),
        _rule_metrics(c, skills),
        _rule_others(c, latest),
        _rule_current(c, latest, today),
    )
    current = next((lv for lv in catalog.levels if lv.id == latest.level), None)
    return Packet(
        name=name,
        for_=target,
        for_name=level_name,
        current=LevelName(id=latest.level, name=current.name.get(lang) if current else latest.level_name),
        as_of=today.isoformat(),
        ready=all(r.met for r in rules),
        readiness=Readiness(rules=rules, missing=tuple(c.missing)),
        skills=tuple(skills),
        runs=len(runs),
        latest_run=RunStamp(id=latest.id, at=latest.at),
        reviewers=latest.reviewers,
        years_experience=latest.years_experience,
        years_needed=level.min_years_experience,
        years_managing=latest.years_managing,
        managing_needed=level.min_years_managing,
        run_ids=tuple(r.id for r in runs),
    )
