"""The real entry point, once per command (issue 37): every other test of a command's behaviour
runs it in-process (the `invoke` fixture); these run the installed `pmpath` script in a process
of its own, as a person's shell does, so the console script, `__main__` and start-up are what
they exercise."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# the script beside this Python (a venv's bin or Scripts), else the one on PATH (Windows' Scripts)
PMPATH = shutil.which("pmpath", path=str(Path(sys.executable).parent)) or shutil.which("pmpath") or "pmpath"
ALICE = str(ROOT / "examples" / "alice.toml")

RUNS = {
    # command: (arguments, what its output starts with or contains)
    "assess": (["assess", "-a", ALICE, "-f", "json"], '"schema_version": 1'),
    "review": (["review", "--help"], "pmpath review"),  # the questionnaire needs a terminal
    "levels": (["levels", "-f", "json"], '"levels"'),
    "skills": (["skills", "-f", "json"], '"groups"'),
    "courses": (["courses", "-f", "json"], '"courses"'),
    "cohort": (["cohort", str(ROOT / "examples" / "cohort"), "-f", "json"], '"people"'),
    "schema": (["schema", "answers"], '"$schema"'),
    "template": (["template"], "[profile]"),
    "form": (["form", "-o", "form.html"], ""),
    "history": (["history", "-f", "json"], ""),
    "progress": (["progress"], "Alice Chen"),
    "evidence": (["evidence", "list"], "pmpath evidence add"),
    "packet": (["packet"], "Alice Chen"),
    "ladder": (["ladder", "check", str(ROOT / "examples" / "ladders" / "gitlab")], "gitlab-pm-cdf"),
}


@pytest.fixture(scope="module")
def commands() -> list[str]:
    """The commands `pmpath --help` lists, read from the real entry point."""
    done = subprocess.run([PMPATH, "--help"], capture_output=True, text=True, timeout=60, check=True)
    listing = done.stdout.split("Commands:", 1)[1]
    return re.findall(r"(?m)^\s{2}(\w+)\s{2,}", listing)


def test_every_command_has_a_smoke_run(commands):
    assert commands, "pmpath --help lists no commands"
    assert sorted(commands) == sorted(RUNS)


@pytest.mark.parametrize("command", list(RUNS))
def test_the_installed_script_runs_the_command(tmp_path, command):
    args, said = RUNS[command]
    env = {k: v for k, v in os.environ.items() if k not in ("PMPATH_LANG", "LANG", "LC_ALL", "NO_COLOR")}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path), COLUMNS="100")
    if command in ("history", "progress", "evidence", "packet"):  # each reads the runs kept
        seed = [PMPATH, "assess", "-a", ALICE, "-f", "json"]
        subprocess.run(seed, capture_output=True, timeout=60, env=env, cwd=tmp_path, check=True)
    done = subprocess.run([PMPATH, *args], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert said in done.stdout
    if command == "form":
        assert (tmp_path / "form.html").is_file()
