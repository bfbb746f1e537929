"""A person's history as they read it: the runs listed (`pmpath history`), what moved between
them (`pmpath progress`) and the quarter's plan held against today (the check-in of a run).
pmpath.recall reads the runs and measures; pmpath.progress is the arithmetic; nothing here
reads or writes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pmpath.models import dump
from pmpath.typeset import bracket, marks

if TYPE_CHECKING:
    from pmpath import history
    from pmpath.models import Catalog, GrowthAction
    from pmpath.progress import PlannedState, Progress


def runs_json(runs: list[history.Run]) -> str:
    return (
        json.dumps({"schema_version": 1, "runs": [r.brief() for r in runs]}, indent=2, ensure_ascii=False)
        + "\n"
    )


def _reviewed(n: int, lang: str) -> str:
    """A run placed with others' reviews says so beside its date."""
    from pmpath.i18n import T

    return T("p_with_reviews", lang=lang, n=n) if n else ""


def _moved(p: Progress, n: int, catalog: Catalog | None, lang: str) -> str:
    """After a level on another track than the one before it: which track it moved to."""
    from pmpath.i18n import T

    names = catalog.tracks.names if catalog is not None and catalog.tracks is not None else {}
    now, before = p.levels[n].track, p.levels[n - 1].track if n else ""
    if n and now in names and now != before:
        return T("p_track_moved", lang=lang, track=names[now].get(lang))
    return ""


def _level_name(run: history.Run, names: dict[str, str]) -> str:
    """A company ladder's ids may mean other levels than the built-in ones: its runs keep their own name."""
    return names.get(run.level, run.level_name) if run.ladder == "bundled" else run.level_name


def runs_table(runs: list[history.Run], lang: str, names: dict[str, str], width: int = 100) -> str:
    """Plain lines rather than a rich table: a history of a thousand runs lists in milliseconds.
    `names`: the built-in ladder's level names in `lang` (a run keeps the English one)."""
    from pmpath.i18n import T
    from pmpath.text import plain_table, visible

    heads = [T(f"h_{k}", lang=lang) for k in ("id", "date", "name", "level")]
    rows = [
        [str(r.id), r.at.replace("T", " "), visible(r.name) or "-", visible(_level_name(r, names))]
        for r in runs
    ]
    return plain_table(T("h_title", lang=lang), heads, rows, right=frozenset({0}), width=width)


_SPARK = "▁▂▃▄▅"


def spark(trail: tuple[int, ...]) -> str:
    return "".join(_SPARK[max(1, min(5, v)) - 1] for v in trail)


def progress_json(p: Progress) -> str:
    return json.dumps(dump(p, by_alias=True), indent=2, ensure_ascii=False) + "\n"


def progress_table(p: Progress, lang: str = "en", width: int = 100, catalog: Catalog | None = None) -> str:
    """Plain lines, like the history list: the change per skill with a trail across the runs."""
    from pmpath.i18n import words
    from pmpath.text import plain_table, visible, wrap

    t = words("p_", lang)

    sep = marks(lang).sep
    head = t(
        "head",
        name=visible(p.name) or t("unnamed"),
        runs=p.runs,
        start=p.from_run.at[:10],
        end=p.to_run.at[:10],
    )
    rows = [
        [
            visible(s.name),
            str(s.from_ or "-"),
            str(s.to),
            "-" if s.delta is None else f"{s.delta:+d}",
            spark(s.trail),
        ]
        for s in p.skills
    ]
    heads = [t(k) for k in ("skill", "from", "to", "change", "runs")]
    out = [plain_table(head, heads, rows, right=frozenset({1, 2, 3}), width=width).rstrip("\n"), ""]
    dated = (
        visible(c.level_name)
        + bracket(c.at[:10] + _reviewed(c.reviews, lang), lang)
        + _moved(p, n, catalog, lang)
        for n, c in enumerate(p.levels)
    )
    said = [t("levels", trail=" → ".join(dated))]
    if p.run_ids:
        from pmpath.render.packet import id_ranges

        said.append(t("compared", ids=id_ranges(p.run_ids, lang)))
    if p.closed:
        said.append(t("closed", items=sep.join(f"{visible(g.name)} {g.needed}" for g in p.closed)))
    if p.open:
        said.append(t("open", items=sep.join(f"{visible(g.name)} {g.now}→{g.needed}" for g in p.open)))
    out += [line for text in said for line in wrap(text, width, indent="  ")]  # never one 200-cell line
    out += planned_lines(p.planned, p.evidence, p.from_run.at[:10], lang, catalog, width)
    return "\n".join(out) + "\n"


def planned_lines(
    planned: Sequence[PlannedState],
    evidence: dict[str, int],
    date: str,
    lang: str,
    catalog: Catalog | None = None,
    width: int = 100,
) -> list[str]:
    """Planned vs moved: what an earlier run (on `date`) planned for its quarter, where it is
    now, and the evidence logged since: `progress` and the check-in of an interactive run. With
    the ladder, a skill not yet at its target is followed by the next on-the-job action for it."""
    from pmpath.i18n import words
    from pmpath.text import visible, wrap

    t = words("p_", lang)
    out = []
    if planned:
        out.append(t("planned", date=date))
        for s in planned:
            state = "reached" if s.reached else "moved" if s.moved else "still"
            mark = "✓" if s.reached else "↑" if s.moved else "·"
            out.append(
                f"  {mark} " + t(f"plan_{state}", name=visible(s.name), then=s.then, need=s.needed, now=s.now)
            )
            action = None if s.reached or catalog is None else _next_on_the_job(catalog, s)
            if action:
                out += wrap(action.text.get(lang), width, indent="        ", first="      → ")
    if evidence:
        out.append(t("logged", n=sum(evidence.values()), date=date))
    return out


def _next_on_the_job(catalog: Catalog, state: PlannedState) -> GrowthAction | None:
    if state.skill not in catalog.skill_ids:
        return None
    steps = catalog.skill(state.skill).actions_between(state.now, state.needed)
    return next((a for a in steps if a.kind == "on_the_job"), None)


def _ranges(ids: tuple[int, ...], lang: str) -> str:
    from pmpath.render.packet import id_ranges

    return id_ranges(ids, lang)


def progress_md(p: Progress, lang: str = "en") -> str:
    from pmpath.i18n import words
    from pmpath.render.markdown import escape, prose

    t = words("p_", lang)

    out = [
        f"# {t('md_title', name=escape(p.name) or t('unnamed'))}",
        "",
        t("md_runs", runs=p.runs, start=p.from_run.at[:10], end=p.to_run.at[:10]),
        "",
        *([t("compared", ids=_ranges(p.run_ids, lang)), ""] if p.run_ids else []),
    ]
    heads = [t(k) for k in ("skill", "from", "to", "change", "runs")]
    out += ["| " + " | ".join(heads) + " |", "| --- | ---: | ---: | ---: | --- |"]
    for s in p.skills:
        delta = "-" if s.delta is None else f"{s.delta:+d}"
        out.append(f"| {prose(s.name)} | {s.from_ or '-'} | {s.to} | {delta} | {spark(s.trail)} |")
    out += ["", f"## {t('md_levels')}", ""]
    out += [
        f"- {c.at[:10]}{'：' if lang == 'zh' else ': '}{prose(c.level_name)}{_reviewed(c.reviews, lang)}"
        for c in p.levels
    ]
    if p.closed or p.open:
        out += ["", f"## {t('md_roadmap')}", ""]
        out += [f"- [x] {prose(g.name)} {g.needed}" for g in p.closed]
        out += [f"- [ ] {prose(g.name)} {g.now} → {g.needed}" for g in p.open]
    if p.planned:
        out += ["", f"## {t('md_planned', date=p.from_run.at[:10])}", ""]
        for item in p.planned:
            state = "reached" if item.reached else "moved" if item.moved else "still"
            said = t(f"plan_{state}", name=prose(item.name), then=item.then, need=item.needed, now=item.now)
            out.append(f"- [{'x' if item.reached else ' '}] {said}")
    if p.evidence:
        out += ["", t("logged", n=sum(p.evidence.values()), date=p.from_run.at[:10])]
    out.append("")
    return "\n".join(out)


def runs_text(
    runs: list[history.Run], fmt: str, lang: str, names: dict[str, str], width: int, excel: bool = False
) -> str:
    """`pmpath history` as text, in the format asked for."""
    if fmt == "csv":
        from pmpath.render import sheet

        return sheet.runs(runs, excel)
    return runs_json(runs) if fmt == "json" else runs_table(runs, lang, names, width=width)


def text(p: Progress, fmt: str, lang: str, width: int, catalog: Catalog, excel: bool = False) -> str:
    """`pmpath progress` as text, in the format asked for."""
    if fmt == "json":
        return progress_json(p)
    if fmt == "csv":
        from pmpath.render import sheet

        return sheet.progress(p, excel)
    if fmt == "md":
        return progress_md(p, lang)
    return progress_table(p, lang, width, catalog)
