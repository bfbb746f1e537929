"""Answers files: TOML, JSON and stdin in; one clear line out for anything wrong."""

from __future__ import annotations

import json
import re

import pytest

from pmpath.answers import answers_to_data, dumps_toml, parse_answers, read_answers
from pmpath.errors import InputError

from conftest import answers_toml


def test_toml_answers_parse(catalog):
    answers = parse_answers(answers_toml(catalog), "a.toml", catalog, "toml")
    assert answers.profile.years_experience == 6
    assert answers.profile.degrees == ("bachelor",)
    assert set(answers.ratings) == set(catalog.skill_ids)


def test_json_with_the_same_shape_parses(catalog):
    data = {
        "profile": {"years_experience": 2.5, "network_size": 10},
        "ratings": {s: 2 for s in catalog.skill_ids},
    }
    answers = parse_answers(json.dumps(data), "a.json", catalog, "json")
    assert answers.profile.years_experience == 2.5
    assert answers.profile.years_managing == 0 and answers.profile.degrees == ()


def test_format_is_sniffed_for_stdin(catalog):
    data = {
        "profile": {"years_experience": 1, "network_size": 0},
        "ratings": {s: 1 for s in catalog.skill_ids},
    }
    import io

    answers = read_answers("-", catalog, stdin=io.BytesIO(json.dumps(data).encode()))
    assert answers.profile.years_experience == 1
    answers = read_answers("-", catalog, stdin=io.BytesIO(answers_toml(catalog).encode()))
    assert answers.profile.network_size == 800


def test_round_trip_through_the_saved_format(catalog):
    answers = parse_answers(answers_toml(catalog), "a.toml", catalog, "toml")
    text = dumps_toml(answers_to_data(answers, catalog))
    assert parse_answers(text, "b.toml", catalog, "toml") == answers
    assert "years_experience = 6\n" in text  # whole numbers stay whole for people editing by hand


def _error(catalog, text, fmt="toml", source="a.toml"):
    with pytest.raises(InputError) as exc:
        parse_answers(text, source, catalog, fmt)
    message = exc.value.message
    assert "\n" not in message and "Traceback" not in message and "pydantic" not in message
    assert message.startswith(f"{source}: ")
    return message


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        (
            {"strategy": "7"},
            r"^a\.toml: ratings\.strategy: Input should be less than or equal to 5 \(line \d+\)$",
        ),
        ({"strategy": "0"}, r"ratings\.strategy: Input should be greater than or equal to 1"),
        ({"strategy": '"high"'}, r"ratings\.strategy: Input should be a valid integer"),
        ({"strategy": "3.5"}, r"ratings\.strategy: Input should be a valid integer"),
        (
            {"years_experience": "-1"},
            r"profile\.years_experience: Input should be greater than or equal to 0 \(line 3\)",
        ),
        (
            {"years_experience": '"six"'},
            r"profile\.years_experience: Input should be a valid number \(line 3\)",
        ),
        ({"years_experience": "1e9"}, r"profile\.years_experience: Input should be less than or equal to 70"),
        (
            {"network_size": "-5"},
            r"profile\.network_size: Input should be greater than or equal to 0 \(line 6\)",
        ),
        ({"degrees": '["mba", "jedi"]'}, r"profile\.degrees\[1\]: Input should be 'none', 'bachelor'"),
    ],
)
def test_bad_values_name_file_field_and_line(catalog, override, expected):
    message = _error(catalog, answers_toml(catalog, **override))
    assert re.search(expected, message), message


def test_missing_skill_is_named(catalog):
    text = re.sub(r"(?m)^delegation = 3\n", "", answers_toml(catalog))
    assert _error(catalog, text) == "a.toml: ratings.delegation: missing"


def test_unknown_skill_is_named_with_its_line(catalog):
    text = answers_toml(catalog) + "strategyy = 3\n"
    line = text.splitlines().index("strategyy = 3") + 1
    assert _error(catalog, text) == f"a.toml: ratings.strategyy: unknown skill id (line {line})"


def test_missing_profile_field(catalog):
    text = re.sub(r"(?m)^network_size = .*\n", "", answers_toml(catalog))
    assert _error(catalog, text) == "a.toml: profile.network_size: missing"


def test_unknown_top_level_table(catalog):
    message = _error(catalog, answers_toml(catalog) + "\n[extra]\nx = 1\n")
    assert re.match(r"a\.toml: extra: unknown field \(line \d+\)", message)


def test_toml_syntax_error_has_line_and_column(catalog):
    text = answers_toml(catalog).replace("years_managing = 1", "years_managing = ")
    assert re.match(r"a\.toml: line 4, column \d+: TOML syntax error", _error(catalog, text))


def test_json_syntax_error_has_line_and_column(catalog):
    assert re.match(
        r"a\.json: line 2, column \d+: JSON syntax error",
        _error(catalog, '{"profile":\n  {,}}', "json", "a.json"),
    )


def test_json_duplicate_keys_and_nan_are_errors(catalog):
    assert "appears twice" in _error(catalog, '{"profile": {}, "profile": {}}', "json", "a.json")
    assert "NaN is not a valid number" in _error(
        catalog, '{"profile": {"years_experience": NaN}}', "json", "a.json"
    )


def test_bom_and_crlf_are_accepted(catalog, tmp_path):
    path = tmp_path / "win.toml"
    path.write_bytes(b"\xef\xbb\xbf" + answers_toml(catalog).replace("\n", "\r\n").encode())
    assert read_answers(str(path), catalog).profile.years_experience == 6


def test_non_utf8_names_the_line(catalog, tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(answers_toml(catalog).replace("Test Person", "Jos\xe9").encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.toml: line 2: not valid UTF-8"):
        read_answers(str(path), catalog)


def test_missing_file_and_directory(catalog, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_answers(str(tmp_path / "nope.toml"), catalog)
    with pytest.raises(InputError, match="is a directory"):
        read_answers(str(tmp_path), catalog)


def test_huge_file_is_refused_before_parsing(catalog, tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(answers_toml(catalog).encode() + b"#" * (10 * 1024 * 1024))
    with pytest.raises(InputError, match=r"big\.toml: file is too large \(10\.0 MB"):
        read_answers(str(path), catalog)
