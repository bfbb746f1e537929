"""The coach (issue 23): growth actions a person can act on Monday, in every format and language."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt
from screen import Terminal

from pmpath.models import Report, validate
from pmpath.render import views

from conftest import ROOT

ALICE = ROOT / "examples" / "alice.toml"


def _report(invoke, lang: str = "en") -> Report:
    result = invoke("assess", "-a", str(ALICE), "--format", "json", "--lang", lang, "--no-history")
    assert result.exit_code == 0, result.stderr
    return validate(Report, json.loads(result.stdout))


def _first_gaps(rep: Report, catalog) -> list:
    """The quarter's gaps as views.next_actions orders them (defining first, biggest first)."""
    step = rep.roadmap.steps[0]
    return sorted(step.skill_gaps, key=lambda g: (g.skill not in step.defining_skills, g.rating - g.needed))


def test_the_quarter_names_the_work_on_the_job_that_builds_each_gap(invoke, catalog):
    rep = _report(invoke)
    items = views.next_actions(rep, catalog, "en")
    gaps = _first_gaps(rep, catalog)
    assert gaps, "Alice has gaps to her next level"
    for item, gap in zip(items, gaps, strict=False):
        on_the_job = [a.text.en for a in gap.actions if a.kind == "on_the_job"]
        assert on_the_job, gap.skill
        assert list(item.actions) == on_the_job[:2]
        assert all(a.kind != "with_people" or a.text.en not in item.actions for a in gap.actions)


@pytest.mark.parametrize(("lang", "cols"), [("en", 80), ("zh", 60), ("en", 120)])
def test_a_person_sees_the_first_action_under_each_of_the_quarters_gaps(
    tmp_path, catalog, invoke, lang, cols
):
    rep = _report(invoke, lang)
    term = Terminal(
        tmp_path, "assess", "-a", str(ALICE), "--lang", lang, "--no-history", cols=cols, rows=600
    )  # the whole report: 448 lines at 80 columns since issue 38
    term.settle()
    screen = term.flat()
    for item in views.next_actions(rep, catalog, lang):
        for action in item.actions:
            assert "→" + "".join(action.split()) in screen
    # and the roadmap lists every action of the first step, labelled by kind
    label = {"en": "Onthejob:", "zh": "在岗实践："}[lang]
    first = rep.roadmap.steps[0]
    for gap in first.skill_gaps:
        for action in gap.actions:
            if action.kind == "on_the_job":
                assert "".join(action.text.get(lang).split()) in screen
    assert label in screen
    term.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_nests_the_actions_under_their_gap_and_quarter_item(invoke, tmp_path, lang, catalog):
    out = tmp_path / "plan.md"
    assert invoke("assess", "-a", str(ALICE), "--lang", lang, "--no-history", "-o", str(out)).exit_code == 0
    tokens = MarkdownIt("commonmark").parse(out.read_text(encoding="utf-8"))
    rep = _report(invoke, lang)
    nested = []
    depth = 0
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "inline" and depth == 2:
            nested.append(tok.content)
    wanted_quarter = [a for item in views.next_actions(rep, catalog, lang) for a in item.actions]
    assert all(a in nested for a in wanted_quarter) and wanted_quarter
    labels = {
        views.action_text(a, g, lang)
        for g in views.step_view(1, rep.roadmap.steps[0], catalog, lang).gaps
        for a in g.actions
    }
    assert labels and labels <= set(nested)
