"""Issue 39: what an HR team running a programme needs: a roster and who is missing, the named
raters' calibration, quarters over a year, the summary by team, the gate by name."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import answers_toml


@pytest.fixture
def schema(invoke) -> dict:
    return json.loads(invoke("schema", "cohort").stdout)


def _person(folder: Path, catalog, n: int, rating: int = 3, **profile: str) -> None:
    extra = "".join(f'\n{k} = "{v}"' for k, v in profile.items())
    text = answers_toml(catalog, name=f'"Person {n}"{extra}')
    if rating != 3:
        text = text.replace(" = 3\n", f" = {rating}\n")
    (folder / f"p{n:02}.toml").write_text(text, encoding="utf-8")


def _review(folder: Path, about: str, role: str, by: str, value: int, skills, tag: str) -> None:
    lines = ["[review]", f'about = "{about}"', f'role = "{role}"']
    if by:
        lines.append(f'by = "{by}"')
    lines += ["", "[ratings]", *(f"{s} = {value}" for s in skills)]
    (folder / f"r-{tag}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_lenient_and_a_harsh_manager_show_in_the_calibration(
    invoke, tmp_path, catalog, schema, monkeypatch
):
    """Two managers, +1 and -1 by construction against three named peers who rate everyone the
    same: the leans say so, in the JSON and where the reviews are summarised."""
    skills = catalog.skill_ids[:4]
    for n in range(6):
        _person(tmp_path, catalog, n, team="A" if n < 3 else "B")
        manager, value = ("Lena Lenient", 4) if n < 3 else ("Hal Harsh", 2)
        _review(tmp_path, f"Person {n}", "manager", manager, value, skills, f"m{n}")
        for peer in ("Pat", "Quin", "Ria"):
            _review(tmp_path, f"Person {n}", "peer", peer, 3, skills, f"{peer}{n}")
        _review(tmp_path, f"Person {n}", "peer", "", 3, skills, f"anon{n}")  # never listed
    _review(tmp_path, "Person 0", "peer", "Flo Flat", 5, catalog.skill_ids[4:], "flat")  # alone there
    data = json.loads(invoke("cohort", str(tmp_path), "-f", "json").stdout)
    jsonschema.validate(data, schema)
    rows = {r["rater"]: r for r in data["calibration"]}
    assert set(rows) == {"Lena Lenient", "Hal Harsh", "Pat", "Quin", "Ria", "Flo Flat"}
    assert rows["Lena Lenient"]["lean"] == 1.0 and rows["Hal Harsh"]["lean"] == -1.0
    assert rows["Lena Lenient"]["people"] == 3 and rows["Lena Lenient"]["ratings"] == 12
    assert rows["Pat"]["lean"] == 0.0 and rows["Pat"]["compared"] == 24
    assert rows["Pat"]["flat"]  # Pat gave 3 throughout
    assert rows["Flo Flat"]["flat"] and rows["Flo Flat"]["lean"] is None  # nobody else rated those
    md = invoke("cohort", str(tmp_path), "-f", "md").stdout
    reviews_at = md.index("## Self against others")
    assert md.index("### Raters' calibration") > reviews_at
    # cells are others' text: every punctuation mark is escaped, and reads as written
    assert r"| Lena Lenient | 3 | 12 | \+1\.00 \! |" in md and r"| Hal Harsh | 3 | 12 | \-1\.00 \! |" in md
    html = invoke("cohort", str(tmp_path), "-f", "html").stdout
    assert "Raters&#39; calibration" in html and "Hal Harsh" in html
    table = invoke("cohort", str(tmp_path)).stdout
    assert "Raters' calibration" in table and "Lena Lenient" in table
    monkeypatch.setenv("PMPATH_ANONYMIZE_KEY", "programme secret")
    anonymous = json.loads(invoke("cohort", str(tmp_path), "-f", "json", "--anonymize").stdout)
    assert all(r["rater"].startswith("P-") for r in anonymous["calibration"])


def test_a_roster_says_who_is_missing_in_every_format(invoke, tmp_path, catalog, schema):
    folder = tmp_path / "c"
    folder.mkdir()
    _person(folder, catalog, 1, id="E-1")
    _person(folder, catalog, 2)
    _review(folder, "Person 2", "manager", "Ann Boss", 4, catalog.skill_ids[:2], "m2")
    _review(folder, "Person 2", "peer", "bo  PEER", 4, catalog.skill_ids[:2], "p2")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,name,team,manager,reviewers\n"
        "E-1,Someone Renamed,Core,Ann Boss,Ann Boss\n"  # found by id, whatever the name
        ",person 2,Core,Ann Boss,Ann Boss;Bo Peer;Cy Peer\n"
        "E-9,Not Yet,Core,Ann Boss,\n",
        encoding="utf-8",
    )
    result = invoke("cohort", str(folder), "--roster", str(roster), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    done = data["completeness"]
    assert done["no_answers"] == ["Not Yet"]
    assert done["missing_reviews"] == [
        {"person": "Someone Renamed", "reviewer": "Ann Boss"},
        {"person": "person 2", "reviewer": "Cy Peer"},
    ]
    assert done["fewer_than_three_peers"] == ["Someone Renamed", "person 2"]
    assert done["reminders"] == [
        {"reviewer": "Ann Boss", "people": ["Someone Renamed"]},
        {"reviewer": "Cy Peer", "people": ["person 2"]},
    ]
    md = invoke("cohort", str(folder), "--roster", str(roster), "-f", "md").stdout
    assert "## No answers yet" in md and "- Not Yet" in md and "| Cy Peer | person 2 |" in md
    html = invoke("cohort", str(folder), "--roster", str(roster), "-f", "html").stdout
    assert '<h2 class="alert">No answers yet</h2>' in html and "<li>Not Yet</li>" in html
    assert "Not Yet" in invoke("cohort", str(folder), "--roster", str(roster)).stdout
    sheet = invoke("cohort", str(folder), "--roster", str(roster), "-f", "csv")
    assert "roster: 2 of 3 people have answers; 2 reviews from named reviewers" in sheet.stderr
    zh = invoke("cohort", str(folder), "--roster", str(roster), "-f", "md", "--lang", "zh").stdout
    assert "## 尚未提交答案" in zh


def test_the_roster_note_counts_reviews_in_words(invoke, tmp_path, catalog):
    """The note under a CSV said "0 review(s)": English counts its nouns (the count is `n`)."""
    folder = tmp_path / "c"
    folder.mkdir()
    _person(folder, catalog, 1, id="E-1")
    roster = tmp_path / "roster.csv"
    for reviewers, said in (("", "0 reviews"), ("Ann Boss", "1 review from")):
        row = f"E-1,Person 1,Core,,{reviewers}"
        roster.write_text(f"id,name,team,manager,reviewers\n{row}\n", encoding="utf-8")
        sheet = invoke("cohort", str(folder), "--roster", str(roster), "-f", "csv")
        assert f"people have answers; {said}" in sheet.stderr, sheet.stderr


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("id,nmae\nE-1,A\n", "line 1: unknown column(s) nmae"),
        ("team\nCore\n", "line 1: unknown column(s) -"),
        ("id,name,team\n,,Core\n1,A,\n", "line 2: neither id nor name"),
        ("name\nAnn\nann\n", "line 3: 'ann' is already on line 2"),
        ("name\nA\x1bB\n", "line 2: name: contains a control"),
    ],
)
def test_a_broken_roster_is_one_line_naming_file_and_line(invoke, tmp_path, catalog, text, said):
    _person(tmp_path, catalog, 1)
    roster = tmp_path / "roster.csv"
    roster.write_text(text, encoding="utf-8")
    result = invoke("cohort", str(tmp_path / "p01.toml"), "--roster", str(roster))
    assert result.exit_code == 2 and "roster.csv: " + said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------ quarters over a year


def _quarters(tmp_path: Path, invoke) -> tuple[Path, list[Path]]:
    """Three quarters of the example cohort: Mei grows into Senior PM in the second, Sofia drops
    to a lower level in the third; each quarter's JSON is the next one's baseline."""
    from conftest import ROOT

    made = []
    for q in ("q1", "q2", "q3"):
        folder = tmp_path / q
        folder.mkdir()
        for path in sorted((ROOT / "examples" / "cohort").glob("*.toml")):
            (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        made.append(folder)
    mei = made[0] / "07-mei-zhang.toml"
    mei.write_text(mei.read_text(encoding="utf-8").replace("strategy = 3", "strategy = 2"), encoding="utf-8")
    sofia = made[2] / "03-sofia-rossi.toml"
    text = sofia.read_text(encoding="utf-8")
    for skill in ("user_research", "requirements", "execution"):
        text = text.replace(f"{skill} = 4", f"{skill} = 2")
    sofia.write_text(text, encoding="utf-8")
    baselines = []
    for folder in made[:2]:
        out = tmp_path / f"{folder.name}.json"
        assert invoke("cohort", str(folder), "-f", "json", "-o", str(out)).exit_code == 0
        baselines.append(out)
    return made[2], baselines


def test_quarters_name_who_went_up_down_and_stayed_with_a_trend(invoke, tmp_path, schema):
    now, baselines = _quarters(tmp_path, invoke)
    args = ["cohort", str(now), "--baseline", str(baselines[0]), "--baseline", str(baselines[1])]
    data = json.loads(invoke(*args, "-f", "json").stdout)
    jsonschema.validate(data, schema)
    moved = data["progress"]
    assert moved["promoted"] == 0 and moved["demoted"] == 1  # against the latest (q2)
    assert moved["names"]["demoted"] == ["Sofia Rossi"] and len(moved["names"]["same"]) == 6
    assert moved["comparable"] is True and moved["reasons"] == []
    assert data["ladder"]["name"] == "bundled" and len(data["ladder"]["digest"]) == 16
    assert data["generated"] == __import__("datetime").date.today().isoformat()
    assert data["pmpath_version"] == __import__("pmpath").__version__
    trend = data["trend"]
    assert [t["run"] for t in trend][:2] == ["q1.json", "q2.json"]  # one day: told apart by file
    assert [t["levels"].get("senior_pm", 0) for t in trend] == [1, 2, 1]
    md = invoke(*args, "-f", "md").stdout
    assert "## Levels per quarter" in md and "### Moved down" in md
    assert "Sofia Rossi: Senior Product Manager → " in md
    html = invoke(*args, "-f", "html").stdout
    assert "<h2>Levels per quarter</h2>" in html and "<h3>Moved down</h3>" in html
    table = invoke(*args).stdout
    assert "Levels per quarter" in table and "Moved down" in table


def test_people_who_share_a_name_are_named_with_their_ids(invoke, tmp_path, catalog):
    """Quarter on quarter, two people called Wang Wei are two people: each is listed with the id
    that tells them apart; a name no one shares stays as it is."""
    runs = []
    for q in ("q1", "q2"):
        folder = tmp_path / q
        folder.mkdir()
        for n, (name, pid) in enumerate((("Wang Wei", "W-1"), ("Wang Wei", "W-2"), ("Solo Li", "S-1"))):
            text = answers_toml(catalog, name=f'"{name}"\nid = "{pid}"')
            (folder / f"p{n}.toml").write_text(text, encoding="utf-8")
        runs.append(folder)
    base = tmp_path / "q1.json"
    assert invoke("cohort", str(runs[0]), "-f", "json", "-o", str(base)).exit_code == 0
    data = json.loads(invoke("cohort", str(runs[1]), "--baseline", str(base), "-f", "json").stdout)
    assert data["progress"]["names"]["same"] == ["Solo Li", "Wang Wei (W-1)", "Wang Wei (W-2)"]


def test_a_baseline_that_is_not_like_for_like_says_why(invoke, tmp_path, catalog):
    now, baselines = _quarters(tmp_path, invoke)
    latest = json.loads(baselines[1].read_text(encoding="utf-8"))
    latest["ladder"]["digest"] = "0" * 16
    latest["pmpath_version"] = "0.0.1"
    latest["reviews"] = {}
    baselines[1].write_text(json.dumps(latest), encoding="utf-8")
    data = json.loads(invoke("cohort", str(now), "--baseline", str(baselines[1]), "-f", "json").stdout)
    moved = data["progress"]
    assert moved["comparable"] is False and len(moved["reasons"]) == 3
    assert "ladder changed" in moved["reasons"][0] and "0.0.1" in moved["reasons"][1]
    assert "baseline applied reviews" in moved["reasons"][2]
    md = invoke("cohort", str(now), "--baseline", str(baselines[1]), "-f", "md").stdout
    assert "## Not like for like" in md
    for key in ("ladder", "pmpath_version", "generated"):
        del latest[key]
    del latest["reviews"]
    baselines[1].write_text(json.dumps(latest), encoding="utf-8")
    old = json.loads(invoke("cohort", str(now), "--baseline", str(baselines[1]), "-f", "json").stdout)
    assert (
        old["progress"]["comparable"] is False
        and "no ladder or version stamp" in old["progress"]["reasons"][0]
    )


# ------------------------------------------------------------------ by team, the HR sheet, the gate


def _teams(folder: Path, catalog) -> None:
    _person(folder, catalog, 1, rating=1, id="E-1", team="Core", manager="Ann")
    _person(folder, catalog, 2, rating=3, id="E-2", team="Core", manager="Ann")
    _person(folder, catalog, 3, rating=1, team="Growth", manager="Bo")
    _person(folder, catalog, 4, rating=4)


def test_by_team_groups_the_summary_and_the_gate_names_who_is_below(invoke, tmp_path, catalog, schema):
    _teams(tmp_path, catalog)
    args = ["cohort", str(tmp_path), "--by", "team", "--min-level", "Product Manager"]  # a name works
    result = invoke(*args, "-f", "json")
    assert result.exit_code == 1  # one person below fails the run by default
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    groups = {g["group"]: g for g in data["groups"]["groups"]}
    assert data["groups"]["by"] == "team" and list(groups) == ["Core", "Growth", ""]
    assert groups["Core"]["people"] == 2 and groups["Core"]["below_gate"] == 1
    gate = data["gate"]
    assert [b["name"] for b in gate["below"]] == ["Person 1", "Person 3"] and gate["below"][0]["id"] == "E-1"
    assert gate["met"] is False and gate["share_meeting"] == 0.5
    by_manager = json.loads(invoke("cohort", str(tmp_path), "--by", "manager", "-f", "json").stdout)
    assert [g["group"] for g in by_manager["groups"]["groups"]] == ["Ann", "Bo", ""]
    md = invoke(*args, "-f", "md").stdout
    assert "## Below the programme's level (2)" in md and "| Person 3 | Junior Product Manager |" in md
    assert "## By Team" in md and "| Core | 2 |" in md
    html = invoke(*args, "-f", "html").stdout
    assert "<td>Person 3</td>" in html and "<td>Growth</td>" in html
    assert "Person 3" in invoke(*args).stdout


def test_the_gate_can_fail_on_a_share_rather_than_one_person(invoke, tmp_path, catalog):
    _teams(tmp_path, catalog)
    base = ["cohort", str(tmp_path), "--min-level", "pm", "-f", "json"]
    assert invoke(*base, "--min-level-share", "0.5").exit_code == 0
    assert json.loads(invoke(*base, "--min-level-share", "50%").stdout)["gate"]["met"] is True
    failed = invoke(*base, "--min-level-share", "0.75")
    assert failed.exit_code == 1 and "50% of people meet the level; the programme needs 75%" in failed.stderr
    for bad in ("0", "1.5", "most"):
        refused = invoke(*base, "--min-level-share", bad)
        assert refused.exit_code == 2 and "--min-level-share" in refused.stderr
    alone = invoke("cohort", str(tmp_path), "--min-level-share", "0.5")
    assert alone.exit_code == 2 and "needs --min-level" in alone.stderr
    page = ["cohort", str(tmp_path), "--min-level", "pm", "-f", "html", "--min-level-share"]
    met, unmet = invoke(*page, "0.5").stdout, invoke(*page, "0.75").stdout
    assert '<h2 class="alert">' not in met  # a gate the programme meets is no warning
    assert '<h2 class="alert">' in unmet and '<p class="alert">50% of people' in unmet


def test_the_csv_has_what_hr_asks_for(invoke, tmp_path, catalog):
    import csv
    import io

    folder = tmp_path / "c"
    folder.mkdir()
    _teams(folder, catalog)
    before = tmp_path / "before.json"
    assert invoke("cohort", str(folder), "-f", "json", "-o", str(before)).exit_code == 0
    person = folder / "p04.toml"
    person.write_text(person.read_text(encoding="utf-8").replace(" = 4\n", " = 2\n"), encoding="utf-8")
    sheet = invoke("cohort", str(folder), "-f", "csv", "--baseline", str(before)).stdout
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(sheet))}
    one = rows["Person 1"]
    assert (one["id"], one["team"], one["manager"], one["track"]) == ("E-1", "Core", "Ann", "shared")
    assert one["years_experience"] == "6" and int(one["gap_count"]) > 3
    assert one["top_gaps"].count("→") == 3 and "; " in one["top_gaps"]
    assert rows["Person 4"]["previous_level"] != rows["Person 4"]["level"]
    assert rows["Person 1"]["previous_level"] == rows["Person 1"]["level"]
    schema = json.loads(invoke("schema", "cohort-csv").stdout)
    for row in rows.values():
        jsonschema.validate(row, schema)


def test_one_person_twice_without_reviews_is_written_once(invoke, tmp_path, catalog):
    """The second pass rewrites the people: never the first pass's rows and the second's."""
    _person(tmp_path, catalog, 1)
    _person(tmp_path, catalog, 2)
    (tmp_path / "p09.toml").write_text((tmp_path / "p01.toml").read_text(encoding="utf-8"), encoding="utf-8")
    data = json.loads(invoke("cohort", str(tmp_path), "-f", "json", "--keep-going").stdout)
    assert [p["name"] for p in data["people"]] == ["Person 2"] and len(data["errors"]) == 1
    rows = invoke("cohort", str(tmp_path), "-f", "csv", "--keep-going").stdout.splitlines()
    assert len(rows) == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_no_report_is_left_for_one_person_in_two_files(invoke, tmp_path, catalog, jobs):
    """A report per person: someone found in two files is an error row, not a person, so no
    report of theirs may stay from the pass that wrote one before the twin was known (issue 39);
    everyone else keeps theirs, under the same names."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(1, 4):
        _person(folder, catalog, n)
    twin = (folder / "p01.toml").read_text(encoding="utf-8")
    (folder / "p09.toml").write_text(twin, encoding="utf-8")
    reports = tmp_path / "reports"
    args = ["cohort", str(folder), "-f", "json", "--keep-going", "--reports", str(reports), "--jobs", jobs]
    data = json.loads(invoke(*args).stdout)
    assert [p["name"] for p in data["people"]] == ["Person 2", "Person 3"]
    assert "p09.toml" in data["errors"][0]["message"]
    written = sorted(p.name for p in reports.iterdir())
    assert written == ["person-2.html", "person-3.html"]
    assert [Path(p["report"]).name for p in data["people"]] == written


def test_a_second_pass_keeps_the_summarys_name_from_a_participant(invoke, tmp_path, catalog):
    """The second pass (someone in two files) names the reports again; the summary written
    into the reports directory keeps its name claimed: a participant named "Index" never gets
    index.html, which the summary then overwrote."""
    folder = tmp_path / "in"
    folder.mkdir()
    _person(folder, catalog, 1)
    (folder / "p09.toml").write_text((folder / "p01.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "p05.toml").write_text(
        (folder / "p01.toml").read_text(encoding="utf-8").replace("Person 1", "Index"), encoding="utf-8"
    )
    site = tmp_path / "site"
    args = ["cohort", str(folder), "--keep-going", "--reports", str(site)]
    assert invoke(*args, "--output", str(site / "index.html")).exit_code == 0
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "<h1>" in page and 'href="index-' in page
    assert sorted(p.name for p in site.iterdir())[0].startswith("index-")


# ------------------------------------------------------------------ one run, many outputs


def test_one_run_writes_each_format_it_is_given(invoke, tmp_path):
    """`--output` once per format: the JSON and CSV are byte for byte what a run of each alone
    writes, and the summaries are written too; with reviews among the paths (a second pass)."""
    from conftest import ROOT

    cohort = ROOT / "examples" / "cohort"
    out = tmp_path / "all"
    out.mkdir()
    given = [out / "cohort.csv", out / "q3.json", out / "summary.html", out / "summary.md"]
    args = ["cohort", str(cohort), "--min-level", "pm", "--keep-going"]
    result = invoke(*args, *(x for path in given for x in ("--output", str(path))))
    assert result.exit_code == 1, result.stderr  # the gate: one run, one exit code
    assert all(f"wrote {path}" in result.stderr for path in given)
    assert result.stderr.count("below --min-level") == 1
    for path in given[:2]:
        alone = tmp_path / path.name
        invoke(*args, "--output", str(alone))
        assert path.read_bytes() == alone.read_bytes(), path.name
    assert (
        "<h1>" in (out / "summary.html").read_text()
        and "# pmpath cohort summary" in (out / "summary.md").read_text()
    )


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["-o", "a.json", "-o", "b.json"], "a.json and b.json are the same format"),
        (["-o", "a.json", "-o", "b.csv", "-f", "json"], "without --format"),
        (["-o", "a.json", "-o", "-"], "suffix names its format"),
    ],
)
def test_many_outputs_are_one_per_format_and_named_by_suffix(invoke, tmp_path, catalog, extra, said):
    _person(tmp_path, catalog, 1)
    result = invoke("cohort", str(tmp_path / "p01.toml"), *extra)
    assert result.exit_code == 2 and said in result.stderr, result.stderr


def test_the_readme_says_how_to_run_a_programme():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Run a programme", 1)[1].split("\n### ", 1)[0]
    for part in ("**The repository's layout.**", "**The roster.**", "**The quarters.**", "**What HR gets.**"):
        assert part in section, part
    assert "**Privacy.**" in section and "**Raters' calibration.**" in section
    assert "`id,name,team,manager,reviewers`" in section and "--min-level-share" in section


def test_one_person_in_many_files_is_one_short_line(invoke, tmp_path, catalog):
    for n in range(8):
        (tmp_path / f"copy{n}.toml").write_text(answers_toml(catalog, name='"Same One"'), encoding="utf-8")
    result = invoke("cohort", str(tmp_path), "-f", "json", "--keep-going")
    (error,) = json.loads(result.stdout)["errors"]
    assert error["message"].count("copy") == 4 and "(and 4 more)" in error["message"]
