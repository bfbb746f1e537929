"""Running many answer files: finding them, assessing each, and spreading the work over cores."""

from __future__ import annotations

import glob
import heapq
import itertools
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from pmpath.answers import parse_answers
from pmpath.cohort import CohortTally, ErrorRow, PersonRow, person_row
from pmpath.errors import PmpathError
from pmpath.models import Catalog
from pmpath.parsing import decode

ANSWER_SUFFIXES = (".toml", ".json")
_SUFFIXES_BYTES = tuple(s.encode() for s in ANSWER_SUFFIXES)
PARALLEL_FROM = 2000
"""Below this many files a second process costs more to start than it saves."""
BATCH = 256
IN_FLIGHT_PER_WORKER = 4

_worker: dict[str, Any] = {}


def expand(specs: Iterable[str]) -> Iterator[str | ErrorRow]:
    """Files, directories (searched recursively for .toml/.json) and globs, each sorted, in order.

    Lazy: a path is produced when the batch that needs it is formed, so a cohort of 100,000 files
    never holds 100,000 paths. A spec that matches nothing becomes an ErrorRow, so a typo in CI
    is reported, not ignored.
    """
    for spec in specs:
        if os.path.isdir(spec):
            found = False
            for path in _walk_sorted(spec):
                found = True
                yield path
            if not found:
                yield ErrorRow(spec, f"{spec}: no .toml or .json answer files in this directory")
        elif os.path.exists(spec):
            yield spec
        elif glob.has_magic(spec):
            found = False
            for match in sorted(glob.iglob(spec, recursive=True)):
                if os.path.isfile(match):
                    found = True
                    yield match
            if not found:
                yield ErrorRow(spec, f"{spec}: the pattern matches no files")
        else:
            yield ErrorRow(spec, f"{spec}: no such file or directory")


def _walk_sorted(top: str) -> Iterator[str]:
    """Depth-first, names in sorted order, in bounded memory.

    A flat directory of 100,000 files is the common cohort; holding its names as a list costs
    ~5 MB. Names are instead sorted in runs of RUN names, each run packed into one buffer
    (13 bytes a name), and the runs are merged lazily: the output is fully sorted and the memory
    is about the size of the names themselves.
    """
    runs: list[bytes] = []
    run: list[bytes] = []
    dirs: list[bytes] = []
    try:
        with os.scandir(os.fsencode(top)) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith(b"."):
                    continue
                if entry.is_dir():
                    dirs.append(name)
                elif name.endswith(_SUFFIXES_BYTES):
                    run.append(name)
                    if len(run) == RUN:
                        runs.append(_pack(run))
                        run = []
    except OSError:
        return
    if run:
        runs.append(_pack(run))
    del run
    for name in heapq.merge(*(_unpack(packed) for packed in runs)):
        yield os.path.join(top, os.fsdecode(name))
    for name in sorted(dirs):
        yield from _walk_sorted(os.path.join(top, os.fsdecode(name)))


RUN = 4096


def _pack(names: list[bytes]) -> bytes:
    names.sort()
    return b"\0".join(names)  # a file name never contains NUL


def _unpack(packed: bytes) -> Iterator[bytes]:
    start = 0
    while start < len(packed):
        end = packed.find(b"\0", start)
        end = len(packed) if end < 0 else end
        yield packed[start:end]
        start = end + 1


def count(items: Iterable[str | ErrorRow]) -> int:
    return sum(1 for _ in items)


def assess_file(path: str, catalog: Catalog, min_level: str | None) -> PersonRow | ErrorRow:
    """One file to one row; any input problem becomes an ErrorRow, never an exception."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        fmt = "json" if path.endswith(".json") else "toml" if path.endswith(".toml") else None
        answers = parse_answers(decode(data, path), path, catalog, fmt)
        return person_row(path, answers, catalog, min_level)
    except PmpathError as exc:
        return ErrorRow(path, exc.message)
    except OSError as exc:
        return ErrorRow(path, f"{path}: cannot read: {exc.strerror or exc}")


Render = Callable[[PersonRow], str]


class Batch(NamedTuple):
    rows: list[PersonRow | ErrorRow]
    rendered: list[str] | None
    """Each person's row already rendered (errors skipped), when a renderer was given."""
    tally: CohortTally


def _init(catalog: Catalog, min_level: str | None, render: Render | None) -> None:
    _worker.update(catalog=catalog, min_level=min_level, render=render)


def _assess_batch(batch: list[str | ErrorRow]) -> Batch:
    """Assess, tally and render a batch where it runs, so the parent only merges and writes."""
    return _assess(batch, _worker["catalog"], _worker["min_level"], _worker["render"])


def _assess(
    batch: list[str | ErrorRow], catalog: Catalog, min_level: str | None, render: Render | None
) -> Batch:
    tally = CohortTally(catalog, min_level)
    rows = [i if isinstance(i, ErrorRow) else assess_file(i, catalog, min_level) for i in batch]
    for row in rows:
        tally.add(row)
    rendered = None if render is None else [render(r) for r in rows if isinstance(r, PersonRow)]
    return Batch(rows, rendered, tally)


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


def assess_all(
    items: Iterable[str | ErrorRow],
    catalog: Catalog,
    min_level: str | None,
    jobs: int = 0,
    render: Render | None = None,
) -> Iterator[Batch]:
    """Batches of rows in input order, each with its tally. With several jobs, worker processes
    assess the batches and results stream back in order, so the caller writes each batch and
    drops it: memory does not grow with the cohort."""
    stream = iter(items)
    head = list(itertools.islice(stream, PARALLEL_FROM))
    workers = jobs if jobs > 0 else (min(os.cpu_count() or 1, 8) if len(head) == PARALLEL_FROM else 1)
    everything = itertools.chain(head, stream)
    del head
    if workers <= 1:
        for batch in _batches(everything, BATCH):
            yield _assess(batch, catalog, min_level, render)
        return
    import multiprocessing

    _fixed_mmap_threshold()
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    # imap alone would let finished batches pile up whenever the parent is descheduled (it shares
    # the cores with the workers); the semaphore caps the batches in flight, so memory stays flat.
    in_flight = threading.BoundedSemaphore(IN_FLIGHT_PER_WORKER * workers)

    def feed() -> Iterator[list[str | ErrorRow]]:
        for batch in _batches(everything, BATCH):
            in_flight.acquire()
            yield batch

    with ctx.Pool(workers, initializer=_init, initargs=(catalog, min_level, render)) as pool:
        for batch in pool.imap(_assess_batch, feed()):
            in_flight.release()
            batch.tally.bind(catalog)
            yield batch
