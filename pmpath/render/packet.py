"""The promotion packet drawn: on screen (plain lines), as Markdown for a wiki or a promotion
document, as a page, and as JSON. Shaped like GitLab's promotion document: a summary, the
evidence per competency, what others say; the readiness check comes first, because a packet
that is not ready should say so before anything else."""

from __future__ import annotations

import json
from typing import Any

from pmpath.i18n import T, words
from pmpath.packet import RULES, Packet, PacketEntry, PacketSkill
from pmpath.report import num_text
from pmpath.typeset import marks

DIFFERENT_BY = 1.0
"""Others' rating this far from the person's own is worth a line under "What others say"."""


def as_json(p: Packet) -> str:
    return json.dumps(p.model_dump(mode="json", by_alias=True), indent=2, ensure_ascii=False) + "\n"


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


_TO = ("\u2013", " 至 ")
"""Between the ends of a range of ids: an en dash in English, 至 in Chinese (as dates are)."""


def id_ranges(ids: tuple[int, ...] | list[int], lang: str) -> str:
    """Run ids as a reader takes them in: `2\u20134, 7` (`2 至 4、7`) rather than every id."""
    parts: list[str] = []
    start = prev = None
    for i in [*ids, None]:
        if start is not None and i == (prev or 0) + 1:
            prev = i
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}{_TO[lang == 'zh']}{prev}")
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
    from pmpath.render.markdown import escape, prose

    t = words("pk_", lang)
    out = [f"# {t('title', name=escape(p.name), level=prose(p.for_name))}", "", _meta(p, lang), ""]
    out += [f"## {t('ready_h')}", "", f"**{_verdict(p, lang)}**", ""]
    out += [f"- [{'x' if r.met else ' '}] {prose(r.why)}" for r in p.readiness.rules]
    if p.readiness.missing:
        out += ["", f"### {t('missing_h')}", ""]
        out += [f"- {prose(item.why)}" for item in p.readiness.missing]
    hint = placed_hint(p, lang)
    if hint is not None:
        out += ["", prose(hint)]
    heads = [t(k) for k in ("h_skill", "h_needed", "h_rating", "h_self", "h_others", "h_trail", "h_entries")]
    out += ["", f"## {t('summary_h')}", "", "| " + " | ".join(heads) + " |"]
    out.append("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
    for s in p.skills:
        name = prose(s.name) + (" \\*" if s.defining else "")
        recent = sum(1 for e in s.evidence if e.recent)
        cells = [name, str(s.needed), str(s.rating), str(s.self), _others(s.others), trail(s), str(recent)]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", prose(t("table_note", months=p.evidence_months)), "", f"## {t('skills_h')}", ""]
    for s in p.skills:
        out += _md_skill(s, lang)
    out += [f"## {t('others_h')}", "", *_md_others(p, lang), f"## {t('rules_h')}", "", t("rules_text"), ""]
    return "\n".join(out)


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
    }
    return environment().get_template("packet.html.j2").render(data)
