"""Help pages from a cache: the command table, the catalogues and the page layout take ~20 ms
to import, and a page only changes with pmpath itself (those modules), the language, the
command asked about and the terminal's width, all in the key."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from pmpath import __version__

SOURCES = ("helppage.py", "text.py", "ids.py", "i18n/en.py", "i18n/zh.py", "commands/*.py")
"""What a page is drawn from: a change to any of them draws the page again."""


def _path(args: list[str]) -> Path | None:
    try:
        from platformdirs import user_cache_path

        here = Path(__file__).parent
        files = sorted(f for pattern in SOURCES for f in here.glob(pattern))
        source = b"".join(f.read_bytes() for f in files)
        width = shutil.get_terminal_size().columns
    except (OSError, ValueError):
        return None
    from pmpath.i18n import resolve_lang

    line = "\0".join(args) + f"\0{resolve_lang(None)}\0{__version__}\0{width}"
    key = hashlib.blake2b(source + line.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return user_cache_path("pmpath", appauthor=False) / f"help-{key}.txt"


def cached(args: list[str]) -> str | None:
    """The page `args` asked for, if it was drawn before for the same pmpath, language and width."""
    path = _path(args)
    try:
        return path.read_text(encoding="utf-8") if path is not None and path.is_file() else None
    except (OSError, UnicodeError):
        return None


def keep(args: list[str], text: str) -> None:
    """Save a page; a read-only home only means it is drawn next time too."""
    path = _path(args)
    if path is None or not text.startswith(("Usage: ", "用法：")):
        return
    from pmpath.errors import PmpathError
    from pmpath.files import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text, force=True)
    except (OSError, PmpathError):
        pass
