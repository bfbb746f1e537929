"""The roadmap: one step per level to CPO, with gaps, years, degrees, network and courses."""

from __future__ import annotations

from pmpath.report import build_report
from pmpath.roadmap import build_roadmap
from pmpath.scoring import assess

from conftest import make_answers


def _roadmap(catalog, year=2026, **spec):
    answers = make_answers(catalog, **spec)
    return build_roadmap(answers, assess(answers, catalog), catalog, year)


def test_steps_cover_every_level_above_and_end_at_cpo(catalog):
    roadmap = _roadmap(catalog, years=3, rating=3)
    assert [s.level for s in roadmap.steps] == ["senior_pm", "principal_pm", "director", "vp_product", "cpo"]
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
    assert director.experience.years_more == 4
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
    assert set(cpo.degrees.recommended) == {"mba", "ms_cs"}
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
        assert 1 <= len(step.courses) <= 3
        for ref in step.courses:
            course = next(c for c in catalog.courses if c.id == ref.id)
            assert step.level in course.levels
            assert set(ref.matches) <= gap_ids
        # courses that build a gap come before those that only suit the level
        matched = [bool(ref.matches) for ref in step.courses]
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
    data = report.model_dump(mode="json")
    assert data["schema_version"] == 1
    assert set(data["level"]) >= {"id", "name"}
    assert data["next_level"]["id"] == catalog.levels[catalog.level_index(data["level"]["id"]) + 1].id
    assert data["roadmap"]["target"] == "cpo"
    assert data["roadmap"]["steps"][-1]["level"] == "cpo"
    step = data["roadmap"]["steps"][0]
    assert set(step) >= {"level", "skill_gaps", "experience", "degrees", "network", "courses"}
    assert all({"id", "name"} <= set(c) for c in step["courses"])
    assert {s["id"] for s in data["skills"]} == set(catalog.skill_ids)
