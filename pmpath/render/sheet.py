"""CSV for spreadsheets (RFC 4180 via the standard library), safe to open in Excel and Sheets.

Column names are stable ids (the schema `pmpath schema cohort-csv` describes them), so a
programme's formulas survive a change of language; cells that are words (level names) follow
the run's language. A cell that someone else wrote and that starts like a formula (`=`, `+`,
`-`, `@`, a tab or a carriage return) gets a leading `'`, which spreadsheets show as text and
never evaluate (OWASP's advice on CSV injection): a participant named `=HYPERLINK(...)` is a
name, not a link that leaks the sheet.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from pmpath.text import no_commands, visible
from pmpath.typeset import marks

if TYPE_CHECKING:
    from pmpath.cohort import PersonRow
    from pmpath.models import Catalog
    from pmpath.progress import Progress

BOM = "\ufeff"
"""Excel reads a CSV file as UTF-8 only when it starts with this (`--excel`)."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "::")
_LOOKS_NUMERIC = re.compile(r"[+\-]?[.,]?\d[\d\s.,:/%+\-eE]*")
"""What a spreadsheet opening a CSV turns into a number, a date or a time: 000123, 1E5, 3-4."""


class AsText(str):
    """Text a spreadsheet would read as a number or a date (an id 000123 would become 123, one
    1E5 100000): with --excel it is written `="000123"`, which Excel, LibreOffice, Gnumeric
    and Sheets all show as the text it is. Built by pmpath around a value whose quotes it
    doubles, so the value stays a string inside it and never becomes a formula of its own."""


def as_text(value: str, excel: bool) -> str:
    """`value`, marked to stay text in a spreadsheet where it would not (--excel only: a
    program reading the CSV gets the value as written)."""
    return AsText(value) if excel and _LOOKS_NUMERIC.fullmatch(value) else value


def neutral(cell: object) -> str:
    """A cell's text: never a formula, and one line that cannot drive a terminal or a CI log
    when the CSV is printed (control characters and line breaks spelled out, as everywhere
    pmpath shows others' text; a cell opening `::`, a workflow command at the start of a
    line, quoted like a formula; any other command form defused by the one rule for CI logs,
    so `cat cohort.csv` in a CI step is as safe as pmpath's own stdout)."""
    if type(cell) is int or (type(cell) is float and cell == cell and abs(cell) != float("inf")):
        return str(cell)  # a number pmpath computed stays a number a spreadsheet can sum (-1 too)
    if type(cell) is AsText:  # digits and separators only (as_text): nothing else to defuse
        return '="' + cell.replace('"', '""') + '"'
    text = visible("" if cell is None else str(cell))
    return no_commands("'" + text if text.startswith(_FORMULA_START) else text)


def lines(rows: Iterable[Iterable[object]]) -> str:
    """Rows as RFC 4180 lines: quoted where needed, CRLF line ends, every cell neutral."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([neutral(c) for c in row] for row in rows)
    return out.getvalue()


class CohortColumns(NamedTuple):
    """What a worker needs to write a person's row: small, and crosses to it once."""

    skill_ids: tuple[str, ...]
    level_names: dict[str, str]
    minimums: dict[str, tuple[int, ...]]
    skill_names: dict[str, str]
    tracks: dict[str, str]
    """level id -> its track (`shared`, `ic`, `management`, or a company ladder's own)."""
    sep: str
    excel: bool = False
    """--excel: names and ids a spreadsheet would read as numbers stay text (AsText)."""


def cohort_columns(catalog: Catalog, lang: str, excel: bool = False) -> CohortColumns:
    return CohortColumns(
        catalog.skill_ids,
        {lv.id: lv.name.get(lang) for lv in catalog.levels},
        {lv.id: tuple(lv.skill_minimums[s] for s in catalog.skill_ids) for lv in catalog.levels},
        {s.id: s.name.get(lang) for s in catalog.skills},
        {lv.id: lv.track_id for lv in catalog.levels},
        marks(lang).semi,
        excel,
    )


COHORT_FIXED = (
    "name",
    "file",
    "level",
    "level_name",
    "next_level",
    "next_level_name",
    "meets_min_level",
    "reviews_applied",
    "report",
    "id",
    "team",
    "manager",
    "track",
    "previous_level",
    "top_gaps",
    "gap_count",
    "years_experience",
)


def cohort_header(columns: CohortColumns) -> list[str]:
    """Per skill: the person's own rating, the next level's minimum, and others' combined rating."""
    per_skill = [f"{s}{tail}" for s in columns.skill_ids for tail in ("", "_next_min", "_others")]
    return [*COHORT_FIXED, *per_skill]


def cohort_head(columns: CohortColumns, excel: bool = False) -> str:
    return (BOM if excel else "") + lines([cohort_header(columns)])


def cohort_person(row: PersonRow, columns: CohortColumns) -> str:
    """One person's line (the cohort streams them, like JSON)."""
    gate = "" if row.meets_min_level is None else str(row.meets_min_level).lower()
    needs = columns.minimums.get(row.next_level or "", ())
    cells: list[object] = [
        as_text(row.name, columns.excel),
        row.file,
        row.level,
        columns.level_names.get(row.level, row.level),
        row.next_level or "",
        columns.level_names.get(row.next_level, "") if row.next_level else "",
        gate,
        "true" if row.others else "false",
        row.report,
        *_hr_cells(row, columns),
    ]
    for i, rating in enumerate(row.ratings):
        others = row.others[i] if row.others else 0.0
        cells += [rating, needs[i] if needs else "", f"{others:g}" if others else ""]
    return lines([cells])


def _hr_cells(row: PersonRow, columns: CohortColumns) -> list[object]:
    """What HR asks of each person (issue 39): who they are, their track, last quarter's level
    (with --baseline), their top gaps as words, how many skills fall short, their years."""
    gaps = columns.sep.join(f"{columns.skill_names.get(s, s)} {have}→{need}" for s, have, need in row.gaps)
    return [
        as_text(row.id, columns.excel),
        as_text(row.team, columns.excel),
        as_text(row.manager, columns.excel),
        columns.tracks.get(row.level, ""),
        row.previous_level,
        gaps,
        row.gap_count,
        f"{row.years:g}",
    ]


def runs(runs: list[Any], excel: bool = False) -> str:
    """`pmpath history --format csv`: one row per run."""
    head = ["id", "date", "name", "level", "level_name", "ladder", "lang", "pmpath_version"]
    body = [[r.id, r.at, r.name, r.level, r.level_name, r.ladder, r.lang, r.pmpath_version] for r in runs]
    return (BOM if excel else "") + lines([head, *body])


def progress(p: Progress, excel: bool = False) -> str:
    """`pmpath progress --format csv`: one row per skill, the trail as one cell."""
    head = ["name", "skill", "skill_name", "from", "to", "change", "trail", "from_date", "to_date"]
    body = [
        [
            p.name,
            s.id,
            s.name,
            "" if s.from_ is None else s.from_,
            s.to,
            "" if s.delta is None else s.delta,  # a number, not "+1" (which a sheet reads as a formula)
            " ".join(str(v) for v in s.trail),
            p.from_run.at[:10],
            p.to_run.at[:10],
        ]
        for s in p.skills
    ]
    return (BOM if excel else "") + lines([head, *body])
