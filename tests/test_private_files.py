"""Personal files are private (issue 20, class 3): the history and resume files are their
owner's alone, a run keeps of its reviews only what the report shows, and `history forget`
leaves nothing of a deleted run that `strings` could read."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PMPATH = str(Path(sys.executable).parent / "pmpath")
ALICE = ROOT / "examples" / "alice.toml"
REVIEWS = ROOT / "examples" / "reviews"
SECRET = "Zyxwvutsrq Quokkafellow"
OLD_REVIEWS = f'[{{"by": "{SECRET}", "ratings": {{"strategy": 1}}}}]'


def _env(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}


def _run(home: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PMPATH, *args],
        capture_output=True,
        text=True,
        env=_env(home),
        timeout=60,
        preexec_fn=lambda: os.umask(umask),
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _data(home: Path) -> Path:
    return home / ".local" / "share" / "pmpath"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_history_is_created_private_whatever_the_umask(tmp_path):
    made = _run(tmp_path, "assess", "-a", str(ALICE), "-f", "json", umask=0o000)
    assert made.returncode == 0, made.stderr
    data = _data(tmp_path)
    assert _mode(data) == 0o700
    files = [p for p in data.iterdir() if p.name.startswith("history.sqlite3")]
    assert files and all(_mode(p) == 0o600 for p in files), [(p.name, oct(_mode(p))) for p in files]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_history_left_readable_by_an_earlier_pmpath_is_tightened_when_opened(tmp_path):
    assert _run(tmp_path, "assess", "-a", str(ALICE), "-f", "json").returncode == 0
    data = _data(tmp_path)
    os.chmod(data, 0o755)
    for p in data.iterdir():
        if p.is_file():
            os.chmod(p, 0o644)
    listed = _run(tmp_path, "history")
    assert listed.returncode == 0, listed.stderr
    assert _mode(data) == 0o700
    assert all(_mode(p) == 0o600 for p in data.iterdir() if p.name.startswith("history.sqlite3"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_resume_file_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    os.umask(0o000)
    try:
        from pmpath.interactive import Session, list_slots, resume_dir

        path, why = Session("en", kind="review").keep({"review.about": "A Colleague", "ratings.strategy": 2})
    finally:
        os.umask(0o022)
    assert why is None and path is not None
    assert _mode(path) == 0o600
    assert _mode(resume_dir("review")) == 0o700 and _mode(resume_dir("review").parent) == 0o700
    os.chmod(path, 0o644)  # as an earlier pmpath left it
    os.chmod(resume_dir("review"), 0o755)
    assert list_slots(20, kind="review")
    assert _mode(path) == 0o600 and _mode(resume_dir("review")) == 0o700


def test_the_history_keeps_no_reviewer_rating(tmp_path):
    """Alice's peer 1 rated a skill alone: the report withholds that rating, and so must the disk."""
    reviews = sorted(REVIEWS.glob("alice-*.toml"))
    args = [arg for r in reviews for arg in ("-r", str(r))]
    made = _run(tmp_path, "assess", "-a", str(ALICE), *args, "-f", "json")
    assert made.returncode == 0, made.stderr
    db = _data(tmp_path) / "history.sqlite3"
    with sqlite3.connect(db) as conn:
        (stored,) = conn.execute("SELECT reviews FROM runs").fetchone()
    assert stored == "[]"
    raw = b"".join(p.read_bytes() for p in db.parent.iterdir() if p.name.startswith("history"))
    for review in reviews:
        by = [line for line in review.read_text().splitlines() if line.startswith("by =")]
        for line in by:
            name = line.split("=", 1)[1].strip().strip('"')
            if "manager" not in review.name:
                assert name.encode() not in raw, name


def test_an_earlier_history_with_reviewer_ratings_is_emptied_on_opening(tmp_path):
    assert _run(tmp_path, "assess", "-a", str(ALICE), "-f", "json").returncode == 0
    db = _data(tmp_path) / "history.sqlite3"
    with sqlite3.connect(db) as conn:  # a schema-2 history, as pmpath wrote it before
        conn.execute("UPDATE runs SET reviews = ?", (OLD_REVIEWS,))
        conn.execute("PRAGMA user_version = 2")
    assert _run(tmp_path, "history").returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT reviews FROM runs").fetchone()[0] == "[]"
        # migrations 3, 4 (the evidence log) and 5 (its stories, the sponsor) all ran over it
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5


def _strings(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())


@pytest.mark.parametrize("how", [("--all",), ("--name", SECRET), ("ID",)])
def test_forget_leaves_no_readable_trace(tmp_path, how):
    me = tmp_path / "me.toml"
    me.write_text(ALICE.read_text().replace("Alice Chen", SECRET))
    for _ in range(3):
        assert _run(tmp_path, "assess", "-a", str(ALICE), "-f", "json").returncode == 0
    assert _run(tmp_path, "assess", "-a", str(me), "-f", "json").returncode == 0
    assert SECRET.encode() in _strings(_data(tmp_path))
    args = ["1" if a == "ID" else a for a in how]
    if how == ("ID",):  # the secret's run is the fourth
        args = ["4"]
    gone = _run(tmp_path, "history", "forget", *args, "--yes")
    assert gone.returncode == 0, gone.stderr
    assert SECRET.encode() not in _strings(_data(tmp_path))
    assert SECRET.encode()[:10] not in _strings(_data(tmp_path))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644)])
def test_files_asked_for_follow_the_umask_so_077_keeps_them_private(tmp_path, umask, mode):
    """What a person asks pmpath to write is theirs to pass on: made as any file they create,
    so `umask 077` keeps a programme's per-person reports and summary to their owner (README)."""
    reports, summary = tmp_path / "reports", tmp_path / "cohort.html"
    cohort = str(ROOT / "examples" / "cohort")
    made = _run(tmp_path, "cohort", cohort, "--reports", str(reports), "-o", str(summary), umask=umask)
    assert made.returncode == 0, made.stderr
    written = [summary, *reports.iterdir()]
    assert len(written) > 5 and all(_mode(p) == mode for p in written), [
        (p.name, oct(_mode(p))) for p in written
    ]
