"""Turning bytes from a user's file into plain data, with errors that name file, field and line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pmpath.errors import InputError, Msg

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Answers and data files are a few KB; anything this large is a mistake, not a file to parse."""

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_LINE = re.compile(r"\(at line (\d+)")


def read_bounded(path: str, source: str, *, regular_only: bool = False) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of a file, so `/dev/zero` or a huge file costs nothing.

    Opened without blocking, so a FIFO found in a cohort directory is reported rather than
    waited on; given by name (`--answers <(...)`) a pipe or device is read, still bounded.
    """
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # Windows has none, and no FIFOs
    except IsADirectoryError:
        raise InputError(Msg("e_is_dir", source=source)) from None
    except FileNotFoundError:
        raise InputError(Msg("e_no_file", source=source)) from None
    except OSError as exc:
        raise InputError(Msg("e_cannot_read", source=source, why=_os_words(exc))) from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISREG(mode) and info.st_size > MAX_FILE_BYTES:
            raise InputError(
                Msg("e_too_large", source=source, size=f"{info.st_size / 1_048_576:.1f}", limit=_LIMIT_MB),
                hint=Msg("h_small_file"),
            )
        if stat.S_ISDIR(mode):
            raise InputError(Msg("e_is_dir", source=source))
        if not stat.S_ISREG(mode):
            if regular_only:
                raise InputError(Msg("e_not_regular_skipped", source=source))
            if hasattr(os, "set_blocking"):  # not on Windows before Python 3.12
                os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        # A regular file's size is known: one read of exactly that (plus one byte, to see it
        # end) rather than a megabyte buffer per file, which glibc may map and unmap each time.
        piece = info.st_size + 1 if stat.S_ISREG(mode) else 1 << 16
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(max(piece, 1 << 12), MAX_FILE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(Msg("e_cannot_read", source=source, why=_os_words(exc))) from None
    finally:
        os.close(fd)


def read_stream(stream: Any, source: str) -> bytes:
    """Standard input, bounded the same way."""
    return bytes(stream.read(MAX_FILE_BYTES + 1))


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (a leading BOM is accepted: editors on Windows add one)."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(Msg("e_too_large_stream", source=source, limit=_LIMIT_MB), hint=Msg("h_small_file"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            Msg("e_not_utf8", source=source, line=line, byte=f"0x{data[exc.start]:02x}"), hint=Msg("h_utf8")
        ) from None


MAX_KEY_PARTS = 64
"""Dotted keys deeper than this are not an answers file; tomllib's time grows with the square of
the depth (a 60,000-part key took 55 s), so the depth is checked before parsing."""
MAX_KEY_DOTS = 20_000
"""The dots of all keys together: bounds the parse however the depth is spread over lines."""


def check_toml_shape(text: str, source: str) -> None:
    """Bound the work tomllib will do before it starts: key depth per line and over the file."""
    if text.count(".") < MAX_KEY_PARTS:
        return  # the common answers file: too few dots anywhere to matter
    total = 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        if stripped.startswith("["):
            end = stripped.find("]")
            key = stripped[: end if end >= 0 else len(stripped)]
        else:
            end = stripped.find("=")
            key = stripped[: end if end >= 0 else len(stripped)]
        dots = key.count(".")
        if dots >= MAX_KEY_PARTS:
            raise InputError(
                Msg("e_key_parts", source=source, line=number, parts=dots + 1, limit=MAX_KEY_PARTS)
            )
        total += dots
        if total > MAX_KEY_DOTS:
            raise InputError(Msg("e_dotted_keys", source=source, line=number))


def parse_toml(text: str, source: str) -> dict[str, Any]:
    from pmpath import quicktoml

    quick = quicktoml.loads(text)
    if quick is not None:
        return quick
    import tomllib

    check_toml_shape(text, source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Before 3.14 the position lives only in the message: "... (at line N, column M)".
        msg = str(exc)
        pos = _TOML_POS.search(msg) or _TOML_LINE.search(msg)
        reason = _TOML_LINE.split(msg)[0].strip().rstrip(".") or "invalid TOML"
        if pos and pos.lastindex == 2:
            where = Msg("at_line_column", line=pos.group(1), column=pos.group(2))
        else:
            where = Msg("at_line", line=pos.group(1)) if pos else Msg("somewhere")
        reason_said = Msg("lib", text=_one_line(reason))
        raise InputError(
            Msg("e_toml_syntax", source=source, where=where, reason=reason_said), hint=Msg("h_toml_syntax")
        ) from None
    except RecursionError:
        raise InputError(Msg("e_toml_deep", source=source)) from None
    except ValueError as exc:  # an integer of thousands of digits (int_max_str_digits)
        raise InputError(
            Msg("e_value_unreadable", source=source, why=Msg("lib", text=_one_line(_short(exc))))
        ) from None


def parse_json(text: str, source: str) -> dict[str, Any]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                where = _line_suffix(locate_line(text, (key,)))
                raise InputError(
                    Msg(
                        "e_field",
                        source=source,
                        field=_quote(key),
                        what=Msg("e_key_twice"),
                        line=where,
                        more="",
                    ),
                    hint=Msg("h_keep_one"),
                )
            out[key] = value
        return out

    def no_constant(name: str) -> float:
        raise InputError(Msg("e_not_number", source=source, name=name))

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        where = Msg("at_line_column", line=exc.lineno, column=exc.colno)
        raise InputError(
            Msg("e_json_syntax", source=source, where=where, reason=Msg("lib", text=exc.msg)),
            hint=Msg("h_json_syntax"),
        ) from None
    except RecursionError:
        raise InputError(Msg("e_json_deep", source=source)) from None
    except ValueError as exc:
        raise InputError(
            Msg("e_value_unreadable", source=source, why=Msg("lib", text=_one_line(_short(exc))))
        ) from None
    if not isinstance(data, dict):
        raise InputError(Msg("e_top_level", source=source))
    return data


def _short(exc: Exception) -> str:
    """Python's message for an over-long integer, without its advice to change a limit."""
    return str(exc).split(";")[0]


def _line_suffix(line: int | None) -> Msg | str:
    return Msg("line_suffix", line=line) if line else ""


_LIMIT_MB = MAX_FILE_BYTES // 1_048_576


def _os_words(exc: OSError) -> Msg:
    """The operating system's reason, as it said it (the catalogue knows its usual phrases)."""
    return Msg("lib", text=exc.strerror or str(exc))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _quote(part: object) -> str:
    """Quote a key that would otherwise be ambiguous or break the one-line message."""
    text = str(part)
    if re.fullmatch(r"[A-Za-z0-9_\-]+", text):
        return text
    return json.dumps(text, ensure_ascii=True)


def format_loc(loc: Iterable[object]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + _quote(part)
    return out or "(top level)"


def locate_line(text: str, loc: Sequence[object]) -> int | None:
    """Best-effort line of a field, so a validation error can point into the file.

    TOML and JSON parsers return plain dicts without positions, so we search the text:
    `[[name]]` headers are counted for array indexes, keys are matched as `key =` / `"key":`
    or `[table]` after the line of the enclosing part.
    """
    lines = text.splitlines()
    start, found, end = 0, None, len(lines)
    i = 0
    while i < len(loc):
        part = loc[i]
        if isinstance(part, int):
            i += 1
            continue
        key = re.escape(str(part))
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if isinstance(nxt, int):
            header = re.compile(rf"^\s*\[\[\s*(?:[\w.\"]*\.)?\"?{key}\"?\s*\]\]")
            hits = [n for n in range(start, len(lines)) if header.match(lines[n])]
            if len(hits) > nxt:
                start = found = hits[nxt]
                # the element ends where the next one begins: a key it lacks is not to be
                # found in the element after it
                end = hits[nxt + 1] if len(hits) > nxt + 1 else end
                i += 2
                continue
        pattern = re.compile(
            rf"(^\s*\[\s*(?:[\w.\"]*\.)?\"?{key}\"?\s*\])"
            rf"|((?:^|[\s{{,.])\"?{key}\"?\s*(?:=|:|\.))"
        )
        for n in range(start, end):
            if pattern.search(lines[n]):
                start = found = n
                break
        i += 1
    return None if found is None else found + 1


def validation_error(exc: Any, source: str, text: str, hint: str | Msg | None = None) -> InputError:
    """Flatten a pydantic ValidationError to `file: field: message (line N)`, first error first."""
    errors = exc.errors(include_url=False, include_context=True, include_input=False)
    first = errors[0]
    more = (
        ""
        if len(errors) == 1
        else Msg("more_problems" if len(errors) > 2 else "more_problem", n=len(errors) - 1)
    )
    said = _problem(first, source, text, more)
    error = InputError(said, hint=hint)
    if len(errors) > 1:
        shown = errors[:MAX_SHOWN]
        rest = len(errors) - len(shown)
        left = Msg("more_problems" if rest > 1 else "more_problem", n=rest) if rest else ""
        error.every = (
            *(_problem(e, source, text, "") for e in shown[:-1]),
            _problem(shown[-1], source, text, left),
        )
    return error


MAX_SHOWN = 40
"""Problems listed one per line; a file with more (a hostile one) ends with the count left."""


def _problem(error: Any, source: str, text: str, more: Msg | str) -> Msg:
    """One problem as `file: field: message (line N)`."""
    loc = tuple(error["loc"])
    what = Msg("lib", text=_one_line(error["msg"]))
    if error["type"] == "missing":
        what = Msg("e_missing")
    elif error["type"] == "blank_text":  # pmpath's own checks of ladder texts (pmpath.models)
        what = Msg("e_blank")
    elif error["type"] == "bad_month":
        what = Msg("e_month")
    elif error["type"] == "hidden_character":
        what = Msg("e_hidden_char", code=error.get("ctx", {}).get("code", "?"))
    elif error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        what = Msg("e_unknown_field")
    line = None if error["type"] == "missing" else locate_line(text, loc)
    return Msg("e_field", source=source, field=format_loc(loc), what=what, line=_line_suffix(line), more=more)
