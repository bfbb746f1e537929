"""Progress over time (issue 12): the SQLite history, the history and progress commands, the
"since last time" line, and cohorts compared with a baseline."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath import answers as answers_mod
from pmpath import history
from pmpath.models import dump_json, validate

from conftest import ROOT, run_in_process

PMPATH = str(Path(sys.executable).parent / "pmpath")
ALICE = (ROOT / "examples" / "alice.toml").read_text()


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
    env.update(XDG_DATA_HOME=str(data), HOME=str(data.parent))
    env.update(extra)
    return env


def _assess(tmp_path: Path, text: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """An assessment in this process (run_in_process), into tmp_path's data directory."""
    answers = tmp_path / f"a{time.monotonic_ns()}.toml"
    answers.write_text(text)
    return run_in_process(["assess", "-a", str(answers), "-f", "json", *extra], _env(tmp_path / "data"))


def _pmpath(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_in_process(list(args), _env(tmp_path / "data"))


def _db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "pmpath" / "history.sqlite3"


def test_two_runs_give_a_history_of_two_and_the_right_deltas(tmp_path):
    first = ALICE.replace("strategy = 3", "strategy = 2")  # strategy defines Senior PM: a PM
    assert _assess(tmp_path, first).returncode == 0
    better = first.replace("strategy = 2", "strategy = 3").replace("delegation = 2", "delegation = 3")
    assert _assess(tmp_path, better).returncode == 0
    listed = json.loads(_pmpath(tmp_path, "history", "--format", "json").stdout)
    assert listed["schema_version"] == 1 and len(listed["runs"]) == 2
    assert listed["runs"][0]["level"] == {"id": "pm", "name": "Product Manager"}
    assert listed["runs"][1]["level"]["id"] == "senior_pm"
    moved = json.loads(_pmpath(tmp_path, "progress", "--name", "Alice Chen", "--format", "json").stdout)
    deltas = {s["id"]: s["delta"] for s in moved["skills"]}
    assert deltas["strategy"] == 1 and deltas["delegation"] == 1 and deltas["communication"] == 0
    assert moved["from"]["id"] == listed["runs"][0]["id"] and moved["to"]["level"] == "senior_pm"
    assert [c["level"] for c in moved["levels"]] == ["pm", "senior_pm"]
    assert [g["skill"] for g in moved["closed"]] == ["strategy"]  # the gap of the step then
    table = _pmpath(tmp_path, "progress").stdout
    assert "Strategic thinking" in table and "+1" in table and "▂▃" in table
    md = _pmpath(tmp_path, "progress", "--format", "md").stdout
    assert md.startswith("# Progress: Alice Chen") and "- [x] Strategic thinking 3" in md


def test_no_history_records_nothing(tmp_path):
    assert _assess(tmp_path, ALICE, "--no-history").returncode == 0
    assert not _db(tmp_path).exists()
    result = _pmpath(tmp_path, "history")
    assert result.returncode == 2 and "no history yet" in result.stderr


def test_show_rerenders_a_past_report_and_export_writes_json_lines(tmp_path):
    _assess(tmp_path, ALICE)
    run_id = json.loads(_pmpath(tmp_path, "history", "-f", "json").stdout)["runs"][0]["id"]
    shown = _pmpath(tmp_path, "history", "show", str(run_id), "--format", "md")
    assert shown.returncode == 0 and shown.stdout.startswith("# Career plan: Alice Chen")
    exported = _pmpath(tmp_path, "history", "export", "-")
    (line,) = exported.stdout.splitlines()
    record = json.loads(line)
    assert record["answers"]["ratings"]["strategy"] == 3 and record["report"]["level"]["id"] == "senior_pm"
    missing = _pmpath(tmp_path, "history", "show", "999")
    assert missing.returncode == 2 and "no run 999" in missing.stderr


def test_forget_by_id_name_and_all(tmp_path):
    for _ in range(3):
        _assess(tmp_path, ALICE)
    _assess(tmp_path, ALICE.replace("Alice Chen", "Bo"))
    assert _pmpath(tmp_path, "history", "forget", "1").returncode == 0
    assert _pmpath(tmp_path, "history", "forget", "--name", "Alice Chen").returncode == 0
    left = json.loads(_pmpath(tmp_path, "history", "-f", "json").stdout)["runs"]
    assert [r["name"] for r in left] == ["Bo"]
    assert _pmpath(tmp_path, "history", "forget", "--all").returncode == 0
    assert json.loads(_pmpath(tmp_path, "history", "-f", "json").stdout)["runs"] == []
    assert _pmpath(tmp_path, "history", "forget").returncode == 2  # say what


@pytest.mark.slow
def test_eight_concurrent_assessments_all_land(tmp_path):
    data = tmp_path / "data"
    procs = []
    for n in range(8):
        answers = tmp_path / f"p{n}.toml"
        answers.write_text(ALICE.replace("Alice Chen", f"Person {n}"))
        procs.append(
            subprocess.Popen(
                [PMPATH, "assess", "-a", str(answers), "-f", "json"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=_env(data),
            )
        )
    assert [p.wait(timeout=60) for p in procs] == [0] * 8
    with sqlite3.connect(_db(tmp_path)) as conn:
        names = sorted(r[0] for r in conn.execute("SELECT name FROM runs"))
    assert names == [f"Person {n}" for n in range(8)]


def test_a_corrupt_history_is_refused_untouched_and_assess_still_reports(tmp_path):
    db = _db(tmp_path)
    db.parent.mkdir(parents=True)
    junk = b"this is not sqlite at all\n" * 100
    db.write_bytes(junk)
    result = _assess(tmp_path, ALICE)
    assert result.returncode == 0 and json.loads(result.stdout)["level"]["id"] == "senior_pm"
    assert "not recorded in the history" in result.stderr and len(result.stderr.splitlines()) == 2
    listed = _pmpath(tmp_path, "history")
    assert (
        listed.returncode == 2 and "not a pmpath history database" in listed.stderr and "mv " in listed.stderr
    )
    assert db.read_bytes() == junk


def test_a_history_from_a_newer_pmpath_is_refused(tmp_path):
    db = _db(tmp_path)
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.execute("CREATE TABLE runs (id INTEGER)")
    before = db.read_bytes()
    result = _pmpath(tmp_path, "history")
    assert result.returncode == 2 and "newer pmpath" in result.stderr
    assert db.read_bytes() == before


def test_a_version_1_history_is_migrated(tmp_path):
    db = _db(tmp_path)
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as conn:  # exactly what schema 1 wrote
        for statement in history._V1.strip().split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(
            "INSERT INTO runs (at, name, level, level_name, answers, report, pmpath_version, lang)"
            " VALUES ('2026-08-12T10:00:00', 'Alice Chen', 'pm', 'Product Manager', ?, ?, '0.1.0', 'en')",
            (json.dumps({"profile": {}, "ratings": {"strategy": 2}}), json.dumps({"roadmap": {"steps": []}})),
        )
        conn.execute("PRAGMA user_version = 1")
    assert _assess(tmp_path, ALICE).returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == history.SCHEMA_VERSION
        rows = conn.execute("SELECT name, ladder, catalog_hash FROM runs ORDER BY id").fetchall()
    assert rows[0] == ("Alice Chen", "bundled", "") and rows[1][2]
    moved = json.loads(_pmpath(tmp_path, "progress", "-f", "json").stdout)
    assert {s["id"]: s["delta"] for s in moved["skills"]}["strategy"] == 1


@pytest.mark.slow
def test_kill_9_mid_write_leaves_a_readable_history(tmp_path):
    _assess(tmp_path, ALICE)
    insert = (
        "INSERT INTO runs (at, name, level, level_name, answers, report, pmpath_version, lang)"
        " VALUES ('x', 'Half', 'pm', 'PM', '{}', '{}', '0', 'en')"
    )
    script = (
        "import sys, time\n"
        "from pmpath import history\n"
        "with history.connect(create=True) as conn:\n"
        "    conn.execute('BEGIN IMMEDIATE')\n"
        "    for n in range(200):\n"
        f"        conn.execute({insert!r})\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(30)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=_env(tmp_path / "data")
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    listed = json.loads(_pmpath(tmp_path, "history", "-f", "json").stdout)
    assert [r["name"] for r in listed["runs"]] == ["Alice Chen"]  # the killed run, and only it, is lost
    assert _assess(tmp_path, ALICE).returncode == 0


def test_interactive_since_line(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    _assess(tmp_path, ALICE.replace("Alice Chen", "Pat Example").replace("strategy = 3", "strategy = 2"))
    env = _env(tmp_path / "data", TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1", PAGER="cat")
    child = pexpect.spawn(PMPATH, ["assess"], env=env, dimensions=(50, 120), encoding="utf-8", timeout=20)
    child.expect("Start from your last answers")
    child.send("n")  # a blank questionnaire: the answers below are typed
    child.expect("name")
    child.send("Pat Example\r")
    for answer in ("7", "", " ", "450", ""):  # the business model: Enter keeps "not sure"
        child.expect(r"\?")
        child.send(answer + "\r")
    for n in range(1, 15):
        child.expect(f"Skill {n} of 14")
        child.send("4\r")
    child.expect("All correct")
    child.send("\r")
    child.expect("Save your answers")  # the whole note, wrapped at words to the 120 columns
    note = child.before.split("Since ", 1)[1]
    line = " ".join(part.strip() for part in note.splitlines() if part.strip())
    assert re.match(r"\d{4}-\d\d-\d\d: ", line), line
    assert "+2 Strategic thinking" in line and "level Product Manager → Principal Product Manager" in line
    child.send("n")
    child.expect("Export your plan")
    child.send("n")
    if child.expect(["for your evidence log", pexpect.EOF]) == 0:
        child.send("\r")  # skip noting examples: one keypress
        child.expect(pexpect.EOF)


def test_cohort_baseline_counts_promotions_and_deltas(tmp_path, invoke):
    before, after = tmp_path / "q1", tmp_path / "q2"
    before.mkdir()
    after.mkdir()
    for path in sorted((ROOT / "examples" / "cohort").glob("*.toml")):
        (before / path.name).write_text(path.read_text())
        (after / path.name).write_text(path.read_text())
    mei_before = before / "07-mei-zhang.toml"  # a quarter ago her strategy, which defines Senior PM, was 2
    mei_before.write_text(mei_before.read_text().replace("strategy = 3", "strategy = 2"))
    mei = after / "07-mei-zhang.toml"
    mei.write_text(
        mei.read_text()
        .replace("delegation = 2", "delegation = 3")
        .replace("business_acumen = 2", "business_acumen = 3")
    )
    (after / "08-new.toml").write_text(ALICE.replace("Alice Chen", "New Person"))
    baseline = tmp_path / "q1.json"
    assert invoke("cohort", str(before), "-f", "json", "-o", str(baseline)).exit_code == 0
    # a baseline an older pmpath wrote could name one person twice (this one refuses to)
    written = json.loads(baseline.read_text())
    written["people"].append({**written["people"][0], "name": "张美 (Mei Zhang)", "level": "junior_pm"})
    baseline.write_text(json.dumps(written))
    result = invoke("cohort", str(after), "--baseline", str(baseline), "-f", "json")
    moved = json.loads(result.stdout)["progress"]
    assert moved["new"] == ["New Person"] and moved["duplicates"] == ["张美 (Mei Zhang)"]
    assert moved["compared"] == 6 and moved["promoted"] == 0  # Mei is a duplicate: not guessed
    invoke("cohort", str(before), "-f", "json", "-o", str(baseline), "--force")
    moved = json.loads(invoke("cohort", str(after), "--baseline", str(baseline), "-f", "json").stdout)[
        "progress"
    ]
    assert moved["promoted"] == 1
    (mei_row,) = [p for p in moved["people"] if p["promoted"]]
    assert (mei_row["from_level"], mei_row["to_level"]) == ("pm", "senior_pm")
    assert mei_row["deltas"]["delegation"] == 1 and moved["average_change"]["delegation"] == round(1 / 7, 2)
    assert mei_row["deltas"]["strategy"] == 1
    md = invoke("cohort", str(after), "--baseline", str(baseline), "-f", "md").stdout
    assert "## Since the baseline" in md and "Product Manager → Senior Product Manager" in md
    bad = invoke("cohort", str(after), "--baseline", str(tmp_path / "q1" / "01-lin-wei.toml"))
    assert bad.exit_code == 2 and "not a `pmpath cohort --format json` output" in bad.stderr


# ------------------------------------------------------------------ listing and progress, in-process


def _two_runs(invoke, tmp_path, catalog, name: str = "Lee") -> None:
    from conftest import answers_toml

    first = tmp_path / "a.toml"
    first.write_text(answers_toml(catalog, name=f'"{name}"'))
    second = tmp_path / "b.toml"
    second.write_text(answers_toml(catalog, name=f'"{name}"', strategy="4", delegation="4"))
    for path in (first, second):
        assert invoke("assess", "-a", str(path), "-f", "json").exit_code == 0


def test_history_table_is_plain_aligned_and_chinese_with_lang(invoke, tmp_path, catalog, monkeypatch):
    _two_runs(invoke, tmp_path, catalog, "李雷")
    lines = invoke("history").stdout.splitlines()
    assert lines[0] == "History" and lines[2].split() == ["Id", "Date", "Name", "Level"]
    rows = lines[4:]
    assert len(rows) == 2 and all("李雷" in r for r in rows)
    from pmpath.text import cells

    assert len({cells(r.split("李雷")[0]) for r in rows}) == 1  # the name column starts in one place
    monkeypatch.setenv("PMPATH_LANG", "zh")
    zh = invoke("history").stdout.splitlines()
    assert zh[0] == "历史记录" and zh[2].split() == ["编号", "日期", "姓名", "级别"]


def test_progress_defaults_to_the_latest_person_and_takes_since(invoke, tmp_path, catalog):
    _two_runs(invoke, tmp_path, catalog)
    table = invoke("progress").stdout
    assert "Lee" in table and "+1" in table
    runs = json.loads(invoke("history", "-f", "json").stdout)["runs"]
    later = invoke("progress", "--since", str(runs[1]["id"]), "-f", "json")
    data = json.loads(later.stdout)
    assert data["from"]["id"] == data["to"]["id"] == runs[1]["id"]
    dated = json.loads(invoke("progress", "--since", runs[0]["at"][:10], "-f", "json").stdout)
    assert dated["from"]["id"] == runs[0]["id"]
    md = invoke("progress", "-f", "md").stdout
    assert md.startswith("# Progress: Lee") and "## Levels" in md


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "31-12-2020"], "give a run id or a date"),
        (["--since", "2999-01-01"], "no runs from there on"),
        (["--name", "Nobody"], "no runs for 'Nobody' in the history"),
    ],
)
def test_progress_errors_are_one_line(invoke, tmp_path, catalog, args, message):
    _two_runs(invoke, tmp_path, catalog)
    result = invoke("progress", *args)
    assert result.exit_code == 2 and message in result.stderr.splitlines()[0]


def test_progress_without_history(invoke):
    result = invoke("progress")
    assert result.exit_code == 2 and "no history" in result.stderr


def test_progress_refuses_a_page_and_says_what_it_writes(invoke, tmp_path, catalog):
    _two_runs(invoke, tmp_path, catalog)
    page = tmp_path / "progress.html"
    result = invoke("progress", "--output", str(page))
    assert result.exit_code == 2 and not page.exists()
    assert "progress is written as table, json, md or csv, not html" in result.stderr
    assert "history show ID --output plan.html" in result.stderr
    assert invoke("progress", "--format", "html").exit_code == 2
    assert invoke("progress", "--output", str(tmp_path / "p.md")).exit_code == 0


# ------------------------------------------------------------------ across versions (issue 40)


def _three_runs_one_damaged_one_newer(tmp_path: Path) -> None:
    for _ in range(3):
        assert _assess(tmp_path, ALICE).returncode == 0
    with sqlite3.connect(_db(tmp_path)) as conn:
        report = json.loads(conn.execute("SELECT report FROM runs WHERE id = 2").fetchone()[0])
        report["added_by_a_later_pmpath"] = {"x": 1}  # CONTRACTS.md lets a version add fields
        report["skills"][0]["confidence"] = 0.8
        report["level"]["track"] = "ic"
        conn.execute("UPDATE runs SET report = ? WHERE id = 2", (json.dumps(report),))
        conn.execute("UPDATE runs SET answers = '{broken' WHERE id = 1")


@pytest.mark.parametrize(
    "args",
    [
        ("history", "show", "2"),
        ("history", "export", "-"),
        ("progress",),
        ("progress", "-f", "md"),
        ("progress", "-f", "json"),
        ("packet",),
        ("packet", "-f", "json"),
        ("history",),
    ],
)
def test_a_damaged_row_and_a_newer_report_end_no_command(tmp_path, args):
    _three_runs_one_damaged_one_newer(tmp_path)
    result = _pmpath(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert "unexpected error" not in result.stderr and "Traceback" not in result.stderr
    if args != ("history",) and args != ("history", "show", "2"):  # these never read run 1
        warned = [line for line in result.stderr.splitlines() if line.startswith("pmpath: run 1 ")]
        assert len(warned) == 1 and "left out" in warned[0], result.stderr


def test_the_runs_compared_are_named(tmp_path):
    _three_runs_one_damaged_one_newer(tmp_path)
    assert "Runs compared: 2\u20133." in _pmpath(tmp_path, "progress").stdout
    assert "Runs compared: 2\u20133." in _pmpath(tmp_path, "progress", "-f", "md").stdout
    assert json.loads(_pmpath(tmp_path, "progress", "-f", "json").stdout)["run_ids"] == [2, 3]
    assert "Runs read: 2\u20133." in _pmpath(tmp_path, "packet").stdout
    assert json.loads(_pmpath(tmp_path, "packet", "-f", "json").stdout)["run_ids"] == [2, 3]
    zh = _pmpath(tmp_path, "packet", "--lang", "zh").stdout
    assert "读取的记录：2 至 3。" in zh


def test_showing_a_damaged_run_says_so(tmp_path):
    _three_runs_one_damaged_one_newer(tmp_path)
    result = _pmpath(tmp_path, "history", "show", "1")
    assert result.returncode == 2 and "unexpected" not in result.stderr
    assert result.stderr.startswith("pmpath: run 1 cannot be read by this pmpath")
    assert "`pmpath history forget 1`" in result.stderr


@pytest.mark.parametrize(
    "damage", ["'[1, 2]'", '\'{"ratings": {"a": "x"}, "profile": {}}\'', "'null'", "x'ff'"]
)
def test_every_kind_of_damaged_answers_is_skipped(tmp_path, damage):
    for _ in range(2):
        assert _assess(tmp_path, ALICE).returncode == 0
    with sqlite3.connect(_db(tmp_path)) as conn:
        conn.execute(f"UPDATE runs SET answers = {damage} WHERE id = 2")
        conn.execute("UPDATE runs SET report = '{\"skills\": 5}' WHERE id = 1")
    for args in (("progress",), ("packet",), ("history", "export", "-"), ("history", "show", "1")):
        result = _pmpath(tmp_path, *args)
        assert "unexpected" not in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)
        assert result.returncode in (0, 2) and result.stderr.count("pmpath: run ") >= 1


def test_the_latest_readable_run_is_the_last(tmp_path):
    """What the questionnaire's start-up offer reads: a damaged latest row is passed over."""
    for _ in range(2):
        assert _assess(tmp_path, ALICE).returncode == 0
    with sqlite3.connect(_db(tmp_path)) as conn:
        conn.execute("UPDATE runs SET answers = 'oops' WHERE id = 2")
    with history.connect(_db(tmp_path)) as conn:
        last = history.last(conn, "Alice Chen", lang="en")
    assert last is not None and last.id == 1


def test_interactive_start_survives_a_damaged_latest_run(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    for _ in range(2):
        assert _assess(tmp_path, ALICE).returncode == 0
    with sqlite3.connect(_db(tmp_path)) as conn:
        conn.execute("UPDATE runs SET answers = 'oops' WHERE id = 2")
    env = _env(tmp_path / "data", TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1", PAGER="cat")
    child = pexpect.spawn(PMPATH, ["assess"], env=env, dimensions=(50, 120), encoding="utf-8", timeout=20)
    child.expect("Start from your last answers")
    assert "unexpected" not in child.before
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_the_start_up_offer_shows_a_stored_name_spelled_out(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    assert _assess(tmp_path, ALICE.replace("Alice Chen", "Ann\u202eevil\u2028x")).returncode == 0
    env = _env(tmp_path / "data", TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1", PAGER="cat")
    child = pexpect.spawn(PMPATH, ["assess"], env=env, dimensions=(50, 200), encoding="utf-8", timeout=20)
    child.expect("Start from your last answers")
    child.expect(r"\?")
    seen = child.before
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    assert "Ann\\u202eevil\\u2028x" in seen and "\u202e" not in seen and "\u2028" not in seen


@pytest.mark.parametrize("where", ["exists", "missing folder"])
def test_a_refused_or_failed_write_records_nothing(tmp_path, where):
    """`-o` to a file that exists (no --force), or into a folder that does not: the report was
    not written, so the history holds no run of it for the next check-in to compare with."""
    target = tmp_path / "plan.md"
    if where == "exists":
        target.write_text("mine\n")
    else:
        target = tmp_path / "nowhere" / "plan.md"
    done = _assess(tmp_path, ALICE, "-o", str(target))
    assert done.returncode == 2, done.stderr
    listed = _pmpath(tmp_path, "history", "--format", "json")
    runs = json.loads(listed.stdout)["runs"] if listed.returncode == 0 else []
    assert runs == []
    if where == "exists":
        assert target.read_text() == "mine\n"


# ------------------------------------------------------------------ reading without pydantic


def _stored_report() -> dict:
    from pmpath.catalog import load_catalog
    from pmpath.report import build_report

    catalog = load_catalog()
    answers = answers_mod.parse_answers(ALICE, "alice.toml", catalog)
    return json.loads(dump_json(build_report(answers, catalog, 2026)))


def test_a_report_this_pmpath_wrote_is_read_whole_without_pydantic():
    from pmpath.models import Report, plainly_whole

    data = _stored_report()
    assert plainly_whole(Report, data)
    newer = json.loads(json.dumps(data))
    newer["roadmap"]["steps"][0]["added_later"] = 1
    assert not plainly_whole(Report, newer)  # a newer pmpath's field: lenient reading decides
    damaged = json.loads(json.dumps(data))
    damaged["skills"][0]["rating"] = "4"
    assert not plainly_whole(Report, damaged)
    missing = json.loads(json.dumps(data))
    del missing["level"]
    assert not plainly_whole(Report, missing)


_RANGES = frozenset(
    {
        "string_pattern_mismatch",
        "string_too_short",
        "string_too_long",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "too_short",
        "too_long",
    }
)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_what_is_read_without_pydantic_pydantic_would_accept(data):
    """Soundness of shapes: damage a stored report anywhere; whenever the quick check takes it as
    whole, pydantic finds no field missing, unknown or of the wrong type (a value out of range or
    pattern is refused where the run is read as a model: `history show` says it cannot be read)."""
    from pmpath.models import Report, plainly_whole

    report = _stored_report()
    node, path = report, []
    for _ in range(data.draw(st.integers(1, 5))):
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node)))
        elif isinstance(node, list) and node:
            key = data.draw(st.integers(0, len(node) - 1))
        else:
            break
        path.append(key)
        node = node[key]
    if not path:
        return
    parent = report
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = data.draw(
        st.one_of(st.none(), st.integers(-3, 9), st.text(max_size=3), st.just([]), st.just({}))
    )
    if plainly_whole(Report, report):
        from pydantic import ValidationError

        problems: set[str] = set()
        try:
            validate(Report, report)
        except ValidationError as exc:  # shapes are checked, not ranges and patterns:
            problems = {e["type"] for e in exc.errors()}
        assert problems <= _RANGES, problems  # those refuse it where the run is read as a model


def test_progress_says_which_runs_were_placed_with_reviews(tmp_path):
    """Issue 41: a level from others' reviews and one from self-ratings alone are not like for
    like; progress marks each run placed with reviews, even where the level did not change."""
    reviews = sorted((ROOT / "examples" / "reviews").glob("alice-*.toml"))
    assert _assess(tmp_path, ALICE).returncode == 0
    assert _assess(tmp_path, ALICE, *(f"--review={r}" for r in reviews)).returncode == 0
    assert _assess(tmp_path, ALICE, *(f"--review={r}" for r in reviews)).returncode == 0
    with sqlite3.connect(_db(tmp_path)) as conn:  # a damaged report reads as no reviews, never an error
        conn.execute("UPDATE runs SET report = '{broken' WHERE id = 1")
    data = json.loads(_pmpath(tmp_path, "progress", "-f", "json").stdout)
    assert [(c["run"], c["reviews"]) for c in data["levels"]] == [(2, len(reviews))]
    assert _assess(tmp_path, ALICE).returncode == 0  # own ratings again: a change worth a line
    data = json.loads(_pmpath(tmp_path, "progress", "-f", "json").stdout)
    assert [c["reviews"] for c in data["levels"]] == [len(reviews), 0]
    text = " ".join(_pmpath(tmp_path, "progress").stdout.split())
    assert f"with {len(reviews)} reviews)" in text
    zh = " ".join(_pmpath(tmp_path, "progress", "--lang", "zh").stdout.split())
    assert f"含 {len(reviews)} 份评价" in zh


def test_show_of_an_early_partial_report_says_it_cannot_draw_it(tmp_path):
    """An early history kept part of a report (what progress reads): `history show` cannot draw
    a page from it and says so in one line, with what to do."""
    assert _assess(tmp_path, ALICE).returncode == 0
    partial = {"roadmap": {"steps": [{"level": "group_pm", "skill_gaps": []}]}, "skills": [{"rating": 3}]}
    with sqlite3.connect(_db(tmp_path)) as conn:
        conn.execute("UPDATE runs SET report = ?", (json.dumps(partial),))
    shown = _pmpath(tmp_path, "history", "show", "1")
    assert shown.returncode == 2 and shown.stdout == ""
    assert shown.stderr.startswith("pmpath: ") and "Traceback" not in shown.stderr
    assert len(shown.stderr.splitlines()) == 2


def test_forget_asks_at_a_terminal_and_a_missing_run_is_an_error(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    assert _assess(tmp_path, ALICE).returncode == 0
    env = {**_env(tmp_path / "data"), "TERM": "xterm-256color"}
    child = pexpect.spawn(PMPATH, ["history", "forget", "1"], env=env, encoding="utf-8", timeout=20)
    child.expect("Delete")
    child.send("n")
    child.expect("nothing deleted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(json.loads(_pmpath(tmp_path, "history", "--format", "json").stdout)["runs"]) == 1
    missing = _pmpath(tmp_path, "history", "forget", "99", "--yes")
    assert missing.returncode == 2 and missing.stderr.startswith("pmpath: no run 99 in the history")
