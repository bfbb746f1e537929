"""Rules of the house that show when pmpath runs: lazy imports. (The layering, a pure core and one
questionary adapter, is import-linter's, in `.ci/lint`.)"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


HEAVY = {"rich", "questionary", "prompt_toolkit", "pydantic", "tomli_w", "markdown_it"}


def test_importing_the_cli_stays_light():
    assert not _modules_after("import pmpath.cli") & HEAVY


def test_version_path_comes_through_the_door_and_imports_nothing_heavy():
    loaded = _modules_after(
        "import sys\nsys.argv = ['pmpath', '--version']\nfrom pmpath.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert "typer" in loaded  # one door: typer answers --version too
    assert not loaded & HEAVY


@pytest.mark.parametrize(("fmt", "allowed"), [("json", {"pydantic"}), ("md", {"pydantic"})])
def test_non_interactive_report_leaves_prompts_and_rich_out(fmt, allowed):
    loaded = _modules_after(
        "import sys\nfrom pmpath.cli import run\n"
        f"try:\n    run(['assess', '-a', 'examples/alice.toml', '-f', '{fmt}'])\nexcept SystemExit:\n    pass"
    )
    assert not loaded & (HEAVY - allowed)
