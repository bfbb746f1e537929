"""The promotion packet (issue 23 §3): the readiness rules on generated histories (each rule
failing alone, at its boundaries, and as a property over random histories), then the command
end to end: JSON against its schema, Markdown through the linter, the page in a real browser,
bad input as one line with exit 2, and someone else's text kept inert."""

from __future__ import annotations

import datetime
import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.catalog import load_catalog
from pmpath.models import Evidence
from pmpath.packet import RULES, Assessed, months_between, packet

from conftest import ROOT, markdown_problems

CAT = load_catalog()
TARGET = "senior_pm"
LEVEL = next(lv for lv in CAT.levels if lv.id == TARGET)
DEFINING = LEVEL.defining_skills
# Alice (6 years, one managing, delegation 2) is a Senior PM on the two-track ladder: her packet
# is for Group PM, the management rung, where delegation 4 is the one gap (issue 36).
ALICE_NEXT = CAT.level("group_pm")
TODAY = datetime.date(2026, 12, 3)
ALICE = ROOT / "examples" / "alice.toml"
REVIEWS = sorted((ROOT / "examples" / "reviews").glob("alice-*.toml"))


def _run(
    at: str = "2026-11-01", rating: int = 5, reviewers: int = 2, run_id: int = 1, **low: int
) -> Assessed:
    ratings = {s.id: rating for s in CAT.skills} | low
    return Assessed(
        id=run_id,
        at=f"{at}T09:00:00",
        level="pm",
        level_name="Product Manager",
        self_ratings=ratings,
        placed=ratings,
        others={k: float(v) for k, v in ratings.items()} if reviewers else {},
        reviewers=reviewers,
        years_experience=20.0,
        years_managing=10.0,
    )


def _entry(skill: str, date: str, metric: str = "NPS 31 → 38", entry_id: int = 1) -> Evidence:
    return Evidence(
        id=entry_id, name="A", skill=skill, text="Did it", date=date, metric=metric, added=f"{date}T10:00:00"
    )


def _log(date: str = "2026-10-01", metric: str = "NPS 31 → 38") -> list[Evidence]:
    return [_entry(s, date, metric, i) for i, s in enumerate(DEFINING, 1)]


def _packet(runs=None, log=None, lang="en", today=TODAY, target=TARGET, catalog=CAT):
    return packet(
        catalog,
        name="A",
        target=target,
        runs=runs or [_run()],
        log=_log() if log is None else log,
        today=today,
        lang=lang,
    )


def _unmet(p) -> list[str]:
    return [r.id for r in p.readiness.rules if not r.met]


def test_the_level_has_defining_skills_to_check():
    assert len(DEFINING) >= 2  # the rules below need at least two


def test_a_complete_case_is_ready_and_says_so():
    p = _packet()
    assert p.ready and _unmet(p) == [] and p.readiness.missing == ()
    assert [r.id for r in p.readiness.rules] == list(RULES)
    assert p.for_ == TARGET and p.for_name == "Senior Product Manager" and p.current.id == "pm"


def _old(months: int) -> str:
    year, month = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
    return datetime.date(year, month + 1, TODAY.day).isoformat()


FIRST, SECOND = DEFINING[0], DEFINING[1]
FIRST_NAME = CAT.skill(FIRST).name.en
SECOND_NAME = CAT.skill(SECOND).name.en
BREAKS = {
    "skills": (dict(runs=[_run(**{FIRST: 1})]), f"{FIRST_NAME} is placed at 1; Senior Product Manager needs"),
    "experience": (
        dict(runs=[replace(_run(), years_experience=1.0)]),
        "1 years of experience; Senior Product Manager needs",
    ),
    "defining_evidence": (dict(log=_log()[1:]), f"{FIRST_NAME} has no evidence."),
    "metrics": (dict(log=_log(metric="")), f"0 of {len(DEFINING)} recent entries carry a metric"),
    "others": (dict(runs=[_run(reviewers=0)]), "No one else's view: the latest assessment (2026-11-01)"),
    "current": (dict(runs=[_run(at="2026-04-01")]), "The latest assessment is 8 months old"),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_fails_alone_and_names_what_is_missing(rule):
    given_, said = BREAKS[rule]
    p = _packet(**given_)
    assert not p.ready and _unmet(p) == [rule]
    assert [r.met for r in p.readiness.rules] == [r != rule for r in RULES]  # booleans, not falsy
    assert {m.rule for m in p.readiness.missing} == {rule}
    assert any(said in m.why for m in p.readiness.missing), [m.why for m in p.readiness.missing]


def test_stale_evidence_is_named_with_its_age():
    log = [e for e in _log() if e.skill not in (FIRST, SECOND)]
    log += [_entry(FIRST, _old(20), entry_id=90)]
    log += [_entry(SECOND, _old(14), entry_id=91), _entry(SECOND, _old(30), entry_id=92)]
    whys = {m.skill: m.why for m in _packet(log=log).readiness.missing}
    assert whys[FIRST] == f"{FIRST_NAME}'s only evidence is 20 months old."
    assert whys[SECOND] == f"{SECOND_NAME}'s latest evidence is 14 months old."
    rule = next(r for r in _packet(log=log).readiness.rules if r.id == "defining_evidence")
    assert rule.why == f"2 of {len(DEFINING)} defining skills have no evidence from the last 12 months."


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        ("2025-12-03", "2026-12-03", 12),
        ("2025-12-04", "2026-12-03", 11),
        ("2026-01-31", "2026-02-28", 0),
        ("2026-01-31", "2026-03-01", 1),
        ("2026-12-03", "2026-12-03", 0),
        ("2024-02-29", "2026-12-03", 33),
    ],
)
def test_months_are_whole_calendar_months(earlier, later, months):
    assert months_between(datetime.date.fromisoformat(earlier), datetime.date.fromisoformat(later)) == months


@pytest.mark.parametrize(("months", "recent"), [(11, True), (12, False)])
def test_evidence_counts_for_twelve_months_and_not_a_day_more(months, recent):
    log = [e for e in _log() if e.skill != FIRST] + [_entry(FIRST, _old(months), entry_id=99)]
    p = _packet(log=log)
    assert ("defining_evidence" not in _unmet(p)) is recent
    (skill,) = [s for s in p.skills if s.id == FIRST]
    assert skill.evidence[0].recent is recent and skill.evidence[0].months_old == months


@pytest.mark.parametrize(
    ("entries", "measured", "met"), [(4, 2, True), (3, 1, False), (3, 2, True), (1, 0, False)]
)
def test_half_the_recent_entries_must_say_what_moved(entries, measured, met):
    skills = [s.id for s in CAT.skills]
    log = [_entry(skills[i], "2026-10-01", "a → b" if i < measured else "", i) for i in range(entries)]
    p = _packet(log=log)
    rule = next(r for r in p.readiness.rules if r.id == "metrics")
    assert rule.met is met, rule.why


def test_old_entries_do_not_count_toward_the_metric_share():
    log = _log(metric="") + [_entry(s, _old(13), "x", 50 + i) for i, s in enumerate(DEFINING)]
    assert "metrics" in _unmet(_packet(log=log))


@pytest.mark.parametrize(("at", "met"), [("2026-06-03", True), ("2026-05-04", True), ("2026-05-03", False)])
def test_the_latest_assessment_is_current_for_six_months(at, met):
    assert ("current" not in _unmet(_packet(runs=[_run(at=at)]))) is met


def test_the_trail_is_every_run_and_others_come_from_the_latest():
    runs = [
        _run("2026-02-01", rating=3, reviewers=0, run_id=1),
        _run("2026-06-01", rating=4, reviewers=0, run_id=2),
        _run("2026-11-01", rating=5, reviewers=3, run_id=3),
    ]
    p = _packet(runs=runs)
    assert all(s.trail == (3, 4, 5) for s in p.skills)
    assert all(s.others == 5.0 for s in p.skills) and p.reviewers == 3 and p.runs == 3
    assert p.latest_run.id == 3


def test_entries_are_newest_first_and_only_the_persons_skill():
    log = [_entry(FIRST, "2026-01-01", entry_id=1), _entry(FIRST, "2026-09-01", entry_id=2)]
    log += [_entry(SECOND, "2026-05-01", entry_id=3)]
    (skill,) = [s for s in _packet(log=log).skills if s.id == FIRST]
    assert [e.id for e in skill.evidence] == [2, 1]


def test_the_placing_rating_decides_not_the_self_rating():
    run = replace(_run(), placed={**_run().placed, FIRST: 2})
    p = _packet(runs=[run])
    (skill,) = [s for s in p.skills if s.id == FIRST]
    assert skill.self == 5 and skill.rating == 2 and not skill.met and _unmet(p) == ["skills"]


def test_the_chinese_packet_speaks_chinese():
    p = _packet(runs=[_run(reviewers=0)], log=_log()[1:], lang="zh")
    whys = [m.why for m in p.readiness.missing] + [r.why for r in p.readiness.rules]
    assert all(not re.search(r"[A-Za-z]{3,}", w) for w in whys), whys
    assert CAT.skill(FIRST).name.zh + "还没有任何成果记录。" in whys
    assert p.for_name == "高级产品经理"


_dates = st.dates(min_value=datetime.date(2023, 1, 1), max_value=TODAY).map(datetime.date.isoformat)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ratings=st.lists(st.integers(1, 5), min_size=1, max_size=3),
    reviewers=st.integers(0, 3),
    entries=st.lists(
        st.tuples(st.sampled_from([s.id for s in CAT.skills]), _dates, st.booleans()), max_size=12
    ),
    at=_dates,
)
def test_ready_is_every_rule_met_and_every_unmet_rule_says_what_is_missing(ratings, reviewers, entries, at):
    runs = [_run(at=at, rating=r, reviewers=reviewers, run_id=i) for i, r in enumerate(ratings, 1)]
    log = [_entry(s, d, "x" if m else "", i) for i, (s, d, m) in enumerate(entries, 1)]
    p = _packet(runs=runs, log=log)
    assert p.ready == all(r.met for r in p.readiness.rules)
    for rule in p.readiness.rules:
        named = [m for m in p.readiness.missing if m.rule == rule.id]
        assert bool(named) != rule.met, (rule, named)
    recent = {(s, d) for s, d, _ in entries if months_between(datetime.date.fromisoformat(d), TODAY) < 12}
    for skill in DEFINING:
        has = any(s == skill for s, _ in recent)
        assert (skill in {m.skill for m in p.readiness.missing if m.rule == "defining_evidence"}) != has


# ------------------------------------------------------------------ the command, end to end


@pytest.fixture
def person(invoke, tmp_path):
    """Alice assessed twice, the first run back-dated, with reviews in the latest and evidence."""
    assert invoke("assess", "-a", str(ALICE), "-f", "json").exit_code == 0
    reviews = [a for r in REVIEWS for a in ("--review", str(r))]
    assert invoke("assess", "-a", str(ALICE), *reviews, "-f", "json").exit_code == 0
    from pmpath import history

    with history.connect() as conn:
        conn.execute("UPDATE runs SET at = '2026-01-15T09:00:00' WHERE id = 1")
    for skill in DEFINING[1:]:
        assert invoke("evidence", "add", skill, f"Did the {skill} work", "--metric", "x → y").exit_code == 0
    old = (datetime.date.today() - datetime.timedelta(days=640)).isoformat()
    assert invoke("evidence", "add", FIRST, "Ran the old thing", "--date", old).exit_code == 0
    return tmp_path


def test_json_follows_its_schema_and_is_the_same_in_chinese(invoke, person):
    schema = json.loads(invoke("schema", "packet").stdout)
    made = invoke("packet", "-f", "json")
    assert made.exit_code == 0, made.stderr
    data = json.loads(made.stdout)
    jsonschema.validate(data, schema)
    assert data["for"] == "senior_pm" and data["name"] == "Alice Chen" and data["runs"] == 2
    assert data["reviewers"] == len(REVIEWS)
    missing = [m for m in data["readiness"]["missing"] if m["rule"] == "defining_evidence"]
    assert [m["skill"] for m in missing] == [FIRST]
    assert re.fullmatch(rf"{re.escape(FIRST_NAME)}'s only evidence is 2\d months old\.", missing[0]["why"])
    assert invoke("packet", "-f", "json", "--lang", "zh").stdout == made.stdout  # JSON is language-neutral


def test_not_ready_is_information_not_a_failure(invoke, person):
    shown = invoke("packet")
    assert shown.exit_code == 0 and "Not ready" in shown.stdout and "✗" in shown.stdout
    assert invoke("packet", "--for", "pm").exit_code == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_markdown_packet_passes_the_linter(invoke, person, tmp_path, lang):
    out = tmp_path / f"packet-{lang}.md"
    assert invoke("packet", "-o", str(out), "--lang", lang).exit_code == 0
    assert markdown_problems(out) == ""
    text = out.read_text()
    head = {
        "en": "# Promotion packet: Alice Chen → Senior Product Manager",
        "zh": "# 晋升材料：Alice Chen → 高级产品经理",
    }
    assert text.startswith(head[lang])
    assert text.count("\n### ") >= len(CAT.skills)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--for", "cto"), "--for 'cto': the bundled ladder has no such level"),
        (("--name", "Nobody"), "'Nobody' has no assessment yet"),
        (("-o", "packet.pdf"), "packet.pdf"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(invoke, person, args, said):
    result = invoke("packet", *args)
    assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert result.stderr.count("\n") <= 2 and "Traceback" not in result.stderr  # the error and its hint


def test_no_history_at_all_is_a_clear_error(invoke):
    result = invoke("packet")
    assert result.exit_code == 2 and "nobody has been assessed yet" in result.stderr


def test_at_the_top_there_is_no_next_level(invoke, tmp_path):
    top = tmp_path / "top.toml"
    text = ALICE.read_text()
    text = re.sub(r"(?m)^(\w+) = [1-5]$", r"\1 = 5", text)
    text = re.sub(r"years_experience = [\d.]+", "years_experience = 30", text)
    text = re.sub(r"years_managing = [\d.]+", "years_managing = 20", text)
    top.write_text(text)
    assert invoke("assess", "-a", str(top), "-f", "json").exit_code == 0
    result = invoke("packet")
    assert result.exit_code == 2 and "is at the top level" in result.stderr
    assert invoke("packet", "--for", "vp_product").exit_code == 0


HOSTILE = "# Heading <script>alert(1)</script> | cell [x](javascript:alert(1)) \\`code`"


def test_someone_elses_text_stays_text_in_markdown_and_html(invoke, person, tmp_path):
    assert invoke("evidence", "add", FIRST, HOSTILE, "--metric", "*bold* | pipe").exit_code == 0
    md = tmp_path / "p.md"
    page = tmp_path / "p.html"
    assert invoke("packet", "-o", str(md)).exit_code == 0
    assert invoke("packet", "-o", str(page)).exit_code == 0
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(md.read_text())
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    assert not any(t.type == "html_inline" or t.type == "html_block" for t in tokens)
    links = [c.attrs.get("href") for t in tokens for c in (t.children or []) if c.type == "link_open"]
    assert not any("javascript" in str(h) for h in links)
    html = page.read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# ------------------------------------------------------------------ in a real browser


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_browser_shows_the_verdict_the_rules_and_the_evidence(invoke, person, tmp_path, lang):
    from test_html import run_browser

    page = tmp_path / f"packet-{lang}.html"
    assert invoke("packet", "-o", str(page), "--lang", lang).exit_code == 0
    dom = run_browser(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert re.search(r'<p class="level verdict short"><strong>[^<]+</strong>', dom)
    rules = re.findall(r'<li class="(ok|short)" data-rule="(\w+)" data-met="(true|false)">', dom)
    assert [r[1] for r in rules] == list(RULES)
    assert all((cls == "ok") == (met == "true") for cls, _, met in rules)
    section = dom.split(f'id="skill-{FIRST}"', 1)[1].split("</div>", 1)[0]
    assert '<li class="old"><time datetime="' in section
    label = {"en": "months old", "zh": "个月前"}[lang]
    assert label in section


def test_the_page_fits_a_phone(invoke, person, tmp_path):
    from test_html import _seen

    page = tmp_path / "packet.html"
    assert invoke("packet", "-o", str(page)).exit_code == 0
    seen = _seen(tmp_path, page, 375)
    assert seen["scroll"] <= seen["client"], seen  # no sideways scrolling on a phone
    assert seen["scripts"] == 0 and seen["resources"] == [] and "Promotion packet" in seen["title"]


def test_sqlite_file_is_read_not_changed(invoke, person):
    from pmpath import history

    before = sqlite3.connect(history.history_path()).execute("SELECT count(*) FROM evidence").fetchone()
    invoke("packet", "-f", "json")
    after = sqlite3.connect(history.history_path()).execute("SELECT count(*) FROM evidence").fetchone()
    assert before == after
    assert Path(history.history_path()).exists()


@pytest.mark.parametrize(("reviewers", "met"), [(0, False), (1, True), (4, True)])
def test_one_review_is_someone_elses_view(reviewers, met):
    p = _packet(runs=[_run(reviewers=reviewers)])
    rule = next(r for r in p.readiness.rules if r.id == "others")
    assert rule.met is met and (str(reviewers) in rule.why) is met


@pytest.mark.parametrize(("lang", "cols"), [("en", 60), ("zh", 60), ("en", 80), ("zh", 120)])
def test_a_person_reads_the_packet_whole_in_a_narrow_terminal(tmp_path, lang, cols):
    """pyte's screen: every skill's row keeps all its numbers and its defining mark on one line,
    the verdict and each rule are there, nothing runs past the edge."""
    from screen import Terminal

    made = Terminal(tmp_path, "assess", "-a", str(ALICE), "-f", "json")
    made.settle()
    assert made.close() == 0
    shown = Terminal(tmp_path, "packet", "--lang", lang, cols=cols, rows=80)
    shown.settle()
    lines = shown.screen.display
    assert shown.close() == 0
    rows = [line.rstrip() for line in lines if re.search(r"\s\d\s+\d\s+\d\s+-\s+\d$", line.rstrip())]
    assert len(rows) == len(CAT.skills), "\n".join(lines)
    for row, skill in zip(rows, CAT.skills, strict=True):
        name = skill.name.get(lang)
        assert row.startswith(name[:4]), (row, name)
        assert (" * " in row) is (skill.id in ALICE_NEXT.defining_skills), row
    verdict = {"en": "Not ready: 4 of 6 rules are not met.", "zh": "暂不宜提交：6 项规则中有 4 项未满足。"}
    assert verdict[lang] in "\n".join(x.rstrip() for x in lines)  # skills, evidence, metrics, others
    assert sum(1 for line in lines if line.startswith(("  ✓ ", "  ✗ "))) == len(RULES)


def test_from_a_first_assessment_to_a_ready_packet_over_several_runs(invoke, tmp_path):
    """The loop of issue 23 end to end, as a person runs it: assess, read the plan, log
    evidence, check in a quarter later with a review, and make the case."""
    first = invoke("assess", "-a", str(ALICE), "-f", "json")
    assert first.exit_code == 0
    plan = [p["skill"] for p in json.loads(first.stdout)["plan"]]
    assert plan == ["delegation"]  # Alice's one gap to Group PM
    early = json.loads(invoke("packet", "-f", "json").stdout)
    assert early["for"] == ALICE_NEXT.id and not early["ready"]
    assert {r["id"] for r in early["readiness"]["rules"] if not r["met"]} == {
        "skills",
        "defining_evidence",
        "metrics",
        "others",
    }
    for skill in ALICE_NEXT.defining_skills:
        added = invoke(
            "evidence", "add", skill, f"Led the {skill} work for search", "--metric", "NPS 31 → 38"
        )
        assert added.exit_code == 0, added.stderr
    later = tmp_path / "alice-q2.toml"
    later.write_text(ALICE.read_text().replace("delegation = 2", "delegation = 4"))
    review = tmp_path / "manager.toml"
    review.write_text(
        '[review]\nabout = "Alice Chen"\nrole = "manager"\n\n[ratings]\n'
        + "".join(f"{s.id} = 4\n" for s in CAT.skills)
    )
    second = invoke("assess", "-a", str(later), "--review", str(review), "-f", "json")
    assert second.exit_code == 0, second.stderr
    assert json.loads(second.stdout)["level"]["id"] == ALICE_NEXT.id  # placed at the level the packet is for
    progress = json.loads(invoke("progress", "-f", "json").stdout)
    assert [(s["skill"], s["reached"]) for s in progress["planned"]] == [("delegation", True)]
    assert progress["evidence"] == {s: 1 for s in ALICE_NEXT.defining_skills}
    ready = json.loads(invoke("packet", "--for", ALICE_NEXT.id, "-f", "json").stdout)
    assert ready["ready"] and ready["readiness"]["missing"] == [], ready["readiness"]
    assert ready["runs"] == 2 and ready["reviewers"] == 1
    md = invoke("packet", "--for", ALICE_NEXT.id, "-f", "md").stdout
    assert "**Ready: every rule below is met.**" in md and "- [ ]" not in md


# ------------------------------------------------------------------ every word of the verdict


def _why(p) -> dict[str, str]:
    return {r.id: r.why for r in p.readiness.rules}


def _years(value: float) -> str:
    return f"{value:g}"


def test_a_ready_packet_says_exactly_why_each_rule_is_met():
    p = packet(CAT, name="A", target=TARGET, runs=[_run()], log=_log(), today=TODAY)  # English by default
    n = len(LEVEL.skill_minimums)
    assert _why(p) == {
        "skills": f"All {n} skills the level needs are at its minimum.",
        "experience": f"The level's years are met: it needs {_years(LEVEL.min_years_experience)} years of "
        f"experience and {_years(LEVEL.min_years_managing)} of managing people.",
        "defining_evidence": "Every defining skill has evidence from the last 12 months.",
        "metrics": f"{len(DEFINING)} of {len(DEFINING)} recent entries say what moved.",
        "others": "The latest assessment includes 2 reviews.",
        "current": "The latest assessment (2026-11-01) is current.",
    }
    assert p.current.name == "Product Manager" and p.for_name == "Senior Product Manager"


def test_a_packet_short_everywhere_names_every_gap_exactly():
    director = next(lv for lv in CAT.levels if lv.id == "director")
    first = director.defining_skills[0]
    run = replace(_run(at="2026-01-15", reviewers=0, **{first: 1}), years_experience=3.5, years_managing=0.5)
    log = [_entry(s, "2026-10-01", "", i) for i, s in enumerate(director.defining_skills[1:], 1)]
    p = _packet(runs=[run], log=log, target="director")
    name = CAT.skill(first).name.en
    assert [(m.rule, m.skill, m.why) for m in p.readiness.missing] == [
        (
            "skills",
            first,
            f"{name} is placed at 1; Director of Product needs {director.skill_minimums[first]}.",
        ),
        (
            "experience",
            None,
            f"3.5 years of experience; Director of Product needs {_years(director.min_years_experience)}.",
        ),
        (
            "experience",
            None,
            f"0.5 years managing people; Director of Product needs {_years(director.min_years_managing)}.",
        ),
        ("defining_evidence", first, f"{name} has no evidence."),
        (
            "metrics",
            None,
            f"0 of {len(log)} recent entries carry a metric; {-(-len(log) // 2)} would make half.",
        ),
        (
            "others",
            None,
            "No one else's view: the latest assessment (2026-01-15) had no reviews. "
            "Ask your manager and peers for a 360 review.",
        ),
        ("current", None, "The latest assessment is 10 months old: assess again so the ratings are today's."),
    ]
    n, d = len(director.skill_minimums), len(director.defining_skills)
    years, managing = _years(director.min_years_experience), _years(director.min_years_managing)
    assert _why(p) == {
        "skills": f"1 of {n} skills are below the level's minimum.",
        "experience": f"The level's years are not met: it needs {years} years "
        f"of experience and {managing} of managing people.",
        "defining_evidence": f"1 of {d} defining skills have no evidence from the last 12 months.",
        "metrics": f"Only 0 of {len(log)} recent entries say what moved; half is the bar.",
        "others": "The latest assessment has only your own view.",
        "current": "The latest assessment is more than 6 months old.",
    }
    assert not p.ready and p.current.name == "Product Manager"
    assert {r.id: r.met for r in p.readiness.rules} == dict.fromkeys(RULES, False)  # False, not falsy


def test_years_exactly_at_the_level_are_enough():
    director = next(lv for lv in CAT.levels if lv.id == "director")
    run = replace(
        _run(), years_experience=director.min_years_experience, years_managing=director.min_years_managing
    )
    p = _packet(runs=[run], target="director")
    assert next(r for r in p.readiness.rules if r.id == "experience").met is True
    assert [m for m in p.readiness.missing if m.rule == "experience"] == []


def test_with_no_recent_evidence_the_metric_rule_says_there_is_nothing_to_weigh():
    p = _packet(log=[])
    (metrics,) = [m for m in p.readiness.missing if m.rule == "metrics"]
    assert (
        metrics.why
        == "No evidence logged in the last 12 months: log what you did with `pmpath evidence add`."
    )
    assert _why(p)["metrics"] == "No evidence from the last 12 months to weigh."
    assert next(r for r in p.readiness.rules if r.id == "metrics").met is False


def test_a_level_without_defining_skills_or_a_minimum_for_every_skill():
    level = replace(
        LEVEL,
        defining_skills=(),
        skill_minimums={k: v for k, v in LEVEL.skill_minimums.items() if k != FIRST},
    )
    catalog = replace(CAT, levels=tuple(level if lv.id == TARGET else lv for lv in CAT.levels))
    p = _packet(catalog=catalog)
    assert _why(p)["defining_evidence"] == "The level names no defining skills."
    assert next(r for r in p.readiness.rules if r.id == "defining_evidence").met is True
    assert [s.id for s in p.skills] == [s.id for s in CAT.skills if s.id != FIRST]
    assert not any(s.defining for s in p.skills)


def test_a_skill_the_run_did_not_rate_is_at_zero_and_short():
    run = _run()
    ratings = {k: v for k, v in run.self_ratings.items() if k != FIRST}
    p = _packet(runs=[replace(run, self_ratings=ratings, placed=ratings)])
    (skill,) = [s for s in p.skills if s.id == FIRST]
    assert (skill.rating, skill.self, skill.met, skill.trail) == (0, 0, False, ())


def test_an_entry_keeps_its_link_and_action_and_an_unknown_level_its_stored_name():
    entry = replace(_entry(FIRST, "2026-10-01"), link="https://x.example/a", action="3:on_the_job")
    run = replace(_run(), level="gone", level_name="Old Level")
    p = _packet(runs=[run], log=[entry])
    (skill,) = [s for s in p.skills if s.id == FIRST]
    assert (skill.evidence[0].link, skill.evidence[0].action) == ("https://x.example/a", "3:on_the_job")
    assert (p.current.id, p.current.name) == ("gone", "Old Level")
    assert _packet(lang="zh").current.name == "中级产品经理"


@settings(max_examples=150, deadline=None)
@given(
    ratings=st.lists(st.integers(1, 5), min_size=len(CAT.skill_ids), max_size=len(CAT.skill_ids)),
    years=st.floats(0, 25, allow_nan=False),
    managing=st.floats(0, 15, allow_nan=False),
)
def test_the_level_above_the_placement_is_never_ready_on_skills_and_years(ratings, years, managing):
    """By construction: meeting a level's skills and years is what places someone there (the
    placement even allows one point short). So a packet for the next level always leaves
    `skills` or `experience` unmet, and that is why every such packet says how to make the case
    for the level already reached (placed_hint)."""
    from pmpath.render.packet import placed_hint
    from pmpath.scoring import reached_level

    from conftest import make_answers

    given_ = dict(zip(CAT.skill_ids, ratings, strict=True))
    answers = make_answers(CAT, years=years, managing=min(managing, years), **given_)
    path = CAT.path
    reached = reached_level(answers, CAT)
    if reached + 1 >= len(path):
        return  # the top: nothing above
    run = Assessed(
        id=1,
        at="2026-11-01T09:00:00",
        level=path[reached].id,
        level_name=path[reached].name.en,
        self_ratings=given_,
        placed=given_,
        others={},
        reviewers=0,
        years_experience=answers.profile.years_experience,
        years_managing=answers.profile.years_managing,
    )
    p = _packet(runs=[run], target=path[reached + 1].id)
    assert {"skills", "experience"} & set(_unmet(p))
    hint = placed_hint(p, "en")
    assert hint is not None and hint.endswith(f"`pmpath packet --for {path[reached].id}`")


def test_the_hint_is_shown_on_every_page_and_not_for_the_level_already_reached(invoke, person):
    for fmt in ("table", "md", "html"):
        shown = invoke("packet", "-f", fmt)
        assert shown.exit_code == 0, shown.stderr
        assert "pmpath packet --for pm" in " ".join(shown.stdout.split()), fmt
    zh = invoke("packet", "--lang", "zh", "-f", "md").stdout
    assert "如果你现在的职级低于中级产品经理" in zh and "pmpath packet --for pm" in zh
    assert "`pmpath packet --for pm`" in zh  # a command, set as code on every page
    assert "<code>pmpath packet --for pm</code>" in invoke("packet", "-f", "html").stdout
    same = invoke("packet", "--for", "pm", "-f", "md")
    assert same.exit_code == 0 and "pmpath packet --for" not in same.stdout
    assert "--for" not in invoke("packet", "-f", "json").stdout  # JSON stays data: no sentences


@pytest.mark.parametrize(
    ("runs", "said"), [(1, "from one assessment, on 2026-11-01."), (2, "from 2 assessments,")]
)
def test_the_count_of_assessments_reads_naturally(runs, said):
    from pmpath.render.packet import markdown

    p = _packet(runs=[_run(run_id=n) for n in range(1, runs + 1)])
    assert said in markdown(p, "en")
