"""Help pages: drawn by pmpath from the command table, in the person's language, by the same
typesetting rules as every other screen, and the same page whether typer is imported or not."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest

from pmpath.commands import ROOT, groups, table
from pmpath.helppage import page
from pmpath.i18n import en, zh
from pmpath.ids import LEVEL_IDS
from pmpath.text import cells

EXE = str(Path(sys.executable).parent / "pmpath")
PATHS = ["", *dict.fromkeys([*groups(), *table()])]
OPTIONS = [o for c in table().values() for o in c.options] + list(ROOT)


def test_every_help_text_is_a_catalogue_key_with_both_languages():
    keys = {o.help for o in OPTIONS}
    keys |= {k for c in [*table().values(), *groups().values()] for k in (c.help, c.short_help) if k}
    missing = sorted(k for k in keys if k not in en.STRINGS or k not in zh.STRINGS)
    assert missing == []
    assert len(keys) > 60


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PMPATH_LANG", "LC_ALL", "LANG")}
    return {**env, **extra}


@pytest.mark.parametrize("cols", ["60", "100"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_page_fits_the_terminal_in_its_language(lang, cols):
    for path in ["", "assess", "history", "history show", "ladder check"]:
        line = [EXE, *path.split(), "--help", "--lang", lang]
        done = subprocess.run(line, env=_env(COLUMNS=cols), capture_output=True, text=True)
        assert done.returncode == 0 and done.stderr == ""
        assert done.stdout.startswith("Usage: pmpath" if lang == "en" else "用法：pmpath")
        assert max(cells(x) for x in done.stdout.splitlines()) <= int(cols)


def _codes() -> set[str]:
    """What a Chinese page shows as written: flags, metavars, choices, ids, file and variable names."""
    from pmpath.cli import Shell

    SHELLS = [s.value for s in Shell]

    shown = {"pmpath", "OPTIONS", "COMMAND", "ARGS", *LEVEL_IDS, *(w for n in table() for w in n.split())}
    shown |= {"SHELL", *SHELLS}  # the completion flags' metavar and the shells they name
    for opt in OPTIONS:
        shown |= {f.lstrip("-") for f in opt.flags} | set(
            re.split(r"[^A-Za-z]+", opt.metavar or opt.dest.upper())
        )
        if isinstance(opt.type, type) and issubclass(opt.type, Enum):
            shown |= {m.value for m in opt.type}
    return shown


PROPER = {
    "CPO",
    "CI",
    "JSON",
    "Schema",
    "TOML",
    "HTML",
    "Markdown",
    "CSV",
    "Excel",
    "UTF",
    "BOM",
    "Lines",
    "shell",
    "CPU",
    "id",
    "ID",
}
"""Names as published (formats, programs) and the word `id`, which Chinese product teams use as is."""


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_chinese_help_page_is_chinese_and_set_by_the_typesetting_rules(width):
    codes = _codes()
    for path in PATHS:
        text = page(path, "zh", width - 2)
        lines = text.splitlines()
        assert max(cells(x) for x in lines) <= width - 2, path
        plain = re.sub(r"`[^`]*`|\$\w+|--?[\w-]+|\S+\.\w+|\w*_\w*|\{\w+\}", " ", text)
        english = {w for w in re.findall(r"[A-Za-z][A-Za-z-]*", plain) if w not in codes | PROPER}
        assert english == set(), (path, english)
        assert not re.search(r"[\u4e00-\u9fff][,;:!?(]|[,;:!?)][\u4e00-\u9fff]", text), (
            path
        )  # full-width beside Chinese
        for line, after in zip(lines, [*lines[1:], ""], strict=True):
            body = line.strip()
            assert body[:1] not in set("，。、；：？！）"), (path, line)
            assert line.count("`") % 2 == 0, (path, line)  # a command is never broken
            assert not (re.search(r"\d$", line) and re.match(r"\s*[\u4e00-\u9fff]", after)), (
                path,
                line,
                after,
            )
            assert not line.endswith("（"), (path, line)
            opened, closed = re.search(r"（([^（）]*)$", line), re.match(r"\s*([^（）]*)）", after)
            if opened and closed:  # a short gloss that fits a line is never broken
                head, tail = opened[1], closed[1].strip()
                gap = " " if head[-1:].isascii() or tail[:1].isascii() else ""  # the space the break took
                gloss = f"（{head}{gap}{tail}）"
                room = width - 2 - (len(after) - len(after.lstrip()))
                assert not (len(gloss) <= 14 and cells(gloss) <= room), (path, line, after)


def test_root_lang_speaks_for_every_command(tmp_path):
    done = subprocess.run(
        [EXE, "--lang", "zh", "levels"], env=_env(COLUMNS="100"), capture_output=True, text=True
    )
    assert done.returncode == 0 and "初级产品经理" in done.stdout
    bad = subprocess.run(
        [EXE, "--lang", "zh", "assess", "-f", "xml"], env=_env(), capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("pmpath: '--format' / '-f' 的值无效：'xml' 不是以下之一：")
    assert "Invalid" not in bad.stderr and "Value error" not in bad.stderr


def test_the_page_through_the_door_is_the_page_drawn(tmp_path):
    """`pmpath CMD -h` prints helppage's page for the terminal's width, in the language of
    $PMPATH_LANG or of `--lang` wherever it sits on the line."""
    env = _env(HOME=str(tmp_path), COLUMNS="60")
    asked = subprocess.run([EXE, "cohort", "-h"], env=env, capture_output=True, text=True)
    assert asked.stdout.rstrip("\n") == page("cohort", "en", 58).rstrip("\n") and asked.returncode == 0
    for line, extra in ((["cohort", "-h"], {"PMPATH_LANG": "zh"}), (["cohort", "--lang", "zh", "-h"], {})):
        zh_page = subprocess.run([EXE, *line], env={**env, **extra}, capture_output=True, text=True)
        assert zh_page.stdout.rstrip("\n") == page("cohort", "zh", 58).rstrip("\n"), line


BAD_LINES = [
    ["assess", "--formt", "x"],
    ["cohort"],
    ["history", "show", "abc"],
    ["asess"],
    ["cohort", "-j", "-1", "x"],
    ["assess", "-f", "xml"],
    ["levels", "extra"],
    ["ladder", "check"],
    ["assess", "-o"],
]


@pytest.mark.parametrize("line", BAD_LINES, ids=[" ".join(x) for x in BAD_LINES])
def test_a_usage_error_reads_whole_in_chinese(line):
    """click's (typer's vendored click's) usage errors in a Chinese run: the phrase and its
    punctuation in Chinese, only what was typed and the option names as written."""
    done = subprocess.run([EXE, "--lang", "zh", *line], env=_env(), capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    said = re.sub(r"'[^']*'|`[^`]*`|--?[\w-]+", " ", done.stderr)  # what was typed, names, commands
    typed = {w for arg in line for w in re.findall(r"[A-Za-z]+", arg)}
    english = set(re.findall(r"[A-Za-z]{2,}", said)) - typed - {"pmpath", "PATH", "DIR", "ID"}
    assert english == set(), done.stderr
    assert not HALF_MARK.search(done.stderr), done.stderr


HALF_MARK = re.compile(r"[\u4e00-\u9fff][,;:.!?]|[,;:!?][\u4e00-\u9fff]")
