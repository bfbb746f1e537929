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

Beside the rules, the packet builds the `case` a committee reads (GitLab's promotion document, a
Chinese 晋升答辩): a thesis sentence, three to five stories picked from the evidence, the sponsor
the person named, and the plan for the level after. The rules do not read the case.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from pmpath.i18n import T
from pmpath.models import Catalog, Evidence, Level, Model, PlanItem
from pmpath.typeset import marks

EVIDENCE_MONTHS = 12
METRIC_SHARE = 0.5
CURRENT_MONTHS = 6
RULES = ("skills", "experience", "defining_evidence", "metrics", "others", "current")
MAX_STORIES = 5
MIN_STORIES = 3
"""A committee reads three to five flagship stories; fewer is a thin case, more is a log."""
THESIS_METRICS = 2
"""The strongest metrics the thesis names: the first ones among the stories."""
SCOPE_RANK = {"me": 0, "led": 0, "": 1, "team": 2}
"""Stories the person did or led come before the team's; an entry without a scope (logged
before stories) between them, and any other value as if it had none."""


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
class PacketEntry(Model):
    id: int
    date: str
    text: str
    link: str = ""
    metric: str = ""
    action: str = ""
    scope: str = ""
    situation: str = ""
    result: str = ""
    months_old: int
    recent: bool
    """From the last `EVIDENCE_MONTHS` months."""


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
class RuleResult(Model):
    id: str
    met: bool
    why: str


@dataclass(frozen=True, kw_only=True)
class Missing(Model):
    rule: str
    skill: str | None = None
    why: str


@dataclass(frozen=True, kw_only=True)
class Readiness(Model):
    rules: tuple[RuleResult, ...]
    missing: tuple[Missing, ...]


@dataclass(frozen=True, kw_only=True)
class LevelName(Model):
    id: str
    name: str


@dataclass(frozen=True, kw_only=True)
class RunStamp(Model):
    id: int
    at: str


@dataclass(frozen=True, kw_only=True)
class PastRun(Model):
    id: int
    at: str
    level: LevelName


@dataclass(frozen=True, kw_only=True)
class Story(Model):
    """One flagship story: an evidence entry told as situation, action (the entry's text) and
    result, with whose work it was and what moved."""

    skill: str
    entry: int
    """The evidence entry's id (`pmpath evidence list`)."""
    situation: str = ""
    action: str
    result: str = ""
    scope: str = ""
    """`me`, `led`, `team`, or empty for an entry logged without one."""
    metric: str = ""


@dataclass(frozen=True, kw_only=True)
class Named(Model):
    id: str
    name: str


@dataclass(frozen=True, kw_only=True)
class NextRung(Model):
    """The level after the one asked for, on each track it leads to, and what defines it."""

    id: str
    name: str
    track: str
    defining_skills: tuple[Named, ...]


@dataclass(frozen=True, kw_only=True)
class CasePlanItem(PlanItem):
    """An item of the quarter's plan (pmpath.plan) with its skill's name, ready to be read."""

    name: str | None = None


@dataclass(frozen=True, kw_only=True)
class NextLevelPlan(Model):
    rungs: tuple[NextRung, ...] = ()
    """Empty at the top; two where the ladder parts into tracks."""
    plan: tuple[CasePlanItem, ...] = ()
    """The latest assessment's plan for this quarter."""


@dataclass(frozen=True, kw_only=True)
class Case(Model):
    """The promotion case (CONTRACTS, round four, "The promotion case")."""

    thesis: str
    stories: tuple[Story, ...]
    sponsor: str = ""
    """Whom the person named (`pmpath packet --sponsor NAME`); empty when nobody."""
    next_level_plan: NextLevelPlan


@dataclass(frozen=True, kw_only=True)
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
    history: tuple[PastRun, ...] = ()
    """The performance history: every run read, oldest first, and the level it placed at."""
    case: Case
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
        scope=e.scope,
        situation=e.situation,
        result=e.result,
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


# ------------------------------------------------------------------ the case


def story_rank(skill: PacketSkill, e: PacketEntry) -> tuple[bool, bool, bool, int, int, int]:
    """The order stories are picked in: a defining skill's first (the level is judged on them),
    then entries that say what moved, then recent ones, then what the person did or led before
    what the team did, then the newest (the higher id on the same day)."""
    day = datetime.date.fromisoformat(e.date).toordinal()
    return (not skill.defining, not e.metric, not e.recent, SCOPE_RANK.get(e.scope, 1), -day, -e.id)


def pick_stories(skills: Sequence[PacketSkill]) -> list[Story]:
    """Up to `MAX_STORIES` stories in `story_rank` order, the best entry of each skill taken
    before a second entry of any: a case told through one skill five times is a thin case."""
    ranked = sorted(((story_rank(s, e), s, e) for s in skills for e in s.evidence), key=lambda t: t[0])
    chosen: list[tuple[tuple[bool, bool, bool, int, int, int], PacketSkill, PacketEntry]] = []
    seen: set[str] = set()
    for item in ranked:
        if len(chosen) < MAX_STORIES and item[1].id not in seen:
            seen.add(item[1].id)
            chosen.append(item)
    taken = {id(item[2]) for item in chosen}
    chosen += [item for item in ranked if id(item[2]) not in taken][: MAX_STORIES - len(chosen)]
    chosen.sort(key=lambda t: t[0])
    return [
        Story(
            skill=s.id,
            entry=e.id,
            situation=e.situation,
            action=e.text,
            result=e.result,
            scope=e.scope,
            metric=e.metric,
        )
        for _, s, e in chosen
    ]


def _thesis(
    name: str,
    level: Level,
    skills: Sequence[PacketSkill],
    stories: Sequence[Story],
    catalog: Catalog,
    lang: str,
) -> str:
    """One sentence: the level asked for and its track, the defining skills with recent
    evidence (every skill with some, on a level that names none), and the strongest metrics."""
    tracks = catalog.tracks
    level_name = level.name.get(lang)
    name = name or T("unnamed", lang=lang)  # runs made without a name: the sentence still has a subject
    if lang == "zh" and name[-1].isascii() and name[-1].isalnum():
        name += " "  # `Alice Chen 申请`, but `王芳申请`: a space only between Latin and Chinese
    if level.track and tracks is not None and level.track in tracks.names:
        lead = T(
            "pk_thesis_lead",
            lang=lang,
            name=name,
            level=level_name,
            track=tracks.names[level.track].get(lang),
        )
    else:
        lead = T("pk_thesis_lead_shared", lang=lang, name=name, level=level_name)
    judged = [s for s in skills if s.defining] or list(skills)
    shown = [s.name for s in judged if any(e.recent for e in s.evidence)]
    m = marks(lang)
    if shown:
        said = T("pk_thesis_skills", lang=lang, lead=lead, skills=m.sep.join(shown))
    else:
        said = T("pk_thesis_no_skills", lang=lang, lead=lead, months=EVIDENCE_MONTHS)
    moved = [st.metric for st in stories if st.metric][:THESIS_METRICS]
    if moved:
        said += ("" if lang == "zh" else " ") + T("pk_thesis_metrics", lang=lang, metrics=m.semi.join(moved))
    return said


def next_rungs(catalog: Catalog, level: Level, lang: str) -> tuple[NextRung, ...]:
    """The level after `level` on each track that climbs from it: one on a single ladder or a
    track, two where the ladder parts (the shared rung below the tracks), none at the top."""
    found: dict[str, Level] = {}
    for path in (*catalog.track_paths.values(), catalog.path):
        ids = [lv.id for lv in path]
        if level.id in ids and ids.index(level.id) + 1 < len(path):
            nxt = path[ids.index(level.id) + 1]
            found.setdefault(nxt.id, nxt)
    return tuple(
        NextRung(
            id=lv.id,
            name=lv.name.get(lang),
            track=lv.track_id,
            defining_skills=tuple(
                Named(id=d, name=catalog.skill(d).name.get(lang))
                for d in lv.defining_skills
                if d in catalog.skill_ids
            ),
        )
        for lv in found.values()
    )


def _plan_items(catalog: Catalog, plan: Sequence[PlanItem], lang: str) -> tuple[CasePlanItem, ...]:
    return tuple(
        CasePlanItem(
            kind=item.kind,
            skill=item.skill,
            name=catalog.skill(item.skill).name.get(lang) if item.skill in catalog.skill_ids else item.skill,
            rating=item.rating,
            needed=item.needed,
            years=item.years,
            target=item.target,
            now=item.now,
        )
        for item in plan
    )


def make_case(
    catalog: Catalog,
    *,
    name: str,
    level: Level,
    skills: Sequence[PacketSkill],
    sponsor: str,
    plan: Sequence[PlanItem],
    lang: str,
) -> Case:
    stories = pick_stories(skills)
    return Case(
        thesis=_thesis(name, level, skills, stories, catalog, lang),
        stories=tuple(stories),
        sponsor=sponsor,
        next_level_plan=NextLevelPlan(
            rungs=next_rungs(catalog, level, lang), plan=_plan_items(catalog, plan, lang)
        ),
    )


def packet(
    catalog: Catalog,
    *,
    name: str,
    target: str,
    runs: Sequence[Assessed],
    log: Sequence[Evidence],
    today: datetime.date,
    lang: str = "en",
    sponsor: str = "",
    plan: Sequence[PlanItem] = (),
) -> Packet:
    """The case for `target` from `runs` (oldest first, at least one) and the person's evidence
    log; names and reasons in `lang` (JSON is built in English). `sponsor` is whom the person
    named, `plan` the latest assessment's plan for the quarter."""
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
        history=tuple(PastRun(id=r.id, at=r.at, level=_level_name(catalog, r, lang)) for r in runs),
        case=make_case(catalog, name=name, level=level, skills=skills, sponsor=sponsor, plan=plan, lang=lang),
    )


def _level_name(catalog: Catalog, run: Assessed, lang: str) -> LevelName:
    """A run's level by its name in `lang`; a level the ladder no longer has by the stored name."""
    known = next((lv for lv in catalog.levels if lv.id == run.level), None)
    return LevelName(id=run.level, name=known.name.get(lang) if known else run.level_name)
