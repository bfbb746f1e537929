"""`pmpath cohort`: many answer files to one report, shared by the typer CLI and the fast path.

The command's whole behaviour lives here, free of typer, so the line CI runs most
(`pmpath cohort DIR --format json`) can start without typer's ~80 ms of imports (it coerces
options through pydantic) and still do exactly what the full CLI does.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pmpath.errors import InputError, Msg
from pmpath.output import console, err, err_info, render_text, resolve_format, sink
from pmpath.render import OutputFormat

TABLE_PEOPLE = 200
MD_PEOPLE = 500


def run(
    paths: list[str],
    fmt: OutputFormat | None = None,
    output: Path | None = None,
    force: bool = False,
    min_level: str | None = None,
    keep_going: bool = False,
    github_summary: bool | None = None,
    baseline: Path | None = None,
    jobs: int = 0,
    ladder: str | Path | None = None,
    lang: str | None = None,
) -> int:
    """Assess every file and write the report; the exit code: 2 if a file could not be assessed
    (unless keep_going), else 1 if the --min-level gate is not met by everyone, else 0."""
    import datetime

    from pmpath.batch import assess_all, prestart
    from pmpath.catalog import level_id, load_ladder
    from pmpath.cohort import CohortTally, PersonRow, ReviewTally
    from pmpath.discovery import count, expand
    from pmpath.i18n import resolve_lang

    prestart(paths, jobs)
    catalog = load_ladder(ladder)
    shown_lang = resolve_lang(lang)
    gate = level_id(min_level, catalog)
    summary_path = _github_summary_path(github_summary)
    compare = None
    if baseline is not None:
        from pmpath.cohort import BaselineTally

        compare = BaselineTally(catalog, *_read_baseline(baseline))
    items = expand(paths)
    chosen = resolve_format(fmt, output)
    keep = MD_PEOPLE if chosen in (OutputFormat.md, OutputFormat.html) or summary_path else TABLE_PEOPLE
    render: Callable[[PersonRow], str] | None = None
    if chosen is OutputFormat.json:
        import functools

        from pmpath.render.json import cohort_person

        # a module function and its arguments: it crosses to the workers as it is
        render = functools.partial(cohort_person, skill_ids=catalog.skill_ids)
    results = assess_all(items, catalog, gate, jobs, render)
    batches = _with_progress(results, lambda: count(expand(paths)))
    got = _Collected(CohortTally(catalog, gate), ReviewTally(catalog), compare, keep)
    with contextlib.closing(results), sink(output, force) as handle:  # type: ignore[type-var]
        got.read(batches, handle, chosen is OutputFormat.json)
        _report_loose_reviews(got.reviews_seen)
        write = _Writer(got, catalog, shown_lang, datetime.date.today().isoformat())
        write.report(chosen, handle, output is None)
    if output is not None:
        err_info(Msg("i_wrote", path=output))
    if summary_path is not None:
        _append(summary_path, write.summary(OutputFormat.md))
    return _exit_code(got, gate, keep_going)


def _exit_code(got: _Collected, gate: str | None, keep_going: bool) -> int:
    if got.errors and not keep_going:
        err(Msg("e_files_failed", n=len(got.errors)), Msg("h_keep_going"))
        return 2
    summary = got.summary
    if gate and summary.below_min_level:
        err(Msg("e_cohort_gate", n=summary.below_min_level, total=summary.people, minimum=gate))
        return 1
    return 0


class _Collected:
    """What the cohort keeps while the batches stream past: the tallies, the unreadable files
    (said on stderr as they come) and the first `keep` people for the table."""

    def __init__(self, tally: Any, reviews: Any, compare: Any, keep: int) -> None:
        self.tally, self.reviews, self.compare, self.keep = tally, reviews, compare, keep
        self.errors: list[Any] = []
        self.sample: list[Any] = []

    def read(self, batches: Iterable[Any], handle: Any, json_out: bool) -> None:
        """Merge every batch; JSON people are written as they arrive (flat memory)."""
        from pmpath.cohort import ErrorRow, PersonRow

        separator = "\n    "
        if json_out:
            from pmpath.render.json import COHORT_HEAD

            handle.write(COHORT_HEAD)
        for batch in batches:
            self.tally.merge(batch.tally)
            self.reviews.merge(batch.reviews)
            if self.compare is not None:
                for row in batch.rows:
                    self.compare.add(row)
            if batch.rendered:
                handle.write(separator + ",\n    ".join(batch.rendered))
                separator = ",\n    "
            if batch.tally.errors or len(self.sample) < self.keep:  # else nothing here needs the rows
                for row in batch.rows:
                    if isinstance(row, ErrorRow):
                        self.errors.append(row)
                        err(row.said)
                    elif isinstance(row, PersonRow) and len(self.sample) < self.keep:
                        self.sample.append(row)
        self.summary = self.tally.summary()
        self.moved = None if self.compare is None else self.compare.summary()
        self.reviews_seen = self.reviews.summary()


class _Writer:
    """The cohort's report in the chosen format, from what was collected."""

    def __init__(self, got: _Collected, catalog: Any, lang: str, today: str) -> None:
        self.got, self.catalog, self.lang, self.today = got, catalog, lang, today

    def summary(self, kind: OutputFormat) -> str:
        """The group summary as Markdown (also the GitHub job summary) or HTML."""
        from pmpath.render import cohort_renderer

        got = self.got
        return str(
            cohort_renderer(kind)(
                got.summary,
                got.sample,
                got.errors,
                self.catalog,
                generated=self.today,
                progress=got.moved,
                reviews=got.reviews_seen,
                lang=self.lang,
            )
        )

    def report(self, chosen: OutputFormat, handle: Any, to_console: bool) -> None:
        got = self.got
        if chosen is OutputFormat.json:
            from pmpath.render.json import cohort_tail

            handle.write(cohort_tail(got.errors, got.summary, got.moved, got.reviews_seen))
        elif chosen in (OutputFormat.md, OutputFormat.html):
            handle.write(self.summary(chosen))
        else:
            from pmpath.render.terminal import cohort as table_cohort

            renderable = table_cohort(
                got.summary,
                got.sample[:TABLE_PEOPLE],
                got.errors,
                self.catalog,
                progress=got.moved,
                reviews=got.reviews_seen,
                lang=self.lang,
            )
            if to_console:
                console().print(renderable)
            else:
                handle.write(render_text(renderable))


def _report_loose_reviews(seen: Any) -> None:
    """Reviews that belong to nobody, or to two people, are said once each: never silently used."""
    if seen is None:
        return
    for file in seen.unmatched:
        err_info(Msg("n_review_nobody", file=file))
    for file in seen.ambiguous:
        err_info(Msg("n_review_ambiguous", file=file))


def _read_baseline(path: Path) -> tuple[dict[str, tuple[str, dict[str, int]]], set[str]]:
    """name -> (level, ratings) from an earlier cohort JSON; names that appear twice are set aside."""
    import json

    from pmpath.parsing import decode, read_bounded
    from pmpath.text import portable

    shown = portable(str(path))
    try:
        data = json.loads(decode(read_bounded(str(path), shown), shown))
        people = data["people"]
        assert isinstance(people, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise InputError(Msg("e_baseline", source=shown), hint=Msg("h_baseline")) from None
    previous: dict[str, tuple[str, dict[str, int]]] = {}
    duplicates: set[str] = set()
    for person in people:
        if not isinstance(person, dict) or not isinstance(person.get("name"), str):
            continue
        name = person["name"].strip()
        if name in previous:
            duplicates.add(name)
        given = person.get("ratings")
        ratings: dict[str, Any] = given if isinstance(given, dict) else {}
        previous[name] = (
            str(person.get("level", "")),
            {k: v for k, v in ratings.items() if isinstance(v, int)},
        )
    return previous, duplicates


def _github_summary_path(flag: bool | None) -> Path | None:
    env = os.environ.get("GITHUB_STEP_SUMMARY")
    if flag is False or (flag is None and not env):
        return None
    if not env:
        raise InputError(Msg("e_github_summary"))
    return Path(env)


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError as exc:
        raise InputError(
            Msg("e_summary_append", path=str(path), why=Msg("lib", text=exc.strerror or str(exc)))
        ) from None


def _with_progress(rows: Iterator[Any], total_of: Callable[[], int]) -> Iterator[Any]:
    """A progress bar on stderr for people watching a large cohort; silent in CI and in pipes.

    Paths stream, so the total is counted by a second, storage-free walk, only when shown.
    """
    if os.environ.get("CI") or not sys.stderr.isatty() or (total := total_of()) < 100:
        yield from rows
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("Assessing", total=total)
        for batch in rows:
            progress.advance(task, len(batch.rows))
            yield batch
