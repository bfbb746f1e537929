"""Advice a career can rest on: defining skills, texts that match their minimums, honest
timelines, courses that fit the step, clean Chinese data text (issue 10)."""

from __future__ import annotations

import re

import pytest

from pmpath.catalog import parse_catalog
from pmpath.models import dump
from pmpath.report import build_report
from pmpath.roadmap import build_roadmap
from pmpath.scoring import assess

from conftest import make_answers

# (persona, answers, expected level, why) -- each one a defining-skill rule at some level.
DEFINING_PERSONAS = [
    (
        "PM who barely collaborates",
        dict(years=3, rating=3, collaboration=2),
        "junior_pm",
        "Cross-functional collaboration defines PM (seed 001 mid): one point short is not tolerated.",
    ),
    (
        "PM short on data",
        dict(years=3, rating=3, data_analysis=2),
        "junior_pm",
        "Data analysis defines PM (seed 001 mid).",
    ),
    (
        "senior PM without the area's strategy",
        dict(years=5, rating=3, strategy=2),
        "pm",
        "Strategy defines Senior PM (seed 001 senior: 战略思维).",
    ),
    (
        "senior PM who manages no one",
        dict(years=5, rating=3, delegation=2),
        "senior_pm",
        "Managing people belongs to Group PM, not Senior PM (issue 36; GitLab, Hustle Badger).",
    ),
    (
        "group PM who does not delegate",
        dict(years=6, managing=2, rating=4, delegation=3),
        "senior_pm",
        "Delegation defines Group PM, the rung that manages PMs: 3 is not tolerated.",
    ),
    (
        "senior PM without market insight",
        dict(years=5, rating=3, market_insight=2),
        "pm",
        "Market insight defines Senior PM (seed 001 senior).",
    ),
    (
        "principal PM who does not innovate",
        dict(years=7, rating=4, innovation=3),
        "senior_pm",
        "Innovation defines Principal PM (seed 001 principal: 前瞻性的产品创新).",
    ),
    (
        "director who does not delegate",
        dict(years=10, managing=3, rating=4, delegation=3),
        "principal_pm",
        "Leadership defines Director (seed 001 director: 团队管理).",
    ),
    (
        "director tolerated on UX",
        dict(years=10, managing=3, rating=4, ux_design=2),
        "director",
        "UX is not a defining skill of Director: one point short is tolerated.",
    ),
    (
        "VP who runs lines hands-on",
        dict(years=12, managing=5, rating=4, communication=5, collaboration=5, delegation=4),
        "director",
        "VP runs product lines through directors (delegation 5, seed 000): 4 is not tolerated.",
    ),
    (
        "CPO candidate with strategy 4",
        dict(years=15, managing=8, rating=5, strategy=4),
        "vp_product",
        "Strategic thinking is one of seed 000's five CPO competencies.",
    ),
    (
        "CPO tolerated on data analysis",
        dict(years=15, managing=8, rating=5, data_analysis=3),
        "cpo",
        "Data analysis is not one of the five CPO competencies: a point short is tolerated.",
    ),
]


@pytest.mark.parametrize(
    ("persona", "spec", "expected", "why"), DEFINING_PERSONAS, ids=[p[0] for p in DEFINING_PERSONAS]
)
def test_defining_skills_are_never_tolerated(catalog, persona, spec, expected, why):
    assert assess(make_answers(catalog, **spec), catalog).level.id == expected, why


def test_every_level_names_defining_skills_with_a_seed_source(catalog):
    for level in catalog.levels:
        assert level.defining_skills, level.id
        assert "seed 00" in level.defining_skills_source, level.id
    assert set(catalog.level("cpo").defining_skills) == {
        "communication",
        "strategy",
        "persuasion",
        "decision_making",
        "delegation",
    }


def test_report_json_names_defining_skills(catalog):
    rep = build_report(make_answers(catalog, years=5, rating=3, strategy=2), catalog, 2026)
    data = dump(rep)
    assert data["level"]["id"] == "pm"
    assert "strategy" in data["blocking"]["defining"]
    blocked = {s["id"]: s for s in data["blocking"]["shortfalls"]}
    assert blocked["strategy"]["defining"] is True
    assert any("(a defining skill)" in r for r in data["reasons"])
    assert data["roadmap"]["steps"][0]["defining_skills"] == list(catalog.level("senior_pm").defining_skills)


def test_tolerance_is_said_once_without_contradiction(catalog):
    rep = build_report(make_answers(catalog, years=5, rating=3, ux_design=2), catalog, 2026)
    text = " ".join(rep.reasons)
    assert "13 of 14 skills are at their minimum" in text
    assert "all 14" not in text and "every bar" not in text
    assert "User experience: rated 2, needs 3: one point short" in text


# Behaviours a level's text claims, the skill they exercise and the anchor that describes them.
# Changing a level's words or a minimum so that they disagree fails here.
TEXT_CLAIMS = [
    ("pm", "Owns a module alone", "execution", 3),
    ("pm", "improves it with data", "data_analysis", 3),
    ("senior_pm", "owns a product area's strategy and positioning", "strategy", 3),
    ("senior_pm", "Masters the craft", "requirements", 3),
    ("group_pm", "manages a small group of PMs", "delegation", 4),
    ("senior_principal_pm", "shapes the direction of a whole product line", "strategy", 4),
    ("senior_pm", "find new user groups and openings for the product's positioning", "market_insight", 3),
    ("principal_pm", "cross-department work", "collaboration", 4),
    ("principal_pm", "forward-looking innovation", "innovation", 4),
    ("director", "multi-year product strategy of their product lines", "strategy", 4),
    ("director", "allocates resources", "business_acumen", 4),
    ("director", "Anticipate market shifts for their product lines", "market_insight", 4),
    ("vp_product", "Runs several product lines through directors", "delegation", 5),
    ("vp_product", "keeps the lines aligned with the portfolio vision", "communication", 5),
    ("cpo", "the strategic roadmap the board approves", "communication", 5),
    ("cpo", "vision and strategy", "strategy", 5),
]


@pytest.mark.parametrize(("level_id", "phrase", "skill", "anchor"), TEXT_CLAIMS)
def test_level_texts_and_minimums_agree(catalog, level_id, phrase, skill, anchor):
    level = catalog.level(level_id)
    text = " ".join([level.summary.en, *level.responsibilities.en])
    assert phrase in text, f"{level_id} no longer says {phrase!r}: update the claim table"
    assert level.skill_minimums[skill] >= anchor


def test_texts_do_not_claim_the_boards_for_the_vp(catalog):
    vp = catalog.level("vp_product")
    assert "board" not in vp.summary.en
    assert not any("CEO and board" in r for r in vp.responsibilities.en)


def test_minimums_match_public_ladders(catalog):
    """GitLab's PM (communicator trusted on customer calls) and Senior PM (business cases)."""
    pm, senior = catalog.level("pm"), catalog.level("senior_pm")
    assert pm.skill_minimums["communication"] >= 3 and pm.skill_minimums["collaboration"] >= 3
    assert senior.skill_minimums["business_acumen"] >= 3
    assert "GitLab" in pm.skill_minimums_source and "GitLab" in senior.skill_minimums_source


# ------------------------------------------------------------------ timeline


def test_junior_typical_years_to_cpo_within_the_public_band(catalog):
    rm = build_roadmap(
        make_answers(catalog, years=0, rating=2),
        assess(make_answers(catalog, years=0, rating=2), catalog),
        catalog,
    )
    # Hustle Badger: CPO typically after 15+ years; seed 000: more than 8 years is the floor.
    assert 15 <= rm.years_to_target <= 20
    assert 9 <= rm.years_to_target_earliest < rm.years_to_target


def test_experienced_senior_pm_is_not_told_cpo_inside_five_years(catalog):
    answers = make_answers(catalog, years=10, managing=0, rating=3, user_research=4, requirements=4)
    assessment = assess(answers, catalog)
    assert assessment.level.id == "senior_pm"
    rm = build_roadmap(answers, assessment, catalog, 2026)
    assert rm.years_to_target_earliest > 5 and rm.years_to_target > rm.years_to_target_earliest
    assert rm.earliest_year == 2026 + int(rm.years_to_target_earliest + 0.999)


def test_steps_not_yet_met_are_at_least_the_fastest_promotion_apart(catalog):
    answers = make_answers(catalog, years=0, rating=1)
    rm = build_roadmap(answers, assess(answers, catalog), catalog)
    gaps = [
        b.years_from_now_earliest - a.years_from_now_earliest
        for a, b in zip(rm.steps, rm.steps[1:], strict=False)
    ]
    assert min(gaps) >= catalog.placement.years_per_promotion


def test_a_step_already_met_adds_no_years(catalog):
    """Issue 36: a timeline adds only what is left. Against a junior's placement, someone who
    meets every bar has nothing left on any step."""
    answers = make_answers(catalog, years=20, managing=10, rating=5)
    rm = build_roadmap(answers, assess(make_answers(catalog, years=0, rating=5), catalog), catalog)
    assert [s.level for s in rm.steps] == ["pm", "senior_pm", "group_pm", "director", "vp_product", "cpo"]
    assert [(s.years_from_now, s.years_from_now_earliest) for s in rm.steps] == [(0.0, 0.0)] * len(rm.steps)
    short = make_answers(catalog, years=20, managing=10, rating=5, strategy=4)  # the CPO bar alone is missed
    rm = build_roadmap(short, assess(make_answers(catalog, years=0, rating=5), catalog), catalog)
    assert [s.years_from_now > 0 for s in rm.steps] == [False] * (len(rm.steps) - 1) + [True]


def test_every_pace_knob_is_sourced(catalog):
    p = catalog.placement
    for knob in (
        "tolerance",
        "years_per_skill_point",
        "typical_years_per_skill_point",
        "years_per_promotion",
    ):
        assert getattr(p, f"{knob}_source").strip()
    assert all("Hustle Badger" in lv.typical_years_source for lv in catalog.levels)


def test_report_says_the_timeline_as_a_range(invoke, fixed_terminal):
    from conftest import ROOT

    result = invoke("assess", "-a", str(ROOT / "examples" / "alice.toml"))
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert re.search(
        r"Typically about \d+ years to Chief Product Officer \(\d{4}\); \d{4} at the earliest", text
    )


# ------------------------------------------------------------------ management track


def test_the_roadmap_names_the_switch_to_management(catalog):
    answers = make_answers(catalog, years=8, managing=0, rating=4, delegation=3)
    assessment = assess(answers, catalog)
    assert assessment.level.id == "principal_pm"
    rm = build_roadmap(answers, assessment, catalog)
    switch = rm.track_switch
    assert switch is not None and switch.level == "group_pm"
    assert (switch.managing_now, switch.managing_needed) == (0, 1)
    assert (switch.delegation_now, switch.delegation_needed) == (3, 4)
    assert "Group PM is its first rung" in switch.note.en
    assert [s.level for s in rm.steps if s.manages_people] == ["group_pm"]


def test_no_switch_once_on_the_management_track(catalog):
    answers = make_answers(catalog, years=10, managing=3, rating=4)
    assessment = assess(answers, catalog)
    assert assessment.level.id == "director"
    assert build_roadmap(answers, assessment, catalog).track_switch is None


# ------------------------------------------------------------------ courses


EXECUTIVE = {
    "kellogg-cpo",
    "mit-cpo",
    "stanford-lead",
    "stanford-executive-program",
    "wharton-gmp",
    "ceibs-gemba",
    "pku-guanghua-emba",
    "ckgsb-emba",
}


@pytest.mark.parametrize(
    "spec",
    [dict(years=0, rating=2), dict(years=3, rating=3), dict(years=5, rating=3), dict(years=7, rating=4)],
)
def test_no_executive_programme_before_the_director_step(catalog, spec):
    answers = make_answers(catalog, **spec)
    rm = build_roadmap(answers, assess(answers, catalog), catalog)
    director = catalog.level_index("director")
    for step in rm.steps:
        ids = {c.id for c in step.courses}
        if catalog.level_index(step.level) < director:
            assert not ids & EXECUTIVE, (step.level, ids)
    assert {c.id for c in catalog.courses if c.executive} == EXECUTIVE


def test_no_course_repeats_while_another_fits(catalog):
    answers = make_answers(catalog, years=0, rating=2)
    rm = build_roadmap(answers, assess(answers, catalog), catalog)
    seen: set[str] = set()
    for step in rm.steps:
        for lang in ("en", "zh"):  # each teaching language fills its own few places
            fresh_fitting = {
                c.id
                for c in catalog.courses
                if step.level in c.levels and c.kind != "degree" and (c.lang == "zh") == (lang == "zh")
            } - seen
            shown = [c for c in step.courses if (c.lang == "zh") == (lang == "zh")]
            repeats = {c.id for c in shown} & seen
            if repeats:
                assert len(fresh_fitting) < len(shown), (step.level, lang, repeats)
        seen |= {c.id for c in step.courses}


def test_example_cohort_is_not_sent_to_a_cpo_programme(invoke):
    import json

    from conftest import ROOT

    result = invoke("cohort", str(ROOT / "examples" / "cohort"), "--format", "json")
    data = json.loads(result.stdout)
    ladder = [lv["id"] for lv in data["summary"]["levels"]]
    for person in data["people"]:
        if ladder.index(person["next_level"]) < ladder.index("director"):
            assert not set(person["courses"]) & EXECUTIVE, person
    top = data["summary"]["courses"][0]["id"]
    assert top not in EXECUTIVE  # a cohort of juniors and mids


def _break(courses_text: str, course_id: str, old: str, new: str) -> str:
    head, _, rest = courses_text.partition(f'id = "{course_id}"')
    assert old in rest
    return head + f'id = "{course_id}"' + rest.replace(old, new, 1)


def test_loader_refuses_an_executive_programme_for_juniors(levels_text, courses_text):
    from pmpath.errors import InputError

    broken = _break(courses_text, "wharton-gmp", 'levels = ["director"', 'levels = ["pm", "director"')
    with pytest.raises(InputError, match=r"courses\[\d+\]\.levels: an executive programme"):
        parse_catalog(levels_text, broken)


def test_loader_refuses_undated_and_stale_costs(levels_text, courses_text):
    """A bundled course is dated by its `checked`: a cost on a course without one is refused (as
    the course is), and a figure seen more than three years before the review is stale."""
    from pmpath.errors import InputError

    cost = '\ncost = { en = "US$1,995 a year", zh = "每年 1,995 美元" }'
    note = '{ en = "not published on the pages we could read", zh = "所查阅的页面未公布价格" }'
    given = f'\ncost_note = {note}\nchecked = "2026-12"\nskills = '
    undated = _break(courses_text, "reforge", given, cost + "\nskills = ")
    with pytest.raises(InputError, match=r"checked: pmpath's own courses say when their facts were last"):
        parse_catalog(levels_text, undated)
    old = cost + '\ncost_seen = 2019\nchecked = "2026-12"\nskills = '
    stale = _break(courses_text, "reforge", given, old)
    with pytest.raises(InputError, match=r"is stale"):
        parse_catalog(levels_text, stale)


def test_courses_have_a_level_reason_and_no_mba_only_electives(catalog):
    assert all(c.levels_reason for c in catalog.courses)
    assert "hbs-pm101" not in {c.id for c in catalog.courses}
    for course in catalog.courses:
        if course.cost:
            assert course.cost_seen and catalog.courses_reviewed - course.cost_seen <= 3


# ------------------------------------------------------------------ Chinese data text

_CJK = r"[\u3400-\u9fff]"
_HALF = r"[,;:()?!]"


def _zh_strings(catalog) -> list[str]:
    out = [catalog.tracks.switch_note.zh]
    for group in catalog.groups:
        out.append(group.name.zh)
    for skill in catalog.skills:
        out += [skill.name.zh, skill.summary.zh, *skill.anchors.zh]
    for lv in catalog.levels:
        out += [lv.name.zh, lv.summary.zh, *lv.responsibilities.zh, lv.degrees.note.zh]
        out += [*lv.network.actions.zh, *lv.kpis.zh]
    return out


def test_no_half_width_punctuation_next_to_chinese(catalog):
    bad = [s for s in _zh_strings(catalog) if re.search(f"{_CJK}{_HALF}|{_HALF}{_CJK}|{_CJK} ?[,;:?!] ", s)]
    assert bad == []


def test_chinese_wording_fixes(catalog):
    text = "".join(_zh_strings(catalog))
    assert "以外交式的方式" not in text and "理学硕士" not in text
    # seed 001's names tell the two apart; an English gloss nested brackets in every sentence
    # that named the level (ZH-GLOSSARY.md)
    assert catalog.level("senior_pm").name.zh == "高级产品经理"
    assert catalog.level("principal_pm").name.zh == "资深产品经理"


def test_a_course_text_without_its_chinese_is_named_in_the_courses_file(levels_text, courses_text):
    """The bundled ladder is complete in Chinese, courses too; the error names courses.toml and
    the course's own line, not levels.toml."""
    from pmpath.errors import InputError

    english_only = _break(
        courses_text, "reforge", "\nskills = ", '\ncost = "US$1,995 a year"\ncost_seen = 2026\nskills = '
    )
    with pytest.raises(InputError) as caught:
        parse_catalog(levels_text, english_only)
    said = str(caught.value)
    line = english_only[: english_only.index('cost = "US$1,995')].count("\n") + 1
    assert said.startswith("courses.toml: courses[") and ".cost.zh: " in said
    assert f"(line {line})" in said
