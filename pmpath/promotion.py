"""`pmpath packet`'s work: read a person's runs and evidence log from the history, build the
packet (pmpath.packet, pure) and draw it in the chosen format."""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING

from pmpath import history
from pmpath.errors import InputError, Msg

if TYPE_CHECKING:
    from pmpath.models import Catalog, PlanItem
    from pmpath.packet import Assessed, Packet


def assessed(run: history.Run) -> Assessed:
    """A stored run as the packet reads it: own ratings from its answers, the placing ratings
    and others' pooled view from the report it made (read for the latest run only)."""
    from pmpath.packet import Assessed

    rep = json.loads(run.report) if run.report else {"skills": ()}  # an earlier run: its answers only
    reviews = rep.get("reviews") or {}
    profile = run.answers["profile"]
    return Assessed(
        id=run.id,
        at=run.at,
        level=run.level,
        level_name=run.level_name,
        self_ratings=dict(run.answers["ratings"]),
        placed={s["id"]: s["rating"] for s in rep["skills"]},
        others={v["id"]: v["others"] for v in reviews.get("skills", ()) if v.get("others") is not None},
        reviewers=reviews.get("count", 0),
        years_experience=profile["years_experience"],
        years_managing=profile.get("years_managing", 0.0),
    )


def _target(catalog: Catalog, wanted: str | None, latest: history.Run, name: str) -> str:
    from pmpath.catalog import ladder_label

    ids = [lv.id for lv in catalog.levels]
    if wanted is not None:
        if wanted not in ids:
            raise InputError(
                Msg("e_pk_level", value=repr(wanted), ladder=ladder_label(catalog.name, quoted=False)),
                hint=Msg("h_pk_levels", ids=", ".join(ids)),
            )
        return wanted
    following = json.loads(latest.report).get("next_level")
    if not following:
        raise InputError(
            Msg("e_pk_top", name=repr(name), level=latest.level_name),
            hint=Msg("h_pk_levels", ids=", ".join(ids)),
        )
    return str(following["id"])


def _this_ladder(runs: list[history.Run], catalog: Catalog, who: str, lang: str) -> list[history.Run]:
    """The runs made against this ladder as it is now. After a company edits its ladder, the
    packet is built from the runs since (their skills and minimums are the ones it checks),
    and a note names the runs left out; with none since, the error says what to give."""
    from pmpath.catalog import catalog_digest
    from pmpath.output import err
    from pmpath.recall import require_same_ladder

    if not runs:
        return runs
    digest = catalog_digest(catalog) if catalog.name != "bundled" else ""
    kept = [r for r in runs if r.ladder == catalog.name and (not digest or r.catalog_hash in ("", digest))]
    if not kept:
        require_same_ladder(runs[-1:], catalog, Msg("w_runs_were", name=repr(who)))
        return runs[-1:]
    if len(kept) < len(runs):
        from pmpath.render.packet import id_ranges

        ids = {r.id for r in kept}
        left = [r.id for r in runs if r.id not in ids]
        err(Msg("w_pk_left_out", ids=id_ranges(left, lang), ladder=repr(catalog.name)), lang=lang)
    return kept


def sponsor_given(value: str | None) -> str | None:
    """`--sponsor` as the history keeps it: one printable line (empty forgets the sponsor)."""
    if value is None:
        return None
    from pmpath.evidence import one_line

    return one_line("--sponsor", value, MAX_SPONSOR)


MAX_SPONSOR = 200


def build(
    catalog: Catalog,
    name: str | None,
    wanted: str | None,
    lang: str,
    today: datetime.date,
    sponsor: str | None = None,
    *,
    said_in: str,
) -> Packet:
    """The packet for `name` (default: the person last assessed or logged), in `lang` (English
    for JSON); notes on the way are said in `said_in`, the person's language. A `sponsor` given
    is kept in the history for this person (empty forgets it), so later packets name them."""
    from pmpath import evidence
    from pmpath.packet import packet

    who = evidence.person(name)
    sponsor = sponsor_given(sponsor)
    with history.connect() as conn:  # only the latest report is read: the trail needs answers only
        runs = _this_ladder(history.runs(conn, who, lang=said_in, reports=False), catalog, who, said_in)
        while runs and not runs[-1].report:  # the latest whose report can be read
            latest = history.get(conn, runs[-1].id, lang=said_in)
            runs[-1:] = [latest] if latest is not None else []
        if runs and sponsor is not None:
            history.set_sponsor(conn, who, sponsor, datetime.datetime.now().isoformat(timespec="seconds"))
        named = history.sponsor(conn, who)
    if not runs:
        raise InputError(Msg("e_pk_no_runs", name=repr(who)), hint=Msg("h_assess_first"))
    target = _target(catalog, wanted, runs[-1], who)
    return packet(
        catalog,
        name=who,
        target=target,
        runs=[assessed(r) for r in runs],
        log=evidence.entries(who),
        today=today,
        lang=lang,
        sponsor=named,
        plan=_plan(runs[-1]),
    )


def _plan(run: history.Run) -> tuple[PlanItem, ...]:
    """The quarter's plan the latest run made; none from a report this pmpath cannot read."""
    from pmpath.plan import stored_plan

    try:
        return stored_plan(json.loads(run.report))
    except (ValueError, TypeError, KeyError, AttributeError):
        return ()
