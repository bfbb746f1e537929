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
from pmpath.models import dump_json

if TYPE_CHECKING:
    import sqlite3

    from pmpath.models import Answers, Catalog, Report
    from pmpath.plan import Earlier
    from pmpath.progress import Progress


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
    from pmpath.progress import logged_since, planned_states, since_line  # a check-in only

    names = {s.id: s.name.get(lang) for s in catalog.skills}
    levels = {lv.id: lv.name.get(lang) for lv in catalog.levels}
    names_of = catalog.tracks.names if catalog.tracks is not None else {}
    tracks = {lv.id: names_of[lv.track].get(lang) for lv in catalog.levels if lv.track in names_of}
    lines: list[str | Msg] = [since_line(before, dict(answers.ratings), rep.level.id, names, levels, tracks)]
    planned = planned_states(_earlier(before), dict(answers.ratings), names)
    import shutil

    since, width = logged_since(logged, before.at), shutil.get_terminal_size().columns
    from pmpath.render.progress import planned_lines

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
    skills = {s.id: s.name.get(lang) for s in catalog.skills}
    return progress(name, runs, skills, known, logged, tracks, then=_earlier(runs[0]))


def _earlier(run: history.Run) -> Earlier:
    """A run's report read once, here where the history is read, into what a later run takes
    from it; the arithmetic (pmpath.progress) takes the model."""
    from pmpath.plan import read_stored

    return read_stored(json.loads(run.report))


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


def history_listing(name: str | None, fmt: str, width: int, lang: str, excel: bool = False) -> str:
    """`pmpath history` as text: the runs read here, drawn by pmpath.render.progress."""
    from pmpath.render.progress import runs_text

    runs = list_runs(name, lang, brief=True)
    names = _level_names(lang) if any(r.ladder == "bundled" for r in runs) else {}
    return runs_text(runs, fmt, lang, names, width, excel)


def _level_names(lang: str) -> dict[str, str]:
    """The built-in ladder's level names in `lang`: a run keeps the name it was made with (in
    English), and a Chinese reader should read it in Chinese. English needs no catalogue."""
    if lang == "en":
        return {}
    from pmpath.catalog import load_catalog

    return {lv.id: lv.name.get(lang) for lv in load_catalog().levels}


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
    from pmpath.render.progress import text

    result = measure(catalog, name, since, "en" if fmt == "json" else lang, lang)  # JSON is language-neutral
    return text(result, fmt, lang, width, catalog, excel)
