"""Loading and cross-checking the level, skill and course catalogue in data/."""

from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path
from typing import Any

from pmpath.errors import InputError, Msg
from pmpath.models import Catalog, CompanyTable, M, dump_json, from_data, validate
from pmpath.parsing import decode, format_loc, locate_line, parse_toml, validation_error

_HINT = Msg("h_data_broken")
_LADDER_HINT = Msg("h_ladder_broken")
"""A company's ladder is fixed by whoever wrote it: reinstalling pmpath would not touch it."""


def ladder_label(name: str, quoted: bool = True) -> Msg | str:
    """A ladder's name inside a sentence: pmpath's own in the reader's words ("内置" in
    Chinese, never the id `bundled`), a company's as it named it."""
    if name == "bundled":
        return Msg("ladder_bundled_q" if quoted else "ladder_bundled")
    return repr(name) if quoted else name


def _hint(bundled: bool) -> Msg:
    return _HINT if bundled else _LADDER_HINT


def data_dir() -> Path:
    """Where levels.toml and courses.toml live: inside the wheel, or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "levels.toml").is_file():
            return candidate
    raise InputError(
        Msg("e_no_data", first=str(here / "data"), second=str(here.parent / "data")), hint=Msg("h_no_data")
    )


def read_text(path: Path) -> str:
    from pmpath.parsing import read_bounded
    from pmpath.text import portable

    shown = portable(str(path))
    return decode(read_bounded(str(path), shown, regular_only=True), shown)


def ladder_files(ladder: str | Path) -> tuple[Path, Path]:
    """A ladder directory's two files, with one clear line when the directory is not one."""
    from pmpath.text import portable

    where = Path(ladder)
    shown = portable(str(ladder))
    if not where.is_dir():
        key = "e_no_ladder_dir" if not where.exists() else "e_not_ladder_dir"
        raise InputError(Msg(key, source=shown), hint=Msg("h_ladder_init"))
    levels, courses = where / "levels.toml", where / "courses.toml"
    for path in (levels, courses):
        if not path.is_file():
            raise InputError(Msg("e_ladder_file", source=portable(str(path))), hint=Msg("h_ladder_init_both"))
    return levels, courses


def load_ladder(ladder: str | Path | None) -> Catalog:
    """The catalogue a command runs against: --ladder DIR, else $PMPATH_LADDER, else bundled."""
    import os

    chosen = ladder if ladder is not None else os.environ.get("PMPATH_LADDER") or None
    if chosen is None:
        return load_catalog()
    levels, courses = ladder_files(chosen)
    return load_catalog(levels.resolve(), courses.resolve())


def level_id(value: str | None, catalog: Catalog) -> str | None:
    """--min-level is checked against the ladder in use; an unknown id lists the valid ones."""
    if value is None:
        return None
    ids = [lv.id for lv in catalog.levels]
    if value not in ids:
        # a level's name in either language does too (`Senior PM`, `高级产品经理`): people write them
        wanted = " ".join(value.split()).casefold()
        named = [
            lv.id for lv in catalog.levels if wanted in {lv.name.en.casefold(), lv.name.get("zh").casefold()}
        ]
        if len(named) == 1:
            return named[0]
        raise InputError(
            Msg("e_min_level", id=repr(value)),
            hint=Msg("h_min_level", ladder=ladder_label(catalog.name, quoted=False), ids=", ".join(ids)),
        )
    return value


def check_ladder(catalog: Catalog) -> list[Msg]:
    """What a ladder's author should look at though it loads: each a sentence, none fatal."""
    notes = []
    for skill in catalog.skills:
        if all(lv.skill_minimums[skill.id] <= 1 for lv in catalog.levels):
            notes.append(Msg("w_skill_never_decides", id=repr(skill.id)))
    for path in (catalog.path, *catalog.track_paths.values()):
        for below, above in itertools.pairwise(path):
            same = below.skill_minimums == above.skill_minimums
            if (
                same
                and below.min_years_experience == above.min_years_experience
                and above.min_years_managing == below.min_years_managing
            ):
                notes.append(Msg("w_level_same", above=repr(above.id), below=repr(below.id)))
    for level in catalog.levels:
        if not level.defining_skills and level.id != catalog.levels[0].id:
            notes.append(Msg("w_no_defining", id=repr(level.id)))
    for course in catalog.courses:
        if not course.levels:
            notes.append(Msg("w_course_no_level", id=repr(course.id)))
    served = {lv for c in catalog.courses for lv in c.levels}
    for level in catalog.path[1:]:
        if catalog.courses and level.id not in served:
            notes.append(Msg("w_level_no_course", id=repr(level.id)))
    return notes


@lru_cache(maxsize=1)
def load_company_table() -> CompanyTable:
    """data/company_levels.toml, validated once: one line naming file, field and line if broken.
    A report reads it on every run: the validated table is kept in the cache, as the catalogue is."""
    path = data_dir() / "company_levels.toml"
    text = read_text(path)
    cache = _cache_file("companies", text)
    found = _read_cache(cache, CompanyTable) if cache else None
    if found is not None:
        return found
    raw = parse_toml(text, _shown(path))
    from pydantic import ValidationError

    try:
        table = validate(CompanyTable, raw)
    except ValidationError as exc:
        raise validation_error(exc, _shown(path), text, _HINT) from None
    if cache is not None:
        _write_cache(cache, table)
    return table


def companies_for(catalog: Catalog) -> CompanyTable | None:
    """The company table maps the bundled ladder's levels; a company's own ladder has its own."""
    return load_company_table() if catalog.name == "bundled" else None


@lru_cache(maxsize=4)
def load_catalog(levels_path: Path | None = None, courses_path: Path | None = None) -> Catalog:
    base = data_dir() if levels_path is None or courses_path is None else None
    lp = levels_path or base / "levels.toml"  # type: ignore[operator]
    cp = courses_path or base / "courses.toml"  # type: ignore[operator]
    levels_text, courses_text = read_text(lp), read_text(cp)
    bundled = base is not None
    cache = _cache_file("catalog", levels_text, courses_text, str(lp.parent) if not bundled else "")
    catalog = _read_cache(cache, Catalog) if cache else None
    if catalog is None:
        catalog = parse_catalog(
            levels_text, courses_text, _shown(lp), _shown(cp), bundled=bundled, name=lp.parent.name
        )
        if cache is not None:
            _write_cache(cache, catalog)
    catalog.memo["digest"] = _digest(levels_text, courses_text)
    return catalog


def _digest(*texts: str) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=8)
    for text in texts:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()


def catalog_digest(catalog: Catalog) -> str:
    """Which catalogue content a run was made against (history records it with every run)."""
    known = catalog.memo.get("digest")
    return str(known) if known is not None else _digest(dump_json(catalog))


# The catalogue is ~60 KB of TOML: parsing it is most of a run's own work. A JSON copy of the
# validated catalogue, keyed by a hash of both files and the version, loads 50x faster
# (pydantic-core parses JSON natively). A stale or damaged copy is simply not used.


def _shown(path: Path) -> str:
    from pmpath.text import portable

    return portable(str(path))


def _cache_file(kind: str, *texts: str) -> Path | None:
    """Where the validated copy of these data files is kept: named by a hash of the files, the
    version and the sources of the rules that checked them (a rule changed in development makes
    another copy, checked again)."""
    import os

    if os.environ.get("PMPATH_NO_CACHE"):
        return None
    import hashlib

    from platformdirs import user_cache_path

    from pmpath import __version__

    digest = hashlib.blake2b(digest_size=12)
    for part in (__version__, *_RULES, *texts):
        # A directory name that is not UTF-8 holds lone surrogates: hash its original bytes.
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return user_cache_path("pmpath", appauthor=False) / f"{kind}-{digest.hexdigest()}.json"


def _rules() -> tuple[str, ...]:
    """The size and time of the modules that validate data files, as a cheap stand-in for their
    text: an edit to a rule or a model is a new cache key."""
    import os

    here = Path(__file__).parent
    out = []
    for name in ("models.py", "ladder_rules.py", "catalog.py"):
        try:
            info = os.stat(here / name)
        except OSError:
            continue
        out.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return tuple(out)


_RULES = _rules()


def _read_cache(path: Path, kind: type[M]) -> M | None:
    """The cached copy, if the file is a regular file whose content matches its own hash.

    The name only says which data files the copy was made from (and which rules checked them);
    the hash stored inside says the copy was not edited since. Anything else (edited,
    truncated, a FIFO, unreadable) is ignored and the data is read from its files again.
    """
    import hashlib
    import json
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # Windows has none
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    digest, _, body = data.partition(b"\n")
    if len(data) > MAX_CACHE_BYTES or digest != hashlib.blake2b(body, digest_size=16).hexdigest().encode():
        return None
    try:
        # The hash says pmpath wrote this copy from data it validated and cross-checked with
        # these very rules: built back without pydantic; anything odd means it is read again.
        return from_data(kind, json.loads(body))
    except (ValueError, TypeError, KeyError, AttributeError, StopIteration):
        return None


MAX_CACHE_BYTES = 2 * 1024 * 1024


def _write_cache(path: Path, model: Catalog | CompanyTable) -> None:
    import hashlib

    from pmpath.errors import PmpathError
    from pmpath.files import write_atomic

    body = dump_json(model)
    digest = hashlib.blake2b(body.encode(), digest_size=16).hexdigest()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, f"{digest}\n{body}", force=True)
    except (OSError, PmpathError):
        pass  # a read-only home, or a special file in the way: we parse the TOML next time too


def parse_catalog(
    levels_text: str,
    courses_text: str,
    levels_source: str = "levels.toml",
    courses_source: str = "courses.toml",
    *,
    bundled: bool = True,
    name: str = "custom",
) -> Catalog:
    """Build a Catalog from the two files' text; reading is kept apart so tests can pass strings.

    The bundled ladder keeps the contract's ids and every field in both languages; a company's
    own ladder (bundled=False) brings its own ids and may leave the optional fields out.
    """
    from pydantic import ValidationError

    levels_raw = parse_toml(levels_text, levels_source)
    courses_raw = parse_toml(courses_text, courses_source)
    levels_raw.pop("schema_version", None)
    courses_raw.pop("schema_version", None)
    if bundled:
        levels_raw.pop("name", None)
    else:
        given = levels_raw.setdefault("name", name or "custom")
        if given == "bundled" or not isinstance(given, str) or not given.strip():
            raise _fail(levels_source, levels_text, ("name",), Msg("lr_name_ladder"), bundled)
    for key in sorted(set(courses_raw) - {"courses", "reviewed"}):
        raise _fail(courses_source, courses_text, (key,), Msg("e_unknown_field"), bundled)
    for key in ("courses", "courses_reviewed"):
        if key in levels_raw:
            raise _fail(levels_source, levels_text, (key,), Msg("lr_courses_elsewhere"), bundled)
    try:
        catalog = validate(
            Catalog,
            {
                **levels_raw,
                "courses": courses_raw.get("courses", ()),
                "courses_reviewed": courses_raw.get("reviewed"),
            },
        )
    except ValidationError as exc:
        in_courses = exc.errors()[0]["loc"][:1] == ("courses",)
        source, text = (courses_source, courses_text) if in_courses else (levels_source, levels_text)
        raise validation_error(exc, source, text, _hint(bundled)) from None
    _cross_check(catalog, levels_source, levels_text, courses_source, courses_text, bundled)
    return catalog


def _fail(source: str, text: str, loc: tuple[Any, ...], message: Msg, bundled: bool = True) -> InputError:
    line = locate_line(text, loc)
    where = Msg("line_suffix", line=line) if line else ""
    said = Msg("e_field", source=source, field=format_loc(loc), what=message, line=where, more="")
    return InputError(said, hint=_hint(bundled))


def _cross_check(catalog: Catalog, ls: str, lt: str, cs: str, ct: str, bundled: bool = True) -> None:
    """Raise the first problem pmpath.ladder_rules finds, naming its file, field and line."""
    from pmpath.ladder_rules import first_problem

    problem = first_problem(catalog, bundled)
    if problem is not None:
        source, text = (cs, ct) if problem.courses else (ls, lt)
        raise _fail(source, text, problem.loc, problem.message, bundled)
