"""Chinese typesetting, held on every renderer: a Chinese report, cohort and catalogue in the
terminal (60, 80 and 120 columns), Markdown and HTML put full-width punctuation beside Chinese
(pmpath.typeset owns the marks, pmpath.text.wrap the line breaks), and English keeps its own."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pmpath.i18n import T
from pmpath.text import cells

from conftest import ROOT

CJK = "\u4e00-\u9fff"
HALF_BESIDE_CHINESE = re.compile(rf"[{CJK}）][,;:!?(]|[,;:!?)][{CJK}]|[{CJK}] \(|\) [{CJK}]")
"""A half-width comma, colon, semicolon or bracket touching Chinese. (A published English name
ending in its own bracket may meet a full-width one: `(Executive Education)（英文授课）`.)"""
OTHERS = ("张美 (Mei Zhang)",)
"""Names as people wrote them in the example files: theirs to punctuate."""
ONE = str(ROOT / "examples" / "cohort" / "01-lin-wei.toml")
COHORT = str(ROOT / "examples" / "cohort")


def _plain(text: str) -> str:
    """What a reader reads: no URLs, code spans, Markdown link targets or HTML tags."""
    text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\]\([^)]*\)|https?://\S+|`[^`]*`", " ", text)
    for name in OTHERS:
        text = text.replace(name, " ")
    return text


def _slips(text: str) -> list[str]:
    return [line.strip() for line in _plain(text).splitlines() if HALF_BESIDE_CHINESE.search(line)]


@pytest.mark.pty  # _in_a_terminal drives a pseudo-terminal
@pytest.mark.parametrize("cols", ["60", "80", "120"])
@pytest.mark.parametrize(
    "line",
    [
        ["assess", "-a", ONE, "--no-history", "--no-pager"],
        ["cohort", COHORT, "--jobs", "1"],
        ["levels"],
        ["skills"],
        ["courses"],
    ],
    ids=["report", "cohort", "levels", "skills", "courses"],
)
def test_the_terminal_sets_chinese_with_full_width_marks(tmp_path, line, cols):
    printed = _in_a_terminal(tmp_path, [*line, "--lang", "zh"], int(cols))
    assert _slips(printed) == []


def _in_a_terminal(tmp_path: Path, args: list[str], cols: int) -> str:
    """What a terminal of `cols` columns shows, as printed (a pipe would always get 80: COLUMNS
    never reshapes piped output, so a width test needs a real terminal)."""
    from screen import Terminal

    term = Terminal(tmp_path, *args, cols=cols, rows=50)
    term.settle()
    assert term.close() in (0, 1)
    printed = term.transcript()
    from rich.cells import cell_len

    widest = max(cell_len(line.rstrip()) for line in printed.splitlines())
    assert widest <= cols, widest
    if args[0] == "assess" and cols > 80:
        assert widest > 80, widest  # the report's tables take the room: drawn at this width, not a pipe's 80
    return printed


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(
    "line",
    [["assess", "-a", ONE, "--no-history"], ["cohort", COHORT, "--jobs", "1"]],
    ids=["report", "cohort"],
)
def test_pages_set_chinese_with_full_width_marks(invoke, line, fmt):
    done = invoke(*line, "--lang", "zh", "--format", fmt)
    assert done.exit_code in (0, 1), done.stderr
    assert _slips(done.stdout) == []


def test_english_keeps_its_own_marks(invoke):
    text = invoke("assess", "-a", ONE, "--no-history", "--no-pager").stdout
    assert "（" not in text and "，" not in text and "、" not in text
    assert " (" in text and ", " in text


def test_json_is_the_same_whatever_the_language(invoke, tmp_path):
    """Issue 22's decision, stated in the schemas: JSON is language-neutral. Every JSON output
    (report, cohort, history, progress) is byte for byte the same in an English and a Chinese run."""
    from pmpath.catalog import load_catalog
    from pmpath.render.schema import NEUTRAL, cohort_schema, report_schema

    assert invoke("assess", "-a", ONE, "-f", "json").exit_code == 0  # a run for history and progress
    for line in (
        ["assess", "-a", ONE, "--no-history", "-f", "json"],
        ["cohort", COHORT, "--jobs", "1", "-f", "json"],
        ["history", "-f", "json"],
        ["progress", "-f", "json"],
    ):
        english, chinese = (invoke(*line, "--lang", lang).stdout for lang in ("en", "zh"))
        assert english and english == chinese, line
    assert report_schema()["description"] == NEUTRAL == cohort_schema(load_catalog())["description"]


def test_the_roadmap_says_its_years_rest_on_western_bands(invoke):
    """Issue 22: a figure resting on Western data says so, in both languages; a company ladder's
    years are its own and get no such line."""
    from pmpath.i18n import T

    for lang in ("en", "zh"):
        text = " ".join(
            invoke("assess", "-a", ONE, "--no-history", "--no-pager", "--lang", lang).stdout.split()
        )
        assert " ".join(T("r_years_basis", lang).split()) in text.replace("晋升 周期", "晋升周期")
    gitlab = str(ROOT / "examples" / "ladders" / "gitlab")
    other = invoke("assess", "-a", ONE, "--no-history", "--no-pager", "--ladder", gitlab)
    assert "Hustle Badger" not in other.stdout


@pytest.mark.parametrize(
    "line",
    [
        ["progress"],
        ["progress", "--format", "md"],
        ["history"],
        ["evidence", "list"],
        ["evidence", "list", "--format", "md"],
        ["packet"],
        ["packet", "--format", "md"],
        ["packet", "--format", "html"],
    ],
    ids=[
        "progress",
        "progress-md",
        "history",
        "evidence",
        "evidence-md",
        "packet",
        "packet-md",
        "packet-html",
    ],
)
def test_the_coach_sets_chinese_with_full_width_marks(invoke, tmp_path, line):
    """Two runs a quarter apart (one skill moved, one review), evidence with a metric and a link:
    every page of the coach in Chinese, with no half-width mark beside Chinese."""
    assert invoke("assess", "-a", ONE, "-f", "json").exit_code in (0, 1)
    later = tmp_path / "later.toml"
    later.write_text(Path(ONE).read_text().replace("requirements = 2", "requirements = 3"))
    review = tmp_path / "manager.toml"
    review.write_text('[review]\nabout = "Lin Wei"\nrole = "manager"\n\n[ratings]\nexecution = 3\n')
    assert invoke("assess", "-a", str(later), "--review", str(review), "-f", "json").exit_code in (0, 1)
    added = invoke(
        "evidence",
        "add",
        "execution",
        "按期上线搜索 v2",
        "--metric",
        "转化率 2.1% → 2.6%",
        "--link",
        "https://example.com/a",
    )
    assert added.exit_code == 0, added.stderr
    done = invoke(*line, "--lang", "zh")
    assert done.exit_code == 0, done.stderr
    assert _slips(done.stdout) == [], done.stdout


@pytest.mark.pty  # _in_a_terminal drives a pseudo-terminal
@pytest.mark.parametrize("cols", ["60", "80", "120"])
def test_no_line_of_the_chinese_report_opens_with_a_closing_mark(tmp_path, cols):
    """The typesetting rule every paragraph keeps (pmpath.text.wrap): 、，。）；： never start a
    line. The roadmap's course lines were wrapped by rich and broke it ("…资源调配\\n、决策")."""
    for answers in (ONE, str(ROOT / "examples" / "alice.toml")):
        args = ["assess", "-a", answers, "--no-history", "--no-pager", "--lang", "zh"]
        printed = _in_a_terminal(tmp_path, args, int(cols))
        opening = [line for line in printed.splitlines() if re.match(r"\s*[、，。）；：]", line)]
        assert opening == [], opening


@pytest.mark.parametrize("cols", [60, 80, 120])
def test_the_review_questionnaire_sets_chinese_on_every_screen(tmp_path, cols):
    """A rater's questionnaire in Chinese, seen through a terminal emulator at each width: every
    screen (role, names, each skill's five behaviours, the answers listed again, the save) keeps
    full-width marks beside Chinese, opens no line with a closing mark, and the last list says
    it saves the review (it said "或继续查看报告" — a rater gets no report)."""
    from screen import Terminal

    term = Terminal(tmp_path, "review", "--lang", "zh", cols=cols, rows=60)
    screens = [term.wait_for("你与被评价人的关系")]
    for keys, then in [("1\r", "对方的名字"), ("林伟\r", "你的名字"), ("\r", "1/14")]:
        term.send(keys)
        screens.append(term.wait_for(then))
    for n in range(2, 15):
        term.send("3\r")
        screens.append(term.wait_for(f"{n}/14"))
    term.send("0\r")  # the last skill: can't judge
    screens.append(term.wait_for("你的评价。可以修改任意一项，或直接保存"))
    term.send("\r")
    screens.append(term.wait_for("评价文件"))
    term.send("\r")
    term.settle()
    screens.append(term.text())
    assert term.close() == 0
    for screen in screens:
        # a choice's key ("» 1) 我是其上级") is questionary's shortcut label, not punctuation
        screen = re.sub(r"(?m)^(\s*»?\s*)\d\) ", r"\1", screen)
        assert _slips(screen) == [], screen
        assert not re.search(rf"[{CJK}？。！：] （", screen), screen  # questionary's space before a gloss
        opening = [line for line in screen.splitlines() if re.match(r"\s*[、，。）；：]", line)]
        assert opening == [], screen
        assert "查看报告" not in screen and "查看我的报告" not in screen
    import tomllib

    (saved,) = tmp_path.glob("review-*manager.toml")
    data = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert data["review"]["about"] == "林伟" and len(data["ratings"]) == 13  # one could not be judged


# ------------------------------------------------------------------ spacing where a value meets the text

HAN = re.compile(rf"[{CJK}]")


def _fields(template: str) -> list[str]:
    import string

    return [f for _, f, _, _ in string.Formatter().parse(template) if f]


def _seams(text: str, value: str) -> list[tuple[str, str]]:
    """The text just before and just after each place `value` was filled in."""
    found = []
    for match in re.finditer(re.escape(value), text):
        found.append((text[max(0, match.start() - 2) : match.start()], text[match.end() : match.end() + 2]))
    return found


@pytest.mark.parametrize("value", ["王芳", "Alice Chen", "97531"], ids=["han", "latin", "digits"])
def test_every_chinese_message_spaces_its_values_by_the_glossary(value):
    """ZH-GLOSSARY: a space between Chinese and Latin letters or digits, always; none between
    Chinese and Chinese. A value may be either (a name is 王芳 or Alice Chen), so the spacing
    where it meets the message is decided as it is filled in, in every message of the catalogue.
    Only the seams are checked: the message's own text keeps its own spacing."""
    from pmpath.i18n import T, catalogue

    han = bool(HAN.match(value))
    checked = 0
    for key, template in catalogue("zh").items():
        fields = _fields(template)
        if not fields or value in template:
            continue
        text = T(key, lang="zh", **dict.fromkeys(fields, value))
        for before, after in _seams(text, value):
            if han:  # Han meets Han with no space between
                assert not (before[-2:-1] and HAN.match(before[-2]) and before[-1] == " "), (key, text)
                assert not (after[1:2] and after[0] == " " and HAN.match(after[1])), (key, text)
            else:  # Latin or digits meet Han with a space between
                assert not (before and HAN.match(before[-1])), (key, text)
                assert not (after and HAN.match(after[0])), (key, text)
        checked += 1
    assert checked >= 300  # every message with a placeholder (300 today)


def test_names_meet_chinese_spaced_by_what_they_are():
    from pmpath.i18n import T

    said = dict(id=1, skill="战略思维", date="2026-12-03")
    assert (
        T("i_ev_added", lang="zh", name="王芳", **said) == "已为王芳记录第 1 条成果：战略思维，2026-12-03。"
    )
    assert T("i_ev_added", lang="zh", name="Alice Chen", **said).startswith("已为 Alice Chen 记录第 1 条")
    assert T("rv_send", lang="zh", name="Alice", path="r.toml").startswith("把 r.toml 发给 Alice；")
    assert T("rv_send", lang="zh", name="王芳", path="r.toml").startswith("把 r.toml 发给王芳；")
    assert T("e_no_runs_for", lang="zh", name="王芳") == "历史记录中没有王芳的记录"
    assert T("q_skill", lang="zh", n=1, total=14, name="战略思维") == "1/14 战略思维"
    assert T("i_ev_added", lang="en", name="王芳", **said) == "Logged entry 1 for 王芳: 战略思维, 2026-12-03."


@pytest.mark.pty  # a questionnaire in a pseudo-terminal
@pytest.mark.parametrize(
    ("lang", "cols", "asked"),
    [
        ("zh", "60", "哪几项现在能举出你做过的事"),
        ("en", "60", "Which can you evidence now"),
        ("en", "80", "Which can you evidence now"),
    ],
)
def test_the_evidence_pick_list_is_whole_at_its_width(tmp_path, lang, cols, asked):
    """The pick list's question and how to answer it fit one line: clipped, "回车确认；可以不选"
    was cut to "回车…" at 60 columns, leaving a person to guess how to go on."""
    from screen import Terminal

    term = Terminal(tmp_path, "assess", "--lang", lang, cols=int(cols), rows=40)
    for keys in ("Lin\r", "9\r", "2\r", "\r", "500\r", "\r", *["4\r"] * 14, "\r"):
        term.send(keys)
        term.settle(quiet=0.2)
    for _ in range(2):  # no to saving the answers and exporting the plan
        term.send("n")
        term.settle(quiet=0.2)
    term.send("y")
    screen = term.wait_for(asked)
    (line,) = [row for row in screen.splitlines() if asked in row]
    assert "…" not in line and line.rstrip().endswith(("）", ")")), line
    term.send("\x03")
    term.close()


@pytest.mark.pty  # the terminal's own width: a pipe never wraps
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_note_wider_than_the_terminal_wraps_between_words(tmp_path, lang):
    """A note on stderr wider than the terminal was folded by the terminal itself, mid-word
    ("PMPATH_ANONYM" / "IZE_KEY" at 60 columns); now it breaks at a space, or between two
    Chinese characters, and no line opens with a closing mark."""
    printed = _in_a_terminal(tmp_path, ["cohort", COHORT, "--jobs", "1", "--anonymize", "--lang", lang], 60)
    lines = [line.rstrip() for line in printed.splitlines() if line.strip()]
    assert any("PMPATH_ANONYMIZE_KEY" in line for line in lines), printed
    last = "to quarter" if lang == "en" else "可让化名跨季度保持不变"
    assert any(line.startswith(("PMPATH_ANONYMIZE_KEY", "可让")) and line.endswith(last) for line in lines), (
        printed
    )


@pytest.mark.pty  # a questionnaire in a pseudo-terminal
def test_a_chinese_prompt_sets_its_gloss_without_a_space(tmp_path):
    """questionary puts a space between a question and its instruction: in Chinese that gave
    "保留原答案 （Y 是 / n 否）". A yes/no, the pick list and a line to type now read
    "…？（Y 是 / n 否）" with the bracket against the text it glosses."""
    from screen import Terminal

    gap = re.compile(rf"[{CJK}？。！：] （")
    term = Terminal(tmp_path, "assess", "--lang", "zh", cols=80, rows=40)
    for keys in ("Lin\r", "9\r", "2\r", "\r", "500\r", "\r", *["4\r"] * 14, "\r"):
        term.send(keys)
        term.settle(quiet=0.2)
    screens = [term.wait_for("把答案保存到文件")]
    term.send("n")
    screens.append(term.wait_for("导出"))
    term.send("n")
    screens.append(term.wait_for("存入成果记录吗"))
    term.send("y")
    screens.append(term.wait_for("（空格选择，回车继续）"))
    term.send(" ")  # tick the first, so that a line is asked for
    term.settle(quiet=0.2)
    term.send("\r")
    screens.append(term.wait_for("你做过的一件事"))
    for screen in screens:
        asked = screen[screen.rindex("? ") :]  # the open question, to the end of the screen
        assert "（" in asked, screen
        assert not gap.search("".join(line.rstrip() for line in screen.split("\n"))), (
            screen
        )  # over a fold too
    term.send("\x03")
    term.close()


@pytest.mark.pty  # a questionnaire in a pseudo-terminal
@pytest.mark.parametrize(
    ("lang", "asked", "keys"),
    [("en", "Save your answers", "(Y/n)"), ("zh", "把答案保存到文件", "（Y 是 / n 否）")],
)
def test_a_yes_no_question_wraps_at_words_and_keeps_its_keys_whole(tmp_path, lang, asked, keys):
    """prompt_toolkit folded a question wherever the screen ended ("…scr" / "ipt this later?
    (Y/n)", "(Y" / "/n)"); now it wraps at words (Chinese between characters) under a hanging
    indent, and the answer keys stay on one line."""
    from screen import Terminal

    term = Terminal(tmp_path, "assess", "--lang", lang, cols=40, rows=40)
    for key in ("Lin\r", "9\r", "2\r", "\r", "500\r", "\r", *["4\r"] * 14, "\r"):
        term.send(key)
        term.settle(quiet=0.2)
    rows = term.wait_for(asked).rstrip().splitlines()
    lines = rows[max(i for i, row in enumerate(rows) if row.startswith("? ")) :]
    screen = "\n".join(rows)
    message = T("offer_answers", lang=lang)
    assert len(lines) > 1 and all(cells(line.rstrip()) <= 40 for line in lines), screen
    assert all(line.startswith("  ") for line in lines[1:]), screen  # the hanging indent
    assert lines[-1].rstrip().endswith(keys), screen
    sep = " " if lang == "en" else ""
    assert sep.join(line.strip() for line in lines)[2:] == f"{message}{' ' if lang == 'en' else ''}{keys}"
    term.send("\x03")
    term.close()


@pytest.mark.pty  # a questionnaire in a pseudo-terminal
def test_the_line_to_type_wraps_its_question_at_words(tmp_path):
    """The evidence line's question was folded by prompt_toolkit mid-word at 60 columns
    ("…and what i" / "t changed  (Enter alone skips)"); it wraps at words like a yes/no."""
    from screen import Terminal

    term = Terminal(tmp_path, "assess", cols=60, rows=40)
    for key in ("Lin\r", "9\r", "2\r", "\r", "500\r", "\r", *["4\r"] * 14, "\r", "n", "n", "y", " ", "\r"):
        term.send(key)
        term.settle(quiet=0.2)
    rows = term.wait_for("(Enter alone skips)").rstrip().splitlines()
    lines = rows[max(i for i, row in enumerate(rows) if row.startswith("? ")) :]
    said = " ".join(line.strip() for line in lines)[2:]
    assert said.endswith("one thing you did and what it changed (Enter alone skips)"), rows
    assert len(lines) == 2 and lines[1].startswith("  "), rows
    term.send("\x03")
    term.close()
