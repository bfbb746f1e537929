"""The evidence log (issue 23 §2): add, list, remove; kept in the private history with the same
guarantees (one line and exit 2 for bad input with nothing stored, concurrent writers, a killed
run, a damaged file, forget and export)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import ROOT, run_in_process

PMPATH = str(Path(sys.executable).parent / "pmpath")
ALICE = ROOT / "examples" / "alice.toml"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI", "PMPATH_LANG", "LANG", "LC_ALL")
    }
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path), **extra)
    return env


def _run(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """pmpath in this process (run_in_process), with the environment a child would get."""
    return run_in_process(list(args), _env(tmp_path, **extra))


def _db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "pmpath" / "history.sqlite3"


def _listed(tmp_path: Path, *args: str) -> list[dict]:
    result = _run(tmp_path, "evidence", "list", "-f", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["evidence"]


@pytest.fixture
def assessed(tmp_path):
    assert _run(tmp_path, "assess", "-a", str(ALICE), "-f", "json").returncode == 0
    return tmp_path


def test_an_entry_goes_to_the_person_last_assessed_and_lists_as_the_contract_says(assessed):
    added = _run(
        assessed,
        "evidence",
        "add",
        "strategy",
        "Wrote the search module's one-year strategy; the director adopted it",
        "--date",
        "2026-03-01",
        "--metric",
        "retention 40% → 44%",
        "--link",
        "https://example.com/strategy",
        "--action",
        "3:on_the_job",
    )
    assert added.returncode == 0, added.stderr
    assert "Alice Chen" in added.stderr and "Strategic thinking" in added.stderr
    assert (
        _run(assessed, "evidence", "add", "execution", "Shipped search v2 on the promised date").returncode
        == 0
    )
    entries = _listed(assessed)
    assert [e["skill"] for e in entries] == ["strategy", "execution"]  # oldest first
    first = entries[0]
    assert {k: first[k] for k in ("name", "text", "date", "link", "metric", "action")} == {
        "name": "Alice Chen",
        "text": "Wrote the search module's one-year strategy; the director adopted it",
        "date": "2026-03-01",
        "link": "https://example.com/strategy",
        "metric": "retention 40% → 44%",
        "action": "3:on_the_job",
    }
    assert isinstance(first["id"], int) and first["added"]
    assert [e["skill"] for e in _listed(assessed, "--skill", "execution")] == ["execution"]
    assert [e["skill"] for e in _listed(assessed, "--since", "2026-06-01")] == ["execution"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("astrology", "x"), "unknown skill 'astrology'"),
        (("strategy", "   "), "TEXT is empty"),
        (("strategy", "x", "--date", "2026-02-30"), "is not a date"),
        (("strategy", "x", "--date", "26-1-1"), "is not a date"),
        (("strategy", "x", "--date", "2999-01-01"), "is in the future"),
        (("strategy", "x", "--link", "javascript:alert(1)"), "is not a web link"),
        (("strategy", "x", "--action", "9:on_the_job"), "has no such growth action"),
        (("strategy", "a\x1b]0;owned\x07b"), "U+001B"),
        (("strategy", "a\u202eb"), "U+202E"),
        (("strategy", "x" * 2001), "longer than 2000"),
        (("strategy", "x", "--metric", "m" * 201), "longer than 200"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_stores_nothing(assessed, args, words):
    result = _run(assessed, "evidence", "add", *args)
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("pmpath: ") and words in first, result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert _listed(assessed) == []


def test_nobody_to_log_for_says_how(tmp_path):
    result = _run(tmp_path, "evidence", "add", "strategy", "x")
    assert result.returncode == 2 and "--name" in result.stderr
    named = _run(tmp_path, "evidence", "add", "strategy", "x", "--name", "Wei Lin", "--new-person")
    assert named.returncode == 0, named.stderr
    assert [e["name"] for e in _listed(tmp_path)] == ["Wei Lin"]
    assert stat.S_IMODE(os.stat(_db(tmp_path)).st_mode) == 0o600  # created private, by evidence too


def test_remove_deletes_one_entry_and_an_unknown_id_is_exit_2(assessed):
    for text in ("one", "two"):
        assert _run(assessed, "evidence", "add", "strategy", text).returncode == 0
    ids = [e["id"] for e in _listed(assessed)]
    assert _run(assessed, "evidence", "remove", str(ids[0]), "--yes").returncode == 0
    assert [e["text"] for e in _listed(assessed)] == ["two"]
    gone = _run(assessed, "evidence", "remove", str(ids[0]), "--yes")
    assert gone.returncode == 2 and f"no evidence entry {ids[0]}" in gone.stderr


def test_forget_and_export_cover_the_evidence(assessed):
    assert _run(assessed, "evidence", "add", "strategy", "Alice's work").returncode == 0
    added = _run(assessed, "evidence", "add", "strategy", "Wei's work", "--name", "Wei Lin", "--new-person")
    assert added.returncode == 0
    exported = _run(assessed, "history", "export", "-").stdout.splitlines()
    kept = [json.loads(line)["evidence"]["text"] for line in exported if '"evidence"' in line[:13]]
    assert kept == ["Alice's work", "Wei's work"]
    assert _run(assessed, "history", "forget", "--name", "Alice Chen", "--yes").returncode == 0
    assert [e["text"] for e in _listed(assessed, "--name", "Alice Chen")] == []
    assert [e["text"] for e in _listed(assessed, "--name", "Wei Lin")] == ["Wei's work"]
    assert _run(assessed, "history", "forget", "--all", "--yes").returncode == 0
    with sqlite3.connect(_db(assessed)) as conn:
        assert conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0


def test_eight_concurrent_writers_all_land(assessed):
    procs = [
        subprocess.Popen(
            [PMPATH, "evidence", "add", "execution", f"entry {n}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(assessed),
        )
        for n in range(8)
    ]
    assert [p.wait(timeout=60) for p in procs] == [0] * 8
    entries = _listed(assessed)
    assert sorted(e["text"] for e in entries) == [f"entry {n}" for n in range(8)]
    assert len({e["id"] for e in entries}) == 8


def test_a_run_killed_mid_write_loses_only_itself(assessed):
    assert _run(assessed, "evidence", "add", "strategy", "kept").returncode == 0
    script = (
        "import time\n"
        "from pmpath import history\n"
        "with history.connect() as conn:\n"
        "    conn.execute('BEGIN IMMEDIATE')\n"
        '    conn.execute("INSERT INTO evidence (name, skill, text, date, added) VALUES '
        "('Alice Chen', 'strategy', 'half', '2026-01-01', 'x')\")\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(30)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=_env(assessed)
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert [e["text"] for e in _listed(assessed)] == ["kept"]
    assert _run(assessed, "evidence", "add", "strategy", "after").returncode == 0


def test_a_damaged_history_is_refused_in_one_line_and_left_alone(tmp_path):
    db = _db(tmp_path)
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database at all" * 50)
    before = db.read_bytes()
    for args in (("add", "strategy", "x", "--name", "A"), ("list", "--name", "A")):
        result = _run(tmp_path, "evidence", *args)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert str(db) in result.stderr.splitlines()[0]
    assert db.read_bytes() == before


def test_an_older_history_gains_the_log_and_keeps_its_runs(assessed):
    with sqlite3.connect(_db(assessed)) as conn:
        conn.execute("DROP TABLE evidence")
        conn.execute("PRAGMA user_version = 3")
    assert _run(assessed, "evidence", "add", "strategy", "after the upgrade").returncode == 0
    assert [e["text"] for e in _listed(assessed)] == ["after the upgrade"]
    runs = json.loads(_run(assessed, "history", "-f", "json").stdout)["runs"]
    assert [r["name"] for r in runs] == ["Alice Chen"]


def test_others_text_is_inert_in_csv_markdown_and_the_terminal(assessed):
    hostile = '=HYPERLINK("https://evil.example") | # not a heading *bold*'
    assert _run(assessed, "evidence", "add", "strategy", hostile, "--metric", "@SUM(A1)").returncode == 0
    rows = list(csv.reader(io.StringIO(_run(assessed, "evidence", "list", "-f", "csv").stdout)))
    assert rows[0][:5] == ["id", "name", "skill", "date", "text"]
    assert rows[1][4] == "'" + hostile and rows[1][5] == "'@SUM(A1)"
    md = _run(assessed, "evidence", "list", "-f", "md").stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    cells = [t.content for t in tokens if t.type == "inline"]
    assert hostile in [c.replace("\\", "") for c in cells]
    # nine columns with the story (scope, situation, result): the pipe did not add one
    assert [t.type for t in tokens].count("th_open") == 9
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1"]  # the title, and only it


def test_the_list_speaks_chinese(assessed):
    assert _run(assessed, "evidence", "add", "strategy", "写出模块的一年期战略").returncode == 0
    shown = _run(assessed, "--lang", "zh", "evidence", "list").stdout
    assert "成果记录：Alice Chen" in shown and "战略思维" in shown and "做了什么" in shown
    empty = _run(assessed, "evidence", "list", "--name", "Nobody", "--lang", "zh").stdout
    assert "还没有成果记录" in empty


# ------------------------------------------------------------------ one hidden-character list (issue 40)

HIDDEN = ["\u061c", "\u2028", "\u2029", "\ufeff", "\u2060", "\u2066", "\u200b", "\x85", "\x7f", "\t"]
"""Characters pmpath.text spells out wherever it shows text: evidence once stored these raw."""


@pytest.mark.parametrize("char", HIDDEN)
@pytest.mark.parametrize("field", ["TEXT", "--metric"])
def test_evidence_refuses_every_hidden_character_the_rest_of_pmpath_does(assessed, char, field):
    from pmpath.text import visible

    assert visible(char) != char  # the one list says it is hidden
    args = ["strategy", f"a{char}b"] if field == "TEXT" else ["strategy", "x", "--metric", f"a{char}b"]
    result = _run(assessed, "evidence", "add", *args)
    assert result.returncode == 2 and f"U+{ord(char):04X}" in result.stderr, result.stderr
    assert _listed(assessed) == []


def test_the_packet_never_shows_a_stored_hidden_character(assessed):
    """An entry logged by an earlier pmpath, which stored these, is shown spelled out."""
    assert _run(assessed, "evidence", "add", "strategy", "plain", "--metric", "m").returncode == 0
    raw = "Led \u202eevil\u2028x\u061cy\ufeffz\u2060w"
    with sqlite3.connect(_db(assessed)) as conn:
        conn.execute("UPDATE evidence SET text = ?, metric = ?", (raw, raw))
    for fmt in ("table", "md", "html"):
        shown = _run(assessed, "packet", "-f", fmt)
        assert shown.returncode == 0, shown.stderr
        assert not any(c in shown.stdout for c in "\u202e\u2028\u061c\ufeff\u2060"), fmt


@pytest.mark.parametrize("since", ["20260101", "2026-01-01", "2026-W01-4", "2026-01-01T00:00"])
def test_since_reads_every_iso_form_as_a_date(assessed, since):
    for date in ("2025-12-31", "2026-01-01", "2026-03-01"):
        assert _run(assessed, "evidence", "add", "strategy", f"on {date}", "--date", date).returncode == 0
    assert [e["date"] for e in _listed(assessed, "--since", since)] == ["2026-01-01", "2026-03-01"]


@pytest.mark.parametrize("since", ["2026-13-01", "yesterday", "2026/01/01", "99999999"])
def test_a_bad_since_date_is_exit_2_with_one_line(assessed, since):
    result = _run(assessed, "evidence", "list", "--since", since)
    assert result.returncode == 2 and result.stderr.startswith(f"pmpath: --since {since}: not a date")
    assert "Traceback" not in result.stderr


def test_progress_since_a_basic_date_is_that_day(assessed):
    assert _run(assessed, "assess", "-a", str(ALICE), "-f", "json").returncode == 0
    today = __import__("datetime").date.today()
    basic = _run(assessed, "progress", "-f", "json", "--since", today.strftime("%Y%m%d"))
    assert basic.returncode == 0, basic.stderr
    assert json.loads(basic.stdout)["runs"] == 2
    later = _run(assessed, "progress", "--since", (today.replace(year=today.year + 1)).strftime("%Y%m%d"))
    assert later.returncode == 2 and "no runs from there on" in later.stderr


def test_a_name_nobody_has_is_refused_with_the_names_known(assessed):
    """A typo in --name would file an entry for nobody: refused, naming who is known, unless
    --new-person says the name is meant."""
    typo = _run(assessed, "evidence", "add", "strategy", "x", "--name", "Alice Chne")
    assert typo.returncode == 2
    first, hint = typo.stderr.splitlines()[:2]
    assert "Alice Chne" in first and "known: Alice Chen" in first
    assert "--new-person" in hint
    assert _listed(assessed, "--name", "Alice Chne") == [] and _listed(assessed) == []
    meant = _run(assessed, "evidence", "add", "strategy", "x", "--name", "Wei Lin", "--new-person")
    assert meant.returncode == 0, meant.stderr
    again = _run(assessed, "evidence", "add", "strategy", "y", "--name", "Wei Lin")  # known now
    assert again.returncode == 0, again.stderr


def test_without_a_name_and_several_people_it_is_refused_not_guessed(assessed):
    bob = ALICE.read_text().replace("Alice Chen", "Bob Li")
    (assessed / "bob.toml").write_text(bob)
    assert _run(assessed, "assess", "-a", str(assessed / "bob.toml"), "-f", "json").returncode == 0
    result = _run(assessed, "evidence", "add", "strategy", "whose is this")
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert "Bob Li" in first and "Alice Chen" in first and "--name" in result.stderr
    assert _listed(assessed, "--name", "Bob Li") == [] and _listed(assessed, "--name", "Alice Chen") == []


def test_remove_says_no_such_entry_before_asking_and_shows_a_real_one(assessed):
    pexpect = pytest.importorskip("pexpect")
    assert _run(assessed, "evidence", "add", "strategy", "Wrote the one-year strategy").returncode == 0
    env = _env(assessed, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1")
    child = pexpect.spawn(PMPATH, ["evidence", "remove", "99"], env=env, encoding="utf-8", timeout=20)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2 and "no evidence entry 99" in child.before
    assert "Delete" not in child.before
    child = pexpect.spawn(PMPATH, ["evidence", "remove", "1"], env=env, encoding="utf-8", timeout=20)
    child.expect("Delete evidence entry 1")
    shown = child.before
    assert "Alice Chen" in shown and "Wrote the one-year strategy" in shown and "Strategic thinking" in shown
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert [e["text"] for e in _listed(assessed)] == ["Wrote the one-year strategy"]
