"""The evidence log as people read it (`pmpath evidence list`, the question before a delete):
a table on screen with the stories under it, a Markdown table, JSON and CSV. The entries come
from pmpath.evidence, which checks and keeps them; nothing here reads or writes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pmpath.errors import Msg
from pmpath.ids import SCOPES
from pmpath.models import dump
from pmpath.typeset import marks

if TYPE_CHECKING:
    from pmpath.models import Catalog, Evidence


def described(item: Evidence, catalog: Catalog, lang: str) -> Msg:
    """One entry in one line, as the question to delete it shows it: whose, when, which skill,
    what was done (a skill a company ladder no longer has is shown by its id)."""
    names = _names(catalog, lang)
    return Msg(
        "i_ev_entry",
        id=item.id,
        name=item.name or Msg("unnamed"),
        date=item.date,
        skill=names.get(item.skill, item.skill),
        text=item.text,
    )


def as_json(items: list[Evidence]) -> str:
    data = {"schema_version": 1, "evidence": [dump(e) for e in items]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_csv(items: list[Evidence], excel: bool = False) -> str:
    from pmpath.render import sheet

    head = [
        "id",
        "name",
        "skill",
        "date",
        "text",
        "metric",
        "link",
        "action",
        "added",
        "scope",
        "situation",
        "result",
    ]
    rows = [[getattr(e, k) for k in head] for e in items]
    return (sheet.BOM if excel else "") + sheet.lines([head, *rows])


def _names(catalog: Catalog, lang: str) -> dict[str, str]:
    return {s.id: s.name.get(lang) for s in catalog.skills}


def scope_label(scope: str, lang: str) -> str:
    """An entry's scope in words (`Mine`, `I led it`, `The team's`); `-` when not given."""
    from pmpath.i18n import T

    return T(f"ev_scope_{scope}", lang=lang) if scope in SCOPES else "-"


def as_table(items: list[Evidence], catalog: Catalog, lang: str, width: int) -> str:
    from pmpath.i18n import T
    from pmpath.text import plain_table, visible

    names = _names(catalog, lang)
    heads = [T(f"ev_{k}", lang=lang) for k in ("id", "date", "skill", "scope", "metric", "text")]
    rows = [
        [
            str(e.id),
            e.date,
            visible(names.get(e.skill, e.skill)),
            scope_label(e.scope, lang),
            visible(e.metric) or "-",
            visible(e.text),
        ]
        for e in items
    ]
    if not rows:
        return T("ev_none", lang=lang) + "\n"
    who = {e.name for e in items}
    title = (
        T("ev_title", lang=lang, name=visible(next(iter(who))))
        if len(who) == 1
        else T("ev_title_all", lang=lang)
    )
    return plain_table(title, heads, rows, right=frozenset({0}), width=width) + _stories(items, lang, width)


def _stories(items: list[Evidence], lang: str, width: int) -> str:
    """Under the table, the entries told as stories: their situation and result, wrapped (the
    table's last column is clipped, and a story is worth reading whole)."""
    from pmpath.i18n import T
    from pmpath.text import visible, wrap

    told = [e for e in items if e.situation or e.result]
    if not told:
        return ""
    colon = marks(lang).colon
    out = ["", T("ev_stories_h", lang=lang)]
    for e in told:
        first = f"  {e.id:>3} "
        for key, value in (("ev_situation", e.situation), ("ev_result", e.result)):
            if value:
                said = T(key, lang=lang) + colon + visible(value)
                out += wrap(said, width, indent="      ", first=first)
                first = "      "
    return "\n".join(out) + "\n"


def as_markdown(items: list[Evidence], catalog: Catalog, lang: str) -> str:
    """A table GitHub draws; every cell someone typed escaped, links only when they are web links."""
    from pmpath.i18n import T
    from pmpath.render.markdown import escape, link_text, prose

    names = _names(catalog, lang)
    who = {e.name for e in items}
    title = (
        T("ev_title", lang=lang, name=escape(next(iter(who))))
        if len(who) == 1
        else T("ev_title_all", lang=lang)
    )
    out = [f"# {title}", ""]
    if not items:
        return "\n".join([*out, T("ev_none", lang=lang), ""])
    keys = ("id", "date", "skill", "scope", "situation", "text", "result", "metric", "link")
    heads = [T(f"ev_{k}", lang=lang) for k in keys]
    out += ["| " + " | ".join(heads) + " |", "| ---: | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for e in items:
        cells = [
            str(e.id),
            e.date,
            prose(names.get(e.skill, e.skill)),
            scope_label(e.scope, lang),
            prose(e.situation) or "-",
            prose(e.text),
            prose(e.result) or "-",
            prose(e.metric) or "-",
            link_text(e.link) if e.link else "-",
        ]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join([*out, ""])


def listing(items: list[Evidence], catalog: Catalog, fmt: str, lang: str, width: int, excel: bool) -> str:
    """`pmpath evidence list` as text, in the format asked for."""
    if fmt == "json":
        return as_json(items)
    if fmt == "csv":
        return as_csv(items, excel)
    if fmt == "md":
        return as_markdown(items, catalog, lang)
    return as_table(items, catalog, lang, width)
