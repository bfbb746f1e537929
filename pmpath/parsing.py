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


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (a leading BOM is accepted: editors on Windows add one)."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{source}: file is too large ({len(data) / 1_048_576:.1f} MB; "
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


def parse_toml(text: str, source: str) -> dict[str, Any]:
    import tomllib

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
    if not isinstance(data, dict):
        raise InputError(f"{source}: the top level must be an object with profile and ratings")
    return data


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
    elif first["type"] == "extra_forbidden":
        message = "unknown field"
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    line = None if first["type"] == "missing" else locate_line(text, loc)
    return InputError(f"{source}: {format_loc(loc)}: {message}{_line_suffix(line)}{more}", hint=hint)
