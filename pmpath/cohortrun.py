"""`pmpath cohort`: many answer files to one report (the command in pmpath.commands.cohort runs it).

The command's whole behaviour lives here, free of typer: the command module only declares its
options; discovery, the worker passes, the programme's sections and every output are run here.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from pmpath.errors import InputError, Msg
from pmpath.output import console, err, err_info, render_text, resolve_format, sink
from pmpath.render import SHEET_SUFFIXES, SheetFormat

if TYPE_CHECKING:
    import datetime
    from typing import IO, TextIO

    from pmpath.batch import Batch, Runner
    from pmpath.cohort import (
        BaselineTally,
        CohortReviews,
        CohortTally,
        ErrorRow,
        PersonRow,
        ReviewRow,
        ReviewTally,
    )
    from pmpath.models import Catalog
    from pmpath.programme import GroupTally, RosterRow
    from pmpath.reports import ReportPlan

TABLE_PEOPLE = 200
TWINS_NAMED = 3
"""One person in many files: the error names this many of the others, then counts the rest."""
MD_PEOPLE = 500


def run(
    paths: list[str],
    fmt: SheetFormat | None = None,
    output: list[Path | None] | Path | None = None,
    force: bool = False,
    min_level: str | None = None,
    keep_going: bool = False,
    github_summary: bool | None = None,
    baseline: list[Path] | Path | None = None,
    jobs: int = 0,
    ladder: str | Path | None = None,
    lang: str = "en",
    reports: Path | None = None,
    anonymize: bool = False,
    excel: bool = False,
    roster: Path | None = None,
    by: Any = None,
    min_level_share: str | None = None,
) -> int:
    """Assess every file and write the report; the exit code: 2 if a file could not be assessed
    (unless keep_going), else 1 if the --min-level gate is not met by everyone, else 0."""
    import datetime

    from pmpath.batch import prestart
    from pmpath.catalog import level_id, load_ladder

    prestart(paths, jobs)
    catalog = load_ladder(ladder)
    shown_lang = lang  # the door's: every message and the reports speak it
    gate = level_id(min_level, catalog)
    share = _share(min_level_share, gate)
    group_by = None if by is None else str(getattr(by, "value", by))
    summary_path = _github_summary_path(github_summary)
    output, also = _outputs(fmt, output)
    chosen = resolve_format(fmt, output, SHEET_SUFFIXES)
    key = _anonymize_key(shown_lang) if anonymize else None
    earlier = [
        _load_baseline(Path(b)) for b in ([baseline] if isinstance(baseline, Path) else baseline or [])
    ]
    compare = None
    if earlier:  # oldest first: people are compared with the latest, the trend has them all
        from pmpath.cohort import BaselineTally

        compare = BaselineTally(catalog, *_read_baseline(earlier[-1][1], shown_lang, key))
    expected = None if roster is None else _read_roster(roster)
    today = datetime.date.today()
    own = (output, summary_path, *(path for _, path in also))  # no participant's report takes their names
    plan = None if reports is None else _plan(reports, chosen, force, shown_lang, today, key is not None, own)
    asked = _Setup(catalog, gate, jobs, chosen, shown_lang, summary_path, plan, key, excel, group_by, [])
    try:
        with sink(output, force) as handle:
            got = _write_all(
                paths, asked, (also, expected, earlier, share), compare, handle, (output, force, today)
            )
    finally:
        if plan is not None:
            from pmpath.reports import finish

            finish(plan.claims)
    _said_done(
        got, {chosen, *(f for f, _ in also)}, (output, *(path for _, path in also)), plan, reports, shown_lang
    )
    if summary_path is not None:
        _append(summary_path, _job_summary(got, catalog, shown_lang, today.isoformat(), reports))
    return _exit_code(got, gate, keep_going, shown_lang)


class _Setup(NamedTuple):
    """What the whole run was asked for, resolved once."""

    catalog: Catalog
    gate: str | None
    jobs: int
    chosen: SheetFormat
    lang: str
    summary_path: Path | None
    plan: ReportPlan | None
    key: bytes | None
    excel: bool
    by: str | None
    """`--by team|manager`: the summary grouped."""
    also: list[_Also]
    """The run's other outputs (_Also), one per format: filled once the setup exists."""


def _assess_everyone(
    paths: list[str], setup: _Setup, compare: BaselineTally | None, handle: TextIO
) -> _Collected:
    """Reviews first (a byte search of every file, then the few that mention a review), then
    everyone, each placed with the reviews about them.

    JSON people stream straight to the output; with reviews they go to a temporary file first,
    because a review whose `about` turns out to name two people must not have moved either of
    them: that is only known at the end, and then the people are assessed again without it.

    One set of workers does it all: the search, then each pass.
    """
    from pmpath.batch import Runner
    from pmpath.discovery import expand

    stream = _stream(setup.chosen, setup.catalog, setup.lang, setup.excel)
    with Runner(setup.catalog, setup.gate, setup.jobs, stream.render) as runner:
        found = runner.find_reviews(expand(paths))
        return _passes(paths, setup, (runner, stream), found, compare, handle)


def _passes(
    paths: list[str],
    setup: _Setup,
    run: tuple[Runner, _Stream],
    found: list[ReviewRow],
    compare: BaselineTally | None,
    handle: TextIO,
) -> _Collected:
    """Everyone, with the reviews found; again without any review that names two people, and
    with anyone found in two files as an error row."""
    import tempfile

    from pmpath.batch import Extra

    chosen, plan, key = setup.chosen, setup.plan, setup.key
    by_name = _by_name(found)
    if key is not None:
        from pmpath.anonymize import anonymous_review

        found = [anonymous_review(r, key) for r in found]  # as the workers will name them
    summaries = {chosen, *(a.fmt for a in setup.also)} & {SheetFormat.md, SheetFormat.html}
    keep = MD_PEOPLE if summaries or setup.summary_path else TABLE_PEOPLE
    _write_head(handle, setup)
    with contextlib.ExitStack() as stack:
        people: IO[str] = handle
        if run[1].render is not None:  # a second pass (a shared name, one person twice) rewrites them
            people = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline=""))
        again = False
        duplicates: frozenset[int] = frozenset()
        wrote: set[str] = set()  # reports an earlier pass wrote
        previous = {} if compare is None else {who: e.level for who, e in compare.previous.items()}
        while True:
            extra = Extra(by_name, plan, key, previous, duplicates)
            got = _one_pass(paths, setup, run, keep, compare, extra, people, found, again)
            shared = _shared_names(got, by_name)
            twice = got.reviews.duplicates()
            if not shared and not twice:
                break
            # Again without those reviews, and with anyone in two files as an error row:
            # the same people, names and files, said once.
            by_name, again = {k: v for k, v in by_name.items() if k not in shared}, True
            duplicates |= twice
            wrote |= _start_again(setup, compare, people if people is not handle else None)
        if people is not handle:
            import shutil

            people.seek(0)
            shutil.copyfileobj(people, handle)
    if wrote and plan is not None:
        from pmpath.reports import drop_unclaimed

        drop_unclaimed(plan, wrote)
    return got


def _start_again(setup: _Setup, compare: BaselineTally | None, people: IO[str] | None) -> set[str]:
    """Before a pass is repeated: every tally and rendered person of the last one forgotten,
    and its reports' names free again. The names that pass's reports took (they are removed
    at the end unless the last pass wrote them too)."""
    if compare is not None:
        compare.reset()
    for other in setup.also:
        other.reset()
    if people is not None:
        people.seek(0)
        people.truncate()
    if setup.plan is None:
        return set()
    from pmpath.reports import forget_claims

    return forget_claims(setup.plan)


def _write_all(
    paths: list[str],
    setup: _Setup,
    wanted: tuple[Any, ...],
    compare: BaselineTally | None,
    handle: TextIO,
    where: tuple[Any, ...],
) -> _Collected:
    """Assess everyone into `handle`, then the programme's sections and every output."""
    also, expected, earlier, share = wanted
    output, force, today = where
    catalog, lang, key = setup.catalog, setup.lang, setup.key
    setup.also.extend(_Also(f, path, setup) for f, path in also)
    got = _assess_everyone(paths, setup, compare, handle)
    _report_loose_reviews(got.reviews_seen, lang)
    if key is not None:
        from pmpath.anonymize import anonymous_error

        got.errors = [anonymous_error(e, key) for e in got.errors]
    got.programme = _programme(got, catalog, expected, key)
    got.programme.update(_groups(got, catalog, setup.gate, share))
    got.programme.update(_quarters(got, catalog, earlier, today.isoformat()))
    for extra in setup.also:  # the other formats of this one run (--output once per format)
        extra.finish(_Writer(got, catalog, lang, today.isoformat(), _links(setup.plan, extra.path)), force)
    _Writer(got, catalog, lang, today.isoformat(), _links(setup.plan, output)).report(
        setup.chosen, handle, output is None
    )
    return got


def _said_done(
    got: _Collected,
    formats: set[SheetFormat],
    written: tuple[Path | None, ...],
    plan: ReportPlan | None,
    reports: Path | None,
    lang: str,
) -> None:
    """What the run wrote, on stderr (and the roster's counts, when only a CSV, which has no
    place for them, was written)."""
    if formats == {SheetFormat.csv} and "completeness" in got.programme:
        done = got.programme["completeness"]
        have = done["expected"] - len(done["no_answers"])
        missing = len(done["missing_reviews"])
        err_info(Msg("n_roster", have=have, expected=done["expected"], n=missing), lang=lang)
    for path in written:
        if path is not None:
            err_info(Msg("i_wrote", path=path), lang=lang)
    if plan is not None:
        err_info(Msg("i_wrote_reports", n=got.summary.people, path=reports), lang=lang)


def _outputs(
    fmt: SheetFormat | None, given: list[Path | None] | Path | None
) -> tuple[Path | None, list[tuple[SheetFormat, Path]]]:
    """`--output` once per format: the first is the run's own (it streams people if any does),
    the rest are written from the same run. With several, each is a file named by its suffix."""
    listed = given if isinstance(given, list) else [given]
    # the CLI gives a repeated option as text: `-` is standard output, as for one --output
    outputs = [None if o is None or str(o) == "-" else Path(o) for o in listed]
    if len(outputs) <= 1:
        return (outputs[0] if outputs else None), []
    if fmt is not None or any(o is None for o in outputs):
        raise InputError(Msg("e_outputs_suffix"))
    kinds = [(resolve_format(None, o, SHEET_SUFFIXES), o) for o in outputs if o is not None]
    seen: dict[SheetFormat, Path] = {}
    for kind, path in kinds:
        if kind in seen:
            raise InputError(Msg("e_outputs_twice", first=str(seen[kind]), second=str(path)))
        seen[kind] = path
    kinds.sort(key=lambda k: k[0] not in (SheetFormat.json, SheetFormat.csv))  # a streamed one first
    return kinds[0][1], kinds[1:]


class _Also:
    """One more output of the run in another format. JSON and CSV people are rendered here in
    the main process as each batch arrives (into a temporary file, so a second pass rewrites
    them); every format's summary is written at the end, from the same tallies."""

    def __init__(self, fmt: SheetFormat, path: Path, setup: _Setup) -> None:
        import tempfile

        self.fmt, self.path, self.setup = fmt, path, setup
        self.stream = _stream(fmt, setup.catalog, setup.lang, setup.excel)
        # held open across the passes, closed by finish (or with the process on an error)
        self.people = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self.reset()

    def reset(self) -> None:
        self.people.seek(0)
        self.people.truncate()
        self.before = self.stream.joints[0]

    def add(self, rows: list[PersonRow | ReviewRow | ErrorRow]) -> None:
        from pmpath.cohort import PersonRow

        render = self.stream.render
        if render is None:
            return
        rendered = [render(r) for r in rows if isinstance(r, PersonRow)]
        if rendered:
            self.people.write(self.before + self.stream.joints[1].join(rendered))
            self.before = self.stream.joints[1]

    def finish(self, write: _Writer, force: bool) -> None:
        import shutil

        from pmpath.files import atomic_writer

        with atomic_writer(self.path, force=force) as handle:
            _write_head(handle, self.setup, self.fmt)
            self.people.seek(0)
            shutil.copyfileobj(self.people, handle)
            write.report(self.fmt, handle, False)
        self.people.close()


def _write_head(handle: TextIO, setup: _Setup, fmt: SheetFormat | None = None) -> None:
    """What comes before the people: the JSON's opening, the CSV's header row."""
    chosen = fmt or setup.chosen
    if chosen is SheetFormat.json:
        from pmpath.render.json import COHORT_HEAD

        handle.write(COHORT_HEAD if setup.key is None else COHORT_HEAD_ANONYMOUS)
    elif chosen is SheetFormat.csv:
        from pmpath.render import sheet

        handle.write(sheet.cohort_head(sheet.cohort_columns(setup.catalog, setup.lang), setup.excel))


class _Stream(NamedTuple):
    """How people stream to the output: the renderer run where each person is placed, and the
    text before the first and between the rest."""

    render: Callable[[Any], str] | None
    joints: tuple[str, str] = ("", "")


def _stream(chosen: SheetFormat, catalog: Catalog, lang: str, excel: bool = False) -> _Stream:
    """Module functions and their arguments: they cross to the workers as they are."""
    import functools

    if chosen is SheetFormat.json:
        from pmpath.render.json import cohort_person

        return _Stream(functools.partial(cohort_person, skill_ids=catalog.skill_ids), ("\n    ", ",\n    "))
    if chosen is SheetFormat.csv:
        from pmpath.render import sheet

        columns = sheet.cohort_columns(catalog, lang, excel)
        return _Stream(functools.partial(sheet.cohort_person, columns=columns))
    return _Stream(None)


def _one_pass(
    paths: list[str],
    setup: _Setup,
    run: tuple[Runner, _Stream],
    keep: int,
    compare: Any,
    extra: Any,
    people: Any,
    reviews: list[Any],
    again: bool,
) -> _Collected:
    """Everyone once; `again` when a pass is repeated (its unreadable files were said)."""
    from pmpath.cohort import CohortTally, ReviewTally
    from pmpath.discovery import count, expand

    catalog, gate = setup.catalog, setup.gate
    runner, stream = run
    results = runner.assess(lambda: expand(paths), extra)
    batches = _with_progress(results, lambda: count(expand(paths)))
    got = _Collected(
        CohortTally(catalog, gate), ReviewTally(catalog, list(reviews)), compare, keep, setup.lang
    )
    from pmpath.programme import GroupTally

    got.groups = GroupTally(setup.by, gate is not None)
    got.also = setup.also
    got.quiet = again
    with contextlib.closing(results):
        got.read(batches, people, stream.joints)
    return got


def _by_name(found: list[ReviewRow]) -> dict[str, tuple[ReviewRow, ...]]:
    """Reviews by the person they find (pmpath.cohort.review_key: an id, else a name)."""
    out: dict[str, tuple[ReviewRow, ...]] = {}
    for row in found:
        target = row.target()
        out[target] = (*out.get(target, ()), row)
    return out


def _shared_names(got: _Collected, by_name: dict[str, Any]) -> set[str]:
    """The keys reviews were applied by that turned out to be two people's (worked out before
    any pseudonym, so the same when anonymizing)."""
    return {r.target() for r in got.reviews_rows_ambiguous()} & by_name.keys()


def _anonymize_key(lang: str) -> bytes:
    from pmpath.anonymize import run_key

    key, kept = run_key()
    if not kept:
        err_info(Msg("n_anonymize_key"), lang=lang)
    return key


def _plan(
    reports: Path,
    chosen: SheetFormat,
    force: bool,
    lang: str,
    today: datetime.date,
    anonymize: bool,
    own: tuple[Path | None, ...],
) -> ReportPlan:
    """Reports people open: HTML, or Markdown beside a Markdown summary (a repository shows it)."""
    from pmpath.reports import ReportPlan, prepare, reserve

    fmt = "md" if chosen is SheetFormat.md else "html"
    claims = prepare(reports, fmt, force)
    reserved = reserve(claims, reports, fmt, own)
    return ReportPlan(str(reports), fmt, lang, claims, today.year, today.isoformat(), anonymize, reserved)


def _links(plan: ReportPlan | None, output: Path | None) -> Callable[[str], str] | None:
    """How the summary links to a report: relative to the summary's own file (or the working
    directory for stdout), with / as the separator browsers and Markdown expect."""
    if plan is None:
        return None
    base = os.path.abspath(output.parent if output is not None else os.curdir)

    def link(path: str) -> str:
        return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")

    return link


COHORT_HEAD_ANONYMOUS = '{\n  "schema_version": 1,\n  "anonymized": true,\n  "people": ['


def _exit_code(got: _Collected, gate: str | None, keep_going: bool, lang: str) -> int:
    if got.errors and not keep_going:
        err(Msg("e_files_failed", n=len(got.errors)), Msg("h_keep_going"), lang=lang)
        return 2
    summary = got.summary
    held = got.programme.get("gate")
    if gate and summary.below_min_level and (held is None or not held["met"]):
        err(Msg("e_cohort_gate", n=summary.below_min_level, total=summary.people, minimum=gate), lang=lang)
        if held is not None and held["min_share"] is not None:
            err_info(
                Msg("n_gate_share", share=f"{held['share_meeting']:.0%}", needed=f"{held['min_share']:.0%}"),
                lang=lang,
            )
        return 1
    return 0


def _share(given: str | None, gate: str | None) -> float | None:
    """`--min-level-share`: `0.8` or `80%`, above 0 and at most 1; only with --min-level."""
    if given is None:
        return None
    text = given.strip()
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise InputError(Msg("e_min_share", value=repr(given)))
    if gate is None:
        raise InputError(Msg("e_min_share_alone"))
    return value


def _groups(got: _Collected, catalog: Catalog, gate: str | None, share: float | None) -> dict[str, Any]:
    """`groups` (--by) and `gate` (--min-level): the summary by team or manager, and who is
    below the programme's level, by name."""
    tally = got.groups
    out: dict[str, Any] = {}
    if tally is None:
        return out
    names = {lv.id: lv.name.en for lv in catalog.levels}
    if tally.by is not None:
        out["groups"] = tally.groups()
    if gate is not None:
        out["gate"] = tally.gate(gate, names[gate], share, names)
    out["_level_names"] = {lv.id: lv.name for lv in catalog.levels}
    return out


class _Collected:
    """What the cohort keeps while the batches stream past: the tallies, the unreadable files
    (said on stderr as they come) and the first `keep` people for the table."""

    def __init__(
        self, tally: CohortTally, reviews: ReviewTally, compare: BaselineTally | None, keep: int, lang: str
    ) -> None:
        self.tally, self.reviews, self.compare, self.keep = tally, reviews, compare, keep
        self.lang = lang
        """The language the unreadable files are said in."""
        self.errors: list[ErrorRow] = []
        self.sample: list[PersonRow] = []
        self.programme: dict[str, Any] = {}
        self.also: list[_Also] = []
        self.groups: GroupTally | None = None
        """pmpath.programme.GroupTally: every person, when --by or a gate asks."""
        self.quiet = False

    def read(self, batches: Iterable[Batch], handle: TextIO, joints: tuple[str, str] = ("", "")) -> None:
        """Merge every batch; rendered people (JSON, CSV) are written as they arrive (flat
        memory), `joints` going before the first and between the rest."""
        from pmpath.cohort import ErrorRow, PersonRow

        before, between = joints
        twins: dict[int, list[ErrorRow]] = {}
        for batch in batches:
            self.tally.merge(batch.tally)
            self.reviews.merge(batch.reviews)
            if self.compare is not None:
                for row in batch.rows:
                    self.compare.add(row)
            if self.groups is not None and self.groups.wanted:
                for row in batch.rows:
                    if isinstance(row, PersonRow):
                        self.groups.add(row)
            if batch.rendered:
                handle.write(before + between.join(batch.rendered))
                before = between
            for extra in self.also:
                extra.add(batch.rows)
            if batch.tally.errors or len(self.sample) < self.keep:  # else nothing here needs the rows
                for row in batch.rows:
                    if isinstance(row, ErrorRow) and row.said.key == "e_same_person":
                        twins.setdefault(row.said.params["twin"], []).append(row)
                    elif isinstance(row, ErrorRow):
                        self.errors.append(row)
                        if not self.quiet:
                            err(row.said, lang=self.lang)
                    elif isinstance(row, PersonRow) and len(self.sample) < self.keep:
                        self.sample.append(row)
        self._twins(twins)
        self.summary = self.tally.summary()
        self.moved = None if self.compare is None else self.compare.summary()
        self.reviews_seen = self.reviews.summary()

    def _twins(self, twins: dict[int, list[ErrorRow]]) -> None:
        """One person in several files: one error row naming every file, said once."""
        from pmpath.cohort import ErrorRow

        for rows in twins.values():
            first, *rest = rows
            who = first.said.params["who"]
            other = ", ".join(r.file for r in rest[:TWINS_NAMED])
            more = Msg("and_more", n=len(rest) - TWINS_NAMED) if len(rest) > TWINS_NAMED else ""
            said = Msg("e_same_person", source=first.file, who=who, other=other, more=more)
            self.errors.append(ErrorRow(first.file, said))
            self.tally.errors -= len(rest)
            err(said, lang=self.lang)

    def reviews_rows_ambiguous(self) -> list[ReviewRow]:
        """The review rows whose `about` names two or more people of this pass."""
        seen = self.reviews_seen
        if seen is None or not seen.ambiguous:
            return []
        files = set(seen.ambiguous)
        return [r for r in self.reviews.reviews if r.file in files]


class _Writer:
    """The cohort's report in the chosen format, from what was collected."""

    def __init__(
        self, got: _Collected, catalog: Catalog, lang: str, today: str, link: Callable[[str], str] | None
    ) -> None:
        self.got, self.catalog, self.lang, self.today = got, catalog, lang, today
        self.sample = got.sample if link is None else [r._replace(report=link(r.report)) for r in got.sample]

    def summary(self, kind: SheetFormat) -> str:
        """The group summary as Markdown (also the GitHub job summary) or HTML."""
        from pmpath.render import cohort_renderer

        got = self.got
        return str(
            cohort_renderer(kind)(
                got.summary,
                self.sample,
                got.errors,
                self.catalog,
                generated=self.today,
                progress=got.moved,
                reviews=got.reviews_seen,
                lang=self.lang,
                programme=got.programme,
            )
        )

    def report(self, chosen: SheetFormat, handle: TextIO, to_console: bool) -> None:
        got = self.got
        if chosen is SheetFormat.json:
            from pmpath.render.json import cohort_tail

            handle.write(cohort_tail(got.errors, got.summary, got.moved, got.reviews_seen, got.programme))
        elif chosen in (SheetFormat.md, SheetFormat.html):
            handle.write(self.summary(chosen))
        elif chosen is SheetFormat.csv:
            return  # every row is written; errors were said on stderr
        else:
            from pmpath.render.terminal import cohort as table_cohort

            renderable = table_cohort(
                got.summary,
                self.sample[:TABLE_PEOPLE],
                got.errors,
                self.catalog,
                progress=got.moved,
                reviews=got.reviews_seen,
                lang=self.lang,
                programme=got.programme,
            )
            if to_console:
                console().print(renderable)
            else:
                handle.write(render_text(renderable))


def _report_loose_reviews(seen: CohortReviews | None, lang: str) -> None:
    """Reviews that belong to nobody, or to two people, are said once each: never silently used."""
    if seen is None:
        return
    for file in seen.unmatched:
        err_info(Msg("n_review_nobody", file=file), lang=lang)
    for file in seen.ambiguous:
        err_info(Msg("n_review_ambiguous", file=file), lang=lang)


def _load_baseline(path: Path) -> tuple[str, dict[str, Any]]:
    """An earlier cohort JSON (its name as shown, and its data), checked to have people."""
    import json

    from pmpath.parsing import decode, read_bounded
    from pmpath.text import portable

    shown = portable(str(path))
    refused = InputError(Msg("e_baseline", source=shown), hint=Msg("h_baseline"))
    try:
        data = json.loads(decode(read_bounded(str(path), shown), shown))
    except ValueError:
        raise refused from None
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise refused
    return shown, data


def _quarters(
    got: _Collected, catalog: Catalog, earlier: list[tuple[str, dict[str, Any]]], today: str
) -> dict[str, Any]:
    """The run's stamps (ladder, date, version: what a later run checks it can compare with),
    and with baselines the levels per quarter and whether the latest is like for like."""
    from pmpath import __version__
    from pmpath.catalog import catalog_digest
    from pmpath.programme import level_counts, trend

    digest = catalog_digest(catalog)
    out: dict[str, Any] = {
        "ladder": {"name": catalog.name, "digest": digest},
        "generated": today,
        "pmpath_version": __version__,
    }
    if not earlier:
        return out
    labels = [_run_label(shown, data) for shown, data in earlier]
    # two runs of one day are told apart by their files
    labels = [
        os.path.basename(shown) if labels.count(label) > 1 or label == today else label
        for label, (shown, _) in zip(labels, earlier, strict=True)
    ]
    runs = [(label, level_counts(data["people"])) for label, (_, data) in zip(labels, earlier, strict=True)]
    now = {c.id: c.people for c in got.summary.levels if c.people}
    out["trend"] = trend(runs, (today, now))
    out["_level_names"] = {lv.id: lv.name for lv in catalog.levels}
    reasons = _unlike(earlier[-1][1], digest, __version__, got.reviews_seen is not None)
    if got.moved is not None:
        got.moved["comparable"] = not reasons
        got.moved["reasons"] = [str(r) for r in reasons]
    out["_reasons"] = reasons
    return out


def _run_label(shown: str, data: dict[str, Any]) -> str:
    """A baseline in the trend: the date it was made (stamped since issue 39), else its file."""
    generated = data.get("generated")
    return generated if isinstance(generated, str) and generated else os.path.basename(shown)


def _unlike(data: dict[str, Any], digest: str, version: str, reviews: bool) -> list[Msg]:
    """Why the latest baseline is not like for like with this run (none when it is)."""
    ladder = data.get("ladder")
    given = ladder.get("digest") if isinstance(ladder, dict) else None
    reasons: list[Msg] = []
    if given is None or "pmpath_version" not in data:
        reasons.append(Msg("pr_unstamped"))
    elif given != digest:
        reasons.append(Msg("pr_ladder", was=str(given), now=digest))
    if given is not None and data.get("pmpath_version") != version:
        reasons.append(Msg("pr_version", was=str(data.get("pmpath_version")), now=version))
    if ("reviews" in data) != reviews:
        reasons.append(Msg("pr_reviews_now" if reviews else "pr_reviews_then"))
    return reasons


def _read_baseline(
    data: dict[str, Any], lang: str, key: bytes | None = None
) -> tuple[dict[str, Any], set[str], dict[str, tuple[str, ...]]]:
    """identity -> Earlier from an earlier cohort JSON (pmpath.cohort.identity: an id, else a
    name); people who appear twice are set aside; and identity -> the skills that run planned
    for the quarter (none from older baselines).

    In an anonymized run people carry pseudonyms, so a baseline with names is compared through
    the same key; an anonymized baseline can only be compared with a run made with its key."""
    from pmpath.cohort import Earlier, person_keys

    people = data["people"]
    previous: dict[str, Earlier] = {}
    plans: dict[str, tuple[str, ...]] = {}
    duplicates: set[str] = set()
    masked = data.get("anonymized") is True
    if masked and key is None:
        err_info(Msg("w_anonymized_baseline"), lang=lang)
    from pmpath.anonymize import pseudonym

    for person in people:
        if not isinstance(person, dict) or not isinstance(person.get("name"), str):
            continue
        name, given_id = person["name"].strip(), person.get("id")
        given_id = given_id if isinstance(given_id, str) and given_id else None
        if key is not None and not masked:
            name = pseudonym(name, key)
            given_id = given_id and pseudonym("\0id\0" + given_id, key)
        who = person_keys(name, given_id)[-1]
        if who in previous:
            duplicates.add(who)
        given = person.get("ratings")
        ratings: dict[str, Any] = given if isinstance(given, dict) else {}
        previous[who] = Earlier(
            name, str(person.get("level", "")), {k: v for k, v in ratings.items() if isinstance(v, int)}
        )
        plan = person.get("plan")
        plans[who] = tuple(s for s in plan if isinstance(s, str)) if isinstance(plan, list) else ()
    return previous, duplicates, plans


def _read_roster(path: Path) -> list[RosterRow]:
    """The programme's roster (pmpath.programme.parse_roster), read before anyone is assessed:
    a broken roster fails fast."""
    from pmpath.parsing import decode, read_bounded
    from pmpath.programme import parse_roster
    from pmpath.text import portable

    shown = portable(str(path))
    return parse_roster(decode(read_bounded(str(path), shown), shown), shown)


def _programme(
    got: _Collected, catalog: Catalog, roster: list[RosterRow] | None, key: bytes | None
) -> dict[str, Any]:
    """The programme's sections of the JSON (and of every other format): the roster's
    completeness, and with reviews the named raters' calibration. Worked out on names as
    written; pseudonyms replace them when anonymizing."""
    from pmpath.programme import calibration, completeness

    out: dict[str, Any] = {}
    reviews: list[ReviewRow] = got.reviews.reviews
    if roster is not None:
        out["completeness"] = completeness(roster, set(got.reviews.hashes), reviews)
    if reviews:
        seen = got.reviews_seen
        skip = set(seen.ambiguous) if seen is not None else set()
        out["calibration"] = calibration([r for r in reviews if r.file not in skip], catalog.skill_ids)
    if key is not None:
        from pmpath.anonymize import anonymous_programme

        out = anonymous_programme(out, key)
    return out


def _job_summary(got: _Collected, catalog: Catalog, lang: str, today: str, reports: Path | None) -> str:
    """The GitHub job summary: the Markdown summary without links to the reports, which live in
    the workflow's files or artifact, not beside the summary (links there would 404); it says
    where they are instead."""
    from pmpath.render.markdown import escape

    got.sample = [r._replace(report="") for r in got.sample]
    text = _Writer(got, catalog, lang, today, None).summary(SheetFormat.md)
    if reports is not None:
        text += "\n*" + escape(Msg("c_reports_where", path=str(reports)).text(lang)) + "*\n"
    return text


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


def _with_progress(rows: Iterator[Batch], total_of: Callable[[], int]) -> Iterator[Batch]:
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
