"""Output formats and the renderer behind each; renderers return text or renderables, never print."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class SheetFormat(str, Enum):
    """The formats of what a programme reads by the row (cohort, progress): a report's, and CSV
    for spreadsheets."""

    table = "table"
    json = "json"
    md = "md"
    html = "html"
    csv = "csv"


class RunsFormat(str, Enum):
    """`history` lists runs: on screen, as JSON, or as CSV for a spreadsheet."""

    table = "table"
    json = "json"
    csv = "csv"


class LogFormat(str, Enum):
    """`evidence list`: on screen, as JSON, as a Markdown table, or as CSV for a spreadsheet."""

    table = "table"
    json = "json"
    md = "md"
    csv = "csv"


LOG_SUFFIXES: dict[str, LogFormat] = {
    ".txt": LogFormat.table,
    ".json": LogFormat.json,
    ".md": LogFormat.md,
    ".csv": LogFormat.csv,
}


SUFFIX_FORMATS: dict[str, OutputFormat] = {
    ".json": OutputFormat.json,
    ".md": OutputFormat.md,
    ".txt": OutputFormat.table,
    ".html": OutputFormat.html,
    ".htm": OutputFormat.html,
}
SHEET_SUFFIXES: dict[str, SheetFormat] = {
    **{k: SheetFormat(v.value) for k, v in SUFFIX_FORMATS.items()},
    ".csv": SheetFormat.csv,
}


class ReportRenderer(Protocol):
    """A report in one format: text, or a rich renderable for the terminal."""

    def __call__(self, rep: Report, catalog: Catalog, *, lang: str, generated: str) -> Any: ...


class CohortRenderer(Protocol):
    """A cohort's summary page (Markdown or HTML)."""

    def __call__(
        self,
        summary: CohortSummary,
        people: list[PersonRow],
        errors: list[ErrorRow],
        catalog: Catalog,
        *,
        generated: str,
        progress: dict[str, Any] | None,
        reviews: CohortReviews | None,
        lang: str,
        programme: dict[str, Any] | None = None,
    ) -> str: ...


_REPORTS = {
    OutputFormat.table: "pmpath.render.terminal",
    OutputFormat.json: "pmpath.render.json",
    OutputFormat.md: "pmpath.render.markdown",
    OutputFormat.html: "pmpath.render.html",
}
"""Module paths, not modules: each format imports only what it needs (rich is slow to import)."""


def report_renderer(fmt: OutputFormat) -> ReportRenderer:
    import importlib

    draw: ReportRenderer = importlib.import_module(_REPORTS[fmt]).report
    return draw


def cohort_renderer(fmt: OutputFormat | SheetFormat) -> CohortRenderer:
    import importlib

    draw: CohortRenderer = importlib.import_module(_REPORTS[OutputFormat(fmt.value)]).cohort
    return draw


if TYPE_CHECKING:  # mypy holds every renderer to its protocol; at run time none is imported here
    from pmpath.cohort import CohortReviews, CohortSummary, ErrorRow, PersonRow
    from pmpath.models import Catalog, Report
    from pmpath.render import html, json, markdown, terminal

    _REPORT_RENDERERS: tuple[ReportRenderer, ...] = (
        terminal.report,
        json.report,
        markdown.report,
        html.report,
    )
    _COHORT_RENDERERS: tuple[CohortRenderer, ...] = (markdown.cohort, html.cohort)
