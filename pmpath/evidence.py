"""The evidence log: what a person did for a skill and what it changed, dated, kept with their
runs in the private history, so a plan can become the case for the promotion it aims at.

Checking an entry (the skill on the ladder, a real date that is not in the future, a web link,
a growth action the skill has) happens here, before anything is written; the store is
pmpath.history; the drawing is pmpath.render.evidence's, in the four list formats.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from pmpath import history
from pmpath.errors import InputError, Msg
from pmpath.ids import SCOPES
from pmpath.models import dump

if TYPE_CHECKING:
    from collections.abc import Callable

    from pmpath.models import Catalog, Evidence

MAX_TEXT = 2000
MAX_METRIC = 200
MAX_LINK = 2000
_LINK = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


def action_ref(to: int, kind: str) -> str:
    """How an entry names the growth action it came from: `3:on_the_job`."""
    return f"{to}:{kind}"


def one_line(field: str, value: str, limit: int, required: bool = False) -> str:
    """A text the person wrote, as one printable line: a control or direction character would
    drive a terminal or reorder a line when the log is shown, so it is refused, never stored."""
    value = value.strip()
    if required and not value:
        raise InputError(Msg("e_ev_empty", field=field), hint=Msg("h_ev_text"))
    if len(value) > limit:
        raise InputError(Msg("e_ev_too_long", field=field, n=limit))
    from pmpath.text import unsafe_char

    bad = unsafe_char(value)  # pmpath.text's one list: what every display spells out
    if bad:
        raise InputError(Msg("e_ev_control", field=field, code=f"{ord(bad):04X}"))
    return value


def _scope(value: str | None) -> str:
    if not value:
        return ""
    if value not in SCOPES:
        raise InputError(Msg("e_ev_scope", value=repr(value)), hint=Msg("h_ev_scope"))
    return value


def _date(value: str | None, today: datetime.date) -> str:
    if value is None:
        return today.isoformat()
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise InputError(Msg("e_ev_date", value=repr(value))) from None
    if len(value) != 10:
        raise InputError(Msg("e_ev_date", value=repr(value)))
    if day > today:
        raise InputError(Msg("e_ev_future", value=value))
    return day.isoformat()


def _action(value: str | None, skill: str, catalog: Catalog) -> str:
    if not value:
        return ""
    known = [action_ref(a.to, a.kind) for a in catalog.skill(skill).actions]
    if value not in known:
        hint = Msg("h_ev_actions", ids=", ".join(dict.fromkeys(known))) if known else Msg("h_ev_no_actions")
        raise InputError(Msg("e_ev_action", value=repr(value), skill=skill), hint=hint)
    return value


def text_problem(text: str) -> Msg | None:
    """What is wrong with an entry's text, for a prompt to show while the person fixes it."""
    try:
        one_line("TEXT", text, MAX_TEXT, required=True)
    except InputError as exc:
        return exc.said
    return None


def check_skill(skill: str, catalog: Catalog) -> str:
    from pmpath.catalog import ladder_label

    if skill not in catalog.skill_ids:
        raise InputError(
            Msg("e_ev_skill", id=repr(skill), ladder=ladder_label(catalog.name, quoted=False)),
            hint=Msg("h_ev_skills", ids=", ".join(catalog.skill_ids)),
        )
    return skill


def entry(
    catalog: Catalog,
    *,
    skill: str,
    text: str,
    date: str | None,
    link: str | None,
    metric: str | None,
    action: str | None,
    today: datetime.date,
    scope: str | None = None,
    situation: str | None = None,
    result: str | None = None,
) -> dict[str, str]:
    """An entry ready to store (every column but `name`, `added` and the id), or one clear error.
    The text is the story's action (what the person did); `situation` and `result` tell the
    rest of it, `scope` whose work it was. All optional, so `evidence add SKILL TEXT` stays
    the one-line note it always was."""
    skill = check_skill(skill, catalog)
    link = one_line("--link", link or "", MAX_LINK)
    if link and not _LINK.match(link):
        raise InputError(Msg("e_ev_link", value=repr(link)))
    return {
        "skill": skill,
        "text": one_line("TEXT", text, MAX_TEXT, required=True),
        "date": _date(date, today),
        "link": link,
        "metric": one_line("--metric", metric or "", MAX_METRIC),
        "action": _action(action, skill, catalog),
        "scope": _scope(scope),
        "situation": one_line("--situation", situation or "", MAX_TEXT),
        "result": one_line("--result", result or "", MAX_TEXT),
    }


def person(name: str | None) -> str:
    """Whose log: --name, else the last person assessed (or who logged evidence)."""
    if name is not None:
        return one_line("--name", name, 200)
    try:
        with history.connect() as conn:
            found = history.latest_person(conn)
    except history.NoHistory:
        found = None
    if found is None:
        raise InputError(Msg("e_ev_no_person"), hint=Msg("h_ev_no_person"))
    return found


def known_people() -> list[str]:
    """Everyone assessed or with evidence logged here, the latest first; none without a history."""
    try:
        with history.connect() as conn:
            return history.people(conn)
    except history.NoHistory:
        return []


def owner(
    name: str | None,
    people: list[str],
    new_person: bool,
    ask_new: Callable[[str], bool] | None = None,
    choose: Callable[[list[str]], str] | None = None,
) -> str:
    """Whose log a new entry joins. A `--name` the history does not know (a typo, most often)
    is refused with the names it knows, unless --new-person says it is meant or the person,
    asked at a terminal (`ask_new`), confirms it; no `--name` and several people known asks
    which (`choose`, at a terminal) or is refused, never guessed."""
    if name is not None:
        name = one_line("--name", name, 200)
        if name in people or new_person or (ask_new is not None and ask_new(name)):
            return name
        known = tuple(shown_name(p) for p in people)
        said = Msg("e_ev_unknown_person", name=name, names=known) if known else Msg("e_ev_nobody", name=name)
        raise InputError(said, hint=Msg("h_ev_new_person", name=name))
    if not people:
        raise InputError(Msg("e_ev_no_person"), hint=Msg("h_ev_no_person"))
    if len(people) == 1:
        return people[0]
    if choose is not None:
        return choose(people)
    raise InputError(Msg("e_ev_whose", names=tuple(shown_name(p) for p in people)), hint=Msg("h_ev_whose"))


def shown_name(name: str) -> str | Msg:
    """A name as a list of people shows it: an unnamed person's runs as "(no name)"."""
    return name if name else Msg("unnamed")


def add(name: str, fields: dict[str, str]) -> int:
    added = datetime.datetime.now().isoformat(timespec="seconds")
    with history.connect(create=True) as conn:
        return history.add_evidence(conn, {**fields, "name": name, "added": added})


def entries(name: str | None) -> list[Evidence]:
    """A person's entries (everyone's with None), oldest first; none when nothing was logged."""
    from pmpath.models import Evidence

    try:
        with history.connect() as conn:
            rows = history.evidence(conn, name)
    except history.NoHistory:
        return []
    return [Evidence(**row) for row in rows]


def find(entry_id: int) -> Evidence:
    """The entry `entry_id`, or the error `remove` would give: said before asking to delete it."""
    from pmpath.models import Evidence

    try:
        with history.connect() as conn:
            found = [row for row in history.evidence(conn) if row["id"] == entry_id]
    except history.NoHistory:
        found = []
    if not found:
        raise InputError(Msg("e_no_entry", id=entry_id), hint=Msg("h_ev_ids"))
    return Evidence(**found[0])


def remove(entry_id: int) -> Evidence:
    """Delete one entry; the entry deleted, or an error naming the id."""
    from pmpath.models import Evidence

    with history.connect() as conn:
        found = [row for row in history.evidence(conn) if row["id"] == entry_id]
        if not found or history.remove_evidence(conn, entry_id) == 0:
            raise InputError(Msg("e_no_entry", id=entry_id), hint=Msg("h_ev_ids"))
    return Evidence(**found[0])


def select(items: list[Evidence], skill: str | None, since: str | None) -> list[Evidence]:
    start = None
    if since is not None:
        from pmpath.rules import day

        start = day(since)
        if start is None:
            raise InputError(Msg("e_since_date", since=since))
    first = "" if start is None else start.isoformat()  # entries keep their dates as YYYY-MM-DD
    return [e for e in items if (skill is None or e.skill == skill) and e.date >= first]


def listed(catalog: Catalog, name: str | None, skill: str | None, since: str | None) -> list[Evidence]:
    """`pmpath evidence list`'s entries: a person's (or everyone's), of one skill, since a day;
    pmpath.render.evidence draws them."""
    if skill is not None:
        check_skill(skill, catalog)
    return select(entries(name), skill, since)


def dump_all() -> list[dict[str, Any]]:
    """Every entry, for `history export`."""
    return [dump(e) for e in entries(None)]
