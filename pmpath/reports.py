"""Each participant's own report from a cohort run (`pmpath cohort --reports DIR`).

Written where the person is placed (a worker process, in a large cohort), so a programme of
thousands gets its reports at the speed of its cores and the parent only collects rows. Each
report is written atomically. Names come from a slug of the person's name; two people whose
names make the same slug never share a file: the first to claim it in this run keeps the plain
name, the other gets the slug and a short hash of their answers file (stable from quarter to
quarter while the file keeps its path). Claims are empty files in a directory private to the
run, so worker processes agree without talking to each other.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pmpath.cohort import PersonRow
from pmpath.errors import InputError, Msg
from pmpath.models import Answers, Catalog, Review
from pmpath.text import portable, slug

SUFFIXES = {"html": ".html", "md": ".md"}
CLAIMS_PREFIX = ".pmpath-claims-"


@dataclass(frozen=True)
class ReportPlan:
    directory: str
    fmt: str
    """html or md: the reports' own format."""
    lang: str
    claims: str
    """This run's claims directory inside `directory`."""
    year: int
    generated: str
    anonymize: bool = False
    reserved: frozenset[str] = frozenset()
    """Claims taken for the run's own files in the directory (reserve): kept on every pass."""

    def write(self, row: PersonRow, answers: Answers, reviews: Sequence[Review], catalog: Catalog) -> str:
        """Build, render and write one person's report; the path it was written to."""
        from pmpath.files import write_atomic
        from pmpath.render import OutputFormat, report_renderer
        from pmpath.report import build_report

        if self.anonymize:
            answers = replace(answers, profile=replace(answers.profile, name=row.name))
            reviews = [_unnamed(r) for r in reviews]
        from pmpath.catalog import companies_for

        rep = build_report(answers, catalog, self.year, reviews, companies_for(catalog))
        text = report_renderer(OutputFormat(self.fmt))(rep, catalog, lang=self.lang, generated=self.generated)
        name = self._claim(slug(row.name), row.file)
        target = Path(self.directory) / name
        write_atomic(target, str(text), force=True, clean=False, sync=False)  # made again by a re-run
        return portable(str(target))

    def _claim(self, base: str, file: str) -> str:
        import hashlib

        suffix = SUFFIXES[self.fmt]
        digest = hashlib.blake2b(file.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
        for name in (base, f"{base}-{digest}"):
            if _take(Path(self.claims) / name):
                return name + suffix
        i = 2
        while not _take(Path(self.claims) / f"{base}-{digest}-{i}"):
            i += 1
        return f"{base}-{digest}-{i}{suffix}"


def reserve(claims: str, directory: Path, fmt: str, own: Sequence[Path | None]) -> frozenset[str]:
    """The run's own files that land in the reports directory (the summary written with
    --output, say `site/index.html`) are claimed before anyone is placed: a participant named
    "Index" gets `index-<hash>.html` and never overwrites the summary, or the summary them.
    Compared without case, as macOS and Windows compare names."""
    suffix = SUFFIXES[fmt]
    home = os.path.normcase(os.path.realpath(directory))
    taken = set()
    for path in own:
        if path is None or os.path.normcase(os.path.realpath(path.parent)) != home:
            continue
        name = path.name.casefold()
        if name.endswith(suffix):
            _take(Path(claims) / name[: -len(suffix)])
            taken.add(name[: -len(suffix)])
    return frozenset(taken)


def _unnamed(review: Review) -> Review:
    """In an anonymized run the manager's name goes too."""
    meta = replace(review.review, by="")
    return replace(review, review=meta)


def _take(claim: Path) -> bool:
    try:
        fd = os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def prepare(directory: Path, fmt: str, force: bool) -> str:
    """Make the reports directory and this run's claims in it; refuse to write over an earlier
    run's reports unless --force (checked once, before anyone is assessed). The claims path."""
    import tempfile

    shown = portable(str(directory))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if not force:
            with os.scandir(directory) as entries:
                clash = next((e.name for e in entries if _is_report(e.name, fmt)), None)
            if clash is not None:
                raise InputError(
                    Msg("e_reports_exist", target=shown, file=portable(clash)), hint=Msg("h_reports_force")
                )
        _clean_claims(directory)
        return tempfile.mkdtemp(prefix=f"{CLAIMS_PREFIX}{os.getpid()}-", dir=directory)
    except (NotADirectoryError, FileExistsError):
        raise InputError(Msg("e_reports_not_dir", target=shown)) from None
    except OSError as exc:
        from pmpath.files import cannot_write

        raise InputError(cannot_write(shown, exc)) from None


def _is_report(name: str, fmt: str) -> bool:
    return name.endswith(SUFFIXES[fmt]) and not name.startswith(".")


def forget_claims(plan: ReportPlan) -> set[str]:
    """A cohort assessed again names its reports again: the pass's claims go (the run's own
    files stay claimed). The names that pass claimed: the reports it wrote."""
    import shutil

    with os.scandir(plan.claims) as entries:
        wrote = {e.name for e in entries} - plan.reserved
    shutil.rmtree(plan.claims, ignore_errors=True)
    os.mkdir(plan.claims, 0o700)
    for name in plan.reserved:
        _take(Path(plan.claims) / name)
    return wrote


def drop_unclaimed(plan: ReportPlan, wrote: set[str]) -> None:
    """Reports an earlier pass of this run wrote that the last pass did not: people who turned
    out to be in two files (an error row, not a person) must have no report left behind."""
    with os.scandir(plan.claims) as entries:
        now = {e.name for e in entries}
    suffix = SUFFIXES[plan.fmt]
    for name in wrote - now:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(Path(plan.directory) / (name + suffix))


def finish(claims: str) -> None:
    """The claims are only for this run: gone once it ends, however it ends."""
    import shutil

    shutil.rmtree(claims, ignore_errors=True)


def _clean_claims(directory: Path) -> None:
    """A run that was killed leaves its claims directory; later runs remove it once its process
    is gone (the pid is in the name)."""
    import shutil

    from pmpath.files import alive

    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not entry.name.startswith(CLAIMS_PREFIX):
                continue
            pid = entry.name[len(CLAIMS_PREFIX) :].partition("-")[0]
            if pid.isdigit() and len(pid) <= 10 and not alive(int(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)
