"""A training programme's run: reviews that place people, a plan per person, CSV for HR,
quarters that name people, pseudonyms for shared summaries, and the reusable action."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT

COHORT = ROOT / "examples" / "cohort"


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    """The example cohort (seven people, two reviews of Sofia Rossi) in a directory of our own."""
    target = tmp_path / "cohort"
    shutil.copytree(COHORT, target)
    return target


@pytest.fixture
def schema(invoke) -> dict:
    return json.loads(invoke("schema", "cohort").stdout)


def _json(invoke, *args: str) -> dict:
    result = invoke("cohort", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _quarters(tmp_path: Path, cohort: Path, invoke) -> Path:
    """Q1: the cohort less Mei Zhang and Daniel Berg, with Omar at a lower level; Q2 (cohort)
    adds Mei and a new person and loses nobody, Omar promoted."""
    q1 = tmp_path / "q1"
    shutil.copytree(cohort, q1)
    (q1 / "07-mei-zhang.toml").unlink()
    (q1 / "99-gone.toml").write_text(
        (cohort / "01-lin-wei.toml").read_text().replace("Lin Wei", "Gone Person")
    )
    omar = q1 / "02-omar-haddad.toml"
    omar.write_text(omar.read_text().replace("years_experience = ", "years_experience = 0 #"))
    baseline = tmp_path / "q1.json"
    assert invoke("cohort", str(q1), "-f", "json", "-o", str(baseline)).exit_code == 0
    return baseline


# ------------------------------------------------------------------ reviews place people


def test_reviews_among_the_paths_place_the_person_they_name(invoke, cohort, schema):
    data = _json(invoke, str(cohort))
    sofia = next(p for p in data["people"] if p["name"] == "Sofia Rossi")
    # on her own ratings she is a Senior PM; her manager rates strategy 2, as assess --review does
    assert sofia["level"] == "pm" and sofia["others"]["strategy"] == 2
    assert sofia["ratings"]["strategy"] == 3  # her own rating stays hers
    assert {c["id"]: c["people"] for c in data["summary"]["levels"]}["senior_pm"] == 1  # Mei Zhang, not Sofia
    assert all("others" not in p for p in data["people"] if p["name"] != "Sofia Rossi")
    jsonschema.validate(data, schema)
    alone = subprocess.run(
        [sys.executable, "-m", "pmpath", "assess", "-a", str(cohort / "03-sofia-rossi.toml"), "--no-history"]
        + [f"--review={p}" for p in sorted((cohort / "reviews").glob("*.toml"))]
        + ["-f", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(alone.stdout)["level"]["id"] == sofia["level"]


def test_reviews_come_first_whatever_the_order_of_the_files(invoke, cohort, tmp_path):
    late = tmp_path / "zz-reviews"
    shutil.move(cohort / "reviews", late)
    data = _json(invoke, str(late), str(cohort), "--jobs", "1")
    assert next(p for p in data["people"] if p["name"] == "Sofia Rossi")["level"] == "pm"


def test_a_review_past_the_first_piece_read_is_still_found(invoke, cohort):
    """The byte search reads each file in 64 KiB pieces (a megabyte at once cost ~3x the
    search): a review whose table comes after 100 KB of comments is found all the same."""
    (review,) = (cohort / "reviews").glob("sofia-rossi-manager.toml")
    review.write_text("# a long preamble\n" * 6000 + review.read_text())
    assert review.stat().st_size > 100_000
    data = _json(invoke, str(cohort), "--jobs", "1")
    assert next(p for p in data["people"] if p["name"] == "Sofia Rossi")["level"] == "pm"


def _twin(cohort: Path) -> None:
    """A second Sofia Rossi: another person (her own id), on Omar's ratings."""
    twin = cohort / "08-twin.toml"
    other = (cohort / "02-omar-haddad.toml").read_text().replace("Omar Haddad", "Sofia Rossi")
    twin.write_text(other.replace("[profile]\n", '[profile]\nid = "E-2"\n'))
    sofia = cohort / "03-sofia-rossi.toml"
    sofia.write_text(sofia.read_text().replace("[profile]\n", '[profile]\nid = "E-1"\n'))


def test_one_name_in_two_files_without_ids_is_an_error_naming_both(invoke, cohort):
    """Two files of one name and no id are one person twice: an error row naming both files,
    never two people nor a silent choice; an id apart makes them two."""
    twin = cohort / "08-twin.toml"
    twin.write_text((cohort / "02-omar-haddad.toml").read_text().replace("Omar Haddad", "sofia  ROSSI"))
    result = invoke("cohort", str(cohort), "-f", "json", "--keep-going")
    data = json.loads(result.stdout)
    assert not [p for p in data["people"] if p["name"].casefold().split() == ["sofia", "rossi"]]
    (error,) = data["errors"]
    assert "03-sofia-rossi.toml" in error["message"] and "08-twin.toml" in error["message"]
    assert data["summary"]["errors"] == 1 and data["summary"]["people"] == 6
    assert result.stderr.count("08-twin.toml") == 1
    assert invoke("cohort", str(cohort), "-f", "json").exit_code == 2


def test_one_id_in_two_files_is_an_error_even_under_two_names(invoke, cohort):
    for name in ("02-omar-haddad.toml", "04-kenji-sato.toml"):
        path = cohort / name
        path.write_text(path.read_text().replace("[profile]\n", '[profile]\nid = "E-7"\n'))
    data = json.loads(invoke("cohort", str(cohort), "-f", "json", "--keep-going").stdout)
    (error,) = data["errors"]
    assert "'E-7'" in error["message"] and "04-kenji-sato.toml" in error["message"]
    assert {p["name"] for p in data["people"]} & {"Omar Haddad", "Kenji Sato"} == set()


def test_reviews_find_people_by_id_and_by_a_name_written_otherwise(invoke, cohort):
    """`about_id` finds the person with that id; a name saved in NFD (macOS), in other case or
    with two spaces finds the same person as the NFC name."""
    import unicodedata

    sofia = cohort / "03-sofia-rossi.toml"
    sofia.write_text(sofia.read_text().replace("[profile]\n", '[profile]\nid = "E-1"\n'))
    for review in (cohort / "reviews").glob("*.toml"):
        review.write_text(review.read_text().replace('about = "Sofia Rossi"', 'about_id = "E-1"'))
    kenji = cohort / "04-kenji-sato.toml"
    kenji.write_text(kenji.read_text().replace('name = "Kenji Sato"', 'name = "Zoë  Sato"'))
    nfd = unicodedata.normalize("NFD", "zoë sato")
    (cohort / "reviews" / "zoe.toml").write_text(
        f'[review]\nabout = "{nfd}"\nrole = "manager"\nby = "Ann"\n\n[ratings]\nstrategy = 5\n'
    )
    result = invoke("cohort", str(cohort), "-f", "json")
    data = json.loads(result.stdout)
    by_name = {p["name"]: p for p in data["people"]}
    assert by_name["Sofia Rossi"]["id"] == "E-1" and "others" in by_name["Sofia Rossi"]
    assert by_name["Zoë  Sato"]["others"] == {"strategy": 5.0}
    assert data["reviews"]["unmatched"] == [] and "review" not in result.stderr


def test_a_review_of_a_shared_name_moves_nobody(invoke, cohort):
    _twin(cohort)
    result = invoke("cohort", str(cohort), "-f", "json")
    data = json.loads(result.stdout)
    both = [p for p in data["people"] if p["name"] == "Sofia Rossi"]
    assert len(both) == 2 and all("others" not in p for p in both)
    assert {p["level"] for p in both} == {"senior_pm", "pm"}  # each on their own ratings
    assert len(data["reviews"]["ambiguous"]) == 2 and "names two or more people" in result.stderr


def test_assessed_again_for_a_shared_name_the_run_still_says_each_thing_once(invoke, cohort, tmp_path):
    """The second pass (without the shared name's reviews) keeps the reports' plain names and
    says an unreadable file once."""
    _twin(cohort)
    (cohort / "09-broken.toml").write_text("[profile\n")
    reports = tmp_path / "r"
    result = invoke("cohort", str(cohort), "-f", "json", "--reports", str(reports))
    assert result.exit_code == 2 and result.stderr.count("09-broken.toml") == 1
    names = sorted(p.name for p in reports.iterdir())
    assert "lin-wei.html" in names and len(names) == 8  # seven people, two called Sofia Rossi
    assert len([n for n in names if n.startswith("sofia-rossi")]) == 2


# ------------------------------------------------------------------ quarters that name people


def test_baseline_with_reviews_among_the_paths_names_who_moved(invoke, cohort, tmp_path, schema):
    baseline = _quarters(tmp_path, cohort, invoke)
    data = _json(invoke, str(cohort), "--baseline", str(baseline))
    jsonschema.validate(data, schema)
    moved = data["progress"]
    assert moved["new"] == ["张美 (Mei Zhang)"] and moved["gone"] == ["Gone Person"]
    assert [p["name"] for p in moved["people"] if p["promoted"]] == ["Omar Haddad"]

    table = invoke("cohort", str(cohort), "--baseline", str(baseline)).stdout
    since, people = table.index("Since the baseline"), table.index("People")
    assert since < people
    block = table[since:people]
    assert "Promoted: Omar Haddad (Junior Product Manager → Product Manager)" in block
    assert "New: 张美 (Mei Zhang)" in block and "Gone: Gone Person" in block

    md = invoke("cohort", str(cohort), "--baseline", str(baseline), "-f", "md").stdout
    assert md.index("## Since the baseline") < md.index("## Levels") < md.index("## People")
    assert "- Omar Haddad: Junior Product Manager → Product Manager" in md
    assert "### New\n\n- 张美 \\(Mei Zhang\\)" in md and "### Gone\n\n- Gone Person" in md

    page = invoke("cohort", str(cohort), "--baseline", str(baseline), "-f", "html").stdout
    assert page.index("</header>") < page.index('id="progress"') < page.index('id="levels"')
    assert "<li>Gone Person</li>" in page

    zh = invoke("cohort", str(cohort), "--baseline", str(baseline), "--lang", "zh").stdout
    assert "晋升：Omar Haddad（初级产品经理 → 中级产品经理）" in zh
    assert "新加入：张美 (Mei Zhang)" in zh and "已离开：Gone Person" in zh


def test_names_in_the_quarter_lists_are_text_not_markup(invoke, cohort, tmp_path):
    baseline = _quarters(tmp_path, cohort, invoke)
    (cohort / "50-x.toml").write_text(
        (cohort / "01-lin-wei.toml").read_text().replace("Lin Wei", "<script>alert(1)</script> *x*")
    )
    page = invoke("cohort", str(cohort), "--baseline", str(baseline), "-f", "html").stdout
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    md = invoke("cohort", str(cohort), "--baseline", str(baseline), "-f", "md").stdout
    assert "- \\<script\\>alert\\(1\\)\\<\\/script\\> \\*x\\*" in md


# ------------------------------------------------------------------ CSV


def _rows(text: str) -> list[dict[str, str]]:
    """CSV rows as a spreadsheet reads them: a leading byte-order mark (Excel's) is no name."""
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_cohort_csv_has_a_row_per_person_with_ratings_minimums_and_others(invoke, cohort, catalog):
    result = invoke("cohort", str(cohort), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\r\n") == 8  # RFC 4180 line ends: the header and seven people
    rows = _rows(result.stdout)
    assert len(rows) == 7
    sofia = next(r for r in rows if r["name"] == "Sofia Rossi")
    assert sofia["level"] == "pm" and sofia["level_name"] == "Product Manager"
    assert sofia["next_level"] == "senior_pm" and sofia["reviews_applied"] == "true"
    assert (sofia["strategy"], sofia["strategy_others"], sofia["strategy_next_min"]) == ("3", "2", "3")
    lin = next(r for r in rows if r["name"] == "Lin Wei")
    assert lin["data_analysis"] == "1" and lin["data_analysis_others"] == "" and lin["meets_min_level"] == ""
    assert set(rows[0]) >= {f"{s}_next_min" for s in catalog.skill_ids}
    zh = _rows(invoke("cohort", str(cohort), "-f", "csv", "--lang", "zh").stdout)
    assert next(r for r in zh if r["name"] == "Lin Wei")["level_name"] == "初级产品经理"


def test_csv_names_are_never_formulas_and_quotes_survive(invoke, cohort, tmp_path):
    hostile = [
        '=HYPERLINK("http://x","y")',
        "+1",
        "-2",
        "@SUM(A1)",
        'Li, "Bo"\nJr',
        "::error::x",
        "\x1b]0;t\x07",
    ]
    for i, name in enumerate(hostile):
        text = (cohort / "01-lin-wei.toml").read_text().replace('"Lin Wei"', json.dumps(name))
        (cohort / f"9{i}.toml").write_text(text)
    out = tmp_path / "cohort.csv"
    assert invoke("cohort", str(cohort), "-o", str(out), "--min-level", "pm").exit_code == 1
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    names = [r["name"] for r in _rows(raw.decode("utf-8"))]
    assert '\'=HYPERLINK("http://x","y")' in names and "'+1" in names and "'-2" in names
    assert "'@SUM(A1)" in names and 'Li, "Bo"\\nJr' in names  # one line: it cannot start a log command
    assert "'::error::x" in names and "\\x1b]0;t\\x07" in names and b"\x1b" not in raw
    assert not any(n.startswith(("=", "+", "-", "@", "::")) for n in names)
    excel = tmp_path / "excel.csv"
    invoke("cohort", str(cohort), "-o", str(excel), "--excel")
    assert excel.read_bytes().startswith(b"\xef\xbb\xbfname,file,level,")


def test_history_and_progress_as_csv(invoke, tmp_path, catalog):
    from conftest import answers_toml

    for i, extra in enumerate(({}, {"strategy": "4"})):
        path = tmp_path / f"{i}.toml"
        path.write_text(answers_toml(catalog, name='"=Lee"', **extra))
        assert invoke("assess", "-a", str(path), "-f", "json").exit_code == 0
    runs = _rows(invoke("history", "-f", "csv").stdout)
    assert [r["name"] for r in runs] == ["'=Lee", "'=Lee"] and runs[0]["level"]
    changes = _rows(invoke("progress", "-f", "csv").stdout)
    strategy = next(r for r in changes if r["skill"] == "strategy")
    # numbers stay numbers a sheet can sum (issue 40: "+1" was written as the guarded text "'+1")
    assert (strategy["from"], strategy["to"], strategy["change"]) == ("3", "4", "1")
    assert all(r["change"].lstrip("-").isdigit() for r in changes)
    out = tmp_path / "p.csv"
    assert invoke("progress", "-o", str(out), "--excel").exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfname,skill,")


# ------------------------------------------------------------------ a report per person


def test_reports_one_per_person_with_reviews_applied_and_linked(invoke, cohort, tmp_path, schema):
    reports = tmp_path / "out" / "reports"
    summary = tmp_path / "out" / "summary.md"
    result = invoke("cohort", str(cohort), "--reports", str(reports), "-o", str(summary))
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in reports.iterdir())
    people = ["lin-wei", "omar-haddad", "sofia-rossi", "kenji-sato", "amara-okafor", "daniel-berg"]
    assert names == sorted([*(f"{p}.md" for p in people), "张美-mei-zhang.md"])
    sofia = (reports / "sofia-rossi.md").read_text()
    assert "**Level:** Product Manager" in sofia and "2 reviews: manager 1, peer 1" in sofia
    md = summary.read_text()
    assert "[Sofia Rossi](<reports/sofia-rossi.md>)" in md
    assert "(<reports/%E5%BC%A0%E7%BE%8E-mei-zhang.md>)" in md
    again = invoke("cohort", str(cohort), "--reports", str(reports), "-f", "html")
    assert again.exit_code == 0  # HTML reports beside Markdown ones clash with nothing
    assert (reports / "sofia-rossi.html").read_text().count("Product Manager") > 1
    refused = invoke("cohort", str(cohort), "--reports", str(reports), "-f", "md")
    assert refused.exit_code == 2 and "already holds reports" in refused.stderr
    assert invoke("cohort", str(cohort), "--reports", str(reports), "-f", "md", "--force").exit_code == 0
    data = json.loads(invoke("cohort", str(cohort), "--reports", str(tmp_path / "j"), "-f", "json").stdout)
    jsonschema.validate(data, schema)
    assert {Path(p["report"]).name for p in data["people"]} >= {"sofia-rossi.html"}
    assert not any(p.name.startswith(".pmpath-claims") for p in reports.iterdir())


def test_reports_of_people_whose_names_make_one_slug_never_overwrite(invoke, cohort, tmp_path):
    for i, name in enumerate(["LIN wei", "Lin-Wei", "CON", "../../etc/x", "<b>x</b>"]):
        text = (cohort / "01-lin-wei.toml").read_text().replace("Lin Wei", name)
        # ids keep them apart: "LIN wei" would otherwise be Lin Wei in a second file
        (cohort / f"8{i}.toml").write_text(text.replace("[profile]\n", f'[profile]\nid = "X{i}"\n'))
    reports = tmp_path / "r"
    result = invoke("cohort", str(cohort), "--reports", str(reports), "-f", "html", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in reports.iterdir())
    assert len(written) == 12 and len([n for n in written if n.startswith("lin-wei")]) == 3
    assert "person-con.html" in written and "etc-x.html" in written and "b-x-b.html" in written
    assert all((reports / n).parent == reports for n in written)
    page = (reports / "b-x-b.html").read_text()
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


@pytest.mark.parametrize("summary", ["index.html", "INDEX.html", "Index.html"])
def test_the_summary_never_takes_a_participants_report(invoke, cohort, tmp_path, summary):
    """Issue 40: `--reports site --output site/index.html` overwrote the plan of a participant
    named "Index" (exit 0), or they the summary."""
    text = (cohort / "01-lin-wei.toml").read_text()
    text = text.replace("[profile]\n", '[profile]\nid = "{id}"\n')  # ids: two people
    (cohort / "90.toml").write_text(text.replace("Lin Wei", "Index").replace("{id}", "I-1"))
    (cohort / "91.toml").write_text(text.replace("Lin Wei", "INDEX").replace("{id}", "I-2"))
    site = tmp_path / "site"
    result = invoke("cohort", str(cohort), "--reports", str(site), "--output", str(site / summary))
    assert result.exit_code == 0, result.stderr
    written = {p.name for p in site.iterdir()}
    people = [p for p in site.iterdir() if p.name.casefold() != summary.casefold()]
    assert summary in written
    page = (site / summary).read_text()  # the summary, whole, linking to both people's reports
    reports = [p for p in people if "Index" in p.read_text() or "INDEX" in p.read_text()]
    assert len(reports) == 2 and all(p.name.startswith("index-") for p in reports)
    assert all(f'href="{p.name}"' in page for p in reports)


@pytest.mark.parametrize(
    "name", ["COM\u00b9", "lpt\u00b2", "Com\u00b3", "LPT9", "nul", "Aux", "CONIN$", "conout$", "PRN.txt"]
)
def test_a_report_is_never_named_after_a_windows_device(invoke, cohort, tmp_path, name):
    from pmpath.text import slug

    devices = {"con", "prn", "aux", "nul", "conin", "conout"}
    devices |= {f"{p}{n}" for p in ("com", "lpt") for n in "0123456789\u00b9\u00b2\u00b3"}
    assert slug(name) not in devices and slug(name).split(".")[0] not in devices
    text = (cohort / "01-lin-wei.toml").read_text()
    (cohort / "90.toml").write_text(text.replace("Lin Wei", name))
    reports = tmp_path / "r"
    assert invoke("cohort", str(cohort), "--reports", str(reports)).exit_code == 0
    assert not any(p.name.split(".")[0].casefold() in devices for p in reports.iterdir())


# ------------------------------------------------------------------ pseudonyms


def test_anonymize_leaves_no_name_in_anything_written(invoke, cohort, tmp_path, monkeypatch, schema):
    monkeypatch.setenv("PMPATH_ANONYMIZE_KEY", "programme secret")
    baseline = _quarters(tmp_path, cohort, invoke)
    reports = tmp_path / "anon"
    outputs = []
    for fmt in ("json", "md", "html", "csv"):
        result = invoke(
            "cohort",
            str(cohort),
            "--anonymize",
            "-f",
            fmt,
            "--baseline",
            str(baseline),
            "--reports",
            str(reports / fmt),
        )
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    outputs += [p.read_text() for p in reports.rglob("*") if p.is_file()]
    for text in outputs:
        for real in ("Sofia", "Rossi", "Lin Wei", "lin-wei", "张美", "Omar", "Gone Person"):
            assert real not in text
    data = json.loads(outputs[0])
    jsonschema.validate(data, schema)
    assert data["anonymized"] is True
    # the same key, the same pseudonyms: the named baseline still finds who moved
    assert data["progress"]["compared"] == 6 and data["progress"]["promoted"] == 1
    again = _json(invoke, str(cohort), "--anonymize")
    assert [p["name"] for p in again["people"]] == [p["name"] for p in data["people"]]
    sofia = next(p for p in data["people"] if "others" in p)
    assert sofia["level"] == "pm"  # reviews still place her
    monkeypatch.delenv("PMPATH_ANONYMIZE_KEY")
    other = invoke("cohort", str(cohort), "--anonymize", "-f", "json")
    assert "PMPATH_ANONYMIZE_KEY" in other.stderr
    assert {p["name"] for p in json.loads(other.stdout)["people"]}.isdisjoint(
        p["name"] for p in data["people"]
    )


# ------------------------------------------------------------------ the reusable action


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text())


def test_action_is_composite_pinned_and_takes_inputs_only_through_the_environment():
    action = _action()
    assert action["runs"]["using"] == "composite"
    declared = set(action["inputs"])
    text = (ROOT / "action.yml").read_text()
    import re

    used = set(re.findall(r"inputs\.([a-z-]+)", text))
    assert used == declared
    for step in action["runs"]["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"])
        else:
            assert step["shell"] == "bash" and "${{" not in step["run"]
    written = set(re.findall(r"(?:echo \"|print\(f\")([a-z-]+)=", text))
    written |= set(re.findall(r"\bput ([a-z-]+) ", text))  # the delimited form, for values from inputs
    assert {o["value"].split(".")[-1].rstrip(" }") for o in action["outputs"].values()} <= written


def _run_assess_step(
    tmp_path: Path, bindir: Path | None = None, **inputs: str
) -> tuple[int, dict[str, str], str]:
    """The action's assess step as the runner runs it: bash, inputs in the environment."""
    action = _action()
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "assess")
    values = {k: v.get("default", "") for k, v in action["inputs"].items()} | inputs
    env = dict(os.environ)
    for name, expr in step["env"].items():
        env[name] = values[expr.split("inputs.")[1].rstrip(" }")]
    out, summary = tmp_path / "github_output", tmp_path / "summary.md"
    env.update(GITHUB_OUTPUT=str(out), GITHUB_STEP_SUMMARY=str(summary))
    env["PATH"] = f"{bindir or Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],  # as the runner does
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    return done.returncode, _outputs(out.read_text()), done.stdout + done.stderr


def _outputs(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT read as the runner reads it: `name=value` lines, and `name<<DELIMITER`
    followed by the value's lines up to a line that is the delimiter. A name given twice keeps
    its last value, as the runner does."""
    found: dict[str, str] = {}
    lines = iter(text.split("\n"))
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, _, end = line.partition("<<")
            value = []
            for more in lines:
                if more == end:
                    break
                value.append(more)
            found[name] = "\n".join(value)
        elif "=" in line:
            name, _, value = line.partition("=")
            found[name] = value
    return found


def test_action_assess_step_writes_reports_csv_json_and_its_outputs(tmp_path, cohort):
    code, outputs, log = _run_assess_step(tmp_path, paths=f"{cohort}\n", **{"min-level": "pm"})
    assert code == 1, log  # Lin Wei is below the bar and the gate is on
    assert outputs["people"] == "7" and outputs["below-min-level"] == "1" and outputs["exit-code"] == "1"
    assert (tmp_path / "pmpath-reports" / "sofia-rossi.html").is_file()
    assert len(_rows((tmp_path / outputs["csv"]).read_text())) == 7
    assert (tmp_path / "summary.md").read_text().count("# pmpath cohort summary") == 1  # not the CSV run
    quarter = tmp_path / "q1.json"
    shutil.copy(tmp_path / outputs["json"], quarter)
    code, outputs, log = _run_assess_step(
        tmp_path, paths=str(cohort), gate="false", baseline=str(quarter), **{"min-level": "pm"}
    )
    assert code == 0 and "gate is off" in log and outputs["promoted"] == "0", log


def test_action_paths_input_cannot_run_commands(tmp_path, cohort):
    code, _, log = _run_assess_step(tmp_path, paths=f'{cohort} "$(touch pwned)" ;touch pwned2')
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2").exists()
    assert code == 2 and "no such file" in log.lower()


# ------------------------------------------------------------------ schemas that hold


def test_every_cohort_output_validates_against_its_schema(invoke, cohort, tmp_path, schema, monkeypatch):
    monkeypatch.setenv("PMPATH_ANONYMIZE_KEY", "k")
    baseline = _quarters(tmp_path, cohort, invoke)
    (cohort / "bad.toml").write_text("[profile\n")
    (cohort / "50-x.toml").write_text((cohort / "01-lin-wei.toml").read_text().replace("Lin Wei", "=1+2"))
    options = (
        [],
        ["--baseline", str(baseline)],
        ["--reports", str(tmp_path / "r1")],
        ["--anonymize", "--baseline", str(baseline)],
        ["--min-level", "senior_pm", "--reports", str(tmp_path / "r2"), "--baseline", str(baseline)],
    )
    row_schema = json.loads(invoke("schema", "cohort-csv").stdout)
    for extra in options:
        result = invoke("cohort", str(cohort), "-f", "json", *extra)
        assert result.exit_code == 2 and "bad.toml" in result.stderr  # the broken file, reported
        data = json.loads(result.stdout)
        jsonschema.validate(data, schema)
        assert data["errors"] and data.get("reviews") and (("progress" in data) == ("--baseline" in extra))
        at = extra.index("--reports") if "--reports" in extra else len(extra)
        table = invoke("cohort", str(cohort), "-f", "csv", *extra[:at], *extra[at + 2 :])
        rows = _rows(table.stdout)
        assert list(rows[0]) == list(row_schema["required"])
        for row in rows:
            jsonschema.validate(row, row_schema)


def test_reading_reviews_first_never_waits_on_a_fifo(cohort, tmp_path):
    """The reviews are looked for in every file before anyone is placed: a FIFO named on the
    command line is reported by the main pass, never opened for reading and waited on."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "pmpath", "cohort", str(fifo), str(cohort), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "pipe.toml" in done.stderr
    assert len(json.loads(done.stdout)["people"]) == 7


def test_reports_need_a_directory_and_anonymized_errors_name_no_file(invoke, cohort, tmp_path, monkeypatch):
    not_dir = tmp_path / "file.txt"
    not_dir.write_text("x")
    result = invoke("cohort", str(cohort), "--reports", str(not_dir))
    assert result.exit_code == 2 and result.stderr.startswith(f"pmpath: {not_dir}: not a directory")
    (cohort / "lin-wei-broken.toml").write_text("[profile]\nname = 'Lin'\n")
    monkeypatch.setenv("PMPATH_ANONYMIZE_KEY", "k")
    result = invoke("cohort", str(cohort), "--anonymize", "-f", "json")
    errors = json.loads(result.stdout)["errors"]
    assert len(errors) == 1 and "lin-wei" not in json.dumps(errors) and errors[0]["file"].startswith("P-")
    assert "lin-wei-broken.toml" in result.stderr  # the operator still learns which file


@pytest.mark.slow
def test_action_install_step_then_assess_step_from_a_fresh_environment(tmp_path, cohort):
    """Both of the action's shell steps as the runner runs them: pmpath installed from the
    action's own checkout into a new Python environment, then the cohort run with that pmpath."""
    import sysconfig
    import venv

    env_dir = tmp_path / "runner"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    purelib = subprocess.run(
        [str(bindir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # pmpath's dependencies (and hatchling to build it) come from this test environment, so the
    # test needs no network; pmpath itself is built and installed by the step
    Path(purelib, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    action = _action()
    install = next(s for s in action["runs"]["steps"] if s.get("name", "").startswith("Install"))
    env = {**os.environ, "GITHUB_ACTION_PATH": str(ROOT), "PIP_NO_BUILD_ISOLATION": "1"}
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", install["run"]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (bindir / "pmpath").exists()
    code, outputs, log = _run_assess_step(tmp_path, bindir=bindir, paths=str(cohort))
    assert code == 0 and outputs["people"] == "7", log


# ------------------------------------------------------------------ the Action (issue 40)


def test_action_anonymized_outputs_agree_and_a_missing_key_is_refused(tmp_path, cohort, monkeypatch):
    """The JSON and the CSV once came from two runs that, with no key from a secret, gave
    everyone two different pseudonyms. Now one run writes both; and without a key the step is
    refused in one line (a made-up key would match nobody next quarter), writing nothing."""
    monkeypatch.delenv("PMPATH_ANONYMIZE_KEY", raising=False)
    code, outputs, log = _run_assess_step(tmp_path, paths=str(cohort), anonymize="true")
    assert code == 2 and outputs["exit-code"] == "2", log
    assert log.count("::error::") == 1 and "PMPATH_ANONYMIZE_KEY" in log and "Traceback" not in log
    assert not (tmp_path / "pmpath-cohort.json").exists()
    monkeypatch.setenv("PMPATH_ANONYMIZE_KEY", "programme secret")
    code, outputs, log = _run_assess_step(tmp_path, paths=str(cohort), anonymize="true")
    assert code == 0, log
    people = {p["name"] for p in json.loads((tmp_path / outputs["json"]).read_text())["people"]}
    rows = {r["name"] for r in _rows((tmp_path / outputs["csv"]).read_text())}
    assert people == rows and all(n.startswith("P-") for n in people) and len(people) == 7


@pytest.mark.parametrize("field", ["json", "csv", "reports-dir"])
def test_action_outputs_cannot_be_forged_by_a_newline_in_an_input(tmp_path, cohort, field):
    forged = f"out-{field}\npeople=999\nerrors=999\nexit-code=0"
    code, outputs, log = _run_assess_step(tmp_path, paths=str(cohort), **{field: forged})
    assert outputs["people"] == "7" and outputs["errors"] == "0", (outputs, log)
    assert outputs["exit-code"] == str(code)
    assert outputs[field] in (forged, "")  # its own value, whole; never another output's


def test_action_writes_the_csv_of_everyone_readable_when_one_file_is_not(tmp_path, cohort):
    (cohort / "99-broken.toml").write_text("not = [toml")
    code, outputs, log = _run_assess_step(tmp_path, paths=str(cohort))
    assert code == 2 and outputs["exit-code"] == "2", log
    assert outputs["csv"] and len(_rows((tmp_path / outputs["csv"]).read_text())) == 7


@pytest.mark.parametrize(("excel", "bom"), [("true", True), ("false", False)])
def test_action_excel_input_starts_the_csv_with_a_bom(tmp_path, cohort, excel, bom):
    code, outputs, log = _run_assess_step(tmp_path, paths=str(cohort), excel=excel)
    assert code == 0, log
    assert (tmp_path / outputs["csv"]).read_bytes().startswith(b"\xef\xbb\xbf") is bom


def test_outputs_reader_reads_the_delimited_form():
    text = "a=1\nb<<EOF\nx\ny=2\nEOF\nc=3\n"
    assert _outputs(text) == {"a": "1", "b": "x\ny=2", "c": "3"}


# ------------------------------------------------------------------ the Action runs pmpath once (issue 39)


def test_action_runs_once_quotes_paths_takes_level_names_and_says_things_once(tmp_path, cohort):
    spaced = tmp_path / "my cohort"
    shutil.copytree(cohort, spaced)
    (spaced / "reviews" / "nobody.toml").write_text(
        '[review]\nabout = "Nobody"\nrole = "peer"\n\n[ratings]\nstrategy = 3\n'
    )
    (spaced / "99-broken.toml").write_text("not = [toml")
    code, outputs, log = _run_assess_step(tmp_path, paths=f'"{spaced}"', **{"min-level": "Product Manager"})
    assert code == 2 and outputs["people"] == "7" and outputs["below-min-level"] == "1", log
    assert log.count("a review of nobody") == 1  # one run: each note once
    assert log.count("::warning file=") == 1 and f"::warning file={spaced / '99-broken.toml'}::" in log
    csv_bytes = (tmp_path / outputs["csv"]).read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf")  # Excel-safe by default
    summary = (tmp_path / "summary.md").read_text()
    assert summary.count("# pmpath cohort summary") == 1
    assert ".html>)" not in summary.replace("https://", "").split("## People")[-1]  # no report link (404)
    assert "pmpath\\-reports" in summary  # where the reports are instead


def test_action_clears_stale_outputs_and_refuses_a_broken_paths_input(tmp_path, cohort):
    reports = tmp_path / "pmpath-reports"
    reports.mkdir()
    (reports / "someone-gone.html").write_text("last quarter")
    (tmp_path / "pmpath-cohort.csv").write_text("stale")
    code, outputs, log = _run_assess_step(tmp_path, paths=str(cohort), csv="")
    assert code == 0, log
    assert not (reports / "someone-gone.html").exists() and (reports / "lin-wei.html").is_file()
    assert outputs["csv"] == ""
    code, outputs, log = _run_assess_step(tmp_path, paths='"unbalanced')
    assert code == 2 and log.count("::error::") == 1 and "quote" in log and "Traceback" not in log


def test_action_takes_several_baselines_and_a_roster(tmp_path, cohort):
    code, outputs, log = _run_assess_step(tmp_path, paths=str(cohort))
    assert code == 0, log
    q1, q2 = tmp_path / "q1.json", tmp_path / "q2.json"
    shutil.copy(tmp_path / outputs["json"], q1)
    shutil.copy(tmp_path / outputs["json"], q2)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,reviewers\nLin Wei,Ann\nNot Yet,\n")
    code, outputs, log = _run_assess_step(
        tmp_path, paths=str(cohort), baseline=f"{q1}\n{q2}\n", roster=str(roster)
    )
    assert code == 0, log
    data = json.loads((tmp_path / outputs["json"]).read_text())
    assert len(data["trend"]) == 3 and data["completeness"]["no_answers"] == ["Not Yet"]


def test_the_example_workflow_keeps_its_baseline_a_year_and_reviews_come_from_a_private_place():
    import re

    flow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text())
    steps = flow["jobs"]["assess"]["steps"]
    kept = next(s for s in steps if "cohort.json" in str(s.get("with", {}).get("path", "")))
    assert kept["with"]["retention-days"] >= 365
    private = next(s for s in steps if s.get("with", {}).get("path") == "private-reviews")
    assert "secrets." in private["with"]["token"] and private["with"]["persist-credentials"] is False
    assessed = next(s for s in steps if s.get("id") == "pmpath")
    assert "private-reviews/" in assessed["with"]["paths"]
    assert set(assessed["with"]) <= set(_action()["inputs"])
    for step in steps:
        assert "uses" not in step or re.search(r"@[0-9a-f]{40}", step["uses"])
