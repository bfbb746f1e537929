"""Making user text safe to show: on a terminal, in a CI log, or in a file another tool reads.

Names and file names come from people and from directories nobody checked. Written raw, an
ESC sequence clears the screen or retitles the window, a bidi override reorders what is read,
and a newline in a file name starts a GitHub Actions workflow command at column 0 of stderr.
Everything pmpath shows of such text goes through `visible` first: control characters are
spelled out (`\\x1b`), never emitted.
"""

from __future__ import annotations

import functools
import re

_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff"
"""Bidi marks, embeddings, overrides and isolates, zero-width marks, a stray BOM, and lone
surrogates (undecodable bytes of a file name)."""
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE}]")
"""Everything `visible` spells out: C0 and C1 controls, DEL, the line separators and the
invisible characters above."""
_HIDDEN = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x9f{_INVISIBLE}]")
"""What a text someone else wrote may not hold at all: the same, less the whitespace (tab,
newlines, the line separators), which a ladder text has folded instead (models.shown_text)."""


def unsafe_char(text: str) -> str | None:
    """The first character of `text` that `visible` would spell out (a control, a line break
    or separator, a bidi or invisible mark), if any: what a one-line text a person types, such
    as an evidence entry, may not hold."""
    found = _UNSAFE.search(text)
    return None if found is None else found.group()


def hidden_char(text: str) -> str | None:
    """The first character of `text` that no destination should receive, if any."""
    found = _HIDDEN.search(text)
    return None if found is None else found.group()


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


_COMMAND = re.compile(r"(?:^|(?<=[\r\n]))(\s*)::|##\[")
"""Every form of workflow command GitHub's runner obeys in a log line. `::cmd` when the line
opens with it after any whitespace: the runner trims with .NET's TrimStart, which takes every
Unicode space (no-break, ideographic, line separators), and splits lines at CR as well as LF.
And the older `##[cmd]`, which it finds anywhere in a line."""


def _defuse(match: re.Match[str]) -> str:
    space = match.group(1)
    return "##\\u005b" if space is None else space + "\\::"


def no_commands(text: str) -> str:
    """Text for a CI log: no line holds a workflow command. A line that would open with `::`
    starts `\\::` instead; `##[` is spelled `##\\u005b`, as `visible` spells what it hides,
    which JSON reads back as the same `[`, so a JSON document stays the same data.

    Someone else's text is one line by the time it is shown, but a table or a wrap can still
    put the middle of it at the start of a line; this is the last word before stdout, stderr
    and a CSV cell: the one rule for every place pmpath's output can reach a CI log.
    """
    if "::" not in text and "##[" not in text:
        return text
    return _COMMAND.sub(_defuse, text)


def portable(path: str) -> str:
    """A file name that any UTF-8 writer can write: undecodable bytes become `\\xNN` text.

    Used for names that go into JSON or Markdown, where control characters are escaped by the
    format itself but a lone surrogate cannot be encoded at all.
    """
    if not _SURROGATE.search(path):
        return path
    return _SURROGATE.sub(_spell, path)


_SURROGATE = re.compile("[\ud800-\udfff]")


def cells(text: str) -> int:
    """Display width in terminal cells: CJK ideographs and full-width forms take two."""
    if text.isascii():
        return len(text)  # no ASCII character is wide or combining: the common case, at C speed
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


_NO_LINE_START = set("，。、；：？！）」』》〉】,.;:?!)%")
"""Punctuation that must not begin a line (Chinese typesetting, and plain English sense)."""
_NO_LINE_END = set("（「『《〈【\u201c\u2018")  # and the curly opening quotes
"""Opening brackets and quotes: they stay with what they open, never at a line's end."""


def _is_wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F")


@functools.cache
def _kept() -> re.Pattern[str]:
    """What a line never breaks inside (the typesetting rules of ZH-GLOSSARY.md). Compiled on
    first use: the CJK ranges cost milliseconds a command printing no prose should not pay."""
    return re.compile(
        r"`[^`\n]{1,40}`"  # a command: `pmpath assess --resume`
        r"|（[^（）\n]{1,12}）"  # a short bracketed gloss: （默认：table）
        r"|[0-9][0-9.,]* [\u4e00-\u9fff]"  # a number and its unit: 5 年, 360 度
        r"|--[a-z][a-z0-9_-]* [!-,.-~][!-~]*(?= [\u4e00-\u9fff])"  # an option and its value: --format md 时
    )


def _tokens(text: str) -> list[str]:
    """Words, with each wide (CJK) character a token of its own: Chinese breaks between any two
    characters, English only at spaces. Spaces stay attached to the word before them; a span of
    _kept() is one token."""
    out: list[str] = []
    start = 0
    for kept in _kept().finditer(text) if ("`" in text or not text.isascii()) else ():
        out += _split(text[start : kept.start()])
        if out and not out[-1].endswith(" ") and not _is_wide(out[-1][-1]) and not _is_wide(kept.group()[0]):
            out[-1] += kept.group()  # a kept span inside a word stays in the word
        else:
            out.append(kept.group())
        start = kept.end()
    out += _split(text[start:])
    return _glue(out)


def _glue(out: list[str]) -> list[str]:
    """Glue what must not be parted: an opening bracket to what follows it ("（Senior"), and
    closing punctuation to what precedes it ("PM）", "调研，"), so a break never falls there."""
    glued: list[str] = []
    for token in out:
        before = glued[-1] if glued else " "
        closes = token[:1] in _NO_LINE_START and not before.endswith(" ")
        if closes or all(char in _NO_LINE_END for char in before):
            glued[-1] += token
        else:
            glued.append(token)
    return glued


def _split(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for char in text:
        if _is_wide(char):
            if word:
                out.append(word)
                word = ""
            out.append(char)
        elif char == " ":
            word += char
            out.append(word)
            word = ""
        else:
            word += char
    if word:
        out.append(word)
    return out


def wrap(text: str, width: int, indent: str = "", first: str = "", whole: bool = False) -> list[str]:
    """Lines of at most `width` display cells: English breaks at spaces, Chinese between
    characters, never before closing punctuation; continuation lines start with `indent`.

    A word longer than a line is split only where it must be (a URL at 40 columns); with
    `whole`, never: it gets a line of its own, and the terminal folds it (a path someone will
    copy must not gain a newline).
    """
    width = max(width, cells(indent) + 8)
    lines: list[str] = []
    line = first
    tokens = _tokens(" ".join(text.split()) if not any(map(_is_wide, text)) else text.replace("\n", " "))
    tokens.reverse()
    while tokens:
        token = tokens.pop()
        if cells(line + token.rstrip()) <= width:
            line += token
            continue
        if cells(indent + token.rstrip()) > width and len(parts := _glue(_split(token))) > 1:
            tokens += reversed(parts)  # a kept span wider than a line breaks as plain text
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = indent
        while not whole and cells(line + token.rstrip()) > width:  # a single over-long word
            room = width - cells(line)
            cut = 0
            while cut < len(token) and cells(token[: cut + 1]) <= room:
                cut += 1
            cut = max(cut, 1)
            lines.append(line + token[:cut])
            token = token[cut:]
            line = indent
        line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def clip(text: str, width: int) -> str:
    """At most `width` cells, with an ellipsis when something was cut."""
    if cells(text) <= width:
        return text
    out = ""
    for char in text:
        if cells(out + char) > width - 1:
            break
        out += char
    return out.rstrip() + "…"


def plain_table(
    title: str,
    headers: list[str],
    rows: list[list[str]],
    right: frozenset[int] = frozenset(),
    width: int = 100,
) -> str:
    """A table of plain lines, columns measured in display cells (CJK is two), for listings
    long enough that rich's layout engine would cost more than the rest of the command. The
    last column takes what is left of `width` and is clipped, never wrapped."""
    widths = [max([cells(h), *(cells(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(cells(headers[-1]), min(widths[-1], width - fixed))

    def line(cols: list[str]) -> str:
        out = []
        for i, (col, w) in enumerate(zip(cols, widths, strict=True)):
            col = clip(col, w) if cells(col) > w else col
            pad = " " * (w - cells(col))
            out.append(pad + col if i in right else (col + pad if i < len(cols) - 1 else col))
        return "  ".join(out).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([title, "", line(headers), rule, *(line(r) for r in rows)]) + "\n"


_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "conin", "conout", "clock"]
    + [f"{port}{n}" for port in ("com", "lpt") for n in ("0123456789" + "\u00b9\u00b2\u00b3")]
)
"""Names Windows opens as a device whatever their extension (`COM1.html` is the serial port),
in any case, with the superscript digits ¹ ² ³ too (Windows reads them as 1, 2, 3). Mapped on
every system: a folder of reports made on Linux is opened on a Windows laptop."""
SLUG_MAX = 60
"""Characters: with a suffix and `-` + 8 hex, well inside any file system's name limit."""


def slug(name: str) -> str:
    """A file name made from a person's name that is safe on Linux, macOS and Windows alike.

    Letters and digits of any script are kept (Chinese names stay readable), lower-cased and
    composed (NFC: macOS would otherwise store `é` decomposed); every other run of characters
    becomes one `-`. Names Windows reserves (`CON`, `LPT1`) and names with nothing left get a
    prefix, so the result is never empty, hidden, a device or a path.
    """
    import unicodedata

    text = unicodedata.normalize("NFC", name).casefold()
    out = re.sub(r"[^\w]+|_+", "-", text, flags=re.UNICODE).strip("-")[:SLUG_MAX].strip("-")
    if not out or out in _WINDOWS_RESERVED:
        out = f"person-{out}".strip("-")
    return out
