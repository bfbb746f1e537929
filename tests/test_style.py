"""The checks of the house's text that are not pmpath's behaviour.

ruff, ruff format, mypy --strict (as Linux, Windows and macOS read pmpath), radon, import-linter
and vulture are a CI step of their own, `.ci/lint` (issue 37: tools, not tests); these tests keep
that step whole: .ci/run runs it, and it runs every check with its threshold.
"""

from __future__ import annotations

import pytest

from conftest import ROOT


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Set up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[0].endswith("pmpath assess")
    assert commands[1].endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text()
    assert "grep -m1 -F \"pip install -e '.[test]' && pytest\" README.md" in ci


def test_ci_runs_the_lint_step_before_the_tests():
    ci = (ROOT / ".ci" / "run").read_text()
    assert ".ci/lint" in ci
    assert ci.index('eval "$setup"') < ci.index(".ci/lint\n") < ci.index('eval "$tests"')


@pytest.mark.parametrize(
    "check",
    [
        "-m ruff check .",
        "-m ruff format --check .",
        "-m mypy\n",  # strict, from pyproject.toml's [tool.mypy]
        "-m mypy --strict --platform win32 pmpath",
        "-m mypy --strict --platform darwin pmpath",
        "-m radon cc --min D --show-complexity pmpath",
        'lint_imports(config_filename="pyproject.toml", no_cache=True)',
        "-m vulture pmpath tests/vulture_whitelist.py --min-confidence 60",
    ],
)
def test_the_lint_step_runs_every_check_with_its_threshold(check):
    lint = (ROOT / ".ci" / "lint").read_text()
    assert check in lint


def test_the_workflow_runs_the_lint_step():
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert "run: .ci/lint" in workflow


def test_every_smoke_entry_names_a_test():
    """The lowest-versions run (-m smoke) must not lose a dependency's test to a rename."""
    import re

    from conftest import SMOKE

    for prefix in SMOKE:
        path, _, name = prefix.partition("::")
        assert (ROOT / path).is_file(), prefix
        base = name.split("[", 1)[0]
        assert not base or re.search(rf"(?m)^def {base}", (ROOT / path).read_text()), prefix
