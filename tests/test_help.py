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
from pmpath.helppage import answer, page
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
    env = {
        k: v for k, v in os.environ.items() if k not in ("PMPATH_FULL_CLI", "PMPATH_LANG", "LC_ALL", "LANG")
    }
    return {**env, **extra}


@pytest.mark.parametrize("cols", ["60", "100"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_printed_without_typer_is_the_page_typer_asks_for(lang, cols):
    for path in ["", "assess", "history", "history show", "ladder check"]:
        line = [EXE, *path.split(), "--help", "--lang", lang]
        fast = subprocess.run(line, env=_env(COLUMNS=cols), capture_output=True, text=True)
        full = subprocess.run(
            line, env=_env(COLUMNS=cols, PMPATH_FULL_CLI="1"), capture_output=True, text=True
        )
        assert fast.returncode == full.returncode == 0
        assert fast.stdout == full.stdout
        assert fast.stdout.startswith("Usage: pmpath" if lang == "en" else "用法：pmpath")
        assert max(cells(x) for x in fast.stdout.splitlines()) <= int(cols)


def test_help_asked_for_alone_never_imports_typer():
    code = (
        "import sys\nfrom pmpath.__main__ import main\n"
        "try:\n    main(['history', 'show', '-h'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('typer', 'click', 'rich')\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env())
    assert done.stderr == "[]"
    assert "Usage: pmpath history show [OPTIONS] ID" in done.stdout


@pytest.mark.parametrize(
    "line",
    [["--help"], ["-h", "--lang", "zh"], ["--lang=zh", "history", "show", "--help"], ["cohort", "-h"]],
)
def test_a_help_only_line_is_answered_at_once(line):
    assert answer(line) is not None


@pytest.mark.parametrize(
    "line",
    [["assess"], ["assess", "-h", "extra"], ["nosuch", "--help"], ["--help", "--lang", "fr"], ["-o", "-h"]],
)
def test_any_other_line_goes_to_typer(line):
    assert answer(line) is None


def _codes() -> set[str]:
    """What a Chinese page shows as written: flags, metavars, choices, ids, file and variable names."""
    from pmpath.completion import SHELLS

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


def test_a_page_from_the_cache_is_the_page_drawn(tmp_path):
    """The second time a page is asked for it comes from the cache, the same page; a change of
    language or width is another page."""
    env = _env(HOME=str(tmp_path), COLUMNS="60")
    env.pop("XDG_CACHE_HOME", None)
    runs = [subprocess.run([EXE, "cohort", "-h"], env=env, capture_output=True, text=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout == page("cohort", "en", 58)
    zh_page = subprocess.run(
        [EXE, "cohort", "-h"], env={**env, "PMPATH_LANG": "zh"}, capture_output=True, text=True
    )
    assert zh_page.stdout == page("cohort", "zh", 58)
    assert len(list((tmp_path / ".cache" / "pmpath").glob("help-*.txt"))) == 2


def test_the_help_cache_never_stands_in_the_way(tmp_path, monkeypatch):
    """A damaged page is drawn again, an unwritable cache only costs the speed, and only a
    help page is ever kept."""
    from pmpath import helpcache

    line = ["--help"]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert helpcache.cached(line) is None
    helpcache.keep(line, "not a help page")
    assert helpcache.cached(line) is None
    helpcache.keep(line, "用法：pmpath ...\n")
    assert helpcache.cached(line) == "用法：pmpath ...\n"
    assert helpcache.cached(["-h"]) is None  # another line, another page
    page_file = next((tmp_path / "cache" / "pmpath").glob("help-*.txt"))
    page_file.write_bytes(b"\xff\xfe broken")
    assert helpcache.cached(line) is None
    page_file.unlink()
    (tmp_path / "cache" / "pmpath").chmod(0o500)
    try:
        helpcache.keep(line, "Usage: pmpath ...\n")  # no error, nothing kept
        assert helpcache.cached(line) is None or os.geteuid() == 0
    finally:
        (tmp_path / "cache" / "pmpath").chmod(0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    (tmp_path / "file").write_text("a file where the cache directory would go")
    helpcache.keep(line, "Usage: pmpath ...\n")
    assert helpcache.cached(line) is None


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
