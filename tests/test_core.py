"""The pure core as a reader of its output would check it: golden JSON reports for a spread of
personas on every shipped ladder, and properties that hold for any answers.

The golden files are the contract in full: any change to placement, the roadmap, the 360
combination or progress changes some persona's report and fails here. When a change is meant,
regenerate them with `PMPATH_UPDATE_GOLDEN=1 pytest tests/test_core.py` and read the diff.
`scripts/mutation.sh` runs mutmut over the core against these tests.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.catalog import load_ladder
from pmpath.models import Answers, Catalog, Review, dump, dump_json, validate
from pmpath.progress import progress
from pmpath.report import build_report
from pmpath.scoring import check_level

from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
LADDERS = {
    "bundled": None,
    "gitlab": ROOT / "examples" / "ladders" / "gitlab",
    "minimal": ROOT / "examples" / "ladders" / "minimal",
}
YEAR = 2026
ROLES = ("manager", "peer", "report", "other")


def _persona(rng: random.Random, catalog: Catalog, n: int) -> tuple[Answers, list[Review]]:
    """Person n of a spread: aimed at each level of the ladder in turn, at its bar, a point
    either side of it on a skill or two (the tolerated near miss, the blocked one), with years
    just short or just over."""
    level = catalog.levels[n % len(catalog.levels)]
    ratings = {
        s: max(1, min(5, need + rng.choice((-1, 0, 0, 0, 1)))) for s, need in level.skill_minimums.items()
    }
    years = round(max(0.0, level.min_years_experience + rng.choice((-1.5, 0, 0.5, 2))), 1)
    managing = round(min(years, max(0.0, level.min_years_managing + rng.choice((-1, 0, 1)))), 1)
    degrees = rng.sample(["bachelor", "mba", "ms_cs", "master", "phd"], k=n % 3)
    answers = validate(
        Answers,
        {
            "profile": {
                "name": f"Persona {n}",
                "years_experience": years,
                "years_managing": managing,
                "degrees": degrees,
                "network_size": rng.choice((0, 40, 150, 400, 900)),
            },
            "ratings": ratings,
        },
    )
    reviews: list[Review] = []
    if n % 4 == 1:  # a manager and three peers: others' view, and peers apart
        for k, role in enumerate(("manager", "peer", "peer", "peer", "report")):
            judged = {s: max(1, min(5, r + rng.choice((-2, -1, 0, 1)))) for s, r in ratings.items()}
            if k and rng.random() < 0.5:
                judged.pop(rng.choice(list(judged)))
            meta = {"about": f"Persona {n}", "role": role, "by": "Boss" if role == "manager" else ""}
            reviews.append(validate(Review, {"review": meta, "ratings": judged or ratings}))
    return answers, reviews


def _reports(name: str) -> list[dict[str, Any]]:
    catalog = load_ladder(LADDERS[name])
    rng = random.Random(f"pmpath golden {name}")
    out = []
    for n in range(14):
        answers, reviews = _persona(rng, catalog, n)
        data = json.loads(dump_json(build_report(answers, catalog, YEAR, reviews)))
        data.pop("pmpath_version")
        out.append(data)
    return out


@pytest.mark.parametrize("name", list(LADDERS))
def test_reports_match_the_golden_files(name):
    path = GOLDEN / f"{name}.json"
    got = _reports(name)
    if os.environ.get("PMPATH_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    assert len(got) == len(want)
    for n, (mine, theirs) in enumerate(zip(got, want, strict=True)):
        assert mine == theirs, f"persona {n} on the {name} ladder changed"


def test_the_golden_spread_covers_the_ladders():
    """A golden file that only held juniors would let a broken climb pass."""
    for name in LADDERS:
        catalog = load_ladder(LADDERS[name])
        reports = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        placed = {r["level"]["id"] for r in reports}
        assert len(placed) >= min(4, len(catalog.levels)), (name, placed)
        assert any(r["reviews"] for r in reports)
        if name == "bundled":  # the tolerated near miss, README rule 2
            assert any(r["current"]["tolerated"] for r in reports), name


# ------------------------------------------------------------------ properties


def _answers(catalog: Catalog, data: st.DataObject) -> Answers:
    years = data.draw(st.floats(0, 30, allow_nan=False).map(lambda y: round(y, 1)))
    managing = data.draw(st.floats(0, 30, allow_nan=False).map(lambda y: round(min(y, years), 1)))
    ratings = {s: data.draw(st.integers(1, 5), label=s) for s in catalog.skill_ids}
    degrees = data.draw(st.lists(st.sampled_from(["bachelor", "mba", "ms_cs", "master", "phd"]), unique=True))
    network = data.draw(st.integers(0, 2000))
    return validate(
        Answers,
        {
            "profile": {
                "name": "P",
                "years_experience": years,
                "years_managing": managing,
                "degrees": degrees,
                "network_size": network,
            },
            "ratings": ratings,
        },
    )


CATALOGS = {name: load_ladder(where) for name, where in LADDERS.items()}
# paces the bundled ladder does not have: skills slower than promotions, typical faster than earliest
CATALOGS["odd_pace"] = dataclasses.replace(
    CATALOGS["bundled"],
    placement=dataclasses.replace(
        CATALOGS["bundled"].placement,
        years_per_skill_point=2.5,
        typical_years_per_skill_point=0.5,
        years_per_promotion=0.5,
    ),
)


@pytest.mark.parametrize("name", list(LADDERS))
@settings(max_examples=60)
@given(data=st.data())
def test_placed_at_a_level_means_every_level_below_it_on_its_path_is_met(name, data):
    catalog, rep = _report(name, data)
    answers = _answers_of(rep)
    path = [lv.id for lv in catalog.path]
    placed = rep.level.id
    below = path[: path.index(placed)] if placed in path else []
    for level_id in below:
        assert check_level(answers, catalog.level(level_id), catalog).met, (placed, level_id)
    assert rep.current.met or placed == path[0]
    if rep.next_level is not None and rep.blocking is not None:
        assert rep.blocking.level == rep.next_level.id
        assert not rep.blocking.met


def _report(name: str, data: st.DataObject) -> tuple[Catalog, Any]:
    catalog = CATALOGS[name]
    return catalog, build_report(_answers(catalog, data), catalog, YEAR)


def _answers_of(rep: Any) -> Answers:
    return validate(Answers, {"profile": dump(rep.profile), "ratings": {s.id: s.rating for s in rep.skills}})


@pytest.mark.parametrize("name", list(CATALOGS))
@settings(max_examples=60)
@given(data=st.data())
def test_every_step_asks_nothing_negative_and_typical_is_never_faster(name, data):
    catalog, rep = _report(name, data)
    steps = rep.roadmap.steps
    previous_years, previous_earliest = 0.0, 0.0
    for step in steps:
        exp = step.experience
        assert exp.years_more >= 0 and exp.managing_more >= 0 and step.network.more >= 0
        assert exp.years_more == max(0, exp.years_needed - exp.years_now)
        assert step.years_from_now >= step.years_from_now_earliest >= 0
        assert step.years_from_now >= previous_years and step.years_from_now_earliest >= previous_earliest
        previous_years, previous_earliest = step.years_from_now, step.years_from_now_earliest
        for gap in step.skill_gaps:
            assert gap.needed > gap.rating
        # no step comes sooner than what it still needs: years, managing, the largest skill gap
        pace = catalog.placement
        largest = max((g.needed - g.rating for g in step.skill_gaps), default=0)
        floor = max(exp.years_more, exp.managing_more, largest * pace.years_per_skill_point)
        assert step.years_from_now_earliest >= floor - 1e-9
        assert (
            step.years_from_now >= max(exp.managing_more, largest * pace.typical_years_per_skill_point) - 1e-9
        )
        sizes = [g.needed - g.rating for g in step.skill_gaps]
        assert sizes == sorted(sizes, reverse=True)
    if steps:
        assert rep.roadmap.years_to_target == steps[-1].years_from_now
        assert rep.roadmap.years_to_target >= rep.roadmap.years_to_target_earliest


@settings(max_examples=40)
@given(data=st.data())
def test_progress_is_what_moved_between_the_runs(data):
    from types import SimpleNamespace

    catalog = CATALOGS["bundled"]
    count = data.draw(st.integers(2, 4), label="runs")
    runs = []
    for i in range(count):
        answers = _answers(catalog, data)
        rep = build_report(answers, catalog, YEAR)
        runs.append(
            SimpleNamespace(
                id=i + 1,
                at=f"2026-0{i + 1}-01",
                level=rep.level.id,
                level_name=rep.level.name,
                answers=json.loads(dump_json(answers)),
                report=dump_json(rep),
            )
        )
    names = {s.id: s.name.en for s in catalog.skills}
    moved = progress("P", runs, names)
    assert (moved.runs, moved.from_run.id, moved.to_run.id) == (count, 1, count)
    for change in moved.skills:
        trail = tuple(r.answers["ratings"][change.id] for r in runs)
        assert change.trail == trail
        assert (change.from_, change.to, change.delta) == (trail[0], trail[-1], trail[-1] - trail[0])
        assert change.name == names[change.id]
    levels = [r.level for r in runs]
    expected = [lv for i, lv in enumerate(levels) if i == 0 or levels[i - 1] != lv]
    assert [c.level for c in moved.levels] == expected
    first_step = json.loads(runs[0].report)["roadmap"]["steps"][:1]
    gaps = {g["skill"]: g["needed"] for step in first_step for g in step["skill_gaps"]}
    assert {g.skill for g in (*moved.closed, *moved.open)} == set(gaps)
    latest = runs[-1].answers["ratings"]
    assert all(latest[g.skill] >= g.needed for g in moved.closed)
    assert all(latest[g.skill] < g.needed and g.now == latest[g.skill] for g in moved.open)


def test_golden_files_are_in_the_repository():
    assert sorted(p.name for p in Path(GOLDEN).glob("*.json")) == sorted(f"{n}.json" for n in LADDERS)


def _run(i: int, level: str, ratings: dict[str, int], report: dict[str, Any] | None = None) -> Any:
    from types import SimpleNamespace

    roadmap = report if report is not None else {"roadmap": {"steps": []}}
    return SimpleNamespace(
        id=i, at=f"202{i}-03-01T10:00:00", level=level, level_name=f"{level} then",
        answers={"ratings": ratings}, report=json.dumps(roadmap),
    )  # fmt: skip


def test_progress_across_a_skill_added_and_one_dropped_between_runs():
    """Runs made with another version of a ladder: a skill the first run did not rate has no
    change to show; one the latest did not rate counts as 0; levels keep their run and date,
    named as the ladder names them now where it still has them."""
    steps = {"roadmap": {"steps": [{"level": "senior_pm", "skill_gaps": [{"skill": "a", "needed": 3}]}]}}
    first, middle, latest = _run(1, "pm", {"a": 2}, steps), _run(2, "pm", {"a": 3}), _run(3, "lead", {"b": 4})
    moved = progress("P", [first, middle, latest], {"a": "A", "b": "B"}, {"pm": "Product Manager"})
    a, b = moved.skills
    assert (a.from_, a.to, a.delta, a.trail) == (2, 0, -2, (2, 3))
    assert (b.from_, b.to, b.delta, b.trail) == (None, 4, None, (4,))
    assert [(c.at, c.run, c.level, c.level_name) for c in moved.levels] == [
        ("2021-03-01T10:00:00", 1, "pm", "Product Manager"),
        ("2023-03-01T10:00:00", 3, "lead", "lead then"),
    ]
    assert [(g.skill, g.needed, g.level, g.now) for g in moved.open] == [("a", 3, "senior_pm", 0)]
    assert moved.closed == ()


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Since 2021-03-01: +1 A, -2 C; level pm → senior_pm."),
        ("zh", "自 2021-03-01 以来：+1 A、-2 C；级别 pm → senior_pm。"),
    ],
)
def test_the_since_line_names_what_moved_in_the_person_s_language(lang, line):
    from pmpath.progress import since_line

    before = _run(1, "pm", {"a": 2, "b": 3, "c": 4})
    said = since_line(
        before, {"a": 3, "b": 3, "c": 2, "d": 5}, "senior_pm", {"a": "A", "b": "B", "c": "C", "d": "D"}
    )
    assert said.text(lang) == line
    same = since_line(before, {"a": 2, "b": 3, "c": 4}, "pm", {"a": "A", "b": "B", "c": "C"})
    assert same.text(lang) == (
        "Since 2021-03-01: no rating changed." if lang == "en" else "自 2021-03-01 以来：没有评分变化。"
    )


def test_progress_names_the_person_both_runs_and_every_gap():
    steps = {"roadmap": {"steps": [{"level": "senior_pm", "skill_gaps": [
        {"skill": "a", "needed": 3}, {"skill": "gone", "needed": 4},
    ]}]}}  # fmt: skip
    first, latest = _run(1, "pm", {"a": 2}, steps), _run(2, "senior_pm", {"a": 3})
    moved = progress("Lin Wei", [first, latest], {"a": "Strategy"})
    assert moved.name == "Lin Wei"
    refs = [(r.id, r.at, r.level, r.level_name) for r in (moved.from_run, moved.to_run)]
    assert refs == [
        (1, "2021-03-01T10:00:00", "pm", "pm then"),
        (2, "2022-03-01T10:00:00", "senior_pm", "senior_pm then"),
    ]
    assert [(g.skill, g.name, g.now) for g in moved.closed] == [("a", "Strategy", 3)]
    assert [(g.skill, g.name, g.now) for g in moved.open] == [
        ("gone", "gone", 0)
    ]  # a skill the ladder dropped


# ------------------------------------------------------------------ 360 reviews at their edges


def _review(role: str, ratings: dict[str, int], by: str = "") -> Review:
    return validate(Review, {"review": {"about": "P", "role": role, "by": by}, "ratings": ratings})


def _combined(own: int, reviews: list[Review]) -> Any:
    from pmpath.reviews import combine

    from conftest import make_answers

    catalog = CATALOGS["bundled"]
    return combine(make_answers(catalog, years=3, rating=own), reviews, catalog)[1]


@pytest.mark.parametrize(("others", "apart"), [(3, True), (2, False), (0, True)])
def test_peers_are_shown_apart_only_when_the_rest_is_none_or_a_group_of_three(others, apart):
    """Three peers, and reports beside them: none or three are enough to hide in, two are not
    (the pooled figure minus the peers' would give their sum)."""
    reviews = [_review("peer", {"strategy": 3})] * 3 + [_review("report", {"strategy": 4})] * others
    view = next(v for v in _combined(3, reviews).skills if v.id == "strategy")
    assert (view.peers is not None) == apart
    assert view.others == (3.5 if others == 3 else 3.4 if others == 2 else 3.0)


def test_a_gap_of_exactly_one_point_is_a_blind_spot_or_a_hidden_strength():
    reviews = [_review("manager", {"strategy": 3, "communication": 5}, by="Ana")]
    summary = _combined(4, reviews)
    assert "strategy" in summary.blind_spots and "communication" in summary.hidden_strengths


def test_only_a_manager_is_ever_named_whatever_the_review_carries():
    """A peer's name is dropped when the file is read; should a review still carry one, the
    summary names the manager alone."""
    reviews = [_review("manager", {"strategy": 3}, by="Ana"), _review("peer", {"strategy": 3}, by="Bo")]
    assert _combined(3, reviews).manager == "Ana"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Since 2021-03-01: no rating changed; level Product Manager → Senior Product Manager."),
        ("zh", "自 2021-03-01 以来：没有评分变化；级别中级产品经理 → 高级产品经理。"),
    ],
)
def test_the_since_line_names_levels_not_ids(lang, line, catalog):
    """The check-in's level change reads "Product Manager → Senior Product Manager" (issue 41),
    in the reader's language, never the ids `pm → senior_pm`."""
    from pmpath.progress import since_line

    names = {lv.id: lv.name.get(lang) for lv in catalog.levels}
    said = since_line(_run(1, "pm", {"a": 2}), {"a": 2}, "senior_pm", {"a": "A"}, names)
    assert said.text(lang) == line


@pytest.mark.parametrize(
    ("lang", "before", "now", "line"),
    [
        (
            "en",
            "principal_pm",
            "group_pm",
            "Since 2021-03-01: no rating changed; level Principal Product Manager → Group Product Manager, "
            "a move to the Management track.",
        ),
        (
            "zh",
            "senior_pm",
            "principal_pm",
            "自 2021-03-01 以来：没有评分变化；级别高级产品经理 → 资深产品经理，转入专业路线（P 序列）。",
        ),
        (
            "en",
            "group_pm",
            "director",
            "Since 2021-03-01: no rating changed; level Group Product Manager → Director of Product.",
        ),
    ],
)
def test_the_since_line_names_a_change_of_track(lang, before, now, line, catalog):
    """Issue 36: Principal PM → Group PM is a move to the other track, and the check-in says so;
    a promotion on the same track is only a level change."""
    from pmpath.progress import since_line

    names = {lv.id: lv.name.get(lang) for lv in catalog.levels}
    assert catalog.tracks is not None
    tracks = {lv.id: catalog.tracks.names[lv.track].get(lang) for lv in catalog.levels if lv.track}
    said = since_line(_run(1, before, {"a": 2}), {"a": 2}, now, {"a": "A"}, names, tracks)
    assert said.text(lang) == line
