"""The promotion packet as a case (issue 38 §4): evidence told as stories (situation, action,
result, scope), the stories the packet picks and their order, the thesis, the sponsor kept
between runs, the next level's plan; JSON `case` in its contract's shape, the Chinese Markdown as
a 晋升答辩 outline, the English one through the linter, both pages in a real browser; and an
evidence log written before stories still read."""

from __future__ import annotations

import datetime
import json
import re
import sqlite3

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.catalog import load_catalog
from pmpath.models import Evidence
from pmpath.packet import MAX_STORIES, Assessed, next_rungs, packet, pick_stories, story_rank

from conftest import ROOT, markdown_problems

CAT = load_catalog()
TODAY = datetime.date(2026, 12, 3)
ALICE = ROOT / "examples" / "alice.toml"
GROUP = CAT.level("group_pm")
D1, D2, D3 = GROUP.defining_skills[:3]
OTHER = next(s for s in GROUP.skill_minimums if s not in GROUP.defining_skills)


def _run() -> Assessed:
    ratings = {s.id: 5 for s in CAT.skills}
    return Assessed(
        id=1,
        at="2026-11-01T09:00:00",
        level="senior_pm",
        level_name="Senior Product Manager",
        self_ratings=ratings,
        placed=ratings,
        others={},
        reviewers=0,
        years_experience=12.0,
        years_managing=4.0,
    )


def _e(entry_id: int, skill: str, date: str, metric: str = "", scope: str = "", **story: str) -> Evidence:
    return Evidence(
        id=entry_id,
        name="A",
        skill=skill,
        text=f"did {entry_id}",
        date=date,
        metric=metric,
        added=f"{date}T10:00:00",
        scope=scope,
        **story,
    )


def _packet(log, lang="en", target="group_pm", **extra):
    return packet(CAT, name="A", target=target, runs=[_run()], log=log, today=TODAY, lang=lang, **extra)


# ------------------------------------------------------------------ which stories, in which order


PICKS = [
    pytest.param(
        [_e(1, OTHER, "2026-11-01", "x"), _e(2, D1, "2026-05-01"), _e(3, D2, "2026-02-01", "y")],
        [3, 2, 1],
        id="defining-first-then-metric",
    ),
    pytest.param(
        [
            _e(1, D1, "2026-10-01", "x", "team"),
            _e(2, D2, "2026-03-01", "y", "me"),
            _e(3, D3, "2026-06-01", "z", "led"),
        ],
        [3, 2, 1],
        id="me-and-led-before-team",
    ),
    pytest.param(
        [
            _e(1, D1, "2026-10-01", "x", "me"),
            _e(2, D2, "2026-03-01", "y", "me"),
            _e(3, D3, "2026-06-01", "z", "me"),
        ],
        [1, 3, 2],
        id="newest-first",
    ),
    pytest.param(
        [_e(1, D1, "2024-10-01", "x", "me"), _e(2, D2, "2026-03-01", "y", "team")],
        [2, 1],
        id="recent-before-old",
    ),
    pytest.param(
        [
            _e(1, D1, "2026-10-01", "x", "me"),
            _e(2, D2, "2026-03-01", "y", ""),
            _e(3, D3, "2026-06-01", "z", "team"),
        ],
        [1, 2, 3],
        id="no-scope-between",
    ),
    pytest.param(
        [_e(i, D1, f"2026-0{i}-01", "x", "me") for i in range(1, 8)] + [_e(9, OTHER, "2025-12-20")],
        [7, 6, 5, 4, 9],
        id="one-skill-many-entries-leaves-room-for-another-skill",
    ),
    pytest.param([], [], id="no-evidence-no-stories"),
]


@pytest.mark.parametrize(("log", "expected"), PICKS)
def test_the_stories_picked_and_their_order(log, expected):
    case = _packet(log).case
    assert [s.entry for s in case.stories] == expected


_dates = st.dates(min_value=datetime.date(2023, 1, 1), max_value=TODAY).map(datetime.date.isoformat)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(
        st.tuples(
            st.sampled_from([s for s in GROUP.skill_minimums]),
            _dates,
            st.booleans(),
            st.sampled_from(["", "me", "led", "team"]),
        ),
        max_size=14,
    )
)
def test_stories_are_three_to_five_in_rank_order_one_skill_each_first(entries):
    log = [_e(i, s, d, "m" if m else "", sc) for i, (s, d, m, sc) in enumerate(entries, 1)]
    p = _packet(log)
    stories = p.case.stories
    assert len(stories) == min(MAX_STORIES, len(log))  # three to five whenever the log has three
    by_id = {e.id: (s, e) for s in p.skills for e in s.evidence}
    ranks = [story_rank(*by_id[t.entry]) for t in stories]
    assert ranks == sorted(ranks)
    skills = {s for s, *_ in entries}
    assert len({t.skill for t in stories}) == min(len(skills), len(stories))  # variety before depth
    for story in stories:  # each story is its entry, told whole
        e = by_id[story.entry][1]
        assert (story.action, story.metric, story.scope, story.skill) == (
            e.text,
            e.metric,
            e.scope,
            by_id[story.entry][0].id,
        )
    best = min((story_rank(s, e) for s in p.skills for e in s.evidence), default=None)
    assert best is None or ranks[0] == best


def test_pick_stories_is_the_case_s_rule():
    log = [_e(1, D1, "2026-10-01", "x", "me")]
    assert [s.entry for s in pick_stories(_packet(log).skills)] == [1]


# ------------------------------------------------------------------ the thesis and the next level


def test_the_thesis_names_the_level_the_track_the_defining_skills_and_the_strongest_metrics():
    log = [
        _e(1, D1, "2026-10-01", "NPS 31 → 38", "me"),
        _e(2, D2, "2026-09-01", "churn 4% → 3%", "led"),
        _e(3, D3, "2026-08-01", "time to ship 6 → 3 weeks", "team"),
    ]
    en = _packet(log).case.thesis
    names = [CAT.skill(d).name.en for d in (D1, D2, D3)]
    assert en.startswith("A asks for promotion to Group Product Manager on the Management track")
    assert all(n in en for n in names)
    assert en.endswith("What moved: NPS 31 → 38; churn 4% → 3%.")  # the first two, not the third
    zh = _packet(log, lang="zh").case.thesis
    assert zh.startswith("A 申请晋升为管理路线（M 序列）的产品组长，")
    assert "主要成果：NPS 31 → 38；churn 4% → 3%。" in zh


def test_without_recent_defining_evidence_the_thesis_says_so():
    thesis = _packet([_e(1, OTHER, "2026-10-01", "x")]).case.thesis
    assert thesis.endswith("no defining skill has evidence from the last 12 months yet. What moved: x.")
    shared = _packet([], target="senior_pm").case.thesis
    assert shared.startswith("A asks for promotion to Senior Product Manager;")  # no track below the parting


def test_a_person_without_a_name_still_has_a_thesis_with_a_subject():
    p = packet(CAT, name="", target="pm", runs=[_run()], log=[], today=TODAY, lang="zh")
    assert p.case.thesis.startswith("（未填名字）申请晋升为中级产品经理；")
    named = packet(CAT, name="王芳", target="pm", runs=[_run()], log=[], today=TODAY, lang="zh")
    assert named.case.thesis.startswith("王芳申请晋升为中级产品经理；")  # no space between Chinese words


@pytest.mark.parametrize(
    ("level", "after"),
    [
        ("group_pm", ["director"]),
        ("senior_pm", ["principal_pm", "group_pm"]),  # the ladder parts: one rung on each track
        ("principal_pm", ["senior_principal_pm"]),
        ("pm", ["senior_pm"]),
        ("cpo", []),
    ],
)
def test_the_next_level_is_the_rung_after_on_each_track(level, after):
    rungs = next_rungs(CAT, CAT.level(level), "en")
    assert [r.id for r in rungs] == after
    for r in rungs:
        assert [d.id for d in r.defining_skills] == list(CAT.level(r.id).defining_skills)


def test_the_plan_and_the_sponsor_go_into_the_case():
    from pmpath.models import PlanItem

    plan = (
        PlanItem(kind="skill", skill="delegation", rating=2, needed=4),
        PlanItem(kind="managing", years=1.0),
    )
    case = _packet([], sponsor="Dana Li", plan=plan, lang="zh").case
    assert case.sponsor == "Dana Li"
    items = case.next_level_plan.plan
    assert [(i.kind, i.skill, i.name) for i in items] == [
        ("skill", "delegation", CAT.skill("delegation").name.zh),
        ("managing", None, None),
    ]


# ------------------------------------------------------------------ the command, end to end


@pytest.fixture
def person(invoke):
    """Alice assessed, with three stories and one bare entry logged the old way."""
    assert invoke("assess", "-a", str(ALICE), "-f", "json").exit_code == 0
    told = [
        (
            D1,
            "Ran the quarterly planning for three teams",
            "Plans slipped every quarter",
            "On time twice",
            "led",
        ),
        (
            D2,
            "Wrote the platform brief",
            "Sales and engineering disagreed on scope",
            "One agreed scope",
            "me",
        ),
        (
            D3,
            "The team rebuilt onboarding; I set its goal",
            "Activation had stalled",
            "Activation up",
            "team",
        ),
    ]
    for skill, text, situation, result, scope in told:
        added = invoke(
            "evidence", "add", skill, text, "--situation", situation, "--result", result,
            "--scope", scope, "--metric", "NPS 31 → 38",
        )  # fmt: skip
        assert added.exit_code == 0, added.stderr
    assert invoke("evidence", "add", OTHER, "Did a thing").exit_code == 0  # SKILL TEXT, as before


STORY_KEYS = {"skill", "entry", "situation", "action", "result", "scope", "metric"}


def test_json_case_has_the_contract_s_shape_and_follows_the_schema(invoke, person):
    made = invoke("packet", "--for", "group_pm", "-f", "json")
    assert made.exit_code == 0, made.stderr
    data = json.loads(made.stdout)
    jsonschema.validate(data, json.loads(invoke("schema", "packet").stdout))
    case = data["case"]
    assert set(case) == {"thesis", "stories", "sponsor", "next_level_plan"}
    assert all(set(s) == STORY_KEYS for s in case["stories"])
    # all logged today with a metric: led and me alike, the later entry first; then the team's;
    # then the entry of a skill that does not define the level, without a metric or a scope
    assert [s["skill"] for s in case["stories"]] == [D2, D1, D3, OTHER]
    assert [s["scope"] for s in case["stories"]] == ["me", "led", "team", ""]
    second = case["stories"][1]
    assert (second["situation"], second["action"], second["result"]) == (
        "Plans slipped every quarter",
        "Ran the quarterly planning for three teams",
        "On time twice",
    )
    assert case["sponsor"] == ""
    assert [r["id"] for r in case["next_level_plan"]["rungs"]] == ["director"]
    assert case["next_level_plan"]["plan"][0]["skill"] == "delegation"  # Alice's gap this quarter
    assert data["history"][0]["level"]["id"] == "senior_pm"
    assert invoke("packet", "--for", "group_pm", "-f", "json", "--lang", "zh").stdout == made.stdout


def test_the_sponsor_is_kept_between_runs_and_can_be_forgotten(invoke, person):
    assert invoke("packet", "--sponsor", "Dana Li", "-f", "json").exit_code == 0
    later = json.loads(invoke("packet", "-f", "json").stdout)  # a later run, not told again
    assert later["case"]["sponsor"] == "Dana Li"
    assert "Dana Li" in invoke("packet", "-f", "md").stdout
    assert json.loads(invoke("packet", "--sponsor", "", "-f", "json").stdout)["case"]["sponsor"] == ""
    assert json.loads(invoke("packet", "-f", "json").stdout)["case"]["sponsor"] == ""


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("evidence", "add", "strategy", "x", "--scope", "mine"),
            "--scope 'mine' is not one of me, led, team",
        ),
        (("evidence", "add", "strategy", "x", "--situation", "a\x1b[2Jb"), "--situation has a control"),
        (("evidence", "add", "strategy", "x", "--result", "a\u202eb"), "--result has a control"),
        (("packet", "--sponsor", "Dana\x07"), "--sponsor has a control"),
    ],
)
def test_a_bad_story_or_sponsor_is_one_line_and_stores_nothing(invoke, person, args, said):
    from pmpath import history

    with history.connect() as conn:
        before = conn.execute("SELECT count(*) FROM evidence").fetchone()
    result = invoke(*args)
    assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert result.stderr.count("\n") <= 2 and "Traceback" not in result.stderr
    with history.connect() as conn:
        assert conn.execute("SELECT count(*) FROM evidence").fetchone() == before
        assert conn.execute("SELECT count(*) FROM sponsors").fetchone() == (0,)


def test_evidence_list_shows_the_story_in_every_format(invoke, person):
    rows = json.loads(invoke("evidence", "list", "-f", "json").stdout)["evidence"]
    assert (rows[0]["scope"], rows[0]["situation"], rows[0]["result"]) == (
        "led",
        "Plans slipped every quarter",
        "On time twice",
    )
    assert rows[-1]["scope"] == rows[-1]["situation"] == rows[-1]["result"] == ""
    csv_head = invoke("evidence", "list", "-f", "csv").stdout.splitlines()[0]
    assert csv_head.endswith(",scope,situation,result")
    md = invoke("evidence", "list", "-f", "md").stdout
    assert "| I led it | Plans slipped every quarter | Ran the quarterly" in md
    table = invoke("evidence", "list").stdout
    assert "I led it" in table and "Situation: Plans slipped every quarter" in table
    zh = invoke("evidence", "list", "--lang", "zh").stdout
    assert "本人牵头" in zh and "背景：Plans slipped every quarter" in zh


SECTIONS_ZH = ["## 一、自我介绍", "## 二、核心成果", "## 三、能力证明", "## 四、下一级规划"]
SECTIONS_EN = [
    "## The case",
    "## Flagship stories",
    "## Sponsor",
    "## Skills and evidence",
    "## What others say",
    "## Performance history",
    "## Plan for the next level",
]


def test_the_chinese_packet_reads_as_a_promotion_review_outline(invoke, person):
    assert invoke("packet", "--sponsor", "王芳").exit_code == 0
    md = invoke("packet", "--lang", "zh", "-f", "md").stdout
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    outline = [h for h in heads if h in SECTIONS_ZH]
    assert outline == SECTIONS_ZH, heads
    intro = md.split(SECTIONS_ZH[0], 1)[1].split(SECTIONS_ZH[1], 1)[0]
    assert "申请晋升为管理路线（M 序列）的产品组长" in intro and "### 历次评估" in intro
    assert "**支持者**：王芳" in intro
    results = md.split(SECTIONS_ZH[1], 1)[1].split(SECTIONS_ZH[2], 1)[0]
    assert results.count("\n### 案例 ") == 4
    assert "- **背景**：Plans slipped every quarter" in results and "- **我牵头的工作**：" in results
    assert "- *角色：团队成果，我的部分见上面的行动。*" in results
    proof = md.split(SECTIONS_ZH[2], 1)[1].split(SECTIONS_ZH[3], 1)[0]
    assert "### 概览" in proof and "### 他人的看法" in proof
    plan = md.split(SECTIONS_ZH[3], 1)[1]
    assert "再上一级是产品总监，核心技能为" in plan and "### 本季度计划" in plan
    assert not re.search(r"[\u4e00-\u9fff][,:;()]", md.replace("](", "")), "half-width marks beside Chinese"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_promotion_document_passes_the_linter_in_its_order(invoke, person, tmp_path, lang):
    assert invoke("packet", "--sponsor", "Dana Li").exit_code == 0
    out = tmp_path / f"case-{lang}.md"
    assert invoke("packet", "-o", str(out), "--lang", lang).exit_code == 0
    assert markdown_problems(out) == ""
    heads = [line for line in out.read_text().splitlines() if line.startswith("## ")]
    wanted = SECTIONS_ZH if lang == "zh" else SECTIONS_EN
    assert [h for h in heads if h in wanted] == wanted, heads


def test_the_terminal_shows_the_case_briefly(invoke, person):
    shown = invoke("packet", "--sponsor", "Dana Li").stdout
    case = shown.split("The case in brief:", 1)[1]
    assert "asks for promotion to Group Product Manager" in case
    assert "  1. " in case and "(I led it)" in case and "Sponsor: Dana Li" in case
    assert "Plans slipped" not in case  # the situation is for the document, not the screen
    zh = invoke("packet", "--lang", "zh").stdout
    assert "答辩要点：" in zh and "支持者：Dana Li" in zh and "（本人牵头）" in zh


def test_someone_elses_story_stays_text(invoke, person, tmp_path):
    hostile = "# Heading <script>alert(1)</script> | [x](javascript:alert(1))"
    added = invoke("evidence", "add", D1, "ok", "--situation", hostile, "--result", hostile, "--scope", "me")
    assert added.exit_code == 0
    assert invoke("packet", "--sponsor", "<b>Boss</b> | *x*").exit_code == 0
    md = invoke("packet", "-f", "md").stdout
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    assert not any(t.type in ("html_inline", "html_block") for t in tokens)
    links = [c.attrs.get("href") for t in tokens for c in (t.children or []) if c.type == "link_open"]
    assert not any("javascript" in str(h) for h in links)
    page = invoke("packet", "-f", "html").stdout
    assert "<script>alert" not in page and "<b>Boss</b>" not in page and "&lt;b&gt;Boss" in page


# ------------------------------------------------------------------ an evidence log from before stories


def test_entries_logged_before_stories_still_read_list_and_make_a_case(invoke, tmp_path):
    """A schema-4 history, as pmpath wrote it before: its entries have no scope, situation or
    result. Opening it adds the columns, keeps every row, and the packet tells them as stories
    whose scope is not given."""
    from pmpath import history

    assert invoke("assess", "-a", str(ALICE), "-f", "json").exit_code == 0
    path = history.history_path()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE evidence")
        conn.execute(
            "CREATE TABLE evidence (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"
            " skill TEXT NOT NULL, text TEXT NOT NULL, date TEXT NOT NULL, link TEXT NOT NULL DEFAULT '',"
            " metric TEXT NOT NULL DEFAULT '', action TEXT NOT NULL DEFAULT '', added TEXT NOT NULL)"
        )
        today = datetime.date.today().isoformat()
        conn.execute(
            "INSERT INTO evidence (name, skill, text, date, metric, added) VALUES (?, ?, ?, ?, ?, ?)",
            ("Alice Chen", D1, "An entry from before", today, "x → y", f"{today}T09:00:00"),
        )
        conn.execute("PRAGMA user_version = 4")
    listed = json.loads(invoke("evidence", "list", "-f", "json").stdout)["evidence"]
    assert [(e["text"], e["scope"], e["situation"], e["result"]) for e in listed] == [
        ("An entry from before", "", "", "")
    ]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == history.SCHEMA_VERSION == 5
    case = json.loads(invoke("packet", "-f", "json").stdout)["case"]
    assert [(s["action"], s["scope"], s["metric"]) for s in case["stories"]] == [
        ("An entry from before", "", "x → y")
    ]
    md = invoke("packet", "-f", "md").stdout
    assert "Scope not given" in md and "- **What I did**: An entry from before" in md
    assert invoke("evidence", "add", D2, "A new one", "--scope", "me").exit_code == 0
    assert len(json.loads(invoke("evidence", "list", "-f", "json").stdout)["evidence"]) == 2


# ------------------------------------------------------------------ in a real browser


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [390, 1200])
def test_the_case_page_in_chromium(invoke, person, tmp_path, lang, width):
    from test_html import _seen, run_browser

    assert invoke("packet", "--sponsor", "Dana Li").exit_code == 0
    page = tmp_path / f"case-{lang}.html"
    assert invoke("packet", "-o", str(page), "--lang", lang).exit_code == 0
    seen = _seen(tmp_path, page, width)
    assert seen["scroll"] <= seen["client"], seen  # nothing runs off the side, on a phone either
    assert seen["scripts"] == 0 and seen["resources"] == []
    dom = run_browser(tmp_path, f"--window-size={width},900", "--dump-dom", page.as_uri()).stdout
    ids = re.findall(r'<section id="([\w-]+)"', dom)
    wanted = {
        "en": [
            "readiness",
            "case",
            "stories",
            "sponsor",
            "summary",
            "skills",
            "others",
            "history",
            "next-level",
        ],
        "zh": [
            "readiness",
            "case",
            "history",
            "sponsor",
            "stories",
            "proof",
            "summary",
            "skills",
            "others",
            "next-level",
        ],
    }[lang]
    assert [i for i in ids if i in wanted] == wanted
    stories = re.findall(
        r'<div class="step story" data-entry="(\d+)" data-skill="(\w+)" data-scope="(\w*)">', dom
    )
    assert [(s, sc) for _, s, sc in stories] == [(D2, "me"), (D1, "led"), (D3, "team"), (OTHER, "")]
    shot = tmp_path / f"case-{lang}-{width}.png"
    run_browser(
        tmp_path, "--hide-scrollbars", f"--window-size={width},2400", f"--screenshot={shot}", page.as_uri()
    )
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("how", [("--name", "Alice Chen"), ("--all",)])
def test_forgetting_a_person_forgets_their_sponsor(invoke, person, how):
    from pmpath import history

    assert invoke("packet", "--sponsor", "Dana Li").exit_code == 0
    assert invoke("history", "forget", *how, "--yes").exit_code == 0
    with history.connect() as conn:
        assert conn.execute("SELECT count(*) FROM sponsors").fetchone() == (0,)
