"""Quarterly check-ins (issue 23 §4): a report records its quarter's plan; the next run and
`pmpath progress` hold it against what moved, with the evidence logged in between."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmpath.catalog import load_catalog
from pmpath.models import PlanItem, dump, validate_json
from pmpath.plan import QUARTER_ITEMS, quarter, stored_plan
from pmpath.progress import logged_since, planned_states
from pmpath.render import views

from conftest import ROOT, answers_toml

CAT = load_catalog()
ALICE = ROOT / "examples" / "alice.toml"


def _report(invoke, tmp_path, **ratings):
    me = tmp_path / "me.toml"
    me.write_text(answers_toml(CAT, **{k: str(v) for k, v in ratings.items()}))
    made = invoke("assess", "-a", str(me), "-f", "json", "--no-history")
    assert made.exit_code == 0, made.stderr
    return json.loads(made.stdout)


def _skills(plan) -> list[str | None]:
    return [p.skill for p in plan]


def test_defining_gaps_come_first_and_the_widest_of_them_first():
    gaps = [("a", 3, 4), ("b", 1, 4), ("c", 2, 3), ("d", 1, 3)]
    assert _skills(quarter(gaps, {"c", "d"}, 0.0, (0, 0, 0))) == ["d", "c", "b"]


def test_years_of_managing_then_the_network_fill_what_gaps_leave():
    plan = quarter([("a", 2, 3)], set(), 1.5, (200, 500, 300))
    assert [p.kind for p in plan] == ["skill", "managing", "network"]
    assert plan[1].years == 1.5 and (plan[2].target, plan[2].now) == (500, 300)
    assert quarter([], set(), 0.0, (0, 10, 10)) == ()


def test_any_years_of_managing_or_connections_still_to_gain_are_planned():
    plan = quarter([], set(), 0.5, (1, 301, 300))
    assert [(p.kind, p.years, p.target, p.now) for p in plan] == [
        ("managing", 0.5, None, None),
        ("network", None, 301, 300),
    ]


def test_a_stored_report_is_read_not_trusted():
    assert stored_plan({}) == () and stored_plan({"roadmap": {"steps": []}}) == ()
    step = {"skill_gaps": [{"skill": "a", "rating": 1, "needed": 3}, {"skill": "b", "needed": 2}, "junk"]}
    assert [(p.skill, p.rating, p.needed) for p in stored_plan({"roadmap": {"steps": [step]}})] == [
        ("a", 1, 3)
    ]
    step["network"] = {"more": 5, "target": 10, "current": 5}
    step["experience"] = {"managing_more": 1.0}
    kinds = [p.kind for p in stored_plan({"roadmap": {"steps": [step]}})]
    assert kinds == ["skill", "managing", "network"]
    bare = {"network": {"more": 5}, "defining_skills": ["b"]}
    bare["skill_gaps"] = [{"skill": "a", "rating": 1, "needed": 4}, {"skill": "b", "rating": 2, "needed": 3}]
    plan = stored_plan({"roadmap": {"steps": [bare]}})
    assert [(p.skill, p.target, p.now) for p in plan] == [("b", None, None), ("a", None, None), (None, 0, 0)]
    assert stored_plan({"roadmap": {"steps": [{"experience": {"managing_more": 2.0}}]}})[0].years == 2.0


def test_a_report_short_of_years_and_network_plans_them(invoke, tmp_path):
    """All 5s and no managing: the next step's years of managing and its network are planned;
    an older report without `plan` re-derives the same from its roadmap."""
    me = tmp_path / "me.toml"
    me.write_text(
        answers_toml(
            CAT,
            years_experience="20",
            years_managing="0",
            network_size="10",
            **{s: "5" for s in CAT.skill_ids},
        )
    )
    data = json.loads(invoke("assess", "-a", str(me), "-f", "json", "--no-history").stdout)
    assert [p["kind"] for p in data["plan"]] == ["managing", "network"]
    assert data["plan"][1]["now"] == 10 and data["plan"][1]["target"] > 10
    older = {k: v for k, v in data.items() if k != "plan"}
    assert [dump(p) for p in stored_plan(older)] == data["plan"]


def test_a_quarter_holds_three_items():
    gaps = [(f"s{i}", 1, 3) for i in range(6)]
    assert len(quarter(gaps, set(), 2.0, (5, 10, 5))) == QUARTER_ITEMS == 3


def test_a_report_records_the_plan_its_quarter_shows(invoke, tmp_path):
    data = _report(invoke, tmp_path, strategy=1, innovation=2, data_analysis=1)
    plan = stored_plan(data)
    assert 1 <= len(plan) <= QUARTER_ITEMS and data["plan"]
    from pmpath.models import Report

    rep = validate_json(Report, json.dumps(data))
    items = views.next_actions(rep, CAT, "en")
    assert len(items) == len(plan)
    for item, planned in zip(items, plan, strict=True):
        if planned.kind == "skill":
            assert item.text.startswith(
                f"{CAT.skill(planned.skill).name.en} {planned.rating}→{planned.needed}"
            )


def test_a_report_made_before_plans_were_kept_gets_the_same_plan_from_its_roadmap(invoke, tmp_path):
    data = _report(invoke, tmp_path, strategy=1, innovation=2, execution=1)
    recorded = stored_plan(data)
    older = {k: v for k, v in data.items() if k != "plan"}
    assert [dump(p) for p in stored_plan(older)] == [dump(p) for p in recorded]


def test_planned_skills_are_reached_moving_or_still():
    before = {
        "plan": [
            dump(PlanItem(kind="skill", skill="a", rating=2, needed=4)),
            dump(PlanItem(kind="skill", skill="b", rating=2, needed=3)),
            dump(PlanItem(kind="skill", skill="c", rating=3, needed=4)),
            dump(PlanItem(kind="managing", years=1.0)),
        ]
    }
    states = planned_states(before, {"a": 3, "b": 3, "c": 3}, {"a": "A"})
    assert [(s.skill, s.moved, s.reached) for s in states] == [
        ("a", True, False),
        ("b", True, True),
        ("c", False, False),
    ]
    assert states[0].name == "A" and states[1].name == "b"  # an unknown name shows its id


def test_evidence_counts_from_the_day_of_the_earlier_run():
    logged = [("a", "2026-03-01"), ("a", "2026-03-02"), ("b", "2026-02-28"), ("b", "2026-05-01")]
    assert logged_since(logged, "2026-03-01T09:30:00") == {"a": 2, "b": 1}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_progress_shows_planned_against_moved_and_the_evidence_between(invoke, tmp_path, lang):
    first = tmp_path / "first.toml"
    first.write_text(answers_toml(CAT, strategy="1", innovation="2"))
    assert invoke("assess", "-a", str(first), "-f", "json").exit_code == 0
    plan = [p for p in stored_plan(json.loads(invoke("history", "show", "1", "-f", "json").stdout))]
    skills = [p.skill for p in plan if p.kind == "skill"]
    assert "strategy" in skills and "innovation" in skills
    assert invoke("evidence", "add", "strategy", "Wrote the one-year strategy").exit_code == 0
    later = tmp_path / "later.toml"
    later.write_text(answers_toml(CAT, strategy="4", innovation="2"))
    assert invoke("assess", "-a", str(later), "-f", "json").exit_code == 0
    data = json.loads(invoke("progress", "-f", "json").stdout)
    import jsonschema

    jsonschema.validate(data, json.loads(invoke("schema", "progress").stdout))
    states = {s["skill"]: s for s in data["planned"]}
    assert states["strategy"]["reached"] and states["strategy"]["moved"]
    assert not states["innovation"]["moved"] and states["innovation"]["now"] == 2
    assert data["evidence"] == {"strategy": 1}
    shown = invoke("progress", "--lang", lang).stdout
    strategy, innovation = CAT.skill("strategy").name.get(lang), CAT.skill("innovation").name.get(lang)
    said = {
        "en": [f"✓ {strategy} 1→", ": now 4, reached", f"· {innovation} 2→", ": still 2", "logged since"],
        "zh": [f"✓ {strategy} 1→", "：现在 4 分，已达成", f"· {innovation} 2→", "：仍为 2 分", "条成果"],
    }[lang]
    for piece in said:
        assert piece in shown, (piece, shown)
    # the skill not yet moved is followed by its next on-the-job action; the one reached is not
    steps = CAT.skill("innovation").actions_between(2, states["innovation"]["needed"])
    nudge = next(a for a in steps if a.kind == "on_the_job").text.get(lang)
    flat = "".join(shown.split())
    assert "→" + "".join(nudge.split()) in flat
    after_strategy = shown.split(f"✓ {strategy}", 1)[1].splitlines()[1]
    assert not after_strategy.lstrip().startswith("→")
    md = invoke("progress", "-f", "md", "--lang", lang).stdout
    assert f"- [x] {strategy}" in md and f"- [ ] {innovation}" in md


COHORT = ROOT / "examples" / "cohort"


def test_a_cohort_row_plans_what_the_persons_own_report_plans(invoke, tmp_path):
    """One rule (pmpath.plan) behind both: the row a cohort writes for a later --baseline and
    the report the person reads (the example cohort's people, without its reviews)."""
    for path in sorted(COHORT.glob("*.toml")):
        (tmp_path / path.name).write_text(path.read_text())
    data = json.loads(invoke("cohort", str(tmp_path), "-f", "json").stdout)
    assert len(data["people"]) == len(list(COHORT.glob("*.toml")))
    for person in data["people"]:
        mine = tmp_path / Path(person["file"]).name
        own = json.loads(invoke("assess", "-a", str(mine), "-f", "json", "--no-history").stdout)
        assert person["plan"] == [p.skill for p in stored_plan(own) if p.kind == "skill"], person["name"]


def test_a_baseline_counts_who_planned_each_skill_and_who_moved_it(invoke, tmp_path):
    import re

    import jsonschema

    before, after = tmp_path / "q1", tmp_path / "q2"
    before.mkdir()
    after.mkdir()
    for path in sorted(COHORT.glob("*.toml")):
        (before / path.name).write_text(path.read_text())
    base = tmp_path / "base.json"
    assert invoke("cohort", str(before), "-f", "json", "-o", str(base)).exit_code == 0
    people = json.loads(base.read_text())["people"]
    expected: dict[str, list[int]] = {}
    for n, person in enumerate(people):
        source = before / Path(person["file"]).name
        text = source.read_text()
        raised = person["plan"][0] if n % 2 == 0 and person["plan"] else None  # every other person moves
        if raised:
            rating = int(re.search(rf"(?m)^{raised} = (\d)", text).group(1))  # type: ignore[union-attr]
            text = re.sub(rf"(?m)^{raised} = \d", f"{raised} = {rating + 1}", text)
        (after / source.name).write_text(text)
        for skill in person["plan"]:
            counts = expected.setdefault(skill, [0, 0])
            counts[0] += 1
            counts[1] += skill == raised
    made = invoke("cohort", str(after), "--baseline", str(base), "-f", "json")
    data = json.loads(made.stdout)
    jsonschema.validate(data, json.loads(invoke("schema", "cohort").stdout))
    got = {s: [v["planned"], v["moved"]] for s, v in data["progress"]["planned"].items()}
    assert got == expected and any(m for _, m in expected.values())
    md = invoke("cohort", str(after), "--baseline", str(base), "-f", "md").stdout
    assert "### Planned to grow, and moved" in md
    for skill, (planned, moved) in expected.items():
        assert f"| {CAT.skill(skill).name.en} | {planned} | {moved} |" in md
    zh = invoke("cohort", str(after), "--baseline", str(base), "--lang", "zh").stdout
    assert "计划提升的人中已提升的：" in zh
    page = tmp_path / "cohort.html"
    assert invoke("cohort", str(after), "--baseline", str(base), "-o", str(page)).exit_code == 0
    from test_html import run_browser

    dom = run_browser(tmp_path, "--dump-dom", page.as_uri()).stdout
    table = dom.split('<table id="planned">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr><td>([^<]+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td></tr>', table)
    assert {CAT.skill(s).name.en: [p, m] for s, (p, m) in expected.items()} == {
        n: [int(p), int(m)] for n, p, m in rows
    }


def test_the_evidence_offer_asks_for_the_next_levels_defining_skills_first():
    from pmpath.answers import read_answers
    from pmpath.interactive import strong_skills
    from pmpath.report import build_report

    given = read_answers(str(ALICE), CAT)
    rep = build_report(given, CAT, 2026)
    strong = strong_skills(given, rep, CAT)
    defining = CAT.level(rep.next_level.id).defining_skills
    first = [s for s in strong if s in defining]
    assert first and strong[: len(first)] == first  # all of them before any other
    assert set(strong) == {s.id for s in rep.skills if given.ratings[s.id] >= (s.next_min or 99)}


def test_a_stored_report_is_read_once_into_a_model_the_same_either_way(invoke, tmp_path):
    """Issue 37, item 4: the history's report is read at the edge into `Earlier` (through the
    Report model when it is whole); one it cannot take whole (here a field from a newer pmpath)
    is read to the same next step and plan."""
    from pmpath.plan import Earlier, read_stored

    data = _report(invoke, tmp_path, strategy=1, innovation=2, data_analysis=1)
    whole = read_stored(data)
    step = data["roadmap"]["steps"][0]
    assert isinstance(whole, Earlier) and whole.level == step["level"]
    assert [(g.skill, g.needed, g.rating) for g in whole.gaps] == [
        (g["skill"], g["needed"], g["rating"]) for g in step["skill_gaps"]
    ]
    assert [dump(p) for p in whole.plan] == data["plan"]
    assert read_stored({**data, "from_a_newer_pmpath": 1}) == whole
    older = {k: v for k, v in data.items() if k != "plan"}
    assert read_stored(older).plan == whole.plan  # chosen again from the roadmap, through the model
    assert read_stored([]) == Earlier() == read_stored({"roadmap": "junk"})


def test_progress_leaves_out_a_stored_gap_that_names_no_skill():
    """An early history's gap without its skill was a KeyError (a traceback) in `progress`."""
    import types

    from pmpath.progress import progress

    report = {
        "roadmap": {"steps": [{"level": "pm", "skill_gaps": [{"needed": 3}, {"skill": "a", "needed": 3}]}]}
    }
    runs = [
        types.SimpleNamespace(
            id=n,
            at=f"2026-0{n}-01",
            level="junior_pm",
            level_name="J",
            answers={"ratings": {"a": n}},
            report=json.dumps(report),
        )
        for n in (1, 2)
    ]
    moved = progress("P", runs, {"a": "A"})
    assert [(g.skill, g.now) for g in moved.open] == [("a", 2)] and moved.closed == ()
