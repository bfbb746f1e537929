"""A company's own ladder: generated ladders (other ids, 3-9 levels, 5-20 skills, tracks) through
every command, broken ladders to one line and exit 2, and the two example ladders."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

GITLAB = ROOT / "examples" / "ladders" / "gitlab"
MINIMAL = ROOT / "examples" / "ladders" / "minimal"


def make_ladder(
    where: Path, levels: int, skills: int, *, tracks: bool = False, name: str | None = None, zh: bool = False
) -> Path:
    """A ladder written the way a company would: own ids, minimums that rise, a course or two."""
    where.mkdir(parents=True, exist_ok=True)
    sids = [f"skill_{chr(97 + j // 26)}{chr(97 + j % 26)}" for j in range(skills)]
    out = ["schema_version = 1"]
    if name:
        out.append(f'name = "{name}"')
    trunk = levels
    if tracks:
        trunk = levels - 4  # two rungs on each track
        out += [
            "[tracks]",
            f'join = "rung_{trunk - 1}"',
            'top = "lead"',
            'names.craft.en = "Craft"',
            'names.lead.en = "Leadership"',
            'switch_note.en = "Leadership needs people skills."',
            'source = "test ladder"',
        ]
    for j, sid in enumerate(sids):
        out += [
            "[[skills]]",
            f'id = "{sid}"',
            f'name.en = "Skill {j}"',
            f'summary.en = "What skill {j} is."',
            'source = "test ladder"',
            "anchors.en = [" + ", ".join(f'"skill {j} at {r}"' for r in range(1, 6)) + "]",
        ]
        if zh:
            out.append(f'name.zh = "技能{j}"')
            out.append("anchors.zh = [" + ", ".join(f'"技能{j}第{r}级"' for r in range(1, 6)) + "]")

    def level(lid: str, height: int, top: int, track: str | None = None) -> list[str]:
        mins = ", ".join(f"{s} = {min(5, 1 + (height * 4 + j) // max(1, top))}" for j, s in enumerate(sids))
        lines = [
            "[[levels]]",
            f'id = "{lid}"',
            f'name.en = "Level {lid}"',
            f'summary.en = "What {lid} does."',
            'source = "test ladder"',
            f"min_years_experience = {height}",
            f"skill_minimums = {{ {mins} }}",
        ]
        if height:
            lines.append(f'defining_skills = ["{sids[height % len(sids)]}"]')
        if track:
            lines.append(f'track = "{track}"')
        return lines

    for i in range(trunk):
        out += level(f"rung_{i}", i, levels - 1)
    if tracks:
        for track in ("craft", "lead"):
            for k in (0, 1):
                out += level(f"{track}_{k}", trunk + k + (track == "lead"), levels - 1, track)
    (where / "levels.toml").write_text("\n".join(out) + "\n")
    course = [
        "schema_version = 1",
        "[[courses]]",
        'id = "a-course"',
        'name = "A course"',
        'provider = "Someone"',
        'kind = "course"',
        f'skills = ["{sids[0]}"]',
        f"levels = [{', '.join(repr(f'rung_{i}') for i in range(1, trunk))}]".replace("'", '"'),
        'levels_reason = "test"',
        'source = "test ladder"',
        'confidence = "S"',
    ]
    (where / "courses.toml").write_text("\n".join(course) + "\n")
    return where


def answers_for(where: Path, path: Path, rating: int = 3, years: float = 4, name: str = "Pat") -> Path:
    ladder = tomllib.loads((where / "levels.toml").read_text())
    ratings = "\n".join(f"{s['id']} = {rating}" for s in ladder["skills"])
    path.write_text(
        f'[profile]\nname = "{name}"\nyears_experience = {years}\nnetwork_size = 5\n\n[ratings]\n{ratings}\n'
    )
    return path


SHAPES = [(3, 5, False), (5, 12, False), (9, 20, False), (7, 6, True)]


@pytest.mark.parametrize(("levels", "skills", "tracks"), SHAPES)
def test_every_command_runs_on_a_generated_ladder(invoke, tmp_path, levels, skills, tracks):
    ladder = make_ladder(tmp_path / "co", levels, skills, tracks=tracks)
    lad = ["--ladder", str(ladder)]
    check = invoke("ladder", "check", str(ladder))
    assert check.exit_code == 0, check.stderr
    assert f"{levels} levels" in check.stdout and f"{skills} skills" in check.stdout
    data = json.loads(invoke("levels", "-f", "json", *lad).stdout)
    assert len(data["levels"]) == levels
    assert len(json.loads(invoke("skills", "-f", "json", *lad).stdout)["skills"]) == skills
    assert json.loads(invoke("courses", "-f", "json", *lad).stdout)["courses"][0]["id"] == "a-course"
    schema = json.loads(invoke("schema", "answers", *lad).stdout)
    assert len(schema["properties"]["ratings"]["required"]) == skills
    template = invoke("template", *lad).stdout
    assert template.count(" = 0\n") == skills
    assert invoke("template", "--review", *lad).exit_code == 0

    me = answers_for(ladder, tmp_path / "me.toml", rating=2, years=1)
    report = json.loads(invoke("assess", "-a", str(me), "-f", "json", *lad).stdout)
    top = "lead_1" if tracks else f"rung_{levels - 1}"
    assert report["roadmap"]["target"] == top
    assert report["roadmap"]["steps"][-1]["level"] == top
    assert report["level"]["id"].startswith("rung_")
    if tracks:
        assert list(report["tracks"]) == ["craft", "lead"]
        assert [t["track"] for t in report["tracks"].values()] == ["craft", "lead"]
        assert all(s["level"] != "craft_0" for s in report["roadmap"]["steps"])  # the top track only
    else:
        assert report["tracks"] == {}
    for fmt in ("table", "md", "html"):
        assert invoke("assess", "-a", str(me), "-f", fmt, "--no-pager", *lad).exit_code == 0, fmt

    gate = invoke("assess", "-a", str(me), "--min-level", top, "-f", "json", *lad)
    assert gate.exit_code == 1
    unknown = invoke("assess", "-a", str(me), "--min-level", "cpo", *lad)
    assert (
        unknown.exit_code == 2 and "unknown level id 'cpo'" in unknown.stderr and "rung_0" in unknown.stderr
    )

    people = tmp_path / "people"
    people.mkdir()
    for n, r in enumerate((1, 3, 5)):
        answers_for(ladder, people / f"p{n}.toml", rating=r, years=3 * n, name=f"P{n}")
    cohort = json.loads(invoke("cohort", str(people), "-f", "json", *lad).stdout)
    assert len(cohort["people"]) == 3 and len(cohort["summary"]["levels"]) == levels
    assert invoke("cohort", str(people), "-f", "md", *lad).exit_code == 0

    runs = json.loads(invoke("history", "-f", "json").stdout)["runs"]
    assert runs and runs[-1]["name"] == "Pat"
    assert invoke("progress", "-f", "json", *lad).exit_code == 0
    shown = invoke("history", "show", str(runs[-1]["id"]), "-f", "md", *lad)
    assert shown.exit_code == 0 and "Pat" in shown.stdout
    without = invoke("history", "show", str(runs[-1]["id"]))
    assert without.exit_code == 2 and "made against the ladder 'co'" in without.stderr


def test_pmpath_ladder_env_is_the_default(invoke, tmp_path, monkeypatch):
    ladder = make_ladder(tmp_path / "envlad", 3, 5)
    monkeypatch.setenv("PMPATH_LADDER", str(ladder))
    data = json.loads(invoke("levels", "-f", "json").stdout)
    assert [lv["id"] for lv in data["levels"]] == ["rung_0", "rung_1", "rung_2"]


def test_answers_made_for_another_ladder_say_so(invoke, tmp_path):
    result = invoke("assess", "-a", str(ROOT / "examples" / "alice.toml"), "--ladder", str(MINIMAL))
    assert result.exit_code == 2
    assert "made for another ladder? 14 of 14 skill ids are not in the ladder 'minimal'" in result.stderr
    assert "--ladder" in result.stderr


def test_runs_against_different_ladders_are_not_compared(invoke, tmp_path):
    one = make_ladder(tmp_path / "one", 3, 5)
    two = make_ladder(tmp_path / "two", 3, 5)
    me = answers_for(one, tmp_path / "me.toml")
    assert invoke("assess", "-a", str(me), "-f", "json", "--ladder", str(one)).exit_code == 0
    assert invoke("assess", "-a", str(me), "-f", "json", "--ladder", str(two)).exit_code == 0
    result = invoke("progress", "--ladder", str(two))
    assert result.exit_code == 2 and "different ladders" in result.stderr


# ------------------------------------------------------------------ broken ladders


def _break(tmp_path: Path, levels: str | None = None, courses: str | None = None) -> Path:
    ladder = make_ladder(tmp_path / "bad", 4, 5)
    if levels is not None:
        (ladder / "levels.toml").write_text(levels)
    if courses is not None:
        (ladder / "courses.toml").write_text(courses)
    return ladder


def _levels_text(tmp_path: Path) -> str:
    return (make_ladder(tmp_path / "src", 4, 5) / "levels.toml").read_text()


BROKEN = {
    "unknown skill in minimums": (
        lambda t: _levels_text(t).replace("skill_aa = 2", "skill_zz = 2", 1),
        None,
        r"levels\.toml: levels\[\d\]\.skill_minimums\.skill_zz: unknown skill id \(line \d+\)",
    ),
    "duplicate level id": (
        lambda t: _levels_text(t).replace('id = "rung_2"', 'id = "rung_1"'),
        None,
        r"levels\.toml: levels\[2\]\.id: level id 'rung_1' appears twice",
    ),
    "unordered levels": (
        lambda t: _levels_text(t).replace("skill_aa = 5", "skill_aa = 1"),
        None,
        r"levels\.toml: levels\[3\]\.skill_minimums\.skill_aa: 1 falls below rung_2's",
    ),
    "bad toml": (lambda t: "[[levels]\nid = ", None, r"levels\.toml: line 1, column \d+: TOML syntax error"),
    "one level": (
        lambda t: (
            _levels_text(t).split("[[levels]]")[0] + "[[levels]]" + _levels_text(t).split("[[levels]]")[1]
        ),
        "schema_version = 1\n",
        r"levels\.toml: levels: a ladder needs at least 2 levels, found 1",
    ),
    "course for an unknown level": (
        None,
        'schema_version = 1\n[[courses]]\nid = "c"\nname = "C"\nprovider = "P"\nkind = "course"\n'
        'skills = []\nlevels = ["cpo"]\nlevels_reason = "x"\nsource = "x"\nconfidence = "S"\n',
        r"courses\.toml: courses\[0\]\.levels: unknown level id 'cpo'",
    ),
    "wrong anchor count": (
        lambda t: _levels_text(t).replace('"skill 0 at 5"]', "]", 1),
        None,
        r"levels\.toml: skills\[0\]\.anchors\.en: needs exactly 5 anchors \(one per rating\), found 4",
    ),
    "unknown track": (
        lambda t: _levels_text(t).replace('id = "rung_3"', 'id = "rung_3"\ntrack = "moon"'),
        None,
        r"levels\.toml: levels\[3\]\.track: no \[tracks\] table names this track",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_ladder_is_one_line_and_exit_2(invoke, tmp_path, case):
    make_levels, courses, expected = BROKEN[case]
    ladder = _break(tmp_path, make_levels(tmp_path) if make_levels else None, courses)
    for args in (["ladder", "check", str(ladder)], ["levels", "--ladder", str(ladder)]):
        result = invoke(*args)
        assert result.exit_code == 2, result.stdout
        first = result.stderr.splitlines()[0]
        assert re.search(expected, first), first
        assert "Traceback" not in result.stderr


def test_a_missing_file_or_directory_is_named(invoke, tmp_path):
    ladder = make_ladder(tmp_path / "half", 3, 5)
    (ladder / "courses.toml").unlink()
    result = invoke("ladder", "check", str(ladder))
    assert result.exit_code == 2 and "half/courses.toml: no such file" in result.stderr
    result = invoke("levels", "--ladder", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "nowhere: no such directory" in result.stderr


def test_sanity_warnings_and_strict(invoke, tmp_path):
    ladder = make_ladder(tmp_path / "odd", 3, 5)
    text = (ladder / "levels.toml").read_text()
    # skill_ae needs only 1 everywhere; the course serves no level
    text = re.sub(r"skill_ae = \d", "skill_ae = 1", text)
    (ladder / "levels.toml").write_text(text)
    courses = (ladder / "courses.toml").read_text()
    (ladder / "courses.toml").write_text(re.sub(r"levels = \[.*\]", "levels = []", courses))
    result = invoke("ladder", "check", str(ladder))
    assert result.exit_code == 0
    assert "'skill_ae': no level needs more than 1" in result.stderr
    assert "'a-course' is for no level" in result.stderr
    assert invoke("ladder", "check", "--strict", str(ladder)).exit_code == 2


def test_ladder_init_then_check_then_no_clobber(invoke, tmp_path):
    target = tmp_path / "ours"
    assert invoke("ladder", "init", str(target)).exit_code == 0
    check = invoke("ladder", "check", str(target))
    assert check.exit_code == 0 and check.stdout.startswith(
        "ours: 9 levels (junior_pm to cpo, tracks: ic, management)"
    )
    again = invoke("ladder", "init", str(target))
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_schemas_of_the_ladder_files_accept_the_examples(invoke):
    import jsonschema

    levels = json.loads(invoke("schema", "levels").stdout)
    courses = json.loads(invoke("schema", "courses").stdout)
    for ladder in (GITLAB, MINIMAL, ROOT / "data"):
        jsonschema.validate(tomllib.loads((ladder / "levels.toml").read_text()), levels)
        jsonschema.validate(tomllib.loads((ladder / "courses.toml").read_text()), courses)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"courses": [{"id": "x"}]}, courses)


@pytest.mark.parametrize("month", ["2026-12", "1999-01"])
def test_the_courses_schema_knows_checked_and_cost_note(invoke, month):
    """An editor's schema says what the loader accepts: a real month, a cost note in one or both
    languages, and refuses what the loader refuses."""
    import jsonschema

    schema = json.loads(invoke("schema", "courses").stdout)
    course = {
        "id": "c",
        "name": "C",
        "provider": "P",
        "kind": "newsletter",
        "skills": ["strategy"],
        "levels": ["pm"],
        "levels_reason": "r",
        "source": "https://example.com",
        "confidence": "S",
        "checked": month,
        "cost_note": {"en": "not published", "zh": "未公布"},
    }
    jsonschema.validate({"courses": [course]}, schema)
    jsonschema.validate({"courses": [{**course, "cost_note": "not published"}]}, schema)
    for bad in ("2026-13", "2026-1", "26-12"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"courses": [{**course, "checked": bad}]}, schema)


def test_the_catalogue_cache_never_mixes_two_ladders(tmp_path):
    from pmpath.catalog import load_catalog, load_ladder

    ladder = make_ladder(tmp_path / "same", 3, 5)
    first = load_ladder(ladder)
    (ladder / "levels.toml").write_text(
        (ladder / "levels.toml").read_text().replace("Level rung_1", "Renamed")
    )
    load_catalog.cache_clear()
    second = load_ladder(ladder)
    assert first.levels[1].name.en == "Level rung_1" and second.levels[1].name.en == "Renamed"
    other = make_ladder(tmp_path / "elsewhere" / "same", 3, 5)
    assert load_ladder(other).name == "same" and load_ladder(other).levels[1].name.en == "Level rung_1"


# ------------------------------------------------------------------ the example ladders


@pytest.mark.parametrize("ladder", [GITLAB, MINIMAL])
def test_example_ladders_check_assess_and_cohort(invoke, tmp_path, ladder):
    check = invoke("ladder", "check", "--strict", str(ladder))
    assert check.exit_code == 0, check.stderr
    skills = [s["id"] for s in tomllib.loads((ladder / "levels.toml").read_text())["skills"]]
    for n, rating in enumerate((2, 3, 4)):
        body = "\n".join(f"{s} = {rating}" for s in skills)
        (tmp_path / f"p{n}.toml").write_text(
            f'[profile]\nname = "P{n}"\nyears_experience = {n * 3}\nnetwork_size = 1\n[ratings]\n{body}\n'
        )
    result = invoke("cohort", str(tmp_path), "-f", "json", "--ladder", str(ladder))
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["people"]) == 3
    md = invoke("assess", "-a", str(tmp_path / "p1.toml"), "-f", "md", "--ladder", str(ladder)).stdout
    top = tomllib.loads((ladder / "levels.toml").read_text())["levels"][-1]["name"]["en"]
    assert f"## Roadmap to {top}" in md


def test_minimal_ladder_is_short():
    assert len((MINIMAL / "levels.toml").read_text().splitlines()) < 60


def test_gitlab_ladder_places_on_both_tracks_and_names_the_switch(invoke):
    sample = GITLAB / "sample.toml"
    report = json.loads(invoke("assess", "-a", str(sample), "-f", "json", "--ladder", str(GITLAB)).stdout)
    places = {name: t["level"]["id"] for name, t in report["tracks"].items()}
    assert places == {"ic": "principal_pm", "management": "senior_pm"}
    # the higher band describes the person (issue 36): Principal on the IC track
    assert (report["level"]["id"], report["level"]["track"]) == ("principal_pm", "ic")
    assert [s["level"] for s in report["roadmap"]["steps"]] == [
        "group_manager",
        "director",
        "senior_director",
        "vp",
        "cpo",
    ]
    assert report["roadmap"]["track_switch"]["level"] == "group_manager"
    table = invoke("assess", "-a", str(sample), "--no-pager", "--ladder", str(GITLAB)).stdout
    assert "Individual contributor: Principal Product Manager" in " ".join(table.split())
    assert "Switch to the management track at Group Manager, Product" in " ".join(table.split())
    text = (GITLAB / "levels.toml").read_text()
    assert text.count("source = ") >= 15 and "handbook.gitlab.com" in text


def test_the_bundled_ladder_keeps_its_contract(tmp_path, levels_text, courses_text):
    """What a company ladder may leave out, the bundled one may not."""
    from pmpath.catalog import parse_catalog
    from pmpath.errors import InputError

    with pytest.raises(InputError, match=r"levels\[0\]\.name\.zh: missing"):
        parse_catalog(levels_text.replace('name.zh = "初级产品经理"\n', "", 1), courses_text)
    copy = shutil.copytree(ROOT / "data", tmp_path / "mine")
    text = (copy / "levels.toml").read_text().replace('name.zh = "初级产品经理"\n', "", 1)
    (copy / "levels.toml").write_text(text)
    from pmpath.catalog import load_ladder

    assert load_ladder(copy).levels[0].name.get("zh") == "Junior Product Manager"  # falls back to English


def _leftover_english(text: str) -> list[str]:
    """English words left once paths, quoted ids, flags, code spans and id lists are taken out."""
    text = re.sub(
        r"`[^`]*`|'[^']*'|\S*/\S*|--?[a-z][\w-]*|\b[a-z]+(_[a-z]+)+\b|\S+\.(toml|json)\b", " ", text
    )
    allowed = {
        "pmpath",
        "TOML",
        "JSON",
        "FILE",
        "DIR",
        "PMPATH_LADDER",
        "id",
        "ids",
        "ratings",
        "review",
        "about",
    }
    allowed |= {
        "delivery",
        "discovery",
        "pm",
        "cpo",
        "director",
        "bundled",
        "profile",
        "name",
        "levels",
        "skills",
    }
    allowed |= {"courses"}
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in allowed]


def test_new_messages_are_chinese_with_lang_zh(invoke, tmp_path, catalog, monkeypatch):
    from conftest import answers_toml

    me = tmp_path / "me.toml"
    me.write_text(answers_toml(catalog, name='"Alice"'))
    bob = tmp_path / "bob.toml"
    bob.write_text('[review]\nabout = "Bob"\nrole = "peer"\n[ratings]\nstrategy = 3\n')
    broken = make_ladder(tmp_path / "b", 3, 5)
    (broken / "levels.toml").write_text((broken / "levels.toml").read_text().replace('"rung_2"', '"rung_1"'))
    odd = make_ladder(tmp_path / "odd", 3, 5)
    (odd / "levels.toml").write_text(
        re.sub(r"skill_ae = \d", "skill_ae = 1", (odd / "levels.toml").read_text())
    )
    cases = [
        ["assess", "-a", str(me), "-r", str(bob)],
        ["assess", "-a", str(bob)],
        ["assess", "-a", str(me), "-r", str(me)],
        ["assess", "-a", str(ROOT / "examples" / "alice.toml"), "--ladder", str(MINIMAL)],
        ["assess", "-a", str(me), "--min-level", "nope"],
        ["levels", "--ladder", str(tmp_path / "nowhere")],
        ["ladder", "check", str(broken)],
        ["ladder", "check", str(odd)],
    ]
    monkeypatch.setenv("PMPATH_LANG", "zh")
    for args in cases:
        result = invoke(*args)
        assert result.exit_code != 0 or args[1] == "check", args
        assert result.stderr.strip(), args
        assert _leftover_english(result.stderr) == [], (args, result.stderr)
