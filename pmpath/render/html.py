"""The shareable HTML report and cohort page: one self-contained file, inline CSS and SVG.

Jinja2 with autoescaping writes every element; this module only gathers plain strings and chart
geometry (pmpath.render.charts), so user text can never become markup.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from pmpath import __version__
from pmpath.i18n import T, words
from pmpath.models import Catalog, Report, Step
from pmpath.questionnaire import degree_name
from pmpath.render import charts, views
from pmpath.report import num_text, reasons_for
from pmpath.typeset import bracket, marks

if TYPE_CHECKING:
    from jinja2 import Environment

    from pmpath.cohort import CohortReviews, CohortSummary, ErrorRow, PersonRow

FONTS_EN = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, '
    '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
)
FONTS_ZH = (
    '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif'
)


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def environment() -> Environment:
    """One per process: a cohort writing a report per person loads each template once."""
    from pathlib import Path

    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(Path(__file__).resolve().parent.parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(FileSystemBytecodeCache),
    )
    env.filters["code"] = code_spans
    env.globals["memo"] = memo
    return env


_PARTS: dict[tuple[Any, ...], Any] = {}
PARTS_KEPT = 20_000
"""Rendered pieces kept per process: a cohort of thousands shares a few thousand pieces; past
this many (a very varied cohort) the memory is cleared and the pieces made again."""


def memo(macro: Any, *args: Any) -> Any:
    """A macro of report_parts.html.j2 rendered once per distinct arguments (hashable: tuples
    and named tuples). Those macros depend on their arguments alone, so the same arguments give
    the same markup: a cohort's reports share a level's courses, notes and KPIs and most gaps'
    actions, and rendering them again was most of the time a report per person took."""
    key = (macro, *args)
    found = _PARTS.get(key)
    if found is None:
        if len(_PARTS) >= PARTS_KEPT:
            _PARTS.clear()
        found = _PARTS[key] = macro(*args)
    return found


def code_spans(text: str) -> Any:
    """A catalogue sentence written for Markdown too (`pmpath levels`) as a page shows it: the
    backticked commands in <code>, everything else escaped; the backticks never shown."""
    return _code_spans(str(text))


@lru_cache(maxsize=1024)
def _code_spans(text: str) -> Any:
    """code_spans, remembered: the same few sentences (how pmpath works, a level's companies)
    end every report of a cohort."""
    import re

    from markupsafe import Markup, escape

    parts = re.split(r"`([^`]+)`", str(text))
    return Markup("").join(
        Markup("<code>{}</code>").format(part) if n % 2 else escape(part) for n, part in enumerate(parts)
    )


def _bytecode_cache(kind: Any) -> Any:
    """Compiled templates kept between runs (~20 ms a run); jinja2 checks each against its
    source. Without a writable cache directory, templates are simply compiled each time."""
    from platformdirs import user_cache_path

    where = user_cache_path("pmpath", appauthor=False) / "templates"
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return kind(str(where))


def _years(value: float) -> str:
    return num_text(round(value, 1))


def page_base(lang: str, title: str) -> dict[str, Any]:
    return {
        "html_lang": "zh-Hans" if lang == "zh" else "en",
        "fonts": FONTS_ZH if lang == "zh" else FONTS_EN,
        "version": __version__,
        "title": title,
        "colon": marks(lang).colon,
        "t": lambda key, **kw: T(key, lang=lang, **kw),
    }


Series = list[tuple[str, str, list[float | None]]]


def _series(rep: Report, catalog: Catalog, lang: str) -> tuple[list[str], Series]:
    """The skill names and the rows of ratings the chart and table compare: you, the next
    level, the top level, and others' view where reviews came."""
    t = words("", lang)
    colon = marks(lang).colon
    others = None
    if rep.reviews is not None:
        by_id = {v.id: v.others for v in rep.reviews.skills}
        others = [by_id.get(s.id) for s in rep.skills]
    you = t("r_you_placed") if others is not None else t("r_you")
    series: Series = [("you", you, [float(s.rating) for s in rep.skills])]
    if rep.next_level is not None:
        label = f"{t('r_next')}{colon}{catalog.level(rep.next_level.id).name.get(lang)}"
        series.append(("next", label, [float(s.next_min or 0) for s in rep.skills]))
    series.append(("top", catalog.levels[-1].name.get(lang), [float(s.cpo_min) for s in rep.skills]))
    if others is not None:
        series.append(("others", t("r_others"), others))
    return [catalog.skill(s.id).name.get(lang) for s in rep.skills], series


def _radar(
    rep: Report, catalog: Catalog, lang: str, names: list[str], series: Series, phone: bool = False
) -> charts.Radar:
    t = words("", lang)
    top = catalog.levels[-1].name.get(lang)
    shorts = {"you": t("r_you"), "next": t("r_next"), "others": t("r_others"), "top": top}
    return charts.radar(names, series, shorts, phone)


class Cell(NamedTuple):
    text: str
    short: bool


class SkillRow(NamedTuple):
    """A row of the skills table (hashable: html.memo renders each distinct row once)."""

    name: str
    cells: tuple[Cell, ...]


def _skill_rows(rep: Report, names: list[str], series: Series) -> list[SkillRow]:
    rows = []
    for i, s in enumerate(rep.skills):
        cells = []
        for key, _label, values in series:
            value = values[i]
            short = key not in ("you", "others") and value is not None and s.rating < value
            cells.append(Cell(views.rating_text(value) + (" ✗" if short else ""), short))
        rows.append(SkillRow(names[i], tuple(cells)))
    return rows


def _when(rep: Report, target: str, t: Any) -> str:
    rm = rep.roadmap
    if not rm.steps:
        return ""
    earliest = str(rm.earliest_year) if rm.earliest_year else _years(rm.years_to_target_earliest)
    same = views.one_year(rm.typical_year, rm.earliest_year)
    return str(
        t(
            "md_total_same" if same else "md_total",
            y=_years(rm.years_to_target),
            target=target,
            year=rm.typical_year or "-",
            earliest=earliest,
        )
    )


def _timeline(rep: Report, catalog: Catalog, lang: str, phone: bool = False) -> charts.Timeline:
    rm = rep.roadmap
    named = [
        (catalog.level(s.level).name.get(lang), s.years_from_now, s.years_from_now_earliest) for s in rm.steps
    ]
    start = (rm.typical_year - round(rm.years_to_target)) if rm.typical_year else None
    return charts.timeline(named, start, phone=phone)


def _timeline_rows(rep: Report, catalog: Catalog, lang: str) -> tuple[tuple[str, ...], ...]:
    """The roadmap's table (hashable: html.memo renders each distinct one once)."""
    return tuple(
        (
            str(n),
            catalog.level(s.level).name.get(lang),
            _years(s.years_from_now),
            str(s.typical_year or "-"),
            _years(s.years_from_now_earliest),
            str(s.earliest_year or "-"),
        )
        for n, s in enumerate(rep.roadmap.steps, 1)
    )


def _switch(rep: Report, catalog: Catalog, lang: str, t: Any) -> dict[str, str] | None:
    sw = rep.roadmap.track_switch
    if sw is None:
        return None
    return {
        "title": t("md_switch", level=catalog.level(sw.level).name.get(lang)),
        "text": views.switch_status(sw, lang, "md_") + " " + sw.note.get(lang),
    }


def report(rep: Report, catalog: Catalog, lang: str = "en", generated: str = "", **_: Any) -> str:
    t = words("", lang)
    sep = marks(lang).sep
    level = catalog.level(rep.level.id)
    title = t("md_title", who=rep.profile.name or t("md_someone"))
    meta = t("md_generated", version=rep.pmpath_version) + (
        t("md_generated_on", date=generated) if generated else ""
    )
    profile = rep.profile
    held = sep.join(degree_name(d, lang) for d in profile.degrees) or t("md_none_given")
    nxt = catalog.level(rep.next_level.id) if rep.next_level else None
    names, series = _series(rep, catalog, lang)
    rm = rep.roadmap
    target = catalog.level(rm.target).name.get(lang)
    timeline_rows = _timeline_rows(rep, catalog, lang)
    context = {
        **page_base(lang, title),
        "meta": meta,
        "level_id": level.id,
        "level_name": level.name.get(lang),
        "next_name": nxt.name.get(lang) if nxt else "",
        "level_summary": level.summary.get(lang),
        "tracks": views.track_lines(rep, catalog, lang),
        "companies": [code_spans(line) for line in views.company_lines(rep, catalog, lang, most=8)],
        "profile": [
            t("md_years", y=_years(profile.years_experience)),
            t("md_managing", y=_years(profile.years_managing)),
            t("md_degrees", d=held),
            t("md_network", n=profile.network_size),
        ],
        "reasons": reasons_for(rep, catalog, lang),
        "actions": views.next_actions(rep, catalog, lang),
        "when": _when(rep, target, t),
        "radar": _radar(rep, catalog, lang, names, series),
        "radar_phone": _radar(rep, catalog, lang, names, series, phone=True),
        "radar_names": names,
        "radar_title": t("md_skills"),
        "radar_desc": marks(lang).semi.join(
            f"{n} {views.rating_text(v)}" for n, v in zip(names, series[0][2], strict=True)
        ),
        "skill_rows": _skill_rows(rep, names, series),
        "reviews": _reviews(rep, catalog, lang),
        "roadmap_title": t("md_roadmap", target=target),
        "steps": [_step(n, step, catalog, lang) for n, step in enumerate(rm.steps, 1)],
        "timeline": _timeline(rep, catalog, lang),
        "timeline_phone": _timeline(rep, catalog, lang, phone=True),
        "timeline_title": t("md_timeline"),
        "timeline_desc": marks(lang).semi.join(
            f"{r[1]}{marks(lang).colon}{r[2]}{bracket(str(r[4]), lang)}" for r in timeline_rows
        ),
        "timeline_rows": timeline_rows,
        "switch": _switch(rep, catalog, lang, t),
        "lanes": views.lanes(rep, catalog, lang),
        "lane_marks": {s: t(f"r_lane_{s}") for s in ("you", "next", "met")},
        "how": t("md_how_text"),
        "labels": step_labels(lang),
    }
    return str(environment().get_template("report.html.j2").render(context))


def _reviews(rep: Report, catalog: Catalog, lang: str) -> dict[str, Any] | None:
    summary = rep.reviews
    if summary is None:
        return None

    r = words("r_", lang)

    apart = views.split_shown(summary)
    heads = [
        r("skill"),
        r("you"),
        r("others"),
        *([r("manager"), r("peers")] if apart else []),
        r("placed"),
        r("mark_head"),  # heard by a screen reader, not shown: the column holds only ▲ or ▼
    ]
    rows = []
    for v in summary.skills:
        mark = "▲" if v.id in summary.blind_spots else "▼" if v.id in summary.hidden_strengths else ""
        row = [catalog.skill(v.id).name.get(lang), str(v.self), views.rating_text(v.others)]
        row += [views.rating_text(v.manager), views.rating_text(v.peers)] if apart else []
        rows.append([*row, str(v.placed), mark])
    contrasts = []
    for kind, title in (("blind", "▲ " + r("blind")), ("hidden", "▼ " + r("hidden"))):
        found = views.contrasts(summary, catalog, lang, kind)
        if found:
            items = [
                {
                    "name": c.name,
                    "own": c.own,
                    "others": views.rating_text(c.others),
                    "says": r("you_do", text=c.says),
                    "seen": r("they_see", text=c.seen),
                }
                for c in found
            ]
            contrasts.append({"title": title, "entries": items})
    return {
        "roles": views.roles_text(summary, lang),
        "heads": heads,
        "rows": rows,
        "contrasts": contrasts,
        "notes": views.notes(summary, catalog, lang),
    }


class StepLabels(NamedTuple):
    """A step's headings in one language: arguments of report_parts.html.j2's macros, which
    see nothing else (so html.memo can keep what they render)."""

    build: str
    no_gaps: str
    experience: str
    degrees: str
    network: str
    courses: str
    notes: str
    promotion: str
    kpis: str


@lru_cache(maxsize=8)
def step_labels(lang: str) -> StepLabels:
    m = words("md_", lang)
    return StepLabels(
        *(m(k) for k in ("build", "no_gaps", "experience", "degrees_head", "network_head", "courses")),
        *(m(k) for k in ("notes", "promotion", "kpis")),
    )


class GapItem(NamedTuple):
    """A gap as the page lists it (hashable: html.memo renders each distinct one once)."""

    text: str
    actions: tuple[str, ...]


class CourseItem(NamedTuple):
    name: str
    url: str
    rest: str


def _gap_item(g: views.Gap, catalog: Catalog, lang: str) -> GapItem:
    """A gap as the page says it, kept with the catalogue (a cohort meets each many times)."""
    known: dict[tuple[str, views.Gap], GapItem] = catalog.memo.setdefault("html_gaps", {})
    found = known.get((lang, g))
    if found is None:
        text = f"{g.name} {g.rating} → {g.needed}{marks(lang).colon}{g.behaviour}"
        found = known[lang, g] = GapItem(text, tuple(views.action_text(a, g, lang) for a in g.actions))
    return found


def _course_items(courses: list[views.Course], lang: str) -> tuple[CourseItem, ...]:
    """A step's courses as the page lists them (remembered: a cohort offers the same few)."""
    key = (lang, *((c.name, c.provider, c.url, c.note, c.facts, *c.builds) for c in courses))
    found = _COURSE_ITEMS.get(key)
    if found is None:
        m = words("md_", lang)
        sep, comma = marks(lang).sep, marks(lang).comma
        found = tuple(
            CourseItem(
                c.name,
                c.url if c.url.startswith("https://") else "",
                c.note
                + comma
                + c.provider
                + (m("builds", names=sep.join(c.builds)) if c.builds else "")
                + (bracket(c.facts, lang) if c.facts else ""),
            )
            for c in courses
        )
        if len(_COURSE_ITEMS) >= PARTS_KEPT:
            _COURSE_ITEMS.clear()
        _COURSE_ITEMS[key] = found
    return found


_COURSE_ITEMS: dict[tuple[Any, ...], tuple[CourseItem, ...]] = {}


def _step(n: int, step: Step, catalog: Catalog, lang: str) -> dict[str, Any]:
    m = words("md_", lang)
    v = views.step_view(n, step, catalog, lang)
    sep = marks(lang).sep
    earliest = v.earliest_year or _years(v.years_earliest)
    key = "when_same" if views.one_year(v.typical_year, v.earliest_year) else "when"
    when = m(key, y=_years(v.years), year=v.typical_year or "-", earliest=earliest)
    experience = [m("exp_years", need=v.experience.need, now=v.experience.now)]
    if v.managing is not None:
        experience.append(m("exp_managing", need=v.managing.need, now=v.managing.now))
    deg, net = v.degrees, v.network
    degrees = [m("recommended", names=sep.join(deg.recommended))] if deg and deg.recommended else []
    return {
        "title": m("step", n=n, name=v.name, when=when),
        "defining": m("defining", names=sep.join(v.defining)) if v.defining else "",
        "gaps": tuple(_gap_item(g, catalog, lang) for g in v.gaps),
        "experience": tuple(experience),
        "degrees": (*degrees, deg.note) if deg is not None else (),
        "network": (m(views.network_key(net), target=net.target, now=net.now), *net.actions)
        if net is not None
        else (),
        "courses": _course_items(v.courses, lang),
        "kpis": tuple(v.kpis),
        "kpis_note": v.kpis_note,
        "promotion": tuple(v.promotion),
        "notes": tuple(v.notes),
    }


def _people_rows(v: views.CohortView, sep: str) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name or "-",
            "report": p.report,
            "cells": (
                p.file,
                p.level + (" ✗" if p.below_gate else ""),
                p.next or "-",
                sep.join(p.gaps) or "-",
            ),
        }
        for p in v.people
    ]


def _since(progress: dict[str, Any] | None, catalog: Catalog, lang: str) -> views.Since | None:
    return None if progress is None else views.since_view(progress, catalog, lang)


def _review_rows(v: views.CohortView, colon: str) -> dict[str, Any]:
    return {
        "line": v.review_line,
        "rows": [tuple(s) for s in v.review_skills],
        "common": [f"{x.name}{colon}{x.people}" for x in v.common_blind_spots],
    }


def cohort(
    summary: CohortSummary,
    people: list[PersonRow],
    errors: list[ErrorRow],
    catalog: Catalog,
    generated: str = "",
    progress: dict[str, Any] | None = None,
    reviews: CohortReviews | None = None,
    lang: str = "en",
    programme: dict[str, Any] | None = None,
    **_: Any,
) -> str:
    """The cohort page: level distribution and per-skill averages against the next levels."""
    from pmpath.render.programme import sections

    parts = sections(programme, lang)
    c = words("c_", lang)
    v = views.cohort_view(summary, people, catalog, reviews, lang)
    colon, sep = marks(lang).colon, marks(lang).sep
    most = max([n for _, n in v.levels] + [1])
    averages = [
        (s.name, x.average_rating, x.average_next_required)
        for s, x in zip(v.skills, summary.skills, strict=True)
    ]
    context = {
        **page_base(lang, c("title")),
        "c": c,
        "meta": v.meta + (f" · {generated}" if generated else "") + f" · pmpath {__version__}",
        "gate": v.gate,
        "levels_chart": charts.hbars([(name, float(n), None) for name, n in v.levels], most),
        "levels_desc": marks(lang).semi.join(f"{name}{colon}{n}" for name, n in v.levels),
        "level_rows": v.levels,
        "tracks_line": v.tracks_line,
        "skills_chart": charts.hbars(averages, 5.0),
        "skills_desc": marks(lang).semi.join(
            f"{name}{colon}{avg:.2f} / {need or '-'}" for name, avg, need in averages
        ),
        "skill_rows": [tuple(s) for s in v.skills],
        "gaps": [f"{x.name}{colon}{x.people}" for x in v.common_gaps],
        "courses": [f"{x.name}{colon}{x.people}" for x in v.courses],
        "people": _people_rows(v, sep),
        "people_note": v.sample_note,
        "reviews": None if reviews is None else _review_rows(v, colon),
        "since": _since(progress, catalog, lang),
        "programme_top": [p for p in parts if not p.beside_reviews],
        "programme_reviews": [p for p in parts if p.beside_reviews],
        "errors": [e.said.text(lang) for e in errors],
        "trend": _trend(programme, lang),
    }
    return str(environment().get_template("cohort.html.j2").render(context))


def _trend(programme: dict[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """Levels per quarter as a chart (a copy for phones), and the words a screen reader says
    for it; the table below it has the same numbers."""
    if not programme or not programme.get("trend"):
        return None
    from pmpath.render.programme import trend_levels

    runs = programme["trend"]
    names = {k: v.get(lang) for k, v in programme.get("_level_names", {}).items()}
    levels = trend_levels(runs, names)
    labels = [str(r["run"]) for r in runs]
    m = marks(lang)
    desc = m.semi.join(
        f"{name}{m.colon}" + m.sep.join(f"{label} {n}" for label, n in zip(labels, counts, strict=True))
        for name, counts in levels
    )
    return {
        "wide": charts.trend(levels, labels),
        "phone": charts.trend(levels, labels, phone=True),
        "desc": desc,
    }
