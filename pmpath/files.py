"""Writing files so that a crash never leaves half a file and nothing is overwritten unasked."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from pmpath.errors import InputError, Msg, OutputExistsError

_EXISTS_HINT = Msg("h_force")


def cannot_write(target: Path | str, exc: OSError) -> Msg:
    """`FILE: cannot write: REASON`, the reason in the operating system's words."""
    return Msg("e_cannot_write", target=str(target), why=Msg("lib", text=exc.strerror or str(exc)))


PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path) -> None:
    """Make pmpath's own directory (and the missing ones above it) readable by its owner only;
    one made by an earlier pmpath with the umask's bits is tightened. Only `path` itself is
    tightened: the directories above it are the person's, not ours."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    tighten(path, PRIVATE_DIR)


def tighten(path: Path, mode: int) -> None:
    """Take away what group and others may do with a file or directory of ours (POSIX only:
    elsewhere the user's profile directory is already private)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        now = stat.S_IMODE(os.lstat(path).st_mode)
        if now & 0o077:
            os.chmod(path, now & mode)


@contextlib.contextmanager
def atomic_writer(
    target: Path, *, force: bool = False, private: bool = False, clean: bool = True, sync: bool = True
) -> Iterator[TextIO]:
    """Yield a handle whose text appears under `target` all at once, or not at all.

    The data goes to a temporary file in the same directory, is flushed to disk, then takes the
    target name in one step: `os.replace` when overwriting is allowed, otherwise a hard link,
    which fails if the name exists, so a file that appeared meanwhile is not clobbered either.
    If the body raises (or the process dies), the target is untouched. Only regular files are
    replaced (never a FIFO or a device), a replaced file keeps its permissions, and a new one gets
    the permissions the umask gives any new file; a `private` file (personal data pmpath keeps
    for itself) is always its owner's alone. `clean=False` skips looking for a killed writer's
    temp files: a cohort writing thousands of reports into one directory looks once, not per file.
    `sync=False` skips the flush to disk (the rename is still all-or-nothing for every reader):
    for files made again from their inputs, where a power cut costs a re-run, not data.
    """
    target = Path(target)
    parent = target.parent
    existing = _stat(target)
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise InputError(Msg("e_out_is_dir", target=str(target)))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise InputError(Msg("e_out_not_regular", target=str(target)), hint=Msg("h_out_stdout"))
    parent_stat = _stat(parent)
    if parent_stat is None or not stat.S_ISDIR(parent_stat.st_mode):
        raise InputError(Msg("e_out_no_dir", target=str(target), parent=str(parent)))
    if existing is not None and not force:
        raise OutputExistsError(Msg("e_exists", target=str(target)), hint=_EXISTS_HINT)
    if clean:
        _clean_stale_temps(parent, target.name)
    import tempfile  # here, not at the top: opening the history needs this module's modes only

    try:
        prefix = f"{temp_prefix(target.name)}{os.getpid()}."
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=prefix, suffix=".tmp")
    except OSError as exc:
        raise InputError(cannot_write(target, exc)) from None
    try:
        _set_mode(fd, tmp, PRIVATE_FILE if private else _kept_mode(existing))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        _publish(tmp, target, force)
    except OSError as exc:
        raise InputError(cannot_write(target, exc)) from None
    except UnicodeEncodeError:
        raise InputError(Msg("e_cannot_write", target=str(target), why=Msg("e_not_unicode"))) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            return None
        raise InputError(cannot_write(path, exc)) from None


_MODE: list[int] = []


def _new_file_mode() -> int:
    """0o666 less the umask, as `open()` would give; read once (reading it means setting it)."""
    if not _MODE:
        mask = os.umask(0o022)
        os.umask(mask)
        _MODE.append(0o666 & ~mask)
    return _MODE[0]


def _publish(tmp: str, target: Path, force: bool) -> None:
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputExistsError(Msg("e_exists", target=str(target)), hint=_EXISTS_HINT) from None
    except OSError:
        # A file system without hard links: check, then rename (a small race, but no partial file).
        if target.exists():
            raise OutputExistsError(Msg("e_exists", target=str(target)), hint=_EXISTS_HINT) from None
        os.replace(tmp, target)


def write_atomic(
    target: Path,
    text: str,
    *,
    force: bool = False,
    private: bool = False,
    clean: bool = True,
    sync: bool = True,
) -> None:
    with atomic_writer(target, force=force, private=private, clean=clean, sync=sync) as handle:
        handle.write(text)


_NAME_MAX = 255
"""Bytes in one file name on every common file system (ext4, APFS, NTFS in UTF-16 units)."""
_TEMP_ROOM = 40
"""What a temp name adds around the target's: `.` `.pmpath.` pid `.` 8 random `.tmp`."""


def temp_prefix(name: str) -> str:
    """The start of our temp files' names for `name`: `.plan.md.pmpath.`, or for a name near
    the system's limit a shortened one with a hash of the whole, so the temp name is never what
    fails. The `pmpath` mark is what makes a file ours to clean up."""
    if len(os.fsencode(name)) + _TEMP_ROOM <= _NAME_MAX:
        return f".{name}.pmpath."
    import hashlib

    digest = hashlib.blake2b(os.fsencode(name), digest_size=6).hexdigest()
    return f".{name[:60]}~{digest}.pmpath."


def _stale_pid(entry: str, prefix: str) -> int | None:
    """The pid in one of our temp names for this target, None for anyone else's file: only a
    name of exactly our shape (prefix, pid, mkstemp's 8 characters, `.tmp`) is ours."""
    if not (entry.startswith(prefix) and entry.endswith(".tmp")):
        return None
    pid, dot, rand = entry[len(prefix) : -len(".tmp")].partition(".")
    if not (dot and pid.isascii() and pid.isdigit() and len(pid) <= 10 and len(rand) == 8):
        return None
    if not all(c in "abcdefghijklmnopqrstuvwxyz0123456789_" for c in rand):
        return None
    return int(pid)


def _clean_stale_temps(parent: Path, name: str) -> None:
    """A writer killed mid-write leaves its temporary file; a later write of that name clears it,
    but only when its owner (the pid in its name) is gone: a live writer's temp is not ours, and
    a file of any other shape (`.plan.md.tmp`, `.plan.md.backup.tmp`) was never ours at all."""
    prefixes = (temp_prefix(name), f".{name}.")  # ours, and the shape earlier pmpaths used
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for entry in names:
        pid = next((p for p in (_stale_pid(entry, x) for x in prefixes) if p is not None), None)
        if pid is None or alive(pid):
            continue
        with contextlib.suppress(OSError):
            os.unlink(parent / entry)


def _kept_mode(existing: os.stat_result | None) -> int:
    return stat.S_IMODE(existing.st_mode) if existing is not None else _new_file_mode()


def _set_mode(fd: int, path: str, mode: int) -> None:
    """The mode of a file being written, before anything is in it. Windows has no fchmod, and
    its chmod only sets the read-only flag: there the profile folder's own permissions keep
    the history private (README, "Platforms")."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(path, mode)


def alive(pid: int) -> bool:
    if pid == os.getpid() or pid <= 0:
        return True  # ours, or not a process at all (0 and negatives signal groups): keep it
    if sys.platform == "win32":  # there os.kill(pid, 0) would terminate the process
        import ctypes

        return windows_alive(pid, ctypes.WinDLL("kernel32", use_last_error=True), ctypes.get_last_error)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # exists but not ours to signal, or beyond any pid: leave it
    return True


_STILL_ACTIVE = 259
_ACCESS_DENIED = 5
_QUERY_LIMITED = 0x1000


def windows_alive(pid: int, kernel32: Any, last_error: Any) -> bool:
    """Whether a process exists on Windows: one we may not open exists; one that has exited
    reports an exit code other than STILL_ACTIVE."""
    import ctypes

    handle = kernel32.OpenProcess(_QUERY_LIMITED, False, pid)
    if not handle:
        return bool(last_error() == _ACCESS_DENIED)
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
