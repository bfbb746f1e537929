"""A programme run end to end, small (issue 39): quarters of one cohort with reviews and a roster,
made by scripts/programme_inputs.py, each quarter's JSON the next one's baseline, and the
outputs read back as a programme lead reads them: the trend as a chart and a table, the CSV's
Chinese names, ids and numbers, the summary's words. The 2,000-person run is the same script."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, answers_toml


@pytest.fixture(scope="module")
def programme(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("programme")
    script = ROOT / "scripts" / "programme_inputs.py"
    subprocess.run([sys.executable, str(script), str(out), "--people", "40", "--quarters", "3"], check=True)
    return out


def _run(invoke, programme: Path, quarter: int, *extra: str) -> str:
    baselines = [x for q in range(1, quarter) for x in ("--baseline", str(programme / f"q{q}.json"))]
    args = ["cohort", str(programme / f"q{quarter}"), "--roster", str(programme / "roster.csv")]
    result = invoke(*args, *baselines, "--keep-going", "--no-github-summary", *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def quarters(programme: Path) -> Path:
    """Each quarter's JSON, the earlier ones its baselines (as a scheduled workflow keeps them)."""
    from pmpath.cli import run

    for q in (1, 2):
        baselines = [x for k in range(1, q) for x in ("--baseline", str(programme / f"q{k}.json"))]
        args = ["cohort", str(programme / f"q{q}"), "-f", "json", "-o", str(programme / f"q{q}.json")]
        with pytest.raises(SystemExit) as exc:
            run([*args, *baselines, "--keep-going", "--no-github-summary", "--force"])
        assert exc.value.code in (0, None)
    return programme


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_trend_is_a_chart_a_screen_reader_and_a_phone_can_read(invoke, quarters, lang):
    """Levels per quarter: an SVG beside the table with the same numbers, titled and described
    in the reader's language, a copy drawn for phones, the runs in a legend oldest first."""
    page = _run(invoke, quarters, 3, "-f", "html", "--lang", lang)
    figure = page.split('<figure id="trend"', 1)[1].split("</figure>", 1)[0]
    title = {"en": "Levels per quarter", "zh": "各季度职级分布"}[lang]
    assert figure.count('role="img"') == 2 and figure.count("<title id=") == 2
    assert f'<title id="trend-t">{title}</title>' in figure
    assert 'aria-labelledby="trend-phone-t trend-phone-d"' in figure
    desc = re.search(r'<desc id="trend-d">([^<]+)</desc>', figure).group(1)  # type: ignore[union-attr]
    table = page.split('<figure id="trend"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>", table)
    assert rows
    semi, colon = ("；", "：") if lang == "zh" else ("; ", ": ")
    said = dict(entry.split(colon, 1) for entry in desc.split(semi))
    assert list(said) == [name for name, *_ in rows]
    for name, *counts in rows:  # the words say every number the bars show
        assert re.findall(r" (\d+)(?=[、,]|$)", said[name]) == counts, (name, said[name])
        assert all(f">{n}</text>" in figure for n in counts)
    legend = re.findall(r'fill-opacity="([\d.]+)"/>\n<text[^>]*>([^<]+)</text>', figure)
    assert [label for _, label in legend[:3]] == ["q1.json", "q2.json", legend[2][1]]
    assert [float(o) for o, _ in legend[:3]] == sorted(float(o) for o, _ in legend[:3])


def test_the_markdown_keeps_the_trend_as_a_table(invoke, quarters):
    """Mermaid's xychart has no legend, so a bar per quarter could not say which quarter it is:
    the Markdown's trend is the table (the HTML draws the chart)."""
    md = _run(invoke, quarters, 3, "-f", "md")
    section = md.split("## Levels per quarter", 1)[1].split("\n## ", 1)[0]
    assert "| Level | q1.json | q2.json |" in section and "```mermaid" not in section


def test_the_csv_keeps_chinese_names_ids_and_numbers(invoke, quarters):
    """Two people named 李娜 told apart by id, both in the CSV with their own numbers; the roster's
    one missing person counted, nobody lost."""
    sheet = _run(invoke, quarters, 3, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(sheet)))
    assert len(rows) == 40
    li = [r for r in rows if r["name"] == "李娜"]
    assert sorted(r["id"] for r in li) == ["E00011", "E00012"]
    assert all(re.fullmatch(r"\d+(\.\d+)?", r["years_experience"]) for r in rows)
    assert {r["team"] for r in rows} == {"增长 Growth", "Platform", "支付 Payments", "Search"}
    assert all(r["previous_level"] for r in rows)


def test_the_summary_names_the_lenient_and_the_harsh_manager(invoke, quarters):
    data = json.loads(_run(invoke, quarters, 3, "-f", "json"))
    leans = {r["rater"]: r["lean"] for r in data["calibration"] if r["lean"] is not None}
    assert leans["陈静 (lenient)"] > 0.5 and leans["Sam Patel (harsh)"] < -0.5
    assert data["completeness"]["no_answers"] == ["未提交 Missing"]
    assert [r["run"] for r in data["trend"]][:2] == ["q1.json", "q2.json"] and len(data["trend"]) == 3


@pytest.mark.parametrize("given", ["000123", "1E5", "03-04", "0012:30"])
def test_an_id_a_spreadsheet_would_read_as_a_number_stays_text_with_excel(invoke, tmp_path, catalog, given):
    """Found reading the 2,000-person run back in Gnumeric: an id 000123 became 123, one 1E5
    100000 (a lookup by id then misses). With --excel such an id is written ="000123", which
    every spreadsheet shows as the text; without it, a program reading the CSV gets it as is."""
    import shutil

    from conftest import answers_toml

    folder = tmp_path / "in"
    folder.mkdir()
    text = answers_toml(catalog, name='"张三"').replace("[profile]\n", f'[profile]\nid = "{given}"\n')
    (folder / "a.toml").write_text(text, encoding="utf-8")
    plain = list(csv.DictReader(io.StringIO(invoke("cohort", str(folder), "-f", "csv").stdout)))
    assert plain[0]["id"] == given
    sheet = tmp_path / "people.csv"
    assert invoke("cohort", str(folder), "-f", "csv", "--excel", "-o", str(sheet)).exit_code == 0
    excel = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert excel[0]["id"] == f'="{given}"' and excel[0]["name"] == "张三"
    if shutil.which("ssconvert") is None:
        return  # Gnumeric reads it back where it is installed
    back = tmp_path / "back.csv"
    subprocess.run(["ssconvert", str(sheet), str(tmp_path / "p.xlsx")], check=True, capture_output=True)
    subprocess.run(["ssconvert", str(tmp_path / "p.xlsx"), str(back)], check=True, capture_output=True)
    row = next(csv.DictReader(io.StringIO(back.read_text(encoding="utf-8"))))
    assert (row["id"], row["name"]) == (given, "张三")


def test_an_id_of_letters_and_digits_is_written_as_it_is(invoke, tmp_path, catalog):
    from conftest import answers_toml

    text = answers_toml(catalog, name='"A"').replace("[profile]\n", '[profile]\nid = "E00001"\n')
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    sheet = invoke("cohort", str(tmp_path), "-f", "csv", "--excel").stdout
    assert next(csv.DictReader(io.StringIO(sheet.lstrip("\ufeff"))))["id"] == "E00001"


def test_a_summary_written_beside_the_json_lists_as_many_people_as_alone(invoke, tmp_path, catalog):
    """Found in the 2,000-person run: `--output q.json --output summary.md` listed 200 people in
    the summary (the JSON's sample) where a summary alone lists 500; the same run writes the
    same summary either way."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(230):
        text = answers_toml(catalog, name=f'"Person {n:03}"')
        (folder / f"p{n:03}.toml").write_text(text, encoding="utf-8")
    both = [str(tmp_path / "q.json"), str(tmp_path / "summary.md")]
    assert invoke("cohort", str(folder), *(x for p in both for x in ("--output", p))).exit_code == 0
    alone = invoke("cohort", str(folder), "-f", "md").stdout
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == alone
    assert "Person 229" in alone
