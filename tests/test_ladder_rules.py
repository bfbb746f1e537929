"""Every ladder rule, one broken ladder each: the rule finds it, the sound ladders pass every rule,
and loading the broken files says the rule's message in one line naming the file and field.

A rule added to pmpath.ladder_rules.RULES without a case here fails `test_every_rule_has_a_case`.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from typing import Any

import pytest
import tomli_w

from pmpath import ladder_rules
from pmpath.catalog import parse_catalog
from pmpath.errors import InputError
from pmpath.models import Catalog, validate

from conftest import ROOT

Files = tuple[dict[str, Any], dict[str, Any]]


def _read(where: str) -> Files:
    base = ROOT / where
    return (
        tomllib.loads((base / "levels.toml").read_text(encoding="utf-8")),
        tomllib.loads((base / "courses.toml").read_text(encoding="utf-8")),
    )


BUNDLED = _read("data")
GITLAB = _read("examples/ladders/gitlab")


def _catalog(files: Files) -> Catalog:
    levels, courses = copy.deepcopy(files)
    levels.pop("schema_version", None)
    levels.pop("name", None)
    return validate(
        Catalog,
        {**levels, "courses": courses.get("courses", ()), "courses_reviewed": courses.get("reviewed")},
    )


def _level(levels: dict[str, Any], level_id: str) -> dict[str, Any]:
    return next(lv for lv in levels["levels"] if lv["id"] == level_id)


def _course(courses: dict[str, Any], test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    return next(c for c in courses["courses"] if test(c))


def _first_skill(levels: dict[str, Any]) -> str:
    return str(levels["skills"][0]["id"])


# rule -> (start from, bundled?, how to break it, a words of the message)
Case = tuple[Files, bool, Callable[[dict[str, Any], dict[str, Any]], None], str]
CASES: dict[str, Case] = {
    "unique_groups": (
        BUNDLED,
        True,
        lambda lv, _: lv["groups"][1].update(id=lv["groups"][0]["id"]),
        "group ids must be unique",
    ),
    "has_skills": (GITLAB, False, lambda lv, _: lv.update(skills=[]), "at least one skill"),
    "unique_skills": (
        BUNDLED,
        True,
        lambda lv, _: lv["skills"][1].update(id=lv["skills"][0]["id"]),
        "appears twice",
    ),
    "known_groups": (BUNDLED, True, lambda lv, _: lv["skills"][2].update(group="nowhere"), "unknown group"),
    "five_anchors": (
        GITLAB,
        False,
        lambda lv, _: lv["skills"][0]["anchors"].update(en=lv["skills"][0]["anchors"]["en"][:4]),
        "needs exactly 5 anchors (one per rating), found 4",
    ),
    "bundled_skills": (
        BUNDLED,
        True,
        lambda lv, _: lv["tracks"].pop("join"),
        "name the shared level where they part",
    ),
    "bundled_fields": (
        BUNDLED,
        True,
        lambda lv, _: lv["levels"][3].pop("typical_years_in_level"),
        "missing",
    ),
    "bundled_chinese": (
        BUNDLED,
        True,
        lambda lv, _: lv["levels"][4]["summary"].pop("zh"),
        "complete in Chinese too",
    ),
    "enough_levels": (
        GITLAB,
        False,
        lambda lv, _: (lv.update(levels=lv["levels"][:1]), lv.pop("tracks")),
        "at least 2 levels, found 1",
    ),
    "unique_levels": (
        GITLAB,
        False,
        lambda lv, _: lv["levels"][1].update(id=lv["levels"][0]["id"]),
        "level id 'pm' appears twice",
    ),
    "management_without_ic": (
        BUNDLED,
        False,
        lambda lv, _: lv["tracks"].pop("join"),
        "sits above IC-only rung 'principal_pm' on one line",
    ),
    "tracks_declared": (GITLAB, False, lambda lv, _: lv.pop("tracks"), "no [tracks] table names this track"),
    "ic_top_known": (BUNDLED, True, lambda lv, _: lv["tracks"].update(ic_top="nobody"), "unknown level id"),
    "ic_top_or_join": (BUNDLED, True, lambda lv, _: lv["tracks"].update(ic_top="senior_pm"), "not both"),
    "join_shared": (
        GITLAB,
        False,
        lambda lv, _: lv["tracks"].update(join="vp"),
        "'vp' is not a shared level",
    ),
    "track_order": (
        GITLAB,
        False,
        lambda lv, _: _level(lv, "cpo").update(track="ic"),
        "the last level must be the top of the 'management' track",
    ),
    "defining_skills_known": (
        BUNDLED,
        True,
        lambda lv, _: lv["levels"][2].update(defining_skills=["telepathy"]),
        "unknown skill id 'telepathy'",
    ),
    "minimums_complete": (
        BUNDLED,
        True,
        lambda lv, _: lv["levels"][2]["skill_minimums"].pop(_first_skill(lv)),
        "no minimum for skill",
    ),
    "lists_paired": (
        BUNDLED,
        True,
        lambda lv, _: lv["levels"][1]["kpis"].update(zh=lv["levels"][1]["kpis"]["zh"][:-1]),
        "en and zh lists differ in length",
    ),
    "years_rise": (
        BUNDLED,
        True,
        lambda lv, _: _level(lv, "director").update(min_years_experience=0),
        "falls below group_pm's value",
    ),
    "minimums_rise": (
        BUNDLED,
        True,
        lambda lv, _: _level(lv, "cpo")["skill_minimums"].update({_first_skill(lv): 1}),
        "thresholds never fall up the ladder",
    ),
    "executive_for_managers": (
        BUNDLED,
        True,
        lambda _, co: _course(co, lambda c: c.get("executive", False)).update(levels=["junior_pm"]),
        "serves only levels that manage people",
    ),
    "courses_checked": (
        BUNDLED,
        True,
        lambda _, co: co["courses"][2].pop("checked"),
        "say when their facts were last checked",
    ),
    "costs_dated": (
        GITLAB,
        False,
        lambda _, co: co["courses"][0].update(cost="US$100"),
        "a cost needs the year it was seen",
    ),
    "unique_courses": (
        BUNDLED,
        True,
        lambda _, co: co["courses"][1].update(id=co["courses"][0]["id"]),
        "appears twice",
    ),
    "course_references": (
        BUNDLED,
        True,
        lambda _, co: co["courses"][0].update(levels=["astronaut"]),
        "unknown level id 'astronaut'",
    ),
    "degrees_named": (
        BUNDLED,
        True,
        lambda _, co: _course(co, lambda c: c["kind"] == "degree").pop("degree"),
        "names its degree id, and only it",
    ),
    "action_courses": (
        BUNDLED,
        True,
        lambda lv, _: _action(lv, "learning").update(course="no-such-course"),
        "unknown course id 'no-such-course'",
    ),
    "bundled_actions": (
        BUNDLED,
        True,
        lambda lv, _: lv["skills"][3].update(
            actions=[a for a in lv["skills"][3]["actions"] if (a["to"], a["kind"]) != (4, "with_people")]
        ),
        "needs a with_people action for step 4",
    ),
    "bundled_learning": (
        BUNDLED,
        True,
        lambda lv, _: lv["skills"][13].update(
            actions=[a for a in lv["skills"][13]["actions"] if (a["to"], a["kind"]) != (5, "learning")]
        ),
        "needs a learning action naming a course for step 5",
    ),
}


def _action(levels: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(a for s in levels["skills"] for a in s["actions"] if a["kind"] == kind)


def test_only_a_learning_action_names_a_course():
    levels, courses = copy.deepcopy(BUNDLED)
    _action(levels, "on_the_job")["course"] = courses["courses"][0]["id"]
    problems = list(ladder_rules.action_courses(ladder_rules.Ladder(_catalog((levels, courses)), True)))
    assert [str(p.message) for p in problems] == ["only a learning action names a course"]
    assert problems[0].loc == ("skills", 0, "actions", 0, "course")


def test_every_bundled_skill_needs_a_learning_action():
    levels, courses = copy.deepcopy(BUNDLED)
    skill = levels["skills"][5]
    skill["actions"] = [a for a in skill["actions"] if a["kind"] != "learning"]
    problems = list(ladder_rules.bundled_actions(ladder_rules.Ladder(_catalog((levels, courses)), True)))
    assert [(p.loc, str(p.message)) for p in problems] == [
        (("skills", 5, "actions"), "pmpath's own ladder needs one learning action per skill")
    ]


def test_every_step_of_a_bundled_skill_needs_its_learning_action():
    """Issue 38's rule, not only its data: a step up with nothing to learn is refused."""
    levels, courses = copy.deepcopy(BUNDLED)
    skill = levels["skills"][2]
    skill["actions"] = [a for a in skill["actions"] if (a["to"], a["kind"]) != (4, "learning")]
    problems = list(ladder_rules.bundled_actions(ladder_rules.Ladder(_catalog((levels, courses)), True)))
    assert [(p.loc, str(p.message)) for p in problems] == [
        (("skills", 2, "actions"), "pmpath's own ladder needs a learning action for step 4 of every skill")
    ]


def _learning(levels: dict[str, Any], skill: int, to: int) -> dict[str, Any]:
    return next(a for a in levels["skills"][skill]["actions"] if (a["to"], a["kind"]) == (to, "learning"))


def test_every_bundled_step_of_every_skill_names_something_to_learn():
    """Issue 38: 42 of 56 skill-steps had no reading, so Director, VP and CPO gaps got none."""
    catalog = _catalog(BUNDLED)
    for skill in catalog.skills:
        for to in range(2, 6):
            learning = [a for a in skill.actions if a.kind == "learning" and a.to == to]
            assert [a.course is not None for a in learning] == [True], (skill.id, to)


def test_the_english_text_never_names_a_chinese_only_resource():
    levels, courses = copy.deepcopy(BUNDLED)
    _learning(levels, 0, 3)["course"] = "book-everyone-is-a-pm"
    problems = _course_problems(ladder_rules.bundled_learning, (levels, courses))
    assert len(problems) == 1
    assert problems[0][0][-1] == "course"
    assert "'book-everyone-is-a-pm' is in Chinese only" in problems[0][1]


def test_the_chinese_text_names_a_chinese_resource():
    levels, courses = copy.deepcopy(BUNDLED)
    _learning(levels, 0, 3)["course_zh"] = "book-inspired"
    problems = _course_problems(ladder_rules.bundled_learning, (levels, courses))
    assert [(loc[-1], message.split(" ")[1]) for loc, message in problems] == [
        ("course_zh", "'book-inspired'")
    ]


def test_a_chinese_course_must_be_one_the_catalogue_lists():
    levels, courses = copy.deepcopy(BUNDLED)
    _learning(levels, 0, 3)["course_zh"] = "no-such-book"
    problems = _course_problems(ladder_rules.action_courses, (levels, courses))
    assert [(loc[-1], message) for loc, message in problems] == [
        ("course_zh", "unknown course id 'no-such-book' (courses.toml has no such course)")
    ]


def test_a_company_ladder_needs_no_actions():
    levels, courses = copy.deepcopy(BUNDLED)
    for skill in levels["skills"]:
        skill.pop("actions")
    assert list(ladder_rules.bundled_actions(ladder_rules.Ladder(_catalog((levels, courses)), False))) == []
    assert list(ladder_rules.bundled_learning(ladder_rules.Ladder(_catalog((levels, courses)), False))) == []


def _broken(case: Case) -> Files:
    files, _, breaks, _ = case
    levels, courses = copy.deepcopy(files)
    breaks(levels, courses)
    return levels, courses


def test_every_rule_has_a_case():
    assert [rule.__name__ for rule in ladder_rules.RULES] == list(CASES)


@pytest.mark.parametrize(("files", "bundled"), [(BUNDLED, True), (GITLAB, False)], ids=["bundled", "gitlab"])
def test_sound_ladders_pass_every_rule(files, bundled):
    ladder = ladder_rules.Ladder(_catalog(files), bundled)
    assert {rule.__name__: list(rule(ladder)) for rule in ladder_rules.RULES} == {key: [] for key in CASES}


@pytest.mark.parametrize("name", list(CASES))
def test_each_rule_finds_its_problem(name):
    case = CASES[name]
    rule = getattr(ladder_rules, name)
    problems = list(rule(ladder_rules.Ladder(_catalog(_broken(case)), case[1])))
    assert problems, f"{name} found nothing"
    assert case[3] in str(problems[0].message)


@pytest.mark.parametrize("name", list(CASES))
def test_loading_the_broken_ladder_says_the_problem_in_one_line(name):
    case = CASES[name]
    levels, courses = _broken(case)
    with pytest.raises(InputError) as caught:
        parse_catalog(tomli_w.dumps(levels), tomli_w.dumps(courses), bundled=case[1], name="acme")
    message = caught.value.message
    assert "\n" not in message
    problem = ladder_rules.first_problem(_catalog((levels, courses)), case[1])
    assert problem is not None
    expected_file = "courses.toml" if problem.courses else "levels.toml"
    assert message.startswith(f"{expected_file}: ")
    assert str(problem.message) in message


def _course_problems(rule: Any, files: Files, bundled: bool = True) -> list[tuple[Any, str]]:
    return [(p.loc, str(p.message)) for p in rule(ladder_rules.Ladder(_catalog(files), bundled))]


def test_a_bundled_course_gives_a_cost_or_says_why_not():
    levels, courses = copy.deepcopy(BUNDLED)
    course = _course(courses, lambda c: "cost_note" in c)
    course.pop("cost_note")
    i = courses["courses"].index(course)
    assert _course_problems(ladder_rules.courses_checked, (levels, courses)) == [
        (
            ("courses", i, "cost"),
            "pmpath's own courses give a `cost`, or a `cost_note` saying why there is no figure",
        ),
    ]
    assert _course_problems(ladder_rules.courses_checked, (levels, courses), bundled=False) == []


def test_a_cost_and_a_note_together_are_refused_on_any_ladder():
    levels, courses = copy.deepcopy(GITLAB)
    courses["courses"][0].update(cost="free", cost_note="not published")
    assert [m for _, m in _course_problems(ladder_rules.courses_checked, (levels, courses), False)] == [
        "give a `cost` or a `cost_note`, not both"
    ]


def test_a_cost_without_cost_seen_is_as_of_its_check():
    """`checked` dates a cost the course gives no older year for; a year after the check is an error."""
    levels, courses = copy.deepcopy(BUNDLED)
    course = _course(courses, lambda c: "cost_seen" in c)
    course.pop("cost_seen")
    assert _course_problems(ladder_rules.costs_dated, (levels, courses)) == []
    course.update(cost_seen=2027, checked="2026-12")
    i = courses["courses"].index(course)
    later = (("courses", i, "cost_seen"), "`cost_seen` is later than the month in `checked`")
    assert later in _course_problems(ladder_rules.costs_dated, (levels, courses))


def test_a_check_after_the_review_year_is_refused():
    levels, courses = copy.deepcopy(BUNDLED)
    courses["courses"][0]["checked"] = f"{courses['reviewed'] + 1}-01"
    assert [m for _, m in _course_problems(ladder_rules.courses_checked, (levels, courses))] == [
        "`checked` is later than the year in `reviewed`"
    ]


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "2026-1", "26-12", "2026/12", "1899-12"])
def test_checked_must_be_a_real_month(month):
    levels, courses = copy.deepcopy(BUNDLED)
    courses["courses"][1]["checked"] = month
    with pytest.raises(InputError) as caught:
        parse_catalog(tomli_w.dumps(levels), tomli_w.dumps(courses))
    message = caught.value.message
    assert message.startswith("courses.toml: courses[1].checked: is not a month: write YYYY-MM"), message
    assert "\n" not in message and "line " in message


def test_every_bundled_course_is_dated_and_costed():
    """The contract (round four): `checked` on every course, and a `cost` or a `cost_note`."""
    for course in BUNDLED[1]["courses"]:
        assert course.get("checked"), course["id"]
        assert ("cost" in course) != ("cost_note" in course), course["id"]
