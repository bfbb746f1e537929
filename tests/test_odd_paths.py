"""Odd paths and numbers never crash, hang or delete (issue 20, class 4)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_in_process

PMPATH = str(Path(sys.executable).parent / "pmpath")
ALICE = ROOT / "examples" / "alice.toml"
MINIMAL = ROOT / "examples" / "ladders" / "minimal"
ME_AL = (
    '[profile]\nname = "Al"\nyears_experience = 3\nnetwork_size = 1\n[ratings]\ndelivery = 2\ndiscovery = 2\n'
)


def _run(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    if "PYTHONPATH" in os.environ:  # a checkout under test, as the brief runs it
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return run_in_process(list(args), env, cwd=cwd or home)  # as a child with env would run


def _history(home: Path) -> Path:
    return home / ".local" / "share" / "pmpath" / "history.sqlite3"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_where_the_history_should_be_hangs_nothing(tmp_path):
    _history(tmp_path).parent.mkdir(parents=True)
    os.mkfifo(_history(tmp_path))
    assessed = _run(tmp_path, "assess", "-a", str(ALICE), "-f", "json")
    assert assessed.returncode == 0 and '"level"' in assessed.stdout  # the report, and a warning
    assert "not a regular file" in assessed.stderr
    for args in (
        ("history",),
        ("progress",),
        ("history", "show", "1"),
        ("history", "forget", "--all", "--yes"),
    ):
        result = _run(tmp_path, *args)
        assert result.returncode == 2 and "not a regular file" in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and "mv " not in result.stderr


@pytest.mark.parametrize("run_id", ["9223372036854775808", "99999999999999999999999"])
def test_a_history_id_beyond_64_bits_is_one_line(tmp_path, run_id):
    assert _run(tmp_path, "assess", "-a", str(ALICE), "-f", "json").returncode == 0
    for args in (("history", "show", run_id), ("history", "forget", run_id, "--yes")):
        result = _run(tmp_path, *args)
        assert result.returncode == 2, result
        assert result.stderr.splitlines()[0] == f"pmpath: no run {run_id} in the history"
    assert _run(tmp_path, "history", "show", "1").returncode == 0  # nothing was deleted


def test_a_history_that_cannot_be_written_is_not_called_damaged(tmp_path):
    """A read-only file system, as SQLite reports it: the file is fine and is not to be moved."""
    assert _run(tmp_path, "assess", "-a", str(ALICE), "-f", "json").returncode == 0
    from pmpath import history

    err = history._explain(sqlite3.OperationalError("attempt to write a readonly database"), Path("h"))
    assert "not damaged" in (err.hint or "") and "mv " not in (err.hint or "")
    full = history._explain(sqlite3.OperationalError("database or disk is full"), Path("h"))
    assert "not damaged" in (full.hint or "")
    broken = history._explain(sqlite3.DatabaseError("file is not a database"), Path("h"))
    assert "mv h h.bad" in (broken.hint or "")


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="needs root to mount a tmpfs")
def test_a_history_on_a_read_only_file_system_still_reports(tmp_path):
    data = tmp_path / "ro"
    data.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(data)]).returncode:
        pytest.skip("mount not permitted here")
    try:
        env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(data)}
        first = subprocess.run(
            [PMPATH, "assess", "-a", str(ALICE), "-f", "json"], env=env, capture_output=True
        )
        assert first.returncode == 0
        assert subprocess.run(["mount", "-o", "remount,ro", str(data)]).returncode == 0
        again = subprocess.run(
            [PMPATH, "assess", "-a", str(ALICE), "-f", "json"], env=env, capture_output=True, text=True
        )
        assert again.returncode == 0 and '"level"' in again.stdout
        assert "mv " not in again.stderr and "damaged" not in again.stderr.replace("not damaged", "")
        listed = subprocess.run([PMPATH, "history"], env=env, capture_output=True, text=True)
        assert "mv " not in listed.stderr and "damaged" not in listed.stderr.replace("not damaged", "")
    finally:
        subprocess.run(["umount", "-l", str(data)])


@pytest.mark.parametrize(
    "stray", [".plan.md.tmp", ".plan.md.backup.tmp", ".plan.md.123.tmp", ".plan.md.x.y.tmp"]
)
def test_writing_a_plan_never_deletes_files_pmpath_did_not_make(tmp_path, stray):
    (tmp_path / stray).write_text("mine")
    result = _run(tmp_path, "assess", "-a", str(ALICE), "--no-history", "-o", "plan.md")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / stray).read_text() == "mine"


@pytest.mark.parametrize(
    "stray",
    [
        ".plan.md.pmpath.99999999999999999999999.abcdefgh.tmp",
        ".plan.md.99999999999999999999999.abcdefgh.tmp",
        ".plan.md.pmpath.-5.abcdefgh.tmp",
        ".plan.md.pmpath.0.abcdefgh.tmp",
    ],
)
def test_a_stray_temp_with_an_odd_pid_never_crashes_a_write(tmp_path, stray):
    (tmp_path / stray).write_text("x")
    result = _run(tmp_path, "assess", "-a", str(ALICE), "--no-history", "-o", "plan.md")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plan.md").is_file()


def test_a_file_name_at_the_systems_limit_is_written(tmp_path):
    name = "p" * (255 - len(".md")) + ".md"
    result = _run(tmp_path, "assess", "-a", str(ALICE), "--no-history", "-o", name)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).read_text().startswith("# ")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(sys.platform == "darwin", reason="APFS refuses names that are not UTF-8")
def test_a_ladder_directory_whose_name_is_not_utf8_works(tmp_path):
    odd = os.fsencode(tmp_path) + b"/lad\xff"
    shutil.copytree(MINIMAL, os.fsdecode(odd))
    me = tmp_path / "me.toml"
    me.write_text(
        "[profile]\nyears_experience = 3\nnetwork_size = 1\n[ratings]\ndelivery = 2\ndiscovery = 2\n"
    )
    for args in (("levels",), ("assess", "-a", str(me), "--no-history")):
        result = subprocess.run(
            [os.fsencode(PMPATH), *(a.encode() for a in args), b"--ladder", odd],
            capture_output=True,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 0, result.stderr
    os.unlink(odd + b"/courses.toml")
    broken = subprocess.run(
        [os.fsencode(PMPATH), b"levels", b"--ladder", odd], capture_output=True, env={"HOME": str(tmp_path)}
    )
    assert broken.returncode == 2
    assert b"lad\\xff/courses.toml" in broken.stderr and b"encoding" not in broken.stderr


def test_numbers_out_of_range_in_a_ladder_are_one_line(tmp_path):
    ladder = tmp_path / "l"
    shutil.copytree(MINIMAL, ladder)
    levels = (ladder / "levels.toml").read_text()
    (ladder / "levels.toml").write_text(
        levels.replace("min_years_experience = 2", "min_years_experience = 1" + "0" * 400)
    )
    result = _run(tmp_path, "ladder", "check", str(ladder))
    assert result.returncode == 2 and "min_years_experience" in result.stderr and "line" in result.stderr
    many = "".join(
        f'\n[[levels]]\nid = "l{i}"\nname.en = "L{i}"\nsummary.en = "S"\nsource = "s"\n'
        f"min_years_experience = 5\nskill_minimums = {{ delivery = 3, discovery = 3 }}\n"
        for i in range(400)
    )
    (ladder / "levels.toml").write_text(levels + many)
    result = _run(tmp_path, "ladder", "check", str(ladder))
    assert (
        result.returncode in (0, 2) and "Traceback" not in result.stderr and "unexpected" not in result.stderr
    )


def _content_changed(tmp_path: Path) -> tuple[Path, Path]:
    ladder = tmp_path / "co"
    shutil.copytree(MINIMAL, ladder)
    me = tmp_path / "me.toml"
    me.write_text(ME_AL)
    for _ in range(2):
        assert _run(tmp_path, "assess", "--ladder", str(ladder), "-a", str(me), "-f", "json").returncode == 0
    levels = (ladder / "levels.toml").read_text()
    (ladder / "levels.toml").write_text(
        levels.replace("delivery = 2, discovery = 2", "delivery = 1, discovery = 2")
    )
    return ladder, me


def test_history_show_after_the_ladder_changed_says_so(tmp_path):
    ladder, _ = _content_changed(tmp_path)
    result = _run(tmp_path, "history", "show", "1", "--ladder", str(ladder))
    assert result.returncode == 2
    assert "another version of the ladder 'minimal'" in result.stderr


def test_progress_across_ladder_versions_says_so(tmp_path):
    ladder, me = _content_changed(tmp_path)
    assert _run(tmp_path, "assess", "--ladder", str(ladder), "-a", str(me), "-f", "json").returncode == 0
    result = _run(tmp_path, "progress", "--ladder", str(ladder))
    assert result.returncode == 2 and "different versions of the ladder 'minimal'" in result.stderr
    since = _run(tmp_path, "progress", "--ladder", str(ladder), "--since", "3")
    assert since.returncode == 0, since.stderr


def _flags(tmp_path: Path, *command: str) -> set[str]:
    page = _run(tmp_path, *command, "--help").stdout
    return set(re.findall(r"--[a-z][a-z-]*", page))


def test_packet_after_the_ladder_changed_uses_the_runs_since(tmp_path):
    """Issue 40: an edit of a company ladder once refused the packet to everyone with earlier
    runs, with a hint naming --since, which `packet` does not have."""
    ladder, me = _content_changed(tmp_path)
    before = _run(tmp_path, "packet", "--ladder", str(ladder))
    assert before.returncode == 2 and "another version of the ladder 'minimal'" in before.stderr
    assert set(re.findall(r"--[a-z][a-z-]*", before.stderr)) <= _flags(tmp_path, "packet")
    assert _run(tmp_path, "assess", "--ladder", str(ladder), "-a", str(me), "-f", "json").returncode == 0
    after = _run(tmp_path, "packet", "--ladder", str(ladder))
    assert after.returncode == 0, after.stderr
    assert "runs 1\u20132 were made against an earlier version of the ladder 'minimal'" in after.stderr
    assert "Runs read: 3." in " ".join(after.stdout.split())  # wherever the 80-cell pipe wraps it
    data = json.loads(_run(tmp_path, "packet", "--ladder", str(ladder), "-f", "json").stdout)
    assert data["run_ids"] == [3] and data["runs"] == 1


def test_no_ladder_hint_names_a_flag_its_command_lacks(tmp_path):
    ladder, me = _content_changed(tmp_path)
    assert _run(tmp_path, "assess", "--ladder", str(ladder), "-a", str(me), "-f", "json").returncode == 0
    for command in (("packet",), ("progress",), ("history", "show", "1")):
        said = _run(tmp_path, *command, "--ladder", str(ladder)).stderr
        named = set(re.findall(r"--[a-z][a-z-]*", said))
        known = _flags(tmp_path, *command[:2] if command[0] == "history" else command)
        assert named <= known, (command, said)
