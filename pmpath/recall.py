"""The history commands' work: record a run, list, show, forget, export, and measure progress.

The CLI stays thin: it parses options and calls these; the store is pmpath.history, the
arithmetic pmpath.progress (pure), the drawing the renderers.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pmpath import history
from pmpath.errors import InputError, Msg, PmpathError
from pmpath.models import dump, dump_json
from pmpath.typeset import bracket, marks

if TYPE_CHECKING:
    import sqlite3

    from pmpath.models import Answers, Catalog, GrowthAction, Report
    from pmpath.progress import PlannedState, Progress


def remember(
    rep: Report,
    answers: Answers,
    catalog: Catalog,
    lang: str,
    want_since: bool,
    same_as: int | None = None,
) -> tuple[list[str | Msg], int | None]:
    """Record this run; return the check-in when asked and there is a last time (the "since last
    time" line, then what that run planned for its quarter against today's ratings, and the
    evidence logged since), and the run's id (None when it could not be recorded).

    Never stops the report: a history that cannot be written is one warning line. Of the
    reviews, the run keeps only what its report shows (the pooled views in `rep.reviews`):
    a rater's own ratings, even one the report withholds, never reach the disk.

    `same_as` is the run a resumed session already recorded (Ctrl-C at the save prompts): the
    same answers again are that run, not a second copy the next check-in would compare with.
    """
    from pmpath import __version__
    from pmpath.answers import answers_to_data
    from pmpath.catalog import catalog_digest
    from pmpath.output import err
    from pmpath.progress import logged_since, planned_states, since_line

    name = answers.profile.name
    before = None
    if same_as is not None and _recorded_as(same_as, answers_to_data(answers, catalog), lang):
        return [], same_as
    try:
        with history.connect(create=True) as conn:
            before = history.last(conn, name, lang=lang) if want_since else None
            logged = [(row["skill"], row["date"]) for row in history.evidence(conn, name)] if before else []
            run_id = history.record(
                conn,
                at=datetime.datetime.now().isoformat(timespec="seconds"),
                name=name,
                level=rep.level.id,
                level_name=rep.level.name,
                answers=answers_to_data(answers, catalog),
                report_json=dump_json(rep),
                pmpath_version=__version__,
                lang=lang,
                catalog_hash=catalog_digest(catalog),
                ladder=catalog.name,
            )
    except PmpathError as exc:
        err(Msg("e_not_recorded", why=exc.said), exc.hinted, lang=lang)
        return [], None
    if before is None:
        return [], run_id
    names = {s.id: s.name.get(lang) for s in catalog.skills}
    levels = {lv.id: lv.name.get(lang) for lv in catalog.levels}
    names_of = catalog.tracks.names if catalog.tracks is not None else {}
    tracks = {lv.id: names_of[lv.track].get(lang) for lv in catalog.levels if lv.track in names_of}
    lines: list[str | Msg] = [since_line(before, dict(answers.ratings), rep.level.id, names, levels, tracks)]
    planned = planned_states(json.loads(before.report), dict(answers.ratings), names)
    import shutil

    since, width = logged_since(logged, before.at), shutil.get_terminal_size().columns
    return [*lines, *planned_lines(planned, since, before.at[:10], lang, catalog, width)], run_id


def _recorded_as(run_id: int, answers: dict[str, Any], lang: str) -> bool:
    """Whether the history's run `run_id` holds these very answers."""
    try:
        with history.connect() as conn:
            run = history.get(conn, run_id, lang=lang)
    except PmpathError:
        return False
    return run is not None and run.answers == answers


def list_runs(name: str | None, lang: str, brief: bool = False) -> list[history.Run]:
    """`brief` leaves each run's answers and report unread: a listing needs neither."""
    with history.connect() as conn:
        return history.runs(conn, name, lang=lang, brief=brief)


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


def _level_names(lang: str) -> dict[str, str]:
    """The built-in ladder's level names in `lang`: a run keeps the name it was made with (in
    English), and a Chinese reader should read it in Chinese. English needs no catalogue."""
    if lang == "en":
        return {}
    from pmpath.catalog import load_catalog

    return {lv.id: lv.name.get(lang) for lv in load_catalog().levels}


def _level_name(run: history.Run, names: dict[str, str]) -> str:
    """A company ladder's ids may mean other levels than the built-in ones: its runs keep their own name."""
    return names.get(run.level, run.level_name) if run.ladder == "bundled" else run.level_name


def runs_table(runs: list[history.Run], lang: str, width: int = 100) -> str:
    """Plain lines rather than a rich table: a history of a thousand runs lists in milliseconds."""
    from pmpath.i18n import T
    from pmpath.text import plain_table, visible

    heads = [T(f"h_{k}", lang=lang) for k in ("id", "date", "name", "level")]
    names = _level_names(lang) if any(r.ladder == "bundled" for r in runs) else {}
    rows = [
        [str(r.id), r.at.replace("T", " "), visible(r.name) or "-", visible(_level_name(r, names))]
        for r in runs
    ]
    return plain_table(T("h_title", lang=lang), heads, rows, right=frozenset({0}), width=width)


def find(run_id: int) -> history.Run:
    with history.connect() as conn:
        run = history.wanted(conn, run_id)
    if run is None:
        raise InputError(Msg("e_no_run", id=run_id), hint=Msg("h_history_ids"))
    return run


def forget(run_id: int | None, name: str | None) -> int:
    with history.connect() as conn:
        return history.forget(conn, run_id=run_id, name=name)


def export_lines(runs: list[history.Run], evidence: Sequence[dict[str, object]] = ()) -> str:
    """All runs as JSON Lines: one object per run, with its answers and its report; then one
    `{"evidence": {...}}` line per evidence entry."""
    lines = []
    for r in runs:
        lines.append(
            json.dumps(
                {**r.brief(), "answers": r.answers, "report": json.loads(r.report)},
                ensure_ascii=False,
            )
        )
    lines += [json.dumps({"evidence": e}, ensure_ascii=False) for e in evidence]
    return "".join(line + "\n" for line in lines)


def measure(catalog: Catalog, name: str | None, since: str | None, lang: str, said_in: str) -> Progress:
    """Progress of one person: from their first run (or --since ID|DATE) to their latest, with
    names in `lang` (English for JSON) and any warning in `said_in`, the person's language."""
    from pmpath.progress import progress

    with history.connect() as conn:
        if name is None:
            name = history.latest_name(conn)
            if name is None:
                raise history.NoHistory(Msg("e_no_history_yet"), hint=Msg("h_assess_first"))
        runs = history.runs(conn, name, lang=said_in, reports=False)  # only the first run's report is read
        logged = [(row["skill"], row["date"]) for row in history.evidence(conn, name)]
    if not runs:
        raise InputError(Msg("e_no_runs_for", name=repr(name)), hint=Msg("h_history_names"))
    if since:
        runs = _since(runs, since)
    with history.connect() as conn:
        runs = _first_with_report(conn, runs, said_in)
    if not runs:
        raise InputError(Msg("e_no_runs_for", name=repr(name)), hint=Msg("h_history_names"))
    require_same_ladder(runs, catalog, Msg("w_runs_were", name=repr(name)))
    known = {lv.id: lv.name.get(lang) for lv in catalog.levels}
    tracks = {lv.id: lv.track_id for lv in catalog.levels}
    return progress(name, runs, {s.id: s.name.get(lang) for s in catalog.skills}, known, logged, tracks)


def _first_with_report(conn: sqlite3.Connection, runs: list[history.Run], lang: str) -> list[history.Run]:
    """The runs from the first whose report can be read (progress reads that one's plan); a run
    whose report cannot be is left out with the warning the store gives."""
    while runs:
        first = history.get(conn, runs[0].id, lang=lang)
        if first is not None:
            return [first, *runs[1:]]
        runs = runs[1:]
    return runs


def require_same_ladder(runs: Sequence[history.Run], catalog: Catalog, what: Msg) -> None:
    """Runs are read only against the ladder they were made with: the same name and, for a
    company's ladder, the same content (its levels, minimums and skills may have changed under
    the same name). The bundled ladder is one ladder across pmpath versions: its ids are kept."""
    from pmpath.catalog import catalog_digest, ladder_label

    if len({r.ladder for r in runs}) > 1:
        raise InputError(Msg("e_ladders_differ", what=what))
    if runs[0].ladder != catalog.name:
        raise InputError(
            Msg(
                "e_run_ladder",
                what=what,
                ladder=ladder_label(runs[0].ladder),
                current=ladder_label(catalog.name),
            ),
            hint=Msg("h_give_ladder"),
        )
    if catalog.name == "bundled":
        return
    hashes = {r.catalog_hash for r in runs if r.catalog_hash}
    if len(hashes) > 1:
        raise InputError(
            Msg("e_ladder_versions", what=what, ladder=ladder_label(catalog.name)), hint=Msg("h_since_one")
        )
    if hashes and hashes != {catalog_digest(catalog)}:
        raise InputError(
            Msg("e_ladder_changed", what=what, ladder=ladder_label(catalog.name)), hint=Msg("h_ladder_then")
        )


def _since(runs: list[history.Run], since: str) -> list[history.Run]:
    from pmpath.rules import day

    start = day(since)
    if since.isdigit() and (len(since) != 8 or start is None):  # 20240101 is a date, 3 a run id
        kept = [r for r in runs if r.id >= int(since)]
    elif start is None:
        raise InputError(Msg("e_since_form", since=since))
    else:
        kept = [r for r in runs if r.at[:10] >= start.isoformat()]
    if not kept:
        raise InputError(Msg("e_since_none", since=since))
    return kept


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


def history_listing(name: str | None, fmt: str, width: int, lang: str, excel: bool = False) -> str:
    """`pmpath history` as text, in `lang` (a table; JSON and CSV are language-neutral)."""
    runs = list_runs(name, lang, brief=True)
    if fmt == "csv":
        from pmpath.render import sheet

        return sheet.runs(runs, excel)
    return runs_json(runs) if fmt == "json" else runs_table(runs, lang, width=width)


def progress_text(
    catalog: Catalog,
    name: str | None,
    since: str | None,
    fmt: str,
    lang: str,
    width: int,
    excel: bool = False,
) -> str:
    """`pmpath progress` as text, in the person's language."""
    result = measure(catalog, name, since, "en" if fmt == "json" else lang, lang)  # JSON is language-neutral
    if fmt == "json":
        return progress_json(result)
    if fmt == "csv":
        from pmpath.render import sheet

        return sheet.progress(result, excel)
    if fmt == "md":
        return progress_md(result, lang)
    return progress_table(result, lang, width, catalog)


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
