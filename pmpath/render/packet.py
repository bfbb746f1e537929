"""The promotion packet drawn: on screen (plain lines), as Markdown for a wiki or a promotion
document, as a page, and as JSON. The readiness check comes first, because a packet that is not
ready should say so before anything else; then the case, laid out as the committee reads it.

In English that is GitLab's promotion document: the case (the thesis), the flagship stories as
situation, action and result with whose work each was, the sponsor, the skills and their
evidence, what others say, the performance history (the runs) and the plan for the next level.
In Chinese it is the outline of a 晋升答辩: 自我介绍 (the thesis, the runs, the sponsor), 核心成果
(the stories), 能力证明 (the skills, their evidence, others' view), 下一级规划."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pmpath.i18n import T, words
from pmpath.models import dump
from pmpath.packet import MIN_STORIES, RULES, CasePlanItem, NextRung, Packet, PacketEntry, PacketSkill, Story
from pmpath.report import num_text
from pmpath.typeset import marks

DIFFERENT_BY = 1.0
"""Others' rating this far from the person's own is worth a line under "What others say"."""


def as_json(p: Packet) -> str:
    return json.dumps(dump(p, by_alias=True), indent=2, ensure_ascii=False) + "\n"


def _others(value: float | None) -> str:
    return "-" if value is None else num_text(round(value, 1))


def trail(s: PacketSkill) -> str:
    return " → ".join(str(v) for v in s.trail)


def differing(p: Packet) -> list[PacketSkill]:
    """Skills others see at least a point away from the person's own rating."""
    return [s for s in p.skills if s.others is not None and abs(s.others - s.self) >= DIFFERENT_BY]


def _meta(p: Packet, lang: str) -> str:
    if not p.run_ids:
        return _said(p, lang)
    compared = T("pk_compared", lang=lang, ids=id_ranges(p.run_ids, lang))
    return _said(p, lang) + ("" if lang == "zh" else " ") + compared


def id_ranges(ids: tuple[int, ...] | list[int], lang: str) -> str:
    """Run ids as a reader takes them in: `2\u20134, 7` (`2 至 4、7`) rather than every id."""
    parts: list[str] = []
    start = prev = None
    for i in [*ids, None]:
        if start is not None and i == (prev or 0) + 1:
            prev = i
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}{marks(lang).to}{prev}")
        start = prev = i
    return marks(lang).sep.join(parts)


def _said(p: Packet, lang: str) -> str:
    return T(
        "pk_meta" if p.runs != 1 else "pk_meta_one",  # not "from 1 assessments"
        lang=lang,
        date=p.as_of,
        current=p.current.name,
        runs=p.runs,
        latest=p.latest_run.at[:10],
    )


def _verdict(p: Packet, lang: str) -> str:
    short = sum(1 for r in p.readiness.rules if not r.met)
    return T("pk_ready_yes", lang=lang) if p.ready else T("pk_ready_no", lang=lang, n=short, total=len(RULES))


def placed_hint(p: Packet, lang: str) -> str | None:
    """Why a packet for a level above the person's placement cannot be ready on skills and years
    (meeting them is what places someone at a level), and the command for the case a promotion
    usually needs: the level pmpath already places them at, when their title is below it."""
    short = {r.id for r in p.readiness.rules if not r.met}
    if p.for_ == p.current.id or not short & {"skills", "experience"}:
        return None
    return T("pk_placed_hint", lang=lang, current=p.current.name, level=p.for_name, id=p.current.id)


def _skill_line(s: PacketSkill, lang: str) -> str:
    return T(
        "pk_skill_line",
        lang=lang,
        need=s.needed,
        rating=s.rating,
        self=s.self,
        others=_others(s.others),
        trail=trail(s),
    )


# ------------------------------------------------------------------ the case, in words


def story_entry(p: Packet, story: Story) -> PacketEntry | None:
    """The evidence entry a story tells (its date, its link)."""
    for s in p.skills:
        for e in s.evidence:
            if e.id == story.entry:
                return e
    return None


def skill_name(p: Packet, skill_id: str) -> str:
    return next((s.name for s in p.skills if s.id == skill_id), skill_id)


def _same(text: str) -> str:
    return text


def story_head(p: Packet, n: int, story: Story, lang: str, lit: Callable[[str], str] = _same) -> str:
    """`1. Strategic thinking (2026-10-01)`: a story's number, skill and date; `lit` makes the
    names literal in the format drawn (Markdown escapes them, the page and the screen do not)."""
    e = story_entry(p, story)
    date = e.date if e else ""
    return T("pk_story_head", lang=lang, n=n, skill=lit(skill_name(p, story.skill)), date=date)


def story_parts(story: Story, lang: str) -> list[tuple[str, str]]:
    """A story's parts as (label, text someone typed), in the order a committee hears them:
    the situation, what the person did (labelled by whose work it was), the result, what
    moved. A part not told is left out."""
    t = words("pk_story_", lang)
    scope = story.scope if story.scope in ("me", "led", "team") else "unset"
    parts = [(t("situation"), story.situation), (t(f"action_{scope}"), story.action)]
    parts += [(t("result"), story.result), (t("metric"), story.metric)]
    return [(label, text) for label, text in parts if text]


def scope_line(story: Story, lang: str) -> str:
    """Whose work it was, in a sentence ("what you did vs what the team did")."""
    scope = story.scope if story.scope in ("me", "led", "team") else "unset"
    return T(f"pk_scope_{scope}", lang=lang)


def stories_note(p: Packet, lang: str) -> str | None:
    """What a thin case lacks: fewer than three stories, or stories without a situation or
    result; None when every story is whole and there are enough."""
    stories = p.case.stories
    if not stories:
        return T("pk_stories_none", lang=lang)
    if len(stories) < MIN_STORIES:
        return T("pk_stories_few", lang=lang, n=len(stories), least=MIN_STORIES)
    untold = sum(1 for st in stories if not (st.situation and st.result))
    return T("pk_stories_untold", lang=lang, n=untold, total=len(stories)) if untold else None


def rung_line(r: NextRung, lang: str, lit: Callable[[str], str] = _same) -> str:
    """The next rung and what defines it: `Director of Product: Strategic thinking, ...`."""
    names = marks(lang).sep.join(lit(d.name) for d in r.defining_skills)
    key = "pk_next_rung" if names else "pk_next_rung_plain"
    return T(key, lang=lang, level=lit(r.name), skills=names)


def plan_text(item: CasePlanItem, lang: str, lit: Callable[[str], str] = _same) -> str:
    """One item of the quarter's plan, as the report says it."""
    if item.kind == "skill":
        name = lit(item.name or item.skill or "")
        return T("pk_plan_skill", lang=lang, skill=name, rating=item.rating, need=item.needed)
    if item.kind == "managing":
        return T("r_act_manage", lang=lang, y=num_text(round(item.years or 0.0, 1)))
    return T("r_act_network", lang=lang, target=item.target, now=item.now)


def history_line(p: Packet, i: int, lang: str, lit: Callable[[str], str] = _same) -> str:
    run = p.history[i]
    return T("pk_history_line", lang=lang, date=run.at[:10], level=lit(run.level.name), id=run.id)


def standing(p: Packet, lang: str) -> str:
    """Where the person stands: the level now and their years."""
    return T(
        "pk_standing",
        lang=lang,
        current=p.current.name,
        years=num_text(p.years_experience),
        managing=num_text(p.years_managing),
    )


# ------------------------------------------------------------------ on screen


def text(p: Packet, lang: str, width: int) -> str:
    """Plain lines: the verdict, the rules, what is missing and a table of the skills; the full
    evidence is in the Markdown or HTML packet."""
    from pmpath.text import cells, clip, plain_table, visible, wrap

    t = words("pk_", lang)
    out = [visible(t("title", name=p.name, level=p.for_name)), *wrap(_meta(p, lang), width), ""]
    out += wrap(_verdict(p, lang), width)
    for rule in p.readiness.rules:
        out += wrap(rule.why, width, indent="    ", first=("  ✓ " if rule.met else "  ✗ "))
    if p.readiness.missing:
        out += ["", t("missing_h") + marks(lang).colon.rstrip()]
        for item in p.readiness.missing:
            out += wrap(visible(item.why), width, indent="    ", first="  · ")
    hint = placed_hint(p, lang)
    if hint is not None:
        out += ["", *wrap(visible(hint), width)]
    out += _text_case(p, lang, width)
    heads = [t(k) for k in ("h_skill", "h_needed", "h_rating", "h_self", "h_others", "h_entries")]
    rows = [
        [
            visible(s.name),
            str(s.needed),
            str(s.rating),
            str(s.self),
            _others(s.others),
            str(sum(1 for e in s.evidence if e.recent)),
        ]
        for s in p.skills
    ]
    room = width - sum(max(cells(h), *(cells(r[i]) for r in rows)) + 2 for i, h in enumerate(heads) if i)
    for row, s in zip(rows, p.skills, strict=True):  # the name gives way, never the numbers or the mark
        fits = max(room - (2 if s.defining else 0), 8)
        row[0] = (clip(row[0], fits) if cells(row[0]) > fits else row[0]) + (" *" if s.defining else "")
    out += ["", plain_table("", heads, rows, right=frozenset({1, 2, 3, 4, 5}), width=width).strip("\n"), ""]
    out += [*wrap(t("table_note", months=p.evidence_months), width), ""]
    return "\n".join(out)


def _text_case(p: Packet, lang: str, width: int) -> list[str]:
    """The case in brief: the thesis, a line per story, the sponsor; told whole in Markdown/HTML."""
    from pmpath.text import visible, wrap

    t = words("pk_", lang)
    m = marks(lang)
    out = ["", t("brief_h") + m.colon.rstrip(), *wrap(visible(p.case.thesis), width, indent="  ", first="  ")]
    for n, st in enumerate(p.case.stories, 1):
        said = story_head(p, n, st, lang) + m.colon + st.action + (m.semi + st.metric if st.metric else "")
        scope = T(f"ev_scope_{st.scope}", lang=lang) if st.scope in ("me", "led", "team") else ""
        out += wrap(
            visible(said) + (m.open + scope + m.close if scope else ""), width, indent="     ", first="  "
        )
    note = stories_note(p, lang)
    if note is not None:
        out += wrap(visible(note), width, indent="  ", first="  ")
    sponsor = t("sponsor_label") + m.colon + visible(p.case.sponsor) if p.case.sponsor else t("sponsor_none")
    return [*out, *wrap(sponsor, width, indent="  ", first="  ")]


# ------------------------------------------------------------------ Markdown


def _md_entry(e: PacketEntry, lang: str) -> str:
    from pmpath.render.markdown import link_text, prose

    m = marks(lang)
    parts = [f"{e.date}{m.colon}{prose(e.text)}"]
    if e.metric:
        parts.append(T("ev_metric", lang=lang) + m.colon + prose(e.metric))
    if e.link:
        parts.append(link_text(e.link))
    if not e.recent:
        parts.append(f"*{T('pk_old', lang=lang, months=e.months_old)}*")
    return "- " + m.semi.join(parts)


def _md_skill(s: PacketSkill, lang: str) -> list[str]:
    from pmpath.render.markdown import prose

    t = words("pk_", lang)
    head = prose(s.name) + (f"{marks(lang).open}{t('defining')}{marks(lang).close}" if s.defining else "")
    out = [f"### {head}", "", _skill_line(s, lang), ""]
    out += [_md_entry(e, lang) for e in s.evidence] or [t("no_entries")]
    return [*out, ""]


def markdown(p: Packet, lang: str) -> str:
    """The packet as a promotion document: the readiness check, then the case in the order the
    committee reads it (GitLab's document in English, a 晋升答辩 outline in Chinese)."""
    from pmpath.render.markdown import escape, prose, prose_code

    t = words("pk_", lang)
    out = [f"# {t('title', name=escape(p.name), level=prose(p.for_name))}", "", _meta(p, lang), ""]
    out += [f"## {t('ready_h')}", "", f"**{_verdict(p, lang)}**", ""]
    out += [f"- [{'x' if r.met else ' '}] {prose(r.why)}" for r in p.readiness.rules]
    if p.readiness.missing:
        out += ["", f"### {t('missing_h')}", ""]
        out += [f"- {prose(item.why)}" for item in p.readiness.missing]
    hint = placed_hint(p, lang)
    if hint is not None:
        out += ["", prose_code(hint)]  # the command as code: `senior_pm`, not senior\_pm
    out.append("")
    if lang == "zh":
        out += _md_intro(p, lang, "##") + _md_history(p, lang, "###") + _md_sponsor(p, lang, "###")
        out += _md_stories(p, lang, "##")
        out += [f"## {t('proof_h')}", "", *_md_table(p, lang, "###"), *_md_evidence(p, lang, None)]
        out += [f"### {t('others_h')}", "", *_md_others(p, lang)]
        out += _md_next(p, lang)
    else:
        out += _md_intro(p, lang, "##") + _md_stories(p, lang, "##") + _md_sponsor(p, lang, "##")
        out += _md_table(p, lang, "##") + _md_evidence(p, lang, "##")
        out += [f"## {t('others_h')}", "", *_md_others(p, lang)]
        out += _md_history(p, lang, "##") + _md_next(p, lang)
    out += [f"## {t('rules_h')}", "", t("rules_text"), ""]
    return "\n".join(out)


def _md_intro(p: Packet, lang: str, h: str) -> list[str]:
    from pmpath.render.markdown import prose

    t = words("pk_", lang)
    return [f"{h} {t('case_h')}", "", prose(p.case.thesis), "", prose(standing(p, lang)), ""]


def _md_stories(p: Packet, lang: str, h: str) -> list[str]:
    from pmpath.render.markdown import prose

    t = words("pk_", lang)
    colon = marks(lang).colon
    out = [f"{h} {t('stories_h')}", "", t("stories_text"), ""]
    for n, st in enumerate(p.case.stories, 1):
        out += [f"{h}# {story_head(p, n, st, lang, prose)}", ""]
        out += [f"- **{label}**{colon}{prose(text)}" for label, text in story_parts(st, lang)]
        out += [f"- *{scope_line(st, lang)}*", ""]
    note = stories_note(p, lang)
    return [*out, note, ""] if note is not None else out  # the catalogue's own words: its `code` stays code


def _md_sponsor(p: Packet, lang: str, h: str) -> list[str]:
    from pmpath.render.markdown import escape

    t = words("pk_", lang)
    said = (
        f"**{t('sponsor_label')}**{marks(lang).colon}{escape(p.case.sponsor)}"
        if p.case.sponsor
        else t("sponsor_none")
    )
    return [f"{h} {t('sponsor_h')}", "", said, "", t("sponsor_note"), ""]


def _md_table(p: Packet, lang: str, h: str) -> list[str]:
    from pmpath.render.markdown import prose

    t = words("pk_", lang)
    heads = [t(k) for k in ("h_skill", "h_needed", "h_rating", "h_self", "h_others", "h_trail", "h_entries")]
    out = [f"{h} {t('summary_h')}", "", "| " + " | ".join(heads) + " |"]
    out.append("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
    for s in p.skills:
        name = prose(s.name) + (" \\*" if s.defining else "")
        recent = sum(1 for e in s.evidence if e.recent)
        cells = [name, str(s.needed), str(s.rating), str(s.self), _others(s.others), trail(s), str(recent)]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, "", prose(t("table_note", months=p.evidence_months)), ""]


def _md_evidence(p: Packet, lang: str, h: str | None) -> list[str]:
    """Every skill the level needs and its entries (### each); under its own heading `h`, or,
    in the 答辩 outline, as part of 能力证明."""
    out = [] if h is None else [f"{h} {words('pk_', lang)('skills_h')}", ""]
    for s in p.skills:
        out += _md_skill(s, lang)
    return out


def _md_history(p: Packet, lang: str, h: str) -> list[str]:
    from pmpath.render.markdown import prose

    t = words("pk_", lang)
    lines = [f"- {history_line(p, i, lang, prose)}" for i in range(len(p.history))]
    return [f"{h} {t('history_h')}", "", *lines, ""]


def _md_next(p: Packet, lang: str) -> list[str]:
    from pmpath.render.markdown import prose

    t = words("pk_", lang)
    plan = p.case.next_level_plan
    out = [f"## {t('next_h')}", ""]
    out += [f"- {rung_line(r, lang, prose)}" for r in plan.rungs] or [t("next_top")]
    out.append("")
    if plan.plan:
        out += [f"### {t('plan_h')}", ""]
        out += [f"{n}. {plan_text(item, lang, prose)}" for n, item in enumerate(plan.plan, 1)]
        out.append("")
    return out


def _md_others(p: Packet, lang: str) -> list[str]:
    from pmpath.render.markdown import prose

    t = words("pk_", lang)
    if not p.reviewers:
        return [t("others_none"), ""]
    out = [t("others_text", n=p.reviewers, date=p.latest_run.at[:10]), ""]
    diff = differing(p)
    out += [f"- {t('others_diff', skill=prose(s.name), self=s.self, others=_others(s.others))}" for s in diff]
    return [*out, ""] if diff else [*out, t("others_same"), ""]


# ------------------------------------------------------------------ HTML


def html(p: Packet, lang: str) -> str:
    from pmpath.render.html import environment, page_base
    from pmpath.text import visible

    data: dict[str, Any] = {
        **page_base(lang, T("pk_title", lang=lang, name=p.name, level=p.for_name)),
        "p": p,
        "meta": _meta(p, lang),
        "verdict": _verdict(p, lang),
        "trail": trail,
        "others": _others,
        "skill_line": lambda s: _skill_line(s, lang),
        "differing": differing(p),
        "placed_hint": placed_hint(p, lang),
        "sep": marks(lang).semi,
        "shown": visible,  # an entry logged before evidence refused hidden characters shows them spelled out
        "zh": lang == "zh",
        "standing": standing(p, lang),
        "story_head": lambda n, st: story_head(p, n, st, lang),
        "story_parts": lambda st: story_parts(st, lang),
        "scope_line": lambda st: scope_line(st, lang),
        "stories_note": stories_note(p, lang),
        "history_line": lambda i: history_line(p, i, lang),
        "rung_line": lambda r: rung_line(r, lang),
        "plan_text": lambda item: plan_text(item, lang),
    }
    return environment().get_template("packet.html.j2").render(data)
