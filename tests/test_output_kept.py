"""Output that cannot be shown is never lost silently (issue 20, class 5): a pager that fails or
does not exist, a terminal too narrow for a table, and COLUMNS on piped output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from screen import Terminal

from conftest import ROOT

PMPATH = str(Path(sys.executable).parent / "pmpath")
ALICE = ROOT / "examples" / "alice.toml"


@pytest.mark.slow
@pytest.mark.parametrize("pager", ["false", "/nonexistent/pager", "sh -c 'exit 3'"])
def test_a_pager_that_fails_leaves_the_report_printed(tmp_path, pager):
    term = Terminal(tmp_path, "assess", "-a", str(ALICE), "--no-history", cols=100, rows=40, PAGER=pager)
    term.settle(quiet=1.0)
    term.child.expect([__import__("pexpect").EOF])
    term.child.close()
    seen = term.transcript()
    assert term.child.exitstatus == 0
    assert "the pager could not show the report" in seen
    assert "Alice Chen" in seen and "Roadmap" in seen  # the report itself, not only its warning


@pytest.mark.slow
def test_a_working_pager_gets_the_report(tmp_path):
    out = tmp_path / "paged.txt"
    term = Terminal(
        tmp_path, "assess", "-a", str(ALICE), "--no-history", cols=100, rows=40, PAGER=f"tee {out}"
    )
    term.settle(quiet=1.0)
    term.child.expect([__import__("pexpect").EOF])
    term.child.close()
    assert term.child.exitstatus == 0
    assert "Alice Chen" in out.read_text() and "could not show" not in term.transcript()


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_after_the_pager_a_line_says_how_to_see_the_report_again(tmp_path, lang):
    """The report is gone from the screen once the pager is quit: the last line says how to
    bring it back, and the command it names does (the same run, from the history)."""
    out = tmp_path / "paged.txt"
    term = Terminal(
        tmp_path, "assess", "-a", str(ALICE), "--lang", lang, cols=100, rows=40, PAGER=f"cat > {out}"
    )
    term.settle(quiet=1.0)
    term.child.expect([__import__("pexpect").EOF])
    term.child.close()
    last = [line for line in term.transcript().splitlines() if line.strip()][-1]
    said = {
        "en": "See this report again: pmpath history show 1",
        "zh": "再次查看这份报告：pmpath history show 1",
    }
    assert term.child.exitstatus == 0 and last.strip() == said[lang]
    env = {k: v for k, v in os.environ.items() if k != "PMPATH_LANG"}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    again = subprocess.run(
        [PMPATH, "history", "show", "1", "--lang", lang], capture_output=True, text=True, env=env
    )
    assert again.returncode == 0 and "Alice Chen" in again.stdout and "Alice Chen" in out.read_text()


@pytest.mark.slow
@pytest.mark.parametrize("cols", [20, 30])
def test_a_narrow_terminal_loses_no_column(tmp_path, cols):
    term = Terminal(tmp_path, "levels", cols=cols, rows=400)
    term.settle(quiet=1.0)
    seen = term.transcript()
    # Every column is there: headers, years, and the words of the summaries (a cell folds a
    # long word over lines, so only short whole words are looked for).
    for text in ("Level", "Years", "Managing", "What", "Learns", "Owns", "cpo"):
        assert text in seen, (cols, seen[:800])


@pytest.mark.parametrize("command", [["levels"], ["skills"], ["assess", "-a", str(ALICE), "--no-history"]])
def test_columns_never_reshapes_piped_output(tmp_path, command):
    def run(cols: str) -> str:
        env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": cols}
        return subprocess.run([PMPATH, *command], capture_output=True, text=True, env=env, check=True).stdout

    wide, narrow = run("200"), run("20")
    assert wide == narrow == run("80")
    assert max(len(line) for line in wide.splitlines()) <= 80


@pytest.mark.slow
def test_the_pager_gets_utf8_whatever_the_locale(tmp_path):
    """A Chinese report under a C/POSIX or Latin-1 locale: the pager is handed UTF-8 and told so
    (LESSCHARSET), not '?' for every character the locale cannot encode."""
    out, env_seen = tmp_path / "paged.txt", tmp_path / "env.txt"
    term = Terminal(
        tmp_path,
        "assess",
        "-a",
        str(ALICE),
        "--lang",
        "zh",
        "--no-history",
        cols=100,
        rows=40,
        PAGER=f"env > {env_seen}; cat > {out}",
        LANG="C",
        LC_ALL="C",
        PYTHONIOENCODING="latin-1",
    )
    term.settle(quiet=1.0)
    term.child.expect([__import__("pexpect").EOF])
    term.child.close()
    assert term.child.exitstatus == 0
    text = out.read_bytes().decode("utf-8")
    assert "高级产品经理" in text and "?????" not in text
    assert "LESSCHARSET=utf-8" in env_seen.read_text().splitlines()
