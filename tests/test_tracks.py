"""Two tracks on every surface (issue 36): the lanes of the HTML roadmap in a real browser, the
company grades beside a placement, `levels --map`, a cohort's track counts, a change of track in
progress, and own ladders that must not make a manager pass an IC-only rung."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, make_answers

SKILLS = (
    "user_research",
    "requirements",
    "execution",
    "data_analysis",
    "ux_design",
    "communication",
    "collaboration",
    "persuasion",
    "strategy",
    "market_insight",
    "innovation",
    "business_acumen",
    "decision_making",
    "delegation",
)
DIRECTOR = """[profile]
name = "Dana Director"
years_experience = 10
years_managing = 4
degrees = ["bachelor"]
network_size = 900
company_level = "{grade}"

[ratings]
""" + "".join(f"{s} = {3 if s == 'innovation' else 4}\n" for s in SKILLS)


def _director(tmp_path: Path, grade: str = "alibaba:M4") -> Path:
    path = tmp_path / "dana.toml"
    path.write_text(DIRECTOR.format(grade=grade), encoding="utf-8")
    return path


# ------------------------------------------------------------------ the lanes, in a browser


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [390, 1200])
def test_the_roadmap_draws_the_tracks_as_lanes_a_person_can_read(invoke, browser, tmp_path, lang, width):
    """Shared rungs, then one lane per track; the director's own rung marked, VP next, every
    rung's name whole on screen (no lane cut off at 390 px)."""
    page_file = tmp_path / f"plan-{lang}.html"
    made = invoke("assess", "-a", str(_director(tmp_path)), "--lang", lang, "-o", str(page_file))
    assert made.exit_code == 0, made.stderr
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(page_file.as_uri())
    lanes = page.locator("#lanes .lane")
    assert lanes.count() == 3
    names = [lanes.nth(i).locator(".lane-name").inner_text() for i in range(3)]
    expected = {
        "en": ["Shared rungs", "Individual contributor", "Management"],
        "zh": ["共同级别", "专业路线（P 序列）", "管理路线（M 序列）"],
    }
    assert names == expected[lang]
    you = page.locator("#lanes li.r-you")
    assert you.count() == 1 and you.inner_text().startswith(
        {"en": "Director of Product", "zh": "产品总监"}[lang]
    )
    assert (
        page.locator("#lanes li.r-next")
        .inner_text()
        .startswith({"en": "VP of Product", "zh": "产品副总裁"}[lang])
    )
    assert page.locator("#lanes li.r-met").count() == 4  # three shared rungs and Group PM
    for i in range(page.locator("#lanes li").count()):
        box = page.locator("#lanes li").nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        assert box["height"] < 60  # a rung's name is never squeezed to a character a line
    page.close()


def test_a_ladder_of_one_line_draws_one_lane(invoke, tmp_path):
    ladder = ROOT / "examples" / "ladders" / "minimal"
    me = tmp_path / "me.toml"
    filled = (
        invoke("template", "--ladder", str(ladder)).stdout.replace("= -1", "= 2").replace(" = 0\n", " = 3\n")
    )
    me.write_text(filled)
    out = tmp_path / "p.html"
    assert invoke("assess", "-a", str(me), "--ladder", str(ladder), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert html.count('class="lane"') == 1 and "The ladder, and where you stand on it" in html


# ------------------------------------------------------------------ company grades


@pytest.mark.parametrize(
    ("grade", "agrees"), [("alibaba:M4", True), ("alibaba:P8", False), ("google:l8", True), ("meta:D1", True)]
)
def test_a_company_grade_is_read_against_the_placement(invoke, tmp_path, grade, agrees):
    result = invoke("assess", "-a", str(_director(tmp_path, grade)), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["level"]["id"] == "director"
    place = data["company_level"]
    assert place["given"] == grade and place["agrees"] is agrees
    assert all(m["source"] and m["confidence"] in "VDS" for m in place["matches"])
    assert {e["company"] for e in data["equivalents"]} >= {"gitlab", "alibaba", "google", "meta"}
    assert all("director" in e["maps_to"] for e in data["equivalents"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_terminal_says_what_the_grade_usually_means_and_hedges_it(invoke, tmp_path, lang, fixed_terminal):
    text = " ".join(
        invoke("assess", "-a", str(_director(tmp_path, "alibaba:P8")), "--lang", lang).stdout.split()
    )
    if lang == "en":
        assert (
            "Your grade Alibaba P8 (Senior Product Expert) usually corresponds to Principal Product Manager"
            in text
        )
        assert "pmpath places you at Director of Product from your answers, which decide" in text
        assert "secondary sources" in text and "pmpath levels --map" in text
    else:
        assert "你的职级阿里巴巴 P8（高级产品专家）通常相当于资深产品经理" in text
        assert "以回答为准" in text and "二手资料" in text


@pytest.mark.parametrize(
    ("grade", "said", "hint"),
    [
        ("alibba:P7", "unknown company 'alibba'", "alibaba"),
        ("alibaba:P99", "no grade 'P99' at that company", "P5, P6, P7"),
        ("P7", "profile.company_level", ""),
    ],
)
def test_a_grade_pmpath_cannot_read_is_one_line_naming_the_field(invoke, tmp_path, grade, said, hint):
    result = invoke("assess", "-a", str(_director(tmp_path, grade)), "-f", "json")
    assert result.exit_code == 2 and result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("pmpath: ") and "dana.toml" in first and said in first
    assert re.search(r"\(line 7\)", first) or grade == "P7"
    assert hint in result.stderr and "Traceback" not in result.stderr


def test_levels_map_lists_every_company_with_sources_in_both_languages(invoke, fixed_terminal):
    table = invoke("levels", "--map")
    assert table.exit_code == 0
    text = " ".join(table.stdout.split())
    for company in ("GitLab", "Alibaba", "Tencent", "ByteDance", "Google", "Meta"):
        assert company in text
    assert "Source (V)" in text and "Source (S)" in text and "not official conversions" in text
    zh = " ".join(invoke("levels", "--map", "--lang", "zh").stdout.split())
    assert "阿里巴巴" in zh and "不是官方换算" in zh and "通常相当于" in zh
    data = json.loads(invoke("levels", "--map", "-f", "json").stdout)
    assert data["checked"] == "2026-12" and len(data["companies"]) >= 7


def test_levels_names_each_levels_track(invoke, fixed_terminal):
    data = json.loads(invoke("levels", "-f", "json").stdout)
    tracks = {lv["id"]: lv["track"] for lv in data["levels"]}
    assert tracks == {
        "junior_pm": "shared",
        "pm": "shared",
        "senior_pm": "shared",
        "principal_pm": "ic",
        "senior_principal_pm": "ic",
        "group_pm": "management",
        "director": "management",
        "vp_product": "management",
        "cpo": "management",
    }
    table = " ".join(invoke("levels").stdout.split())
    assert table.count("Shared rung") == 3 and "Management" in table
    assert table.count("Individual") == 2 and table.count("Management") >= 4


# ------------------------------------------------------------------ cohorts and progress


def test_a_cohort_counts_people_by_track_in_every_format(invoke):
    people = str(ROOT / "examples" / "cohort")
    data = json.loads(invoke("cohort", people, "-f", "json").stdout)
    tracks = {c["id"]: c["people"] for c in data["summary"]["tracks"]}
    levels = {p["level"] for p in data["people"]}
    assert sum(tracks.values()) == data["summary"]["people"]
    assert tracks["ic"] == sum(p["level"] in ("principal_pm", "senior_principal_pm") for p in data["people"])
    assert levels  # the example cohort places people on all three kinds of rung
    md = invoke("cohort", people, "-f", "md").stdout
    assert re.search(r"By track: Shared rungs \d+; Individual contributor \d+; Management \d+\.", md)
    zh = invoke("cohort", people, "-f", "md", "--lang", "zh").stdout
    assert "按路线：共同级别" in zh


def test_progress_names_a_move_to_the_other_track(tmp_path, invoke, catalog):
    """A Principal PM who takes on two reports: the check-in and `progress` say it is a move to
    the management track (Principal PM → Group PM is not a promotion)."""
    from pmpath.answers import answers_to_data, dumps_toml

    ic = make_answers(catalog, years=9, managing=0, rating=4, delegation=3, decision_making=3, strategy=3)
    manager = make_answers(catalog, years=9.5, managing=1, rating=4, decision_making=3, strategy=3)
    for n, answers in enumerate((ic, manager)):
        path = tmp_path / f"run{n}.toml"
        path.write_text(dumps_toml(answers_to_data(answers, catalog)), encoding="utf-8")
        assert invoke("assess", "-a", str(path), "-f", "json").exit_code == 0
    moved = json.loads(invoke("progress", "-f", "json").stdout)
    assert [(c["level"], c["track"]) for c in moved["levels"]] == [
        ("principal_pm", "ic"),
        ("group_pm", "management"),
    ]
    text = " ".join(invoke("progress").stdout.split())
    assert "Group Product Manager (" in text and "a move to the Management track" in text


# ------------------------------------------------------------------ chart labels on a phone (issue 41)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [390, 1200])
def test_chart_labels_are_large_enough_to_read_at_any_width(invoke, browser, tmp_path, lang, width):
    """At 390 px the desktop radar's names shrank to 6 px: a phone draws its own copy (numbered
    axes, a key beneath; the timeline's names above their bars), every label at least 11 px and
    inside its chart horizontally."""
    page_file = tmp_path / f"plan-{lang}.html"
    assert (
        invoke("assess", "-a", str(_director(tmp_path)), "--lang", lang, "-o", str(page_file)).exit_code == 0
    )
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(page_file.as_uri())
    seen = page.evaluate(
        """() => ['#radar', '#timeline'].map(id => {
            const svgs = [...document.querySelectorAll(id + ' svg')];
            const svg = svgs.find(s => s.getBoundingClientRect().width > 0);
            const box = svg.getBoundingClientRect();
            const texts = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect());
            return {id, width: box.width, smallest: Math.min(...texts.map(t => t.height)),
                    outside: texts.filter(t => t.left < box.left - 1 || t.right > box.right + 1).length};
        })"""
    )
    for chart in seen:
        assert chart["width"] <= width and chart["smallest"] >= 11, chart
        assert chart["outside"] == 0, chart
    key = page.locator("#radar ol.axis-key li")
    assert key.count() == 14 and key.first.is_visible() is (width == 390)
    page.close()


def test_at_the_top_of_both_tracks_the_ladders_top_describes_the_person(invoke, tmp_path):
    """Tracks of equal height: someone who reaches the top of each is described by the ladder's
    top (the management track's), with no next rung and an empty road, whether or not they
    manage people."""
    from test_ladders import answers_for, make_ladder

    ladder = make_ladder(tmp_path / "co", 7, 6, tracks=True)
    for managing in (0, 5):
        me = answers_for(ladder, tmp_path / f"me{managing}.toml", rating=5, years=30)
        me.write_text(me.read_text().replace("network_size", f"years_managing = {managing}\nnetwork_size"))
        data = json.loads(invoke("assess", "-a", str(me), "-f", "json", "--ladder", str(ladder)).stdout)
        assert data["tracks"]["craft"]["level"]["id"] == "craft_1"  # the top of the other track too
        assert (data["level"]["id"], data["next_level"], data["roadmap"]["steps"]) == ("lead_1", None, [])


def test_the_map_command_is_code_on_a_page_and_in_markdown_and_kept_whole_in_a_terminal(invoke, tmp_path):
    me = _director(tmp_path, "alibaba:P8")
    md = invoke("assess", "-a", str(me), "-f", "md").stdout
    assert "senior IC; `pmpath levels --map` has the table" in md
    page = tmp_path / "p.html"
    assert invoke("assess", "-a", str(me), "-o", str(page)).exit_code == 0
    assert "<code>pmpath levels --map</code>" in page.read_text(encoding="utf-8")
    assert "`pmpath levels --map`" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "said"), [("en", "two tracks"), ("zh", "两条路线")])
def test_the_self_assessment_form_says_the_ladder_has_two_tracks(invoke, tmp_path, lang, said):
    page = tmp_path / "form.html"
    assert invoke("form", "--lang", lang, "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert 'id="tracks-note"' in html and said in html
    review = tmp_path / "review.html"
    assert invoke("form", "--review", "Alice Chen", "-o", str(review)).exit_code == 0
    assert 'id="tracks-note"' not in review.read_text(encoding="utf-8")  # a rater needs no ladder
