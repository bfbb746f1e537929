"""Finding the answer files of a cohort: paths, directories (sorted, in bounded memory) and
globs, each file once however it is reached; what cannot be read is a row that says why."""

from __future__ import annotations

import glob
import heapq
import itertools
import os
import sys
from collections.abc import Iterable, Iterator

from pmpath.cohort import ErrorRow
from pmpath.errors import Msg
from pmpath.text import portable

ANSWER_SUFFIXES = (".toml", ".json")
_SUFFIXES_BYTES = tuple(s.encode() for s in ANSWER_SUFFIXES)


def expand(specs: Iterable[str]) -> Iterator[str | ErrorRow]:
    """Files, directories (searched recursively for .toml/.json) and globs, each sorted, in order.

    Lazy: a path is produced when the batch that needs it is formed, so a cohort of 100,000 files
    never holds 100,000 paths. A spec that matches nothing becomes an ErrorRow, so a typo in CI
    is reported, not ignored; so does every entry that cannot be listed or is not a regular file.

    Everyone is counted once: a directory reached twice (given twice, or through a symlink, even
    one pointing at its own parent) is walked once, and a file reached by two names (a symlink, a
    hard link, a spec that repeats a directory's file) is assessed once.
    """
    specs = list(specs)
    seen = _Seen()
    for spec in specs:
        if not os.path.isdir(spec) and os.path.isfile(spec):
            seen.explicit.add(_key(os.stat(spec)))
    for spec in specs:
        if os.path.isdir(spec):
            found = False
            for item in _walk_sorted(spec, seen):
                found = True
                yield item
            if not found and not seen.skipped_dir:
                yield ErrorRow(portable(spec), Msg("e_no_answer_files", source=portable(spec)))
        elif os.path.lexists(spec):
            if seen.first_file(spec):
                yield spec
        elif glob.has_magic(spec):
            found = False
            for match in sorted(glob.iglob(spec, recursive=True)):
                if os.path.isfile(match):
                    found = True
                    if seen.first_file(match):
                        yield match
            if not found:
                yield ErrorRow(portable(spec), Msg("e_pattern_none", source=portable(spec)))
        else:
            yield ErrorRow(portable(spec), Msg("e_no_path", source=portable(spec)))


class _Seen:
    """Which directories and files a walk has produced, in memory that stays small.

    Directories are few; they are remembered by (device, inode). A plain file reached by its only
    name inside a directory walked once cannot come twice, so only files that can (given by
    name, symlinks, files with several hard links) are remembered.
    """

    def __init__(self) -> None:
        self.dirs: set[tuple[int, int]] = set()
        self.files: set[tuple[int, int]] = set()
        self.explicit: set[tuple[int, int]] = set()
        """Files named on the command line: a directory walk leaves them to their own spec."""
        self.skipped_dir = False

    def first_dir(self, path: str | bytes) -> bool:
        try:
            info = os.stat(path)
        except OSError:
            return True  # listing it will report the problem
        key = (info.st_dev, info.st_ino)
        if key in self.dirs:
            self.skipped_dir = True
            return False
        self.dirs.add(key)
        return True

    def first_file(self, path: str | bytes, info: os.stat_result | None = None) -> bool:
        try:
            info = info or os.stat(path)
        except OSError:
            return True  # reading it will report the problem
        key = _key(info)
        if key in self.files:
            return False
        self.files.add(key)
        return True


def _key(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _walk_sorted(top: str, seen: _Seen) -> Iterator[str | ErrorRow]:
    """Depth-first, names in sorted order, in bounded memory.

    A flat directory of 100,000 files is the common cohort; holding its names as a list costs
    ~5 MB. Names are instead sorted in runs of RUN names, each run packed into one buffer
    (13 bytes a name), and the runs are merged lazily: the output is fully sorted and the memory
    is about the size of the names themselves. Symlinked directories are followed, each real
    directory once.
    """
    if not seen.first_dir(top):
        return
    runs: list[bytes] = []
    run: list[bytes] = []
    dirs: list[bytes] = []
    odd: list[ErrorRow] = []
    try:
        with os.scandir(os.fsencode(top)) as entries:
            for entry in entries:
                kind = _classify(entry, top, seen)
                if kind is _FILE:
                    run.append(entry.name)
                    if len(run) == RUN:
                        runs.append(_pack(run))
                        run = []
                elif kind is _DIR:
                    dirs.append(entry.name)
                elif isinstance(kind, ErrorRow):
                    odd.append(kind)
    except OSError as exc:
        shown = portable(top)
        yield ErrorRow(
            shown, Msg("e_cannot_list", source=shown, why=Msg("lib", text=exc.strerror or str(exc)))
        )
        return
    if run:
        runs.append(_pack(run))
    del run
    yield from odd
    # os.path.join and os.fsdecode per name were a third of the parent's time in a large cohort
    prefix = os.path.join(top, "")
    encoding, errors = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()
    names = _unpack(runs[0]) if len(runs) == 1 else heapq.merge(*(_unpack(packed) for packed in runs))
    for name in names:
        yield prefix + name.decode(encoding, errors)
    for name in sorted(dirs):
        yield from _walk_sorted(os.path.join(top, os.fsdecode(name)), seen)


RUN = 4096
_FILE, _DIR, _SKIP = "file", "dir", "skip"


def _classify(entry: os.DirEntry[bytes], top: str, seen: _Seen) -> str | ErrorRow:
    """A directory entry as the walk takes it: an answers file to assess, a directory to enter,
    one to pass over (hidden, another suffix, a hard link or symlink already met), or a problem
    to report (a symlink loop, a broken link, a FIFO)."""
    name = entry.name
    if name.startswith(b"."):
        return _SKIP
    try:
        is_dir = entry.is_dir()
        is_file = not is_dir and entry.is_file()
        linked = entry.is_symlink()
    except OSError as exc:  # a symlink loop, or an entry that vanished
        shown = portable(os.path.join(top, os.fsdecode(name)))
        return ErrorRow(
            shown, Msg("e_cannot_read", source=shown, why=Msg("lib", text=exc.strerror or str(exc)))
        )
    if is_dir:
        return _DIR
    if not name.endswith(_SUFFIXES_BYTES):
        return _SKIP
    if not is_file:
        shown = portable(os.path.join(top, os.fsdecode(name)))
        broken = linked and not os.path.exists(entry.path)
        reason = "e_broken_link" if broken else "e_not_regular_skipped"
        return ErrorRow(shown, Msg(reason, source=shown))
    if linked or entry.stat(follow_symlinks=False).st_nlink > 1:
        return _FILE if seen.first_file(entry.path) else _SKIP
    if seen.explicit and _key(entry.stat(follow_symlinks=False)) in seen.explicit:
        return _SKIP
    return _FILE


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


def at_least(specs: list[str], wanted: int) -> bool:
    """Whether the paths hold `wanted` answer files or more, counting no further."""
    found = 0
    pending = list(specs)
    try:
        while pending and found < wanted:
            spec = pending.pop()
            if os.path.isdir(spec):
                with os.scandir(spec) as entries:
                    for entry in entries:
                        if entry.name.startswith("."):
                            continue
                        if entry.is_dir():
                            pending.append(entry.path)
                        elif entry.name.endswith(ANSWER_SUFFIXES):
                            found += 1
                            if found >= wanted:
                                break
            elif glob.has_magic(spec):
                found += sum(1 for _ in itertools.islice(glob.iglob(spec, recursive=True), wanted))
            else:
                found += 1
    except OSError:
        return False  # the walk itself will report it
    return found >= wanted
