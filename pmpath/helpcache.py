"""`pmpath --help` from a cache: typer takes ~80 ms to import and lay the page out, and the
page only changes with pmpath itself (the CLI and the command table it is drawn from) and the
terminal's width, all in the key."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from pmpath import __version__


def _path() -> Path | None:
    try:
        from platformdirs import user_cache_path

        here = Path(__file__).parent
        source = b"".join(
            p.read_bytes() for p in [here / "cli.py", *sorted((here / "commands").glob("*.py"))]
        )
        width = shutil.get_terminal_size().columns
    except (OSError, ValueError):
        return None
    key = hashlib.blake2b(source + f"\0{__version__}\0{width}".encode(), digest_size=12).hexdigest()
    return user_cache_path("pmpath", appauthor=False) / f"help-{key}.txt"


def cached() -> str | None:
    path = _path()
    try:
        return path.read_text(encoding="utf-8") if path is not None and path.is_file() else None
    except (OSError, UnicodeError):
        return None


def keep(text: str) -> None:
    """Save the page typer drew; a read-only home only means typer draws it next time too."""
    path = _path()
    if path is None or not text.startswith("Usage: "):
        return
    from pmpath.errors import PmpathError
    from pmpath.files import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text, force=True)
    except (OSError, PmpathError):
        pass
