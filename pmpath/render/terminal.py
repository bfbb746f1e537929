"""Rich renderables for the terminal: the report and the catalogue listings.

Every string that came from a user or a data file goes in through `Text(...)`, never as markup,
so a name like "[bold]Eve" prints literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmpath.cohort import CohortReviews, CohortSummary, ErrorRow, PersonRow, people_text
from pmpath.i18n import T, words
from pmpath.models import Catalog, CompanyTable, Report, ReviewSummary, Step
from pmpath.render import views
from pmpath.render.views import (
    company_lines,
    next_actions,
    switch_status,
    track_lines,
)
from pmpath.report import num_text, reasons_for, years_text
from pmpath.text import cells, clip, visible, wrap
from pmpath.typeset import bracket, marks


class Para:
    """A paragraph wrapped by display cells at the console's width: English at spaces, Chinese
    between characters (rich would carry a whole unspaced Chinese sentence to the next line)."""

    def __init__(
        self, text: str, first: str = "", indent: str = "", style: str = "", lead: tuple[int, str] = (0, "")
    ) -> None:
        self.text, self.first, self.indent, self.style = text, first, indent, style
        self.lead = lead
        """How many characters of the text open in another style (a label before its sentence)."""

    def __rich_console__(self, console: Any, options: Any) -> Any:
        left, lead_style = self.lead
        for line in wrap(self.text, options.max_width, indent=self.indent, first=self.first):
            text = Text(line, style=self.style)
            if left > 0:
                start = len(self.first)
                text.stylize(lead_style, start, start + left)
                left -= len(line) - start
            yield text


class Url:
    """A web address that fits the width without being broken inside a word: lines end only
    after a `/`, `?`, `&` or `-` (a single part longer than a line is the one thing cut), and
    each piece is a hyperlink to the whole address where the terminal shows them (OSC 8)."""

    def __init__(self, url: str, style: str = "blue") -> None:
        self.url, self.style = url, style

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.style import Style

        style = Style.parse(self.style) + Style(link=self.url)
        for line in url_lines(self.url, options.max_width):
            yield Text(line, style=style, no_wrap=True, overflow="ignore")


def url_lines(url: str, width: int) -> list[str]:
    """`url` in lines of at most `width` cells, broken only after a separator where it can be."""
    import re

    width = max(width, 8)
    lines = [""]
    for part in re.findall(r"[^/?&-]+[/?&-]*|[/?&-]+", url):
        while cells(part) > width:  # one part wider than a line: cut it, the one thing to do
            if lines[-1]:
                lines.append("")
            lines[-1], part = part[:width], part[width:]
            lines.append("")
        if cells(lines[-1]) + cells(part) > width and lines[-1]:
            lines.append("")
        lines[-1] += part
    return [line for line in lines if line]


def _t(lang: str, key: str, **kw: Any) -> str:
    return T(f"r_{key}", lang=lang, **kw)


def bar(rating: int, needed: int | None) -> Text:
    """Five cells: filled up to the rating, the missing cells up to `needed` marked as the gap."""
    text = Text()
    for i in range(1, 6):
        if i <= rating:
            text.append("█", style="green" if needed is None or rating >= needed else "yellow")
        elif needed is not None and i <= needed:
            text.append("░", style="red")
        else:
            text.append("·", style="dim")
    return text


def _mark(rating: int, needed: int | None) -> Text:
    if needed is None:
        return Text("-", style="dim")
    ok = rating >= needed
    return Text(f"{needed} {'✓' if ok else '✗'}", style="green" if ok else "red")


def report(rep: Report, catalog: Catalog, lang: str = "en", **_: Any) -> RenderableType:
    """The summary that fits one 80x24 screen first, then the details."""
    level = catalog.level(rep.level.id)
    colon = marks(lang).colon
    parts: list[RenderableType] = [*summary(rep, catalog, lang), Text("")]
    parts.append(Text(_t(lang, "details"), style="bold underline"))
    parts.append(Para(level.summary.get(lang), style="italic"))
    parts.append(Text(""))
    parts.append(Text(_t(lang, "why"), style="bold"))
    for reason in reasons_for(rep, catalog, lang):
        parts.append(Para(reason, first="  • ", indent="    "))
    parts.append(Text(""))
    del colon
    parts.append(skills_table(rep, catalog, lang))
    parts.append(Text(_t(lang, "legend"), style="dim"))
    parts.append(Text(""))
    if rep.reviews is not None:
        parts.extend(reviews_block(rep.reviews, catalog, lang))
    parts.extend(roadmap(rep, catalog, lang))
    return Group(*parts)


def summary(rep: Report, catalog: Catalog, lang: str) -> list[RenderableType]:
    """Where you stand, why in one sentence, three things for the next quarter, years to the top."""
    colon = marks(lang).colon
    level = catalog.level(rep.level.id)
    title = Text()
    if rep.profile.name:
        title.append(visible(rep.profile.name), style="bold")
        title.append(" · ")
    title.append(f"{_t(lang, 'level')}{colon}", style="bold")
    title.append(level.name.get(lang), style="bold cyan")
    if rep.next_level:
        nxt = catalog.level(rep.next_level.id).name.get(lang)
        nxt_line = bracket(f"{_t(lang, 'next')}{colon}{nxt}", lang)
        title.append((" " if lang != "zh" else "") + nxt_line, style="dim")
    # rich carries an unspaced Chinese run whole to the next line: wrap by cells instead
    out: list[RenderableType] = [title if lang != "zh" else Para(title.plain, style="bold")]
    for line in track_lines(rep, catalog, lang):
        out.append(Para(line, first=f"  {_t(lang, 'track')} · ", indent="    "))
    for line in company_lines(rep, catalog, lang, most=4):
        out.append(Para(line, first="  ", indent="    ", style="dim"))
    reasons = reasons_for(rep, catalog, lang)
    out.append(Para(reasons[-1], first=f"{_t(lang, 'why')}{colon}", indent="  "))
    actions = next_actions(rep, catalog, lang)
    if actions:
        out.append(Text(_t(lang, "next_quarter"), style="bold"))
        for n, item in enumerate(actions, 1):
            out.append(Para(clip(item.text, 150), first=f"  {n}. ", indent="     "))
            out += [Para(a, first="     → ", indent="       ", style="dim") for a in item.actions]
    rm = rep.roadmap
    if rm.steps:
        target = catalog.level(rm.target).name.get(lang)
        when = _t(lang, "total", y=_span(rm.years_to_target, lang), target=target)
        if rm.typical_year:
            when += bracket(str(rm.typical_year), lang)
        if not views.one_year(rm.typical_year, rm.earliest_year):
            earliest = rm.earliest_year or _span(rm.years_to_target_earliest, lang)
            when += marks(lang).semi + _t(lang, "earliest", y=earliest)
        out.append(Para(when))
    return out


def skills_table(rep: Report, catalog: Catalog, lang: str) -> Table:
    nxt = catalog.level(rep.next_level.id).name.get(lang) if rep.next_level else "-"
    table = Table(
        title=_t(lang, "skills_title", next=nxt),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(_t(lang, "skill"), overflow="fold", ratio=3)
    table.add_column(_t(lang, "you"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column(_t(lang, "next"), justify="right", no_wrap=True)
    table.add_column(catalog.top.name.get(lang), justify="right", no_wrap=True)
    for s in rep.skills:
        table.add_row(
            Text(catalog.skill(s.id).name.get(lang)),
            str(s.rating),
            bar(s.rating, s.next_min if s.next_min is not None else s.cpo_min),
            _mark(s.rating, s.next_min),
            _mark(s.rating, s.cpo_min),
        )
    return table


def reviews_block(summary: ReviewSummary, catalog: Catalog, lang: str) -> list[RenderableType]:
    """Self beside others per skill, then the blind spots and hidden strengths in behaviours."""
    out: list[RenderableType] = [
        Text(_t(lang, "reviews"), style="bold"),
        Para(views.roles_text(summary, lang)),
    ]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_t(lang, "skill"), overflow="fold", ratio=3)
    table.add_column(_t(lang, "you"), justify="right", no_wrap=True)
    table.add_column(_t(lang, "others"), justify="right", no_wrap=True)
    apart = views.split_shown(summary)
    if apart:
        table.add_column(_t(lang, "manager"), justify="right", no_wrap=True)
        table.add_column(_t(lang, "peers"), justify="right", no_wrap=True)
    table.add_column(_t(lang, "placed"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for v in summary.skills:
        mark = (
            Text("▲", style="red")
            if v.id in summary.blind_spots
            else Text("▼", style="green")
            if v.id in summary.hidden_strengths
            else Text("")
        )
        row: list[Any] = [Text(catalog.skill(v.id).name.get(lang)), str(v.self), views.rating_text(v.others)]
        if apart:
            row += [views.rating_text(v.manager), views.rating_text(v.peers)]
        row += [Text(str(v.placed), style="yellow" if v.placed < v.self else ""), mark]
        table.add_row(*row)
    out.append(table)
    for kind, title in (("blind", "▲ " + _t(lang, "blind")), ("hidden", "▼ " + _t(lang, "hidden"))):
        found = views.contrasts(summary, catalog, lang, kind)
        if not found:
            continue
        out.append(Para(title, style="bold"))
        for c in found:
            out.append(Para(f"{c.name} {c.own} / {views.rating_text(c.others)}", first="  • ", indent="    "))
            out.append(Para(_t(lang, "you_do", text=c.says), first="    ", indent="    ", style="dim"))
            out.append(Para(_t(lang, "they_see", text=c.seen), first="    ", indent="    "))
    out += [Para(n, style="dim") for n in views.notes(summary, catalog, lang)]
    out.append(Text(""))
    return out


def _years(value: float) -> str:
    return num_text(round(value, 1))


def _span(value: float, lang: str) -> str:
    return _years(value) if lang == "zh" else years_text(value)


def roadmap(rep: Report, catalog: Catalog, lang: str) -> list[RenderableType]:
    target = catalog.level(rep.roadmap.target).name.get(lang)
    out: list[RenderableType] = [Text(f"{_t(lang, 'roadmap')} {target}", style="bold underline")]
    if not rep.roadmap.steps:
        out.append(Text(_t(lang, "top")))
        return out
    rm = rep.roadmap
    total = Text(_t(lang, "total", y=_span(rm.years_to_target, lang), target=target))
    if rm.typical_year:
        total.append(bracket(str(rm.typical_year), lang))
    sep = marks(lang).semi
    if views.one_year(rm.typical_year, rm.earliest_year):
        pass  # the year is said once
    elif rm.earliest_year:
        total.append(sep + _t(lang, "earliest", y=rm.earliest_year))
    else:
        total.append(sep + _t(lang, "in_years_earliest", y=_span(rm.years_to_target_earliest, lang)))
    out.append(total)
    if catalog.name == "bundled":  # a company ladder's years are its own
        out.append(Para(_t(lang, "years_basis"), style="dim"))
    if rm.track_switch is not None:
        sw = rm.track_switch
        out.append(Text(""))
        out.append(Text(_t(lang, "switch", level=catalog.level(sw.level).name.get(lang)), style="bold"))
        status = switch_status(sw, lang, "r_")
        done = sw.managing_now >= sw.managing_needed and (sw.delegation_now or 0) >= (
            sw.delegation_needed or 0
        )
        out.append(Padding(_status(status, done), (0, 0, 0, 2)))
        out.append(Para(sw.note.get(lang), first="  ", indent="  "))
    previous: dict[str, int] = {}
    for n, step in enumerate(rep.roadmap.steps, 1):
        out.append(Text(""))
        out.append(step_block(n, step, catalog, lang, previous))
        previous = {g.skill: g.needed for g in step.skill_gaps}
    return out


def step_block(
    n: int, step: Step, catalog: Catalog, lang: str, previous: dict[str, int] | None = None
) -> RenderableType:
    """One roadmap step; gaps already spelled out at the step before are only named again."""
    v = views.step_view(n, step, catalog, lang)
    rows: list[RenderableType] = [_step_head(v, lang)]
    sections: list[tuple[str, Sequence[RenderableType]]] = [
        (_t(lang, "build"), _gap_lines(v, lang, previous or {})),
        (_t(lang, "defining"), [Text(_sep(lang).join(v.defining))] if v.defining else []),
        (_t(lang, "experience"), _experience_lines(v, lang)),
        (_t(lang, "degrees"), _degree_lines(v.degrees, lang)),
        (_t(lang, "network"), _network_lines(v.network, lang)),
        (_t(lang, "courses"), [line for c in v.courses for line in _course_lines(c, lang)]),
        (_t(lang, "notes"), [Para(x, first="- ", indent="  ") for x in v.notes]),
        (_t(lang, "promotion"), [Para(x, first="- ", indent="  ") for x in v.promotion]),
        (
            _t(lang, "kpis"),
            [
                *([Para(v.kpis_note, style="dim")] if v.kpis_note and v.kpis else []),
                *(Text("- " + k) for k in v.kpis),
            ],
        ),
    ]
    for title, lines in sections:
        if lines:
            rows.append(Padding(Text(title, style="bold"), (0, 0, 0, 3)))
            rows += [Padding(line, (0, 0, 0, 5)) for line in lines]
    return Group(*rows)


def _step_head(v: views.StepView, lang: str) -> Text:
    m = marks(lang)
    when = _t(lang, "in_years", y=_span(v.years, lang))
    if v.typical_year:
        when += f"{m.comma}{v.typical_year}"
    sep = m.semi
    if views.one_year(v.typical_year, v.earliest_year):
        pass  # the year is said once
    elif v.earliest_year:
        when += sep + _t(lang, "earliest", y=v.earliest_year)
    else:
        when += sep + _t(lang, "in_years_earliest", y=_span(v.years_earliest, lang))
    head = Text()
    head.append(_t(lang, "step_no", n=v.n), style="bold")
    head.append(v.name, style="bold cyan")
    head.append((" " if lang != "zh" else "") + bracket(when, lang), style="dim")
    return head


def _gap_lines(v: views.StepView, lang: str, previous: dict[str, int]) -> list[RenderableType]:
    carried = [g for g in v.gaps if previous.get(g.skill) == g.needed]
    lines: list[RenderableType] = []
    colon = marks(lang).colon
    for g in v.gaps:
        if g not in carried:
            head = f"{g.name} {g.rating}→{g.needed}{colon}"
            lines.append(Para(head + g.behaviour, lead=(len(head), "yellow")))
            lines += [
                Para(views.action_text(a, g, lang), first="  · ", indent="    ", style="dim")
                for a in g.actions
            ]
    if carried:
        names = T("list_sep", lang=lang).join(f"{g.name} {g.rating}→{g.needed}" for g in carried)
        lines.append(Text(_t(lang, "carried", names=names), style="dim"))
    return lines or [Text(_t(lang, "none_gap"), style="green")]


def _experience_lines(v: views.StepView, lang: str) -> list[Text]:
    exp = v.experience
    lines = [_status(_t(lang, "years_in_product", now=exp.now, need=exp.need), exp.met)]
    if v.managing is not None:
        managing = _t(lang, "years_managing", now=v.managing.now, need=v.managing.need)
        lines.append(_status(managing, v.managing.met))
    return lines


def _degree_lines(deg: views.Degrees | None, lang: str) -> list[Text]:
    if deg is None:
        return []
    lines = [Text(deg.note)]
    if deg.recommended:
        m = marks(lang)
        names = m.slash.join(deg.recommended)
        held = _sep(lang).join(deg.held)
        said = f"{_t(lang, 'held')} {held}" if deg.met else _t(lang, "not_held")
        label = f"{names}{m.colon}{said}"
        lines.insert(0, Text(("✓ " if deg.met else "○ ") + label, style="green" if deg.met else "yellow"))
    return lines


def _network_lines(net: views.Network | None, lang: str) -> list[Text]:
    if net is None:
        return []
    key = "connections_met" if views.network_key(net) == "grow_met" else "connections"
    head = _status(_t(lang, key, now=net.now, target=net.target), net.met)
    return [head, *(Text("- " + a) for a in net.actions)]


def _course_lines(c: views.Course, lang: str) -> list[RenderableType]:
    """The course, then its address on lines of its own (see Url)."""
    m = marks(lang)
    builds = bracket(m.sep.join(c.builds), lang) if c.builds else ""
    # wrapped by pmpath.text.wrap, as every paragraph: no line may open with 、 or ）
    line = Para(c.name + c.note + m.dash + c.provider + builds, lead=(len(c.name), "bold"))
    facts = [Para(c.facts, style="dim")] if c.facts else []
    return [line, *facts, Url(c.url)] if c.url else [line, *facts]


def _sep(lang: str) -> str:
    return marks(lang).sep


def _status(label: str, ok: bool) -> Text:
    return Text(("✓ " if ok else "✗ ") + label, style="green" if ok else "red")


# ------------------------------------------------------------------ catalogue listings


def levels(catalog: Catalog, lang: str = "en", **_: Any) -> RenderableType:
    table = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, expand=True, title=_t(lang, "t_levels"), title_justify="left"
    )
    table.add_column(_t(lang, "t_level"), overflow="fold", ratio=2)
    table.add_column(_t(lang, "t_years"), justify="right", no_wrap=True)
    table.add_column(_t(lang, "t_managing"), justify="right", no_wrap=True)
    table.add_column(_t(lang, "t_role"), ratio=4)
    for lv in catalog.levels:
        name = Text(lv.name.get(lang), style="bold")
        tracks = catalog.tracks
        track = (
            tracks.names[lv.track].get(lang) if tracks and lv.track in tracks.names else _t(lang, "t_shared")
        )
        name.append(f"\n{lv.id}", style="dim")
        if catalog.track_paths:
            name.append(f"\n{track}", style="dim")
        table.add_row(
            name,
            num_text(lv.min_years_experience),
            num_text(lv.min_years_managing),
            Para(lv.summary.get(lang)),
        )
    return table


def company_map(table: CompanyTable, catalog: Catalog | None = None, lang: str = "en") -> RenderableType:
    """Each company's grades beside the pmpath rungs they usually correspond to, hedged: the
    table's note first, each company's source and confidence under its rows."""
    from pmpath.catalog import load_catalog

    ladder = catalog or load_catalog()
    parts: list[RenderableType] = [Para(table.note.get(lang), style="italic"), Text("")]
    grid = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, expand=True, title=_t(lang, "t_map"), title_justify="left"
    )
    grid.add_column(_t(lang, "t_company"), ratio=2)
    grid.add_column(_t(lang, "t_grade"), ratio=3)
    grid.add_column(_t(lang, "t_usually"), ratio=3)
    for company in table.companies:
        for n, grade in enumerate(company.levels):
            title = grade.title.get(lang) if grade.title is not None else ""
            usual = _t(lang, "t_or").join(ladder.level(i).name.get(lang) for i in grade.maps_to)
            grid.add_row(
                company.name.get(lang) if n == 0 else "",
                Para(f"{grade.code}" + (f" · {title}" if title else "")),
                Para(usual),
            )
        grid.add_row(
            "",
            Para(_t(lang, "t_map_source", confidence=company.confidence, source=company.source), style="dim"),
            "",
        )
    parts.append(grid)
    return Group(*parts)


def skills(catalog: Catalog, lang: str = "en") -> RenderableType:
    parts: list[RenderableType] = []
    for group in catalog.groups:
        parts.append(Text(group.name.get(lang), style="bold underline"))
        for skill in (s for s in catalog.skills if s.group == group.id):
            head = Text()
            head.append(skill.name.get(lang), style="bold")
            head.append(f"  ({skill.id})", style="dim")
            parts.append(head)
            parts.append(Padding(Text(skill.summary.get(lang), style="italic"), (0, 0, 0, 2)))
            for rating, anchor in enumerate(skill.anchors.get(lang), 1):
                parts.append(Padding(Text(f"{rating}  {anchor}"), (0, 0, 0, 2)))
            parts.append(Text(""))
    return Group(*parts)


def courses(catalog: Catalog, lang: str = "en", sources: bool = False, **_: Any) -> RenderableType:
    """Name and provider, who it is for, how sure the facts are (where not the provider's own
    page), format and duration, cost with the year it is as of (or why none is given) and the
    month it was checked; three columns, so it reads at 80 columns. Sources on request (always
    in JSON)."""
    table = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, expand=True, title=_t(lang, "t_courses"), title_justify="left"
    )
    table.add_column(_t(lang, "t_course"), ratio=5)
    table.add_column(_t(lang, "t_format"), ratio=3)
    table.add_column(_t(lang, "t_cost"), ratio=3)
    unknown = _t(lang, "t_unknown")
    for c, note in views.catalogue_order(catalog.courses, lang):
        cell: list[RenderableType] = [Text(c.name + note, style="bold"), Text(c.provider, style="dim")]
        first, last = catalog.level(c.levels[0]).name.get(lang), catalog.level(c.levels[-1]).name.get(lang)
        span = first if first == last else f"{first} → {last}"
        cell.append(Para(_t(lang, "t_for", levels=span)))
        if sources:
            if c.url:
                cell.append(Url(c.url))
            cell.append(Para(_t(lang, "t_source", source=c.source, confidence=c.confidence), style="dim"))
        sure = views.course_confidence(c, lang)
        if sure:
            cell.append(Para(sure, style="dim"))
        kind = _t(lang, f"t_kind_{c.kind}")
        form = " · ".join([kind, *(x.get(lang) for x in (c.format, c.duration) if x is not None)])
        cost: list[RenderableType] = [Para(views.course_cost(c, lang) or unknown)]
        if c.checked:
            cost.append(Para(T("r_checked", lang, month=c.checked), style="dim"))
        table.add_row(Group(*cell), Para(form), Group(*cost))
    return table


# ------------------------------------------------------------------ cohorts


def _cohort_reviews(v: views.CohortView, c: Any, lang: str) -> Table:
    title = c("rv_title") + _colon(lang) + (v.review_line or "")
    title += c("rv_unused_n", n=v.review_unused) if v.review_unused else ""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=title, title_justify="left")
    table.add_column(c("skill"), overflow="fold", ratio=3)
    for key in ("rv_reviewed", "rv_gap", "rv_blind", "rv_hidden"):
        table.add_column(c(key), justify="right", no_wrap=True)
    for s in v.review_skills:
        table.add_row(Text(s.name), str(s.people), s.gap, str(s.blind), str(s.hidden))
    return table


def cohort(
    summary: CohortSummary,
    people: list[PersonRow],
    errors: list[ErrorRow],
    catalog: Catalog,
    progress: dict[str, Any] | None = None,
    reviews: CohortReviews | None = None,
    lang: str = "en",
    programme: dict[str, Any] | None = None,
    **_: Any,
) -> RenderableType:
    from pmpath.render.programme import sections

    parts_of = sections(programme, lang)
    c = words("c_", lang)
    v = views.cohort_view(summary, people, catalog, reviews, lang)
    head = Text(c("head", people=people_text(summary.people, lang)), style="bold")
    if summary.errors:
        head.append(c("unreadable", n=summary.errors), style="red")
    parts: list[RenderableType] = [head]
    if v.gate is not None:
        parts.append(Text(v.gate, style="green" if v.gate_met else "red"))
    if progress is not None:
        parts += _since(views.since_view(progress, catalog, lang), c, lang)
    parts += _sections([p for p in parts_of if not p.beside_reviews])
    if v.people:
        parts.append(_people_table(v, c))
        if v.sample_note:
            parts.append(Text(v.sample_note))
    parts += [_level_table(v, c), *([Para(v.tracks_line)] if v.tracks_line else []), _skill_table(v, c)]
    parts += _numbered(c("common"), v.common_gaps, lang)
    parts += _numbered(c("courses"), v.courses, lang)
    if reviews is not None:
        parts.append(_cohort_reviews(v, c, lang))
        parts += _numbered(c("rv_common"), v.common_blind_spots, lang)
        parts += _sections([p for p in parts_of if p.beside_reviews])
    if errors:
        parts.append(Text(c("errors"), style="bold red"))
        parts += [Text(f"  {visible(e.said.text(lang))}") for e in errors]
    return Group(*parts)


def _sections(parts: list[Any]) -> list[RenderableType]:
    """A programme's sections (pmpath.render.programme): a table, or a list, under its title;
    names are shown as text (`visible`), never as markup."""
    out: list[RenderableType] = []
    for part in parts:
        out.append(Text(visible(part.title), style="bold red" if part.alert else "bold"))
        if part.note:
            out.append(Para(visible(part.note)))
        if part.head:
            table = Table(box=box.SIMPLE_HEAD, show_edge=False)
            for head in part.head:
                table.add_column(Text(visible(head)))
            for row in part.rows:
                table.add_row(*(Text(visible(cell)) for cell in row))
            out.append(table)
        else:
            out += [Text(f"  {visible(row[0])}") for row in part.rows]
        if part.cut:
            out.append(Text(visible(part.cut), style="dim"))
    return out


def _colon(lang: str) -> str:
    return marks(lang).colon


def _since(since: views.Since, c: Any, lang: str) -> list[RenderableType]:
    """Quarter on quarter, first: who was promoted, who is new, who is gone, by name."""
    line = since.line
    if since.duplicates:
        line += c("since_dups", n=len(since.duplicates))
    out: list[RenderableType] = [Text(f"{c('since')}{_colon(lang)}{line}", style="bold")]
    sep, left, right = marks(lang).sep, marks(lang).open, marks(lang).close
    for named in since.named:
        items = [visible(n) + (f"{left}{a} → {b}{right}" if a else "") for n, a, b in named.people]
        text = sep.join(items) + (f"{sep}{named.more}" if named.more else "")
        out.append(Text(f"  {c(named.key)}{_colon(lang)}{text}"))
    if since.planned:
        moved = sep.join(f"{visible(n)} {m}/{p}" for n, p, m in since.planned)
        out.append(Text(f"  {c('planned_line')}{_colon(lang)}{moved}"))
    return out


def _people_table(v: views.CohortView, c: Any) -> _Wrapped:
    rows = []
    for p in v.people:
        level = [(p.level, "red" if p.below_gate else "")]
        if p.next:
            level.append((f"→ {p.next}", "dim"))
        gaps = [(gap, "") for gap in p.gaps]
        rows.append([[(visible(p.name or p.file), "")], level, gaps or [("-", "")]])
    return _Wrapped(c("people"), [c("name"), c("level_next"), c("gaps")], (2, 3, 4), rows)


def _level_table(v: views.CohortView, c: Any) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=c("levels"), title_justify="left")
    table.add_column(c("level"))
    table.add_column(c("count"), justify="right")
    table.add_column("")
    biggest = max((n for _, n in v.levels), default=0) or 1
    for name, n in v.levels:
        table.add_row(name, str(n), Text("█" * round(20 * n / biggest), style="cyan"))
    return table


def _skill_table(v: views.CohortView, c: Any) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=c("skills"), title_justify="left")
    table.add_column(c("skill"), overflow="fold", ratio=3)
    for key in ("avg_s", "needs_s", "meeting_s", "gaps_s"):
        table.add_column(c(key), justify="right", no_wrap=True)
    for s in v.skills:
        table.add_row(Text(s.name), s.average, s.needs, s.meeting, str(s.with_gap))
    return table


def _numbered(title: str, items: list[views.Counted], lang: str) -> list[RenderableType]:
    if not items:
        return []
    lines = [Text(f"  {i}. {x.name}{_colon(lang)}{x.people}") for i, x in enumerate(items, 1)]
    return [Text(title, style="bold"), *lines]


Cell = list[tuple[str, str]]
"""Lines of a table cell, each (text, style): each is wrapped on its own."""


class _Wrapped:
    """A table whose cells pmpath wraps itself, at the widths this console gives it.

    rich breaks Chinese between any two characters and English only at spaces, so it splits
    "高级产品经理（Senior PM）" as "高级产品经理（Sen / ior PM）". pmpath's wrap() keeps a
    bracket with what it encloses and never starts a line with closing punctuation, so the
    columns are sized here (by their ratios, none narrower than its longest word) and each
    cell arrives wrapped.
    """

    def __init__(
        self, title: str, headers: list[str], ratios: tuple[int, ...], rows: list[list[Cell]]
    ) -> None:
        self.title, self.headers, self.ratios, self.rows = title, headers, ratios, rows

    def widths(self, total: int) -> list[int]:
        """By ratio, each at least its longest word and at most its longest line; the rest to
        whichever columns can use it. Three cells between columns (padding and the box's
        blank rule), and one at each edge."""
        from pmpath.text import _tokens

        count = len(self.headers)
        room = max(total - 3 * (count - 1) - 2, 8 * count)

        def texts(i: int) -> list[str]:
            return [self.headers[i], *(text for row in self.rows for text, _ in row[i])]

        longest = [max(cells(t) for t in texts(i)) for i in range(count)]
        shortest = [max(cells(w.strip()) for t in texts(i) for w in _tokens(t)) for i in range(count)]
        share = [room * r // sum(self.ratios) for r in self.ratios]
        widths = [min(longest[i], max(shortest[i], share[i])) for i in range(count)]
        spare = room - sum(widths)
        for i in range(count):
            extra = max(0, min(spare, longest[i] - widths[i]))
            widths[i] += extra
            spare -= extra
        # Long words may ask for more than the line has: then the widest columns give way (their
        # long words are split by wrap()), rather than rich cropping the end of a cell unseen.
        while sum(widths) > room and max(widths) > 8:
            widths[widths.index(max(widths))] -= 1
        return widths

    def __rich_console__(self, console: Any, options: Any) -> Any:
        widths = self.widths(options.max_width)
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=self.title, title_justify="left")
        for header, width in zip(self.headers, widths, strict=True):
            table.add_column(header, width=width, no_wrap=True, overflow="crop")
        for row in self.rows:
            shown = []
            for cell, width in zip(row, widths, strict=True):
                text = Text()
                for line, style in cell:
                    for part in wrap(line, width):
                        text.append(("\n" if text.plain else "") + part, style=style)
                shown.append(text)
            table.add_row(*shown)
        yield table
