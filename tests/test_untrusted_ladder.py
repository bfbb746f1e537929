"""A company's ladder is someone else's text: it never drives a terminal, a CI log, a Markdown
structure, a Mermaid chart, or a template pmpath cannot read back (issue 20, class 1)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import ROOT, run_in_process

PMPATH = str(Path(sys.executable).parent / "pmpath")
MINIMAL = ROOT / "examples" / "ladders" / "minimal"
ME = """[profile]
name = "Al"
years_experience = 3
degrees = []
network_size = 10
[ratings]
delivery = 2
discovery = 2
"""

HIDDEN = ["\x1b[2J", "\x1b]0;owned\x07", "\x9b31m", "\u202e", "\x00", "\u200b", "\x7f"]
"""Clear screen, an OSC title, a C1 CSI, a bidi override, NUL, a zero-width space, DEL."""


def _ladder(tmp_path: Path, **texts: str) -> Path:
    """The minimal ladder with some of its texts replaced (TOML basic strings, escapes kept)."""
    where = tmp_path / "ladder"
    shutil.copytree(MINIMAL, where)
    levels = (where / "levels.toml").read_text()
    swaps = {
        "pm_name": 'name.en = "Product Manager"',
        "pm_summary": 'summary.en = "Owns a feature area with one team."',
        "lead_name": 'name.en = "Lead PM"',
        "skill_name": 'name.en = "Delivery"',
        "anchor": '"Plans and ships a feature with one team."',
        "ladder_name": 'name = "minimal"',
    }
    for key, text in texts.items():
        old = swaps[key]
        new = old.split("=", 1)[0] + "= " + json.dumps(text) if "=" in old else json.dumps(text)
        assert old in levels
        levels = levels.replace(old, new, 1)
    (where / "levels.toml").write_text(levels)
    return where


def _run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "me.toml").write_text(ME)
    full = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PMPATH_NO_CACHE": "1"}
    if "PYTHONPATH" in os.environ:  # a checkout under test, as the brief runs it
        full["PYTHONPATH"] = os.environ["PYTHONPATH"]
    full.update(env or {})
    return run_in_process(list(args), full, cwd=tmp_path)  # as a child with `full` would run


@pytest.mark.parametrize("hidden", HIDDEN, ids=["csi", "osc", "c1", "bidi", "nul", "zwsp", "del"])
@pytest.mark.parametrize("field", ["pm_name", "pm_summary", "skill_name", "anchor", "ladder_name"])
def test_a_hidden_character_in_any_ladder_text_is_refused_with_file_field_and_line(tmp_path, hidden, field):
    ladder = _ladder(tmp_path, **{field: f"Text {hidden} here"})
    for args in (["ladder", "check", str(ladder)], ["levels", "--ladder", str(ladder)]):
        result = _run(tmp_path, *args)
        assert result.returncode == 2, result
        assert result.stdout == ""
        (line,) = [x for x in result.stderr.splitlines() if x.startswith("pmpath:")]
        assert "levels.toml" in line and re.search(r"line \d+", line) and "U+" in line
        for stream in (result.stdout, result.stderr):
            assert not re.search("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\u202e]", stream)


def test_the_refusal_is_in_chinese_too(tmp_path):
    ladder = _ladder(tmp_path, pm_name="Lead\x1b[2J")
    result = _run(tmp_path, "ladder", "check", str(ladder), env={"PMPATH_LANG": "zh"})
    assert result.returncode == 2 and "U+001B" in result.stderr and "控制字符" in result.stderr


def test_a_multi_line_text_becomes_one_line_and_no_line_starts_a_workflow_command(tmp_path):
    ladder = _ladder(
        tmp_path,
        pm_summary="Owns a feature area\n::error file=a.py::owned\n# not a heading",
        pm_name="Product\n::warning::Manager",
    )
    long_lead = "Lead " + "word " * 14 + "::error title=x::owned " + "more " * 10
    ladder = _ladder(tmp_path / "2", lead_name=long_lead.strip())
    commands = re.compile(r"^\s*::", re.M)
    runs = [
        ("levels", "--ladder", str(ladder)),
        ("skills", "--ladder", str(ladder)),
        ("assess", "--ladder", str(ladder), "-a", "me.toml", "--no-history"),
        ("assess", "--ladder", str(ladder), "-a", "me.toml", "--no-history", "-f", "md"),
        ("cohort", "--ladder", str(ladder), "me.toml", "--no-github-summary"),
        ("cohort", "--ladder", str(ladder), "me.toml", "-f", "md", "--no-github-summary"),
    ]
    for args in runs:  # piped, as a CI log reads it (always 80 cells: COLUMNS never reshapes a pipe)
        result = _run(tmp_path, *args)
        assert result.returncode == 0, (args, result.stderr)
        for stream in (result.stdout, result.stderr):
            assert not commands.search(stream), (args, stream)
    from screen import Terminal

    (tmp_path / "me.toml").write_text(ME)
    # a runner with a terminal wraps at its own width, and the report goes through the pager
    # (Terminal sets PAGER=cat): at 40 columns a roadmap line once opened with '::error'
    for cols in (40, 60, 120):
        for args in runs:
            term = Terminal(tmp_path, *args, cols=cols, rows=50, NO_COLOR="1", PMPATH_NO_CACHE="1")
            term.settle()
            assert term.close() == 0, (args, cols)
            assert not commands.search(term.transcript()), (args, cols, term.transcript())
    first = _ladder(tmp_path / "3", pm_summary="Owns a feature area\n::error file=a.py::owned")
    shown = _run(tmp_path, "levels", "--ladder", str(first), "--format", "json").stdout
    pm = next(lv for lv in json.loads(shown)["levels"] if lv["id"] == "pm")
    assert pm["summary"]["en"] == "Owns a feature area ::error file=a.py::owned"


def _md_blocks(text: str) -> list[str]:
    return [t.type for t in MarkdownIt("commonmark").parse(text) if t.nesting >= 0 and t.level == 0]


@pytest.mark.parametrize(
    "text",
    ["# Owns a feature area", "> quoted", "- a list", "1. numbered", "+ plus", "=====", "::error x"],
)
def test_ladder_text_never_opens_a_markdown_block(tmp_path, text):
    plain = _run(
        tmp_path,
        "assess",
        "--ladder",
        str(_ladder(tmp_path / "a")),
        "-a",
        "me.toml",
        "--no-history",
        "-f",
        "md",
    ).stdout
    ladder = _ladder(tmp_path / "b", pm_summary=text, pm_name=text + " PM", skill_name=text + " D")
    hostile = _run(tmp_path, "assess", "--ladder", str(ladder), "-a", "me.toml", "--no-history", "-f", "md")
    assert hostile.returncode == 0, hostile.stderr
    assert _md_blocks(hostile.stdout) == _md_blocks(plain)
    tokens = MarkdownIt("commonmark").parse(hostile.stdout)
    heads = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any(h.startswith(text.split()[0]) and h == text for h in heads)
    assert text.split()[-1] in hostile.stdout.replace("\\", "")  # the text is there, as text


@pytest.mark.parametrize(
    "name", ["dateFormat YYYY", "Section Lead", "title Chief", "axisFormat %m", "excludes weekends"]
)
def test_a_level_name_never_becomes_a_mermaid_directive(tmp_path, name):
    ladder = _ladder(tmp_path, lead_name=name)
    result = _run(tmp_path, "assess", "--ladder", str(ladder), "-a", "me.toml", "--no-history", "-f", "md")
    block = result.stdout.split("```mermaid\n", 1)[1].split("```", 1)[0]
    directives = re.compile(
        r"(?i)^\s*(dateFormat|axisFormat|section|title|excludes|includes|todayMarker|tickInterval|weekday)\b"
    )
    ours = [line for line in block.splitlines() if directives.match(line)]
    assert len(ours) == 5, block  # title, dateFormat, axisFormat and two sections: pmpath's own
    tasks = [line for line in block.splitlines() if re.search(r":[te]\d+, ", line)]
    shown = name.replace("%", " ").split()
    assert len(tasks) == 2 and all(
        line.replace("\u2060", "").split()[: len(shown)] == shown for line in tasks
    )


@pytest.mark.parametrize("odd", ["\x7f", "\x1b[1m", "\x0c", "\r", "\u2028", "\n[ratings]\ndelivery = 9"])
def test_template_never_writes_a_file_pmpath_cannot_read_back(tmp_path, odd):
    ladder = _ladder(tmp_path, skill_name=f"Delivery {odd} end", anchor=f"Ships {odd} it")
    for suffix in ("toml", "json"):
        made = _run(tmp_path, "template", "--ladder", str(ladder), "--output", f"t.{suffix}")
        if made.returncode != 0:  # the ladder is refused, with a line naming the field
            assert made.returncode == 2 and "U+" in made.stderr and not (tmp_path / f"t.{suffix}").exists()
            continue
        back = _run(
            tmp_path, "assess", "--ladder", str(ladder), "-a", f"t.{suffix}", "--no-history", "-f", "json"
        )
        # The template's blanks are pmpath's own (a rating to fill in); its syntax is never broken.
        assert back.returncode == 2 and "years_experience" in back.stderr, back.stderr


def test_history_text_from_an_earlier_ladder_never_drives_the_terminal(tmp_path, monkeypatch):
    import sqlite3

    made = _run(tmp_path, "assess", "-a", "me.toml", "--ladder", str(_ladder(tmp_path / "l")), "-f", "json")
    assert made.returncode == 0, made.stderr
    db = tmp_path / ".local" / "share" / "pmpath" / "history.sqlite3"
    with sqlite3.connect(db) as conn:  # as an earlier pmpath, which took any text, may have left it
        conn.execute(
            "UPDATE runs SET level_name = ?, name = ?", ("PM\x1b]0;owned\x07\x1b[2J\n::error::x", "Al")
        )
    shutil.rmtree(tmp_path / "l")
    for args in (("history",), ("history", "--format", "json")):
        result = _run(tmp_path, *args)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert not re.search(r"^\s*::", result.stdout, re.M)


def _long_ladder(tmp_path: Path) -> Path:
    """A valid ladder of 120 levels of 70 typical years each: its top lies past the year 9999."""
    where = tmp_path / "long"
    shutil.copytree(MINIMAL, where)
    text = (where / "levels.toml").read_text()
    levels = "".join(
        f'[[levels]]\nid = "l{i}"\nname.en = "Level {i}"\nsummary.en = "S"\nsource = "s"\n'
        f"typical_years_in_level = 70\nmin_years_experience = {min(70, i)}\n"
        f"skill_minimums = {{ delivery = {1 + min(4, i // 30)}, discovery = {1 + min(4, i // 30)} }}\n\n"
        for i in range(120)
    )
    (where / "levels.toml").write_text(text[: text.index("[[levels]]")] + levels)
    return where


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_top_past_the_year_9999_stops_the_chart_not_the_plan(tmp_path, lang):
    """Round three left it open: the Markdown plan of such a ladder ended in OverflowError."""
    ladder = _long_ladder(tmp_path)
    assert _run(tmp_path, "ladder", "check", str(ladder)).returncode == 0
    made = _run(
        tmp_path,
        "assess",
        "--ladder",
        str(ladder),
        "-a",
        "me.toml",
        "--no-history",
        "-f",
        "md",
        "--lang",
        lang,
    )
    assert made.returncode == 0, made.stderr
    block = made.stdout.split("```mermaid\n", 1)[1].split("```", 1)[0]
    dates = re.findall(r"(\d{4,})-\d\d-\d\d", block)
    assert dates and max(map(int, dates)) <= 9999
    after = made.stdout.split("```mermaid\n", 1)[1].split("```", 1)[1]
    assert ("9999" in after.split("##")[0]) and " Level 119 | " in made.stdout
    for fmt in ("html", "table", "json"):
        assert (
            _run(
                tmp_path, "assess", "--ladder", str(ladder), "-a", "me.toml", "--no-history", "-f", fmt
            ).returncode
            == 0
        )
