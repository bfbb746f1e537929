"""`pmpath packet`'s work: read a person's runs and evidence log from the history, build the
packet (pmpath.packet, pure) and draw it in the chosen format."""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING

from pmpath import history
from pmpath.errors import InputError, Msg

if TYPE_CHECKING:
    from pmpath.models import Catalog
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


def build(catalog: Catalog, name: str | None, wanted: str | None, lang: str, today: datetime.date) -> Packet:
    """The packet for `name` (default: the person last assessed or logged)."""
    from pmpath import evidence
    from pmpath.packet import packet
    from pmpath.recall import require_same_ladder

    who = evidence.person(name)
    with history.connect() as conn:  # only the latest report is read: the trail needs answers only
        runs = history.runs(conn, who, reports=False)
        if runs:
            runs[-1] = history.get(conn, runs[-1].id) or runs[-1]
    if not runs:
        raise InputError(Msg("e_pk_no_runs", name=repr(who)), hint=Msg("h_assess_first"))
    require_same_ladder(runs, catalog, Msg("w_runs_were", name=repr(who)))
    target = _target(catalog, wanted, runs[-1], who)
    return packet(
        catalog,
        name=who,
        target=target,
        runs=[assessed(r) for r in runs],
        log=evidence.entries(who),
        today=today,
        lang=lang,
    )
