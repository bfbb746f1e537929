"""Writing files so that a crash never leaves half a file and nothing is overwritten unasked."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from pmpath.errors import InputError, OutputExistsError

_EXISTS_HINT = "Use --force to overwrite it."


@contextlib.contextmanager
def atomic_writer(target: Path, *, force: bool = False) -> Iterator[TextIO]:
    """Yield a handle whose text appears under `target` all at once, or not at all.

    The data goes to a temporary file in the same directory, is flushed to disk, then takes the
    target name in one step: `os.replace` when overwriting is allowed, otherwise a hard link,
    which fails if the name exists, so a file that appeared meanwhile is not clobbered either.
    If the body raises (or the process dies), the target is untouched.
    """
    target = Path(target)
    parent = target.parent
    if target.is_dir():
        raise InputError(f"{target}: is a directory; give a file name")
    if not parent.is_dir():
        raise InputError(f"{target}: the directory {parent} does not exist")
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: already exists", hint=_EXISTS_HINT)
    _clean_stale_temps(parent, target.name)
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _publish(tmp, target, force)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _publish(tmp: str, target: Path, force: bool) -> None:
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputExistsError(f"{target}: already exists", hint=_EXISTS_HINT) from None
    except OSError:
        # A file system without hard links: check, then rename (a small race, but no partial file).
        if target.exists():
            raise OutputExistsError(f"{target}: already exists", hint=_EXISTS_HINT) from None
        os.replace(tmp, target)


def write_atomic(target: Path, text: str, *, force: bool = False) -> None:
    with atomic_writer(target, force=force) as handle:
        handle.write(text)


def _clean_stale_temps(parent: Path, name: str) -> None:
    """A writer killed mid-write leaves its temporary file; the next write of that name clears it."""
    for stale in parent.glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
