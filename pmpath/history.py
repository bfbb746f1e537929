"""Every assessment remembered: a local SQLite file, private to the person, in the data directory.

The store never repairs, truncates or downgrades a file it does not understand: a corrupt file,
or one written by a newer pmpath, is refused with one line saying how to move it aside, and
`pmpath assess` still shows its report. One transaction per run, WAL mode and a busy timeout,
so parallel runs all land and a run killed mid-write loses at most itself.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmpath.errors import InputError, Msg
from pmpath.models import dump_json

SCHEMA_VERSION = 5
"""1: runs (id, at, name, level, level_name, answers, report, pmpath_version, lang).
2: + catalog_hash, ladder, reviews.
3: reviews emptied: a run keeps of its reviews only what its report shows (pooled views).
4: + evidence (what a person did, by skill and date: the promotion packet's material).
5: + evidence scope, situation, result (an entry told as a story); + sponsors (whom a person's
   promotion case names as its sponsor). Old entries keep empty story fields."""

_V1 = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    level_name TEXT NOT NULL,
    answers TEXT NOT NULL,
    report TEXT NOT NULL,
    pmpath_version TEXT NOT NULL,
    lang TEXT NOT NULL
);
CREATE INDEX runs_by_name ON runs (name, at);
"""

_MIGRATIONS = {
    2: """
ALTER TABLE runs ADD COLUMN catalog_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN ladder TEXT NOT NULL DEFAULT 'bundled';
ALTER TABLE runs ADD COLUMN reviews TEXT NOT NULL DEFAULT '[]';
""",
    3: """
UPDATE runs SET reviews = '[]' WHERE reviews != '[]';
""",
    4: """
CREATE TABLE IF NOT EXISTS evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    skill TEXT NOT NULL,
    text TEXT NOT NULL,
    date TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    metric TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT '',
    added TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS evidence_by_name ON evidence (name, date);
""",
    5: """
ALTER TABLE evidence ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN situation TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN result TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS sponsors (
    name TEXT PRIMARY KEY,
    sponsor TEXT NOT NULL,
    named TEXT NOT NULL
);
""",
}

_HEADER = b"SQLite format 3\x00"


def _has_column(conn: sqlite3.Connection, statement: str) -> bool:
    """An `ADD COLUMN` whose column is already there: every migration may meet a table a later
    one made (a file whose version number was set back), and SQLite has no ADD COLUMN IF NOT
    EXISTS."""
    import re

    added = re.match(r"\s*ALTER TABLE (\w+) ADD COLUMN (\w+)", statement)
    if added is None:
        return False
    table, column = added.groups()
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})"))


def _move_hint(path: Path) -> Msg:
    return Msg("h_move_aside", path=str(path))


def _os(exc: OSError) -> Msg:
    return Msg("lib", text=exc.strerror or str(exc))


def history_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("pmpath", appauthor=False) / "history.sqlite3"


@dataclass(frozen=True)
class Run:
    id: int
    at: str
    name: str
    level: str
    level_name: str
    answers: dict[str, Any]
    report: str
    pmpath_version: str
    lang: str
    catalog_hash: str
    ladder: str
    reviews: int = 0
    """How many others' reviews the run was placed with (0: the person's own ratings alone)."""

    def brief(self) -> dict[str, Any]:
        """A run as `pmpath history --format json` lists it (CONTRACTS.md)."""
        return {
            "id": self.id,
            "at": self.at,
            "name": self.name,
            "level": {"id": self.level, "name": self.level_name},
            "pmpath_version": self.pmpath_version,
            "lang": self.lang,
            "ladder": self.ladder,
        }


def _check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not a SQLite database, and anything
    that is not a regular file at all: opening a FIFO would wait for a writer forever."""
    import os
    import stat

    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(Msg("e_history_unreadable", path=str(path), why=_os(exc))) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Msg("e_history_not_file", path=str(path)), hint=Msg("h_history_not_file"))
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_HEADER))
    except OSError as exc:
        raise InputError(Msg("e_history_unreadable", path=str(path), why=_os(exc))) from None
    if head and head != _HEADER:
        raise InputError(Msg("e_history_damaged", path=str(path)), hint=_move_hint(path))


_NOT_DAMAGE = ("readonly", "read-only", "disk is full", "unable to open", "disk i/o error", "locked")
"""SQLite's words for a file system that cannot take a write, or a file it cannot reach: the
file itself is fine, and moving it aside would help nothing."""


def _explain(exc: sqlite3.Error, path: Path) -> InputError:
    """One line saying what happened; the advice to move the file aside only for real damage."""
    text = str(exc)
    if any(words in text.lower() for words in _NOT_DAMAGE):
        return InputError(
            Msg("e_history_not_here", path=str(path), why=Msg("lib", text=text)), hint=Msg("h_not_damaged")
        )
    return InputError(
        Msg("e_history_broken", path=str(path), why=Msg("lib", text=text)), hint=_move_hint(path)
    )


@contextlib.contextmanager
def connect(path: Path | None = None, *, create: bool = False) -> Iterator[sqlite3.Connection]:
    """An open, migrated history; `create` makes the file on first use (assess does, the
    history commands only read what exists)."""
    path = path or history_path()
    _check_file(path)
    if not path.exists():
        if not create:
            raise NoHistory(Msg("e_no_history", path=str(path)), hint=Msg("h_assess_first"))
        _create_private(path)
    _tighten(path)
    try:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    except sqlite3.Error as exc:
        raise _explain(exc, path) from None
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        # Deleted runs are overwritten with zeros, not left in free pages for `strings` to read.
        conn.execute("PRAGMA secure_delete = ON")
        _migrate(conn, path)
        yield conn
    except sqlite3.DatabaseError as exc:
        raise _explain(exc, path) from None
    finally:
        conn.close()


def _create_private(path: Path) -> None:
    """The history file, empty and its owner's alone (SQLite gives its -wal and -shm files
    the same mode), in a directory only its owner can list."""
    import os

    from pmpath.files import PRIVATE_FILE, private_dir

    try:
        private_dir(path.parent)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass  # another run made it first
    except OSError as exc:
        raise InputError(Msg("e_history_create", path=str(path), why=_os(exc))) from None


def _tighten(path: Path) -> None:
    """A history made by an earlier pmpath with the umask's bits becomes private when opened."""
    from pmpath.files import PRIVATE_DIR, PRIVATE_FILE, tighten

    tighten(path.parent, PRIVATE_DIR)
    for mine in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        tighten(mine, PRIVATE_FILE)


class NoHistory(InputError):
    """Nothing recorded yet."""


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise InputError(
            Msg("e_history_newer", path=str(path), version=version, known=SCHEMA_VERSION),
            hint=Msg("h_upgrade"),
        )
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another run may have won
        if version == 0:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise InputError(Msg("e_history_foreign", path=str(path)), hint=_move_hint(path))
            for statement in _V1.strip().split(";"):
                if statement.strip():
                    conn.execute(statement)
            version = 1
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[target].strip().split(";"):
                if statement.strip() and not _has_column(conn, statement):
                    conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    with contextlib.suppress(sqlite3.DatabaseError):
        conn.execute("PRAGMA journal_mode = WAL")


def record(
    conn: sqlite3.Connection,
    *,
    at: str,
    name: str,
    level: str,
    level_name: str,
    answers: dict[str, Any],
    report_json: str,
    pmpath_version: str,
    lang: str,
    catalog_hash: str,
    ladder: str = "bundled",
) -> int:
    """One run, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        cursor = conn.execute(
            "INSERT INTO runs (at, name, level, level_name, answers, report, pmpath_version, lang,"
            " catalog_hash, ladder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                at,
                name,
                level,
                level_name,
                json.dumps(answers, ensure_ascii=False),
                report_json,
                pmpath_version,
                lang,
                catalog_hash,
                ladder,
            ),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(cursor.lastrowid or 0)


_REVIEWS = "CASE WHEN json_valid(report) THEN json_extract(report, '$.reviews.count') END"
"""How many reviews a run was placed with, read in SQLite: progress lists every run without
reading each report (a damaged report reads as none)."""
_COLUMNS = (
    "id, at, name, level, level_name, answers, report, pmpath_version, lang, catalog_hash, ladder, "
    + _REVIEWS
)


def _run(row: tuple[Any, ...], lang: str | None) -> Run | None:
    """A stored row as a run, or None when this pmpath cannot read it (one warning in `lang`
    names it; none when `lang` is None).

    A row may be damaged (a crash of another tool, a hand edit) or written by a newer pmpath
    whose report has a field this one does not know (CONTRACTS.md allows new fields): the
    unknown fields are left out of the report, and a row that still cannot be read is skipped
    rather than ending every command that reads the history in "unexpected error".
    """
    try:
        answers = _answers(row[5])
        report = _report(row[6]) if row[6] else ""
        return Run(
            id=int(row[0]),
            at=str(row[1]),
            name=str(row[2]),
            level=str(row[3]),
            level_name=str(row[4]),
            answers=answers,
            report=report,
            pmpath_version=str(row[7]),
            lang=str(row[8]),
            catalog_hash=str(row[9]),
            ladder=str(row[10]),
            reviews=row[11] if len(row) > 11 and type(row[11]) is int and row[11] > 0 else 0,
        )
    except (ValueError, TypeError, KeyError):
        if lang is not None:
            _skipped(row, lang)
        return None


def _answers(text: Any) -> dict[str, Any]:
    """A run's answers: an object with its ratings (skill id -> whole number) and its profile."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("answers")
    if data == {}:  # a brief row: the answers were not asked for
        return data
    ratings, profile = data["ratings"], data["profile"]
    if not isinstance(ratings, dict) or not isinstance(profile, dict):
        raise ValueError("answers")
    if not all(type(v) is int for v in ratings.values()):
        raise ValueError("ratings")
    return data


def _report(text: Any) -> str:
    """A run's report as this pmpath's model reads it: the same text when it reads it whole,
    else the text without the fields a newer pmpath added. A partial report (what the earliest
    histories kept, and tests write) is read when what progress takes from it is sound."""
    from pmpath.models import Report, lenient, plainly_whole

    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("report")
    if plainly_whole(Report, data):
        return str(text)  # what this pmpath wrote: read as it is, without pydantic
    try:
        rep = lenient(Report, data)
    except ValueError:  # pydantic's ValidationError is one
        _partial(data)
        return str(text)
    return str(text) if rep.known_all else dump_json(rep.model)


def _partial(data: dict[str, Any]) -> None:
    """Raise unless a report that is not a whole Report holds what readers take from it: the
    roadmap's steps and their gaps, the skills' ratings; a plan only a whole report may hold."""
    steps = data["roadmap"]["steps"]
    if not isinstance(steps, list) or "plan" in data:
        raise ValueError("report")
    for step in steps:
        for gap in step.get("skill_gaps", ()) if isinstance(step, dict) else [None]:
            if not isinstance(gap, dict) or not isinstance(gap.get("needed"), int) or "level" not in step:
                raise ValueError("gap")
    for skill in data.get("skills", ()):
        if not isinstance(skill, dict) or type(skill.get("rating")) is not int:
            raise ValueError("skill")


_WARNED: set[Any] = set()
"""Runs already said to be skipped: a command may read the same row twice."""


def _skipped(row: tuple[Any, ...], lang: str) -> None:
    from pmpath.output import err

    if row[0] in _WARNED:
        return
    _WARNED.add(row[0])
    at = str(row[1])[:16].replace("T", " ")
    err(Msg("w_run_unreadable", id=row[0], at=at), Msg("h_run_unreadable", id=row[0]), lang=lang)


def _read(rows: list[tuple[Any, ...]], lang: str) -> list[Run]:
    return [run for run in (_run(row, lang) for row in rows) if run is not None]


_BRIEF = (
    f"id, at, name, level, level_name, '{{}}', '', pmpath_version, lang, catalog_hash, ladder, {_REVIEWS}"
)
_NO_REPORT = (
    f"id, at, name, level, level_name, answers, '', pmpath_version, lang, catalog_hash, ladder, {_REVIEWS}"
)


def runs(
    conn: sqlite3.Connection,
    name: str | None = None,
    *,
    lang: str,
    brief: bool = False,
    reports: bool = True,
) -> list[Run]:
    """Every readable run (of one person), oldest first; `brief` leaves answers and report
    empty, `reports=False` only the report (each is a few kilobytes of JSON)."""
    columns = _BRIEF if brief else _COLUMNS if reports else _NO_REPORT
    if name is None:
        rows = conn.execute(f"SELECT {columns} FROM runs ORDER BY at, id").fetchall()
    else:
        rows = conn.execute(f"SELECT {columns} FROM runs WHERE name = ? ORDER BY at, id", (name,)).fetchall()
    return _read(rows, lang)


MAX_ID = 2**63 - 1
"""SQLite's largest integer: an id beyond it names no run (and cannot even be asked for)."""


def get(conn: sqlite3.Connection, run_id: int, *, lang: str) -> Run | None:
    """The run, or None when there is none or it cannot be read (then a warning said so)."""
    if not 0 < run_id <= MAX_ID:
        return None
    row = conn.execute(f"SELECT {_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
    return None if row is None else _run(row, lang)


def wanted(conn: sqlite3.Connection, run_id: int) -> Run | None:
    """The run someone asked for by its id: None when there is none; one that cannot be read is
    an error of its own (not "no run 3" for a run the listing shows)."""
    if not 0 < run_id <= MAX_ID:
        return None
    row = conn.execute(f"SELECT {_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        return None
    run = _run(row, None)
    if run is None:
        raise InputError(Msg("e_run_unreadable", id=run_id), hint=Msg("h_run_unreadable", id=run_id))
    return run


def latest_name(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT name FROM runs ORDER BY at DESC, id DESC LIMIT 1").fetchone()
    return None if row is None else str(row[0])


def last(conn: sqlite3.Connection, name: str, *, lang: str) -> Run | None:
    """The person's latest run this pmpath can read."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM runs WHERE name = ? ORDER BY at DESC, id DESC", (name,))
    for row in rows:
        run = _run(row, lang)
        if run is not None:
            return run
    return None


def forget(conn: sqlite3.Connection, *, run_id: int | None = None, name: str | None = None) -> int:
    """Delete one run, a person's runs and evidence, or everything; the count is of runs."""
    with _deleting(conn):
        if run_id is not None:
            cursor = conn.execute("DELETE FROM runs WHERE id = ?", (run_id if 0 < run_id <= MAX_ID else -1,))
        elif name is not None:
            cursor = conn.execute("DELETE FROM runs WHERE name = ?", (name,))
            conn.execute("DELETE FROM evidence WHERE name = ?", (name,))
            conn.execute("DELETE FROM sponsors WHERE name = ?", (name,))
        else:
            cursor = conn.execute("DELETE FROM runs")
            conn.execute("DELETE FROM evidence")
            conn.execute("DELETE FROM sponsors")
    return cursor.rowcount


@contextlib.contextmanager
def _deleting(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction that deletes (all of it or none), then no trace of it left on disk."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    erase_traces(conn)


def erase_traces(conn: sqlite3.Connection) -> None:
    """Leave nothing of deleted runs on disk: secure_delete zeroed their cells in the pages now
    in the WAL; a checkpoint writes those pages over the old ones and truncates the WAL, and a
    vacuum rebuilds the file without its free pages. Best effort while another run holds it."""
    with contextlib.suppress(sqlite3.DatabaseError):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def catalog_hash(catalog_json: str) -> str:
    import hashlib

    return hashlib.blake2b(catalog_json.encode(), digest_size=8).hexdigest()


# ------------------------------------------------------------------ the evidence log


_EVIDENCE = "id, name, skill, text, date, link, metric, action, added, scope, situation, result"


def add_evidence(conn: sqlite3.Connection, entry: dict[str, str]) -> int:
    """One entry, in one transaction: `entry` has every column but the id."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        cursor = conn.execute(
            "INSERT INTO evidence"
            " (name, skill, text, date, link, metric, action, added, scope, situation, result) VALUES"
            " (:name, :skill, :text, :date, :link, :metric, :action, :added, :scope, :situation, :result)",
            {"scope": "", "situation": "", "result": "", **entry},
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(cursor.lastrowid or 0)


def evidence(conn: sqlite3.Connection, name: str | None = None) -> list[dict[str, Any]]:
    """Entries (of one person), by date then id: what they did, oldest first."""
    query = f"SELECT {_EVIDENCE} FROM evidence"
    rows = (
        conn.execute(query + " ORDER BY date, id").fetchall()
        if name is None
        else conn.execute(query + " WHERE name = ? ORDER BY date, id", (name,)).fetchall()
    )
    keys = [k.strip() for k in _EVIDENCE.split(",")]
    return [dict(zip(keys, row, strict=True)) for row in rows]


def remove_evidence(conn: sqlite3.Connection, entry_id: int) -> int:
    with _deleting(conn):
        cursor = conn.execute(
            "DELETE FROM evidence WHERE id = ?", (entry_id if 0 < entry_id <= MAX_ID else -1,)
        )
    return cursor.rowcount


def people(conn: sqlite3.Connection) -> list[str]:
    """Everyone the history knows (assessed, or with evidence logged), the latest first."""
    rows = conn.execute(
        "SELECT name FROM (SELECT name, at AS t FROM runs UNION ALL SELECT name, added AS t FROM evidence)"
        " GROUP BY name ORDER BY max(t) DESC, name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def latest_person(conn: sqlite3.Connection) -> str | None:
    """Whose log an entry joins when no --name is given: the last person assessed, else the last
    one who logged evidence."""
    found = latest_name(conn)
    if found is not None:
        return found
    row = conn.execute("SELECT name FROM evidence ORDER BY added DESC, id DESC LIMIT 1").fetchone()
    return None if row is None else str(row[0])


# ------------------------------------------------------------------ the case's sponsor


def sponsor(conn: sqlite3.Connection, name: str) -> str:
    """Whom the person's promotion case names as its sponsor; empty when nobody was named."""
    row = conn.execute("SELECT sponsor FROM sponsors WHERE name = ?", (name,)).fetchone()
    return "" if row is None else str(row[0])


def set_sponsor(conn: sqlite3.Connection, name: str, who: str, named: str) -> None:
    """Name (or, with `who` empty, forget) the person's sponsor: kept so every later packet
    names them without being told again."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if who:
            conn.execute(
                "INSERT INTO sponsors (name, sponsor, named) VALUES (?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET sponsor = excluded.sponsor, named = excluded.named",
                (name, who, named),
            )
        else:
            conn.execute("DELETE FROM sponsors WHERE name = ?", (name,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
