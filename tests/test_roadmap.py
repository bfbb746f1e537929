"""The roadmap: one step per level to CPO, with gaps, years, degrees, network and courses."""

from __future__ import annotations

import pytest

from pmpath.models import dump
from pmpath.report import build_report
from pmpath.roadmap import build_roadmap
from pmpath.scoring import assess

from conftest import make_answers


def _roadmap(catalog, year=2026, **spec):
    answers = make_answers(catalog, **spec)
    return build_roadmap(answers, assess(answers, catalog), catalog, year)


def test_steps_cover_every_level_above_and_end_at_cpo(catalog):
    roadmap = _roadmap(catalog, years=3, rating=3)
    # the road to CPO takes the management track above Senior PM (issue 36): no IC-only rung on it
    assert [s.level for s in roadmap.steps] == ["senior_pm", "group_pm", "director", "vp_product", "cpo"]
    assert roadmap.steps[-1].level == "cpo"


def test_cpo_gets_an_empty_roadmap(catalog):
    roadmap = _roadmap(catalog, years=12, managing=6, rating=5)
    assert roadmap.steps == ()
    assert roadmap.years_to_target == 0


def test_skill_gaps_use_the_needed_anchor_as_behaviour(catalog):
    roadmap = _roadmap(catalog, years=3, rating=3)
    cpo_step = roadmap.steps[-1]
    gap = next(g for g in cpo_step.skill_gaps if g.skill == "strategy")
    assert (gap.rating, gap.needed) == (3, 5)
    assert gap.behaviour.en == catalog.skill("strategy").anchors.en[4]
    assert gap.behaviour.zh == catalog.skill("strategy").anchors.zh[4]
    # biggest gaps first
    sizes = [g.needed - g.rating for g in cpo_step.skill_gaps]
    assert sizes == sorted(sizes, reverse=True)


def test_years_and_managing_still_needed(catalog):
    roadmap = _roadmap(catalog, years=3, managing=0, rating=5)
    director = next(s for s in roadmap.steps if s.level == "director")
    assert director.experience.years_more == 5  # Director's gate is 8 years in product
    assert director.experience.managing_more == 2


def test_timeline_is_increasing_and_bounded_below_by_years(catalog):
    roadmap = _roadmap(catalog, year=2026, years=3, managing=0, rating=3)
    times = [s.years_from_now for s in roadmap.steps]
    assert times == sorted(times) and len(set(times)) == len(times)
    cpo = roadmap.steps[-1]
    assert cpo.years_from_now >= 9 - 3  # seed 000: more than 8 years, so 9
    assert cpo.earliest_year == 2026 + int(cpo.years_from_now_earliest + 0.999)
    assert cpo.typical_year == 2026 + int(cpo.years_from_now + 0.999)
    assert cpo.years_from_now_earliest <= cpo.years_from_now
    assert roadmap.years_to_target == cpo.years_from_now
    assert roadmap.years_to_target_earliest == cpo.years_from_now_earliest


def test_without_a_year_the_plan_speaks_in_years_from_now(catalog):
    roadmap = _roadmap(catalog, year=None, years=3, rating=3)
    assert roadmap.earliest_year is None
    assert all(s.earliest_year is None for s in roadmap.steps)


def test_degrees_are_recommended_never_required(catalog):
    roadmap = _roadmap(catalog, years=3, rating=3, degrees=("bachelor",))
    cpo = roadmap.steps[-1]
    assert set(cpo.degrees.recommended) == {"mba", "emba", "ms_cs"}  # an EMBA is an MBA beside a job
    assert not cpo.degrees.met and cpo.degrees.required is False
    assert "seed 000" in cpo.degrees.source
    with_mba = _roadmap(catalog, years=3, rating=3, degrees=("mba",)).steps[-1]
    assert with_mba.degrees.met and with_mba.degrees.held == ("mba",)


def test_network_target_and_actions(catalog):
    roadmap = _roadmap(catalog, years=3, rating=3, network=250)
    cpo = roadmap.steps[-1]
    assert cpo.network.target == catalog.level("cpo").network.target
    assert cpo.network.more == cpo.network.target - 250
    assert cpo.network.actions.en


def test_courses_match_the_step_level_and_its_gaps(catalog):
    roadmap = _roadmap(catalog, years=3, rating=3)
    for step in roadmap.steps:
        gap_ids = {g.skill for g in step.skill_gaps}
        english = [ref for ref in step.courses if ref.lang != "zh"]
        chinese = [ref for ref in step.courses if ref.lang == "zh"]
        assert 1 <= len(english) <= 3 and len(chinese) <= 3  # the best few in each teaching language
        assert step.courses == (*english, *chinese)
        for ref in step.courses:
            course = next(c for c in catalog.courses if c.id == ref.id)
            assert step.level in course.levels
            assert set(ref.matches) <= gap_ids
        # courses that build a gap come before those that only suit the level
        for taught in (english, chinese):
            matched = [bool(ref.matches) for ref in taught]
            assert matched == sorted(matched, reverse=True)


def test_cpo_step_offers_a_cpo_programme(catalog):
    roadmap = _roadmap(catalog, years=8, managing=3, rating=4)
    assert {"kellogg-cpo", "mit-cpo"} & {c.id for c in roadmap.steps[-1].courses}


def test_degree_courses_only_when_a_degree_is_recommended_and_missing(catalog):
    with_mba = _roadmap(catalog, years=3, rating=3, degrees=("mba",))
    kinds = {c.kind for s in with_mba.steps for c in s.courses}
    assert "degree" not in kinds


def test_kpis_cite_seed_004_or_002(catalog):
    roadmap = _roadmap(catalog, years=3, rating=3)
    for step in roadmap.steps:
        assert step.kpis.en
        assert "seed 00" in step.kpis_source


def test_report_json_matches_the_contract_shape(catalog):
    report = build_report(make_answers(catalog, years=6, managing=1, rating=4), catalog, 2026)
    data = dump(report)
    assert data["schema_version"] == 1
    assert set(data["level"]) >= {"id", "name"}
    assert data["next_level"]["id"] == catalog.levels[catalog.level_index(data["level"]["id"]) + 1].id
    assert data["roadmap"]["target"] == "cpo"
    assert data["roadmap"]["steps"][-1]["level"] == "cpo"
    step = data["roadmap"]["steps"][0]
    assert set(step) >= {"level", "skill_gaps", "experience", "degrees", "network", "courses"}
    assert all({"id", "name"} <= set(c) for c in step["courses"])
    assert {s["id"] for s in data["skills"]} == set(catalog.skill_ids)


# ------------------------------------------------------------------ ladders unlike the bundled one
# (each found by mutation testing: a change to the roadmap that the bundled ladder cannot show)


def _variant(catalog, placement=None, **levels):
    """The bundled ladder with other pace knobs, and some levels' fields changed."""
    import dataclasses

    changed = tuple(dataclasses.replace(lv, **levels.get(lv.id, {})) for lv in catalog.levels)
    knobs = dataclasses.replace(catalog.placement, **(placement or {}))
    return dataclasses.replace(catalog, levels=changed, placement=knobs)


def _next_step(catalog, **spec):
    return _roadmap(catalog, **spec).steps[0]


def test_a_step_with_no_skill_gap_is_one_promotion_away_whatever_the_skill_pace(catalog):
    odd = _variant(catalog, {"years_per_skill_point": 3.0, "years_per_promotion": 1.0})
    director = odd.level("director").skill_minimums
    step = _next_step(odd, years=12, managing=1.9, network=2000, **director)  # short of 2 years managing
    assert (step.level, step.skill_gaps, step.years_from_now_earliest) == ("director", (), 1.0)


def test_a_skill_gap_takes_its_points_times_the_pace(catalog):
    odd = _variant(catalog, {"years_per_skill_point": 2.5, "typical_years_per_skill_point": 0.5})
    step = _next_step(odd, years=2, rating=1)  # a junior far below PM's bar
    largest = max(g.needed - g.rating for g in step.skill_gaps)
    assert step.years_from_now_earliest == largest * 2.5
    assert step.years_from_now >= step.years_from_now_earliest  # typical is never the faster one


def test_years_of_managing_people_hold_back_the_step_that_needs_them(catalog):
    group = catalog.level("group_pm").skill_minimums
    director = catalog.level("director").skill_minimums
    ratings = {s: max(group[s], director[s]) for s in group}
    deep = _variant(catalog, group_pm={"min_years_managing": 6.0}, director={"min_years_managing": 6.0},
                    vp_product={"min_years_managing": 6.0}, cpo={"min_years_managing": 6.0})  # fmt: skip
    step = _next_step(deep, years=12, managing=0, network=2000, **ratings)
    assert step.level == "group_pm" and step.experience.managing_more == 6
    assert step.years_from_now_earliest == 6 and step.years_from_now == 6


def test_the_switch_comes_at_the_management_tracks_first_rung(catalog):
    assert _roadmap(catalog, years=3, rating=3).track_switch.level == "group_pm"


def test_on_one_line_the_switch_comes_at_the_first_level_that_manages_people_even_for_one_year(catalog):
    import dataclasses

    early = _variant(catalog, director={"min_years_managing": 1.0}, group_pm={"min_years_managing": 0.0})
    line = dataclasses.replace(
        early,
        tracks=dataclasses.replace(early.tracks, join=None, top=None),
        levels=tuple(lv for lv in early.levels if lv.track != "ic"),
    )
    assert _roadmap(line, years=3, rating=3).track_switch.level == "director"


def test_an_individual_contributor_track_to_the_top_has_no_switch(catalog):
    import dataclasses

    flat = _variant(catalog, **{lv.id: {"min_years_managing": 0.0} for lv in catalog.levels})
    flat = dataclasses.replace(
        flat, tracks=dataclasses.replace(flat.tracks, join=None, top=None, ic_top="cpo")
    )
    roadmap = _roadmap(flat, years=3, rating=3)
    assert roadmap.track_switch is None and roadmap.steps[-1].level == "cpo"


def test_odd_lines_read_naturally_in_every_format(catalog):
    """A year said twice ("2028; 2028 at the earliest") is said once, and a network already
    bigger than the step asks is not "900 of 300 connections"."""
    import re

    from pmpath.output import render_report, render_text
    from pmpath.render import OutputFormat

    rep = build_report(make_answers(catalog, years=0, network=900), catalog, 2026)
    first = rep.roadmap.steps[0]
    assert first.typical_year == first.earliest_year  # the case in question
    later = next(s for s in rep.roadmap.steps if s.earliest_year != s.typical_year)
    year = first.typical_year
    for lang in ("en", "zh"):
        for fmt in (OutputFormat.table, OutputFormat.md, OutputFormat.html):
            shown = render_report(rep, catalog, fmt, lang)
            text = shown if isinstance(shown, str) else render_text(shown)
            assert f"{year}; {year} at the earliest" not in text and f"{year}；最快 {year}" not in text
            shortfalls = re.findall(r"(\d+) of (\d+) connections|人脉 (\d+) / (\d+)", text)
            grow = re.findall(
                r"network to (\d+) connections \(now (\d+)\)|扩展到 (\d+) 人（现在 (\d+) 人）", text
            )
            assert shortfalls or grow
            assert all(int(a or c) < int(b or d) for a, b, c, d in shortfalls)  # only unmet ones
            assert all(int(a or c) > int(b or d) for a, b, c, d in grow)
            assert str(later.earliest_year) in text  # a different earliest year is still said
    table = render_text(render_report(rep, catalog, OutputFormat.table, "en"))
    assert "900 connections (the step asks for 300)" in table
    assert "人脉 900 人（这一步需要 300 人）" in render_text(
        render_report(rep, catalog, OutputFormat.table, "zh")
    )


@pytest.mark.parametrize("years", [0.5, 3, 8])
def test_a_chinese_reader_meets_a_resource_in_chinese_first_on_every_step_that_has_one(catalog, years):
    """Issue 22: where the catalogue has a resource taught in Chinese that fits a step, a Chinese
    reader's list opens with one; English-taught ones follow, marked. An English reader's list
    is the English-taught picks, as before."""
    from pmpath.render.views import courses_for

    roadmap = _roadmap(catalog, years=years, rating=1)
    by_id = {c.id: c for c in catalog.courses}
    for step in roadmap.steps:
        fits = [
            c for c in catalog.courses if c.lang == "zh" and step.level in c.levels and c.kind != "degree"
        ]
        chinese = courses_for(step.courses, "zh", lambda s: s)
        english = courses_for(step.courses, "en", lambda s: s)
        assert bool(fits) == (by_id[_id(step, chinese[0])].lang == "zh"), step.level
        assert [c.note for c in chinese if by_id[_id(step, c)].lang != "zh"] == (
            ["（英文授课）"] * sum(by_id[_id(step, c)].lang != "zh" for c in chinese)
        )
        assert all(by_id[_id(step, c)].lang != "zh" and not c.note for c in english)
        assert len(english) == sum(ref.lang != "zh" for ref in step.courses)


def _id(step, shown):
    return next(ref.id for ref in step.courses if ref.name == shown.name and ref.provider == shown.provider)


# ------------------------------------------------------------------ growth actions (issue 23)


@pytest.mark.parametrize("rating", [1, 2, 3])
def test_every_step_up_a_skill_gets_its_actions_once_on_the_way_to_the_top(catalog, rating):
    roadmap = _roadmap(catalog, years=1, rating=rating)
    cpo = catalog.level("cpo")
    for skill in catalog.skills:
        listed = [
            a for step in roadmap.steps for g in step.skill_gaps if g.skill == skill.id for a in g.actions
        ]
        wanted = [a for a in skill.actions if rating < a.to <= cpo.skill_minimums[skill.id]]
        assert len(listed) == len(set(listed)), f"{skill.id}: an action repeated across steps"
        assert sorted(listed, key=repr) == sorted(wanted, key=repr), skill.id


def test_a_gap_lists_the_actions_of_the_steps_it_adds_lowest_first(catalog):
    roadmap = _roadmap(catalog, years=1, rating=1)
    below: dict[str, int] = {}
    for step in roadmap.steps:
        for g in step.skill_gaps:
            start = below.get(g.skill, g.rating)
            assert {a.to for a in g.actions} == set(range(start + 1, g.needed + 1)), (step.level, g.skill)
            assert [a.to for a in g.actions] == sorted(a.to for a in g.actions)
            if g.needed > start:
                kinds = [a.kind for a in g.actions if a.to == g.needed]
                assert kinds[:2] == ["on_the_job", "with_people"]
            below[g.skill] = g.needed


def test_a_ladder_without_actions_still_plans(catalog):
    import dataclasses

    bare = dataclasses.replace(
        catalog, skills=tuple(dataclasses.replace(s, actions=()) for s in catalog.skills)
    )
    roadmap = _roadmap(bare, years=1, rating=1)
    assert roadmap.steps and all(g.actions == () for s in roadmap.steps for g in s.skill_gaps)
    assert any(s.skill_gaps for s in roadmap.steps)


def test_the_json_report_carries_each_action_in_both_languages_with_its_source(catalog):
    answers = make_answers(catalog, years=3, rating=2)
    data = dump(build_report(answers, catalog))
    actions = [a for s in data["roadmap"]["steps"] for g in s["skill_gaps"] for a in g["actions"]]
    assert actions
    for a in actions:
        assert a["kind"] in ("on_the_job", "with_people", "learning")
        assert a["text"]["en"] and a["text"]["zh"] and a["source"]
        assert (a["course"] is not None) <= (a["kind"] == "learning")
