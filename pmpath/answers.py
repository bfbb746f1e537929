"""Answers files (TOML, JSON or stdin) to and from the Answers model, checked against the catalogue."""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, TypeVar

from pmpath.errors import InputError, Msg
from pmpath.models import Answers, Catalog, Profile, Review, ReviewMeta, dump, validate
from pmpath.parsing import (
    decode,
    locate_line,
    parse_json,
    parse_toml,
    read_bounded,
    read_stream,
    validation_error,
)
from pmpath.text import portable

_HINT = Msg("h_answers")
STDIN = "-"


def read_answers(spec: str, catalog: Catalog, stdin: BinaryIO | None = None) -> Answers:
    """Read answers from a path or from `-` (stdin) and validate them fully."""
    source, text, fmt = read_source(spec, stdin)
    return parse_answers(text, source, catalog, fmt)


def read_source(spec: str, stdin: BinaryIO | None = None) -> tuple[str, str, str | None]:
    if spec == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return "<stdin>", decode(read_stream(stream, "<stdin>"), "<stdin>"), None
    path = Path(spec)
    shown = portable(spec)
    try:
        data = read_bounded(spec, shown)
    except InputError as exc:
        if exc.said.key == "e_no_file":
            exc.hinted = _HINT
        raise
    spec = shown
    suffix = path.suffix.lower()
    fmt = "json" if suffix == ".json" else "toml" if suffix == ".toml" else None
    return spec, decode(data, spec), fmt


def load_raw(text: str, source: str, fmt: str | None = None) -> dict[str, Any]:
    if fmt is None:
        fmt = "json" if text.lstrip().startswith("{") else "toml"
    return parse_json(text, source) if fmt == "json" else parse_toml(text, source)


def parse_answers(text: str, source: str, catalog: Catalog, fmt: str | None = None) -> Answers:
    raw = load_raw(text, source, fmt)
    return answers_from_raw(raw, text, source, catalog)


M = TypeVar("M", Answers, Review)


def validated(model: type[M], raw: dict[str, Any], text: str, source: str, hint: str | Msg) -> M:
    """The model pydantic makes of `raw`, or its first complaint as one line with the line number."""
    from pydantic import ValidationError

    try:
        return validate(model, raw)
    except ValidationError as exc:
        raise validation_error(exc, source, text, hint) from None


def answers_from_raw(raw: dict[str, Any], text: str, source: str, catalog: Catalog) -> Answers:
    if is_review(raw):
        raise InputError(Msg("e_review_not_answers", source=source), hint=Msg("h_review_not_answers"))
    fast = fast_answers(raw, catalog)  # plainly valid files skip pydantic (~60 ms at start-up)
    if fast is not None:
        return fast
    answers = validated(Answers, raw, text, source, _HINT)
    check_ratings(answers, catalog, source, text)
    check_company_level(answers, catalog, source, text)
    return answers


def check_company_level(answers: Answers, catalog: Catalog, source: str, text: str = "") -> None:
    """A company grade pmpath cannot read is a typo to fix, not a placement to guess: the line
    names the companies (or that company's grades) it knows."""
    from pmpath.catalog import companies_for
    from pmpath.equivalents import find_grade
    from pmpath.parsing import locate_line

    given = answers.profile.company_level
    table = companies_for(catalog) if given is not None else None
    if given is None or table is None:
        return
    company, grades = find_grade(table, given)
    if company is not None and grades:
        return
    line = locate_line(text, ("profile", "company_level")) if text else None
    where = Msg("line_suffix", line=line) if line else ""
    if company is None:
        what, hint = (
            Msg("e_company_unknown", id=repr(given.partition(":")[0])),
            Msg("h_companies", ids=", ".join(c.id for c in table.companies)),
        )
    else:
        codes = ", ".join(dict.fromkeys(g.code for g in company.levels))
        what, hint = (
            Msg("e_company_code", code=repr(given.partition(":")[2])),
            Msg("h_company_codes", codes=codes),
        )
    raise InputError(
        Msg("e_field", source=source, field="profile.company_level", what=what, line=where, more=""),
        hint=hint,
    )


_REVIEW_HINT = Msg("h_review")


def is_review(raw: dict[str, Any]) -> bool:
    """A review file has a [review] table and no [profile]: the cohort tells them apart by this."""
    return "review" in raw and "profile" not in raw


def read_review(spec: str, catalog: Catalog, stdin: BinaryIO | None = None) -> Review:
    source, text, fmt = read_source(spec, stdin)
    return parse_review(text, source, catalog, fmt)


def read_reviews(specs: list[str], catalog: Catalog) -> list[tuple[str, Review]]:
    """Read every review before any question is asked: a broken file fails fast, and loses
    nothing. Each file once, however it is named (`distinct_files`); each with its name, for
    `check_about` to blame."""
    if not specs:
        return []
    if specs.count("-") > 1:
        raise InputError(Msg("e_review_stdin_once"))
    return [(spec, read_review(spec, catalog)) for spec in distinct_files(specs)]


def distinct_files(specs: list[str]) -> list[str]:
    """Each file once, however it is named: the same review given twice, or through a symlink
    or a hard link, is one rater, and counting it twice could lift a withheld rating into view.
    A name that cannot be stat'ed stays, so reading it says what is wrong."""
    import os

    seen: set[tuple[int, int]] = set()
    out: list[str] = []
    for spec in specs:
        if spec != "-":
            try:
                info = os.stat(spec)
            except OSError:
                out.append(spec)
                continue
            key = (info.st_dev, info.st_ino)
            if key in seen:
                continue
            seen.add(key)
        out.append(spec)
    return out


def check_about(profile: Profile, read: list[tuple[str, Review]]) -> None:
    """A review of someone else must not move this person's placement: matched as a cohort
    matches (pmpath.cohort.about_matches), by id where both give one, else by name."""
    from pmpath.identity import about_matches

    for spec, rev in read:
        if not about_matches(rev.review, profile):
            about = rev.review.about_id if rev.review.about_id is not None else rev.review.about
            mine = profile.id if rev.review.about_id is not None else profile.name.strip()
            raise InputError(
                Msg("e_review_about", source=portable(spec), about=repr(about), mine=repr(mine)),
                hint=Msg("h_review_about"),
            )


def parse_review(text: str, source: str, catalog: Catalog, fmt: str | None = None) -> Review:
    raw = load_raw(text, source, fmt)
    return review_from_raw(raw, text, source, catalog)


def review_from_raw(raw: dict[str, Any], text: str, source: str, catalog: Catalog) -> Review:
    if "profile" in raw and "review" not in raw:
        raise InputError(Msg("e_answers_not_review", source=source), hint=Msg("h_answers_not_review"))
    review = fast_review(raw, catalog) or validated(Review, raw, text, source, _REVIEW_HINT)
    if not review.review.about and review.review.about_id is None:
        # one of the two names the person reviewed: a review about nobody moves nobody
        line = locate_line(text, ("review",))
        where = Msg("line_suffix", line=line) if line else ""
        said = Msg("e_field", source=source, field="review.about", what=Msg("e_missing"), line=where, more="")
        raise InputError(said, hint=_REVIEW_HINT)
    if review.review.role != "manager" and review.review.by:
        # anonymity: a peer's, report's or other rater's name is dropped at the door
        review = replace(review, review=replace(review.review, by=""))
    _known_skills(review.ratings, catalog, source, text)
    return review


def _known_skills(ratings: dict[str, int], catalog: Catalog, source: str, text: str) -> None:
    """An unknown skill id is named with its line; a file whose ids are mostly unknown was made
    for another ladder, and says so rather than listing a typo."""
    known = catalog.skill_ids
    unknown = [s for s in ratings if s not in known]
    if not unknown:
        return
    line = locate_line(text, ("ratings", unknown[0]))
    where = Msg("line_suffix", line=line) if line else ""
    from pmpath.catalog import ladder_label

    skills = {"ladder": ladder_label(catalog.name), "skills": ", ".join(known)}
    if len(unknown) * 2 > len(ratings):
        said = Msg(
            "e_other_ladder",
            source=source,
            n=len(unknown),
            total=len(ratings),
            ladder=ladder_label(catalog.name),
            first=unknown[0],
            line=where,
        )
        raise InputError(said, hint=Msg("h_other_ladder", **skills))
    field = f"ratings.{unknown[0]}"
    raise InputError(
        Msg("e_field", source=source, field=field, what=Msg("e_unknown_skill_id"), line=where, more=""),
        hint=Msg("h_ladder_skills", **skills),
    )


def check_ratings(answers: Answers, catalog: Catalog, source: str, text: str = "") -> None:
    """Every catalogue skill rated, nothing else: a typo in a skill id must not pass silently."""
    known = catalog.skill_ids
    _known_skills(answers.ratings, catalog, source, text)
    missing = [s for s in known if s not in answers.ratings]
    if missing:
        more = Msg("and_more", n=len(missing) - 1) if len(missing) > 1 else ""
        field = f"ratings.{missing[0]}"
        raise InputError(
            Msg("e_field", source=source, field=field, what=Msg("e_missing"), line="", more=more),
            hint=Msg("h_every_rating"),
        )


def answers_to_data(answers: Answers, catalog: Catalog | None = None) -> dict[str, Any]:
    """Plain data in the answers-file shape, ratings in catalogue order so diffs stay readable."""
    profile = dump(answers.profile)
    profile["degrees"] = list(profile["degrees"])
    if not profile["name"]:
        del profile["name"]
    profile = {k: v for k, v in profile.items() if v is not None}  # optional fields left out
    if profile.get("business") == "other":
        del profile["business"]  # the default: files saved before business existed stay the same
    order = catalog.skill_ids if catalog else tuple(answers.ratings)
    ratings = {s: answers.ratings[s] for s in order if s in answers.ratings}
    return {"profile": _tidy_numbers(profile), "ratings": ratings}


def review_to_data(review: Review, catalog: Catalog | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"about": review.review.about, "role": review.review.role}
    if review.review.by:
        meta["by"] = review.review.by
    order = catalog.skill_ids if catalog else tuple(review.ratings)
    return {"review": meta, "ratings": {s: review.ratings[s] for s in order if s in review.ratings}}


def _tidy_numbers(profile: dict[str, Any]) -> dict[str, Any]:
    """Write 6 rather than 6.0: people edit these files by hand."""
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in profile.items()}


def dumps_toml(data: dict[str, Any], header: str = "") -> str:
    import tomli_w

    return header + tomli_w.dumps(data)


class _Limits(NamedTuple):
    years: tuple[float, float]
    rating: tuple[int, int]
    network: tuple[int, int]
    name: int
    about: int
    by: int
    text: int


@functools.cache
def _limits() -> _Limits:
    """The numbers the models declare (their `Check` markers), read once for the fast checks."""
    from pmpath.models import PersonText, Profile, Rating, ReviewMeta, Years, field_limits, limits

    years, rating, network = limits(Years), limits(Rating), field_limits(Profile, "network_size")
    return _Limits(
        years=(years["ge"], years["le"]),
        rating=(rating["ge"], rating["le"]),
        network=(network["ge"], network["le"]),
        name=field_limits(Profile, "name")["max_length"],
        about=field_limits(ReviewMeta, "about")["max_length"],
        by=field_limits(ReviewMeta, "by")["max_length"],
        text=limits(PersonText)["max_length"],
    )


def _ratings_plain(values: Iterable[Any]) -> bool:
    low, high = _limits().rating
    return all(type(r) is int and low <= r <= high for r in values)


_PROFILE_KEYS = frozenset(f.name for f in dataclasses.fields(Profile))


def _years(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    low, high = _limits().years
    return number if low <= number <= high else None  # NaN fails both comparisons


def fast_answers(raw: dict[str, Any], catalog: Catalog) -> Answers | None:
    """The answers when `raw` is plainly valid, checked without pydantic; None when anything
    is unusual, and pydantic's validation (which explains) decides. Never more lenient than the
    model: a test holds the two to the same verdicts."""
    from pmpath.ids import DEGREE_IDS
    from pmpath.models import Profile

    profile, ratings = raw.get("profile"), raw.get("ratings")
    if set(raw) != {"profile", "ratings"} or not isinstance(profile, dict) or not isinstance(ratings, dict):
        return None
    if not set(profile) <= _PROFILE_KEYS or set(ratings) != set(catalog.skill_ids):
        return None
    if "company_level" in profile:
        return None  # rare, and checked against the company table: the full path decides
    if "business" in profile:
        return None  # optional and rare: the model's Literal check decides (and explains a typo)
    name = profile.get("name", "")
    years, managing = _years(profile.get("years_experience")), _years(profile.get("years_managing", 0.0))
    degrees, network = profile.get("degrees", []), profile.get("network_size")
    bounds = _limits()
    if not isinstance(name, str) or len(name) > bounds.name or years is None or managing is None:
        return None
    if not isinstance(degrees, list) or not all(isinstance(d, str) and d in DEGREE_IDS for d in degrees):
        return None
    if type(network) is not int or not bounds.network[0] <= network <= bounds.network[1]:
        return None
    identity = _identity(profile)
    if identity is None or not _ratings_plain(ratings.values()):
        return None
    return Answers(
        profile=Profile(
            name=name,
            years_experience=years,
            years_managing=managing,
            degrees=tuple(degrees),
            network_size=network,
            id=identity.get("id"),
            team=identity.get("team"),
            manager=identity.get("manager"),
        ),
        ratings=dict(ratings),
    )


_IDENTITY = ("id", "team", "manager")
"""The optional identity fields of a profile (issue 39), each a `PersonText`."""


def _identity(profile: dict[str, Any]) -> dict[str, str] | None:
    """The identity fields given, when each is plain; else None (pydantic decides)."""
    identity = {k: profile[k] for k in _IDENTITY if k in profile}
    return identity if all(_plain_text(v) for v in identity.values()) else None


def _plain_text(value: Any) -> bool:
    """A `PersonText` the model would keep as it is: one printable line, trimmed, 1-100 long.
    Anything else (spaces to trim or fold, a hidden character) goes to pydantic, which explains."""
    from pmpath.text import hidden_char

    return (
        isinstance(value, str)
        and 0 < len(value) <= _limits().text
        and value == " ".join(value.split())
        and hidden_char(value) is None
    )


_REVIEW_KEYS = frozenset(f.name for f in dataclasses.fields(ReviewMeta))


def fast_review(raw: dict[str, Any], catalog: Catalog) -> Review | None:
    """The review when `raw` is plainly valid, without pydantic (a cohort may hold thousands);
    None when anything is unusual, and pydantic decides. Names with surrounding spaces go to
    pydantic too, which trims them: never more lenient than the model, as a test holds."""
    from pmpath.models import REVIEW_ROLES, ReviewMeta

    meta, ratings = raw.get("review"), raw.get("ratings")
    if set(raw) != {"review", "ratings"} or not isinstance(meta, dict) or not isinstance(ratings, dict):
        return None
    if not set(meta) <= _REVIEW_KEYS or meta.get("role") not in REVIEW_ROLES:
        return None
    names = _plain_names(meta)
    if names is None:
        return None
    about, by, about_id = names
    known = catalog.skill_ids
    if not ratings or not all(s in known for s in ratings):
        return None
    if not _ratings_plain(ratings.values()):
        return None
    meta_model = ReviewMeta(about=about, role=meta["role"], by=by, about_id=about_id)
    return Review(review=meta_model, ratings=dict(ratings))


def _plain_names(meta: dict[str, Any]) -> tuple[str, str, str | None] | None:
    """`about`, `by` and `about_id` when each is as the model would keep it; else None. `about`
    may be left out for an `about_id` (the model's default, which it never checks)."""
    about_id = meta.get("about_id")
    about, by = meta.get("about", "" if about_id is not None else None), meta.get("by", "")
    if not isinstance(about, str) or not isinstance(by, str):
        return None
    if about_id is not None and not _plain_text(about_id):
        return None
    bounds = _limits()
    left_out = "about" not in meta and about_id is not None
    if (
        (not left_out and not 0 < len(about) <= bounds.about)
        or len(by) > bounds.by
        or about != about.strip()
        or by != by.strip()
    ):
        return None
    return about, by, about_id
