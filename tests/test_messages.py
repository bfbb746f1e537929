"""One way to say a thing: every message pmpath shows is a key in the string catalogues
(pmpath.errors.Msg, or a text looked up with pmpath.i18n.T), never English built in the code and
rewritten afterwards. A message written as a literal fails here, with its file and line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pmpath.errors import InputError, Msg
from pmpath.i18n import en, zh

from conftest import ROOT

SAYERS = {
    "InputError",
    "PmpathError",
    "NoTerminalError",
    "OutputExistsError",
    "Interrupted",
    "NoHistory",
    "WorkerDied",
    "ErrorRow",
    "err",
    "err_info",
}
SOURCES = sorted((ROOT / "pmpath").rglob("*.py"))


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _said_in_code(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name not in SAYERS:
            continue
        values = [*node.args, *(k.value for k in node.keywords if k.arg in ("hint", "message"))]
        if name == "ErrorRow":
            values = node.args[1:]  # the first is the file's name
        if any(_literal(v) for v in values):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_no_message_is_written_as_a_literal():
    found = [line for path in SOURCES for line in _said_in_code(path)]
    assert found == [], "say these through the catalogues (Msg):\n" + "\n".join(found)


def _keys_in_code() -> set[str]:
    keys: set[str] = set()
    for path in SOURCES:
        keys |= set(re.findall(r'Msg\(\s*"(\w+)"', path.read_text(encoding="utf-8")))
    return keys - {"lib", "verbatim"}


def test_every_key_the_code_says_is_in_both_catalogues():
    keys = _keys_in_code()
    assert len(keys) > 150
    assert sorted(k for k in keys if k not in en.STRINGS) == []
    assert sorted(k for k in keys if k not in zh.STRINGS) == []


def test_an_error_raised_in_english_is_shown_in_the_language_of_the_moment():
    what = Msg("e_unknown_skill_id")
    located = Msg(
        "e_field", source="a.toml", field="ratings.x", what=what, line=Msg("line_suffix", line=3), more=""
    )
    exc = InputError(located, hint=Msg("h_keep_one"))
    assert exc.message == "a.toml: ratings.x: unknown skill id (line 3)"
    assert exc.said.text("zh") == "a.toml：ratings.x：未知的技能 id（第 3 行）"
    assert exc.hinted is not None and exc.hinted.text("zh") == "保留两个值中的一个。"


@pytest.mark.parametrize(
    ("said", "chinese"),
    [
        ("Permission denied", "权限不足"),
        ("Expecting value", "缺少值"),
        ("Input should be less than or equal to 5", "应小于或等于 5"),
        ("No such option: --bogus", "没有这个选项：--bogus"),
    ],
)
def test_a_library_s_words_are_put_into_chinese(said, chinese):
    assert Msg("lib", text=said).text("zh") == chinese
    assert Msg("lib", text=said).text("en") == said


def test_names_and_paths_pass_through_unchanged():
    said = Msg("e_no_file", source="计划: Q1.toml")
    assert said.text("zh") == "计划: Q1.toml：文件不存在"
    assert said.text("en") == "计划: Q1.toml: no such file"
