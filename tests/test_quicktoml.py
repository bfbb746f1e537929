"""The answers-file TOML parser: where it answers, its answer is tomllib's, to the type.

Its speed is why a cohort beats merely parsing with tomllib; its safety is that it never says
yes where tomllib says no, and never reads a value differently. The documents below are built
from the syntax answers files use, from syntax it must hand over to tomllib, and from both
damaged by inserting, deleting and repeating characters that matter to TOML.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmpath import quicktoml

from conftest import ROOT

ws = st.sampled_from(["", " ", "  ", "\t", " \t"])
keys = st.sampled_from(["name", "years", "a", "b", "strategy", "x-y", "a_b", "1", "true", "inf"])
text_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\"\\'")
plain = st.text(text_chars, max_size=8)
# what a TOML string may hold: no control character but tab (built so rather than filtered)
no_control = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\"\\'")
allowed = st.one_of(no_control, st.just("\t"))
basic = st.text(allowed, max_size=8)

digits = st.text("0123456789", min_size=1, max_size=20)
integer = st.builds(lambda sign, d: sign + d, st.sampled_from(["", "-", "+"]), digits)
floating = st.builds(lambda i, f: f"{i}.{f}", integer, digits)
boolean = st.sampled_from(["true", "false", "True", "tru"])
string = st.one_of(
    basic.map(lambda s: f'"{s}"'),
    basic.map(lambda s: f"'{s}'"),
    plain.map(lambda s: f'"{s}"'),  # control characters: tomllib refuses, and so must this parser
)
array = st.builds(
    lambda items, spaces, trailing: (
        "[" + spaces + ("," + spaces).join(items) + ("," if trailing else "") + "]"
    ),
    st.lists(string, max_size=3),
    ws,
    st.booleans(),
)
handed_over = st.sampled_from(  # TOML this parser does not read: tomllib must get it
    ['"a\\nb"', '"\\u00e9"', "0x1F", "1e5", "1_000", "{ a = 1 }", "1979-05-27", '"""x"""', "[1, 2]",
     "inf", "nan", "[[\"a\"]]", '["a" "b"]', "01", "'''x'''", "[\n\"a\"]"]
)  # fmt: skip
value = st.one_of(integer, floating, boolean, string, array, handed_over)
comment = st.one_of(st.just(""), plain.map(lambda s: " #" + s), st.just(" # ok"))


@st.composite
def statement(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["key", "key", "key", "table", "blank", "comment", "odd"]))
    lead, mid = draw(ws), draw(ws)
    if kind == "key":
        return f"{lead}{draw(keys)}{mid}={draw(ws)}{draw(value)}{draw(ws)}{draw(comment)}"
    if kind == "table":
        name = draw(st.sampled_from(["profile", "ratings", "review", "a"]))
        return f"{lead}[{mid}{name}{draw(ws)}]{draw(comment)}"
    if kind == "comment":
        return f"{lead}#{draw(plain)}"
    if kind == "odd":  # quoted and dotted keys, array tables, dotted tables
        return draw(st.sampled_from(['"a b" = 1', "a.b = 1", "[[a]]", "[a.b]", '["a"]', "a = ", "= 1"]))
    return lead


@st.composite
def document(draw: st.DrawFn) -> str:
    lines = draw(st.lists(statement(), max_size=12))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


def _agree(text: str) -> dict[str, object] | None:
    """Assert the two parsers agree on `text`; the fast answer (None: handed over)."""
    try:
        expected: dict[str, object] | None = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        expected = None
    quick = quicktoml.loads(text)
    if expected is None:
        assert quick is None, f"accepted what tomllib refuses: {text!r}"
    elif quick is not None:
        # repr, not ==: 1 == 1.0 and 0.0 == -0.0, but an int is not a float to a schema
        assert repr(quick) == repr(expected), text
    return quick


@given(document())
def test_it_agrees_with_tomllib(text):
    _agree(text)


damage = st.sampled_from(list("\r\n\t\x00\x1f\x7f \"'=#[].,\\-+_0a\u00e9\u4e2d\ufeff"))


@given(document(), st.lists(st.tuples(st.integers(0, 400), st.integers(0, 2), damage), max_size=4))
def test_it_agrees_with_tomllib_on_damaged_documents(text, edits):
    for where, how, char in edits:
        at = where % (len(text) + 1)
        if how == 0:
            text = text[:at] + char + text[at:]
        elif how == 1:
            text = text[:at] + text[at + 1 :]
        else:
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            text = text[:line_end] + "\n" + text[line_start:line_end] + text[line_end:]
    _agree(text)


ANSWER_VALUES = st.one_of(
    st.integers(-(10**17), 10**17).map(str),
    st.sampled_from(["+5", "true", "false", "6.5", "-0.25", '["mba", "ms_cs"]', "[]"]),
    basic.map(lambda s: f'"{s}"'),
    basic.map(lambda s: f"'{s}'"),
)
ANSWER_COMMENTS = st.one_of(st.just(""), basic.map(lambda s: " # " + s))


@st.composite
def answers_like(draw: st.DrawFn) -> str:
    """What answers files are: unique tables and keys, the value forms this parser reads."""
    out = []
    for table in draw(st.lists(st.sampled_from(["profile", "ratings", "review"]), unique=True)):
        out.append(f"[{table}]")
        for key in draw(st.lists(keys, unique=True)):
            out.append(f"{key} = {draw(ANSWER_VALUES)}{draw(ANSWER_COMMENTS)}")
    return "\n".join(out) + "\n"


@given(answers_like())
def test_it_reads_what_answers_files_use_without_tomllib(text):
    assert _agree(text) is not None, text


def test_the_shipped_answer_files_and_the_template_are_read_fast(tmp_path):
    import subprocess
    import sys

    files = sorted((ROOT / "examples").rglob("*.toml"))
    answers = [f for f in files if "ladders" not in f.parts or f.name == "sample.toml"]
    assert len(answers) >= 5
    for path in answers:
        assert _agree(path.read_text(encoding="utf-8")) is not None, path
    exe = str(Path(sys.executable).parent / "pmpath")
    for lang in ("en", "zh"):
        made = subprocess.run([exe, "template", "--lang", lang], capture_output=True, text=True, check=True)
        assert _agree(made.stdout) is not None, lang


@pytest.mark.parametrize(
    "text",
    [
        "a = 1\na = 2\n",  # a key twice
        "[a]\n[a]\n",  # a table twice
        "a = 1\n[a]\n",  # a table over a key
        "a = 1\r",  # a lone CR at the end
        "a = 1\rb = 2\n",  # a lone CR inside
        "a = 1\r\r\n",
        "a = 007\n",  # leading zeros
        'a = "x\x01"\n',  # a control character in a string
        "# \x00\n",  # ... and in a comment
        'a = "b" "c"\n',
        'a = ["x",,]\n',
        "\ufeffa = 1\n",  # a BOM is the decoder's business
        "a = 1 b = 2\n",
    ],
)
def test_what_it_refuses_it_hands_to_tomllib(text):
    assert quicktoml.loads(text) is None


def test_values_keep_their_types():
    got = quicktoml.loads("[p]\na = -0\nb = +7\nc = 1.50\nd = -0.0\ne = true\nf = 'x\"y'\ng = [ ]\n")
    assert got is not None and repr(got) == repr(tomllib.loads(
        "[p]\na = -0\nb = +7\nc = 1.50\nd = -0.0\ne = true\nf = 'x\"y'\ng = [ ]\n"))  # fmt: skip
    assert repr(got["p"]["d"]) == "-0.0" and got["p"]["c"] == 1.5 and type(got["p"]["a"]) is int
