"""Running many answer files: assessing each, and spreading the work over cores (the files are
found by pmpath.discovery)."""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from pmpath.answers import answers_from_raw, is_review, load_raw, review_from_raw
from pmpath.cohort import (
    CohortTally,
    ErrorRow,
    PersonRow,
    ReviewRow,
    ReviewTally,
    name_hash,
    person_keys,
    person_row,
    review_key,
)
from pmpath.discovery import at_least
from pmpath.errors import Msg, PmpathError
from pmpath.models import Answers, Catalog
from pmpath.parsing import decode, read_bounded
from pmpath.text import portable

PARALLEL_FROM = 2000
"""Below this many files a second process costs more to start than it saves."""
BATCH = 256

if TYPE_CHECKING:
    from pmpath.reports import ReportPlan

_worker: dict[str, Any] = {}

Render = Callable[[PersonRow], str]


class Extra(NamedTuple):
    """What a cohort may add to each person's assessment: the reviews about them, read before
    the people (by name, as written after trimming), and the plan for their own reports."""

    reviews: Mapping[str, tuple[ReviewRow, ...]] = {}
    reports: ReportPlan | None = None
    pseudonyms: bytes | None = None
    """With --anonymize, the key that turns each name into its pseudonym (pmpath.anonymize)."""
    previous: Mapping[str, str] = {}
    """With --baseline: identity (pmpath.cohort.identity, pseudonyms when anonymizing) -> their
    level then, for the CSV's previous_level."""
    duplicates: frozenset[int] = frozenset()
    """Who (hashed identity keys, pmpath.cohort) came in two or more files: each such file is
    an error row, not a person (the cohort names the files together)."""


NO_EXTRA = Extra()


def assess_file(
    path: str, catalog: Catalog, min_level: str | None, extra: Extra = NO_EXTRA
) -> PersonRow | ReviewRow | ErrorRow:
    """One file to one row (a person, or a review of one); any problem with it becomes an
    ErrorRow, never an exception.

    Only regular files are read, at most the size limit plus a byte. Anything unexpected while
    parsing, validating or placing one person is that person's error, not the cohort's.
    """
    shown = portable(path)
    try:
        data = read_bounded(path, shown, regular_only=True)
        fmt = "json" if path.endswith(".json") else "toml" if path.endswith(".toml") else None
        text = decode(data, shown)
        raw = load_raw(text, shown, fmt)
        if is_review(raw):
            return _review(raw, text, shown, catalog, extra)
        # plainly valid files skip pydantic there; the rest get its exact one-line explanation
        return _person(answers_from_raw(raw, text, shown, catalog), shown, catalog, min_level, extra)
    except PmpathError as exc:
        return ErrorRow(shown, exc.said)
    except (MemoryError, RecursionError, ValueError, TypeError, UnicodeError, OSError) as exc:
        return ErrorRow(shown, Msg("e_cannot_assess", source=shown, kind=type(exc).__name__))


def _review(raw: dict[str, Any], text: str, shown: str, catalog: Catalog, extra: Extra) -> ReviewRow:
    meta, ratings = (review := review_from_raw(raw, text, shown, catalog)).review, review.ratings
    row = ReviewRow(
        shown,
        meta.about,
        meta.role,
        tuple(ratings.get(s, 0) for s in catalog.skill_ids),
        meta.by,
        meta.about_id or "",
        review_key(meta.about, meta.about_id),
        _signed(raw),
    )
    if extra.pseudonyms is None:
        return row
    from pmpath.anonymize import anonymous_review

    return anonymous_review(row, extra.pseudonyms)


def _signed(raw: dict[str, Any]) -> str:
    """The rater's `by` as written (the model has checked it is text), before anonymity drops
    a peer's: the programme's completeness and calibration need it, nothing shows it."""
    given = raw.get("review", {}).get("by", "")
    return " ".join(given.split()) if isinstance(given, str) else ""


def _person(
    answers: Answers, shown: str, catalog: Catalog, min_level: str | None, extra: Extra
) -> PersonRow | ErrorRow:
    """Placed with the reviews about them (by id, and by name); named by pseudonym and given
    their own report when the cohort asks. Someone in two files is neither file's person."""
    profile = answers.profile
    keys = person_keys(profile.name, profile.id)
    if extra.duplicates and name_hash(keys[-1]) in extra.duplicates:
        who = profile.id if profile.id is not None else profile.name.strip()
        said = Msg("e_same_person", source=shown, who=repr(who), other="", more="", twin=name_hash(keys[-1]))
        return ErrorRow(shown, said)
    found = [r for k in keys for r in extra.reviews.get(k, ())]
    reviews = [r.as_review(catalog.skill_ids) for r in found]
    row = person_row(shown, answers, catalog, min_level, reviews)
    if extra.pseudonyms is not None:
        from pmpath.anonymize import anonymous_person

        row = anonymous_person(row, extra.pseudonyms)
    if extra.previous:
        from pmpath.cohort import identity

        row = row._replace(previous_level=extra.previous.get(identity(row), ""))
    if extra.reports is not None:
        row = row._replace(report=extra.reports.write(row, answers, reviews, catalog))
    return row


def maybe_review(data: bytes) -> bool:
    """Could these bytes be a review file? Cheap, and never wrong the other way: a review names
    its `review` table in plain letters unless it spells the key with escapes."""
    return b"review" in data or b"\\u" in data or b"\\U" in data


def find_reviews(items: Iterable[str | ErrorRow], catalog: Catalog) -> list[ReviewRow]:
    """The review files among a cohort's paths, read before anyone is placed so that each
    person's level can use the reviews about them whichever order the files come in.

    Costs one extra read of each file (a byte search, no parsing) except the few that mention
    a review; memory holds the reviews only. A file that cannot be read, or is not a regular
    file (a FIFO is never waited on), is left to the main pass, which says why.
    """
    return [row for item in items if (row := _review_in(item, catalog)) is not None]


def _review_in(item: str | ErrorRow, catalog: Catalog) -> ReviewRow | None:
    if isinstance(item, ErrorRow) or not maybe_review(_head(item)):
        return None
    row = assess_file(item, catalog, None)
    return row if isinstance(row, ReviewRow) else None


def _head(path: str) -> bytes:
    """A regular file's bytes (up to MAX_SNIFF), else nothing: os calls, not a file object,
    as this runs once per file of the cohort before any worker starts."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except OSError:
        return b""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return b""
        want = min(info.st_size, MAX_SNIFF)  # no read to see the end: the main pass does that
        chunks: list[bytes] = []
        size = 0
        while size < want:
            chunk = os.read(fd, min(SNIFF_CHUNK, want - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError:
        return b""
    finally:
        os.close(fd)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
"""Opening a FIFO blocks until a writer comes, unless non-blocking (POSIX; Windows has none)."""
MAX_SNIFF = 1024 * 1024
"""Larger than any answers file pmpath accepts: the main pass says so."""
SNIFF_CHUNK = 64 * 1024
"""Read in pieces: asking os.read for a whole MAX_SNIFF at once allocates (and maps, and unmaps)
a megabyte per file, which made this byte search ~4x slower than reading the file (measured:
0.24 s against 0.064 s for 10,000 answers files)."""


class Batch(NamedTuple):
    rows: list[PersonRow | ReviewRow | ErrorRow]
    rendered: list[str] | None
    """Each person's row already rendered (errors skipped), when a renderer was given."""
    tally: CohortTally
    reviews: ReviewTally
    """The batch's people packed for joining reviews, and its reviews: hashed where it ran."""

    def __reduce__(self) -> tuple[Any, ...]:
        """Rows cross from a worker as plain tuples, their kinds beside them: pickling named
        tuples goes through copyreg for each one (measured, 256 people: 1.03 ms to pickle and
        0.53 ms to unpickle, against 0.14 ms and 0.14 ms as plain tuples)."""
        kinds = bytes(_KINDS.index(type(row)) for row in self.rows)
        return (
            _unpacked,
            (kinds, [tuple(row) for row in self.rows], self.rendered, self.tally, self.reviews),
        )


_KINDS: tuple[type[PersonRow], type[ReviewRow], type[ErrorRow]] = (PersonRow, ReviewRow, ErrorRow)


def _unpacked(
    kinds: bytes,
    rows: list[tuple[Any, ...]],
    rendered: list[str] | None,
    tally: CohortTally,
    reviews: ReviewTally,
) -> Batch:
    made = [_KINDS[kind]._make(row) for kind, row in zip(kinds, rows, strict=True)]
    return Batch(made, rendered, tally, reviews)


def _init(catalog: Catalog, min_level: str | None, render: Render | None) -> None:
    """A worker leaves Ctrl-C to the parent: the parent decides, stops the pool, and reports
    once, instead of every worker printing a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker.update(catalog=catalog, min_level=min_level, render=render, extra=NO_EXTRA)


FIND, ASSESS, EXTRA = "find", "assess", "extra"
"""What a worker is asked: the reviews in a batch of paths; a batch assessed; or, before a pass,
what that pass adds to everyone's assessment (sent once, not with every batch)."""


def _task(op: str, payload: Any) -> Any:
    """Do what a worker was sent; None where nothing is answered."""
    w = _worker
    if op == EXTRA:
        w["extra"] = payload
        return None
    if op == FIND:
        return find_reviews(payload, w["catalog"])
    return _assess(payload, w["catalog"], w["min_level"], w["render"], w["extra"])


def _assess(
    batch: list[str | ErrorRow],
    catalog: Catalog,
    min_level: str | None,
    render: Render | None,
    extra: Extra = NO_EXTRA,
) -> Batch:
    tally = CohortTally(catalog, min_level)
    reviews = ReviewTally(catalog)
    rows = [i if isinstance(i, ErrorRow) else assess_file(i, catalog, min_level, extra) for i in batch]
    for row in rows:
        tally.add(row)
        reviews.add(row)
    rendered = None
    if render is not None:
        rendered = [render(r) for r in rows if isinstance(r, PersonRow)]
    return Batch(rows, rendered, tally, reviews)


def _fixed_mmap_threshold() -> None:
    """Keep the parent's memory flat while it receives large result buffers from the workers.

    glibc raises its mmap threshold each time a large block is freed, after which every ~200 KB
    result buffer comes from the heap and fragments it: measured, the parent grew ~0.5 MB/s
    (35 -> 43 MB over 100,000 files) while its Python heap stayed flat. A fixed threshold hands
    such buffers back to the system on free (37.8 MB). Elsewhere this is a no-op.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, 64 * 1024)
    except (OSError, AttributeError):
        pass


M_MMAP_THRESHOLD = -3  # from glibc's malloc.h


def _batches(items: Iterable[str | ErrorRow], size: int) -> Iterator[list[str | ErrorRow]]:
    batch: list[str | ErrorRow] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class WorkerDied(PmpathError):
    """A worker process ended without a result (killed, or out of memory)."""


def workers_for(jobs: int, head_is_full: bool) -> int:
    """Never more workers than cores: `--jobs 300` on two cores would only thrash."""
    cores = os.cpu_count() or 1
    if jobs > 0:
        return min(jobs, cores)
    return min(cores, 8) if head_is_full else 1


class Runner:
    """A cohort's passes over its files, on one set of workers started once: the search for
    reviews, then everyone (and again, when a review turns out to name two people).

    Results stream back in input order, so the caller writes each batch and drops it: memory
    does not grow with the cohort. The paths the search walked are kept for the passes while
    there are at most KEEP_PATHS of them, so a directory is listed once; a larger cohort is
    walked again instead. Close the runner (or let an exception leave its `with`) and the
    workers stop at once: nothing waits on them.
    """

    def __init__(
        self, catalog: Catalog, min_level: str | None, jobs: int = 0, render: Render | None = None
    ) -> None:
        self.catalog, self.min_level, self.jobs, self.render = catalog, min_level, jobs, render
        self._pool: _Pool | None = None
        self._decided = False
        self._kept: list[str | ErrorRow] | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.close(at_once=kind is not None)

    def close(self, at_once: bool = False) -> None:
        """Stop the workers: politely at the end of a run, killed at once when it is cut short
        (Ctrl-C, an error), where waiting on a worker to leave only delays the exit."""
        if self._pool is not None:
            self._pool.stop(at_once)
            self._pool = None

    def find_reviews(self, items: Iterable[str | ErrorRow]) -> list[ReviewRow]:
        """The reviews among the cohort's files (see find_reviews), searched by the workers
        when the cohort is large enough to have them."""
        kept: list[str | ErrorRow] = []
        walked = self._start(_keeping(items, kept))
        if self._pool is None:
            found = find_reviews(walked, self.catalog)
        else:
            found = [row for rows in self._pool.run(FIND, _batches(walked, BATCH)) for row in rows]
        self._kept = kept if len(kept) <= KEEP_PATHS else None
        return found

    def assess(
        self, walk: Callable[[], Iterable[str | ErrorRow]], extra: Extra = NO_EXTRA
    ) -> Generator[Batch, None, None]:
        """One pass over everyone, `walk` giving the paths when the search's are not kept."""
        items = self._start(self._kept if self._kept is not None else walk())
        if self._pool is None:
            for batch in _batches(items, BATCH):
                yield _assess(batch, self.catalog, self.min_level, self.render, extra)
            return
        self._pool.tell(EXTRA, extra)
        for batch in self._pool.run(ASSESS, _batches(items, BATCH)):
            yield _bound(batch, self.catalog)

    def _start(self, items: Iterable[str | ErrorRow]) -> Iterator[str | ErrorRow]:
        """The first use decides, from the first PARALLEL_FROM paths, whether workers help."""
        stream = iter(items)
        if self._decided:
            return stream
        self._decided = True
        head = list(itertools.islice(stream, PARALLEL_FROM))
        workers = workers_for(self.jobs, len(head) == PARALLEL_FROM)
        if workers > 1:
            _fixed_mmap_threshold()
            self._pool = _Pool()  # kept before it starts: close() stops any worker a failed start left
            self._pool.start(_helpers(), workers, (self.catalog, self.min_level, self.render))
        return itertools.chain(head, stream)


KEEP_PATHS = 20_000
"""About 2 MB of paths: more than a programme's cohort, and a bound on what keeping costs."""


def _keeping(items: Iterable[str | ErrorRow], kept: list[str | ErrorRow]) -> Iterator[str | ErrorRow]:
    """`items` as they come, copied into `kept` until there are more than KEEP_PATHS."""
    for item in items:
        if len(kept) <= KEEP_PATHS:
            kept.append(item)
        yield item


def prestart(specs: list[str], jobs: int) -> None:
    """Start the fork server now when the cohort will want workers, so it boots (~0.1 s) while
    this process loads the catalogue and lists the files, rather than after.

    Decided by counting answer files up to PARALLEL_FROM, which costs a few milliseconds;
    a cohort that turns out small leaves an idle server that ends with this process.
    """
    if workers_for(jobs, True) > 1 and at_least(specs, PARALLEL_FROM):
        _helpers()


def _helpers() -> Any:
    """The context workers start from, its helper processes started (each at most once).

    Helpers first: starting the resource tracker unblocks SIGINT and SIGTERM unconditionally,
    which would undo the mask _Pool holds while it starts the workers.
    """
    import multiprocessing
    from multiprocessing import resource_tracker

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    # The helpers run `python -c ...`, which puts the working directory first on sys.path:
    # a `pmpath` package there (another checkout, a fork) would be what the workers import.
    # PYTHONSAFEPATH (3.11+) leaves it out; the helpers are started with it, then it is undone.
    before = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        resource_tracker.ensure_running()
        if ctx.get_start_method() == "forkserver":
            from multiprocessing import forkserver

            ctx.set_forkserver_preload(["pmpath.batch", "pmpath.render.json"])
            # The server shares the terminal: a Ctrl-C while it imports pmpath (before it
            # ignores SIGINT itself) printed its traceback under "pmpath: interrupted". Started
            # with SIGINT held, it never sees one; the parent's own arrives when released here.
            held = _mask({signal.SIGINT})
            try:
                forkserver.ensure_running()  # returns at once; the server imports pmpath meanwhile
            finally:
                _unmask(held)
    finally:
        if before is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = before
    return ctx


class _Worker:
    """One worker process with a pipe each way; `queue` holds the batches it has been sent and
    not yet answered, oldest first (it works on the first; a second waits in its pipe)."""

    def __init__(self, ctx: Any, initargs: tuple[Any, ...]) -> None:
        import multiprocessing

        tasks_r, self.tasks = multiprocessing.Pipe(duplex=False)
        self.results, results_w = multiprocessing.Pipe(duplex=False)
        self.process = ctx.Process(target=_serve, args=(tasks_r, results_w, *initargs), daemon=True)
        self.process.start()
        tasks_r.close()
        results_w.close()
        self.queue: list[int] = []

    @property
    def seq(self) -> int | None:
        return self.queue[0] if self.queue else None

    def can_take(self) -> bool:
        """Idle, or busy with one batch: a second waits in the pipe so the worker never idles
        while the parent writes. Only small ones: a send must never wait on a busy worker."""
        return len(self.queue) < 2

    def send(self, seq: int, op: str, batch: list[str | ErrorRow]) -> None:
        import pickle

        data = pickle.dumps((op, batch), protocol=pickle.HIGHEST_PROTOCOL)
        if self.queue and len(data) > PIPE_SAFE:
            raise _Later(seq, batch)
        self.send_bytes(data)
        self.queue.append(seq)

    def send_bytes(self, data: bytes) -> None:
        try:
            self.tasks.send_bytes(data)
        except OSError:  # its reading end is gone: the worker died (killed, out of memory)
            raise _died() from None


def _died() -> WorkerDied:
    return WorkerDied(Msg("e_worker_died"), hint=Msg("h_jobs_one"))


PIPE_SAFE = 32 * 1024
"""A pipe holds 64 KiB on Linux: a queued batch smaller than half of it never blocks the sender."""


class _Later(Exception):
    """A batch too big to queue behind another: it waits for an idle worker."""

    def __init__(self, seq: int, batch: list[str | ErrorRow]) -> None:
        super().__init__(seq)
        self.item = (seq, batch)


def _mask(signals: set[signal.Signals]) -> set[int | signal.Signals] | None:
    """Hold these signals (the mask before, to restore); None where there are no signal masks
    (Windows, whose workers are spawned, not forked: there a Ctrl-C during the start is seen
    when the start is over)."""
    if sys.platform == "win32" or not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, signals)


def _unmask(previous: set[int | signal.Signals] | None) -> None:
    if previous is None or sys.platform == "win32":
        return
    signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _Pool:
    """Worker processes, each with a pipe each way, driven by the main thread alone.

    A small pool of our own rather than multiprocessing.Pool or ProcessPoolExecutor: both run
    helper threads that can block forever once a worker dies mid-message, and Python joins those
    threads at exit, so a stopped cohort would hang. Workers start from a fork server (a clean,
    single-threaded process), never by forking this one, which may run a progress thread.
    """

    def __init__(self) -> None:
        self.workers: list[_Worker] = []

    def start(self, ctx: Any, size: int, initargs: tuple[Any, ...]) -> None:
        # Every worker is known before a signal can stop this process: a worker half started
        # when Ctrl-C arrived would be one that nothing could then stop.
        previous = _mask({signal.SIGINT, signal.SIGTERM})
        try:
            for _ in range(size):
                self.workers.append(_Worker(ctx, initargs))
        except BrokenPipeError:  # a worker was killed while it took in its start-up data
            raise _died() from None
        except (EOFError, OSError) as exc:  # the fork server died, or no process can be made
            if any(not w.process.is_alive() for w in self.workers):
                raise _died() from None  # one already started was killed: that is what to say
            said = Msg(
                "e_workers_start", kind=type(exc).__name__, why=Msg("lib", text=" ".join(str(exc).split()))
            )
            raise WorkerDied(said, hint=Msg("h_jobs_one")) from None
        finally:
            _unmask(previous)

    def run(self, op: str, batches: Iterator[list[str | ErrorRow]]) -> Iterator[Any]:
        """Spread batches over the workers; their answers come back in input order.

        The main thread does everything: it sends a worker its next batch only when the worker
        can take it (so a send never waits on a busy worker), and waits on results and on the
        workers' sentinels together (so a dead worker is seen at once). Left early (the caller
        stopped, or an error), it stops the workers: none is left working on a batch nobody
        will read.
        """
        if not self.workers:
            raise _died()  # stopped by an earlier error: nothing can answer
        feed = enumerate(batches)
        done: dict[int, Any] = {}
        next_out = 0
        exhausted = False
        held: tuple[int, list[str | ErrorRow]] | None = None
        try:
            while True:
                for worker in self.ready():
                    if held is None and not exhausted:
                        held = next(feed, None)
                        exhausted = held is None
                    if held is None:
                        break
                    try:
                        worker.send(held[0], op, held[1])
                    except _Later:
                        break  # no idle worker for a big batch: wait for one
                    held = None
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                if not self.busy():
                    if exhausted and held is None:
                        return
                    continue
                done.update(self.receive())
        except BaseException:
            self.stop(at_once=True)
            raise
        finally:
            if self.busy():  # closed early by the caller (GeneratorExit)
                self.stop()

    def tell(self, op: str, payload: Any) -> None:
        """Something every worker needs before its next batch; sent while all are idle."""
        import pickle

        data = pickle.dumps((op, payload), protocol=pickle.HIGHEST_PROTOCOL)
        for worker in self.workers:
            worker.send_bytes(data)

    def ready(self) -> list[_Worker]:
        """Workers that can take a batch now: idle ones first, then those with one in hand."""
        return sorted((w for w in self.workers if w.can_take()), key=lambda w: len(w.queue))

    def busy(self) -> bool:
        return any(w.seq is not None for w in self.workers)

    def receive(self) -> dict[int, Batch]:
        """The results ready now, waiting for at least one; a worker that died is an error."""
        from multiprocessing.connection import wait

        working = [w for w in self.workers if w.seq is not None]
        # Any: typeshed's win32 stubs type the pipes apart from what `wait` returns
        ready: set[Any] = set(wait([w.results for w in working] + [w.process.sentinel for w in working]))
        out: dict[int, Batch] = {}
        for worker in working:
            if worker.results not in ready and worker.process.sentinel not in ready:
                continue
            try:
                batch = worker.results.recv() if worker.results.poll() else None
            except (EOFError, OSError):
                batch = None
            if batch is None:
                raise _died()
            out[worker.queue.pop(0)] = batch
        return out

    def stop(self, at_once: bool = False) -> None:
        """Tell idle workers to leave; kill any still working (an early stop), and every one
        `at_once` (an interrupt or an error: an idle worker asked to leave may take seconds to
        end under load, and the person waits for the exit)."""
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                if worker.seq is None and not at_once:
                    worker.tasks.send(None)
                else:
                    worker.process.kill()
        for worker in self.workers:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=2)
            worker.tasks.close()
            worker.results.close()
        self.workers = []


def _serve(tasks: Any, results: Any, catalog: Catalog, min_level: str | None, render: Render | None) -> None:
    """A worker: do each task it is sent, until told to stop (None) or the parent is gone."""
    _init(catalog, min_level, render)
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        answer = _task(*task)
        if answer is not None:
            results.send(answer)


def _bound(batch: Batch, catalog: Catalog) -> Batch:
    batch.tally.bind(catalog)
    batch.reviews.bind(catalog)
    return batch
