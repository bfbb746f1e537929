"""A programme's sections (roster completeness, rater calibration, quarters, groups, the gate)
as words and tables once, in the reader's language: the Markdown, HTML and terminal cohorts each
lay out the same sections, so no format says less than another.

Names here were written by others: each renderer escapes them for its own destination.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from pmpath.i18n import T
from pmpath.typeset import marks

ROWS_SHOWN = 500
"""A table longer than this is cut, and the section says how many rows were left out."""


class Section(NamedTuple):
    title: str
    note: str = ""
    head: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    """With `head`, a table; without, one item per row (a list)."""
    cut: str = ""
    """Said when rows were left out (`ROWS_SHOWN`)."""
    alert: bool = False
    """Something the programme should act on (shown in a warning colour where there is one)."""
    beside_reviews: bool = False
    """Shown with the reviews' summary (calibration), not at the top."""
    kind: str = ""
    """Which section it is, where a format adds to it: the HTML draws the trend as a chart."""


def _t(lang: str, key: str, **kw: Any) -> str:
    return T(f"pg_{key}", lang=lang, **kw)


def _rows(rows: Sequence[tuple[str, ...]], lang: str) -> tuple[tuple[tuple[str, ...], ...], str]:
    """At most ROWS_SHOWN rows, and what to say of the rest."""
    if len(rows) <= ROWS_SHOWN:
        return tuple(rows), ""
    return tuple(rows[:ROWS_SHOWN]), _t(lang, "cut", shown=ROWS_SHOWN, n=len(rows) - ROWS_SHOWN)


def sections(programme: dict[str, Any] | None, lang: str) -> list[Section]:
    """Every section the run has, in the order a programme lead reads them."""
    if not programme:
        return []
    out: list[Section] = []
    names = {k: v.get(lang) for k, v in programme.get("_level_names", {}).items()}
    if programme.get("_reasons"):
        rows = tuple((r.text(lang),) for r in programme["_reasons"])
        out.append(Section(_t(lang, "unlike"), _t(lang, "unlike_note"), rows=rows, alert=True))
    if "gate" in programme:
        out += _gate(programme["gate"], lang)
    if "completeness" in programme:
        out += _completeness(programme["completeness"], lang)
    if "trend" in programme:
        out += _trend(programme["trend"], names, lang)
    if "groups" in programme:
        out += _groups(programme["groups"], names, lang)
    if programme.get("calibration"):
        out += _calibration(programme["calibration"], lang)
    return out


def _completeness(done: dict[str, Any], lang: str) -> list[Section]:
    sep = marks(lang).sep
    missing = len(done["missing_reviews"])
    have = done["expected"] - len(done["no_answers"])
    note = _t(lang, "roster_note", have=have, expected=done["expected"], n=missing)
    out = [Section(_t(lang, "roster"), note, alert=bool(done["no_answers"] or missing))]
    if done["no_answers"]:
        rows, cut = _rows([(n,) for n in done["no_answers"]], lang)
        out.append(Section(_t(lang, "no_answers"), rows=rows, cut=cut, alert=True))
    if done["reminders"]:
        listed = [(r["reviewer"], sep.join(r["people"])) for r in done["reminders"]]
        rows, cut = _rows(listed, lang)
        head = (_t(lang, "reviewer"), _t(lang, "still_to_review"))
        out.append(Section(_t(lang, "reminders"), head=head, rows=rows, cut=cut, alert=True))
    few = done["fewer_than_three_peers"]
    if few:
        rows, cut = _rows([(n,) for n in few], lang)
        out.append(Section(_t(lang, "few_peers", n=len(few)), _t(lang, "few_peers_note"), rows=rows, cut=cut))
    return out


def _calibration(rows: list[dict[str, Any]], lang: str) -> list[Section]:
    from pmpath.programme import LEAN_SHOWN

    def lean(value: float | None) -> str:
        return "-" if value is None else f"{value:+.2f}"

    listed = [
        (
            r["rater"],
            str(r["people"]),
            str(r["ratings"]),
            lean(r["lean"]) + (" !" if r["lean"] is not None and abs(r["lean"]) >= LEAN_SHOWN else ""),
            _t(lang, "yes") if r["flat"] else "",
        )
        for r in rows
    ]
    shown, cut = _rows(listed, lang)
    head = tuple(_t(lang, k) for k in ("rater", "people", "ratings", "lean", "flat"))
    note = _t(lang, "calibration_note", limit=f"{LEAN_SHOWN:.1f}")
    alert = any(r["flat"] or (r["lean"] is not None and abs(r["lean"]) >= LEAN_SHOWN) for r in rows)
    return [Section(_t(lang, "calibration"), note, head, shown, cut, alert, beside_reviews=True)]


def _trend(runs: list[dict[str, Any]], names: dict[str, str], lang: str) -> list[Section]:
    levels = [lv for lv in names if any(r["levels"].get(lv) for r in runs)]
    head = (_t(lang, "level"), *(str(r["run"]) for r in runs))
    rows = tuple((names[lv], *(str(r["levels"].get(lv, 0)) for r in runs)) for lv in levels)
    return [Section(_t(lang, "trend"), _t(lang, "trend_note"), head, rows, kind="trend")]


def trend_levels(runs: list[dict[str, Any]], names: dict[str, str]) -> list[tuple[str, list[int]]]:
    """The trend's levels (those anyone held in any run), each with its people per run: what
    the table lists, for a chart."""
    levels = [lv for lv in names if any(r["levels"].get(lv) for r in runs)]
    return [(names[lv], [int(r["levels"].get(lv, 0)) for r in runs]) for lv in levels]


def _groups(groups: dict[str, Any], names: dict[str, str], lang: str) -> list[Section]:
    by = groups["by"]
    names = {k: v for k, v in names.items() if any(g["levels"].get(k) for g in groups["groups"])}
    head = (_t(lang, f"by_{by}"), _t(lang, "people"), *names.values(), _t(lang, "below"))
    listed = [
        (
            g["group"] or _t(lang, "none_given"),
            str(g["people"]),
            *(str(g["levels"].get(lv, 0)) for lv in names),
            str(g["below_gate"]) if g["below_gate"] is not None else "-",
        )
        for g in groups["groups"]
    ]
    rows, cut = _rows(listed, lang)
    return [Section(_t(lang, "groups", by=_t(lang, f"by_{by}")), "", head, rows, cut)]


def _gate(gate: dict[str, Any], lang: str) -> list[Section]:
    below = gate["below"]
    note = _t(
        lang,
        "gate_note",
        level=gate["level_name"],
        share=f"{gate['share_meeting']:.0%}",
        needed=f"{gate['min_share']:.0%}" if gate["min_share"] is not None else "100%",
    )
    rows, cut = _rows([(b["name"], b["level_name"]) for b in below], lang)
    head = (_t(lang, "person"), _t(lang, "level")) if rows else ()
    return [Section(_t(lang, "gate", n=len(below)), note, head, rows, cut, alert=not gate["met"])]
