"""Writing files so that a crash never leaves half a file and nothing is overwritten unasked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from pmpath.errors import InputError, OutputExistsError


def write_atomic(target: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `target` all at once or not at all.

    The data goes to a temporary file in the same directory, is flushed to disk, then appears
    under the target name in one step: `os.replace` when overwriting is allowed, otherwise a hard
    link, which fails if the name exists, so a file that appears meanwhile is not clobbered either.
    """
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError(f"{target}: is a directory; give a file name")
    if not parent.is_dir():
        raise InputError(f"{target}: the directory {parent} does not exist")
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: already exists", hint="Use --force to overwrite it.")
    _clean_stale_temps(parent, target.name)
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise OutputExistsError(
                    f"{target}: already exists", hint="Use --force to overwrite it."
                ) from None
            except OSError:
                # Some file systems have no hard links; fall back to an exclusive rename check.
                if target.exists():
                    raise OutputExistsError(
                        f"{target}: already exists", hint="Use --force to overwrite it."
                    ) from None
                os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _clean_stale_temps(parent: Path, name: str) -> None:
    """A writer killed mid-write leaves its temporary file; the next write of that name clears it."""
    for stale in parent.glob(f".{name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
