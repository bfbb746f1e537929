"""Turning bytes from a user's file into plain data, with errors that name file, field and line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pmpath.errors import InputError

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
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory, not an answers file") from None
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISREG(mode) and info.st_size > MAX_FILE_BYTES:
            raise InputError(
                f"{source}: file is too large ({info.st_size / 1_048_576:.1f} MB; "
                f"the limit is {MAX_FILE_BYTES // 1_048_576} MB)",
                hint="An answers file is a few kilobytes; check that this is the right file.",
            )
        if stat.S_ISDIR(mode):
            raise InputError(f"{source}: is a directory, not an answers file")
        if not stat.S_ISREG(mode):
            if regular_only:
                raise InputError(f"{source}: not a regular file (a FIFO, device or socket); skipped")
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_stream(stream: Any, source: str) -> bytes:
    """Standard input, bounded the same way."""
    return bytes(stream.read(MAX_FILE_BYTES + 1))


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (a leading BOM is accepted: editors on Windows add one)."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{source}: file is too large (more than {MAX_FILE_BYTES // 1_048_576} MB; "
            f"the limit is {MAX_FILE_BYTES // 1_048_576} MB)",
            hint="An answers file is a few kilobytes; check that this is the right file.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{source}: line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            hint="Save the file as UTF-8.",
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
                f"{source}: line {number}: a key of {dots + 1} dotted parts "
                f"(the limit is {MAX_KEY_PARTS}); this is not an answers file"
            )
        total += dots
        if total > MAX_KEY_DOTS:
            raise InputError(f"{source}: line {number}: too many dotted keys for an answers file")


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
        where = f"line {pos.group(1)}" if pos else "somewhere"
        if pos and pos.lastindex == 2:
            where += f", column {pos.group(2)}"
        raise InputError(
            f"{source}: {where}: TOML syntax error: {_one_line(reason)}",
            hint="Fix the TOML syntax at that line (pmpath template shows a valid file).",
        ) from None
    except RecursionError:
        raise InputError(f"{source}: TOML nests too deeply to be an answers file") from None
    except ValueError as exc:  # an integer of thousands of digits (int_max_str_digits)
        raise InputError(f"{source}: a value cannot be read: {_one_line(_short(exc))}") from None


def parse_json(text: str, source: str) -> dict[str, Any]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise InputError(
                    f"{source}: {_quote(key)}: the key appears twice"
                    + _line_suffix(locate_line(text, (key,))),
                    hint="Keep one of the two values.",
                )
            out[key] = value
        return out

    def no_constant(name: str) -> float:
        raise InputError(f"{source}: {name} is not a valid number in an answers file")

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{source}: line {exc.lineno}, column {exc.colno}: JSON syntax error: {exc.msg}",
            hint="Fix the JSON syntax at that line.",
        ) from None
    except RecursionError:
        raise InputError(f"{source}: JSON nests too deeply to be an answers file") from None
    except ValueError as exc:
        raise InputError(f"{source}: a value cannot be read: {_one_line(_short(exc))}") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: the top level must be an object with profile and ratings")
    return data


def _short(exc: Exception) -> str:
    """Python's message for an over-long integer, without its advice to change a limit."""
    return str(exc).split(";")[0]


def _line_suffix(line: int | None) -> str:
    return f" (line {line})" if line else ""


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
    start, found = 0, None
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
                i += 2
                continue
        pattern = re.compile(
            rf"(^\s*\[\s*(?:[\w.\"]*\.)?\"?{key}\"?\s*\])"
            rf"|((?:^|[\s{{,.])\"?{key}\"?\s*(?:=|:|\.))"
        )
        for n in range(start, len(lines)):
            if pattern.search(lines[n]):
                start = found = n
                break
        i += 1
    return None if found is None else found + 1


def validation_error(exc: Any, source: str, text: str, hint: str | None = None) -> InputError:
    """Flatten a pydantic ValidationError to `file: field: message (line N)`, first error first."""
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    first = errors[0]
    loc = tuple(first["loc"])
    message = _one_line(first["msg"])
    if first["type"] == "missing":
        message = "missing"
    elif first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        message = "unknown field"
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    line = None if first["type"] == "missing" else locate_line(text, loc)
    return InputError(f"{source}: {format_loc(loc)}: {message}{_line_suffix(line)}{more}", hint=hint)
