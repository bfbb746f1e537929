"""One person's whole report: placement, the reasons in words, and the roadmap (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from pmpath import __version__
from pmpath.equivalents import company_place, equivalents
from pmpath.i18n import T
from pmpath.models import (
    Answers,
    Assessment,
    Catalog,
    CompanyPlace,
    CompanyTable,
    LevelCheck,
    PlanItem,
    Report,
    Review,
    Shortfall,
    Step,
)
from pmpath.plan import step_plan
from pmpath.reviews import combine
from pmpath.roadmap import build_roadmap, rung_step
from pmpath.scoring import assess, track_places


def build_report(
    answers: Answers,
    catalog: Catalog,
    current_year: int | None = None,
    reviews: Sequence[Review] = (),
    companies: CompanyTable | None = None,
) -> Report:
    """With reviews, the person is placed on the combined view (pmpath.reviews explains the rule).
    `companies` (the bundled ladder's company table) adds the usual company grades."""
    summary = None
    if reviews:
        answers, summary = combine(answers, reviews, catalog)
    assessment = assess(answers, catalog)
    roadmap = build_roadmap(answers, assessment, catalog, current_year)
    return Report(
        pmpath_version=__version__,
        profile=assessment.profile,
        level=assessment.level,
        next_level=assessment.next_level,
        reasons=explain(assessment, catalog, reviewed=summary.count if summary else 0),
        current=assessment.current,
        blocking=assessment.blocking,
        skills=assessment.skills,
        roadmap=roadmap,
        reviews=summary,
        tracks=track_places(answers, catalog),
        plan=_plan(answers, assessment, roadmap.steps, catalog),
        equivalents=equivalents(companies, assessment.level.id) if companies else (),
        company_level=_company_level(answers, assessment, companies),
    )


def _company_level(
    answers: Answers, assessment: Assessment, companies: CompanyTable | None
) -> CompanyPlace | None:
    given = answers.profile.company_level
    if companies is None or given is None:
        return None
    return company_place(companies, given, assessment.level.id)


def _plan(
    answers: Answers, assessment: Assessment, steps: Sequence[Step], catalog: Catalog
) -> tuple[PlanItem, ...]:
    """The quarter's plan comes from the next rung of the person's own track: the road to the
    top's first step, or, for someone on the IC track, the IC rung above them."""
    nxt = assessment.next_level
    if nxt is None:
        return ()
    if steps and steps[0].level == nxt.id:
        return step_plan(steps[0])
    return step_plan(rung_step(answers, nxt.id, assessment.level.id, catalog))


def num_text(value: float) -> str:
    """6 rather than 6.0, 2.5 as is: years read naturally in every renderer."""
    return f"{value:g}"


def years_text(value: float) -> str:
    """`1 year`, `2.5 years`: rounded to a tenth, because plans are estimates."""
    value = round(value, 1)
    return f"{num_text(value)} year" + ("" if value == 1 else "s")


def describe(shortfall: Shortfall, catalog: Catalog, lang: str = "en") -> str:
    """One shortfall as a sentence a person can act on."""
    have, need = num_text(shortfall.have), num_text(shortfall.need)
    if shortfall.kind == "skill":
        name = catalog.skill(shortfall.id).name.get(lang)
        mark = T("why_defining_mark", lang=lang) if shortfall.defining else ""
        return T("why_skill", lang=lang, name=name, mark=mark, have=have, need=need)
    kind = "why_experience" if shortfall.kind == "experience" else "why_managing"
    shown = years_text(shortfall.have) if lang == "en" else have
    return T(kind, lang=lang, have=shown, need=need)


def explain(assessment: Assessment, catalog: Catalog, lang: str = "en", reviewed: int = 0) -> tuple[str, ...]:
    """Why this level and not the next: the sentences the report leads with (the last one is
    the summary's "why", so the reviews' note comes first)."""
    level = catalog.level(assessment.level.id)
    name = level.name.get(lang)
    profile = assessment.profile
    reasons: list[str] = [T("why_reviews", lang=lang, n=reviewed)] if reviewed else []
    current: LevelCheck = assessment.current
    sep = T("why_list_sep", lang=lang)
    if current.met:
        defining = T("why_name_sep", lang=lang).join(
            catalog.skill(d).name.get(lang) for d in level.defining_skills
        )
        total = len(level.skill_minimums)
        key = "why_met" if level.min_years_experience else "why_met_no_years"
        if not level.defining_skills:
            key += "_plain"
        reasons.append(
            T(
                key,
                lang=lang,
                name=name,
                defining=defining,
                at_min=total - len(current.tolerated),
                total=total,
                years=num_text(level.min_years_experience),
                have=num_text(profile.years_experience),
            )
        )
        reasons += [T("why_tolerated", lang=lang, what=describe(s, catalog, lang)) for s in current.tolerated]
    else:
        shortfalls = sep.join(describe(s, catalog, lang) for s in current.shortfalls)
        reasons.append(T("why_entry", lang=lang, name=name, shortfalls=shortfalls))
    if assessment.blocking is not None and assessment.next_level is not None:
        nxt = catalog.level(assessment.next_level.id).name.get(lang)
        items = sep.join(describe(s, catalog, lang) for s in assessment.blocking.shortfalls)
        reasons.append(T("why_not_yet", lang=lang, name=nxt, items=items))
    elif assessment.next_level is None:
        reasons.append(T("why_top", lang=lang))
    return tuple(reasons)


def reasons_for(rep: Report, catalog: Catalog, lang: str = "en") -> tuple[str, ...]:
    """The report stores English reasons; other languages are worded again from the same facts."""
    if lang == "en":
        return rep.reasons
    assessment = Assessment(
        profile=rep.profile,
        level=rep.level,
        next_level=rep.next_level,
        current=rep.current,
        blocking=rep.blocking,
        skills=rep.skills,
    )
    return explain(assessment, catalog, lang, reviewed=rep.reviews.count if rep.reviews else 0)
