"""ruff is part of the suite: lint and formatting drift fail like any other test."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff(args):
    result = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Set up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[0].endswith("pmpath assess")
    assert commands[1].endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text()
    assert "grep -m1 -F \"pip install -e '.[test]' && pytest\" README.md" in ci


def test_mypy_strict_is_clean():
    """Types are checked, strictly (configured in pyproject.toml)."""
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_function_is_above_radon_grade_c():
    """Small functions (issue 21): cyclomatic complexity at most 20 (grade C) everywhere."""
    result = subprocess.run(
        [sys.executable, "-m", "radon", "cc", "--min", "D", "--show-complexity", "pmpath"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", "split these:\n" + result.stdout


def test_no_dead_code():
    """vulture finds nothing unused beyond the names listed, with a reason, in the whitelist."""
    result = subprocess.run(
        [sys.executable, "-m", "vulture", "pmpath", "tests/vulture_whitelist.py", "--min-confidence", "60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
