"""Loading and cross-checking the level, skill and course catalogue in data/."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pmpath.errors import InputError
from pmpath.ids import CPO_SKILLS, LEVEL_IDS
from pmpath.models import Catalog
from pmpath.parsing import decode, format_loc, locate_line, parse_toml, validation_error

_HINT = "The data file is broken; reinstall pmpath or fix the file named above."


def data_dir() -> Path:
    """Where levels.toml and courses.toml live: inside the wheel, or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "levels.toml").is_file():
            return candidate
    raise InputError(
        f"cannot find pmpath's data files (looked in {here / 'data'} and {here.parent / 'data'})",
        hint="Reinstall pmpath: the wheel carries data/levels.toml and data/courses.toml.",
    )


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, str(path))


@lru_cache(maxsize=4)
def load_catalog(levels_path: Path | None = None, courses_path: Path | None = None) -> Catalog:
    base = data_dir() if levels_path is None or courses_path is None else None
    lp = levels_path or base / "levels.toml"  # type: ignore[operator]
    cp = courses_path or base / "courses.toml"  # type: ignore[operator]
    levels_text, courses_text = read_text(lp), read_text(cp)
    cache = _cache_file(levels_text, courses_text)
    catalog = _read_cache(cache) if cache else None
    if catalog is None:
        catalog = parse_catalog(levels_text, courses_text, str(lp), str(cp))
        if cache is not None:
            _write_cache(cache, catalog)
    _DIGESTS[id(catalog)] = _digest(levels_text, courses_text)
    return catalog


_DIGESTS: dict[int, str] = {}


def _digest(*texts: str) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=8)
    for text in texts:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()


def catalog_digest(catalog: Catalog) -> str:
    """Which catalogue content a run was made against (history records it with every run)."""
    known = _DIGESTS.get(id(catalog))
    return known if known is not None else _digest(catalog.model_dump_json())


# The catalogue is ~60 KB of TOML: parsing it is most of a run's own work. A JSON copy of the
# validated catalogue, keyed by a hash of both files and the version, loads 50x faster
# (pydantic-core parses JSON natively). A stale or damaged copy is simply not used.


def _cache_file(levels_text: str, courses_text: str) -> Path | None:
    import os

    if os.environ.get("PMPATH_NO_CACHE"):
        return None
    import hashlib

    from platformdirs import user_cache_path

    from pmpath import __version__

    digest = hashlib.blake2b(digest_size=12)
    for part in (__version__, levels_text, courses_text):
        digest.update(part.encode() + b"\0")
    return user_cache_path("pmpath", appauthor=False) / f"catalog-{digest.hexdigest()}.json"


def _read_cache(path: Path) -> Catalog | None:
    """The cached catalogue, if the file is a regular file whose content matches its own hash.

    The name only says which data files the copy was made from; the hash stored inside says the
    copy was not edited since. Anything else (edited, truncated, a FIFO, unreadable) is ignored
    and the catalogue is rebuilt from the data files.
    """
    import hashlib
    import os
    import stat

    from pydantic import ValidationError

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
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
        catalog = Catalog.model_validate_json(body)
        _cross_check(catalog, str(path), "", str(path), "")
    except (ValidationError, InputError, ValueError):
        return None
    return catalog


MAX_CACHE_BYTES = 2 * 1024 * 1024


def _write_cache(path: Path, catalog: Catalog) -> None:
    import hashlib

    from pmpath.errors import PmpathError
    from pmpath.files import write_atomic

    body = catalog.model_dump_json()
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
) -> Catalog:
    """Build a Catalog from the two files' text; reading is kept apart so tests can pass strings."""
    from pydantic import ValidationError

    levels_raw = parse_toml(levels_text, levels_source)
    courses_raw = parse_toml(courses_text, courses_source)
    levels_raw.pop("schema_version", None)
    courses_raw.pop("schema_version", None)
    for key in sorted(set(courses_raw) - {"courses", "reviewed"}):
        raise _fail(courses_source, courses_text, (key,), "unknown field")
    for key in ("courses", "courses_reviewed"):
        if key in levels_raw:
            raise _fail(levels_source, levels_text, (key,), "courses belong in courses.toml")
    try:
        catalog = Catalog.model_validate(
            {
                **levels_raw,
                "courses": courses_raw.get("courses", ()),
                "courses_reviewed": courses_raw.get("reviewed"),
            }
        )
    except ValidationError as exc:
        in_courses = exc.errors()[0]["loc"][:1] == ("courses",)
        source, text = (courses_source, courses_text) if in_courses else (levels_source, levels_text)
        raise validation_error(exc, source, text, _HINT) from None
    _cross_check(catalog, levels_source, levels_text, courses_source, courses_text)
    return catalog


def _fail(source: str, text: str, loc: tuple[Any, ...], message: str) -> InputError:
    line = locate_line(text, loc)
    suffix = f" (line {line})" if line else ""
    return InputError(f"{source}: {format_loc(loc)}: {message}{suffix}", hint=_HINT)


def _cross_check(catalog: Catalog, ls: str, lt: str, cs: str, ct: str) -> None:
    """The checks a schema cannot express: ids that refer to each other, order, monotonic bars."""
    group_ids = [g.id for g in catalog.groups]
    if len(set(group_ids)) != len(group_ids):
        raise _fail(ls, lt, ("groups",), "group ids must be unique")
    skill_ids = [s.id for s in catalog.skills]
    seen: set[str] = set()
    for i, skill in enumerate(catalog.skills):
        if skill.id in seen:
            raise _fail(ls, lt, ("skills", i, "id"), f"skill id {skill.id!r} appears twice")
        seen.add(skill.id)
        if skill.group not in group_ids:
            raise _fail(ls, lt, ("skills", i, "group"), f"unknown group {skill.group!r}")
        for lang in ("en", "zh"):
            if len(skill.anchors.get(lang)) != 5:
                raise _fail(
                    ls,
                    lt,
                    ("skills", i, "anchors", lang),
                    f"needs exactly 5 anchors (one per rating), found {len(skill.anchors.get(lang))}",
                )
    for required in CPO_SKILLS:
        if required not in seen:
            raise _fail(ls, lt, ("skills",), f"the catalogue must contain the skill {required!r}")

    ids = tuple(lv.id for lv in catalog.levels)
    if ids != LEVEL_IDS:
        raise _fail(ls, lt, ("levels",), f"levels must be {', '.join(LEVEL_IDS)} in that order")
    previous = None
    for i, level in enumerate(catalog.levels):
        for skill_id in level.defining_skills:
            if skill_id not in seen:
                raise _fail(ls, lt, ("levels", i, "defining_skills"), f"unknown skill id {skill_id!r}")
        if len(set(level.defining_skills)) != len(level.defining_skills):
            raise _fail(ls, lt, ("levels", i, "defining_skills"), "a skill is named twice")
        missing = [s for s in skill_ids if s not in level.skill_minimums]
        unknown = [s for s in level.skill_minimums if s not in seen]
        if missing:
            raise _fail(ls, lt, ("levels", i, "skill_minimums"), f"no minimum for skill {missing[0]!r}")
        if unknown:
            raise _fail(ls, lt, ("levels", i, "skill_minimums", unknown[0]), "unknown skill id")
        for field in ("responsibilities", "kpis"):
            pair = getattr(level, field)
            if len(pair.en) != len(pair.zh) or not pair.en:
                raise _fail(
                    ls, lt, ("levels", i, field), "needs the same, non-zero number of en and zh items"
                )
        if len(level.network.actions.en) != len(level.network.actions.zh):
            raise _fail(ls, lt, ("levels", i, "network", "actions"), "en and zh lists differ in length")
        if previous is not None:
            for field in ("min_years_experience", "min_years_managing", "typical_years_experience"):
                if getattr(level, field) < getattr(previous, field):
                    raise _fail(ls, lt, ("levels", i, field), f"falls below {previous.id}'s value")
            if level.network.target < previous.network.target:
                raise _fail(ls, lt, ("levels", i, "network", "target"), f"falls below {previous.id}'s value")
            for skill_id in skill_ids:
                if level.skill_minimums[skill_id] < previous.skill_minimums[skill_id]:
                    raise _fail(
                        ls,
                        lt,
                        ("levels", i, "skill_minimums", skill_id),
                        f"{level.skill_minimums[skill_id]} falls below {previous.id}'s "
                        f"{previous.skill_minimums[skill_id]}: thresholds never fall up the ladder",
                    )
        previous = level

    if catalog.tracks.ic_top not in ids:
        raise _fail(ls, lt, ("tracks", "ic_top"), f"unknown level id {catalog.tracks.ic_top!r}")
    top = ids.index(catalog.tracks.ic_top)
    for i, level in enumerate(catalog.levels):
        if (i > top) != (level.min_years_managing > 0):
            raise _fail(
                ls,
                lt,
                ("levels", i, "min_years_managing"),
                "levels above tracks.ic_top need years of managing people, and only they",
            )
    first_manager = top + 1

    course_ids: set[str] = set()
    for i, course in enumerate(catalog.courses):
        if course.executive and any(ids.index(lv) < first_manager for lv in course.levels if lv in ids):
            raise _fail(
                cs,
                ct,
                ("courses", i, "levels"),
                "an executive programme serves only levels that manage people",
            )
        if course.cost and course.cost_seen is None:
            raise _fail(cs, ct, ("courses", i, "cost_seen"), "a cost needs the year it was seen")
        if course.cost_seen is not None and (
            catalog.courses_reviewed is None or catalog.courses_reviewed - course.cost_seen > 3
        ):
            raise _fail(
                cs, ct, ("courses", i, "cost"), "a cost seen more than 3 years before `reviewed` is stale"
            )
        if course.id in course_ids:
            raise _fail(cs, ct, ("courses", i, "id"), f"course id {course.id!r} appears twice")
        course_ids.add(course.id)
        for skill_id in course.skills:
            if skill_id not in seen:
                raise _fail(cs, ct, ("courses", i, "skills"), f"unknown skill id {skill_id!r}")
        for level_id in course.levels:
            if level_id not in ids:
                raise _fail(cs, ct, ("courses", i, "levels"), f"unknown level id {level_id!r}")
        if (course.kind == "degree") != (course.degree is not None):
            raise _fail(cs, ct, ("courses", i, "degree"), "a degree course names its degree id, and only it")
