"""The plan as a CommonMark document a person pastes into a wiki, an issue or a pull request."""

from __future__ import annotations

import functools
import re
from typing import Any

from pmpath.cohort import CohortReviews, CohortSummary, ErrorRow, PersonRow
from pmpath.i18n import T, words
from pmpath.models import Catalog, Report, ReviewSummary, Step
from pmpath.questionnaire import degree_name
from pmpath.render import views
from pmpath.report import num_text, reasons_for
from pmpath.typeset import bracket, marks

_PUNCT = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def escape(text: str) -> str:
    """Make any text literal in CommonMark: every ASCII punctuation backslash-escaped, one line.

    Backslash escapes work for all ASCII punctuation, so no markup, link, heading, HTML tag or
    table cell break can survive; control characters and newlines become spaces.
    """
    return _PUNCT.sub(r"\\\1", _flat(text))


def _flat(text: str) -> str:
    """One printable line: controls and line breaks become spaces, runs of space one."""
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


_LIGHT = re.compile(r"([\\`*_\[\]<>|~&])")
_BLOCK_START = re.compile(r"^(\d{0,9})([#>+=.):-])")
"""What makes a line a heading, quote, list or setext underline when it opens one (or opens a
list item's text: `- # x` is a heading inside the item), and `::`, a workflow command in a CI log."""


@functools.lru_cache(maxsize=4096)
def prose(text: str) -> str:
    """Ladder text: escape only what could form markup, so the raw file stays readable in a
    diff. A company's ladder is someone else's text, so nothing in it may open a block (a
    summary `# …` stays a sentence), and it is one printable line; names of people and files
    go through `escape`, which escapes every punctuation mark. Someone's evidence (what they
    did, what moved, a link's text) is prose too: `one-year`, `40%` and `https://` stay as
    written in the raw file. Remembered: a cohort's reports repeat the ladder's texts
    thousands of times."""
    light = _LIGHT.sub(r"\\\1", _flat(text))
    return _BLOCK_START.sub(r"\1\\\2", light)


def prose_code(text: str) -> str:
    """pmpath's own sentence naming a command in backticks: the command stays code, the rest is
    prose (the values in it may be data)."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code span
        return prose(text)
    return "".join(f"`{part}`" if n % 2 else _spaced_prose(part) for n, part in enumerate(parts))


def _spaced_prose(text: str) -> str:
    """`prose` keeping a space at either end: the words around a code span stay apart from it."""
    return (" " if text[:1].isspace() else "") + prose(text) + (" " if text[-1:].isspace() else "")


def path_text(text: str) -> str:
    """A file name in a table: literal, but escaped only where CommonMark would read markup, so
    `cohort/01-lin-wei.toml` stays readable (user text, so flattened to one printable line)."""
    return _LIGHT.sub(r"\\\1", _flat(text))


def _link(name: str, url: str) -> str:
    if url.startswith(("https://", "http://")) and not re.search(r"[\s<>()]", url):
        return f"[{prose(name)}](<{url}>)"
    return prose(name)


def link_text(url: str) -> str:
    """Someone's web link in a table cell: a link where it is safely one (no space, bracket,
    pipe or backslash to break the cell or the destination), else literal text."""
    if url.startswith(("https://", "http://")) and not re.search(r"[\s<>()|\\`]", url):
        return f"[{path_text(url)}](<{url}>)"
    return prose(url)


def _years(value: float) -> str:
    return num_text(round(value, 1))


def report(rep: Report, catalog: Catalog, lang: str = "en", generated: str = "", **_: Any) -> str:
    m = words("md_", lang)
    who = escape(rep.profile.name) if rep.profile.name else m("someone")
    meta = m("generated", version=rep.pmpath_version) + (
        m("generated_on", date=generated) if generated else ""
    )
    out: list[str] = [f"# {m('title', who=who)}", "", f"*{meta}*", ""]
    out += _md_where(rep, catalog, lang, m)
    out += _md_skills(rep, catalog, lang, m)
    if rep.reviews is not None:
        out += _reviews(rep.reviews, catalog, lang)
    out += _md_roadmap(rep, catalog, lang, m, generated)
    out += [f"## {m('how')}", "", m("how_text"), ""]
    return "\n".join(out)


def _md_where(rep: Report, catalog: Catalog, lang: str, m: Any) -> list[str]:
    level = catalog.level(rep.level.id)
    out = [f"## {m('where')}", ""]
    line = f"**{m('level')}** {prose(level.name.get(lang))}"
    if rep.next_level:
        line += f" · **{m('next')}** {prose(catalog.level(rep.next_level.id).name.get(lang))}"
    out += [line, ""]
    tracks = views.track_lines(rep, catalog, lang)
    if tracks:
        out += [f"- {T('r_track', lang=lang)} · {prose(t)}" for t in tracks] + [""]
    out += [p for line in views.company_lines(rep, catalog, lang, most=8) for p in (prose_code(line), "")]
    out += [prose(level.summary.get(lang)), ""]
    profile = rep.profile
    degrees = marks(lang).sep
    held = degrees.join(degree_name(d, lang) for d in profile.degrees) or m("none_given")
    out += [
        f"- {m('years', y=_years(profile.years_experience))}",
        f"- {m('managing', y=_years(profile.years_managing))}",
        f"- {m('degrees', d=prose(held))}",
        f"- {m('network', n=profile.network_size)}",
        "",
        f"### {m('why')}",
        "",
    ]
    out += [f"- {prose(r)}" for r in reasons_for(rep, catalog, lang)]
    items = views.next_actions(rep, catalog, lang)
    if items:
        out += ["", f"### {T('r_next_quarter', lang=lang)}", ""]
        for n, item in enumerate(items, 1):
            out.append(f"{n}. {prose(item.text)}")
            out += [f"   - {prose(a)}" for a in item.actions]
    return [*out, ""]


def _mark(rating: int, bar: int) -> str:
    return f"{bar}{' ✓' if rating >= bar else ' ✗'}"


def _md_skills(rep: Report, catalog: Catalog, lang: str, m: Any) -> list[str]:
    nxt_name = catalog.level(rep.next_level.id).name.get(lang) if rep.next_level else "-"
    top_name = catalog.levels[-1].name.get(lang)
    out = [
        f"## {m('skills')}",
        "",
        f"| {m('skill')} | {m('you')} | {m('next_col', name=prose(nxt_name))} | {prose(top_name)} |",
        "| --- | ---: | ---: | ---: |",
    ]
    for s in rep.skills:
        nxt = "-" if s.next_min is None else _mark(s.rating, s.next_min)
        name = prose(catalog.skill(s.id).name.get(lang))
        out.append(f"| {name} | {s.rating} | {nxt} | {_mark(s.rating, s.cpo_min)} |")
    return [*out, ""]


def _md_roadmap(rep: Report, catalog: Catalog, lang: str, m: Any, generated: str) -> list[str]:
    target = catalog.level(rep.roadmap.target).name.get(lang)
    out = [f"## {m('roadmap', target=prose(target))}", ""]
    rm = rep.roadmap
    if not rm.steps:
        return [*out, m("top"), ""]
    earliest = str(rm.earliest_year) if rm.earliest_year else _years(rm.years_to_target_earliest)
    total = m(
        "total_same" if views.one_year(rm.typical_year, rm.earliest_year) else "total",
        y=_years(rm.years_to_target),
        target=prose(target),
        year=rm.typical_year or "-",
        earliest=earliest,
    )
    out += [total, ""]
    if rm.track_switch is not None:
        sw = rm.track_switch
        out += [
            f"### {m('switch', level=prose(catalog.level(sw.level).name.get(lang)))}",
            "",
            views.switch_status(sw, lang, "md_") + " " + prose(sw.note.get(lang)),
            "",
        ]
    for n, step in enumerate(rm.steps, 1):
        out += _step(n, step, catalog, lang, m)
    return out + _md_timeline(rep, catalog, lang, m) + mermaid_gantt(rep, catalog, lang, generated)


def _md_timeline(rep: Report, catalog: Catalog, lang: str, m: Any) -> list[str]:
    heads = [m(f"tl_{c}") for c in ("step", "level", "typical", "typical_year", "earliest", "earliest_year")]
    out = [f"## {m('timeline')}", "", *_table_head(heads, ":-::::")]
    for n, step in enumerate(rep.roadmap.steps, 1):
        year = str(step.earliest_year) if step.earliest_year else "-"
        typical = str(step.typical_year) if step.typical_year else "-"
        name = prose(catalog.level(step.level).name.get(lang))
        out.append(
            f"| {n} | {name} | {_years(step.years_from_now)} | {typical} "
            f"| {_years(step.years_from_now_earliest)} | {year} |"
        )
    return [*out, ""]


_MERMAID_UNSAFE = re.compile(r"[:;#%`{}\s]+")
_MERMAID_KEYWORD = re.compile(
    r"(?i)^(accDescr|accTitle|axisFormat|click|dateFormat|excludes|gantt|includes|"
    r"inclusiveEndDates|section|tickInterval|title|todayMarker|topAxis|weekday|weekend)\b"
)
"""Gantt's directives: a task named `section …` or `dateFormat …` would be read as one (the
lexer matches them before task text, case-insensitively)."""


def mermaid_text(text: str) -> str:
    """A ladder text as a gantt task or title: the characters the task syntax reserves become
    spaces, and a leading directive word is kept from being read as one by a word joiner
    (U+2060) after its first letter, which no font draws."""
    flat = " ".join(_MERMAID_UNSAFE.sub(" ", text).split())
    return _MERMAID_KEYWORD.sub(lambda m: m.group()[0] + "\u2060" + m.group()[1:], flat)


def mermaid_gantt(rep: Report, catalog: Catalog, lang: str, generated: str = "") -> list[str]:
    """The roadmap as a Mermaid gantt chart (GitHub draws it): a typical and an earliest lane.

    Dates are days from today (or 1 January of the plan's first year), so half-years show;
    level names lose the few characters Mermaid's task syntax reserves.
    """
    import datetime

    rm = rep.roadmap
    if not rm.steps or rm.typical_year is None:
        return []
    try:
        start = datetime.date.fromisoformat(generated)
    except ValueError:
        start = datetime.date(max(1, min(9999, rm.typical_year - round(rm.years_to_target))), 1, 1)

    def day(years: float) -> str | None:
        """The date `years` from the start, or None past 9999-12-31 (no calendar date, and no
        chart, goes further: a long company ladder's top can lie there)."""
        try:
            return (start + datetime.timedelta(days=round(years * 365.25))).isoformat()
        except OverflowError:
            return None

    m = words("md_", lang)

    target = mermaid_text(catalog.level(rm.target).name.get(lang))
    out = ["```mermaid", "gantt", f"    title {m('roadmap', target=target)}", "    dateFormat YYYY-MM-DD"]
    out.append("    axisFormat %Y")
    beyond = False
    for lane, attr in (("typical", "years_from_now"), ("earliest", "years_from_now_earliest")):
        out.append(f"    section {m('gantt_' + lane)}")
        before = 0.0
        for n, step in enumerate(rm.steps, 1):
            name = mermaid_text(catalog.level(step.level).name.get(lang))
            until = max(getattr(step, attr), before + 0.1)
            begin, end = day(before), day(until)
            if begin is None or end is None:
                beyond = True  # this step and those after it: the table above lists their years
                break
            out.append(f"    {name} :{lane[0]}{n}, {begin}, {end}")
            before = until
    return [*out, "```", "", *([m("gantt_beyond"), ""] if beyond else [])]


def _reviews(summary: ReviewSummary, catalog: Catalog, lang: str) -> list[str]:
    """The same section as the terminal's: pooled views only, never a peer's name or rating."""

    r = words("r_", lang)

    out = [f"## {r('reviews')}", "", prose(views.roles_text(summary, lang)), ""]
    apart = views.split_shown(summary)
    heads = [r("skill"), r("you"), r("others")]
    heads += [r("manager"), r("peers")] if apart else []
    heads += [r("placed"), ""]
    out += ["| " + " | ".join(heads) + " |", "| --- |" + " ---: |" * (len(heads) - 2) + " --- |"]
    for v in summary.skills:
        mark = "▲" if v.id in summary.blind_spots else "▼" if v.id in summary.hidden_strengths else ""
        cells = [prose(catalog.skill(v.id).name.get(lang)), str(v.self), views.rating_text(v.others)]
        cells += [views.rating_text(v.manager), views.rating_text(v.peers)] if apart else []
        cells += [str(v.placed), mark]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for kind, title in (("blind", "▲ " + r("blind")), ("hidden", "▼ " + r("hidden"))):
        found = views.contrasts(summary, catalog, lang, kind)
        if not found:
            continue
        out += [f"### {prose(title)}", ""]
        for c in found:
            out.append(f"- **{prose(c.name)}** {c.own} / {views.rating_text(c.others)}")
            out.append(f"  - {prose(r('you_do', text=c.says))}")
            out.append(f"  - {prose(r('they_see', text=c.seen))}")
        out.append("")
    out += [prose(n) + "\n" for n in views.notes(summary, catalog, lang)]
    return out


def _step(n: int, step: Step, catalog: Catalog, lang: str, m: Any) -> list[str]:
    v = views.step_view(n, step, catalog, lang)
    sep = marks(lang).sep
    earliest = v.earliest_year or _years(v.years_earliest)
    key = "when_same" if views.one_year(v.typical_year, v.earliest_year) else "when"
    when = m(key, y=_years(v.years), year=v.typical_year or "-", earliest=earliest)
    out = [f"### {m('step', n=n, name=prose(v.name), when=when)}", ""]
    if v.defining:
        out += [m("defining", names=prose(sep.join(v.defining))), ""]
    colon = marks(lang).colon
    gaps = []
    for g in v.gaps:
        gaps.append(f"- [ ] **{prose(g.name)}** {g.rating} → {g.needed}{colon}{prose(g.behaviour)}")
        gaps += [f"  - {prose(views.action_text(a, g, lang))}" for a in g.actions]
    sections = [
        (m("build"), gaps or [f"- {m('no_gaps')}"]),
        (m("experience"), _md_experience(v, m)),
        (m("degrees_head"), _md_degrees(v.degrees, sep, m)),
        (m("network_head"), _md_network(v.network, m)),
        (m("courses"), [_md_course(c, lang, m) for c in v.courses]),
        (m("notes"), [f"- {prose(x)}" for x in v.notes]),
        (m("promotion"), [f"- {prose(x)}" for x in v.promotion]),
        (
            m("kpis"),
            [
                *([f"*{prose(v.kpis_note)}*", ""] if v.kpis_note and v.kpis else []),
                *(f"- [ ] {prose(k)}" for k in v.kpis),
            ],
        ),
    ]
    for i, (title, lines) in enumerate([s for s in sections if s[1]], 1):
        out += [f"#### {n}.{i} {title}", "", *lines, ""]
    return out


def _box(done: bool) -> str:
    return "- [x] " if done else "- [ ] "


def _md_experience(v: views.StepView, m: Any) -> list[str]:
    exp = v.experience
    lines = [_box(exp.met) + m("exp_years", need=exp.need, now=exp.now)]
    if v.managing is not None:
        lines.append(_box(v.managing.met) + m("exp_managing", need=v.managing.need, now=v.managing.now))
    return lines


def _md_degrees(deg: views.Degrees | None, sep: str, m: Any) -> list[str]:
    if deg is None:
        return []
    lines = [f"- {prose(deg.note)}"]
    if deg.recommended:
        lines.insert(0, _box(deg.met) + m("recommended", names=prose(sep.join(deg.recommended))))
    return lines


def _md_network(net: views.Network | None, m: Any) -> list[str]:
    if net is None:
        return []
    head = _box(net.met) + m(views.network_key(net), target=net.target, now=net.now)
    return [head, *(f"- [ ] {prose(a)}" for a in net.actions)]


def _md_course(c: views.Course, lang: str, m: Any) -> str:
    sep, comma = marks(lang).sep, marks(lang).comma
    extra = m("builds", names=prose(sep.join(c.builds))) if c.builds else ""
    facts = bracket(prose(c.facts), lang) if c.facts else ""
    return f"- [ ] {_link(c.name, c.url)}{c.note}{comma}{prose(c.provider)}{extra}{facts}"


# ------------------------------------------------------------------ cohorts


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def cohort(
    summary: CohortSummary,
    people: list[PersonRow],
    errors: list[ErrorRow],
    catalog: Catalog,
    generated: str = "",
    title: str = "",
    progress: dict[str, Any] | None = None,
    reviews: CohortReviews | None = None,
    lang: str = "en",
    programme: dict[str, Any] | None = None,
) -> str:
    """The cohort as Markdown, e.g. for a GitHub job summary; `people` may be a leading sample."""
    from pmpath.render.programme import sections

    parts = sections(programme, lang)
    c = words("c_", lang)
    v = views.cohort_view(summary, people, catalog, reviews, lang, "c_first_md")
    meta = v.meta + (f" · {generated}" if generated else "")
    out = [f"# {escape(title or c('title'))}", "", f"*{meta}{marks(lang).stop}*", ""]
    if v.gate is not None:
        out += [v.gate, ""]
    if progress is not None:  # quarter on quarter first: who moved is what a programme reads for
        out += [*_progress_md(views.since_view(progress, catalog, lang), lang)[1:], ""]
    out += _sections_md([p for p in parts if not p.beside_reviews])
    out += [f"## {c('levels')}", "", f"| {c('level')} | {c('count')} |", "| --- | ---: |"]
    out += [f"| {prose(name)} | {n} |" for name, n in v.levels]
    if v.tracks_line:
        out += ["", v.tracks_line]
    out += ["", f"## {c('skills')}", ""]
    out += _table_head([c(k) for k in ("skill", "avg", "needs", "meeting", "with_gap")], "-::::")
    out += [f"| {prose(s.name)} | {s.average} | {s.needs} | {s.meeting} | {s.with_gap} |" for s in v.skills]
    out += _md_numbered(c("common"), v.common_gaps, lang)
    out += _md_numbered(c("courses"), v.courses, lang)
    out += _md_people(v, c, lang)
    if reviews is not None:
        out += _cohort_reviews_md(v, reviews, lang)
        beside = _sections_md([p for p in parts if p.beside_reviews], "###")
        out += ["", *beside] if beside else []  # no calibration: no blank line of its own
    if errors:
        out += ["", f"## {c('errors')}", ""]
        out += [f"- {escape(e.said.text(lang))}" for e in errors]
    out.append("")
    return "\n".join(out)


def _sections_md(parts: list[Any], level: str = "##") -> list[str]:
    """A programme's sections (pmpath.render.programme): a table, or a list, under its title."""
    out: list[str] = []
    for part in parts:
        out += [f"{level} {prose(part.title)}", ""]
        if part.note:
            out += [prose(part.note), ""]
        if part.head:
            out += _table_head([prose(h) for h in part.head], "-" * len(part.head))
            out += ["| " + " | ".join(escape(cell) or "-" for cell in row) + " |" for row in part.rows]
        else:
            out += [f"- {escape(row[0])}" for row in part.rows]
        if part.cut:
            out += ["", f"*{prose(part.cut)}*"]
        if part.head or part.rows:
            out.append("")
    return out


def _table_head(heads: list[str], align: str) -> list[str]:
    """A table's header row and rule; `align` says per column - (left) or : (right)."""
    rule = " | ".join("---:" if a == ":" else "---" for a in align)
    return ["| " + " | ".join(heads) + " |", f"| {rule} |"]


def _md_numbered(title: str, items: list[views.Counted], lang: str, level: str = "##") -> list[str]:
    if not items:
        return []
    colon = marks(lang).colon
    return ["", f"{level} {title}", "", *(f"1. {_link(x.name, x.url)}{colon}{x.people}" for x in items)]


def _md_people(v: views.CohortView, c: Any, lang: str) -> list[str]:
    if not v.people:
        return []
    sep = marks(lang).sep
    out = ["", f"## {c('people')}", ""]
    out += _table_head([c(k) for k in ("name", "file", "level", "next", "gaps")], "-----")
    for p in v.people:
        gaps = sep.join(prose(g) for g in p.gaps) or "-"
        level = prose(p.level) + (" ✗" if p.below_gate else "")
        nxt = prose(p.next) if p.next else "-"
        name = escape(p.name) or "-"
        if p.report:
            name = f"[{name}](<{_url_path(p.report)}>)"
        out.append(f"| {name} | {path_text(p.file)} | {level} | {nxt} | {gaps} |")
    if v.sample_note:
        out += ["", f"*{v.sample_note}*"]
    return out


def _cohort_reviews_md(v: views.CohortView, reviews: CohortReviews, lang: str = "en") -> list[str]:
    """What a programme most wants to know: where people see themselves above what others see."""
    c = words("c_", lang)
    out = ["", f"## {c('rv_title')}", "", v.review_line or "", ""]
    out += _table_head([c(k) for k in ("skill", "rv_reviewed", "rv_gap", "rv_blind", "rv_hidden")], "-::::")
    out += [f"| {prose(s.name)} | {s.people} | {s.gap} | {s.blind} | {s.hidden} |" for s in v.review_skills]
    out += _md_numbered(c("rv_common"), v.common_blind_spots, lang, "###")
    loose = [*reviews.unmatched, *reviews.ambiguous]
    if loose:
        out += ["", f"### {c('rv_unused')}", ""]
        out += [f"- {path_text(f)}" for f in loose]
    return out


def _progress_md(since: views.Since, lang: str = "en") -> list[str]:
    """Quarter on quarter by name, for the job summary a programme reads."""
    c = words("c_", lang)
    colon = marks(lang).colon
    out = ["", f"## {c('since')}", "", since.line]
    for named in since.named:
        items = [escape(n) + (f"{colon}{prose(a)} → {prose(b)}" if a else "") for n, a, b in named.people]
        out += ["", f"### {c(named.key)}", "", *(f"- {item}" for item in items)]
        if named.more:
            out += ["", f"*{named.more}*"]
    if since.changes:
        out += ["", f"| {c('skill')} | {c('avg_change')} |", "| --- | ---: |"]
        out += [f"| {prose(name)} | {change} |" for name, change in since.changes]
    if since.planned:
        out += ["", f"### {c('planned_h')}", "", f"| {c('skill')} | {c('planned')} | {c('moved')} |"]
        out += ["| --- | ---: | ---: |", *(f"| {prose(n)} | {p} | {m} |" for n, p, m in since.planned)]
    if since.duplicates:
        out += ["", c("dups", names=T("list_sep", lang=lang).join(escape(n) for n in since.duplicates))]
    return out


def _url_path(path: str) -> str:
    """A relative link in Markdown's angle brackets: only `<`, `>` and line ends need escaping."""
    from urllib.parse import quote

    return quote(path, safe="/-._~()!*'")
