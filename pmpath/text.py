"""Making user text safe to show: on a terminal, in a CI log, or in a file another tool reads.

Names and file names come from people and from directories nobody checked. Written raw, an
ESC sequence clears the screen or retitles the window, a bidi override reorders what is read,
and a newline in a file name starts a GitHub Actions workflow command at column 0 of stderr.
Everything pmpath shows of such text goes through `visible` first: control characters are
spelled out (`\\x1b`), never emitted.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
"""C0 and C1 controls, DEL, bidi marks, embeddings, overrides and isolates, zero-width and line
separators, a stray BOM, and lone surrogates (undecodable bytes of a file name)."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _spell(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every character that could drive a terminal or a log spelled out.

    The result is one line: a newline becomes the two characters `\\n`.
    """
    return _UNSAFE.sub(_spell, text)


def portable(path: str) -> str:
    """A file name that any UTF-8 writer can write: undecodable bytes become `\\xNN` text.

    Used for names that go into JSON or Markdown, where control characters are escaped by the
    format itself but a lone surrogate cannot be encoded at all.
    """
    if not _SURROGATE.search(path):
        return path
    return _SURROGATE.sub(_spell, path)


_SURROGATE = re.compile("[\ud800-\udfff]")
