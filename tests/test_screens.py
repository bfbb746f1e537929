"""What a person sees (issue 8): the installed pmpath in a pseudo-terminal at 60, 80 and 120
columns, in English and Chinese, rendered by a terminal emulator; plus the wrapping function and
the string catalogues behind the screens."""

from __future__ import annotations

import re

import pytest
from screen import Terminal

from pmpath.i18n import en, zh
from pmpath.text import cells, wrap

from conftest import ROOT

ENTER, DOWN, CTRL_B, CTRL_C = "\r", "\x1b[B", "\x02", "\x03"


def _flat(text: str) -> str:
    return "".join(text.split())


# ------------------------------------------------------------------ wrapping


def test_wrap_english_at_spaces_never_inside_words():
    text = "Plans the research for a module: picks interviews, surveys or focus groups, builds user personas."
    lines = wrap(text, 40, indent="      ", first="  3) ")
    assert all(cells(line) <= 40 for line in lines)
    words = set(text.split())
    for line in lines:
        assert all(word in words for word in line.split()[1 if line.startswith("  3)") else 0 :])


def test_wrap_chinese_by_cells_with_a_hanging_indent():
    text = "为一个模块规划调研：选择访谈、问卷或焦点小组，建立用户画像，区分表面诉求和深层需求。"
    for width in (24, 40, 60):
        lines = wrap(text, width, indent="      ", first="  3) ")
        assert all(cells(line) <= width for line in lines), lines
        assert all(line.startswith("      ") for line in lines[1:])
        assert _flat("".join(lines)).replace("3)", "") == text
        assert not any(line.strip()[:1] in "，。、；：？！）" for line in lines)  # no line starts with them


def test_wrap_keeps_brackets_with_what_they_enclose():
    """An opening bracket never ends a line, a closing one never starts one, even after
    English inside the brackets ("PM）"): rich's own wrapping broke "（Sen / ior PM）"."""
    assert wrap("高级产品经理（Senior PM）", 14) == ["高级产品经理", "（Senior PM）"]
    assert wrap("→ 资深产品经理（Principal PM）", 18) == ["→ 资深产品经理", "（Principal PM）"]
    text = "先读《启示录》与「用户故事地图」，再做（一次）访谈。"
    for width in range(10, 40):
        lines = wrap(text, width)
        assert "".join(lines) == text
        assert not any(line[-1] in "（《「" for line in lines)
        assert not any(line[0] in "）》」，。" for line in lines)


def test_wrap_splits_only_a_word_longer_than_the_line():
    url = "https://professionalprograms.mit.edu/professional-certificate-program-product-management/"
    lines = wrap(f"See {url} today", 40)
    assert all(cells(line) <= 40 for line in lines)
    assert "".join(lines).replace(" ", "") == f"See{url}today"


def test_wrap_whole_gives_a_long_word_its_own_line_uncut():
    path = "/home/lin/programmes/2026-q4/cohort-summary-with-reports.md"
    assert wrap(f"wrote {path} today", 40, whole=True) == ["wrote", path, "today"]
    assert wrap(f"已写入 {path}", 40, whole=True) == ["已写入", path]


def test_cells_counts_wide_characters_twice():
    assert cells("abc") == 3 and cells("产品") == 4 and cells("PM（Senior）") == 12


# ------------------------------------------------------------------ the catalogues


def test_both_languages_have_the_same_keys_and_placeholders():
    assert set(en.STRINGS) == set(zh.STRINGS)
    for key, text in en.STRINGS.items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", zh.STRINGS[key])), key


def test_chinese_interface_text_uses_full_width_punctuation():
    cjk, half = r"[\u4e00-\u9fff]", r"[,;:?()]"
    bad = [t for t in zh.STRINGS.values() if re.search(f"{cjk}{half}|{half}{cjk}", t)]
    assert bad == []


# ------------------------------------------------------------------ screens

ALLOWED_ENGLISH = {
    "CPO", "KPI", "PRD", "MBA", "PV", "UV", "NPS", "PM", "Senior", "Principal", "Ctrl", "B", "A",
    "pmpath", "assess", "resume", "answers", "template", "skills", "PgUp", "MS", "PhD",
}  # fmt: skip


def _english_words(screen: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]{2,}", screen) if w not in ALLOWED_ENGLISH}


def _answer_profile(term: Terminal, lang: str, name: str = "Pat") -> None:
    term.wait_for("名字" if lang == "zh" else "name")
    # name, years, managing (0), a degree, network, business model (Enter alone: not sure)
    for keys in (name, "7", "", " ", "1,200", ""):
        term.send(keys + ENTER)
        term.settle(quiet=0.2)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("cols", [60, 80, 120])
def test_a_skill_question_shows_every_option_whole_and_leaves_one_line(tmp_path, catalog, cols, lang):
    term = Terminal(tmp_path, "assess", "--lang", lang, cols=cols, rows=60)
    _answer_profile(term, lang, "张三" if lang == "zh" else "Pat")
    first = catalog.skills[0]
    screen = term.wait_for(first.anchors.get(lang)[0][:8])
    for anchor in first.anchors.get(lang):  # all five, nothing cut at the edge
        assert _flat(anchor) in _flat(screen), (anchor, screen)
    if lang == "zh":
        assert _english_words(screen) == set(), screen
    assert max(cells(line) for line in screen.splitlines()) <= cols
    term.send("3" + ENTER)
    screen = term.wait_for(catalog.skills[1].anchors.get(lang)[0][:8])
    echo = [line for line in screen.splitlines() if line.startswith("✔ " + first.name.get(lang))]
    assert len(echo) == 1 and re.search(r"[:：] ?3 · ", echo[0])  # one line: skill, rating, label
    above = screen.split("2/14")[0].replace(echo[0], "")
    for anchor in first.anchors.get(lang):  # nothing else of the question remains
        assert _flat(anchor)[:12] not in _flat(above), (anchor, above)
    term.send(CTRL_C)
    term.close()


@pytest.mark.slow
def test_ctrl_b_goes_back_one_question(tmp_path, catalog):
    term = Terminal(tmp_path, "assess", cols=80)
    _answer_profile(term, "en")
    first, second = catalog.skills[0], catalog.skills[1]
    term.wait_for(first.anchors.en[0][:20])
    term.send("2" + ENTER)
    term.wait_for(second.anchors.en[0][:20])
    assert f"✔ {first.name.en}: 2 · " in term.text()
    term.send(CTRL_B)
    screen = term.wait_for(first.anchors.en[4][:20])  # the first skill is asked again ...
    assert f"✔ {first.name.en}" not in screen  # ... and its old answer is gone from the screen
    term.send("4" + ENTER)
    term.wait_for(f"✔ {first.name.en}: 4 · ")
    term.send(CTRL_C)
    term.close()


@pytest.mark.slow
def test_resume_continues_in_chinese_without_lang(tmp_path):
    term = Terminal(tmp_path, "assess", "--lang", "zh", cols=80)
    _answer_profile(term, "zh", "张三")
    term.wait_for("技能 1 / 14")
    term.send(CTRL_C)
    term.settle()
    assert term.close() == 130
    again = Terminal(tmp_path, "assess", "--resume", cols=80)
    screen = again.wait_for("技能 1 / 14")
    assert "继续作答" in screen and _english_words(screen) == set(), screen
    again.send(CTRL_C)
    again.settle()
    assert again.close() == 130


@pytest.mark.slow
def test_the_review_step_changes_an_answer_and_the_report_follows(tmp_path):
    term = Terminal(tmp_path, "assess", "--no-pager", cols=100, rows=60)
    _answer_profile(term, "en")
    for n in range(1, 15):
        term.wait_for(f"Skill {n} of 14")
        term.send("4" + ENTER)
    screen = term.wait_for("All correct")
    assert "Years in product: 7" in screen
    term.send(DOWN * 2 + ENTER)  # the second answer: years in product
    term.wait_for("Years in product roles")
    term.send("\x7f" * 3 + "3" + ENTER)
    screen = term.wait_for("All correct")
    assert "Years in product: 3" in screen
    term.send(ENTER)
    term.wait_for("Save your answers")
    text = " ".join(term.transcript().split("All correct")[-1].split())
    assert "(you have 3)" in text and "Level: Product Manager" in text  # 3 years: PM, not Principal
    term.send("n")
    term.settle()
    term.send("n")
    term.wait_for("for your evidence log")  # all 4s meet Senior PM's bar
    term.send(ENTER)  # one keypress skips noting examples
    assert term.close() == 0


@pytest.mark.slow
@pytest.mark.parametrize("cols", [60, 80])
def test_the_raters_questionnaire_in_chinese_is_whole_and_chinese(tmp_path, catalog, cols):
    """pmpath review --lang zh: role, name, then a skill about that person with "can't judge"."""
    term = Terminal(tmp_path, "review", "--lang", "zh", cols=cols, rows=60)
    screen = term.wait_for("你与被评价人的关系")
    assert _english_words(screen) == set(), screen
    term.send("2" + ENTER)  # a peer: never asked their own name (issue 41)
    term.wait_for("对方的名字")
    term.send("李雷" + ENTER)
    first = next(s for g in catalog.groups for s in catalog.skills if s.group == g.id)
    screen = term.wait_for(first.anchors.zh[0][:8])
    assert "李雷平时的做法" in _flat(screen) and "无法判断" in screen
    for anchor in first.anchors.zh:
        assert _flat(anchor) in _flat(screen), (anchor, screen)
    assert _english_words(screen) == set(), screen
    assert max(cells(line) for line in screen.splitlines()) <= cols
    term.send("0" + ENTER)  # can't judge
    screen = term.wait_for("✔ " + first.name.zh)
    assert "无法判断" in screen.split("✔ " + first.name.zh)[1].splitlines()[0]
    term.send(CTRL_C)
    term.settle()
    assert "已中断" in term.text() and term.close() == 130


# ------------------------------------------------------------------ the cohort's people table


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("cols", [60, 80, 120])
def test_the_cohort_people_table_keeps_names_and_gaps_whole(tmp_path, catalog, lang, cols):
    """Each gap ("Strategy 2→3") on a line of its own, never split; a level name breaks only
    between its words (or before its bracketed English name), never inside one."""
    from pmpath.batch import Extra, find_reviews
    from pmpath.cohort import PersonRow, review_key
    from pmpath.discovery import expand
    from pmpath.i18n import words

    from conftest import assess_all

    cohort = str(ROOT / "examples" / "cohort")
    term = Terminal(tmp_path, "cohort", cohort, "--lang", lang, cols=cols, rows=200)
    c = words("c_", lang)
    term.wait_for(c("levels"))  # the first run builds the catalogue cache before printing
    lines = term.settle().splitlines()
    assert max(cells(line) for line in lines) <= cols
    top = next(i for i, line in enumerate(lines) if line.strip() == c("people"))
    end = next(i for i, line in enumerate(lines) if line.strip() == c("levels"))
    table = lines[top:end]
    shown = "\n".join(table)
    found = tuple(find_reviews(expand([cohort]), catalog))
    reviews = {review_key("Sofia Rossi", None): found}  # placed as the cohort does (by name_key)
    rows = [r for b in assess_all(expand([cohort]), catalog, None, 1, None, Extra(reviews)) for r in b.rows]
    people = [r for r in rows if isinstance(r, PersonRow)]
    assert len(people) == 7
    header = next(line for line in table if c("gaps") in line)
    room = cols - cells(header[: header.index(c("gaps"))]) - 1  # the gaps column, to the edge
    for person in people:
        for skill, have, need in person.gaps:
            item = f"{catalog.skill(skill).name.get(lang)} {have}→{need}"
            if cells(item) <= room:
                assert any(item in line for line in table), (item, shown)
            else:  # wrapped, but only between words
                assert all(any(word in line for line in table) for word in item.split()), (item, shown)
        for level in filter(None, (person.level, person.next_level)):
            for part in re.split(r"\s+|(?=（)", catalog.level(level).name.get(lang)):
                assert not part or any(part in line for line in table), (part, shown)


@pytest.mark.parametrize("width", [20, 40, 60])
def test_a_long_web_address_breaks_only_after_a_separator(width, catalog):
    from pmpath.render.terminal import url_lines

    for course in catalog.courses:
        if not course.url:
            continue
        lines = url_lines(course.url, width)
        assert "".join(lines) == course.url
        assert all(cells(line) <= width for line in lines)
        parts = [p for p in re.split(r"(?<=[/?&-])", course.url) if p]
        if all(cells(p) <= width for p in parts):  # only a part wider than a line is ever cut
            assert all(line[-1] in "/?&-" for line in lines[:-1]), lines


@pytest.mark.slow
def test_the_report_shows_each_course_address_whole_at_60_columns(tmp_path, catalog):
    """On the screen a person reads: every address of the roadmap's courses is there whole,
    read across its lines, and no line of it ends inside a word."""
    term = Terminal(
        tmp_path,
        "assess",
        "-a",
        str(ROOT / "examples" / "alice.toml"),
        "--no-pager",
        "--no-history",
        cols=60,
        rows=400,
    )
    term.settle()
    lines = [line.strip() for line in term.text().splitlines()]
    shown = []
    for n, line in enumerate(lines):
        if line.startswith("http"):
            url = line
            k = n
            while url[-1] in "/?&-" and k + 1 < len(lines) and lines[k + 1] and " " not in lines[k + 1]:
                k += 1
                url += lines[k]
            shown.append(url)
    known = {c.url for c in catalog.courses if c.url}
    assert shown and all(url in known for url in shown), shown
    assert any(len(url) > 56 for url in shown)  # at least one had to break
    term.close()
