"""The command line through its real boundary: exit codes, stdout/stderr hygiene, formats."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pmpath import __version__
from pmpath.render import OutputFormat, report_renderer

from conftest import ROOT, answers_toml

ALICE = str(ROOT / "examples" / "alice.toml")


def test_version(invoke):
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"pmpath {__version__}\n")


def test_every_output_format_has_a_renderer():
    for fmt in OutputFormat:
        assert callable(report_renderer(fmt))


def test_json_report_is_pure_json_on_stdout(invoke):
    result = invoke("assess", "--answers", ALICE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["profile"]["name"] == "Alice Chen"
    # six years of craft at 3-4 with delegation 2: Senior PM, whose bar no longer asks for
    # managing people (issue 36); a year managing makes the management track hers at equal height
    assert data["level"] == {"id": "senior_pm", "name": "Senior Product Manager", "track": "shared"}
    assert data["next_level"]["id"] == "group_pm"
    assert data["roadmap"]["target"] == "cpo"
    assert data["roadmap"]["steps"][-1]["level"] == "cpo"
    assert data["skills"][0].keys() >= {"id", "rating"}
    assert data["roadmap"]["steps"][0]["courses"][0].keys() >= {"id", "name"}


def test_cpo_report_has_null_next_level_and_no_steps(invoke, catalog, tmp_path):
    text = answers_toml(catalog, years_experience="12", years_managing="6")
    text = re.sub(r"(?m)^(\w+) = 3$", r"\1 = 5", text)
    path = tmp_path / "cpo.toml"
    path.write_text(text)
    data = json.loads(invoke("assess", "-a", str(path), "-f", "json").stdout)
    assert data["level"]["id"] == "cpo"
    assert data["next_level"] is None and data["roadmap"]["steps"] == []


def test_answers_from_stdin(invoke, catalog):
    result = invoke("assess", "--answers", "-", "--format", "json", stdin=answers_toml(catalog))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["profile"]["years_experience"] == 6


def test_table_report_names_level_reasons_and_roadmap(invoke, fixed_terminal):
    result = invoke("assess", "--answers", ALICE)
    assert result.exit_code == 0
    out = result.stdout
    assert "Level: Senior Product Manager" in out
    assert "Not yet Group Product Manager" in out
    assert "Roadmap to Chief Product Officer" in out
    assert "Chief Product Officer  (typically in about" in out
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_chinese_report(invoke, fixed_terminal):
    out = invoke("assess", "--answers", ALICE, "--lang", "zh").stdout
    assert "高级产品经理" in out and "首席产品官" in out


def test_bad_answers_file_is_one_line_and_exit_2(invoke, catalog, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(answers_toml(catalog, strategy="9"))
    result = invoke("assess", "--answers", str(path), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert re.match(rf"pmpath: {re.escape(str(path))}: ratings\.strategy: .* \(line \d+\)$", lines[0])
    assert lines[1].startswith("hint: ")
    assert len(lines) == 2


@pytest.mark.parametrize(
    "args",
    [("assess", "--format", "xml"), ("assess", "--bogus"), ("levels", "--format", "md"), ("nosuchcommand",)],
)
def test_usage_errors_exit_2_with_one_line(invoke, args):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("pmpath: ")
    assert len(result.stderr.splitlines()) == 2 and "Traceback" not in result.stderr


def test_min_level_gate(invoke):
    passed = invoke("assess", "-a", ALICE, "-f", "json", "--min-level", "pm")
    assert passed.exit_code == 0
    failed = invoke("assess", "-a", ALICE, "-f", "json", "--min-level", "director")
    assert failed.exit_code == 1
    assert json.loads(failed.stdout)["level"]["id"] == "senior_pm"  # the report is still printed
    assert "gate not met" in failed.stderr


def test_output_file_format_from_suffix_and_no_clobber(invoke, tmp_path):
    target = tmp_path / "plan.json"
    result = invoke("assess", "-a", ALICE, "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())["level"]["id"] == "senior_pm"
    again = invoke("assess", "-a", ALICE, "--output", str(target))
    assert again.exit_code == 2 and "already exists" in again.stderr and "--force" in again.stderr
    target.write_text("keep me")
    assert invoke("assess", "-a", ALICE, "-o", str(target)).exit_code == 2
    assert target.read_text() == "keep me"
    assert invoke("assess", "-a", ALICE, "-o", str(target), "--force").exit_code == 0
    assert json.loads(target.read_text())["schema_version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_markdown_output(invoke, tmp_path):
    target = tmp_path / "plan.md"
    assert invoke("assess", "-a", ALICE, "-o", str(target)).exit_code == 0
    text = target.read_text()
    assert text.startswith("# Career plan: Alice Chen\n")
    assert "- [ ]" in text


def test_interactive_without_a_terminal_exits_2_with_a_hint(invoke):
    result = invoke("assess", stdin="")
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr and "--answers" in result.stderr


@pytest.mark.parametrize("command", ["levels", "skills", "courses"])
def test_listings_as_json(invoke, command, catalog):
    result = invoke(command, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    items = data[command]
    expected = {"levels": catalog.levels, "skills": catalog.skills, "courses": catalog.courses}[command]
    assert [i["id"] for i in items] == [x.id for x in expected]


def test_skills_table_shows_the_anchors(invoke, fixed_terminal, catalog):
    out = invoke("skills").stdout
    anchor = catalog.skill("delegation").anchors.en[4]
    assert anchor[:40] in " ".join(out.split())
    assert "(delegation)" in out


def test_levels_and_courses_tables(invoke, fixed_terminal):
    assert "junior_pm" in invoke("levels").stdout
    listing = " ".join(invoke("courses").stdout.split())
    assert "Chief Product Officer Program" in listing and "For: Director of Product" in listing
    assert max(len(line) for line in invoke("courses").stdout.splitlines()) <= 80
    assert "Source (V): seed 000" in " ".join(invoke("courses", "--sources").stdout.split())


def test_unexpected_errors_are_one_line_unless_debug(invoke, monkeypatch):
    import pmpath.report

    def boom(*_a, **_k):
        raise RuntimeError("kaboom\nsecond line")

    monkeypatch.setattr(pmpath.report, "build_report", boom)
    result = invoke("assess", "-a", ALICE)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "pmpath: unexpected error: RuntimeError: kaboom second line"
    assert "--debug" in result.stderr and "Traceback" not in result.stderr
    from pmpath.cli import run

    with pytest.raises(RuntimeError):
        run(["--debug", "assess", "-a", ALICE])


def test_help_reads_like_words_and_lines_are_whole(invoke, fixed_terminal):
    top = invoke("--help").stdout
    assert "..." not in top.split("Commands:")[1]  # no command help cut short
    cohort_help = invoke("cohort", "--help").stdout
    assert "PATH..." in cohort_help and "--jobs N" in cohort_help
    assert "<list[str]>" not in cohort_help and "<int range>" not in cohort_help


def test_bash_completion_completes_commands_and_level_ids(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    exe = str(Path(sys.executable).parent / "pmpath")

    def complete(words: str, cword: int) -> list[str]:
        env = {
            **os.environ,
            "_PMPATH_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword),
        }
        return subprocess.run([exe], env=env, capture_output=True, text=True, timeout=30).stdout.split()

    assert complete("pmpath as", 1) == ["assess"]
    assert set(complete("pmpath h", 1)) == {"history"}
    assert complete("pmpath assess --min-level s", 3) == ["senior_pm", "senior_principal_pm"]
    assert complete("pmpath cohort x --min-level ", 4)[:2] == ["junior_pm", "pm"]
    minimal = str(Path(__file__).resolve().parent.parent / "examples" / "ladders" / "minimal")
    assert complete(f"pmpath assess --ladder {minimal} --min-level ", 5) == ["associate", "pm", "lead_pm"]
    script = subprocess.run([exe, "--show-completion", "bash"], capture_output=True, text=True, timeout=30)
    assert "_pmpath_completion" in script.stdout and "complete " in script.stdout


ORPHAN = """
import os, sys, time
if os.fork() == 0:
    time.sleep(0.3)  # the parent has left: no shell above pmpath any more
    os.execv(sys.argv[1], sys.argv[1:])
os._exit(0)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="an orphaned process needs fork")
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_named_shell_gets_its_completion_script_with_no_shell_above(shell):
    """Run from a script or a container's entry point, no shell is found above pmpath: typer
    ignored the shell named on the line and said "Shell  not supported." (exit 1)."""
    exe = str(Path(sys.executable).parent / "pmpath")
    done = subprocess.run(
        [sys.executable, "-c", ORPHAN, exe, "--show-completion", shell],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "_PMPATH_COMPLETE" in done.stdout and done.stderr == ""
    assert {"bash": "complete -o default", "zsh": "#compdef pmpath", "fish": "complete --command pmpath"}[
        shell
    ] in done.stdout


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (["--show-completion"], "pmpath: Option '--show-completion' requires an argument."),
        (["--install-completion"], "pmpath: Option '--install-completion' requires an argument."),
        (["--show-completion", "tcsh"], "pmpath: Invalid value for '--show-completion': 'tcsh' is not"),
        (["--lang", "zh", "--show-completion"], "pmpath: 选项 '--show-completion' 需要一个值。"),
    ],
)
def test_no_shell_to_serve_is_one_line_saying_what_to_type(invoke, line, said):
    """The shell is named, never guessed (a script, a container or CI has none to find): a
    line without one, or with one pmpath has no script for, is a usage error with a hint."""
    done = invoke(*line)
    assert done.exit_code == 2 and done.stdout == ""
    first, hint = done.stderr.splitlines()
    assert first.startswith(said) and hint.startswith(("hint:", "提示："))


def test_install_completion_for_a_named_shell_writes_its_script(invoke, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    done = invoke("--install-completion", "bash")
    assert done.exit_code == 0
    script = tmp_path / ".bash_completions" / "pmpath.sh"
    assert "_PMPATH_COMPLETE" in script.read_text() and str(script) in (tmp_path / ".bashrc").read_text()
    assert f"bash completion installed in {script}" in done.stdout
