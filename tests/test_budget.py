"""Import budgets: what a command must not load (each costs tens of ms).

Each case runs in a fresh interpreter, so the test sees exactly what one `pmpath ...` imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

HEAVY = ("pydantic", "rich", "questionary", "jinja2", "prompt_toolkit", "typer")
ALICE = str(ROOT / "examples" / "alice.toml")
MANAGER = str(ROOT / "examples" / "reviews" / "alice-manager.toml")
PEER = str(ROOT / "examples" / "reviews" / "alice-peer-1.toml")

PROBE = """
import json, sys
from pmpath.__main__ import main
try:
    main(json.loads(sys.argv[1]))
except SystemExit:
    pass
heavy = json.loads(sys.argv[2])
sys.stderr.write("LOADED=" + json.dumps([m for m in heavy if m in sys.modules]) + "\\n")
"""

DOOR = {"typer"}
"""Every line comes through typer (pmpath.cli, the one door)."""
PARSED = DOOR | {"pydantic"}
"""typer 0.29 coerces every option it parses with a pydantic TypeAdapter."""

CASES = {
    "--version": (["--version"], DOOR),
    "--help": (["--help"], DOOR),
    # What CI runs most: rich, the prompts and the template engine stay out.
    "assess json": (["assess", "--answers", ALICE, "--format", "json"], PARSED),
    "assess md": (["assess", "--answers", ALICE, "--format", "md"], PARSED),
    "assess html": (["assess", "--answers", ALICE, "--format", "html"], PARSED | {"jinja2"}),
    "assess to a file": (["assess", "--answers", ALICE, "--output", "plan.md"], PARSED),
    "assess with reviews": (["assess", "--answers", ALICE, "-f", "json", "-r", MANAGER, "-r", PEER], PARSED),
    "history json": (["history", "--format", "json"], PARSED),
    "history table": (["history"], PARSED),
    "progress table": (["progress"], PARSED),
    # a cohort too, reviews and all
    "cohort json": (["cohort", str(ROOT / "examples" / "cohort"), "--format", "json"], PARSED),
    "cohort md": (["cohort", str(ROOT / "examples" / "cohort"), "--format", "md"], PARSED),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_command_loads_only_what_it_needs(tmp_path, case):
    args, allowed = CASES[case]
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env.pop("XDG_CACHE_HOME", None)
    env.pop("PMPATH_NO_CACHE", None)
    # a first run validates the catalogue (pydantic) and caches it; measured is every run after;
    # it also leaves one run in the history to list
    seed = [sys.executable, "-m", "pmpath", "assess", "--answers", ALICE, "--format", "json"]
    subprocess.run(seed, env=env, capture_output=True, check=True, timeout=60)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED="))
    loaded = set(json.loads(line.removeprefix("LOADED=")))
    assert loaded <= allowed, f"{case} loads {sorted(loaded - allowed)}"
    assert done.stdout or (tmp_path / "plan.md").is_file(), done.stderr
