"""What every renderer says about 360 reviews, worked out once so table, Markdown and HTML agree."""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from pmpath.cohort import CohortReviews, CohortSummary, PersonRow, people_text
from pmpath.i18n import T
from pmpath.models import (
    Catalog,
    Equivalent,
    GrowthAction,
    Report,
    ReviewSummary,
    SkillGap,
    SkillViews,
    Step,
    TrackSwitch,
)
from pmpath.models import Course as CatalogCourse
from pmpath.plan import step_plan
from pmpath.questionnaire import degree_name
from pmpath.report import num_text
from pmpath.reviews import MIN_ANONYMOUS, MIN_PEERS, round_half_up
from pmpath.typeset import bracket, marks


def rating_text(value: float | None) -> str:
    """3, 3.5, or - where nobody rated: people compare these at a glance."""
    return "-" if value is None else f"{value:.1f}".removesuffix(".0")


def roles_text(summary: ReviewSummary, lang: str) -> str:
    sep = marks(lang).sep
    parts = [f"{T(f'r_role_{role}', lang=lang)} {n}" for role, n in summary.roles.items()]
    if summary.manager:
        parts[0] += bracket(summary.manager, lang)
    return T("r_reviews_count", lang=lang, n=summary.count, roles=sep.join(parts))


def split_shown(summary: ReviewSummary) -> bool:
    """Whether any skill has manager and peers apart (enough peers rated it)."""
    return any(v.peers is not None for v in summary.skills)


class Contrast(NamedTuple):
    skill: str
    name: str
    own: int
    others: float
    says: str
    seen: str


def contrasts(summary: ReviewSummary, catalog: Catalog, lang: str, kind: str) -> list[Contrast]:
    """Blind spots or hidden strengths with the anchors that show the difference in behaviour."""
    ids = summary.blind_spots if kind == "blind" else summary.hidden_strengths
    views = {v.id: v for v in summary.skills}
    out = []
    for skill_id in ids:
        v: SkillViews = views[skill_id]
        skill = catalog.skill(skill_id)
        assert v.others is not None
        out.append(
            Contrast(
                skill_id,
                skill.name.get(lang),
                v.self,
                v.others,
                skill.anchor(v.self, lang),
                skill.anchor(max(1, min(5, round_half_up(v.others))), lang),
            )
        )
    return out


def notes(summary: ReviewSummary, catalog: Catalog, lang: str) -> list[str]:
    sep = marks(lang).sep

    def names(ids: tuple[str, ...] | list[str]) -> str:
        return sep.join(catalog.skill(s).name.get(lang) for s in ids)

    out = [T("r_reviews_rule", lang=lang)]
    if summary.moved:
        out.append(T("r_moved", lang=lang, names=names(summary.moved)))
    withheld = [v.id for v in summary.skills if v.withheld]
    if withheld:
        out.append(T("r_withheld", lang=lang, names=names(withheld), n=MIN_ANONYMOUS))
    if split_shown(summary):
        out.append(T("r_peers_apart", lang=lang, n=MIN_PEERS))
    if not summary.blind_spots and not summary.hidden_strengths:
        out.append(T("r_agree", lang=lang))
    return out


class NextItem(NamedTuple):
    """One of the quarter's three things: the target, and the work on the job that builds it."""

    text: str
    actions: tuple[str, ...] = ()


ON_THE_JOB_SHOWN = 2


def next_actions(rep: Report, catalog: Catalog, lang: str) -> list[NextItem]:
    """The report's plan for the next quarter (pmpath.plan chooses its three items), in words.

    A skill gap comes with the first one or two on-the-job actions of its next steps up: 70-20-10
    puts most growth in the work itself, and a quarter is long enough for one stretch assignment.
    """
    if not rep.roadmap.steps:
        return []
    step = rep.roadmap.steps[0]
    gaps = {g.skill: g for g in step.skill_gaps}
    colon = marks(lang).colon
    items = []
    for item in rep.plan or step_plan(step):
        if item.kind == "skill" and item.skill in gaps:
            g = gaps[item.skill]
            head = f"{catalog.skill(g.skill).name.get(lang)} {g.rating}→{g.needed}{colon}"
            jobs = tuple(a.text.get(lang) for a in g.actions if a.kind == "on_the_job")
            items.append(NextItem(head + g.behaviour.get(lang), jobs[:ON_THE_JOB_SHOWN]))
        elif item.kind == "managing":
            items.append(NextItem(T("r_act_manage", lang=lang, y=num_text(round(item.years or 0.0, 1)))))
        elif item.kind == "network":
            items.append(NextItem(T("r_act_network", lang=lang, target=item.target, now=item.now)))
    return items


def switch_status(sw: TrackSwitch, lang: str, prefix: str) -> str:
    """Years of managing people the switch needs, and delegation where the ladder rates it."""
    need, now = years(sw.managing_needed), years_had(sw.managing_now, sw.managing_needed)
    if sw.managing_needed == 0 and sw.delegation_now is None:
        return ""  # parallel tracks: the switch is the track's own skills, shown as its gaps
    if sw.delegation_now is None or sw.delegation_needed is None:
        return T(f"{prefix}switch_status_years", lang=lang, need=need, now=now)
    return T(
        f"{prefix}switch_status",
        lang=lang,
        need=need,
        now=now,
        dnow=sw.delegation_now,
        dneed=sw.delegation_needed,
    )


def track_lines(rep: Report, catalog: Catalog, lang: str) -> list[str]:
    """Where the person stands on each parallel track, one line each (none for a single ladder)."""
    colon = marks(lang).colon
    out = []
    tracks = catalog.tracks
    for place in rep.tracks.values():
        if place is None:
            continue
        name = tracks.names[place.track].get(lang) if tracks and place.track in tracks.names else place.name
        level = catalog.level(place.level.id).name.get(lang)
        line = f"{name}{colon}{level}"
        if place.next_level is not None:
            nxt = catalog.level(place.next_level.id).name.get(lang)
            line += T("r_track_next", lang=lang, next=nxt)
        out.append(line)
    return out


def _grade(e: Equivalent, lang: str) -> str:
    title = e.title.get(lang) if e.title is not None else ""
    shown = f"{e.company_name.get(lang)} {e.code}"
    return shown + (bracket(title, lang) if title else "")


def company_lines(rep: Report, catalog: Catalog, lang: str, most: int = 6) -> list[str]:
    """The person's own company grade read against the placement, then the placement's usual
    grades at named companies (one per company, the same track first), each hedged as usual."""
    out = []
    place = rep.company_level
    level_name = catalog.level(rep.level.id).name.get(lang)
    if place is not None and place.matches:
        usual = T("r_or", lang=lang).join(
            dict.fromkeys(catalog.level(i).name.get(lang) for m in place.matches for i in m.maps_to)
        )
        key = "r_company_agrees" if place.agrees else "r_company_differs"
        worst = max(place.matches, key=lambda m: "VDS".index(m.confidence)).confidence
        out.append(
            T(key, lang=lang, grade=_grade(place.matches[0], lang), usual=usual, level=level_name)
            + T(f"r_grade_conf_{worst}", lang=lang)
        )
    picked: dict[str, Equivalent] = {}
    for e in sorted(rep.equivalents, key=lambda e: (e.track != rep.level.track, len(e.maps_to))):
        picked.setdefault(e.company, e)
    if picked:
        shown = [_grade(e, lang) for e in picked.values()]
        more = len(shown) - most
        items = marks(lang).sep.join(shown[:most]) + (T("r_and_more", lang=lang, n=more) if more > 0 else "")
        out.append(T("r_equivalents", lang=lang, level=level_name, items=items))
    return out


class Rung(NamedTuple):
    name: str
    state: str
    """`met`, `you` (the level that describes the person), `next` (their next rung), `ahead`."""


class Lane(NamedTuple):
    name: str
    rungs: tuple[Rung, ...]


def lanes(rep: Report, catalog: Catalog, lang: str) -> list[Lane]:
    """The ladder as a mentor draws it: the shared rungs, then each track in a lane of its own,
    with where the person stands on each (their placement on that track, their level, the next)."""
    tracks = catalog.tracks
    if tracks is None or not catalog.track_paths:
        return [Lane(T("r_lane_ladder", lang=lang), _rungs(rep, catalog.path, rep.level.id, lang))]
    shared = tuple(lv for lv in catalog.path if lv.track is None)
    # placed on a track, every shared rung is behind the person
    on_shared = rep.level.id if rep.level.track == "shared" else shared[-1].id
    out = [Lane(T("r_lane_shared", lang=lang), _rungs(rep, shared, on_shared, lang))]
    for name, path in catalog.track_paths.items():
        own = tuple(lv for lv in path if lv.track == name)
        place = rep.tracks.get(name)
        reached = place.level.id if place is not None else ""
        out.append(Lane(tracks.names[name].get(lang), _rungs(rep, own, reached, lang, path)))
    return out


def _rungs(
    rep: Report, levels: tuple[Any, ...], reached: str, lang: str, path: tuple[Any, ...] | None = None
) -> tuple[Rung, ...]:
    ids = [lv.id for lv in (path or levels)]
    top = ids.index(reached) if reached in ids else -1
    nxt = rep.next_level.id if rep.next_level else ""
    out = []
    for lv in levels:
        at = ids.index(lv.id)
        state = (
            "you" if lv.id == rep.level.id else "next" if lv.id == nxt else "met" if at <= top else "ahead"
        )
        out.append(Rung(lv.name.get(lang), state))
    return tuple(out)


def has_degree_advice(step: Step) -> bool:
    """A company ladder may give no degree advice: its step then has no Degrees section."""
    return bool(step.degrees.recommended) or step.degrees.source != "-"


def one_year(typical: int | None, earliest: int | None) -> bool:
    """The typical and the earliest year are the same: say the year once ("2028", not
    "2028; 2028 at the earliest")."""
    return typical is not None and typical == earliest


def network_key(net: Network) -> str:
    """A network already at the step's size is not one to grow: "600 connections (the step
    asks for 300)", not "600 of 300"."""
    return "grow_met" if net.now >= net.target else "grow"


def has_network_advice(step: Step) -> bool:
    return step.network.target > 0 or bool(step.network.actions.en)


def since_line(progress: dict[str, Any], lang: str) -> str:
    """The cohort's one line against --baseline, the same in every renderer."""
    return T(
        "c_since_line",
        lang=lang,
        promoted=progress["promoted"],
        demoted=progress.get("demoted", 0),
        compared=progress["compared"],
        new=len(progress["new"]),
        gone=len(progress["gone"]),
    )


NAMES_SHOWN = 100
"""Names per list in a summary people read; JSON and CSV carry every one."""


class Named(NamedTuple):
    """One list of people by name: promoted (with from and to), new or gone (from and to
    empty). Names are as written by others: each renderer makes them safe for its format."""

    key: str
    """The list's title in the catalogue (`c_` + key)."""
    people: list[tuple[str, str, str]]
    more: str
    """"and N more" where the list was cut, else empty."""


class Since(NamedTuple):
    """Quarter on quarter by name: who moved up, who joined, who left."""

    line: str
    named: list[Named]
    """Only the lists that have someone in them."""
    changes: list[tuple[str, str]]
    """(skill, average change) for the skills compared."""
    duplicates: list[str]
    planned: tuple[tuple[str, int, int], ...] = ()
    """(skill, people whose baseline planned to grow it, how many of them moved it)."""


def since_view(progress: dict[str, Any], catalog: Catalog, lang: str) -> Since:
    """The same names and counts in the terminal, Markdown and HTML summaries."""
    names = {lv.id: lv.name.get(lang) for lv in catalog.levels}

    def moved(flag: str) -> list[tuple[str, str, str]]:
        return [
            (p["name"], names.get(p["from_level"], p["from_level"]), names.get(p["to_level"], p["to_level"]))
            for p in progress["people"]
            if p.get(flag)
        ]

    lists = (
        ("promoted", moved("promoted")),
        ("demoted", moved("demoted")),
        ("new_people", [(n, "", "") for n in progress["new"]]),
        ("gone_people", [(n, "", "") for n in progress["gone"]]),
    )
    return Since(
        line=since_line(progress, lang),
        named=[
            Named(
                key,
                people[:NAMES_SHOWN],
                T("c_more_people", lang=lang, n=len(people) - NAMES_SHOWN)
                if len(people) > NAMES_SHOWN
                else "",
            )
            for key, people in lists
            if people
        ],
        changes=[
            (catalog.skill(s).name.get(lang), f"{v:+.2f}") for s, v in progress["average_change"].items()
        ],
        duplicates=list(progress["duplicates"]),
        planned=tuple(
            (catalog.skill(s).name.get(lang), n["planned"], n["moved"])
            for s, n in progress.get("planned", {}).items()
        ),
    )


# ------------------------------------------------------------------ a roadmap step


def years(value: float) -> str:
    """Years as every renderer prints them: one decimal at most, no trailing .0."""
    return num_text(round(value, 1))


def years_had(now: float, need: float) -> str:
    """The years someone has, beside a requirement: rounded as `years`, except that a shortfall
    never rounds up to the requirement ("2 years (you have 2)" beside a ✗); then cut down."""
    if now < need and round(now, 1) >= need:
        return num_text(math.floor(round(now * 10, 6)) / 10)
    return years(now)


class ActionView(NamedTuple):
    """A growth action in the person's language: its 70-20-10 kind named, the step it serves."""

    kind: str
    label: str
    text: str
    to: int


class Gap(NamedTuple):
    skill: str
    name: str
    rating: int
    needed: int
    behaviour: str
    actions: tuple[ActionView, ...] = ()


def action_text(action: ActionView, gap: Gap, lang: str) -> str:
    """`On the job: …`, with the step it serves (`→4`) where the gap spans more than one."""
    step = f" →{action.to}" if len({a.to for a in gap.actions}) > 1 else ""
    return f"{action.label}{step}{marks(lang).colon}{action.text}"


def action_views(actions: tuple[GrowthAction, ...], lang: str) -> tuple[ActionView, ...]:
    return tuple(
        ActionView(a.kind, T(f"r_kind_{a.kind}", lang=lang), a.text.get(lang), a.to) for a in actions
    )


class Bar(NamedTuple):
    """A number the step asks for, what the person has, and whether that is enough."""

    now: str
    need: str
    met: bool


class Degrees(NamedTuple):
    recommended: list[str]
    held: list[str]
    met: bool
    note: str


class Network(NamedTuple):
    now: int
    target: int
    met: bool
    actions: list[str]


class Course(NamedTuple):
    name: str
    provider: str
    url: str
    builds: list[str]
    note: str = ""
    """Said right after the name: （英文授课） for a Chinese reader of an English-taught course."""
    facts: str = ""
    """Its cost (or why none is given), when it was checked, and how sure the catalogue is where
    that is not the provider's own page: said after the rest (`course_facts`)."""


def course_cost(course: CatalogCourse, lang: str) -> str:
    """The cost with the year it is as of, or the note saying why no figure is given."""
    if course.cost is not None:
        year = course.cost_year
        return course.cost.get(lang) + (bracket(T("r_t_seen", lang, year=year), lang) if year else "")
    return course.cost_note.get(lang) if course.cost_note is not None else ""


def course_confidence(course: CatalogCourse, lang: str) -> str:
    """In words, where a course's facts are not verified at the provider's own page (D or S)."""
    return "" if course.confidence == "V" else T(f"r_conf_{course.confidence}", lang)


def course_facts(course: CatalogCourse, lang: str) -> str:
    """Cost, check and confidence in one line, in the reader's language: a reader deciding on a
    programme sees how old and how sure its facts are where they see the course."""
    cost = course_cost(course, lang)
    parts = [T("r_cost_is", lang, cost=cost) if cost else ""]
    parts += [
        T("r_checked", lang, month=course.checked) if course.checked else "",
        course_confidence(course, lang),
    ]
    return T("r_facts_sep", lang).join(p for p in parts if p)


SHOWN_COURSES = 4
"""A Chinese reader's list: what is taught in Chinese first, then English-taught courses, this many in all."""


def catalogue_order(courses: tuple[Any, ...], lang: str) -> list[tuple[Any, str]]:
    """The catalogue as `pmpath courses` lists it: for a Chinese reader, what is taught in
    Chinese first and the English-taught marked; for an English reader, the file's order."""
    if lang != "zh":
        return [(c, "") for c in courses]
    english = T("r_taught_in_english", lang)
    return [(c, "") for c in courses if c.lang == "zh"] + [(c, english) for c in courses if c.lang != "zh"]


def courses_for(refs: tuple[Any, ...], lang: str, skill: Any, catalog: Catalog | None = None) -> list[Course]:
    """A step's courses as its reader meets them. The roadmap picks the best few in each teaching
    language; an English reader gets the English-taught ones (as before Chinese ones existed), a
    Chinese reader those taught in Chinese first, then English-taught ones marked as such."""
    if lang != "zh":
        chosen = [c for c in refs if c.lang != "zh"]
    else:
        chosen = ([c for c in refs if c.lang == "zh"] + [c for c in refs if c.lang != "zh"])[:SHOWN_COURSES]
    english = T("r_taught_in_english", lang) if lang == "zh" else ""
    known: dict[str, CatalogCourse] = {}
    if catalog is not None:  # kept with the catalogue: a cohort's reports ask for it thousands of times
        known = catalog.memo.get("courses_by_id") or catalog.memo.setdefault(
            "courses_by_id", {c.id: c for c in catalog.courses}
        )
    return [
        Course(
            c.name,
            c.provider,
            c.url,
            [skill(m) for m in c.matches],
            english if c.lang != "zh" else "",
            course_facts(known[c.id], lang) if c.id in known else "",
        )
        for c in chosen
    ]


class StepView(NamedTuple):
    """One roadmap step in the person's language, computed once: each renderer only formats it.

    `degrees` and `network` are None where the ladder gives no such advice for the step (a
    company ladder may not); `managing` is None where the step needs no years of managing.
    """

    n: int
    name: str
    years: float
    years_earliest: float
    typical_year: int | None
    earliest_year: int | None
    defining: list[str]
    gaps: list[Gap]
    experience: Bar
    managing: Bar | None
    degrees: Degrees | None
    network: Network | None
    courses: list[Course]
    kpis: list[str]
    kpis_note: str
    """Which business model the KPIs assume (`profile.business`), or that they fit any."""
    promotion: list[str]
    """How promotion works, at the next rung only (the one a person can act on now)."""
    notes: list[str]
    """What a mentor would add about this level that its bars do not say (the CPO step)."""


def step_view(n: int, step: Step, catalog: Catalog, lang: str) -> StepView:
    def skill(skill_id: str) -> str:
        return catalog.skill(skill_id).name.get(lang)

    exp, deg, net = step.experience, step.degrees, step.network
    return StepView(
        n=n,
        name=catalog.level(step.level).name.get(lang),
        years=step.years_from_now,
        years_earliest=step.years_from_now_earliest,
        typical_year=step.typical_year,
        earliest_year=step.earliest_year,
        defining=[skill(d) for d in step.defining_skills],
        gaps=[_gap_view(g, catalog, lang) for g in step.skill_gaps],
        experience=Bar(
            years_had(exp.years_now, exp.years_needed), years(exp.years_needed), exp.years_more == 0
        ),
        managing=Bar(
            years_had(exp.managing_now, exp.managing_needed),
            years(exp.managing_needed),
            exp.managing_more == 0,
        )
        if exp.managing_needed
        else None,
        degrees=Degrees(
            [degree_name(d, lang) for d in deg.recommended],
            [degree_name(d, lang) for d in deg.held],
            deg.met,
            deg.note.get(lang),
        )
        if has_degree_advice(step)
        else None,
        network=Network(net.current, net.target, net.more == 0, list(net.actions.get(lang)))
        if has_network_advice(step)
        else None,
        courses=_step_courses(step, lang, catalog),
        kpis=list(step.kpis.get(lang)),
        kpis_note=kpis_note(step, lang, first=n == 1),
        promotion=list(catalog.promotion.points.get(lang)) if n == 1 and catalog.promotion else [],
        notes=list(catalog.level(step.level).notes.get(lang)),
    )


COURSES_KEPT = 10_000
"""Step course lists kept per catalogue and language (a few MB)."""


def _step_courses(step: Step, lang: str, catalog: Catalog) -> list[Course]:
    """courses_for, kept with the catalogue: a course reference says which course (its id
    names the rest) and which of the step's gaps it builds, so a cohort's reports, which offer
    the same few courses for the same gaps again and again, say each in words once."""
    known: dict[tuple[Any, ...], list[Course]] = catalog.memo.setdefault("step_courses", {})
    key = (lang, *((c.id, c.name, c.provider, c.url, c.lang, c.matches) for c in step.courses))
    found = known.get(key)
    if found is None:
        if len(known) >= COURSES_KEPT:  # a very varied cohort: start again rather than grow
            known.clear()
        named = courses_for(step.courses, lang, lambda s: catalog.skill(s).name.get(lang), catalog)
        found = known[key] = named
    return list(found)


def _gap_view(g: SkillGap, catalog: Catalog, lang: str) -> Gap:
    """A gap in words, kept with the catalogue: a cohort's reports meet the same few hundred
    gaps (a skill, from one rating to another, with the same actions) thousands of times."""
    known: dict[tuple[Any, ...], Gap] = catalog.memo.setdefault("gap_views", {})
    # the actions are the catalogue's own objects, alive as long as it is: their ids name them
    key = (lang, g.skill, g.rating, g.needed, g.behaviour.en, g.behaviour.zh, *map(id, g.actions))
    found = known.get(key)
    if found is None:
        name = catalog.skill(g.skill).name.get(lang)
        found = Gap(g.skill, name, g.rating, g.needed, g.behaviour.get(lang), action_views(g.actions, lang))
        known[key] = found
    return found


def kpis_note(step: Step, lang: str, first: bool = True) -> str:
    """A consumer PM told to own renewal was the complaint (issue 38): the report says which
    business model the KPIs were chosen for at each step that has them, and once, at the first
    step, that general ones fit any (and how to choose)."""
    if step.kpis_business == "other":
        return T("r_kpis_general", lang=lang) if first else ""
    return T("r_kpis_assume", lang=lang, business=T(f"biz_{step.kpis_business}", lang=lang))


# ------------------------------------------------------------------ a cohort


class Counted(NamedTuple):
    """A skill, course or level and how many people it concerns, said in the language."""

    id: str
    name: str
    people: str
    url: str = ""


class CohortSkill(NamedTuple):
    name: str
    average: str
    needs: str
    meeting: str
    with_gap: int


class ReviewSkill(NamedTuple):
    name: str
    people: int
    gap: str
    blind: int
    hidden: int


class Person(NamedTuple):
    name: str
    file: str
    level: str
    below_gate: bool
    next: str
    gaps: list[str]
    report: str = ""
    """A link to the person's own report (cohort --reports), else empty."""


class CohortView(NamedTuple):
    """What every cohort renderer shows, in the person's language, computed once."""

    people_count: int
    meta: str
    gate: str | None
    gate_met: bool
    levels: list[tuple[str, int]]
    skills: list[CohortSkill]
    common_gaps: list[Counted]
    courses: list[Counted]
    people: list[Person]
    sample_note: str
    review_line: str | None
    review_unused: int
    review_skills: list[ReviewSkill]
    common_blind_spots: list[Counted]
    tracks_line: str = ""


def _two(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def cohort_view(
    summary: CohortSummary,
    people: list[PersonRow],
    catalog: Catalog,
    reviews: CohortReviews | None,
    lang: str,
    sample_key: str = "c_first",
) -> CohortView:
    def level(level_id: str) -> str:
        return catalog.level(level_id).name.get(lang)

    def skill(skill_id: str) -> str:
        return catalog.skill(skill_id).name.get(lang)

    def counted(id_: str, name: str, n: int, url: str = "") -> Counted:
        return Counted(id_, name, people_text(n, lang), url)

    meta = T("c_assessed", lang=lang, people=people_text(summary.people, lang))
    if summary.errors:
        meta += T("c_unreadable", lang=lang, n=summary.errors)
    gate = None
    if summary.min_level:
        ok = summary.people - summary.below_min_level
        gate = T("c_gate", lang=lang, level=level(summary.min_level), ok=ok, total=summary.people)
    urls = {c.id: c.url for c in catalog.courses}
    shown = len(people) < summary.people
    return CohortView(
        people_count=summary.people,
        meta=meta,
        gate=gate,
        gate_met=summary.below_min_level == 0,
        levels=[(level(n.id), n.people) for n in summary.levels],
        skills=[
            CohortSkill(
                skill(s.id),
                f"{s.average_rating:.2f}",
                _two(s.average_next_required),
                "-" if s.share_meeting_next is None else f"{s.share_meeting_next * 100:.0f}%",
                s.people_with_gap,
            )
            for s in summary.skills
        ],
        common_gaps=[counted(g.id, skill(g.id), g.people) for g in summary.common_gaps],
        courses=[counted(n.id, n.name, n.people, urls.get(n.id, "")) for n in summary.courses],
        people=[
            Person(
                row.name,
                row.file,
                level(row.level),
                row.meets_min_level is False,
                level(row.next_level) if row.next_level else "",
                [f"{skill(s)} {r}→{n}" for s, r, n in row.gaps],
                row.report,
            )
            for row in people
        ],
        sample_note=T(sample_key, lang=lang, n=len(people), total=summary.people) if shown else "",
        review_line=None if reviews is None else _review_line(reviews, lang),
        review_unused=0 if reviews is None else len(reviews.unmatched) + len(reviews.ambiguous),
        review_skills=[]
        if reviews is None
        else [
            ReviewSkill(
                skill(s.id),
                s.people,
                "-" if s.average_gap is None else f"{s.average_gap:+.2f}",
                s.blind_spots,
                s.hidden_strengths,
            )
            for s in reviews.skills
        ],
        common_blind_spots=[]
        if reviews is None
        else [counted(b.id, skill(b.id), b.people) for b in reviews.common_blind_spots],
        tracks_line=_tracks_line(summary, catalog, lang),
    )


def _tracks_line(summary: CohortSummary, catalog: Catalog, lang: str) -> str:
    """How many people each track's rungs describe: one line under the level counts."""
    tracks = catalog.tracks
    if not summary.tracks or tracks is None:
        return ""
    names = {name: tracks.names[name].get(lang) for name in tracks.names}
    names["shared"] = T("r_lane_shared", lang=lang)
    items = marks(lang).semi.join(f"{names[c.id]} {c.people}" for c in summary.tracks)
    return T("c_by_track", lang=lang, items=items)


def _review_line(reviews: CohortReviews, lang: str) -> str:
    return T(
        "c_rv_line",
        lang=lang,
        files=reviews.files,
        people=people_text(reviews.people_reviewed, lang),
        unmatched=len(reviews.unmatched),
        ambiguous=len(reviews.ambiguous),
    )
