"""One person's whole report: placement, the reasons in words, and the roadmap (pure)."""

from __future__ import annotations

from pmpath import __version__
from pmpath.models import Answers, Assessment, Catalog, LevelCheck, Report, Shortfall
from pmpath.roadmap import build_roadmap
from pmpath.scoring import assess


def build_report(answers: Answers, catalog: Catalog, current_year: int | None = None) -> Report:
    assessment = assess(answers, catalog)
    return Report(
        pmpath_version=__version__,
        profile=assessment.profile,
        level=assessment.level,
        next_level=assessment.next_level,
        reasons=explain(assessment, catalog),
        current=assessment.current,
        blocking=assessment.blocking,
        skills=assessment.skills,
        roadmap=build_roadmap(answers, assessment, catalog, current_year),
    )


def num_text(value: float) -> str:
    """6 rather than 6.0, 2.5 as is: years read naturally in every renderer."""
    return f"{value:g}"


def years_text(value: float) -> str:
    """`1 year`, `2.5 years`: rounded to a tenth, because plans are estimates."""
    value = round(value, 1)
    return f"{num_text(value)} year" + ("" if value == 1 else "s")


def describe(shortfall: Shortfall, catalog: Catalog, lang: str = "en") -> str:
    """One shortfall as a sentence a person can act on."""
    if shortfall.kind == "skill":
        name = catalog.skill(shortfall.id).name.get(lang)
        if lang == "zh":
            mark = "（核心技能）" if shortfall.defining else ""
            return f"{name}{mark}：{int(shortfall.have)} 分，需要 {int(shortfall.need)} 分"
        mark = " (a defining skill)" if shortfall.defining else ""
        return f"{name}{mark}: rated {int(shortfall.have)}, needs {int(shortfall.need)}"
    if shortfall.kind == "experience":
        if lang == "zh":
            return f"产品经验：{num_text(shortfall.have)} 年，需要 {num_text(shortfall.need)} 年"
        return f"product experience: {years_text(shortfall.have)}, needs {num_text(shortfall.need)}"
    if lang == "zh":
        return f"带人经验：{num_text(shortfall.have)} 年，需要 {num_text(shortfall.need)} 年"
    return f"people management: {years_text(shortfall.have)}, needs {num_text(shortfall.need)}"


def explain(assessment: Assessment, catalog: Catalog, lang: str = "en") -> tuple[str, ...]:
    """Why this level and not the next: the sentences the report leads with."""
    level = catalog.level(assessment.level.id)
    name = level.name.get(lang)
    profile = assessment.profile
    reasons: list[str] = []
    current: LevelCheck = assessment.current
    if current.met:
        sep = "、" if lang == "zh" else ", "
        defining = sep.join(catalog.skill(d).name.get(lang) for d in level.defining_skills)
        total = len(level.skill_minimums)
        at_min = total - len(current.tolerated)
        years = num_text(level.min_years_experience)
        have = num_text(profile.years_experience)
        if lang == "zh":
            reasons.append(
                f"达到{name}的要求：核心技能（{defining}）全部达标，{total} 项技能中 {at_min} 项达到最低分，"
                f"并有 {years} 年以上产品经验（你有 {have} 年）。"
            )
        else:
            reasons.append(
                f"Meets the bar of {name}: its defining skills ({defining}) are all met, {at_min} of "
                f"{total} skills are at their minimum, and {years}+ years in product (you have {have})."
            )
        for s in current.tolerated:
            reasons.append(
                f"{describe(s, catalog, lang)}：差 1 分，在容差之内（非核心技能可以有一项差 1 分）。"
                if lang == "zh"
                else f"{describe(s, catalog, lang)}: one point short, let through by the tolerance "
                "(one skill that does not define the level may be a point short)."
            )
    else:
        shortfalls = ("；" if lang == "zh" else "; ").join(
            describe(s, catalog, lang) for s in current.shortfalls
        )
        reasons.append(
            f"{name}是入门级别，每个人都从这里开始；你还未达到它的要求：{shortfalls}。"
            if lang == "zh"
            else f"{name} is the entry level everyone starts from; its bar is not met yet: {shortfalls}."
        )
    if assessment.blocking is not None and assessment.next_level is not None:
        nxt = catalog.level(assessment.next_level.id).name.get(lang)
        items = ("；" if lang == "zh" else "; ").join(
            describe(s, catalog, lang) for s in assessment.blocking.shortfalls
        )
        reasons.append(f"尚未达到{nxt}：{items}。" if lang == "zh" else f"Not yet {nxt}: {items}.")
    elif assessment.next_level is None:
        reasons.append("你已达到阶梯的最高级别。" if lang == "zh" else "You are at the top of the ladder.")
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
    return explain(assessment, catalog, lang)
