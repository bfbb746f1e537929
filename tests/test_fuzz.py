"""Property-based tests: whatever bytes arrive, the loaders return a model or one clean error.

Case counts: see the profiles in conftest (the `ci` profile runs more than 10,000 cases in all).
"""

from __future__ import annotations

import itertools
import json
import math
import os
import tempfile
import tomllib
from typing import Any

import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pmpath.answers import read_answers
from pmpath.catalog import data_dir, parse_catalog
from pmpath.errors import InputError
from pmpath.models import Answers, Catalog

_TMP = tempfile.mkdtemp(prefix="pmpath-fuzz-")


def assert_clean(exc: InputError, source: str) -> None:
    message = exc.message
    assert message.startswith(f"{source}: "), message
    assert "\n" not in message and "\r" not in message, repr(message)
    assert "Traceback" not in message
    assert "errors.pydantic.dev" not in message and "pydantic" not in message.lower()
    assert exc.__cause__ is None, "chained to another exception"
    assert exc.__context__ is None or exc.__suppress_context__, "raised inside except without `from None`"
    assert exc.exit_code == 2


def load(data: bytes, suffix: str, catalog: Catalog) -> Answers | None:
    fd, path = tempfile.mkstemp(dir=_TMP, suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        error = None
        try:
            return read_answers(path, catalog)
        except InputError as exc:
            error = exc
        assert_clean(error, path)
        return None
    finally:
        os.unlink(path)


# ------------------------------------------------------------------ strategies

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
weird_keys = st.text(min_size=1, max_size=12)


@st.composite
def answers_data(draw: st.DrawFn, catalog: Catalog) -> dict[str, Any]:
    """A valid answers dict, then zero or more mutations of the kinds people and tools make."""
    profile: dict[str, Any] = {
        "name": draw(st.text(max_size=40)),
        "years_experience": draw(st.floats(min_value=0, max_value=70) | st.integers(0, 70)),
        "years_managing": draw(st.integers(0, 30)),
        "degrees": draw(
            st.lists(st.sampled_from(["none", "bachelor", "master", "mba", "ms_cs", "phd"]), max_size=3)
        ),
        "network_size": draw(st.integers(0, 10_000_000)),
    }
    ratings: dict[str, Any] = {s: draw(st.integers(1, 5)) for s in catalog.skill_ids}
    data: dict[str, Any] = {"profile": profile, "ratings": ratings}
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["drop", "retype", "extra", "range", "table"]))
        table = draw(st.sampled_from(["profile", "ratings"]))
        keys = list(data[table]) if isinstance(data.get(table), dict) else []
        if kind == "drop" and keys:
            del data[table][draw(st.sampled_from(keys))]
        elif kind == "retype" and keys:
            data[table][draw(st.sampled_from(keys))] = draw(scalars)
        elif kind == "extra" and isinstance(data.get(table), dict):
            data[table][draw(weird_keys)] = draw(scalars)
        elif kind == "range" and keys:
            data[table][draw(st.sampled_from(keys))] = draw(
                st.sampled_from([-1, 0, 6, 71, -0.5, 1e308, 10**20, 2**63])
            )
        elif kind == "table":
            data[draw(st.sampled_from(["profile", "ratings", "extra"]))] = draw(scalars)
    return data


def _toml_safe(value: Any) -> bool:
    try:
        tomli_w.dumps(value)
        return True
    except (TypeError, ValueError):
        return False


# ------------------------------------------------------------------ answers loader


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_answers_as_toml(catalog, data):
    value = data.draw(answers_data(catalog))
    assume(_toml_safe(value))
    text = tomli_w.dumps(value)
    if data.draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = text.encode()
    if data.draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    result = load(raw, ".toml", catalog)
    if result is not None:
        assert set(result.ratings) == set(catalog.skill_ids)
        assert all(1 <= r <= 5 for r in result.ratings.values())
        assert 0 <= result.profile.years_experience <= 70


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_answers_as_json(catalog, data):
    value = data.draw(answers_data(catalog))
    text = json.dumps(value, allow_nan=True)  # NaN and Infinity reach the loader as JSON tokens
    result = load(text.encode(), ".json", catalog)
    if result is not None:
        assert math.isfinite(result.profile.years_experience)


@given(raw=st.binary(max_size=400), suffix=st.sampled_from([".toml", ".json", ".txt"]))
def test_arbitrary_bytes(catalog, raw, suffix):
    load(raw, suffix, catalog)


@given(data=st.data())
def test_broken_syntax_near_a_valid_file(catalog, data):
    value = data.draw(answers_data(catalog))
    assume(_toml_safe(value))
    text = data.draw(st.sampled_from([tomli_w.dumps(value), json.dumps(value)]))
    position = data.draw(st.integers(0, len(text)))
    junk = data.draw(
        st.text(min_size=1, max_size=6)
        | st.sampled_from(["[", "{", '"', "=", "\n[ratings]\n", "\x00", "\ud7ff"])
    )
    mangled = text[:position] + junk + text[position + data.draw(st.integers(0, 3)) :]
    load(mangled.encode("utf-8", "surrogatepass"), data.draw(st.sampled_from([".toml", ".json"])), catalog)


@given(key=weird_keys, duplicate=st.booleans())
def test_duplicate_and_odd_keys(catalog, key, duplicate):
    body = {
        "profile": {"years_experience": 1, "network_size": 1},
        "ratings": {s: 3 for s in catalog.skill_ids},
    }
    text = json.dumps(body)
    extra = f'"ratings": {{"{json.dumps(key)[1:-1]}": 3}}' if duplicate else f'"{json.dumps(key)[1:-1]}": 1'
    text = text[:-1] + ", " + extra + "}"
    assert load(text.encode(), ".json", catalog) is None


@given(depth=st.integers(1, 3000))
def test_deep_nesting(catalog, depth):
    load(("a = " + "[" * depth + "]" * depth).encode(), ".toml", catalog)
    load(('{"profile": ' + "[" * depth + "]" * depth + "}").encode(), ".json", catalog)


# ------------------------------------------------------------------ catalogue loader

LEVELS = (data_dir() / "levels.toml").read_text(encoding="utf-8")
COURSES = (data_dir() / "courses.toml").read_text(encoding="utf-8")
LEVELS_DATA = tomllib.loads(LEVELS)
COURSES_DATA = tomllib.loads(COURSES)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


LEVEL_PATHS = _paths(LEVELS_DATA)
COURSE_PATHS = _paths(COURSES_DATA)


def _mutate(root: Any, path: tuple, action: str, value: Any) -> Any:
    import copy

    root = copy.deepcopy(root)
    parent = root
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    else:
        parent[last] = value
    return root


def _check_catalog(levels_text: str, courses_text: str) -> None:
    error = None
    try:
        catalog = parse_catalog(levels_text, courses_text, "levels.toml", "courses.toml")
    except InputError as exc:
        error = exc
    if error is not None:
        source = "levels.toml" if error.message.startswith("levels.toml: ") else "courses.toml"
        assert_clean(error, source)
        return
    for path in (catalog.path, *catalog.track_paths.values()):  # bars rise up every track
        for lower, higher in itertools.pairwise(path):
            for skill_id, minimum in lower.skill_minimums.items():
                assert higher.skill_minimums[skill_id] >= minimum


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.sampled_from(["levels", "courses"]),
    index=st.integers(min_value=0),
    action=st.sampled_from(["delete", "replace"]),
    value=scalars,
)
def test_mutated_catalogue(which, index, action, value):
    data, paths = (LEVELS_DATA, LEVEL_PATHS) if which == "levels" else (COURSES_DATA, COURSE_PATHS)
    path = paths[index % len(paths)]
    mutated = _mutate(data, path, action, value)
    assume(_toml_safe(mutated))
    text = tomli_w.dumps(mutated)
    if which == "levels":
        _check_catalog(text, COURSES)
    else:
        _check_catalog(LEVELS, text)


@given(position=st.integers(min_value=0), junk=st.text(min_size=1, max_size=4), which=st.booleans())
def test_catalogue_text_damage(position, junk, which):
    text = LEVELS if which else COURSES
    position %= len(text)
    damaged = text[:position] + junk + text[position + 1 :]
    if which:
        _check_catalog(damaged, COURSES)
    else:
        _check_catalog(LEVELS, damaged)
